"""The turning circle at full steering lock, vectorised over designs.

Geometry (Ackermann steering, no tyre slip): the turn centre lies on the rear axle's line; the
outer front wheel, steered ``max_steer_deg``, runs on a circle of radius wheelbase / sin(δ)
about it. That is the *minimum turning radius* Japanese catalogues quote (最小回転半径: the
outer front tyre's centre). Kerb to kerb adds half the tyre's width (its outer edge on the
road); wall to wall is the farthest any part of the vehicle (mirrors included) sweeps. The
vehicle may not be symmetric (a snorkel on one side): both directions are evaluated and the
larger radius kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keidesign.layout.component import ROAD_TYRES
from keidesign.layout.layout import Layout

__all__ = ["TurningCircle", "turning_circle"]


@dataclass(frozen=True, slots=True)
class TurningCircle:
    """Turning circles of N designs (NaN where a design declares no steering angle).

    Attributes:
        radius_m: (N,) the outer front wheel's centre at full lock, m (the catalogue figure).
        kerb_to_kerb_m: (N,) the outer front tyre's outer edge, m.
        wall_to_wall_m: (N,) the farthest point of the vehicle, m.
    """

    radius_m: np.ndarray
    kerb_to_kerb_m: np.ndarray
    wall_to_wall_m: np.ndarray


def turning_circle(layout: Layout) -> TurningCircle:
    """The turning circles of every design of ``layout``.

    Reads the wheelbase, front track and maximum steering angle (``max_steer_deg``, degrees,
    the outer wheel's) from the layout's facts, the front tyres' width from the components
    named ``tyre_front_left``/``tyre_front_right`` (zero if there are none), and every
    component's box for the wall-to-wall circle.
    """
    facts = layout.facts
    n = layout.n_designs
    wb = np.broadcast_to(np.asarray(facts.wheelbase_mm, dtype=float), (n,))
    track = np.broadcast_to(np.asarray(facts.track_front_mm, dtype=float), (n,))
    steer = facts.max_steer_deg
    steer = np.broadcast_to(np.asarray(np.nan if steer is None else steer, dtype=float), (n,))
    delta = np.radians(steer)
    radius = wb / np.sin(delta)
    # The turn centre's distance from the centre plane, to the inside of the turn.
    centre = wb / np.tan(delta) - 0.5 * track
    tyre_half = 0.5 * _front_tyre_width(layout)
    kerb = radius + tyre_half  # the steered wheel's plane is tangent to its circle
    # Turning left the centre is at y = +centre, turning right at −centre; a box's farthest
    # point from either is one of its corners. Only the boxes that can be the farthest in some
    # design are evaluated: bounds over every design (from the boxes' spans and the ranges of
    # wheelbase and centre) drop those that always stay nearer than another always reaches.
    # The figure is a maximum, so the boxes left out change nothing.
    keep = _candidates(layout, wb, centre)
    wall2 = np.zeros(n)                                             # squared, mm²
    for group in layout.groups():
        rows = np.flatnonzero(keep[group.index])
        if not len(rows):
            continue
        lo, hi = group.bbox_min_mm[:, rows], group.bbox_max_mm[:, rows]  # (3, c, k)
        dx = np.maximum(np.abs(lo[0] + wb), np.abs(hi[0] + wb))     # (c, N)
        dx2 = dx * dx
        for c in (centre, -centre):
            dy = np.maximum(np.abs(c - lo[1]), np.abs(hi[1] - c))
            np.maximum(wall2, (dx2 + dy * dy).max(axis=0), out=wall2)
    return TurningCircle(radius_m=radius / 1000.0, kerb_to_kerb_m=kerb / 1000.0,
                         wall_to_wall_m=np.sqrt(wall2) / 1000.0)


def _candidates(layout: Layout, wb: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(C,) bool: the components whose box may reach farthest from a turn centre in some
    design: each one's squared reach has an upper and a lower bound over the designs, and a
    component whose upper bound is below the largest lower bound never reaches farthest."""
    if not (np.isfinite(wb).all() and np.isfinite(centre).all()):
        return np.ones(len(layout.names), dtype=bool)
    u_lo, u_hi, i_lo, i_hi = layout.box_spans()                     # (C, 3) each
    w = np.array([wb.min(), wb.max()])
    c_far = np.abs(centre).max()
    c = np.array([-c_far, c_far])                     # either direction's centre: ±centre
    # |x + wb| and |c − y| are convex: their largest over a box of ranges is at a corner.
    dx_hi = np.abs(np.concatenate([u_lo[:, :1], u_hi[:, :1]], 1)[:, :, None]
                   + w[None, None, :]).max(axis=(1, 2))
    dy_hi = np.abs(c[None, :, None] - np.stack([u_lo[:, 1], u_hi[:, 1]], 1)[:, None, :]
                   ).max(axis=(1, 2))
    upper = dx_hi * dx_hi + dy_hi * dy_hi
    # From below, turning left: |hi + wb| with hi in [i_hi, u_hi] and wb in its range, …;
    # the least of |v| over a range is 0 where the range holds 0.
    def least_abs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.where((a <= 0.0) & (b >= 0.0), 0.0, np.minimum(np.abs(a), np.abs(b)))

    dx_lo = np.maximum(least_abs(i_hi[:, 0] + w[0], u_hi[:, 0] + w[1]),
                       least_abs(u_lo[:, 0] + w[0], i_lo[:, 0] + w[1]))
    c_lo, c_hi = centre.min(), centre.max()          # turning left: the centre at +centre
    dy_lo = np.maximum(least_abs(c_lo - i_lo[:, 1], c_hi - u_lo[:, 1]),
                       least_abs(i_hi[:, 1] - c_hi, u_hi[:, 1] - c_lo))
    lower = dx_lo * dx_lo + dy_lo * dy_lo
    return upper * (1.0 + 1e-9) >= lower.max() * (1.0 - 1e-9)


def _front_tyre_width(layout: Layout) -> np.ndarray:
    """(N,) the wider front tyre's section width, mm (its box across the vehicle)."""
    n = layout.n_designs
    width = np.zeros(n)
    for name in ROAD_TYRES[:2]:
        if name in layout.names:
            lo, hi = layout.box_of(layout.index(name))                  # (k, 3)
            width = np.maximum(width, hi[:, 1] - lo[:, 1])
    return width
