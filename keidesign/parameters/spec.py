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
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
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
    "MAX_QUOTED",
    "split_assignments",
    "overrides_from_text",
]

_SPEC_KEY = "keidesign.spec"
_DONE_KEY = "_keidesign_parameters_"
#: Class attributes of a concept that are never parameters, annotated or not.
_CLASS_ATTRIBUTES = ("name", "title", "defaults", "reference")
#: The most characters of any input a message quotes.
MAX_QUOTED = 200
T = TypeVar("T")


class _ShortRepr(reprlib.Repr):
    """``repr`` that never builds a huge text: long containers and strings are cut before they
    are turned into text, and an integer too long for ``repr`` is described instead."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 4
        self.maxtuple = self.maxlist = self.maxarray = self.maxset = self.maxfrozenset = 60
        self.maxdict = 30
        self.maxstring = self.maxlong = self.maxother = 10 * MAX_QUOTED

    def repr_str(self, x: str, level: int) -> str:
        # reprlib cuts the middle out; keep the start, as the final cut does.
        return repr(x[:self.maxstring])

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 3 * self.maxlong:  # over ~1,800 digits: don't convert it all
            digits = max(1, round(x.bit_length() * math.log10(2)))
            return f"{'-' if x < 0 else ''}<a whole number of about {digits:,} digits>"
        return repr(x)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            text = repr(x)
        except Exception:  # noqa: BLE001 (a failing repr must not hide the message)
            text = f"<{type(x).__name__} object>"
        return text[:self.maxother]


_short_repr = _ShortRepr()


def quote(value: object) -> str:
    """``repr(value)``, cut to at most 200 characters (a pasted file is not echoed whole).

    Long strings, containers and integers are cut before they are turned into text, so quoting
    a 10⁷-element list or ``10**100000`` costs no more than quoting a short one.
    """
    if isinstance(value, np.ndarray):
        try:
            text = np.array2string(value, threshold=20, edgeitems=3, separator=", ")
        except ValueError:  # an object array holding an integer too long for repr
            text = f"<array of shape {value.shape}, dtype {value.dtype}>"
        else:
            text = f"array({text})" if value.ndim else repr(value)
    else:
        text = _short_repr.repr(value)
    return text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED - 1] + "…"


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

    def _error(self, value: object, where: str = "") -> ParameterError:
        if self.kind == "choice":
            hint = did_you_mean(str(value)[:1000], self.choices) if isinstance(value, str) \
                else ""
            return ParameterError(
                f"{self.name!r} must be {self.allowed} (got {quote(value)}{where}){hint}",
                name=self.name, value=value)
        return ParameterError(
            f"{self.name!r} must be within {self.allowed} (got {quote(value)}{where})",
            name=self.name, value=value)

    def _check(self, value: Any, where: str = "", shown: Any = None) -> Any:
        """:meth:`validate`, the one rule for every path: ``where`` ends the quoted value in a
        message (``" in design 17"``), ``shown`` is what is quoted (default: ``value``)."""
        shown = value if shown is None else shown
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise self._error(shown, where)
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(
                f"{self.name!r} must be a number in {self.allowed} (got {quote(shown)}{where})",
                name=self.name, value=shown)
        if isinstance(value, (int, np.integer)):
            # Compared as integers: float() of 10**400 overflows, and the bounds are exact.
            if not (self.minimum <= value <= self.maximum):
                raise self._error(shown, where)
            return int(value) if self.kind == "int" else float(value)
        with np.errstate(over="ignore"):  # a long double beyond float64 becomes inf: refused
            number = float(value)
        if self.kind == "int" and not number.is_integer():  # inf and NaN are not either
            raise ParameterError(
                f"{self.name!r} must be a whole number in {self.allowed} "
                f"(got {quote(shown)}{where})", name=self.name, value=shown)
        if not math.isfinite(number) or not (self.minimum <= number <= self.maximum):
            raise self._error(shown, where)
        return int(number) if self.kind == "int" else number

    def validate(self, value: Any) -> Any:
        """Check one value and return it in its canonical type.

        A number is an ``int`` or a ``float`` (NumPy's included), not a bool, a string, a
        ``Decimal`` or a complex number; a choice is one of the allowed strings.

        Raises:
            ParameterError: the value is of the wrong type or outside the allowed range.
        """
        return self._check(value)

    def _column(self, values: Any) -> np.ndarray | list[Any]:
        """``values`` as a 1-D array or a list, or a :class:`ParameterError` saying why it is
        not a column of values, one per design."""
        what = f"a list or 1-D array of {'numbers in ' if self.kind != 'choice' else ''}" \
               f"{self.allowed}, one value per design"
        if isinstance(values, (str, bytes, bytearray)):
            raise ParameterError(
                f"{self.name!r} must be a column of values, {what} (got the "
                f"{type(values).__name__} {quote(values)}, which would be a design per "
                f"character): give [value] for one design, or the value in fixed for all",
                name=self.name, value=values)
        if isinstance(values, (Mapping, AbstractSet)):
            raise ParameterError(
                f"{self.name!r} must be a column of values, {what} (got a "
                f"{type(values).__name__}, {quote(values)}, which has no order of designs)",
                name=self.name, value=values)
        if isinstance(values, np.ndarray) or (not isinstance(values, Sequence)
                                              and hasattr(values, "__array__")):
            arr = np.asarray(values)
            if arr.ndim != 1:
                got = "a single value" if arr.ndim == 0 else f"an array of shape {arr.shape}"
                raise ParameterError(
                    f"{self.name!r} must be a column of values, {what} (got {got}, "
                    f"{quote(values)})", name=self.name, value=values)
            return arr
        if isinstance(values, Sequence):
            return values if isinstance(values, list) else list(values)
        raise ParameterError(
            f"{self.name!r} must be a column of values, {what} (got the single "
            f"{type(values).__name__} {quote(values)}): give [value] for one design, or the "
            f"value in fixed for all", name=self.name, value=values)

    def validate_array(self, values: Sequence[Any] | np.ndarray) -> np.ndarray:
        """Check a column of values, one per design (a batch, a sweep), and return it as an
        array.

        Accepts exactly what :meth:`validate` accepts, value by value. A NumPy column of
        integers or floats (or, for a choice, of str) is checked at once, without a loop over
        its values.

        Args:
            values: (N,) values: a list, a tuple or a 1-D array (not a string, a set or one
                value).

        Returns:
            (N,) float array (int for an integer parameter, str for a choice).

        Raises:
            ParameterError: ``values`` is not a column, or a value is refused; the message
                names the first refused value and its design (its index in ``values``).
        """
        column = self._column(values)
        if self.kind == "choice":
            if isinstance(column, np.ndarray) and column.dtype.kind == "U":
                ok = np.isin(column, np.asarray(self.choices, dtype=str))
                if not ok.all():
                    i = int(np.argmin(ok))
                    raise self._error(column[i].item(), f" in design {i}")
                return column
            return np.asarray([self._check(v, f" in design {i}") for i, v in enumerate(column)],
                              dtype=str).reshape(len(column))
        if isinstance(column, list) and all(type(v) is float for v in column):
            column = np.asarray(column, dtype=float)  # plain floats: the same rule, at once
        if isinstance(column, np.ndarray) and column.dtype.kind in "iuf":
            if column.dtype.kind == "f":
                with np.errstate(over="ignore"):
                    arr = column.astype(float, copy=False)
                ok = np.isfinite(arr) & (arr >= self.minimum) & (arr <= self.maximum)
                if self.kind == "int":
                    ok &= arr == np.round(arr)
            else:
                arr = column
                ok = (arr >= self.minimum) & (arr <= self.maximum)
            if not ok.all():
                i = int(np.argmin(ok))
                self._check(column[i].item(), f" in design {i}")  # raises: the one message
                raise self._error(column[i].item(), f" in design {i}")  # (never reached)
            return arr.astype(int) if self.kind == "int" else arr.astype(float, copy=False)
        checked = [self._check(v, f" in design {i}") for i, v in enumerate(column)]
        return np.asarray(checked, dtype=int if self.kind == "int" else float).reshape(
            len(checked))

    def parse(self, text: str) -> Any:
        """Parse a value given as text (``--set NAME=VALUE``) and validate it.

        Raises:
            ParameterError: the text is not a value of this parameter (the message quotes the
                text as given).
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
        return self._check(number, shown=text)


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


def split_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """Split ``NAME=VALUE`` strings (the CLI's ``--set``) into name → value text, each name once.

    The one check of ``--set`` for every command, sweeps included: two assignments of one name
    are refused rather than the last one silently winning.

    Raises:
        ParameterError: an assignment is not ``NAME=VALUE`` (a name, ``=``, a value), or a name
            is given twice.
    """
    out: dict[str, str] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        name, text = name.strip(), text.strip()
        if not sep or not name or not text:
            raise ParameterError(f"expected NAME=VALUE (got {quote(item)})", value=item)
        if name in out:
            raise ParameterError(
                f"{quote(name)} is set twice (got {quote(out[name])} and {quote(text)}): give "
                f"each parameter one --set", name=name, value=text)
        out[name] = text
    return out


def overrides_from_text(specs: Mapping[str, ParameterSpec], assignments: Iterable[str],
                        ) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings into validated overrides (see :func:`split_assignments`).

    Raises:
        ParameterError: an assignment is malformed, names an unknown parameter or one already
            set, or has a bad value.
    """
    out: dict[str, Any] = {}
    for name, text in split_assignments(assignments).items():
        if name not in specs:
            raise ParameterError(f"unknown parameter {quote(name)}{did_you_mean(name, specs)}",
                                 name=name, value=text)
        out[name] = specs[name].parse(text)
    return out
