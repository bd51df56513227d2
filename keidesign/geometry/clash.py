"""Clashes measured on the CAD solids: the check on the fast path's overlaps and clearances.

:func:`keidesign.analysis.clashes.clashes` sums closed-form overlaps of each part's cover, which
is exact for boxes, side-view prisms and shells and cylinders across the car, and never smaller
than the part elsewhere. The functions here measure the same pairs on the B-rep solids, placed
as the STEP export places them: the volume two solids share (``BRepAlgoAPI_Common``, integrated
by ``BRepGProp``) and the least distance between them (``BRepExtrema_DistShapeShape``). So the
kernel can confirm a clash the fast path names, or show that only the cover's extra room made it.

Everything is one design (N == 1), in mm, vehicle axes (x forward, y left, z up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import cadquery as cq
from OCP.BRepAlgoAPI import BRepAlgoAPI_Common
from OCP.BRepExtrema import BRepExtrema_DistShapeShape

from keidesign.analysis.clashes import (
    TOLERANCE_MM3,
    Part,
    clashes,
    pair_clearance,
    pair_overlap,
    part_cover,
)
from keidesign.errors import GeometryError, ParameterError
from keidesign.geometry.assembly import location, require_one_design
from keidesign.geometry.cad_analysis import volume_properties
from keidesign.geometry.solids import solid_for
from keidesign.layout.layout import Layout

__all__ = ["CadClash", "cad_clashes", "cad_clearance"]


@dataclass(frozen=True, slots=True)
class CadClash:
    """Two parts of one design, measured on their CAD solids, beside the fast path's figures.

    Attributes:
        a: a component's name.
        b: the other component's name.
        overlap_mm3: the volume their solids share, mm³.
        clearance_mm: the least distance between their solids, mm (0 where they overlap or
            touch).
        fast_overlap_mm3: the fast path's overlap of the pair's covers, mm³ (never smaller than
            ``overlap_mm3``; equal where both covers are exact).
        fast_clearance_mm: the fast path's clearance of the covers, mm (never larger than
            ``clearance_mm``).
    """

    a: str
    b: str
    overlap_mm3: float
    clearance_mm: float
    fast_overlap_mm3: float
    fast_clearance_mm: float

    @property
    def is_clash(self) -> bool:
        """Whether the solids overlap by more than
        :data:`~keidesign.analysis.clashes.TOLERANCE_MM3` (the fast path's threshold)."""
        return self.overlap_mm3 > TOLERANCE_MM3

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"a": self.a, "b": self.b, "overlap_mm3": self.overlap_mm3,
                "clearance_mm": self.clearance_mm, "fast_overlap_mm3": self.fast_overlap_mm3,
                "fast_clearance_mm": self.fast_clearance_mm}


def cad_clashes(layout: Layout, pairs: Iterable[tuple[str, str]] | None = None, *,
                solids: Mapping[str, cq.Shape] | None = None) -> tuple[CadClash, ...]:
    """Overlap and clearance of pairs of components, measured on their solids.

    Args:
        layout: a layout of one design (N == 1).
        pairs: (name, name) pairs of components; by default the pairs the fast path names as
            clashes (:meth:`~keidesign.analysis.clashes.Clashes.of_design`), less the tyres'
            envelope, which is no component.
        solids: component name → located solid, if already built
            (:func:`~keidesign.geometry.assembly.component_solids`); otherwise only the
            components of ``pairs`` are built, each distinct shape once.

    Returns:
        One :class:`CadClash` per pair, in the order given (by default the fast path's: largest
        overlap first).

    Raises:
        ParameterError: the layout holds more than one design, a name is not a component's
            (with the closest name) or a pair names one component twice.
        GeometryError: a solid could not be built, or the kernel failed to intersect or
            measure a pair (the error names the parts).
    """
    require_one_design(layout)  # given solids too: they would be read as design 0's
    if pairs is None:
        names = set(layout.names)
        pairs = [(c.a, c.b) for c in clashes(layout).of_design(0)
                 if c.a in names and c.b in names]
    pairs = [_pair(layout, p) for p in pairs]
    found = _Solids(layout, solids)
    out = []
    for a, b in pairs:
        overlap = _common_volume(found.get(a), found.get(b), a, b)
        clearance = 0.0 if overlap > 0.0 else _distance(found.get(a), found.get(b), a, b)
        cover_a, cover_b = found.cover(a), found.cover(b)
        out.append(CadClash(a=a, b=b, overlap_mm3=overlap, clearance_mm=clearance,
                            fast_overlap_mm3=float(pair_overlap(cover_a, cover_b)[0]),
                            fast_clearance_mm=float(pair_clearance(cover_a, cover_b)[0])))
    return tuple(out)


