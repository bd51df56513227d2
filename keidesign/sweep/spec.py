"""What a sweep is: a concept, varied parameters, a design of experiments and fixed overrides.

A :class:`SweepSpec` is validated when built, against the concept's parameter specs, so a bad
sweep fails before anything runs or is written: unknown names get a did-you-mean, ranges outside
a parameter's allowed values name the parameter, the value and what is allowed, empty grids and
grids over :data:`MAX_POINTS` (without ``force``) are refused, and so is any sweep over
:data:`HARD_MAX_POINTS`, with ``force`` or not, before its points are made.

Text forms (the CLI's ``--vary`` and ``--set``)::

    engine_shift=-300:300:13        13 evenly spaced values from −300 to 300 (ends included)
    engine_shift=-300:300           a range for ``random`` / ``lhs`` (no grid count needed)
    engine_position=under_seat,rear listed values (numbers or choices)
    rated_payload=350               a fixed override (``--set``)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.concepts.base import Concept
from keidesign.concepts.registry import get_concept
from keidesign.errors import ParameterError
from keidesign.export.writer import FORMATS, check_formats
from keidesign.parameters.spec import ParameterSpec, did_you_mean, quote, split_assignments
from keidesign.sweep.sampling import Axis, sample

__all__ = ["Vary", "SweepSpec", "Method", "METHODS", "MAX_POINTS", "MAX_CAD_POINTS",
           "HARD_MAX_POINTS"]

Method = Literal["grid", "random", "lhs"]
#: The designs of experiments a sweep can use.
METHODS: tuple[str, ...] = ("grid", "random", "lhs")
#: Most points (designs × eras) an analysis-only sweep runs without ``force``.
MAX_POINTS = 250_000
#: Most points a ``cad`` sweep runs without ``force`` (each point builds the CAD model).
MAX_CAD_POINTS = 2_000
#: Most points (designs × eras) any sweep runs, ``force`` or not. A sweep streams its table, so
#: memory is not the limit (10,000,000 points ran in ~0.5 GiB); time and disk are: a cab-over
#: truck's 10,000,000 points took ~4 minutes and ~6 GB (store and Parquet table), so this limit
#: is ~40 minutes and ~60 GB, and the sweep's design matrix (8 bytes a value) ~1.6 GB.
HARD_MAX_POINTS = 100_000_000
#: Points per second a whole sweep command runs, roughly (44,000 measured at 10,000,000 points):
#: how long an oversized sweep would run.
_POINTS_PER_S = 50_000
#: Disk a point takes, store and table, roughly: the ~6 GB of 10,000,000 points above (the
#: store has shrunk since: 10,000,000 points now take ~4.2 GB, ``bench/bench_sweep.py``).
_BYTES_PER_POINT = 600


def _is_whole_number(value: Any) -> bool:
    """Whether ``value`` is a whole number (an int, or a finite float with no fraction); bools,
    infinities and NaN are not."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, (float, np.floating)) and float(value).is_integer()


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ParameterError(f"{what} must be a number (got {quote(text)})", value=text) from None


def _count(n: int) -> str:
    """``12,345,678``, or ``~10^400`` for a count too long to read."""
    if n < 10**15:
        return f"{n:,}"
    return f"~10^{round(n.bit_length() * math.log10(2))}"


def _duration(n_points: int) -> str:
    """How long ``n_points`` take at :data:`_POINTS_PER_S`, in words."""
    minutes = n_points // _POINTS_PER_S // 60
    if minutes < 120:
        return f"{max(minutes, 1)} minutes"
    if minutes < 48 * 60:
        return f"{minutes // 60} hours"
    days = minutes // (24 * 60)
    return f"{days:,} days" if days < 730 else f"{_count(days // 365)} years"


