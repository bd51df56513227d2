"""Mass properties of a shape: volume, centroid, inertia per kilogram, exact bounding box.

Every primitive reduces to one :class:`ShapeProperties`. Arrays have a leading design axis when
the shape is evaluated for ``N`` designs at once, none for one design: ``(...,)`` below is
``()`` or ``(N,)``. Lengths in mm, in the frame the shape is defined in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from keidesign.errors import KeiDesignError
from keidesign.shapes.arrays import DEDUPE_FROM, distinct_floats

__all__ = ["DIFFERS", "INERTIA_COLUMNS", "INERTIA_ORDER", "INERTIA_PAIRS", "INERTIA_ROWS",
           "CachedProperties", "ShapeProperties", "from_moments", "inertia_from_covariance",
           "once_per_distinct", "one_design_value"]

#: The six independent entries of a symmetric 3 × 3 tensor, as (row, column), in the order of
#: every 6-vector in keidesign: xx, yy, zz, xy, xz, yz. The one definition; the rest derive.
INERTIA_PAIRS: tuple[tuple[int, int], ...] = ((0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2))
#: Their names, ``"xx"`` … ``"yz"``.
INERTIA_ORDER: tuple[str, ...] = tuple("xyz"[i] + "xyz"[j] for i, j in INERTIA_PAIRS)
#: (6,) row and column of each entry, for indexing (..., 3, 3) arrays.
INERTIA_ROWS = np.array([i for i, _ in INERTIA_PAIRS])
INERTIA_COLUMNS = np.array([j for _, j in INERTIA_PAIRS])


@dataclass(frozen=True, slots=True)
class ShapeProperties:
    """What the analysis needs of a shape, in closed form.

    Attributes:
        volume_mm3: (...,) material volume, mm³ (NaN where the shape is degenerate).
        centroid_mm: (..., 3) volume centroid, mm.
        unit_inertia_mm2: (..., 6) inertia tensor per kilogram about the centroid, kg·mm²/kg,
            entries (Ixx, Iyy, Izz, Ixy, Ixz, Iyz) of the tensor (so Ixy = −∫xy dm / m).
        bbox_min_mm: (..., 3) exact axis-aligned bounding box, lowest corner, mm.
        bbox_max_mm: (..., 3) highest corner, mm.
    """

    volume_mm3: np.ndarray
    centroid_mm: np.ndarray
    unit_inertia_mm2: np.ndarray
    bbox_min_mm: np.ndarray
    bbox_max_mm: np.ndarray


def inertia_from_covariance(cov: np.ndarray) -> np.ndarray:
    """(..., 6) central second moments per unit volume (⟨xx⟩, ⟨yy⟩, ⟨zz⟩, ⟨xy⟩, ⟨xz⟩, ⟨yz⟩)
    → (..., 6) inertia tensor entries per kg (Ixx = ⟨yy⟩ + ⟨zz⟩, …, Ixy = −⟨xy⟩)."""
    out = np.empty(cov.shape)
    out[..., 0] = cov[..., 1] + cov[..., 2]
    out[..., 1] = cov[..., 0] + cov[..., 2]
    out[..., 2] = cov[..., 0] + cov[..., 1]
    out[..., 3:] = -cov[..., 3:]
    return out


def from_moments(volume: np.ndarray, first: np.ndarray, second: np.ndarray, ref: np.ndarray,
                 bbox_min: np.ndarray, bbox_max: np.ndarray) -> ShapeProperties:
    """Properties from raw volume moments about a reference point.

    Moments are taken about ``ref`` (near the shape, so that no precision is lost to a far
    origin) and combine by plain addition and subtraction, which is how hollow and composite
    primitives are built.

    Args:
        volume: (...,) ∫dV, mm³.
        first: (..., 3) ∫(p − ref) dV, mm⁴.
        second: (..., 6) ∫(p − ref)ᵢ(p − ref)ⱼ dV in :data:`INERTIA_ORDER`, mm⁵.
        ref: (..., 3) the reference point, mm.
        bbox_min: (..., 3) lowest corner of the exact bounding box, mm.
        bbox_max: (..., 3) highest corner, mm.
    """
    volume = np.asarray(volume, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        offset = first / volume[..., None]
        cov = second / volume[..., None]
    cov = cov - offset[..., INERTIA_ROWS] * offset[..., INERTIA_COLUMNS]
    return ShapeProperties(volume_mm3=volume, centroid_mm=ref + offset,
                           unit_inertia_mm2=inertia_from_covariance(cov),
                           bbox_min_mm=np.asarray(bbox_min, dtype=float),
                           bbox_max_mm=np.asarray(bbox_max, dtype=float))


def once_per_distinct(numbers: np.ndarray, each: Callable[[], ShapeProperties],
                      designs: Callable[[np.ndarray], ShapeProperties]) -> ShapeProperties:
    """A shape's properties over N designs, each distinct design evaluated once (a sweep
    that stretches a part with the wheelbase repeats it design after design).

    Args:
        numbers: (N, m) float, the numbers that define each design's shape.
        each: the properties of every design, evaluated design by design.
        designs: the properties of the designs at (u,) indices.

    Returns:
        The (N, …) properties: each design's own (closed forms are evaluated element by
        element, so once per distinct design gives the same figures).
    """
    if numbers.ndim != 2 or len(numbers) < DEDUPE_FROM:
        return each()
    found = distinct_floats(numbers)
    if found is None:
        return each()
    first, inverse = found
    one = designs(first)

    def spread(value: Any, ndim: int) -> np.ndarray:
        # A figure that depends on no field of several designs (a prism's lowest corner,
        # when only its far end moves) is one design's, as evaluating every design gives it.
        value = np.asarray(value)
        return value.take(inverse, axis=0) if value.ndim == ndim else value

    return ShapeProperties(spread(one.volume_mm3, 1), spread(one.centroid_mm, 2),
                           spread(one.unit_inertia_mm2, 2), spread(one.bbox_min_mm, 2),
                           spread(one.bbox_max_mm, 2))


# Properties of one-design shapes by key: a concept places the same parts design after design
# (and a sweep varies a few of them), so most shapes are computed once per process.
_CACHE: dict[Any, ShapeProperties] = {}
_CACHE_LIMIT = 50_000


class CachedProperties:
    """Mixin: :meth:`properties` from the shape's closed form (its ``_properties``), memoised
    for one-design shapes (a shape of N designs is computed each time).

    The memo is keyed by :meth:`_memo_key`, the definition as given: cheap, since it is taken
    on every call. :meth:`key` (the same solid whatever order the definition lists its points
    in) is for sharing CAD solids and may cost more.
    """

    __slots__ = ()

    def _memo_key(self) -> tuple[Any, ...]:
        """The definition as given, hashable; raises TypeError for several designs."""
        return self.key()  # type: ignore[attr-defined]

    def one_design(self, n: int) -> Any:
        """The shape as one design's when it is the same in all ``n`` designs (every field
        given per design, an (n, …) array, holds one value in every row), else ``None``.

        A part built from arrays is not always different from design to design (a width
        picked with ``np.where`` from two fixed widths); as one design's shape its figures
        are computed once per process and its clashes remembered, not worked out per batch.
        """
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            one = one_design_value(value, n)
            if one is DIFFERS:
                return None
            if one is not value:
                changes[f.name] = one
        if not changes:
            return None
        try:
            return dataclasses.replace(self, **changes)  # type: ignore[type-var]
        except KeiDesignError:   # (n, …) rows that are a one-design field after all
            return None

    def properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box (see
        :class:`ShapeProperties`); arrays read-only."""
        try:
            key = self._memo_key()
        except TypeError:  # several designs
            return self._properties()  # type: ignore[attr-defined]
        props = _CACHE.get(key)
        if props is None:
            props = self._properties()  # type: ignore[attr-defined]
            for value in (props.volume_mm3, props.centroid_mm, props.unit_inertia_mm2,
                          props.bbox_min_mm, props.bbox_max_mm):
                value.setflags(write=False)
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = props
        return props


#: What :func:`one_design_value` gives for arrays that differ between designs.
DIFFERS = object()


def one_design_value(value: Any, n: int) -> Any:
    """``value`` with each (n, …) array holding one value in every row replaced by that row
    (a float for an (n,) array), ``value`` itself when it holds none, :data:`DIFFERS` when
    an (n, …) array differs between rows."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0 or value.shape[0] != n:
            return value
        first = value[0]
        if not (value[-1] == first).all() or not (value == first).all():
            return DIFFERS
        return float(first) if first.ndim == 0 else first
    if isinstance(value, tuple):
        items = [one_design_value(v, n) for v in value]
        if any(v is DIFFERS for v in items):
            return DIFFERS
        return value if all(v is w for v, w in zip(items, value)) else tuple(items)
    return value
