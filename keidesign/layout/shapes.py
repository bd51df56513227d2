"""Primitive shapes as numbers: what the layout, the analysis and the CAD builder share.

Each primitive knows, in closed form, its volume, the position of its volume centroid, its
inertia per kilogram about that centroid and its exact axis-aligned bounding box. Every figure is
in millimetres in vehicle axes (ISO 8855: x forward, y left, z up; origin on the ground below
the centre of the front axle).

Fields may be Python floats (one design) or NumPy arrays of shape ``(N,)`` (N designs evaluated
together by a sweep); every formula here broadcasts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, Union

import numpy as np

__all__ = ["Box", "Cylinder", "Shape", "AXES", "shape_row"]

#: Index of each axis name.
AXES = {"x": 0, "y": 1, "z": 2}

Scalar = Any  # float, or an (N,) float array in a batch


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box, solid or a rectangular tube.

    Attributes:
        centre: (x, y, z) of the box centre, mm.
        size: (x, y, z) edge lengths, mm.
        wall: wall thickness of a rectangular tube, mm; 0 for a solid box.
        hollow_axis: the axis the tube runs along (open at both ends); ignored when ``wall`` is 0.
    """

    centre: tuple[Scalar, Scalar, Scalar]
    size: tuple[Scalar, Scalar, Scalar]
    wall: Scalar = 0.0
    hollow_axis: Literal["x", "y", "z"] = "x"

    def _inner(self) -> tuple[Scalar, Scalar, Scalar]:
        k = AXES[self.hollow_axis]
        return tuple(s if i == k else s - 2.0 * self.wall for i, s in enumerate(self.size))

    def volume_mm3(self) -> Scalar:
        """Material volume, mm³."""
        sx, sy, sz = self.size
        outer = sx * sy * sz
        if _is_zero(self.wall):
            return outer
        ix, iy, iz = self._inner()
        return outer - ix * iy * iz

    def centroid_mm(self) -> tuple[Scalar, Scalar, Scalar]:
        """Volume centroid, mm."""
        return self.centre

    def unit_inertia_mm2(self) -> tuple[Scalar, ...]:
        """Inertia per kg about the centroid, (Ixx, Iyy, Izz, Ixy, Ixz, Iyz), kg·mm² per kg."""
        sx, sy, sz = self.size
        if _is_zero(self.wall):
            return ((sy * sy + sz * sz) / 12.0, (sx * sx + sz * sz) / 12.0,
                    (sx * sx + sy * sy) / 12.0, 0.0, 0.0, 0.0)
        ix, iy, iz = self._inner()
        vo, vi = sx * sy * sz, ix * iy * iz
        v = vo - vi

        def diff(a_o: Scalar, b_o: Scalar, a_i: Scalar, b_i: Scalar) -> Scalar:
            return (vo * (a_o * a_o + b_o * b_o) - vi * (a_i * a_i + b_i * b_i)) / (12.0 * v)

        return (diff(sy, sz, iy, iz), diff(sx, sz, ix, iz), diff(sx, sy, ix, iy), 0.0, 0.0, 0.0)

    def half_extents_mm(self) -> tuple[Scalar, Scalar, Scalar]:
        """Half the bounding-box size along x, y, z, mm (about the centroid)."""
        sx, sy, sz = self.size
        return (0.5 * sx, 0.5 * sy, 0.5 * sz)


@dataclass(frozen=True, slots=True)
class Cylinder:
    """A straight cylinder or tube between two points (wheels, roll-cage tubes, exhaust).

    Attributes:
        start: (x, y, z) centre of one end face, mm.
        end: (x, y, z) centre of the other end face, mm.
        radius: outer radius, mm.
        inner_radius: bore radius, mm; 0 for a solid cylinder.
    """

    start: tuple[Scalar, Scalar, Scalar]
    end: tuple[Scalar, Scalar, Scalar]
    radius: Scalar
    inner_radius: Scalar = 0.0

    def _axis(self) -> tuple[tuple[Scalar, Scalar, Scalar], Scalar]:
        d = tuple(e - s for s, e in zip(self.start, self.end))
        # ** 0.5 and abs() serve floats and arrays alike, and are cheap on floats.
        length = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) ** 0.5
        return tuple(c / length for c in d), length

    def length_mm(self) -> Scalar:
        """Distance between the end faces, mm."""
        return self._axis()[1]

    def volume_mm3(self) -> Scalar:
        """Material volume, mm³."""
        r, ri = self.radius, self.inner_radius
        return math.pi * (r * r - ri * ri) * self.length_mm()

    def centroid_mm(self) -> tuple[Scalar, Scalar, Scalar]:
        """Volume centroid (the mid-point of the axis), mm."""
        return tuple(0.5 * (s + e) for s, e in zip(self.start, self.end))

    def unit_inertia_mm2(self) -> tuple[Scalar, ...]:
        """Inertia per kg about the centroid, (Ixx, Iyy, Izz, Ixy, Ixz, Iyz), kg·mm² per kg."""
        (dx, dy, dz), length = self._axis()
        r2 = self.radius * self.radius + self.inner_radius * self.inner_radius
        axial = 0.5 * r2
        transverse = (3.0 * r2 + length * length) / 12.0
        k = axial - transverse
        # I = transverse·E + (axial − transverse)·d dᵀ
        return (transverse + k * dx * dx, transverse + k * dy * dy, transverse + k * dz * dz,
                k * dx * dy, k * dx * dz, k * dy * dz)

    def half_extents_mm(self) -> tuple[Scalar, Scalar, Scalar]:
        """Half the exact bounding-box size along x, y, z, mm (about the centroid).

        The end faces are discs: along axis i a disc of radius r normal to d reaches
        r·sqrt(1 − d_i²), and the axis adds |d_i|·L/2.
        """
        d, length = self._axis()
        return tuple(abs(c) * 0.5 * length + self.radius * abs(1.0 - c * c) ** 0.5 for c in d)


Shape = Union[Box, Cylinder]


def shape_row(shape: Shape) -> tuple[Scalar, ...]:
    """Centroid (3), bounding-box half extents (3) and unit inertia (6) of ``shape``, in one
    12-tuple: the per-component figures a :class:`~keidesign.layout.layout.Layout` stacks."""
    return shape.centroid_mm() + shape.half_extents_mm() + shape.unit_inertia_mm2()


def _is_zero(value: Scalar) -> bool:
    if isinstance(value, (int, float)):
        return value == 0
    return bool(np.all(np.asarray(value) == 0))
