"""Placing a shape: quarter-turns about the principal axes, then a translation.

A component is defined in its own frame and placed in the vehicle by a :class:`Placement`.
Rotations are restricted to quarter-turns, so the rotation matrix is a signed permutation:
moving centroids, inertia tensors (``R I Rᵀ``) and bounding boxes is exact index shuffling, with
no rounding. Mirroring in the centre plane (y = 0) is done on the shape itself
(:meth:`Placement.mirrored` with each shape's ``mirror_y``), so every placement stays a proper
rigid motion, the one kind a STEP or glTF instance can carry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.shapes.arrays import Scalar, as_vector, check_vector
from keidesign.shapes.properties import INERTIA_PAIRS, ShapeProperties

__all__ = ["IDENTITY", "MIRROR_Y", "Placement", "quarter_turns"]

IDENTITY = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
#: Reflection in the plane y = 0.
MIRROR_Y = np.diag([1, -1, 1])

_BASE = {"x": np.array([[1, 0, 0], [0, 0, -1], [0, 1, 0]]),
         "y": np.array([[0, 0, 1], [0, 1, 0], [-1, 0, 0]]),
         "z": np.array([[0, -1, 0], [1, 0, 0], [0, 0, 1]])}


@functools.lru_cache(maxsize=256)
def quarter_turns(x: int = 0, y: int = 0, z: int = 0) -> tuple[tuple[int, int, int], ...]:
    """The rotation of ``x`` quarter-turns about the x axis, then ``y`` about y, then ``z``
    about z (right-hand rule, positive anticlockwise looking down the axis), as a 3 × 3 tuple.

    Raises:
        ParameterError: a count is not a whole number (an int).
    """
    for name, n in (("x", x), ("y", y), ("z", z)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise ParameterError(f"{name!r}, the quarter-turns about {name}, must be a whole "
                                 f"number (got {n!r:.200})", name=name, value=n)
    m = np.eye(3, dtype=int)
    for name, n in (("x", x), ("y", y), ("z", z)):
        m = np.linalg.matrix_power(_BASE[name], int(n) % 4) @ m
    return tuple(tuple(int(v) for v in row) for row in m)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a shape defined in its own frame sits in the vehicle: ``p' = R p + t``.

    Attributes:
        translation: (x, y, z) of the shape's origin in vehicle axes, mm (floats or (N,)
            arrays).
        rotation: 3 × 3 signed permutation with determinant +1 (see :func:`quarter_turns`).

    Raises:
        ParameterError: ``translation`` is not three values, or ``rotation`` is not one of
            the 24 quarter-turn rotations.
    """

    translation: tuple[Scalar, Scalar, Scalar] = (0.0, 0.0, 0.0)
    rotation: tuple[tuple[int, int, int], ...] = IDENTITY

    def __post_init__(self) -> None:
        check_vector(self.translation, "translation", "Placement")
        try:
            proper = self.rotation in _PROPER
        except TypeError:  # unhashable: a list or an array
            proper = False
        if not proper:
            raise ParameterError(f"Placement 'rotation' must be quarter-turns, a 3 × 3 tuple of "
                                 f"ints with one ±1 in each row and column and determinant +1 "
                                 f"(see quarter_turns; got {self.rotation!r:.200})",
                                 name="rotation", value=self.rotation)

    @classmethod
    def at(cls, x: Scalar = 0.0, y: Scalar = 0.0, z: Scalar = 0.0, *, turns: tuple[int, int, int]
           = (0, 0, 0)) -> Placement:
        """Quarter-turns ``turns`` = (about x, about y, about z), then a move to (x, y, z)."""
        return cls(translation=(x, y, z), rotation=quarter_turns(*turns))

    def moved(self, dx: Scalar = 0.0, dy: Scalar = 0.0, dz: Scalar = 0.0) -> Placement:
        """The same placement, then a move by (dx, dy, dz), mm."""
        x, y, z = self.translation
        return Placement(translation=(x + dx, y + dy, z + dz), rotation=self.rotation)

    def then(self, other: Placement) -> Placement:
        """This placement followed by ``other``."""
        r2 = np.asarray(other.rotation)
        t = as_vector(self.translation)
        x, y, z = (r2 @ t[..., None])[..., 0].T if t.ndim > 1 else r2 @ t
        ox, oy, oz = other.translation
        rot = tuple(tuple(int(v) for v in row) for row in r2 @ np.asarray(self.rotation))
        return Placement(translation=(x + ox, y + oy, z + oz), rotation=rot)

    def mirrored(self) -> Placement:
        """The placement of the mirror image in y = 0: with ``S`` the reflection,
        ``S(R p + t) = (S R S)(S p) + S t``, so a mirrored shape (``S p``, each shape's
        ``mirror_y``) placed by ``(S R S, S t)`` is the mirror image, and ``S R S`` is again a
        proper rotation."""
        x, y, z = self.translation
        rot = MIRROR_Y @ np.asarray(self.rotation) @ MIRROR_Y
        return Placement(translation=(x, -y, z),
                         rotation=tuple(tuple(int(v) for v in row) for row in rot))

    def apply(self, props: ShapeProperties) -> ShapeProperties:
        """Move a shape's properties from its own frame into vehicle axes, exactly: the
        centroid by ``R c + t``, the inertia by ``R I Rᵀ`` (a signed re-indexing), the box by
        re-indexing its corners."""
        t = as_vector(self.translation)
        if self.rotation == IDENTITY:
            return ShapeProperties(volume_mm3=props.volume_mm3,
                                   centroid_mm=props.centroid_mm + t,
                                   unit_inertia_mm2=props.unit_inertia_mm2,
                                   bbox_min_mm=props.bbox_min_mm + t,
                                   bbox_max_mm=props.bbox_max_mm + t)
        perm, sign, six, six_sign = _index(self.rotation)
        centroid = props.centroid_mm[..., perm] * sign + t
        lo, hi = props.bbox_min_mm[..., perm], props.bbox_max_mm[..., perm]
        positive = sign > 0
        new_lo = np.where(positive, lo, -hi) + t
        new_hi = np.where(positive, hi, -lo) + t
        return ShapeProperties(volume_mm3=props.volume_mm3, centroid_mm=centroid,
                               unit_inertia_mm2=props.unit_inertia_mm2[..., six] * six_sign,
                               bbox_min_mm=new_lo, bbox_max_mm=new_hi)

    def apply_points(self, points: np.ndarray) -> np.ndarray:
        """(..., 3) points in the shape's frame → vehicle axes (one design)."""
        return np.asarray(points, dtype=float) @ np.asarray(self.rotation, dtype=float).T \
            + as_vector(self.translation)

    def matrix(self) -> np.ndarray:
        """(4, 4) homogeneous transform of one design (for CAD locations and meshes)."""
        m = np.eye(4)
        m[:3, :3] = self.rotation
        m[:3, 3] = [float(v) for v in self.translation]
        return m


#: The 24 proper quarter-turn rotations.
_PROPER = frozenset(quarter_turns(a, b, c) for a in range(4) for b in range(4) for c in range(4))


@functools.lru_cache(maxsize=64)
def _index(rotation: Any) -> tuple[np.ndarray, np.ndarray, list[int], np.ndarray]:
    """For ``R`` a signed permutation (row i has ±1 in column ``perm[i]``): vector indices and
    signs, and the same for the six tensor entries of ``R I Rᵀ``."""
    m = np.asarray(rotation)
    perm = np.abs(m).argmax(1)
    sign = m[np.arange(3), perm].astype(float)
    six = [INERTIA_PAIRS.index(tuple(sorted((int(perm[i]), int(perm[j])))))
           for i, j in INERTIA_PAIRS]
    six_sign = np.array([sign[i] * sign[j] for i, j in INERTIA_PAIRS])
    return perm, sign, six, six_sign
