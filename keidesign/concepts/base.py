"""What every concept shares: parameters, placing its parts, analysis, CAD model and exports.

A concept is a frozen parameter dataclass (see :mod:`keidesign.parameters`) that also knows how
to place its components. Every subclass is made one automatically: declare parameters with
:func:`~keidesign.parameters.length`, :func:`~keidesign.parameters.number` and
:func:`~keidesign.parameters.choice`, change inherited defaults with a ``defaults`` mapping,
and implement :meth:`Concept.place_components`.

``place_components`` reads parameters from any object with the right attributes: the concept
itself for one design, or a :class:`ParameterBatch` of NumPy arrays for a sweep, so one piece of
code serves both. A build derived from another concept calls ``super().place_components(p)``
and edits the :class:`~keidesign.layout.Parts` it gets.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.analysis.report import Analysis, analyse
from keidesign.errors import ParameterError
from keidesign.layout.collection import Parts
from keidesign.layout.layout import Layout, VehicleFacts
from keidesign.parameters.spec import (
    ParameterSpec,
    concept_parameters,
    did_you_mean,
    parameter_specs,
    quote,
)

if TYPE_CHECKING:  # the CAD kernel stays out of the fast path
    import cadquery as cq

__all__ = ["Concept", "ParameterBatch", "option", "pick"]

#: How many designs that break a cross-parameter rule a batch's error lists.
_ROWS_SHOWN = 5

#: Validated values of the parameters a batch does not vary (see
#: :meth:`Concept._fixed_values`), bounded.
_FIXED_VALUES: dict[Any, dict[str, Any]] = {}
_FIXED_VALUES_LIMIT = 256


def pick(value: Any, options: Mapping[str, Any]) -> Any:
    """Choose by a choice parameter, for one design (a str) or many (an array of str).

    Args:
        value: the choice parameter's value or (N,) array of values.
        options: value → what to use for it (floats, (N,) arrays, or any objects).

    Returns:
        The chosen option, or an (N,) array of them (numbers stay numbers; other options give
        an object array).

    Raises:
        ParameterError: a value has no option (the same for one design and many).
    """
    if isinstance(value, str):
        if value not in options:
            raise _no_option(value, options)
        return options[value]
    value = np.asarray(value)
    missing = sorted(set(np.unique(value).tolist()) - set(options))
    if missing:
        raise _no_option(missing[0], options)
    choices = [np.asarray(v) for v in options.values()]
    if not all(np.issubdtype(c.dtype, np.number) or c.dtype == bool for c in choices):
        choices = [np.asarray(v, dtype=object) for v in options.values()]
        return np.select([value == key for key in options], choices, default=None)
    return np.select([value == key for key in options], choices)


def option(p: Any, name: str) -> str:
    """A choice that adds or removes parts (a bull bar, a gullwing door), for one design or a
    batch that shares it: use it with ``if``; :func:`pick` chooses values per design.

    Args:
        p: the design or :class:`ParameterBatch`.
        name: the choice parameter.

    Returns:
        Its value, as a string.

    Raises:
        ParameterError: (about ``name``) the batch mixes its values: its designs would differ
            in their parts. Sweeps lay out each combination of choices on its own (see
            :func:`keidesign.sweep.evaluate.choice_groups`).
    """
    value = getattr(p, name)
    if isinstance(value, np.ndarray):
        levels = np.unique(value.astype(str))
        if len(levels) != 1:
            raise ParameterError(
                f"{name!r} adds or removes parts, so one batch of designs takes one value of it "
                f"(got {', '.join(map(repr, levels.tolist()))[:200]}): lay out each value's "
                f"designs on their own (a sweep does)", name=name, value=levels.tolist())
        return str(levels[0])
    return str(value)


def _no_option(value: Any, options: Mapping[str, Any]) -> ParameterError:
    return ParameterError(f"no option for {quote(value)}{did_you_mean(str(value), options)} "
                          f"(options: {', '.join(map(repr, options))})", name="choice",
                          value=value)


class ParameterBatch:
    """N parameter sets of one concept, each attribute a scalar or an (N,) array.

    Built by :meth:`Concept.batch`; values are validated there. Anything that is not a
    parameter (a class constant, a helper method) is the concept class's, as it is for a
    concept instance, so ``place_components`` reads both the same way.
    """

    def __init__(self, values: Mapping[str, Any], n_designs: int,
                 cls: type | None = None) -> None:
        self.__dict__.update(values)
        self.n_designs = n_designs
        self._cls = cls

    def __getattr__(self, name: str) -> Any:
        cls = self.__dict__.get("_cls")
        if cls is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(cls, name)


class Concept:
    """Base of every concept.

    Subclasses set ``name`` (the CLI's name, e.g. ``"cab-over-truck"``) and ``title``, declare
    their parameters and implement :meth:`place_components`.

    Class attributes:
        name: the concept's name, as commands and reports show it.
        title: one line saying what it is.
        defaults: in a subclass, new defaults for inherited parameters (name → value).
        reference: how a worker process finds the class again: the built-in or registered
            name, or ``"/path/file.py:ClassName"`` for a class loaded from a file (set by the
            loader; the concept's ``name`` when not set).
    """

    name: ClassVar[str] = "concept"
    title: ClassVar[str] = ""
    defaults: ClassVar[Mapping[str, Any]] = {}
    reference: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        concept_parameters(cls)
        if "reference" not in cls.__dict__:
            cls.reference = None  # a subclass is found by its own name or file, not its base's

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        """Place every component from parameters ``p`` (scalars or (N,) arrays).

        Returns:
            The components and the non-component figures of the design.
        """
        raise NotImplementedError(f"{cls.__name__} does not place any components")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        """Checks that involve several parameters.

        Returns:
            ``(parameter, ok, rule)`` triples: ``ok`` is a bool or an (N,) bool array, ``rule``
            says in words what the parameter must satisfy.
        """
        return []

    @classmethod
    def locator(cls) -> str:
        """What finds this class again in another process: :attr:`reference` (set by the
        loader), the name of a built-in concept, or ``"/path/file.py:ClassName"`` for a class
        defined in a file that was imported or run as a script (a subclass must not be sent
        under its base's name)."""
        if cls.reference:
            return cls.reference
        if cls.__module__.startswith("keidesign.concepts."):
            return cls.name
        module = sys.modules.get(cls.__module__)
        file = getattr(module, "__file__", None)
        if file and str(file).endswith(".py") and "<" not in cls.__qualname__:
            return f"{Path(file).resolve()}:{cls.__qualname__}"
        return cls.name

    def _check(self) -> None:
        for name, ok, rule in self.constraints(self):
            if not ok:
                value = getattr(self, name)
                raise ParameterError(f"{name!r} must {rule} (got {quote(value)})",
                                     name=name, value=value)

    @classmethod
    def _check_batch(cls, values: Mapping[str, Any], n: int) -> None:
        """The cross-parameter rules for N designs; a failure names the rule's parameter, its
        value in the first design that breaks it, and the first few such designs."""
        for name, ok, rule in cls.constraints(ParameterBatch(values, n, cls)):
            ok = np.asarray(ok, dtype=bool)
            if ok.shape != (n,):                   # one value spreads; another size fails
                ok = np.broadcast_to(ok, (n,))
            if not ok.all():
                bad = np.flatnonzero(~ok)
                first = int(bad[0])
                value = np.broadcast_to(np.asarray(values[name]), (n,))[first].item()
                others = ""
                if len(bad) > 1:
                    shown = ", ".join(str(i) for i in bad[1:_ROWS_SHOWN + 1].tolist())
                    more = ", …" if len(bad) > _ROWS_SHOWN + 1 else ""
                    others = (f"; {len(bad):,} of {n:,} designs break this rule, also design"
                              f"{'s' if len(bad) > 2 else ''} {shown}{more}")
                raise ParameterError(f"{name!r} must {rule} (got {quote(value)} in design "
                                     f"{first}{others})", name=name, value=value)

    # ---- parameters --------------------------------------------------------------------
    @classmethod
    def specs(cls) -> dict[str, ParameterSpec]:
        """The concept's parameter specs, by name, in declaration order."""
        return parameter_specs(cls)

    def parameters(self) -> dict[str, Any]:
        """Every parameter's value, by name."""
        return {name: getattr(self, name) for name in self.specs()}

    def replace(self, **changes: Any) -> Concept:
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    # ---- layout and analysis (no CAD kernel) ---------------------------------------------
    def parts(self) -> Parts:
        """This design's components, placed (scalars: one design)."""
        parts, _ = self.place_components(self)
        return parts if isinstance(parts, Parts) else Parts(parts)

    def layout(self) -> Layout:
        """The components of this design, placed, as numbers."""
        components, facts = self.place_components(self)
        return Layout.from_components(self.name, list(components), facts)

    def analyse(self, era: int = CURRENT_ERA) -> Analysis:
        """Mass properties for every load case and the fit in the kei box of ``era``."""
        return self._laid_out(era)[1]

    @classmethod
    def batch(cls, varied: Mapping[str, Sequence[Any] | np.ndarray],
              fixed: Mapping[str, Any] | None = None) -> tuple[ParameterBatch, int]:
        """Validate N parameter sets given as columns.

        Args:
            varied: parameter name → (N,) values, all the same length.
            fixed: parameter name → one value for every design; the rest take defaults.

        Returns:
            The batch and N.

        Raises:
            ParameterError: an unknown name, a name both varied and fixed, a column that is not
                a list or 1-D array (a str is refused, not split into characters), columns of
                different lengths, a value :meth:`ParameterSpec.validate` would refuse, or a
                cross-parameter rule broken; a value's message names its design, its index in
                the columns (``"design 17"``).
        """
        specs = cls.specs()
        if not isinstance(varied, Mapping) or not isinstance(fixed, (Mapping, type(None))):
            raise ParameterError(
                f"'varied' must map parameter names to columns and 'fixed' names to values "
                f"(got {quote(varied)} and {quote(fixed)})", name="varied", value=varied)
        fixed = dict(fixed or {})
        for name in list(varied) + list(fixed):
            if name not in specs:
                raise ParameterError(
                    f"{cls.name} has no parameter {quote(name)}"
                    f"{did_you_mean(name, specs) if isinstance(name, str) else ''}",
                    name=name if isinstance(name, str) else None, value=name)
        both = [name for name in varied if name in fixed]
        if both:
            raise ParameterError(f"{both[0]!r} is both varied and fixed: give it in one of "
                                 f"them", name=both[0], value=fixed[both[0]])
        # Each column on its own first: its errors name the design at fault.
        columns = {name: specs[name].validate_array(column) for name, column in varied.items()}
        lengths = {name: len(column) for name, column in columns.items()}
        if len(set(lengths.values())) > 1:
            got = ", ".join(f"{name}: {k:,}" for name, k in lengths.items())
            raise ParameterError(f"the varied columns must all have one value per design, "
                                 f"so one length (got {got})", value=lengths)
        n = next(iter(lengths.values())) if lengths else 1
        kept = cls._fixed_values(specs, columns, fixed)
        values = {name: columns[name] if name in columns else kept[name] for name in specs}
        cls._check_batch(values, n)
        if n == 1:  # one design: plain values, as the per-design path expects
            values = {k: v.item() if isinstance(v, np.ndarray) else v for k, v in values.items()}
        return ParameterBatch(values, n, cls), n

    @classmethod
    def _fixed_values(cls, specs: Mapping[str, ParameterSpec], columns: Mapping[str, Any],
                      fixed: Mapping[str, Any]) -> dict[str, Any]:
        """The validated values of the parameters not in ``columns``: ``fixed``'s or the
        defaults. Remembered by the concept, the varied names and the fixed values with their
        types (1, 1.0 and True are equal keys that need not validate alike), so a sweep's
        chunks validate them once; a value that cannot be a key is validated every time."""
        try:
            key: Any = (cls, tuple(columns), tuple((name, type(value), value)
                                                  for name, value in fixed.items()))
            got = _FIXED_VALUES.get(key)
        except TypeError:                                 # an unhashable value
            key, got = None, None
        if got is None:
            got = {name: spec.validate(fixed.get(name, spec.default))
                   for name, spec in specs.items() if name not in columns}
            if key is not None:
                if len(_FIXED_VALUES) >= _FIXED_VALUES_LIMIT:
                    _FIXED_VALUES.clear()
                _FIXED_VALUES[key] = got
        return got

    @classmethod
    def layout_batch(cls, varied: Mapping[str, Sequence[Any] | np.ndarray],
                     fixed: Mapping[str, Any] | None = None) -> Layout:
        """The layouts of N designs at once (see :meth:`batch`)."""
        batch, n = cls.batch(varied, fixed)
        components, facts = cls.place_components(batch)
        return Layout.from_components(cls.name, list(components), facts, n_designs=n)

    # ---- in a notebook (no CAD kernel) -------------------------------------------------
    def _laid_out(self, era: int = CURRENT_ERA) -> tuple[Layout, Analysis]:
        """The layout and its analysis (the rules of ``era``), the layout made once."""
        layout = self.layout()
        return layout, analyse(layout, self.parameters(), regulation(era))

    def _repr_svg_(self) -> str:
        """The side view, for Jupyter (see :mod:`keidesign.drawing.notebook`)."""
        from keidesign.drawing.notebook import design_svg

        return design_svg(*self._laid_out())

    def _repr_html_(self) -> str:
        """Headline figures and the side view, for Jupyter."""
        from keidesign.drawing.notebook import design_html

        return design_html(*self._laid_out(), self.title)

    # ---- CAD and export (imports the kernel on first use) --------------------------------
    def build(self) -> cq.Assembly:
        """The CadQuery assembly: one named, coloured, located part per component."""
        from keidesign.geometry.assembly import build_assembly

        return build_assembly(self.layout())

    def export(self, out_dir: str | Path, formats: Sequence[str] | None = None,
               era: int = CURRENT_ERA, name: str | None = None) -> dict[str, Path]:
        """Build and write the requested formats into ``out_dir``.

        Args:
            out_dir: the design's folder, created if missing.
            formats: any of :data:`keidesign.export.writer.FORMATS`; all of them by default.
            era: the kei rules the JSON report checks against.
            name: file stem and assembly name (default: the concept's name).

        Returns:
            format → path written.
        """
        from keidesign.export.writer import FORMATS, export_design

        return export_design(self, Path(out_dir), formats=FORMATS if formats is None else formats,
                             era=era, name=name)
