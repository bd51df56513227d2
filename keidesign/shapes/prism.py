"""A polygon profile extruded along the normal of a principal plane, solid or a closed shell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from keidesign.shapes.arrays import (
    DEDUPE_FROM,
    Scalar,
    as_points,
    check_choice,
    check_vector,
    side_by_side,
)
from keidesign.shapes.polygon import (
    canonical_vertices,
    crosses_itself,
    offset_inward,
    polygon_moments,
    signed_area,
)
from keidesign.shapes.properties import (
    INERTIA_PAIRS,
    CachedProperties,
    ShapeProperties,
    from_moments,
    once_per_distinct,
)

__all__ = ["PLANES", "Prism"]

#: Plane name → (axis of the profile's first coordinate, of its second, of the extrusion).
PLANES: dict[str, tuple[int, int, int]] = {"xz": (0, 2, 1), "xy": (0, 1, 2), "yz": (1, 2, 0)}


@dataclass(frozen=True, slots=True)
class Prism(CachedProperties):
    """A polygon in a principal plane, extruded along the plane's normal.

    A side profile in ``"xz"`` extruded across the vehicle (a cab, a seat, a bumper), a
    cross-section in ``"yz"`` extruded along it (a C-section frame rail), a plan in ``"xy"``
    extruded upwards (a floor pan).

    With ``wall`` > 0 the prism is a closed hollow shell: the prism minus its inward offset (the
    profile offset inwards by ``wall``, extruded over the extent shortened by ``wall`` at each
    end), so a cab is a thin-walled body, not a solid block.

    Attributes:
        profile: the polygon's vertices in order (either direction), as (V, 2) or (N, V, 2)
            array or a sequence of ``(u, v)`` pairs of floats or (N,) arrays; ``u``, ``v`` are
            the plane's coordinates in its name's order (``"xz"``: (x, z)), mm. The polygon
            must be simple (no edge crosses or touches another): a design whose profile
            crosses itself has NaN volume.
        plane: ``"xz"``, ``"xy"`` or ``"yz"``.
        extent: ``(low, high)`` of the extrusion along the plane's normal (``"xz"``: y), mm.
        wall: shell wall thickness, mm; 0 for a solid prism.

    Raises:
        ParameterError: ``profile`` is not points of two numbers (or (N,) arrays), ``plane``
            not one of :data:`PLANES` or ``extent`` not two values.
    """

    profile: Any
    plane: Literal["xz", "xy", "yz"] = "xz"
    extent: tuple[Scalar, Scalar] = (-0.5, 0.5)
    wall: Scalar = 0.0

    def __post_init__(self) -> None:
        check_choice(self.plane, tuple(PLANES), "plane", "Prism")
        check_vector(self.extent, "extent", "Prism", size=2)
        profile = as_points(self.profile, 2, "Prism 'profile'", "profile")
        object.__setattr__(self, "profile", profile)

    def _properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box (see
        :meth:`_each_properties`); a large batch is evaluated once per distinct prism (a
        sweep that stretches a cover with the wheelbase repeats it design after design)."""
        profile = self.profile
        extent = [np.asarray(e, dtype=float) for e in self.extent]
        wall = np.asarray(self.wall, dtype=float)
        batch = np.broadcast_shapes(profile.shape[:-2], *(e.shape for e in extent), wall.shape)
        # A profile in another memory layout is left whole: its sums over the vertices
        # need not run in the same order as a contiguous copy's.
        if len(batch) != 1 or batch[0] < DEDUPE_FROM or not profile.flags.c_contiguous:
            return self._each_properties()

        # The fields of several designs tell the designs apart (the others are the same in
        # every design): (N, m).
        numbers = side_by_side(([profile.reshape(len(profile), -1)] if profile.ndim == 3
                                else []) + [f.reshape(-1, 1) for f in (*extent, wall) if f.ndim],
                               batch[0])

        def designs(rows: np.ndarray) -> ShapeProperties:
            # The fields of several designs at those designs; those of one left as given.
            def at(given: Any, value: np.ndarray, one: int) -> Any:
                return given if value.ndim == one else value[rows]

            return Prism(profile=at(profile, profile, 2), plane=self.plane,
                         extent=(at(self.extent[0], extent[0], 0),
                                 at(self.extent[1], extent[1], 0)),
                         wall=at(self.wall, wall, 0))._each_properties()

        return once_per_distinct(numbers, self._each_properties, designs)

    def _each_properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box, from Green's-theorem
        integrals over the profile (outer minus inner for a shell); NaN volume where the
        profile is not a simple polygon; design by design."""
        u, v = self.profile[..., 0], self.profile[..., 1]
        lo, hi = (np.asarray(e, dtype=float) for e in self.extent)
        wall = np.asarray(self.wall, dtype=float)
        # Moments about a reference point near the shape keep full precision.
        u0, v0 = u.mean(-1), v.mean(-1)
        w0 = 0.5 * (lo + hi)
        du, dv = u - u0[..., None], v - v0[..., None]
        vol, first, second = _extruded(du, dv, hi - lo)
        ok = (hi > lo) & (signed_area(u, v) != 0) & ~crosses_itself(du, dv)
        if np.any(wall):
            hollow = wall > 0  # a batch may hold solid designs too (wall 0): no inner prism
            iu, iv, inner_ok = offset_inward(du, dv, wall)
            ivol, ifirst, isecond = _extruded(iu, iv, hi - lo - 2.0 * wall)
            vol = vol - np.where(hollow, ivol, 0.0)
            first = first - np.where(hollow[..., None], ifirst, 0.0)
            second = second - np.where(hollow[..., None], isecond, 0.0)
            ok = ok & (wall >= 0) & (~hollow | (inner_ok & (hi - lo > 2.0 * wall)))
        a, b, c = PLANES[self.plane]
        order = np.argsort([a, b, c])  # local (u, v, w) → vehicle (x, y, z)
        ref = np.stack(np.broadcast_arrays(u0, v0, w0), axis=-1)[..., order]
        first = first[..., order]
        second = _permute_second(second, order)
        lo_box = np.stack(np.broadcast_arrays(u.min(-1), v.min(-1), lo), axis=-1)[..., order]
        hi_box = np.stack(np.broadcast_arrays(u.max(-1), v.max(-1), hi), axis=-1)[..., order]
        props = from_moments(np.where(ok, vol, np.nan), first, second, ref, lo_box, hi_box)
        return props

    def mirror_y(self) -> Prism:
        """The mirror image in the plane y = 0 of the shape's own frame."""
        if self.plane == "xz":
            lo, hi = self.extent
            return Prism(profile=self.profile, plane="xz", extent=(-hi, -lo), wall=self.wall)
        k = 1 if self.plane == "xy" else 0  # the profile coordinate that is y
        flipped = self.profile.copy()
        flipped[..., k] = -flipped[..., k]
        return Prism(profile=flipped, plane=self.plane, extent=self.extent, wall=self.wall)

    def _memo_key(self) -> tuple[Any, ...]:
        if self.profile.ndim != 2:
            raise TypeError("a prism of several designs has no key")
        lo, hi = self.extent
        return ("Prism", self.plane, self.profile.tobytes(), self.profile.shape[0], float(lo),
                float(hi), float(self.wall))

    def key(self) -> tuple[Any, ...]:
        """A hashable description of one design's prism.

        Raises:
            TypeError: the prism holds several designs.
        """
        if self.profile.ndim != 2:
            raise TypeError("a prism of several designs has no key")
        lo, hi = self.extent
        return ("Prism", self.plane, canonical_vertices(self.profile).tobytes(),
                self.profile.shape[0],
                float(lo) + 0.0, float(hi) + 0.0, float(self.wall) + 0.0)


