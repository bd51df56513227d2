"""A straight cylinder or round tube between two points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from keidesign.shapes.arrays import DEDUPE_FROM, Scalar, as_vector, check_vector
from keidesign.shapes.properties import (CachedProperties, ShapeProperties,
                                         once_per_distinct)

__all__ = ["Cylinder"]


@dataclass(frozen=True, slots=True)
class Cylinder(CachedProperties):
    """A straight cylinder, or a tube with a bore, between the centres of its end faces.

    Attributes:
        start: (x, y, z) centre of one end face, mm (floats or (N,) arrays).
        end: (x, y, z) centre of the other end face, mm.
        radius: outer radius, mm.
        inner_radius: bore radius, mm; 0 for a solid cylinder.

    Raises:
        ParameterError: ``start`` or ``end`` is not three values.
    """

    start: tuple[Scalar, Scalar, Scalar]
    end: tuple[Scalar, Scalar, Scalar]
    radius: Scalar
    inner_radius: Scalar = 0.0

    def __post_init__(self) -> None:
        check_vector(self.start, "start", "Cylinder")
        check_vector(self.end, "end", "Cylinder")

    def _properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box.

        Inertia: ``I = t·E + (a − t)·d dᵀ`` with axial ``a = (r² + rᵢ²)/2`` and transverse
        ``t = (3(r² + rᵢ²) + L²)/12`` per kg, d the unit axis. Along axis i each end disc
        reaches ``r·√(1 − dᵢ²)`` and the axis adds ``|dᵢ|·L/2``.
        """
        start, end = as_vector(self.start), as_vector(self.end)
        r = np.asarray(self.radius, dtype=float)
        ri = np.asarray(self.inner_radius, dtype=float)
        # Every field to the designs' shape (N designs may vary the radius alone).
        batch = np.broadcast_shapes(start.shape[:-1], end.shape[:-1], r.shape, ri.shape)
        if len(batch) == 1 and batch[0] >= DEDUPE_FROM:  # once per distinct cylinder
            numbers = np.concatenate([np.broadcast_to(start, batch + (3,)),
                                      np.broadcast_to(end, batch + (3,)),
                                      np.broadcast_to(r, batch)[:, None],
                                      np.broadcast_to(ri, batch)[:, None]], axis=1)  # (N, 8)

            def designs(rows: np.ndarray) -> ShapeProperties:
                ends = numbers[rows]
                return self._each_properties(ends[:, :3], ends[:, 3:6], ends[:, 6], ends[:, 7],
                                             (len(rows),))

            def each() -> ShapeProperties:
                return self._each_properties(start, end, r, ri, batch)

            return once_per_distinct(numbers, each, designs)
        return self._each_properties(start, end, r, ri, batch)

    def _each_properties(self, start: np.ndarray, end: np.ndarray, r: np.ndarray,
                         ri: np.ndarray, batch: tuple[int, ...]) -> ShapeProperties:
        """:meth:`_properties` design by design, from the fields as arrays."""
        start, end = (np.broadcast_to(v, batch + (3,)) for v in (start, end))
        r, ri = np.broadcast_to(r, batch), np.broadcast_to(ri, batch)
        axis = end - start
        length = np.sqrt((axis * axis).sum(-1))
        with np.errstate(divide="ignore", invalid="ignore"):
            d = axis / length[..., None]
        r2 = r * r + ri * ri
        axial = 0.5 * r2
        transverse = (3.0 * r2 + length * length) / 12.0
        k = (axial - transverse)[..., None]
        t = np.broadcast_to(transverse, length.shape)[..., None]
        inertia = np.concatenate([t + k * d * d, k * d[..., [0, 0, 1]] * d[..., [1, 2, 2]]],
                                 axis=-1)
        volume = np.pi * (r * r - ri * ri) * length
        ok = (length > 0) & (r > 0) & (ri >= 0) & (ri < r)
        # √(1 − dᵢ²) as √(dⱼ² + dₖ²): exact for an axis a hair off a principal one.
        half = np.abs(d) * (0.5 * length)[..., None] \
            + r[..., None] * np.sqrt(d[..., [1, 0, 0]] ** 2 + d[..., [2, 2, 1]] ** 2)
        centre = 0.5 * (start + end)
        return ShapeProperties(volume_mm3=np.where(ok, volume, np.nan), centroid_mm=centre,
                               unit_inertia_mm2=inertia, bbox_min_mm=centre - half,
                               bbox_max_mm=centre + half)

    def mirror_y(self) -> Cylinder:
        """The mirror image in the plane y = 0 of the shape's own frame."""
        (x0, y0, z0), (x1, y1, z1) = self.start, self.end
        return Cylinder(start=(x0, -y0, z0), end=(x1, -y1, z1), radius=self.radius,
                        inner_radius=self.inner_radius)

    def _memo_key(self) -> tuple[Any, ...]:
        return ("Cylinder", tuple(float(v) for v in self.start),
                tuple(float(v) for v in self.end), float(self.radius),
                float(self.inner_radius))

    def key(self) -> tuple[Any, ...]:
        """A hashable description of one design's cylinder.

        Raises:
            TypeError: the cylinder holds several designs.
        """
        # Either end may be given first: the same cylinder (an axle and its mirror image).
        ends = sorted(tuple(float(v) + 0.0 for v in p) for p in (self.start, self.end))
        return ("Cylinder", ends[0], ends[1], float(self.radius) + 0.0,
                float(self.inner_radius) + 0.0)
