"""Ground geometry per load case: ground clearance, approach, departure and breakover angles,
each with the part that limits it, vectorised over designs.

Frame and units: vehicle axes (x forward, z up; origin on the ground under the front axle; the
rear axle at x = −wheelbase), millimetres and degrees at the surface, radians inside.

What touches the ground (the *underside*): every component's box, bottom face only, except the
road wheels (``tyre_``, ``rim_`` and ``hub_`` + ``front_left`` … ``rear_right``) and what rides
inside the vehicle (occupants and payload: load group other than ``"vehicle"``). A spare wheel
is not a road wheel: it is underside like any body part. Parts are taken by their bounding box,
so a tube that slopes (a radius arm, a propeller shaft) counts as low along its whole length as
at its lowest end: the figures err towards less clearance, never more.

Tyres: the road wheels stand on z = 0; a tyre's radius R is half its box's height (front
tyres for the approach angle, rear for departure, each for its side of the breakover).

Sag (how far the body sinks under load): the sprung parts (``Component.sprung``) sink at each
axle by the increase of that axle's static deflection over kerb,
Δz = ΔF / k = (Δm_axle / m_axle,kerb) · g / (2πf)², mm, with the wheel rate from the ride
frequency f at kerb, k = m_corner,kerb · (2πf)² (the corner's whole static load stands in for
its sprung share, so Δz is a slight underestimate). f is ``VehicleFacts.ride_frequency_hz``
(front, rear) or, when a design does not declare it, :data:`DEFAULT_RIDE_FREQUENCY_HZ`. The
body pitches as a rigid body: a point's drop interpolates linearly in x between the axles'
and carries on past them. Unsprung parts (wheels, hubs, beam axles and their differentials,
leaf springs, arms) keep their height; tyres do not change. At kerb nothing sinks.

The figures (each the minimum over the underside; the part giving it is named):

- ground clearance, mm: the lowest point of any box overlapping the x-range between the axles,
  [−wheelbase, 0], axle lines included (a beam axle's differential counts);
- approach angle, degrees (SAE J1100 style): the steepest ramp, tangent to the front tyre
  (centre (0, R)), that clears every underside point ahead of the front axle. For a point x
  ahead of the axle at height z the ramp through it makes θ with the ground,
  θ = acos(−R/ρ) − atan2(x, z − R), ρ = hypot(x, z − R); equivalently
  tan(θ/2) = z / (x + √(x² + z² − 2Rz)), the form used here (one square root, and θ is
  monotonic in it). A point inside the tyre's circle (ρ ≤ R) does not limit. A ramp is
  tangent to the convex hull of the tyre and a box's bottom face at one of the face's ends,
  so each box gives the ends of the part of its bottom ahead of the axle (the front-bottom
  corner, (x_max, z_min), unless the body pitches). 90° when nothing is ahead;
- departure angle, degrees: the same behind the rear axle with the rear tyre, x measured
  rearwards from the rear axle;
- breakover angle, degrees: for a point a behind the front axle and b = wheelbase − a ahead of
  the rear one, the two ramps through it tangent to the front and the rear tyre make α_f(a, z)
  and α_r(b, z) with the ground (the formula above); the point's breakover angle is
  α_f + α_r, i.e. 180° less the angle the two ramps include at the crest, as catalogues quote
  it (a flat underside at height h with point-like tyres gives 2·atan(2h / wheelbase)).
  Each box is evaluated at its bottom face's two ends clipped to [−wheelbase, 0] and at the
  point of it nearest the middle of the wheelbase (with equal tyres the angle is least at the
  middle; with unequal ones the least is a little off it, which this misses by hundredths of a
  degree; 0.12° at most with 300 and 400 mm tyres). A point inside either tyre's circle does
  not limit. 180° when nothing is between the axles.

A part on or under the ground (a load case can sink one there) gives a clearance of zero or
less and angles of 0°: the angles are not carried below zero.

Speed: every design and load case is evaluated at once, and only on the boxes that can limit:
each figure has a lower bound per box over all designs (from the box's extremes, the smallest
tyres, the longest wheelbase and the most the body sinks), boxes are evaluated best bound
first, and those whose bound is above every design's figure so far are never evaluated. A
sweep of a few thousand designs evaluates a handful of boxes per figure; the results are
those of evaluating every box (``tests/test_ground.py`` holds them to a plain per-design
reference).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from keidesign.analysis.mass import MassProperties, mass_properties
from keidesign.errors import ParameterError
from keidesign.layout.component import ROAD_WHEEL_PARTS
from keidesign.layout.layout import Layout
from keidesign.shapes.arrays import DEDUPE_FROM, distinct_floats

__all__ = ["DEFAULT_RIDE_FREQUENCY_HZ", "GroundGeometry", "ground_geometry"]

#: (front, rear) ride frequency at kerb, Hz, for a design that declares none: typical figures
#: for a small passenger car or light truck (softer front, stiffer rear for a flat pitch
#: response), an estimate, not a source.
DEFAULT_RIDE_FREQUENCY_HZ: tuple[float, float] = (1.5, 1.7)

_G_MM_S2 = 9806.65  # standard gravity, mm/s²


@dataclass(frozen=True, slots=True)
class GroundGeometry:
    """The ground geometry of N designs in one load case (definitions: :mod:`the module
    <keidesign.analysis.ground>`).

    Attributes:
        load_case: ``"kerb"``, ``"driver"``, ``"crew"`` or ``"full"``.
        ground_clearance_mm: (N,) the lowest underside point between the axles, mm (+∞ when
            nothing is between them).
        approach_deg: (N,) approach angle, degrees (90 when nothing is ahead of the front
            tyres).
        departure_deg: (N,) departure angle, degrees (90 when nothing is behind the rear
            tyres).
        breakover_deg: (N,) breakover (ramp) angle, degrees (180 when nothing is between the
            axles).
        clearance_part: (N,) object array of str, the name of the part giving the ground
            clearance (``""``: none). The four ``*_part`` arrays hold the layout's own name
            strings, shared by every design they name: a reference each, not a fixed-width
            copy per design.
        approach_part: (N,) object array of str, the part limiting the approach angle
            (``""``: none).
        departure_part: (N,) object array of str, the part limiting the departure angle
            (``""``: none).
        breakover_part: (N,) object array of str, the part limiting the breakover angle
            (``""``: none).
        sag_mm: (N, 2) how far the sprung parts sank at the front and rear axle lines from
            kerb, mm (zeros at kerb; negative if the load case lightens an axle).
    """

    load_case: str
    ground_clearance_mm: np.ndarray
    approach_deg: np.ndarray
    departure_deg: np.ndarray
    breakover_deg: np.ndarray
    clearance_part: np.ndarray
    approach_part: np.ndarray
    departure_part: np.ndarray
    breakover_part: np.ndarray
    sag_mm: np.ndarray


def ground_geometry(layout: Layout,
                    mass: Mapping[str, MassProperties] | None = None
                    ) -> dict[str, GroundGeometry]:
    """Ground clearance, approach, departure and breakover angles of every design in
    ``layout`` for each load case, with the part that limits each.

    Args:
        layout: N designs; its road wheels are the components named ``tyre_front_left`` …
            ``tyre_rear_right`` (see :data:`~keidesign.layout.component.ROAD_WHEEL_PARTS`).
        mass: the layout's mass properties (:func:`~keidesign.analysis.mass.mass_properties`)
            if already computed; they give the axle loads that set each case's sag.

    Returns:
        ``{"kerb": …, "driver": …, "crew": …, "full": …}`` (the load cases of ``mass``).

    Raises:
        ParameterError: the layout has no front or no rear tyre.
    """
    # Points inside a tyre's circle take square roots of negative numbers and crests divide
    # infinities: the NaNs are masked where they arise.
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return _ground_geometry(layout, mass_properties(layout) if mass is None else mass)


def _ground_geometry(layout: Layout, props: Mapping[str, MassProperties]
                     ) -> dict[str, GroundGeometry]:
    n = layout.n_designs
    facts = layout.facts
    cases = list(props)
    freq = DEFAULT_RIDE_FREQUENCY_HZ if facts.ride_frequency_hz is None \
        else facts.ride_frequency_hz
    # Static deflection at kerb, g / (2πf)², mm: a load case's sag is its share of it.
    static = np.stack([np.broadcast_to(_G_MM_S2 / (2.0 * np.pi * np.asarray(f, dtype=float))
                                       ** 2, (n,)) for f in freq])          # (2, N)
    kerb_loads = props["kerb"].axle_loads_kg.T                               # (2, N)
    sag = np.stack([(props[c].axle_loads_kg.T - kerb_loads) / kerb_loads * static
                    for c in cases])                                         # (L, 2, N)
    wb = np.asarray(facts.wheelbase_mm, dtype=float)                         # () or (N,)
    r_front, r_rear = (_tyre_radius(layout, axle) for axle in ("front", "rear"))
    boxes = _underside(layout)
    if sag.any():
        # A sprung point at x sinks sag_f + x · slope; (L, N) each.
        drop = (sag[:, 0], (sag[:, 0] - sag[:, 1]) / wb)
    else:
        drop = None
    scene = _Scene(wb=wb, r_front=r_front, r_rear=r_rear, drop=drop)
    # Designs whose side views agree (a sweep that moves parts across the car, or varies
    # what the ground does not see) are evaluated once: each design's figures are its own,
    # and the bounds that order and prune the boxes are extremes over the designs, the same
    # over the distinct ones, so the figures and the parts named are those of every design.
    same = _distinct_designs(n, scene, boxes)
    if same is not None:
        first, inverse = same
        scene, boxes = scene.take(first), [b.take_designs(first) for b in boxes]
    extremes = _Extremes.of(boxes)
    bounds = _Bounds.of(extremes, scene)
    names = np.array(list(layout.names) + [""], dtype=object)  # part −1: none
    key, part = {}, {}
    for figure in _PROBES:
        best = _least(figure, boxes, extremes, bounds, scene,
                      (len(cases), n if same is None else len(first)))
        key[figure] = best.key
        part[figure] = np.where(best.key < _CAP[figure], best.part, -1)
    t_app = np.clip(key["approach"], 0.0, 1.0)  # 0°: a part on or under the ground
    t_dep = np.clip(key["departure"], 0.0, 1.0)
    crest = np.minimum(key["breakover"], 0.0)
    clearance = key["clearance"]
    approach = np.degrees(2.0 * np.arctan(t_app))
    departure = np.degrees(2.0 * np.arctan(t_dep))
    breakover = np.degrees(np.pi + 2.0 * np.arctan(crest))
    if same is not None:  # each design its group's figures (worked out elementwise per group)
        clearance, approach, departure, breakover = (
            v.take(inverse, axis=1) for v in (clearance, approach, departure, breakover))
        part = {figure: at.take(inverse, axis=1) for figure, at in part.items()}
    part = {figure: names[at] for figure, at in part.items()}    # (named once, not copied)
    return {case: GroundGeometry(
                load_case=case,
                ground_clearance_mm=clearance[k],
                approach_deg=approach[k],
                departure_deg=departure[k],
                breakover_deg=breakover[k],
                clearance_part=part["clearance"][k],
                approach_part=part["approach"][k],
                departure_part=part["departure"][k],
                breakover_part=part["breakover"][k],
                sag_mm=np.ascontiguousarray(sag[k].T))
            for k, case in enumerate(cases)}


@dataclass(frozen=True, slots=True)
class _Boxes:
    """Underside boxes of one stored group of a layout, shaped to broadcast against (L, N)
    arrays of load cases and designs.

    Attributes:
        index: (c,) their positions in the layout.
        x_lo: (c, 1, k) the box's rear face, mm.
        x_hi: (c, 1, k) its front face, mm.
        z: (c, 1, k) its bottom, mm.
        sprung: (c, 1, 1) 1.0 for a sprung part, 0.0 for an unsprung one.
    """

    index: np.ndarray
    x_lo: np.ndarray
    x_hi: np.ndarray
    z: np.ndarray
    sprung: np.ndarray

    def take(self, rows: np.ndarray) -> _Boxes:
        """Some of the boxes, (c',) rows."""
        return _Boxes(self.index[rows], self.x_lo[rows], self.x_hi[rows], self.z[rows],
                      self.sprung[rows])

    def take_designs(self, designs: np.ndarray) -> _Boxes:
        """The boxes in some designs, (n',) indices (boxes the same in every design kept)."""
        if self.z.shape[-1] == 1:
            return self
        return _Boxes(self.index, self.x_lo[..., designs], self.x_hi[..., designs],
                      self.z[..., designs], self.sprung)


@dataclass(frozen=True, slots=True)
class _Scene:
    """What an evaluation needs besides the boxes, every load case at once.

    Attributes:
        wb: () or (N,) wheelbase, mm.
        r_front: (1,) or (N,) front tyre radius, mm.
        r_rear: (1,) or (N,) rear tyre radius, mm.
        drop: ``None`` (nothing sinks in any case) or (at the front axle, per mm forward) of
            the sprung parts' drop, (L, N) each: a point at x sinks front + x · slope, mm.
    """

    wb: np.ndarray
    r_front: np.ndarray
    r_rear: np.ndarray
    drop: tuple[np.ndarray, np.ndarray] | None

    def take(self, designs: np.ndarray) -> _Scene:
        """The scene of some designs, (n',) indices."""
        def pick(a: np.ndarray) -> np.ndarray:
            return a if np.ndim(a) == 0 or a.shape[-1] == 1 else a[..., designs]

        drop = None if self.drop is None else (pick(self.drop[0]), pick(self.drop[1]))
        return _Scene(wb=pick(self.wb), r_front=pick(self.r_front), r_rear=pick(self.r_rear),
                      drop=drop)

    def height(self, boxes: _Boxes, x: np.ndarray) -> np.ndarray:
        """The boxes' bottom at ``x`` in this load case, mm."""
        if self.drop is None:
            return boxes.z
        front, slope = self.drop
        sink = x * slope
        sink += front
        sink *= boxes.sprung
        return np.subtract(boxes.z, sink, out=sink)


class _Least:
    """The least key per design over the boxes folded in so far, and the part giving it."""

    def __init__(self, shape: tuple[int, int]) -> None:
        self.key = np.full(shape, np.inf)                  # (L, N)
        self.part = np.full(shape, -1, dtype=np.intp)

    def add(self, key: np.ndarray, index: np.ndarray) -> None:
        """Fold in (c, L or 1, N or 1) keys of the parts at layout positions ``index``."""
        for row, part in zip(key, index):  # a few rows: faster than argmin down columns
            better = row < self.key  # the first part evaluated keeps a tie
            np.minimum(self.key, row, out=self.key)
            np.putmask(self.part, better, part)


# ---- the four figures: keys to minimise over probes (points of each box) ----------------------
#
# Each figure is the least over some *probes*, points of every box's bottom (its front-bottom
# corner, the point nearest the middle …), of a key that orders the figure: the height for the
# clearance, tan(θ/2) for a ramp, the crest key for the breakover. A probe knows how to
# evaluate its key exactly in every design and a lower bound for it over all designs; boxes
# are evaluated in the order of their bounds and a box whose bound is above the worst design's
# least so far is never evaluated (in a sweep, only a handful of boxes are).

def _half_tan(d: np.ndarray, z: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """tan(θ/2) of the ramp tangent to a tyre of ``radius`` (its centre ``radius`` above
    its contact point) through a point ``d`` from the axle line, away from the tyre, at
    height ``z``: z / (d + √(d² + z² − 2Rz)); +∞ for a point inside the tyre's circle.

    For d > 0 and z > 0 it rises with z and R and falls with d (where it is below 1, the
    only range that can limit: θ < 90°)."""
    root = np.asarray(z * (z - 2.0 * radius) + d * d)  # s², s, then the half-angle tangent
    inside = root <= 0.0
    np.sqrt(root, out=root)  # NaN inside the circle (warnings off: see the caller)
    root += d
    np.divide(z, root, out=root)
    np.putmask(root, inside, np.inf)
    return root


def _crest_key(t_f: np.ndarray, t_r: np.ndarray) -> np.ndarray:
    """A key that orders points by their breakover angle 2ψ, ψ = atan t_f + atan t_r (the two
    ramps' half-angle tangents), without trigonometry: −cot ψ = (t_f t_r − 1) / (t_f + t_r),
    increasing with ψ on (0, π) and with each t; 2ψ = π + 2 atan(key). A point inside either
    tyre's circle (t = +∞, where the quotient is NaN) gets +∞ (it does not limit), one on or
    under the ground (ψ ≤ 0) −∞."""
    total = t_f + t_r
    key = np.asarray(t_f * t_r)
    key -= 1.0
    key /= total
    np.putmask(key, np.isnan(key), np.inf)
    np.putmask(key, total <= 0.0, -np.inf)
    return key


@dataclass(frozen=True, slots=True)
class _Extremes:
    """Each underside box's extremes over the designs, (B,) each, the boxes of every group
    in turn (``group``, ``row``: where each is stored)."""

    group: np.ndarray
    row: np.ndarray
    x_lo_min: np.ndarray
    x_lo_max: np.ndarray
    x_hi_min: np.ndarray
    x_hi_max: np.ndarray
    z_min: np.ndarray
    sprung: np.ndarray

    @classmethod
    def of(cls, boxes: list[_Boxes]) -> _Extremes:
        def cat(arrays: list[np.ndarray]) -> np.ndarray:
            return np.concatenate(arrays) if arrays else np.empty(0)

        return cls(group=cat([np.full(len(b.index), g) for g, b in enumerate(boxes)]),
                   row=cat([np.arange(len(b.index)) for b in boxes]),
                   x_lo_min=cat([b.x_lo.min(axis=(1, 2)) for b in boxes]),
                   x_lo_max=cat([b.x_lo.max(axis=(1, 2)) for b in boxes]),
                   x_hi_min=cat([b.x_hi.min(axis=(1, 2)) for b in boxes]),
                   x_hi_max=cat([b.x_hi.max(axis=(1, 2)) for b in boxes]),
                   z_min=cat([b.z.min(axis=(1, 2)) for b in boxes]),
                   sprung=cat([b.sprung[:, 0, 0] for b in boxes]))


@dataclass(frozen=True, slots=True)
class _Bounds:
    """What the lower bounds start from.

    How far a sprung point sinks is linear in x in each design, so between two stations it is
    at most the larger of its values at them: the sink is known at :data:`_STATIONS` stations
    along the car, and each box is bounded by the stations at and around its x-range.

    Attributes:
        sink: (S, L, N) how far the sprung parts sink at each station, mm, per load case and
            design.
        cover: (B, S) the stations bounding each box's x-range over the designs.
        z_low: (B,) each box's lowest possible bottom (sprung boxes sunk by the most their
            stations do), mm.
        grounded: (B,) whether that is on or under the ground (no bound holds there: such
            boxes are always evaluated).
        wb_min, wb_max, r_front, r_rear: the least and largest wheelbase, the least tyre
            radii over the designs, mm.
    """

    sink: np.ndarray
    cover: np.ndarray
    z_low: np.ndarray
    grounded: np.ndarray
    wb_min: float
    wb_max: float
    r_front: float
    r_rear: float

    @classmethod
    def of(cls, e: _Extremes, scene: _Scene) -> _Bounds:
        front, back = e.x_hi_max.max(initial=0.0), e.x_lo_min.min(initial=0.0)
        stations = np.linspace(back, front, _STATIONS)
        if scene.drop is None:
            sink = np.zeros((_STATIONS, 1, 1))
        else:
            sink = scene.drop[0] + stations[:, None, None] * scene.drop[1]      # (S, L, N)
        step = (front - back) / (_STATIONS - 1) or 1.0
        first = np.floor((e.x_lo_min - back) / step)
        last = np.ceil((e.x_hi_max - back) / step)
        k = np.arange(_STATIONS)
        cover = (k >= first[:, None]) & (k <= last[:, None])                    # (B, S)
        most = np.where(cover, sink.max(axis=(1, 2)), -np.inf).max(axis=1, initial=-np.inf)
        z_low = e.z_min - e.sprung * most
        return cls(sink=sink, cover=cover, z_low=z_low, grounded=z_low <= 0.0,
                   wb_min=float(np.min(scene.wb)), wb_max=float(np.max(scene.wb)),
                   r_front=float(np.min(scene.r_front)), r_rear=float(np.min(scene.r_rear)))

    def gate(self, height: np.ndarray, e: _Extremes) -> np.ndarray:
        """(B,) the height each box's bottom must be below for a point of it to be lower, sunk,
        than ``height`` (L, N) in some design and load case."""
        sunk = (height + self.sink).max(axis=(1, 2))                             # (S,)
        sprung = np.where(self.cover, sunk, -np.inf).max(axis=1, initial=-np.inf)
        return np.where(e.sprung > 0.0, sprung, np.max(height))

    def ramp(self, d: np.ndarray, radius: float) -> np.ndarray:
        """A lower bound of tan(θ/2) for points at most ``d`` from the axle (+∞ if d ≤ 0)."""
        key = np.where(d > 0.0, _half_tan(d, self.z_low, radius), np.inf)
        return np.where(self.grounded, -np.inf, key)

    def crest(self, e: _Extremes, a_lo: np.ndarray, a_hi: np.ndarray) -> np.ndarray:
        """A lower bound of the crest key for points a ∈ [a_lo, a_hi] behind the front axle.

        Both tyres are taken at the smaller radius R and the wheelbase at its longest, W
        (each ramp steepens with a larger tyre or a nearer axle). At a given height the crest
        key is least at a = W / 2 and falls towards it from either side (checked numerically
        over heights, radii and wheelbases), so the range's least is at its point nearest
        W / 2; and a ramp steepens as the point rises where it is more than R from the axle,
        so the point's lowest height gives the bound there. Nearer an axle a point above the
        tyre makes a flatter ramp as it rises: there the bound is the middle's at that
        height, which no point at any height above it goes below."""
        w = self.wb_max
        radius = min(self.r_front, self.r_rear)
        a = np.clip(0.5 * w, a_lo, np.minimum(a_hi, w))
        a = np.where(np.minimum(a, w - a) > radius, a, 0.5 * w)
        key = _crest_key(_half_tan(a, self.z_low, radius), _half_tan(w - a, self.z_low, radius))
        between = (e.x_hi_max >= -w) & (e.x_lo_min <= 0.0)
        return np.where(between, np.where(self.grounded, -np.inf, key), np.inf)


@dataclass(frozen=True, slots=True)
class _Probe:
    """One point of every box for one figure: ``exact(boxes, scene)`` → (c, L, N) keys (or
    axes of 1 where nothing varies),
    ``lower(extremes, bounds)`` → (B,) a bound below every design's key."""

    exact: Callable[[_Boxes, _Scene], np.ndarray]
    lower: Callable[[_Extremes, _Bounds], np.ndarray]
    with_drop_only: bool = False  # at kerb another probe of the figure never lets it limit


def _clearance(b: _Boxes, s: _Scene) -> np.ndarray:
    x_a, x_b = np.maximum(b.x_lo, -s.wb), np.minimum(b.x_hi, 0.0)
    low = np.minimum(s.height(b, x_a), s.height(b, x_b))  # linear in x: an end is lowest
    return np.where(x_a <= x_b, low, np.inf)


def _clearance_lower(e: _Extremes, q: _Bounds) -> np.ndarray:
    return np.where((e.x_hi_max >= -q.wb_max) & (e.x_lo_min <= 0.0), q.z_low, np.inf)


def _ahead(x: np.ndarray, b: _Boxes, s: _Scene) -> np.ndarray:
    return np.where(x > 0.0, _half_tan(x, s.height(b, x), s.r_front), np.inf)


def _behind(x: np.ndarray, b: _Boxes, s: _Scene) -> np.ndarray:
    return np.where(x < -s.wb, _half_tan(-s.wb - x, s.height(b, x), s.r_rear), np.inf)


def _crest_at(which: int) -> Callable[[_Boxes, _Scene], np.ndarray]:
    """The crest key at the bottom's rear end (0), front end (1) or the point of it nearest
    the middle (2), the bottom clipped to [−wheelbase, 0]."""
    def exact(b: _Boxes, s: _Scene) -> np.ndarray:
        x_a, x_b = np.maximum(b.x_lo, -s.wb), np.minimum(b.x_hi, 0.0)
        x = (x_a, x_b, np.clip(-0.5 * s.wb, x_a, x_b))[which]
        z = s.height(b, x)
        key = _crest_key(_half_tan(-x, z, s.r_front), _half_tan(s.wb + x, z, s.r_rear))
        return np.where(x_a <= x_b, key, np.inf)
    return exact


_PROBES: dict[str, tuple[_Probe, ...]] = {
    "clearance": (_Probe(_clearance, _clearance_lower),),
    "approach": (
        # The front-bottom corner; the rear end of the part ahead only counts when the body
        # pitches (at kerb it is as low and nearer the axle).
        _Probe(lambda b, s: _ahead(b.x_hi, b, s),
               lambda e, q: q.ramp(e.x_hi_max, q.r_front)),
        _Probe(lambda b, s: _ahead(np.maximum(b.x_lo, 0.0), b, s),
               lambda e, q: q.ramp(e.x_lo_max, q.r_front), with_drop_only=True)),
    "departure": (
        _Probe(lambda b, s: _behind(b.x_lo, b, s),
               lambda e, q: q.ramp(-q.wb_min - e.x_lo_min, q.r_rear)),
        _Probe(lambda b, s: _behind(np.minimum(b.x_hi, -s.wb), b, s),
               lambda e, q: q.ramp(-q.wb_min - e.x_hi_min, q.r_rear), with_drop_only=True)),
    "breakover": (
        # a = distance behind the front axle: of the rear end min(−x_lo, wb), of the front
        # end max(−x_hi, 0), of the point nearest the middle anything. An end on the same
        # side of the middle as the whole bottom in every design is that point: not probed.
        _Probe(_crest_at(0), lambda e, q: np.where(
            -e.x_lo_min <= 0.5 * q.wb_min, np.inf,
            q.crest(e, np.minimum(-e.x_lo_max, q.wb_min), np.minimum(-e.x_lo_min, q.wb_max)))),
        _Probe(_crest_at(1), lambda e, q: np.where(
            -e.x_hi_max >= 0.5 * q.wb_max, np.inf,
            q.crest(e, np.maximum(-e.x_hi_max, 0.0), np.maximum(-e.x_hi_min, 0.0)))),
        _Probe(_crest_at(2), lambda e, q: q.crest(e, 0.0, np.inf))),
}
#: Keys at or above these never limit: a ramp of 90° or more, a breakover of 180° or more.
_CAP = {"clearance": np.inf, "approach": 1.0, "departure": 1.0, "breakover": 0.0}
_STATIONS = 5  # along the car, where the sink bounds are taken
_FIRST = 2  # probes evaluated before the worst design's least so far prunes the rest


def _least(figure: str, boxes: list[_Boxes], e: _Extremes, bounds: _Bounds, scene: _Scene,
           shape: tuple[int, int]) -> _Least:
    """The least key of ``figure`` per design over every probe of every box, best first: in
    the order of their lower bounds, in chunks of doubling size, each time dropping the probes
    that cannot lower any design's least so far: their bound is above the worst design's, or
    their box is above every design's gate (:data:`_GATES`)."""
    probes = [p for p in _PROBES[figure] if scene.drop is not None or not p.with_drop_only]
    lower = np.concatenate([p.lower(e, bounds) for p in probes])    # (P·B,)
    z_min = np.tile(e.z_min, len(probes))
    pending = np.flatnonzero(lower < _CAP[figure])
    pending = pending[np.argsort(lower[pending], kind="stable")]
    best = _Least(shape)
    step = _FIRST
    gate = _GATES.get(figure)
    while len(pending):
        _fold(best, probes, boxes, e, pending[:step], scene)
        pending = pending[step:]
        keep = lower[pending] <= best.key.max()
        if gate is not None:
            keep &= z_min[pending] < np.tile(bounds.gate(gate(best.key, scene), e),
                                             len(probes))[pending]
        pending = pending[keep]
        step *= 2
    return best


def _clearance_gate(key: np.ndarray, scene: _Scene) -> np.ndarray:
    """(L, N) the height a box's bottom (sunk) must be below to lower a design's clearance."""
    return key


def _breakover_gate(key: np.ndarray, scene: _Scene) -> np.ndarray:
    """(L, N) the height a box's bottom (sunk) must be below to lower a design's crest key: a
    point midway between the axles, both tyres at the smaller radius (the least any point at
    that height gives, see :meth:`_Bounds.crest`), has the design's key there. From the crest
    key k of two equal ramps, t = k + √(k² + 1), and (z − 2R)t² + 2dt − z = 0 at d = wb / 2:
    z = 2t(d − Rt) / (1 − t²)."""
    radius = np.minimum(scene.r_front, scene.r_rear)
    t = np.where(key < 0.0, key + np.sqrt(key * key + 1.0), 1.0)    # −∞ gives 0
    height = 2.0 * t * (0.5 * scene.wb - radius * t) / (1.0 - t * t)
    return np.where(t < 1.0, height, np.inf)


#: Per-design height thresholds a box must be under to matter (figures whose bound at a given
#: height does not depend on where the box is).
_GATES: dict[str, Callable[[np.ndarray, _Scene], np.ndarray]] = {
    "clearance": _clearance_gate, "breakover": _breakover_gate}


def _fold(best: _Least, probes: list[_Probe], boxes: list[_Boxes], e: _Extremes,
          picked: np.ndarray, scene: _Scene) -> None:
    """Evaluate the picked (probe, box) pairs, numbered probe-major, and fold them in."""
    n_boxes = len(e.row)
    for p, probe in enumerate(probes):
        mine = picked[(picked >= p * n_boxes) & (picked < (p + 1) * n_boxes)] - p * n_boxes
        for g, b in enumerate(boxes):
            rows = e.row[mine[e.group[mine] == g]]
            if len(rows):
                sub = b.take(np.sort(rows))  # layout order: a tie names the first
                best.add(probe.exact(sub, scene), sub.index)


# ---- the layout's side -------------------------------------------------------------------------

def _distinct_designs(n: int, scene: _Scene, boxes: list[_Boxes]
                      ) -> tuple[np.ndarray, np.ndarray] | None:
    """(u,) the first of each group of designs whose ground figures are necessarily equal
    (the same wheelbase, tyre radii, sinking and underside boxes, bit for bit) and (N,) which
    group each design is in; ``None`` when that would not save enough (a small batch, or
    designs that mostly differ).

    The designs are grouped by the wheelbase, tyres and sinking, then each group's boxes
    are checked against its first design's, box by box along the designs' contiguous axis."""
    if n < DEDUPE_FROM:
        return None
    columns = [a.reshape(-1, n) for a in (scene.wb, scene.r_front, scene.r_rear)
               if np.ndim(a) and a.shape[-1] == n]
    if scene.drop is not None:
        columns += [a for a in scene.drop if np.ndim(a) and a.shape[-1] == n]
    varied = [b for b in boxes if b.z.shape[-1] == n]
    if not columns:
        if not varied:
            return None
        columns = [varied[0].z[:, 0]]
    found = distinct_floats(np.concatenate(columns).T)                  # (N, m)
    if found is None:
        return None
    first, inverse = found
    rep = first.take(inverse)                          # each design's group's first design
    for b in varied:
        for a in (b.x_lo, b.x_hi, b.z):                                  # (c, 1, N)
            if not np.array_equal(a.take(rep, axis=-1), a):   # over every number, then
                boxes_too = [x[:, 0] for v in varied for x in (v.x_lo, v.x_hi, v.z)]
                return distinct_floats(np.concatenate(columns + boxes_too).T)
    return first, inverse


def _underside(layout: Layout) -> list[_Boxes]:
    """The underside boxes of each stored group (see the module), a part's twin left out:
    one with the same side view in every design (a left/right pair) gives the same figures,
    and the first of them in the layout is the one named."""
    counted = np.array([c.load == "vehicle" and c.name not in ROAD_WHEEL_PARTS
                        for c in layout.components], dtype=bool)
    sprung = np.array([c.sprung for c in layout.components], dtype=float)
    out = []
    for group in layout.groups():
        rows = np.flatnonzero(counted[group.index])
        if len(rows):
            figures = (group.bbox_min_mm[0, rows], group.bbox_max_mm[0, rows],
                       group.bbox_min_mm[2, rows])                      # x_lo, x_hi, z: (c, k)
            first = _first_of_twins(figures, sprung[group.index[rows]])
            if not first.all():
                rows, figures = rows[first], tuple(f[first] for f in figures)
            index = group.index[rows]
            out.append(_Boxes(index, *(f[:, None, :] for f in figures),
                              sprung=sprung[index, None, None]))
    return out


def _first_of_twins(figures: tuple[np.ndarray, ...], sprung: np.ndarray) -> np.ndarray:
    """(c,) bool: whether each box is the first of those with the same ``figures`` (each
    (c, k)) and ``sprung`` (c,)."""
    exact = figures[0].shape[1] == 1  # one value per box: the signature is the box
    # Otherwise boxes are compared in full only where a cheap signature already matches.
    signature = np.stack([f.sum(axis=1) for f in figures] + [f[:, 0] for f in figures]
                         + [sprung], axis=1)
    first = np.ones(len(sprung), dtype=bool)
    seen: dict[tuple[float, ...], list[int]] = {}
    for j, key in enumerate(map(tuple, signature.tolist())):
        earlier = seen.setdefault(key, [])
        if earlier and (exact or any(all(np.array_equal(f[i], f[j]) for f in figures)
                                     for i in earlier)):
            first[j] = False
        else:
            earlier.append(j)
    return first


def _tyre_radius(layout: Layout, axle: str) -> np.ndarray:
    """(k,) the radius of the ``axle``'s left tyre (its right one if there is no left), mm:
    half its box's height; k = 1 if it is the same in every design.

    Raises:
        ParameterError: neither tyre is in the layout.
    """
    for side in ("left", "right"):
        name = f"tyre_{axle}_{side}"
        if name in layout.names:
            i = layout.names.index(name)
            for group in layout.groups():
                j = np.flatnonzero(group.index == i)
                if len(j):
                    return 0.5 * (group.bbox_max_mm[2, j[0]] - group.bbox_min_mm[2, j[0]])
    raise ParameterError(f"the layout has no {axle} tyre ('tyre_{axle}_left' or "
                         f"'tyre_{axle}_right'): no ground geometry without road wheels",
                         name=f"tyre_{axle}_left")
