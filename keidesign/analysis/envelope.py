"""The regulated envelope of a layout and how it fits a kei box, vectorised over designs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keidesign.analysis.regulation import Regulation
from keidesign.layout.layout import Layout

__all__ = ["AXIS_NAMES", "Envelope", "envelope", "Fit", "fit_box", "protrusion"]

#: Regulated dimension along each vehicle axis.
AXIS_NAMES = ("length", "width", "height")


@dataclass(frozen=True, slots=True)
class Envelope:
    """The box around the components that count toward the regulated size.

    Attributes:
        min_mm: (N, 3) lowest x, y, z of those components, mm.
        max_mm: (N, 3) highest x, y, z, mm.
        size_mm: (N, 3) overall length, width and height, mm; height is measured from the
            ground plane (z = 0), on which the tyres stand.
    """

    min_mm: np.ndarray
    max_mm: np.ndarray
    size_mm: np.ndarray


def envelope(layout: Layout) -> Envelope:
    """The regulated envelope (door mirrors, occupants and payload excluded)."""
    (lo, _), (hi, _) = _extremes(layout)                          # (3, N) each
    lo, hi = lo.T.copy(), hi.T.copy()                              # (N, 3)
    size = hi - lo
    size[:, 2] = hi[:, 2]  # height above the ground plane
    return Envelope(min_mm=lo, max_mm=hi, size_mm=size)


@dataclass(frozen=True, slots=True)
class Fit:
    """How N designs fit one regulation's box.

    The box is placed where it helps most: centred on the envelope lengthwise and across, and
    standing on the ground. A component sticks out of an axis by how far it reaches past the
    box on that axis (see :func:`protrusion`).

    Attributes:
        margins_mm: (N, 3) limit minus envelope size for length, width, height, mm (negative
            when a limit is broken).
        fits_box: (N,) bool, every dimension within its limit.
        box_min_mm: (N, 3) the placed box's lowest corner, mm.
        box_max_mm: (N, 3) its highest corner, mm.
        limiting: (N, 3) int, index of the component that reaches furthest on each axis (the
            first such, in layout order).
    """

    margins_mm: np.ndarray
    fits_box: np.ndarray
    box_min_mm: np.ndarray
    box_max_mm: np.ndarray
    limiting: np.ndarray


def fit_box(layout: Layout, env: Envelope, reg: Regulation) -> Fit:
    """Compare the envelope of every design with the box of ``reg``.

    The component reaching furthest on an axis is found per group of components (those the
    same in every design count once): on length and width it is the one with the highest top
    or the lowest bottom, whichever side sticks out more; on height, the highest top.
    """
    limits = np.array([reg.max_length_mm, reg.max_width_mm, reg.max_height_mm])
    margins = limits - env.size_mm
    mid = 0.5 * (env.min_mm + env.max_mm)                          # (N, 3)
    box_lo = mid - 0.5 * limits
    box_hi = mid + 0.5 * limits
    box_lo[:, 2] = 0.0
    box_hi[:, 2] = limits[2]
    limiting = np.empty(box_lo.shape, dtype=np.intp)
    (bottoms, bottoms_at), (tops, tops_at) = _extremes(layout)
    for a in range(3):
        top, top_at = tops[a], tops_at[a]
        if a == 2:  # the box stands on the ground: only the roof side limits height
            limiting[:, a] = top_at
            continue
        bottom, bottom_at = bottoms[a], bottoms_at[a]
        over_top, over_bottom = top - box_hi[:, a], box_lo[:, a] - bottom
        limiting[:, a] = np.where(over_top > over_bottom, top_at,
                                  np.where(over_bottom > over_top, bottom_at,
                                           np.minimum(top_at, bottom_at)))
    return Fit(margins_mm=margins, fits_box=np.all(margins >= 0, axis=1), box_min_mm=box_lo,
               box_max_mm=box_hi, limiting=limiting)


def _extremes(layout: Layout) -> tuple[tuple[np.ndarray, np.ndarray],
                                       tuple[np.ndarray, np.ndarray]]:
    """((3, N) lowest box bottom on each axis among the components in the envelope, (3, N)
    the first component reaching it), and the same for the highest box top; once per layout
    (see :func:`_extreme`)."""
    got = layout._full.get("envelope_extremes")
    if got is None:
        got = tuple(tuple(np.stack(v) for v in zip(*(_extreme(layout, a, upper)
                                                     for a in range(3))))
                    for upper in (False, True))
        for pair in got:
            for value in pair:
                value.setflags(write=False)
        layout._full["envelope_extremes"] = got
    return got


def _extreme(layout: Layout, axis: int, upper: bool) -> tuple[np.ndarray, np.ndarray]:
    """(N,) the highest box top (or lowest bottom) on ``axis`` among the components in the
    envelope, and (N,) the first component (in layout order) that reaches it.

    A group of components that vary is searched only for those that reach past the best
    of the components the same in every design in some design (the others can neither beat
    nor tie it)."""
    n = layout.n_designs
    best = np.full(n, -np.inf if upper else np.inf)
    at = np.full(n, np.iinfo(np.intp).max)
    constant = True                                   # best (and at) the same in every design
    for group in layout.groups():
        inside = layout.in_envelope[group.index]
        if not inside.any():
            continue
        rows = np.flatnonzero(inside)
        values = (group.bbox_max_mm if upper else group.bbox_min_mm)[axis]     # (c, k)
        if constant and values.shape[1] > 1:
            u_lo, u_hi, _, _ = layout.box_spans()
            reach = (u_hi if upper else u_lo)[group.index[rows], axis]
            rows = rows[reach >= best[0] if upper else reach <= best[0]]
            if not len(rows):
                continue
        index = group.index[rows]
        values = values[rows]
        # (value and first: (k,), k 1 or N, broadcast against (N,) best and at)
        i = _same_first(values, upper)
        if i is not None:                  # one component reaches furthest in every design
            value = values[i]
        else:
            i = values.argmax(axis=0) if upper else values.argmin(axis=0)
            value = np.take_along_axis(values, i[None], axis=0)[0]
        first = index[i]
        better = value > best if upper else value < best
        tie = value == best
        at = np.where(better, first, np.where(tie, np.minimum(at, first), at))
        best = np.where(better, value, best)
        constant = constant and values.shape[1] == 1
    return best, at


def _same_first(values: np.ndarray, upper: bool) -> int | None:
    """The row of (c, k) ``values`` that is the first to reach the highest (``upper``) or
    lowest value in every column, if one row is; ``None`` otherwise. What ``argmax(axis=0)``
    finds, without its slow walk down the short columns: that row reaches every column's
    extreme and every row before it falls strictly short (a tie, ±0 included, is left to
    ``argmax``)."""
    if values.shape[1] < 2:
        return None
    i = int(values[:, 0].argmax() if upper else values[:, 0].argmin())
    row = values[i]
    if upper:
        ok = (row == values.max(axis=0)).all() and (values[:i] < row).all()
    else:
        ok = (row == values.min(axis=0)).all() and (values[:i] > row).all()
    return i if ok else None


def protrusion(layout: Layout, fit: Fit) -> np.ndarray:
    """(N, C, 3) how far each component reaches past the box of ``fit`` on each axis, mm
    (negative: how far inside it stays); components outside the envelope are −inf."""
    hi, lo = layout.bbox_max_mm, layout.bbox_min_mm                # (N, C, 3)
    out = np.maximum(hi - fit.box_max_mm[:, None, :], fit.box_min_mm[:, None, :] - lo)
    out[..., 2] = hi[..., 2] - fit.box_max_mm[:, None, 2]
    out[:, ~layout.in_envelope, :] = -np.inf
    return out