def _extruded(u: np.ndarray, v: np.ndarray, length: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw moments of a profile (coordinates about the reference point) extruded over
    ``length`` centred on the reference: volume (...,), first (..., 3) and second (..., 6)
    moments in local (u, v, w) axes. Signs follow the profile's orientation; the result is
    made positive."""
    m = polygon_moments(u, v, ((0, 0), (1, 0), (0, 1), (2, 0), (0, 2), (1, 1)))
    sign = np.sign(m[0, 0])
    area = m[0, 0] * sign
    su, sv = m[1, 0] * sign, m[0, 1] * sign
    suu, svv, suv = m[2, 0] * sign, m[0, 2] * sign, m[1, 1] * sign
    length = np.asarray(length, dtype=float)
    zero = np.zeros(np.broadcast_shapes(area.shape, length.shape))
    first = np.stack(np.broadcast_arrays(su * length, sv * length, zero), axis=-1)
    second = np.stack(np.broadcast_arrays(suu * length, svv * length, area * length ** 3 / 12.0,
                                          suv * length, zero, zero), axis=-1)
    return area * length, first, second


def _permute_second(second: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Re-index (..., 6) second moments from local axes to vehicle axes: vehicle axis i is local
    axis ``order[i]``."""
    pick = [INERTIA_PAIRS.index(tuple(sorted((int(order[i]), int(order[j])))))
            for i, j in INERTIA_PAIRS]
    return second[..., pick]
