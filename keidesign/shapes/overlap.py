"""Overlap volumes and clearances of slabs (:mod:`keidesign.shapes.section`), in closed form.

Two slabs share the extrusion axis (y), so their overlap is the overlap of their regions in the
xz plane times the overlap of their y intervals, and their distance is
``hypot(distance in xz, gap in y)``.

The area of two regions' overlap is a sum over pairs of boundary pieces (Green's theorem): a
region is the signed sum of the strips under its boundary pieces (top pieces +1, bottom pieces
−1), so ``area(A ∩ B) = Σₐ Σ_b sₐ s_b ∫ min(fₐ(x), f_b(x)) dx`` over the x span the two pieces
share. A polygon's pieces are its edges; a disc's are its upper and lower half circles, where
``∫√(r² − x²) dx`` is closed form. Two discs use the lens formula. Every function takes arrays
with a leading design axis ``k`` (1 or N, broadcast); lengths in mm.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import numpy as np

from keidesign.shapes.arrays import (DEDUPE_FROM, distinct, distinct_in_grid, pick_rows,
                                     run_starts, side_by_side)
from keidesign.shapes.polygon import signed_area
from keidesign.shapes.section import Slab

__all__ = ["QUANTUM", "area", "box_distance", "cavity_gap", "distinct", "distinct_designs", "gap",
           "overlap_area", "overlap_volume", "quantised", "side_overlap", "volume"]

#: Overlaps smaller than this fraction of the smaller region are rounding, not overlap.
_RELATIVE = 1e-9


# ---- areas in the xz plane ---------------------------------------------------------------
def area(slab: Slab) -> np.ndarray:
    """(k,) the slab's region's area, mm²."""
    if slab.is_disc:
        return np.pi * slab.radius ** 2
    return np.abs(signed_area(slab.points[..., 0], slab.points[..., 1]))


def volume(slab: Slab) -> np.ndarray:
    """(k,) the slab's volume, mm³."""
    return area(slab) * np.maximum(slab.y[:, 1] - slab.y[:, 0], 0.0)


# ---- one evaluation per distinct geometry ---------------------------------------------------
#: Geometries that agree to this (mm; degrees for an angle) count as one.
QUANTUM = 1e-6

def quantised(values: np.ndarray) -> np.ndarray:
    """``values`` in whole :data:`QUANTUM` s, as int64 keys."""
    return np.round(values / QUANTUM).astype(np.int64)


