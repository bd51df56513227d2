"""An axis-aligned box, solid or a rectangular tube."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from keidesign.shapes.arrays import (AXES, DEDUPE_FROM, Scalar, as_vector, check_choice,
                                     check_vector)
from keidesign.shapes.properties import (CachedProperties, ShapeProperties,
                                         once_per_distinct)

__all__ = ["Box"]


@dataclass(frozen=True, slots=True)
class Box(CachedProperties):
    """An axis-aligned box in its own frame, solid or a rectangular tube open at both ends.

    Attributes:
        size: (x, y, z) edge lengths, mm (floats or (N,) arrays).
        centre: (x, y, z) of the box centre, mm.
        wall: wall thickness of a rectangular tube, mm; 0 for a solid box.
        hollow_axis: the axis the tube runs along; ignored when ``wall`` is 0.

    Raises:
        ParameterError: ``size`` or ``centre`` is not three values, or ``hollow_axis`` is not
            ``"x"``, ``"y"`` or ``"z"``.
    """

    size: tuple[Scalar, Scalar, Scalar]
    centre: tuple[Scalar, Scalar, Scalar] = (0.0, 0.0, 0.0)
    wall: Scalar = 0.0
    hollow_axis: Literal["x", "y", "z"] = "x"

    def __post_init__(self) -> None:
        check_vector(self.size, "size", "Box")
        check_vector(self.centre, "centre", "Box")
        check_choice(self.hollow_axis, tuple(AXES), "hollow_axis", "Box")

    def _properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and bounding box, in closed form (see
        :class:`~keidesign.shapes.properties.ShapeProperties`); a large batch once per
        distinct box."""
        wall = np.asarray(self.wall, dtype=float)
        size, centre = as_vector(self.size), as_vector(self.centre)
        batch = np.broadcast_shapes(size.shape[:-1], centre.shape[:-1], wall.shape)
        if len(batch) != 1 or batch[0] < DEDUPE_FROM:
            return self._each_properties()
        numbers = np.concatenate([np.broadcast_to(size, batch + (3,)),
                                  np.broadcast_to(centre, batch + (3,)),
                                  np.broadcast_to(wall, batch)[:, None]], axis=1)   # (N, 7)

        def designs(rows: np.ndarray) -> ShapeProperties:
            size, centre, wall = numbers[rows, :3], numbers[rows, 3:6], numbers[rows, 6]
            return Box(size=tuple(size.T), centre=tuple(centre.T), wall=wall,
                       hollow_axis=self.hollow_axis)._each_properties()

        return once_per_distinct(numbers, self._each_properties, designs)

    def _each_properties(self) -> ShapeProperties:
        """:meth:`_properties` design by design."""
        wall = np.asarray(self.wall, dtype=float)
        size = as_vector(self.size)
        centre = as_vector(self.centre)
        # Every field to the designs' shape (N designs may vary the wall alone).
        batch = np.broadcast_shapes(size.shape[:-1], centre.shape[:-1], wall.shape)
        size, centre = (np.broadcast_to(v, batch + (3,)) for v in (size, centre))
        sq = size * size
        outer = size.prod(-1)
        inertia = np.zeros(size.shape[:-1] + (6,))
        if not np.any(wall):
            volume = outer
            inertia[..., 0] = (sq[..., 1] + sq[..., 2]) / 12.0
            inertia[..., 1] = (sq[..., 0] + sq[..., 2]) / 12.0
            inertia[..., 2] = (sq[..., 0] + sq[..., 1]) / 12.0
            ok = (size > 0).all(-1)
        else:
            k = AXES[self.hollow_axis]
            hollow = wall > 0  # a batch may hold solid designs too (wall 0): no inner box
            inner = size - 2.0 * wall[..., None] * (np.arange(3) != k)
            isq = inner * inner
            vi = np.where(hollow, inner.prod(-1), 0.0)
            volume = outer - vi
            with np.errstate(divide="ignore", invalid="ignore"):
                for a, (b, c) in enumerate(((1, 2), (0, 2), (0, 1))):
                    inertia[..., a] = (outer * (sq[..., b] + sq[..., c])
                                       - vi * (isq[..., b] + isq[..., c])) / (12.0 * volume)
            ok = (size > 0).all(-1) & ((inner > 0).all(-1) | ~hollow) & (wall >= 0)
        half = 0.5 * size
        return ShapeProperties(volume_mm3=np.where(ok, volume, np.nan), centroid_mm=centre,
                               unit_inertia_mm2=inertia, bbox_min_mm=centre - half,
                               bbox_max_mm=centre + half)

    def mirror_y(self) -> Box:
        """The mirror image in the plane y = 0 of the shape's own frame."""
        x, y, z = self.centre
        return Box(size=self.size, centre=(x, -y, z), wall=self.wall,
                   hollow_axis=self.hollow_axis)

    def key(self) -> tuple[Any, ...]:
        """A hashable description of one design's box: equal keys, identical solids.

        Raises:
            TypeError: the box holds several designs.
        """
        return ("Box", tuple(float(v) + 0.0 for v in self.size),
                tuple(float(v) + 0.0 for v in self.centre), float(self.wall) + 0.0,
                self.hollow_axis if self.wall else "")