def cad_clearance(layout: Layout, a: str, b: str, *,
                  solids: Mapping[str, cq.Shape] | None = None) -> float:
    """The least distance between two components' solids, mm (0 where they touch or overlap).

    Args:
        layout: a layout of one design (N == 1).
        a: a component's name.
        b: another component's name.
        solids: component name → located solid, if already built.

    Raises:
        ParameterError: the layout holds more than one design, a name is not a component's or
            ``a`` is ``b``.
        GeometryError: a solid could not be built, or the kernel failed to measure the pair.
    """
    require_one_design(layout)
    a, b = _pair(layout, (a, b))
    found = _Solids(layout, solids)
    return _distance(found.get(a), found.get(b), a, b)


def _pair(layout: Layout, pair: object) -> tuple[str, str]:
    """Check one (name, name) pair of distinct components."""
    if isinstance(pair, str) or not (isinstance(pair, (tuple, list)) and len(pair) == 2
                                     and all(isinstance(n, str) for n in pair)):
        raise ParameterError(f"'pairs' must hold (name, name) pairs of components (got "
                             f"{pair!r:.200})", name="pairs", value=pair)
    a, b = pair
    if layout.index(a) == layout.index(b):
        raise ParameterError(f"a pair must name two components (got {a!r:.200} twice)",
                             name="pairs", value=pair)
    return a, b


class _Solids:
    """Located solids and fast-path covers of a layout's components, built on first use; each
    distinct shape is built once (as :func:`~keidesign.geometry.assembly.cad_model` does)."""

    def __init__(self, layout: Layout, given: Mapping[str, cq.Shape] | None) -> None:
        self._layout = layout
        self._given = given
        self._shapes: dict[Any, cq.Solid] = {}
        self._located: dict[str, cq.Shape] = {}
        self._covers: dict[str, tuple[Part, ...]] = {}

    def get(self, name: str) -> cq.Shape:
        if self._given is not None:
            try:
                return self._given[name]
            except KeyError:
                raise ParameterError(f"'solids' holds no solid for {name!r:.200}",
                                     name="solids", value=name) from None
        got = self._located.get(name)
        if got is None:
            component = self._layout.components[self._layout.index(name)]
            key = component.shape.key()
            solid = self._shapes.get(key)
            if solid is None:
                solid = self._shapes[key] = solid_for(component.shape, name=name)
            got = self._located[name] = solid.located(location(component.placement))
        return got

    def cover(self, name: str) -> tuple[Part, ...]:
        got = self._covers.get(name)
        if got is None:
            got = self._covers[name] = part_cover(
                self._layout.components[self._layout.index(name)])
        return got


def _common_volume(sa: cq.Shape, sb: cq.Shape, a: str, b: str) -> float:
    """The volume two solids share, mm³ (0 where they only touch)."""
    try:
        op = BRepAlgoAPI_Common(sa.wrapped, sb.wrapped)
        op.Build()
        result = op.Shape() if op.IsDone() else None
    except Exception as err:  # OCCT raises Standard_Failure subclasses
        raise GeometryError(f"the CAD kernel failed to intersect it with {b!r}: "
                            f"{type(err).__name__}: {err}", part=a) from err
    if result is None:
        raise GeometryError(f"the CAD kernel failed to intersect it with {b!r}", part=a)
    if result.IsNull():
        return 0.0
    # A common of solids that only touch is faces or nothing: no volume. Rounding can leave a
    # sliver of -1e-12 mm³; it is none.
    return max(volume_properties(cq.Shape.cast(result)).volume_mm3, 0.0)


def _distance(sa: cq.Shape, sb: cq.Shape, a: str, b: str) -> float:
    """The least distance between two solids, mm (0 where one lies inside the other)."""
    try:
        dist = BRepExtrema_DistShapeShape(sa.wrapped, sb.wrapped)
        done = dist.IsDone()
        value = dist.Value() if done else None
    except Exception as err:
        raise GeometryError(f"the CAD kernel failed to measure its distance to {b!r}: "
                            f"{type(err).__name__}: {err}", part=a) from err
    if value is None:
        raise GeometryError(f"the CAD kernel failed to measure its distance to {b!r}", part=a)
    return float(value)
