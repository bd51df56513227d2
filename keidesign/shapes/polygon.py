"""Exact integrals over polygons (Green's theorem), and the inward offset of a polygon.

Every function works on the last axis of its arrays, so ``(V,)`` vertex coordinates give one
polygon and ``(N, V)`` give N polygons of V vertices each (N designs).
"""

from __future__ import annotations

import functools
from math import comb, factorial

import numpy as np

__all__ = ["TOUCH_MM", "canonical_vertices", "crosses_itself", "polygon_integral",
           "polygon_moments", "offset_inward", "signed_area"]

#: How near, mm, a vertex may come to an edge it is not an end of before the polygon touches
#: itself: the CAD kernel's confusion distance (OCCT ``Precision::Confusion()``), within which
#: it takes two points for one.
TOUCH_MM = 1e-7

# crosses_itself works through the designs in blocks of about this many (V, V) entries, so that
# its work arrays stay in the processor's cache (a third of the time of one pass over them all).
_BLOCK_ENTRIES = 1 << 16


def signed_area(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(...,) signed area of the polygons (positive when the vertices run anticlockwise)."""
    return 0.5 * (x * np.roll(y, -1, -1) - np.roll(x, -1, -1) * y).sum(-1)


def canonical_vertices(points: np.ndarray) -> np.ndarray:
    """One polygon's (V, 2) vertices in a standard order: anticlockwise, from the lowest
    vertex (least first coordinate, then second). Polygons that differ only in where their
    vertex list starts or which way it runs (a symmetric profile and its mirror image) come
    out equal, so their keys are equal."""
    if signed_area(points[:, 0], points[:, 1]) < 0:
        points = points[::-1]
    first = int(np.lexsort((points[:, 1], points[:, 0]))[0])
    return np.roll(points, -first, axis=0) + 0.0  # + 0.0: no −0.0


def polygon_integral(x: np.ndarray, y: np.ndarray, p: int, q: int) -> np.ndarray:
    """∫∫ xᵖ yᵠ dA over the polygons, exactly (signed: negative for clockwise vertices).

    Green's theorem on each edge gives the closed form (C. Steger, "On the calculation of
    arbitrary moments of polygons", 1996)::

        ∫∫ xᵖ yᵠ dA = p! q! / (p+q+2)! · Σᵢ cᵢ Σₖ Σₗ C(k+l, l) C(p+q−k−l, q−l)
                                                   xᵢᵏ xᵢ₊₁ᵖ⁻ᵏ yᵢˡ yᵢ₊₁ᵠ⁻ˡ,
        cᵢ = xᵢ yᵢ₊₁ − xᵢ₊₁ yᵢ.

    Args:
        x: (..., V) first coordinates of the vertices, in order.
        y: (..., V) second coordinates.
        p: power of x (0–3 here).
        q: power of y.

    Returns:
        (...,) the integrals.
    """
    return polygon_moments(x, y, ((p, q),))[(p, q)]


def _next(a: np.ndarray) -> np.ndarray:
    """The next vertex's coordinate, wrapping round (``np.roll(a, -1, -1)``, faster)."""
    return np.concatenate([a[..., 1:], a[..., :1]], axis=-1)


def polygon_moments(x: np.ndarray, y: np.ndarray, powers: tuple[tuple[int, int], ...]
                    ) -> dict[tuple[int, int], np.ndarray]:
    """:func:`polygon_integral` for several (p, q) at once, sharing the edge terms (the formula
    is given there).

    Returns:
        (p, q) → (...,) the integrals (signed by the vertices' orientation).
    """
    x1, y1 = _next(x), _next(y)
    cross = x * y1 - x1 * y
    xp = {0: 1.0, 1: x}
    x1p = {0: 1.0, 1: x1}
    yp = {0: 1.0, 1: y}
    y1p = {0: 1.0, 1: y1}
    top = max(max(p, q) for p, q in powers)
    for k in range(2, top + 1):
        xp[k], x1p[k], yp[k], y1p[k] = xp[k - 1] * x, x1p[k - 1] * x1, yp[k - 1] * y, \
            y1p[k - 1] * y1
    out = {}
    for p, q in powers:
        total = 0.0
        for k in range(p + 1):
            for l in range(q + 1):
                coef = comb(k + l, l) * comb(p + q - k - l, q - l)
                total = total + coef * xp[k] * x1p[p - k] * yp[l] * y1p[q - l]
        out[(p, q)] = (cross * total).sum(-1) * (factorial(p) * factorial(q)
                                                 / factorial(p + q + 2))
    return out


def offset_inward(x: np.ndarray, y: np.ndarray, distance: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The polygon whose edges run ``distance`` inside the given polygon's edges (mitred).

    Each vertex moves along the bisector of its two edges' inward normals by
    ``distance / cos(half the turn)``, so every edge of the result is parallel to its edge of
    the original at exactly ``distance``: the inner surface of a wall of that thickness.

    Args:
        x: (..., V) vertex coordinates, either orientation.
        y: (..., V).
        distance: (...,) offset, mm, ≥ 0.

    Returns:
        ``(x, y, ok)``: the offset vertices (..., V) and (...,) bool, False where the wall is
        too thick for the polygon (an edge would shrink to nothing or turn round, or the
        offset would leave the polygon).
    """
    d = np.asarray(distance, dtype=float)[..., None]
    orient = np.sign(signed_area(x, y))[..., None]           # +1 anticlockwise
    ex, ey = np.roll(x, -1, -1) - x, np.roll(y, -1, -1) - y  # edge i: vertex i → i+1
    length = np.hypot(ex, ey)
    with np.errstate(divide="ignore", invalid="ignore"):
        nx, ny = -ey / length * orient, ex / length * orient  # inward unit normal of edge i
        px, py = np.roll(nx, 1, -1), np.roll(ny, 1, -1)       # normal of edge i−1
        scale = d / (1.0 + nx * px + ny * py)
        ox, oy = x + (nx + px) * scale, y + (ny + py) * scale
        fx, fy = np.roll(ox, -1, -1) - ox, np.roll(oy, -1, -1) - oy
        # Each offset edge keeps its direction and is shorter (or, at reflex corners,
        # longer) but never reversed; the area keeps its sign and shrinks. An edge shrunk to
        # rounding noise (a wall of exactly half an arm's width) has gone too: the inner
        # polygon would touch itself, which no solid can be built from.
        size = np.maximum(np.ptp(x, axis=-1), np.ptp(y, axis=-1))[..., None]
        keeps = ((fx * ex + fy * ey) > 1e-9 * size * length).all(-1)
        inner = signed_area(ox, oy)
        outer = signed_area(x, y)
        ok = keeps & (np.sign(inner) == np.sign(outer)) & (np.abs(inner) < np.abs(outer)) \
            & np.isfinite(inner)
        # Past a reflex corner the offset edges of a non-convex polygon can keep their
        # directions and still cross one another or the outline (a star's inner polygon
        # folding over itself): the area of such a polygon is not the cavity's.
        ok = ok & ~crosses_itself(ox, oy) & ~_edges_cross(ox, oy, x, y)
    return ox, oy, ok


def _edges_cross(x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray
                 ) -> np.ndarray:
    """(...,) whether an edge of polygon 1 crosses an edge of polygon 2, each through the
    other's interior (edges that share a vertex or only touch do not count)."""
    ax, ay = x1[..., :, None], y1[..., :, None]
    bx, by = np.roll(x1, -1, -1)[..., :, None], np.roll(y1, -1, -1)[..., :, None]
    cx, cy = x2[..., None, :], y2[..., None, :]
    dx, dy = np.roll(x2, -1, -1)[..., None, :], np.roll(y2, -1, -1)[..., None, :]

    def side(px, py, qx, qy, rx, ry):  # > 0: r left of p → q
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    crossing = (side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0) \
        & (side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0)
    return crossing.any(axis=(-2, -1))


def crosses_itself(x: np.ndarray, y: np.ndarray, tol: float = TOUCH_MM) -> np.ndarray:
    """(...,) whether each polygon fails to be simple: two edges that are not neighbours cross,
    or a vertex lies on an edge it is not an end of.

    "On" is within ``tol`` of the edge's line and more than ``tol`` from both its ends (a vertex
    given twice, or two vertices at one point, does not count: the kernel builds those); a
    crossing is two edges each of whose ends lie more than ``tol`` away on opposite sides of
    the other's line. Two edges that meet anywhere but at their ends do one or the other,
    unless they are one segment run there and back (a slit of no width, which the kernel
    builds: a valid solid of the volume the closed form gives).

    Made for sweeps: the tests read a (V, V + 1) table per polygon, every vertex's distance
    across every edge's line, which one batched matrix product gives; the designs are taken in
    blocks whose tables stay in the processor's cache, every elementwise step runs over a whole
    block at once, and the masks of the pairs of edges that are not neighbours are made once
    per V.

    Args:
        x: (..., V) vertex coordinates, mm, in order (either direction); centred on the
            polygon for full precision.
        y: (..., V).
        tol: the distance, mm, within which a vertex is on an edge; well above the rounding of
            the coordinates.

    Returns:
        (...,) bool; False where a coordinate is NaN.
    """
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    if x.ndim == 1:  # one polygon, as a sweep's shapes share it chunk after chunk
        return np.array(_one_crosses_itself(x.tobytes(), y.tobytes(), float(tol)))
    return _crosses_itself(x, y, tol)


@functools.lru_cache(maxsize=4096)
def _one_crosses_itself(x: bytes, y: bytes, tol: float) -> bool:
    return bool(_crosses_itself(np.frombuffer(x)[None], np.frombuffer(y)[None], tol)[0])


def _crosses_itself(x: np.ndarray, y: np.ndarray, tol: float) -> np.ndarray:
    batch, v = x.shape[:-1], x.shape[-1]
    if v < 3:
        return np.zeros(batch, dtype=bool)
    x, y = x.reshape(-1, v), y.reshape(-1, v)
    n = x.shape[0]
    pairs, not_end = _pair_masks(v)
    step = min(n, max(1, _BLOCK_ENTRIES // (v * v)))
    # Work arrays of one block, made once: fresh ones each block would cost more than the work.
    side = np.empty((step, v, v + 1))
    left, right, apart, on = (np.empty(step * v * (v + 1), dtype=bool) for _ in range(4))
    back = np.zeros((step, v, v + 1), dtype=bool)  # its last column stays False
    out = np.empty(n, dtype=bool)
    for lo in range(0, n, step):
        k = min(step, n - lo)
        bx, by = x[lo:lo + k], y[lo:lo + k]
        # Vertices as columns (x, y, 1), vertex V being vertex 0 again; edges as rows:
        # u_i × (p − p_i) is how far p lies left of edge i's line, u_i · (p − p_i) how far
        # along it (u_i its direction; an edge of no length is on no line and has no length).
        points = np.empty((k, 3, v + 1))
        points[:, 0, :v], points[:, 1, :v], points[:, 2] = bx, by, 1.0
        points[:, :2, v] = points[:, :2, 0]
        ex, ey = points[:, 0, 1:] - bx, points[:, 1, 1:] - by  # edge i: vertex i → i + 1
        length = np.sqrt(ex * ex + ey * ey)
        with np.errstate(divide="ignore", invalid="ignore"):
            ex /= length
            ey /= length
        ex[length == 0] = ey[length == 0] = 0.0
        rows = np.empty((k, 3, v))  # read transposed: (V, 3) per polygon
        rows[:, 0], rows[:, 1] = -ey, ex
        rows[:, 2] = ey * bx - ex * by
        table = np.matmul(rows.transpose(0, 2, 1), points, out=side[:k])
        size = k * v * (v + 1)
        lf, rt, ap, tmp = left[:size], right[:size], apart[:size], on[:size]
        np.greater(table.reshape(-1), tol, out=lf)
        np.less(table.reshape(-1), -tol, out=rt)
        # Edge j's ends on opposite sides of edge i's line: entry (i, j) of a (V, V + 1) table
        # and the next entry (its last column runs into the next row and is never read) ...
        np.logical_and(lf[:-1], rt[1:], out=ap[:-1])
        np.logical_and(rt[:-1], lf[1:], out=tmp[:-1])
        ap |= tmp
        square = ap.reshape(k, v, v + 1)
        # ... and edge i's ends on opposite sides of edge j's line.
        np.copyto(back[:k, :, :v], square[:, :, :v].transpose(0, 2, 1))
        ap &= back[:k].reshape(-1)
        found = np.logical_and(square.reshape(k, -1), pairs).any(axis=1)
        # A vertex on the line of an edge it is not an end of (a & ~b is a > b) ...
        np.logical_or(lf, rt, out=tmp)
        np.greater(not_end, tmp.reshape(k, -1), out=tmp.reshape(k, -1))
        if tmp.any():
            # ... and within the edge.
            rows[:, 0], rows[:, 1] = ex, ey
            rows[:, 2] = -(ex * bx + ey * by)
            along = np.matmul(rows.transpose(0, 2, 1), points, out=table)
            hit = tmp.reshape(k, v, v + 1)
            hit &= along > tol
            hit &= along < length[:, :, None] - tol
            found |= hit.reshape(k, -1).any(axis=1)
        out[lo:lo + k] = found
    return out.reshape(batch)


@functools.lru_cache(maxsize=64)
def _pair_masks(v: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of (V, V + 1) tables (entry (i, k): edge i, and edge or vertex k), flattened:
    the pairs of edges i < k that are not neighbours; vertex k is not an end of edge i. Edge i
    runs from vertex i to vertex i + 1; the last column is never set."""
    pairs = np.zeros((v, v + 1), dtype=bool)
    i, j = np.triu_indices(v, 2)
    pairs[i, j] = True
    pairs[0, v - 1] = False  # the last edge and the first meet at vertex 0
    not_end = np.ones((v, v + 1), dtype=bool)
    not_end[:, v] = False
    not_end[np.arange(v), np.arange(v)] = False
    not_end[np.arange(v), (np.arange(v) + 1) % v] = False
    pairs, not_end = pairs.reshape(-1), not_end.reshape(-1)
    for mask in (pairs, not_end):
        mask.setflags(write=False)
    return pairs, not_end
