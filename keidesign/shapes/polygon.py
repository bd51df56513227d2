"""Exact integrals over polygons (Green's theorem), and the inward offset of a polygon.

Every function works on the last axis of its arrays, so ``(V,)`` vertex coordinates give one
polygon and ``(N, V)`` give N polygons of V vertices each (N designs).
"""

from __future__ import annotations

from math import comb, factorial

import numpy as np

__all__ = ["canonical_vertices", "polygon_integral", "polygon_moments", "offset_inward",
           "signed_area"]


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
    x1, y1 = np.roll(x, -1, -1), np.roll(y, -1, -1)
    cross = x * y1 - x1 * y
    total = np.zeros_like(cross)
    for k in range(p + 1):
        for l in range(q + 1):
            coef = comb(k + l, l) * comb(p + q - k - l, q - l)
            total = total + coef * (x ** k) * (x1 ** (p - k)) * (y ** l) * (y1 ** (q - l))
    return (cross * total).sum(-1) * (factorial(p) * factorial(q) / factorial(p + q + 2))


def _next(a: np.ndarray) -> np.ndarray:
    """The next vertex's coordinate, wrapping round (``np.roll(a, -1, -1)``, faster)."""
    return np.concatenate([a[..., 1:], a[..., :1]], axis=-1)


def polygon_moments(x: np.ndarray, y: np.ndarray, powers: tuple[tuple[int, int], ...]
                    ) -> dict[tuple[int, int], np.ndarray]:
    """:func:`polygon_integral` for several (p, q) at once, sharing the edge terms.

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
        ok = ok & ~_edges_cross(ox, oy, ox, oy) & ~_edges_cross(ox, oy, x, y)
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