@dataclass(frozen=True, kw_only=True, slots=True)
class Vary:
    """One varied parameter: a numeric range or a list of values.

    Give either ``low`` and ``high`` (and ``count`` for a grid), or ``levels``.

    Attributes:
        name: the parameter's name.
        low: lowest value of a range, in the parameter's unit.
        high: highest value of a range (may be below ``low``: the grid then runs downwards).
        count: how many evenly spaced values a grid takes from the range, ends included;
            ``None`` when the sweep samples the range (``random``, ``lhs``).
        levels: listed values (numbers or choices), used as they are by a grid and picked from
            with equal weight by ``random`` and ``lhs``.
    """

    name: str
    low: float | None = None
    high: float | None = None
    count: int | None = None
    levels: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", tuple(self.levels))
        is_range = self.low is not None or self.high is not None or self.count is not None
        if is_range and self.levels:
            raise ParameterError(f"{quote(self.name)}: give a range (low, high, count) or "
                                 f"levels, not both", name=self.name)
        if not is_range and not self.levels:
            raise ParameterError(f"{quote(self.name)}: nothing to vary (give a range LO:HI:N or "
                                 f"values V1,V2,…)", name=self.name)
        if is_range and (self.low is None or self.high is None):
            raise ParameterError(f"{quote(self.name)}: a range needs both ends (LO:HI:N)",
                                 name=self.name)
        if self.count is not None:
            if not _is_whole_number(self.count):
                raise ParameterError(f"{quote(self.name)}: grid count must be a whole number "
                                     f"(got {quote(self.count)})", name=self.name,
                                     value=self.count)
            if self.count < 1:
                raise ParameterError(f"{quote(self.name)}: grid count must be at least 1 "
                                     f"(got {quote(self.count)}): the grid would be empty",
                                     name=self.name, value=self.count)
            object.__setattr__(self, "count", int(self.count))

    @property
    def is_range(self) -> bool:
        """Whether this is a numeric range (rather than listed levels)."""
        return not self.levels

    @classmethod
    def parse(cls, text: str) -> Vary:
        """Parse ``NAME=LO:HI:N``, ``NAME=LO:HI`` or ``NAME=V1,V2,…``.

        Values are kept as text here for listed levels; :class:`SweepSpec` parses them with the
        parameter's spec.

        Raises:
            ParameterError: the text has none of those forms.
        """
        name, sep, rest = text.partition("=")
        name, rest = name.strip(), rest.strip()
        if not sep or not name or not rest:
            raise ParameterError(f"expected NAME=LO:HI:N or NAME=V1,V2,… (got {quote(text)})",
                                 value=text)
        if ":" in rest:
            parts = [p.strip() for p in rest.split(":")]
            if len(parts) not in (2, 3) or not all(parts):
                raise ParameterError(f"{quote(name)}: expected LO:HI:N (got {quote(rest)})",
                                     name=name, value=rest)
            low = _number(parts[0], f"{quote(name)} range start")
            high = _number(parts[1], f"{quote(name)} range end")
            count = _number(parts[2], f"{quote(name)} grid count") if len(parts) == 3 else None
            return cls(name=name, low=low, high=high, count=count)
        levels = tuple(v.strip() for v in rest.split(","))
        if not all(levels):
            raise ParameterError(f"{quote(name)}: empty value in list {quote(rest)}", name=name,
                                 value=rest)
        return cls(name=name, levels=levels)


def _as_vary(item: Vary | str) -> Vary:
    return Vary.parse(item) if isinstance(item, str) else item


def _levels(spec: ParameterSpec, vary: Vary) -> np.ndarray:
    """Listed levels, parsed (text) and validated, as an array (str for choices)."""
    values = [spec.parse(v) if isinstance(v, str) else spec.validate(v) for v in vary.levels]
    return np.asarray(values, dtype=str if spec.kind == "choice" else float)


