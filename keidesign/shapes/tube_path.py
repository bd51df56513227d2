"""A round tube along a polyline, its corners bent to a radius: cage hoops, bars, exhaust pipes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from keidesign.errors import ParameterError
from keidesign.shapes.arrays import Scalar, as_points, pick_rows
from keidesign.shapes.properties import (
    INERTIA_COLUMNS,
    INERTIA_ROWS,
    CachedProperties,
    ShapeProperties,
    from_moments,
    once_per_distinct,
)

__all__ = ["TubePath", "TubePieces", "DEFAULT_BEND_RATIO"]

#: Centreline bend radius over outer diameter when none is given (a common mandrel bend).
DEFAULT_BEND_RATIO = 2.0

# Corners that turn less than this (radians) are straight: no elbow.
_STRAIGHT = 1e-9


class TubePieces(NamedTuple):
    """The straight runs and elbows of a tube path (arrays over designs ``...``).

    Straight run s goes from ``start[..., s, :]`` to ``end[..., s, :]``; elbow j turns by
    ``angle[..., j]`` about the axis ``axis[..., j, :]`` through ``centre[..., j, :]`` with
    centreline radius ``bend_radius``, starting where straight run j ends.
    """

    start: np.ndarray      # (..., S, 3) mm
    end: np.ndarray        # (..., S, 3) mm
    direction: np.ndarray  # (..., S, 3) unit
    run: np.ndarray        # (..., S) straight length, mm (may be 0)
    centre: np.ndarray     # (..., S−1, 3) mm
    axis: np.ndarray       # (..., S−1, 3) unit, right-handed with the turn
    radial: np.ndarray     # (..., S−1, 3) unit, from the centre to the elbow's start
    angle: np.ndarray      # (..., S−1) radians, 0 where the path runs straight on
    bend_radius: np.ndarray  # (...,) mm
    ok: np.ndarray         # (...,) bool: the bends fit and the tube is well formed


@dataclass(frozen=True, slots=True)
class TubePath(CachedProperties):
    """A round tube along a polyline of points, bent at each corner.

    Each interior point is a corner: the tube runs straight towards it and turns through a
    circular bend of centreline radius ``bend_radius`` tangent to both runs (as a tube bender
    makes it), so joints have no gaps and no overlaps. Straight runs are cylinders and bends
    sectors of a torus, whose properties are exact (Pappus); the CAD path builds the same
    pieces.

    Attributes:
        points: (P, 3) or (N, P, 3) array, or a sequence of (x, y, z) of floats or (N,)
            arrays: the polyline through the corners (P ≥ 2), mm.
        outer_diameter: mm.
        wall: wall thickness, mm; 0 for a solid rod.
        bend_radius: centreline radius of every bend, mm (more than half the outer diameter);
            ``None`` for :data:`DEFAULT_BEND_RATIO` × the outer diameter.

    Raises:
        ParameterError: ``points`` is not at least two points of three numbers (or (N,)
            arrays) each.
    """

    points: Any
    outer_diameter: Scalar
    wall: Scalar = 0.0
    bend_radius: Scalar | None = None

    def __post_init__(self) -> None:
        pts = as_points(self.points, 3, "TubePath 'points'", "points")
        if pts.shape[-2] < 2:
            raise ParameterError(f"TubePath 'points' must be at least 2 points (got "
                                 f"{self.points!r:.200})", name="points", value=self.points)
        object.__setattr__(self, "points", pts)

    def _radii(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r = 0.5 * np.asarray(self.outer_diameter, dtype=float)
        wall = np.asarray(self.wall, dtype=float)
        ri = np.where(wall > 0, r - wall, 0.0)
        bend = 2.0 * DEFAULT_BEND_RATIO * r if self.bend_radius is None \
            else np.asarray(self.bend_radius, dtype=float)
        return r, ri, bend

    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Points (..., P, 3), radius, bore radius and bend radius (...,), every one in the
        designs' shape (N designs may vary the diameter alone, along the same points)."""
        p = self.points
        r, ri, bend = self._radii()
        batch = np.broadcast_shapes(p.shape[:-2], r.shape, ri.shape, bend.shape)
        return (np.broadcast_to(p, batch + p.shape[-2:]), np.broadcast_to(r, batch),
                np.broadcast_to(ri, batch), np.broadcast_to(bend, batch))

    def pieces(self) -> TubePieces:
        """The straight runs and bends (shared by the closed form and the CAD path)."""
        p, r, ri, bend = self._arrays()
        seg = p[..., 1:, :] - p[..., :-1, :]
        length = np.sqrt((seg * seg).sum(-1))
        with np.errstate(divide="ignore", invalid="ignore"):
            e = seg / length[..., None]
            a, b = e[..., :-1, :], e[..., 1:, :]
            cross = np.cross(a, b)
            sin = np.sqrt((cross * cross).sum(-1))
            cos = (a * b).sum(-1)
            angle = np.arctan2(sin, cos)
            bent = angle > _STRAIGHT
            tangent = np.where(bent, bend[..., None] * np.tan(0.5 * angle), 0.0)
            zeros = np.zeros(tangent.shape[:-1] + (1,))
            trim_start = np.concatenate([zeros, tangent], axis=-1)
            trim_end = np.concatenate([tangent, zeros], axis=-1)
            run = length - trim_start - trim_end
            start = p[..., :-1, :] + e * trim_start[..., None]
            end = p[..., 1:, :] - e * trim_end[..., None]
            w = np.where(bent[..., None], cross / sin[..., None], 0.0)
            inward = np.cross(w, a)                      # from the elbow's start to its centre
            centre = end[..., :-1, :] + bend[..., None, None] * inward
        ok = ((length > 0).all(-1) & (run >= -1e-9 * length.max(-1)[..., None]).all(-1)
              & (angle < np.pi - 1e-6).all(-1) & (bend > r) & (r > 0) & (ri >= 0) & (ri < r))
        return TubePieces(start=start, end=end, direction=e, run=np.maximum(run, 0.0),
                          centre=centre, axis=w, radial=-inward, angle=np.where(bent, angle, 0.0),
                          bend_radius=np.broadcast_to(bend, ok.shape), ok=ok)

    def design_numbers(self) -> np.ndarray:
        """(k, 3P + 3) the numbers that define each design's tube: its points, outer radius,
        wall and bend radius, mm (k 1 for one design)."""
        p, r, _, bend = self._arrays()
        p, r, bend = (np.atleast_1d(a) for a in (p if p.ndim == 3 else p[None], r, bend))
        wall = np.broadcast_to(np.asarray(self.wall, dtype=float), r.shape)
        return np.concatenate([p.reshape(len(p), -1), r[:, None], wall[:, None],
                               bend[:, None]], axis=1)

    def designs(self, rows: np.ndarray, numbers: np.ndarray) -> TubePath:
        """The tube of the designs ``rows`` (an index array) of a batch (``numbers``: its
        :meth:`design_numbers`)."""
        numbers = pick_rows(numbers, rows)
        points = numbers[:, :-3].reshape(len(numbers), -1, 3)
        r, wall, bend = numbers[:, -3], numbers[:, -2], numbers[:, -1]
        return TubePath(points, outer_diameter=2.0 * r, wall=wall, bend_radius=bend)

    def _properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box (see
        :meth:`_each_properties`); a large batch is evaluated once per distinct tube (a
        sweep that stretches a pipe with the wheelbase repeats it design after design)."""
        numbers = self.design_numbers()
        return once_per_distinct(numbers, self._each_properties,
                                 lambda rows: self.designs(rows, numbers)._each_properties())

    def _each_properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box, design by design.

        Straight runs: cylinders. Bends: the annulus (area ``A``, ``J = ∫ρ² dA``) revolved by
        θ at centreline radius R, whose moments in the bend frame are ``V = θRA``,
        ``∫x' = (R²A + J) sin θ``, ``∫y' = (R²A + J)(1 − cos θ)``,
        ``∫x'² = (R³A + 3RJ)(θ/2 + sin 2θ/4)``, ``∫y'² = (R³A + 3RJ)(θ/2 − sin 2θ/4)``,
        ``∫x'y' = (R³A + 3RJ) sin²θ/2``, ``∫z'² = θRJ``. The box of a bend: along axis k the
        tube reaches ``Cₖ + R g + r√(g² + wₖ²)`` with g the largest ``nₖ(φ)`` over the bend
        (the extremes of a torus sector lie where its centreline points furthest).
        """
        pc = self.pieces()
        points, r, ri, bend = self._arrays()
        area = np.pi * (r * r - ri * ri)
        j = 0.25 * np.pi * (r ** 4 - ri ** 4)           # ∫ρ² dA over the annulus, one axis
        ref = points.mean(-2)                            # (..., 3)
        # Straight runs.
        e, run = pc.direction, pc.run
        mid = 0.5 * (pc.start + pc.end) - ref[..., None, :]
        vol_s = area[..., None] * run
        outer_e = e[..., :, None] * e[..., None, :]      # (..., S, 3, 3)
        with np.errstate(divide="ignore", invalid="ignore"):
            cov = (j / area)[..., None, None, None] * (np.eye(3) - outer_e) \
                + (run * run / 12.0)[..., None, None] * outer_e
        second = vol_s[..., None, None] * (cov + mid[..., :, None] * mid[..., None, :])
        first = vol_s[..., None] * mid
        volume = vol_s.sum(-1)
        first_sum = first.sum(-2)
        second_sum = second.sum(-3)
        # Bends.
        theta = pc.angle
        rb = bend[..., None]
        s2 = rb * rb * area[..., None] + j[..., None]
        s3 = rb ** 3 * area[..., None] + 3.0 * rb * j[..., None]
        vol_b = theta * rb * area[..., None]
        sin, cos = np.sin(theta), np.cos(theta)
        f_local = np.stack([s2 * sin, s2 * (1.0 - cos), np.zeros(theta.shape)], axis=-1)
        s_local = np.zeros(theta.shape + (3, 3))
        s_local[..., 0, 0] = s3 * (0.5 * theta + 0.25 * np.sin(2.0 * theta))
        s_local[..., 1, 1] = s3 * (0.5 * theta - 0.25 * np.sin(2.0 * theta))
        s_local[..., 0, 1] = s_local[..., 1, 0] = 0.5 * s3 * sin * sin
        s_local[..., 2, 2] = theta * rb * j[..., None]
        q = np.stack([pc.radial, e[..., :-1, :], pc.axis], axis=-1)  # columns u, v, w
        d = pc.centre - ref[..., None, :]
        qf = np.einsum("...ij,...j->...i", q, f_local)
        qsq = np.einsum("...ij,...jk,...lk->...il", q, s_local, q)
        second_b = vol_b[..., None, None] * d[..., :, None] * d[..., None, :] \
            + d[..., :, None] * qf[..., None, :] + qf[..., :, None] * d[..., None, :] + qsq
        volume = volume + vol_b.sum(-1)
        first_sum = first_sum + (vol_b[..., None] * d + qf).sum(-2)
        second_sum = second_sum + second_b.sum(-3)
        six = second_sum[..., INERTIA_ROWS, INERTIA_COLUMNS]
        lo, hi = self._bounds(pc, r)
        return from_moments(np.where(pc.ok, volume, np.nan), first_sum, six, ref, lo, hi)

    @staticmethod
    def _bounds(pc: TubePieces, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        e = pc.direction
        rr = r[..., None, None]
        half = np.abs(e) * (0.5 * pc.run)[..., None] \
            + rr * np.sqrt(e[..., [1, 0, 0]] ** 2 + e[..., [2, 2, 1]] ** 2)  # √(1 − eᵢ²)
        mid = 0.5 * (pc.start + pc.end)
        lo, hi = (mid - half).min(-2), (mid + half).max(-2)
        if pc.angle.shape[-1] == 0:
            return lo, hi
        u, v, w = pc.radial, e[..., :-1, :], pc.axis
        theta = pc.angle[..., None]
        amp = np.hypot(u, v)
        phase = np.mod(np.arctan2(v, u), 2.0 * np.pi)
        g0, g1 = u, np.cos(theta) * u + np.sin(theta) * v
        gmax = np.where(phase <= theta, amp, np.maximum(g0, g1))
        gmin = np.where(np.mod(phase + np.pi, 2.0 * np.pi) <= theta, -amp, np.minimum(g0, g1))
        rb = pc.bend_radius[..., None, None]
        bent = (pc.angle > 0)[..., None]
        b_hi = np.where(bent, pc.centre + rb * gmax + rr * np.sqrt(gmax * gmax + w * w), -np.inf)
        b_lo = np.where(bent, pc.centre + rb * gmin - rr * np.sqrt(gmin * gmin + w * w), np.inf)
        return np.minimum(lo, b_lo.min(-2)), np.maximum(hi, b_hi.max(-2))

    def mirror_y(self) -> TubePath:
        """The mirror image in the plane y = 0 of the shape's own frame."""
        flipped = self.points.copy()
        flipped[..., 1] = -flipped[..., 1]
        return TubePath(points=flipped, outer_diameter=self.outer_diameter, wall=self.wall,
                        bend_radius=self.bend_radius)

    def _memo_key(self) -> tuple[Any, ...]:
        if self.points.ndim != 2:
            raise TypeError("a tube path of several designs has no key")
        return ("TubePath", self.points.tobytes(), self.points.shape[0],
                float(self.outer_diameter), float(self.wall),
                None if self.bend_radius is None else float(self.bend_radius))

    def key(self) -> tuple[Any, ...]:
        """A hashable description of one design's tube.

        Raises:
            TypeError: the tube holds several designs.
        """
        if self.points.ndim != 2:
            raise TypeError("a tube path of several designs has no key")
        _, _, bend = self._radii()
        # A path and its reverse are the same tube (a hoop and its mirror image, say).
        points = min(self.points + 0.0, self.points[::-1] + 0.0, key=lambda p: p.tolist())
        return ("TubePath", points.tobytes(), self.points.shape[0],
                float(self.outer_diameter) + 0.0, float(self.wall) + 0.0, float(bend) + 0.0)