def distinct_designs(columns: Sequence[np.ndarray], n: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The designs whose numbers agree once :func:`quantised`, the numbers of each design
    being the rows of ``columns`` side by side ((k, m) arrays each, k 1, the same in every
    design, or n): (u,) the first design of each distinct row, (n,) which one each design
    is, and (u, Σm) the quantised numbers of those first designs. The same as
    :func:`distinct` of the (n, Σm) quantised rows, in its order.

    A grid's batch repeats its rows in a pattern: numbers moved by a slow parameter of the
    grid stay put over runs of designs, numbers moved by its fastest one take the same values
    period after period. Runs and a period are found in a pass or two over each column, so
    only one row of each run and of one period is sorted. Runs are looked for in the numbers
    as given first (a wide row of numbers costs more to quantise than to compare), then, if
    none, in the quantised numbers (numbers apart by rounding alone)."""
    columns = list(columns)
    runs = run_starts(columns, n)                   # (r,) each run's first design, or None
    if runs is not None and len(runs) == 1:         # every design alike (moved alike)
        keys = quantised(np.concatenate([c[:1] for c in columns], axis=1))
        return np.zeros(1, dtype=np.intp), np.zeros(n, dtype=np.intp), keys
    keys = [quantised(pick_rows(c, runs)) for c in columns]
    if runs is None:
        runs = run_starts(keys, n)
        keys = [pick_rows(q, runs) for q in keys]
    first, inverse = distinct_in_grid(keys, n, runs)
    firsts = side_by_side([quantised(pick_rows(c, first)) for c in columns], len(first),
                          np.int64)
    return first, inverse, firsts


def _per_side_view(kernel: object) -> object:
    """``kernel(a, b, *args)``, a figure of the two slabs' regions in the xz plane alone,
    evaluated once per distinct relative side view in a large batch (a sweep that moves a
    part along y, or that moves both alike, repeats the side view design after design)."""
    @functools.wraps(kernel)  # type: ignore[arg-type]
    def run(a: Slab, b: Slab, *args: object) -> np.ndarray:
        k = max(len(a.y), len(b.y))
        if k < DEDUPE_FROM:
            return kernel(a, b, *args)  # type: ignore[operator]
        ref = a.centre if a.is_disc else a.points[:, 0]
        columns = []
        for s in (a, b):
            if s.is_disc:
                columns += [s.centre - ref, s.radius[:, None]]
            else:
                relative = s.points - ref[:, None, :]          # (k or 1, V, 2)
                columns.append(relative.reshape(len(relative), -1))
        first, inverse, _ = distinct_designs(columns, k)
        if len(first) > k // 2:
            return kernel(a, b, *args)  # type: ignore[operator]
        got = kernel(a.take(first), b.take(first), *args)  # type: ignore[operator]
        return np.broadcast_to(got, first.shape)[inverse]
    return run


def overlap_area(a: Slab, b: Slab) -> np.ndarray:
    """(k,) area of the overlap of two slabs' regions in the xz plane, mm²."""
    if a.box and b.box:
        a_lo, a_hi = a.points[:, 0], a.points[:, 2]
        b_lo, b_hi = b.points[:, 0], b.points[:, 2]
        return np.maximum(np.minimum(a_hi, b_hi) - np.maximum(a_lo, b_lo), 0.0).prod(-1)
    return _curved_area(a, b)


@_per_side_view
def _curved_area(a: Slab, b: Slab) -> np.ndarray:
    if a.is_disc and b.is_disc:
        return _lens(a.centre, a.radius, b.centre, b.radius)
    if a.is_disc:
        a, b = b, a
    if b.is_disc:
        return _polygon_disc(a.points - b.centre[:, None, :], b.radius)
    ref = a.points.mean(1, keepdims=True)
    return _polygon_polygon(a.points - ref, b.points - ref)


def box_distance(a_lo: np.ndarray, a_hi: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray
                 ) -> np.ndarray:
    """(…,) the distance between two (…, 3) boxes (lowest and highest corners; a slab's
    :meth:`~keidesign.shapes.section.Slab.bounds`), mm: a lower bound of the distance between
    what they hold, 0 where they meet."""
    g = np.maximum(np.maximum(b_lo - a_hi, a_lo - b_hi), 0.0)
    g *= g
    return np.sqrt(g[..., 0] + g[..., 1] + g[..., 2])


def _meeting(a: Slab, b: Slab, axes: slice = slice(None)) -> np.ndarray:
    """(k,) whether the slabs' boxes overlap in each design (on ``axes``: all three, or x and
    z alone)."""
    a_lo, a_hi = a.bounds()
    b_lo, b_hi = b.bounds()
    return ((a_lo < b_hi) & (b_lo < a_hi))[:, axes].all(-1)


def _where_meeting(figure: object, a: Slab, b: Slab, axes: slice = slice(None)
                   ) -> np.ndarray:
    """(k,) ``figure(a, b)`` in the designs where the slabs' boxes overlap (on ``axes``), 0
    elsewhere: the kernels run on those designs only."""
    return _where(_meeting(a, b, axes), figure, a, b)


def _where(mask: np.ndarray, figure: object, a: Slab, b: Slab) -> np.ndarray:
    """(k,) ``figure(a, b)`` in the designs where (k,) or (1,) ``mask`` holds, 0 elsewhere:
    worked out in those designs only."""
    k = max(a.y.shape[0], b.y.shape[0])
    mask = np.broadcast_to(mask, (k,))
    if mask.all():
        return np.broadcast_to(figure(a, b), (k,))  # type: ignore[operator]
    out = np.zeros(k)
    rows = np.flatnonzero(mask)
    if len(rows):
        out[rows] = figure(a.take(rows), b.take(rows))  # type: ignore[operator]
    return out


_XZ = slice(0, 3, 2)


def side_overlap(a: Slab, b: Slab) -> np.ndarray:
    """(k,) :func:`overlap_area` of the two slabs' regions (in the designs where their boxes
    meet in the side view, 0 elsewhere), mm²: shared by :func:`overlap_volume` and
    :func:`gap` of one pair."""
    return _where_meeting(overlap_area, a, b, _XZ)


def overlap_volume(a: Slab, b: Slab, side: np.ndarray | None = None) -> np.ndarray:
    """(k,) volume of the overlap of two slabs, mm³ (``side``: their :func:`side_overlap`,
    if known)."""
    span = np.minimum(a.y[:, 1], b.y[:, 1]) - np.maximum(a.y[:, 0], b.y[:, 0])
    if side is None:
        side = _where_meeting(overlap_area, a, b)
    return np.maximum(span, 0.0) * side


def _edges(points: np.ndarray) -> tuple[np.ndarray, ...]:
    """A polygon's edges as strips: (k, V) low and high x, the edge's z at each, and the sign
    (+1 top, −1 bottom, 0 vertical)."""
    u, v = points[..., 0], points[..., 1]
    u1, v1 = np.roll(u, -1, -1), np.roll(v, -1, -1)
    orient = np.sign(signed_area(u, v))[:, None]
    forward = u1 > u
    lo, hi = np.where(forward, u, u1), np.where(forward, u1, u)
    f_lo, f_hi = np.where(forward, v, v1), np.where(forward, v1, v)
    sign = np.where(u1 < u, 1.0, np.where(forward, -1.0, 0.0)) * orient
    return lo, hi, f_lo, f_hi, sign


def _at(lo: np.ndarray, hi: np.ndarray, f_lo: np.ndarray, f_hi: np.ndarray, u: np.ndarray
        ) -> np.ndarray:
    """The edge's z at x = u (edges of no width give their low end)."""
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    return f_lo + (f_hi - f_lo) * ((u - lo) / safe)


def _mean_positive(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The mean over an interval of max(ℓ, 0), ℓ linear from p to q."""
    top, bottom = np.maximum(p, q), np.minimum(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        mixed = top * top / (2.0 * (top - bottom))
    return np.where(bottom >= 0, 0.5 * (p + q), np.where(top <= 0, 0.0, mixed))


def _polygon_polygon(pa: np.ndarray, pb: np.ndarray) -> np.ndarray:
    lo_a, hi_a, fl_a, fh_a, s_a = (e[:, :, None] for e in _edges(pa))
    lo_b, hi_b, fl_b, fh_b, s_b = (e[:, None, :] for e in _edges(pb))
    left, right = np.maximum(lo_a, lo_b), np.minimum(hi_a, hi_b)
    width = right - left
    a_l, a_r = _at(lo_a, hi_a, fl_a, fh_a, left), _at(lo_a, hi_a, fl_a, fh_a, right)
    b_l, b_r = _at(lo_b, hi_b, fl_b, fh_b, left), _at(lo_b, hi_b, fl_b, fh_b, right)
    # ∫ min(fa, fb) = ∫ fa − ∫ max(fa − fb, 0)
    term = width * (0.5 * (a_l + a_r) - _mean_positive(a_l - b_l, a_r - b_r))
    return np.where(width > 0, s_a * s_b * term, 0.0).sum((1, 2))


def _circle_integral(x: np.ndarray, r: np.ndarray) -> np.ndarray:
    """∫₀ˣ √(r² − t²) dt for |x| ≤ r."""
    c = np.clip(x / r, -1.0, 1.0)
    return 0.5 * (x * np.sqrt(np.maximum(r * r - x * x, 0.0)) + r * r * np.arcsin(c))


def _polygon_disc(p: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Overlap area of polygons (k, V, 2) and discs of radius r (k,) centred on the origin."""
    lo, hi, f_lo, f_hi, s = (e[:, :, None] for e in _edges(p))
    r = r[:, None, None]
    sigma = np.array([1.0, -1.0])[None, None, :]          # upper, lower half circle
    left, right = np.maximum(lo, -r), np.minimum(hi, r)
    # Where the edge's line meets the circle: |P₀ + t d|² = r².
    du, dv = hi - lo, f_hi - f_lo
    qa = du * du + dv * dv
    qb = du * lo + dv * f_lo
    qc = lo * lo + f_lo * f_lo - r * r
    disc = qb * qb - qa * qc
    root = np.sqrt(np.maximum(disc, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        t1, t2 = (-qb - root) / qa, (-qb + root) / qa
    meets = (disc > 0) & (qa > 0)
    x1 = np.where(meets, lo + t1 * du, left)
    x2 = np.where(meets, lo + t2 * du, left)
    cuts = [left, np.clip(x1, left, right), np.clip(x2, left, right), right]
    total = np.zeros(np.broadcast_shapes(left.shape, sigma.shape))
    for p0, p1 in itertools.pairwise(cuts):
        mid = 0.5 * (p0 + p1)
        line_mid = _at(lo, hi, f_lo, f_hi, mid)
        arc_mid = sigma * np.sqrt(np.maximum(r * r - mid * mid, 0.0))
        line = 0.5 * (_at(lo, hi, f_lo, f_hi, p0) + _at(lo, hi, f_lo, f_hi, p1)) * (p1 - p0)
        arc = sigma * (_circle_integral(p1, r) - _circle_integral(p0, r))
        total = total + np.where(line_mid <= arc_mid, line, arc)
    return np.where(right > left, s * sigma * total, 0.0).sum((1, 2))


def _lens(c1: np.ndarray, r1: np.ndarray, c2: np.ndarray, r2: np.ndarray) -> np.ndarray:
    d = np.hypot(*(c1 - c2).T)
    small = np.minimum(r1, r2)
    with np.errstate(divide="ignore", invalid="ignore"):
        a1 = np.arccos(np.clip((d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1), -1.0, 1.0))
        a2 = np.arccos(np.clip((d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2), -1.0, 1.0))
        k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)
        lens = r1 * r1 * a1 + r2 * r2 * a2 - 0.5 * np.sqrt(np.maximum(k, 0.0))
    return np.where(d >= r1 + r2, 0.0,
                    np.where(d <= np.abs(r1 - r2), np.pi * small * small, lens))


# ---- distances ------------------------------------------------------------------------------
def _point_segment(px: np.ndarray, pz: np.ndarray, ax: np.ndarray, az: np.ndarray,
                   bx: np.ndarray, bz: np.ndarray) -> np.ndarray:
    """The distance from points p to segments a–b, mm: the broadcast shape of p and a,
    (k, Va, Vb) or (k, V) (a and b of one shape; the segments' own figures are worked out at
    that smaller shape). A segment of no length is its end."""
    dx, dz = bx - ax, bz - az
    length2 = dx * dx + dz * dz
    length2 = np.where(length2 > 0, length2, np.inf)    # a point segment: its end, t = 0
    ux, uz = px - ax, pz - az
    t = ux * dx
    t += uz * dz
    t /= length2
    np.clip(t, 0.0, 1.0, out=t)
    ux -= t * dx
    uz -= t * dz
    return np.hypot(ux, uz, out=ux)


def _segments(points: np.ndarray) -> tuple[np.ndarray, ...]:
    a = points
    b = np.roll(points, -1, axis=-2)
    return a[..., 0], a[..., 1], b[..., 0], b[..., 1]


def _boundary_polygons(pa: np.ndarray, pb: np.ndarray) -> np.ndarray:
    """(k,) the least distance between two polygons' boundaries (0 where edges cross).

    Two segments that do not cross are nearest at an end of one of them, so the least
    distance is that of a vertex of either polygon to an edge of the other: each vertex
    once against each edge (an edge's second end is the next edge's first)."""
    ax0, az0, ax1, az1 = (e[:, :, None] for e in _segments(pa))     # edges i of a: (k, Va, 1)
    bx0, bz0, bx1, bz1 = (e[:, None, :] for e in _segments(pb))     # edges j of b: (k, 1, Vb)
    # [i, j]: vertex j of b against edge i of a, vertex i of a against edge j of b.
    d = np.minimum(_point_segment(bx0, bz0, ax0, az0, ax1, az1),
                   _point_segment(ax0, az0, bx0, bz0, bx1, bz1))

    def side(px: np.ndarray, pz: np.ndarray, qx: np.ndarray, qz: np.ndarray, rx: np.ndarray,
             rz: np.ndarray) -> np.ndarray:
        return np.sign((qx - px) * (rz - pz) - (qz - pz) * (rx - px))

    # Edge i of a and edge j of b cross where each one's ends lie strictly either side of
    # the other's line: the sides of b's vertices j and j + 1 of a's edge i, and the sides of
    # a's vertices i and i + 1 of b's edge j, each worked out once per vertex.
    of_a = side(ax0, az0, ax1, az1, bx0, bz0)                        # (k, Va, Vb)
    of_b = side(bx0, bz0, bx1, bz1, ax0, az0)
    crosses = (of_a * np.roll(of_a, -1, axis=2) < 0) & (of_b * np.roll(of_b, -1, axis=1) < 0)
    return np.where(crosses, 0.0, d).min((1, 2))


def _boundary(a: Slab, b: Slab, b_inside_a: bool) -> np.ndarray:
    """(k,) the distance in xz between b's region and a's boundary: b outside a (``False``) or
    inside it (``True``)."""
    if a.box and b.box:
        return _box_boundary(a, b, b_inside_a)
    return _curved_boundary(a, b, b_inside_a)


def _box_boundary(a: Slab, b: Slab, b_inside_a: bool) -> np.ndarray:
    a_lo, a_hi = a.points[:, 0], a.points[:, 2]
    b_lo, b_hi = b.points[:, 0], b.points[:, 2]
    if b_inside_a:
        walls = np.minimum(b_lo - a_lo, a_hi - b_hi)           # (k, 2): x, z
        if a.open_axis in (0, 2):                             # a tube's open ends
            walls[:, a.open_axis // 2] = np.inf
        return walls.min(-1)
    g = np.maximum(np.maximum(b_lo - a_hi, a_lo - b_hi), 0.0)
    return np.sqrt((g * g).sum(-1))


@_per_side_view
def _curved_boundary(a: Slab, b: Slab, b_inside_a: bool) -> np.ndarray:
    if a.is_disc and b.is_disc:
        d = np.hypot(*(a.centre - b.centre).T)
        return a.radius - d - b.radius if b_inside_a else d - a.radius - b.radius
    if a.is_disc and b_inside_a:               # a polygon inside a disc
        far = np.hypot(*(b.points - a.centre[:, None, :]).transpose(2, 0, 1)).max(-1)
        return a.radius - far
    if a.is_disc or b.is_disc:                 # a disc and a polygon, outside or inside
        disc, poly = (a, b) if a.is_disc else (b, a)
        x0, z0, x1, z1 = _segments(poly.points)
        cx, cz = disc.centre[:, 0:1], disc.centre[:, 1:2]
        return _point_segment(cx, cz, x0, z0, x1, z1).min(-1) - disc.radius
    return _boundary_polygons(a.points, b.points)


def gap(a: Slab, b: Slab, side: np.ndarray | None = None) -> np.ndarray:
    """(k,) the distance between two slabs that do not overlap, mm (0 where they touch or
    overlap; ``side``: their :func:`side_overlap`, if known)."""
    dy = np.maximum(np.maximum(a.y[:, 0], b.y[:, 0]) - np.minimum(a.y[:, 1], b.y[:, 1]), 0.0)
    # Rounding leaves ~1e-14 mm² where regions only touch.
    # (Regions that overlap in xz are apart across the car only: their distance is dy.)
    if side is None:
        side = side_overlap(a, b)
    flat = side > _RELATIVE * np.minimum(area(a), area(b))
    # The boundaries' distance in the designs apart in the side view alone.
    d2 = np.maximum(_where(~flat, lambda a, b: _boundary(a, b, False), a, b), 0.0)
    return np.hypot(d2, dy)


def cavity_gap(cavity: Slab, b: Slab) -> np.ndarray:
    """(k,) the clearance of a slab inside a cavity slab to the cavity's walls, mm (the
    lesser of its distance to the side walls in xz and to the end walls in y; a tube's open
    ends are no walls)."""
    ends = np.minimum(b.y[:, 0] - cavity.y[:, 0], cavity.y[:, 1] - b.y[:, 1])
    if cavity.open_axis == 1:                                    # a tube open along y
        ends = np.full(ends.shape, np.inf)
    return np.maximum(np.minimum(_boundary(cavity, b, True), ends), 0.0)
