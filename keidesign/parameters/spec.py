"""Declaring concept parameters: units, defaults, allowed ranges, descriptions.

A concept's parameters are a frozen, keyword-only dataclass whose fields are declared with
:func:`length`, :func:`number` or :func:`choice`. The field metadata carries a
:class:`ParameterSpec`, which validates values (at construction and in sweeps), parses them from
text (the CLI's ``--set NAME=VALUE``) and documents them (``keidesign params``).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from keidesign.errors import ParameterError

__all__ = [
    "ParameterSpec",
    "length",
    "number",
    "choice",
    "concept_parameters",
    "parameter_specs",
    "did_you_mean",
    "quote",
]

_SPEC_KEY = "keidesign.spec"
_DONE_KEY = "_keidesign_parameters_"
#: Class attributes of a concept that are never parameters, annotated or not.
_CLASS_ATTRIBUTES = ("name", "title", "defaults", "reference")
_MAX_QUOTED = 200
T = TypeVar("T")


def quote(value: object) -> str:
    """``repr(value)``, cut to at most 200 characters (a pasted file is not echoed whole)."""
    text = repr(value)
    return text if len(text) <= _MAX_QUOTED else text[:_MAX_QUOTED - 1] + "…"


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or ``""``."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True, kw_only=True, slots=True)
class ParameterSpec:
    """What a parameter is and which values it accepts.

    Attributes:
        name: the parameter's name (set when the owning class is built).
        kind: ``"float"``, ``"int"`` or ``"choice"``.
        default: the default value.
        unit: the unit symbol (``"mm"``, ``"kg"``, ``"cc"``, ``"deg"``, ``""`` for a choice).
        minimum: smallest allowed value (inclusive); ``None`` for a choice.
        maximum: largest allowed value (inclusive); ``None`` for a choice.
        choices: the allowed values of a choice parameter.
        description: one line saying what the parameter is.
    """

    name: str = ""
    kind: str
    default: Any
    unit: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    description: str

    @property
    def allowed(self) -> str:
        """The allowed values as text, e.g. ``"1500–2500 mm"`` or ``"one of 'a', 'b'"``."""
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        unit = f" {self.unit}" if self.unit else ""
        return f"{_fmt(self.minimum)}–{_fmt(self.maximum)}{unit}"

    def _error(self, value: object) -> ParameterError:
        if self.kind == "choice":
            hint = did_you_mean(str(value), self.choices)
            return ParameterError(
                f"{self.name!r} must be {self.allowed} (got {quote(value)}){hint}",
                name=self.name, value=value)
        return ParameterError(
            f"{self.name!r} must be within {self.allowed} (got {quote(value)})",
            name=self.name, value=value)

    def validate(self, value: Any) -> Any:
        """Check one value and return it in its canonical type.

        Raises:
            ParameterError: the value is of the wrong type or outside the allowed range.
        """
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise self._error(value)
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(
                f"{self.name!r} must be a number in {self.allowed} (got {quote(value)})",
                name=self.name, value=value)
        original = value
        if self.kind == "int":
            if not math.isfinite(value) or float(value) != int(value):
                raise ParameterError(
                    f"{self.name!r} must be a whole number in {self.allowed} "
                    f"(got {quote(value)})", name=self.name, value=value)
            value = int(value)
        else:
            value = float(value)
        if not math.isfinite(value) or not (self.minimum <= value <= self.maximum):
            raise self._error(original)
        return value

    def validate_array(self, values: Sequence[Any] | np.ndarray) -> np.ndarray:
        """Check many values at once (sweeps) and return them as an array.

        Raises:
            ParameterError: naming the first offending value.
        """
        if self.kind == "choice":
            arr = np.asarray(values, dtype=object)
            bad = [v for v in arr.ravel() if not isinstance(v, str) or v not in self.choices]
            if bad:
                raise self._error(bad[0])
            return arr.astype(str)
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError) as err:
            raise ParameterError(
                f"{self.name!r} must be numbers in {self.allowed} (got {quote(values)})",
                name=self.name, value=values) from err
        ok = np.isfinite(arr) & (arr >= self.minimum) & (arr <= self.maximum)
        if self.kind == "int":
            ok &= arr == np.round(arr)
        if not ok.all():
            raise self._error(arr[~ok].ravel()[0].item())
        return arr.astype(int) if self.kind == "int" else arr

    def parse(self, text: str) -> Any:
        """Parse a value given as text (``--set NAME=VALUE``) and validate it.

        Raises:
            ParameterError: the text is not a value of this parameter.
        """
        text = text.strip()
        if self.kind == "choice":
            return self.validate(text)
        try:
            number = float(text)
        except ValueError as err:
            raise ParameterError(
                f"{self.name!r} must be a number in {self.allowed} (got {quote(text)})",
                name=self.name, value=text) from err
        return self.validate(number)


def _declare(spec: ParameterSpec) -> Any:
    return field(default=spec.default, metadata={_SPEC_KEY: spec})


def length(default: float, minimum: float, maximum: float, description: str) -> Any:
    """Declare a length parameter in millimetres."""
    return _declare(ParameterSpec(kind="float", default=float(default), unit="mm",
                                  minimum=minimum, maximum=maximum, description=description))


def number(default: float, minimum: float, maximum: float, unit: str, description: str,
           *, integer: bool = False) -> Any:
    """Declare a numeric parameter with an explicit unit (``"kg"``, ``"cc"``, ``"deg"`` …)."""
    kind = "int" if integer else "float"
    value = int(default) if integer else float(default)
    return _declare(ParameterSpec(kind=kind, default=value, unit=unit, minimum=minimum,
                                  maximum=maximum, description=description))


def choice(default: str, choices: Sequence[str], description: str) -> Any:
    """Declare a parameter that takes one of a fixed set of strings."""
    return _declare(ParameterSpec(kind="choice", default=default, unit="",
                                  choices=tuple(choices), description=description))


def parameter_specs(cls_or_instance: Any) -> dict[str, ParameterSpec]:
    """The specs of a parameter class, by name, in declaration order."""
    return {f.name: f.metadata[_SPEC_KEY] for f in dataclasses.fields(cls_or_instance)
            if _SPEC_KEY in f.metadata}


def concept_parameters(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen, keyword-only, validated parameter dataclass.

    Unknown keyword arguments raise :class:`ParameterError` with a did-you-mean instead of a bare
    ``TypeError``; every value is validated against its spec, including in
    ``dataclasses.replace``. A class may add cross-parameter checks in ``_check()``.

    A subclass changes inherited defaults with a ``defaults`` class attribute (a mapping of
    parameter name → new default, validated here) and declares new parameters as usual.
    Applying this twice to one class changes nothing.

    Raises:
        ParameterError: ``defaults`` names an unknown parameter or an invalid value.
    """
    if cls.__dict__.get(_DONE_KEY):
        return cls
    inherited = {f.name: f.metadata[_SPEC_KEY] for f in dataclasses.fields(cls)
                 if _SPEC_KEY in f.metadata} if dataclasses.is_dataclass(cls) else {}
    own = cls.__dict__.get("__annotations__")
    if own is None:
        own = {}
        cls.__annotations__ = own
    for reserved in _CLASS_ATTRIBUTES:  # class-level facts, never parameters
        if reserved in own and "ClassVar" not in str(own[reserved]):
            own[reserved] = "ClassVar[Any]"
    for name, value in dict(cls.__dict__.get("defaults") or {}).items():
        spec = inherited.get(name)
        if spec is None:
            raise ParameterError(f"{cls.__name__}.defaults: no parameter {quote(name)}"
                                 f"{did_you_mean(str(name), inherited)}", name=str(name),
                                 value=value)
        spec = dataclasses.replace(spec, default=spec.validate(value))
        own.setdefault(name, "Any")
        setattr(cls, name, field(default=spec.default, metadata={_SPEC_KEY: spec}))
    specs: dict[str, ParameterSpec] = {}

    def __post_init__(self: Any) -> None:
        for name, spec in specs.items():
            object.__setattr__(self, name, spec.validate(getattr(self, name)))
        check = getattr(self, "_check", None)
        if check is not None:
            check()

    # dataclass() only calls a __post_init__ that exists when it runs.
    cls.__post_init__ = __post_init__  # type: ignore[attr-defined]
    cls = dataclass(frozen=True, kw_only=True)(cls)
    for f in dataclasses.fields(cls):
        spec = f.metadata.get(_SPEC_KEY)
        if spec is None:
            continue
        spec = dataclasses.replace(spec, name=f.name)
        specs[f.name] = spec
        # dataclass metadata is a read-only mapping; rebuild it with the named spec.
        f.metadata = type(f.metadata)({**f.metadata, _SPEC_KEY: spec})
    generated_init = cls.__init__

    @functools.wraps(generated_init)
    def __init__(self: Any, **kwargs: Any) -> None:
        unknown = [k for k in kwargs if k not in specs]
        if unknown:
            name = unknown[0]
            raise ParameterError(
                f"{cls.__name__} has no parameter {quote(name)}{did_you_mean(name, specs)}",
                name=name, value=kwargs[name])
        generated_init(self, **kwargs)

    cls.__init__ = __init__  # type: ignore[method-assign]
    setattr(cls, _DONE_KEY, True)
    return cls


def overrides_from_text(specs: Mapping[str, ParameterSpec], assignments: Iterable[str],
                        ) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings into validated overrides.

    Raises:
        ParameterError: an assignment is malformed, names an unknown parameter or has a bad value.
    """
    out: dict[str, Any] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"expected NAME=VALUE (got {quote(item)})", value=item)
        if name not in specs:
            raise ParameterError(f"unknown parameter {quote(name)}{did_you_mean(name, specs)}",
                                 name=name, value=text)
        out[name] = specs[name].parse(text)
    return out
