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
    # point from either is one of its corners.
    wall2 = np.zeros(n)                                             # squared, mm²
    for group in layout.groups():
        lo, hi = group.bbox_min_mm, group.bbox_max_mm              # (3, c, k), k = 1 or N
        dx = np.maximum(np.abs(lo[0] + wb), np.abs(hi[0] + wb))     # (c, N)
        dx2 = dx * dx
        for c in (centre, -centre):
            dy = np.maximum(np.abs(c - lo[1]), np.abs(hi[1] - c))
            np.maximum(wall2, (dx2 + dy * dy).max(axis=0), out=wall2)
    return TurningCircle(radius_m=radius / 1000.0, kerb_to_kerb_m=kerb / 1000.0,
                         wall_to_wall_m=np.sqrt(wall2) / 1000.0)


def _front_tyre_width(layout: Layout) -> np.ndarray:
    """(N,) the wider front tyre's section width, mm (its box across the vehicle)."""
    n = layout.n_designs
    width = np.zeros(n)
    for name in ROAD_TYRES[:2]:
        if name in layout.names:
            lo, hi = layout.box_of(layout.index(name))                  # (k, 3)
            width = np.maximum(width, hi[:, 1] - lo[:, 1])
    return width