@dataclass(frozen=True, kw_only=True, slots=True)
class SweepSpec:
    """A validated sweep.

    Attributes:
        concept: the concept: a name (``"cab-over-truck"``, or one a package registers) or a
            Python file, ``FILE.py`` or ``FILE.py:ClassName`` (see
            :func:`~keidesign.concepts.registry.get_concept`). Kept as the class's
            :meth:`~keidesign.concepts.base.Concept.locator` (a file as
            ``"<absolute path>:<ClassName>"``), which is what worker processes resolve; the
            concept's display name is :attr:`concept_name`.
        vary: the varied parameters (:class:`Vary`, or their text forms), at least one.
        fixed: overrides for parameters that are not varied (values, or text to parse); the
            rest keep their defaults.
        method: ``"grid"`` (every combination), ``"random"`` or ``"lhs"`` (Latin hypercube,
            :mod:`scipy.stats.qmc`).
        samples: how many designs ``random`` and ``lhs`` draw (not used by ``grid``).
        seed: seed of ``random`` and ``lhs``; the same seed gives the same designs.
        eras: the kei regulations each design is checked against (years; see
            :func:`~keidesign.analysis.regulation.regulation`); every design is a row per era.
        cad: build each design in CadQuery too and record its exact envelope and mass properties.
        exports: with ``cad``, the files to write for every design (any of ``"step"``,
            ``"stl"``, ``"glb"``, ``"json"``), each design into its own folder
            ``designs/<point id>/`` of the sweep's output folder.
        force: run sweeps larger than :data:`MAX_POINTS` (:data:`MAX_CAD_POINTS` with ``cad``);
            a sweep over :data:`HARD_MAX_POINTS` is refused all the same.

    Raises:
        ParameterError: an unknown concept or parameter (with a did-you-mean), a concept file
            that cannot be loaded, a value or range
            outside what a parameter allows, an empty grid, a bad method, samples or era, a
            sweep over the size limit without ``force``, or one over :data:`HARD_MAX_POINTS`.
    """

    concept: str
    vary: Sequence[Vary | str]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    method: Method = "grid"
    samples: int | None = None
    seed: int = 0
    eras: Sequence[int] = (CURRENT_ERA,)
    cad: bool = False
    exports: Sequence[str] = ()
    force: bool = False

    def __post_init__(self) -> None:
        cls = get_concept(self.concept)
        object.__setattr__(self, "concept", cls.locator())
        specs = cls.specs()
        vary = tuple(_as_vary(v) for v in self.vary)
        object.__setattr__(self, "vary", vary)
        if not vary:
            raise ParameterError("a sweep needs at least one varied parameter (--vary)")
        if self.method not in METHODS:
            raise ParameterError(f"'method' must be one of {', '.join(map(repr, METHODS))} "
                                 f"(got {quote(self.method)})"
                                 f"{did_you_mean(str(self.method)[:100], METHODS)}",
                                 name="method", value=self.method)
        seen: set[str] = set()
        for v in vary:
            if v.name not in specs:
                raise ParameterError(
                    f"{cls.name} has no parameter {quote(v.name)}{did_you_mean(v.name, specs)}",
                    name=v.name)
            if v.name in seen:
                raise ParameterError(f"{v.name!r} is varied twice", name=v.name)
            seen.add(v.name)
            spec = specs[v.name]
            if v.is_range:
                if spec.kind == "choice":
                    raise ParameterError(
                        f"{v.name!r} is a choice ({spec.allowed}): list the values, "
                        f"NAME=V1,V2 (got a range)", name=v.name)
                spec.validate(v.low)
                spec.validate(v.high)
                if self.method == "grid" and v.count is None:
                    raise ParameterError(f"{v.name!r}: a grid needs a count, LO:HI:N "
                                         f"(got {v.low:g}:{v.high:g})", name=v.name)
            else:
                _levels(spec, v)
        fixed: dict[str, Any] = {}
        for name, value in dict(self.fixed).items():
            if name not in specs:
                raise ParameterError(
                    f"{cls.name} has no parameter {quote(name)}{did_you_mean(str(name), specs)}",
                    name=name, value=value)
            if name in seen:
                raise ParameterError(f"{name!r} is both varied and fixed", name=name)
            spec = specs[name]
            fixed[name] = spec.parse(value) if isinstance(value, str) else spec.validate(value)
        object.__setattr__(self, "fixed", fixed)
        if self.method != "grid":
            if self.samples is None:
                raise ParameterError(f"method {self.method!r} needs a sample count "
                                     f"(samples=N, --samples N)", name="samples")
            if not _is_whole_number(self.samples) or self.samples < 1:
                raise ParameterError(f"'samples' must be a whole number of at least 1 "
                                     f"(got {quote(self.samples)})", name="samples",
                                     value=self.samples)
            object.__setattr__(self, "samples", int(self.samples))
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)) \
                or self.seed < 0:
            raise ParameterError(f"'seed' must be a whole number of at least 0 "
                                 f"(got {quote(self.seed)})", name="seed", value=self.seed)
        eras = tuple(self.eras)
        if not eras:
            raise ParameterError("a sweep needs at least one era", name="era")
        for era in eras:
            regulation(era)
        if len(set(eras)) != len(eras):
            raise ParameterError(f"'era' lists a year twice (got {quote(list(eras))})",
                                 name="era")
        object.__setattr__(self, "eras", eras)
        exports: tuple[str, ...] = ()
        if self.exports:
            if not self.cad:
                asked = self.exports if isinstance(self.exports, str) \
                    else ", ".join(map(str, self.exports))
                asked = asked if len(asked) <= 200 else asked[:199] + "…"
                raise ParameterError(f"'exports' ({asked}) needs a CAD sweep "
                                     f"(cad=True, --cad): the files come from each design's "
                                     f"CAD build", name="exports", value=self.exports)
            wanted = check_formats(self.exports, parameter="exports")
            exports = tuple(fmt for fmt in FORMATS if fmt in wanted)
        object.__setattr__(self, "exports", exports)
        detail = " × ".join(_count(self._axis_size(v)) for v in vary) \
            if self.method == "grid" else f"{_count(self.samples)} samples"
        detail += f" × {len(eras)} eras" if len(eras) > 1 else ""
        detail = "" if detail == _count(self.n_rows) else f" ({detail})"
        name = "samples" if self.method != "grid" else None
        if self.n_rows > HARD_MAX_POINTS:  # refused before any point is made, force or not
            raise ParameterError(
                f"the sweep has {_count(self.n_rows)} points{detail}, over the hard limit of "
                f"{HARD_MAX_POINTS:,} that force=True (--force) does not lift: at ~"
                f"{_POINTS_PER_S:,} points/s it would run for about "
                f"{_duration(self.n_rows)} and fill "
                f"~{_count(self.n_rows * _BYTES_PER_POINT // 10**9)} GB of disk (its store and "
                f"table); "
                f"split it into sweeps of fewer points (fewer values per varied parameter, or "
                f"one sweep per sub-range)", name=name, value=self.n_rows)
        limit = MAX_CAD_POINTS if self.cad else MAX_POINTS
        if not self.force and self.n_rows > limit:
            raise ParameterError(
                f"the sweep has {self.n_rows:,} points{detail}, over the limit of "
                f"{limit:,}{' for --cad' if self.cad else ''}; pass force=True (--force) to "
                f"run it anyway", name=name, value=self.n_rows)

    # ---- derived ------------------------------------------------------------------------
    @property
    def concept_class(self) -> type[Concept]:
        """The concept's class."""
        return get_concept(self.concept)

    @property
    def concept_name(self) -> str:
        """The concept's name, as tables, plots and summaries show it."""
        return self.concept_class.name

    @property
    def varied_names(self) -> tuple[str, ...]:
        """Names of the varied parameters, in the order given."""
        return tuple(v.name for v in self.vary)  # type: ignore[union-attr]

    def _axis_size(self, v: Vary) -> int:
        return v.count if v.is_range else len(v.levels)  # type: ignore[return-value]

    @property
    def n_points(self) -> int:
        """How many designs the sweep samples (before crossing with eras)."""
        if self.method == "grid":
            return math.prod(self._axis_size(v) for v in self.vary)  # type: ignore[arg-type]
        return int(self.samples)  # type: ignore[arg-type]

    @property
    def n_rows(self) -> int:
        """How many rows the results table has: designs × eras."""
        return self.n_points * len(self.eras)

    @property
    def mode(self) -> str:
        """How each point is evaluated: ``"fast"``, ``"cad"``, or ``"cad+<format>+…"`` when
        each design's files are written too (``"cad+step+json"``). A point is stored under its
        mode, so asking for other files evaluates the points again."""
        if not self.cad:
            return "fast"
        return "+".join(("cad", *self.exports))

    def axes(self) -> list[Axis]:
        """The varied parameters as sampler axes (levels parsed, ranges checked)."""
        specs = self.concept_class.specs()
        axes = []
        for v in self.vary:
            spec = specs[v.name]  # type: ignore[union-attr]
            if v.is_range:  # type: ignore[union-attr]
                axes.append(Axis(name=spec.name, low=float(v.low), high=float(v.high),
                                 count=v.count, integer=spec.kind == "int"))
            else:
                axes.append(Axis(name=spec.name, levels=_levels(spec, v)))  # type: ignore[arg-type]
        return axes

    def points(self) -> dict[str, np.ndarray]:
        """The sampled designs: varied parameter name → (n_points,) values.

        Numbers are float arrays (int parameters hold whole numbers), choices str arrays. A grid
        runs the first varied parameter slowest.
        """
        return sample(self.axes(), self.method, self.samples, self.seed)

    def resolved_fixed(self) -> dict[str, Any]:
        """Every parameter that is not varied: the overrides, then defaults, in declaration
        order."""
        varied = set(self.varied_names)
        return {name: self.fixed.get(name, spec.default)
                for name, spec in self.concept_class.specs().items() if name not in varied}

    # ---- text ---------------------------------------------------------------------------
    @classmethod
    def from_text(cls, concept: str, vary: Iterable[str], fixed: Iterable[str] = (),
                  **options: Any) -> SweepSpec:
        """Build a spec from the CLI's ``--vary`` and ``--set`` strings.

        Args:
            concept: the concept's name or file (see :attr:`concept`).
            vary: ``NAME=LO:HI:N``, ``NAME=LO:HI`` or ``NAME=V1,V2,…`` strings.
            fixed: ``NAME=VALUE`` strings.
            **options: the other fields (``method``, ``samples``, ``seed``, ``eras``, ``cad``,
                ``exports``, ``force``).

        Raises:
            ParameterError: as :class:`SweepSpec`, or a malformed string.
        """
        overrides = split_assignments(fixed)  # the check every --set has
        return cls(concept=concept, vary=tuple(Vary.parse(v) for v in vary), fixed=overrides,
                   **options)
