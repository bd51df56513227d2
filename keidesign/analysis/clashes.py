"""Does anything hit anything? Overlaps and clearances of a layout's parts, vectorised.

Every pair of parts is checked unless one of them declares the other in its ``touches`` (a seat
on its floor, a rim in its tyre; see :class:`~keidesign.layout.Component`). A pair clashes where
their material overlaps by more than :data:`TOLERANCE_MM3`.

How: a broad phase on bounding boxes (first the boxes' union over every design, then each
design's boxes) leaves the few pairs that may overlap; the narrow phase sums the closed-form
overlaps of the parts' covers (:mod:`keidesign.shapes.section`: exact for boxes, side-view
prisms and shells and cylinders across the car; never smaller than the part elsewhere, so the
fast path may report a clash the CAD kernel does not confirm, never the reverse; see
:mod:`keidesign.geometry.clash` for the confirmation).

Three more checks a packaging engineer runs every time:

- the least clearance of the pairs a designer watches (:data:`WATCHED`);
- the road tyres' envelope against body, frame and bed (:data:`ENVELOPE_TARGETS`): everything a
  tyre occupies from its static height up to full bump (``bump_travel_mm``) and, for the front
  tyres, at any steering angle up to full lock either way (``max_steer_deg``; steered about a
  vertical axis through the tyre's centre, so the tyre stays within its farthest point from its
  centre and sweeps ``R sin δ + W/2 cos δ`` either side of its centre plane).
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from keidesign.layout.component import ROAD_TYRES, Component
from keidesign.layout.layout import Layout
from keidesign.shapes import overlap as ov
from keidesign.shapes.revolution import Revolution
from keidesign.shapes.section import Slab, box_slab, cover

__all__ = ["ENVELOPE_TARGETS", "JOINED", "TOLERANCE_MM3", "WATCHED", "Clash", "Clashes",
           "Part", "clashes", "part_cover", "pair_clearance", "pair_overlap"]

#: Overlaps up to this volume (a cube of 1 mm) are parts that touch, not a clash, mm³.
TOLERANCE_MM3 = 1.0

#: The pairs a designer watches, by name: two groups of parts (names or categories, ``fnmatch``
#: rules); the least clearance between any part of one and any part of the other.
WATCHED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "engine-cage": (("engine",), ("cage",)),
    "tyre-body": (("tyre_front_*", "tyre_rear_*"), ("body",)),
    "exhaust-fuel_tank": (("exhaust*",), ("fuel_tank",)),
}

#: Categories whose parts are joined to one another by construction (welded, bolted, glazed,
#: sat on): the overlaps a simplified part makes at its joints are not clashes. Everything else
#: is allowed only where a part says so (:attr:`~keidesign.layout.Component.touches`).
JOINED: dict[str, tuple[str, ...]] = {
    "frame": ("frame", "body", "bed", "suspension", "cage"),
    "body": ("body", "glass", "interior", "bed", "cage", "suspension", "frame"),
    "bed": ("bed", "frame", "body", "cage", "payload"),
    "glass": ("glass", "body", "interior"),
    "cage": ("cage", "body", "frame", "bed"),
    "suspension": ("suspension", "frame", "body"),
    "interior": ("interior", "body", "glass", "occupant"),
    "occupant": ("interior",),
    "payload": ("bed",),
}

#: What the tyres' envelope must clear: categories of the sprung structure.
ENVELOPE_TARGETS = ("body", "frame", "bed")

#: A cover as (solid, cavity or None) pairs, each cavity inside its solid.
Part = tuple[Slab, "Slab | None"]


@dataclass(frozen=True, slots=True)
class Clash:
    """Two parts of one design that overlap.

    Attributes:
        a: a part's name (a tyre's envelope: ``"tyre_front_left (full bump and lock)"``).
        b: the other part's name.
        overlap_mm3: the volume they share, mm³.
        clearance_mm: 0 (they overlap).
    """

    a: str
    b: str
    overlap_mm3: float
    clearance_mm: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"a": self.a, "b": self.b, "overlap_mm3": self.overlap_mm3,
                "clearance_mm": self.clearance_mm}


@dataclass(frozen=True, slots=True)
class Clashes:
    """Clash results of N designs.

    Attributes:
        pairs: the P pairs that overlap in some design, as (name, name).
        overlap_mm3: (P, N) their overlap in each design, mm³ (0 where none).
        clearance_mm: per watched pair (:data:`WATCHED`, and ``"tyre_envelope-body"``): (N,)
            the least clearance, mm (0 where they overlap; NaN where the vehicle has no such
            parts).
        closest: per watched pair, (N,) object array of ``"a / b"``: the two parts closest.
    """

    pairs: tuple[tuple[str, str], ...]
    overlap_mm3: np.ndarray
    clearance_mm: dict[str, np.ndarray]
    closest: dict[str, np.ndarray]

    @property
    def count(self) -> np.ndarray:
        """(N,) int, the number of clashing pairs in each design."""
        if not self.pairs:
            return np.zeros(self.overlap_mm3.shape[1], dtype=int)
        return (self.overlap_mm3 > TOLERANCE_MM3).sum(0)

    @property
    def total_mm3(self) -> np.ndarray:
        """(N,) the clashing pairs' overlap volumes summed, mm³."""
        return np.where(self.overlap_mm3 > TOLERANCE_MM3, self.overlap_mm3, 0.0).sum(0)

    def of_design(self, design: int = 0) -> tuple[Clash, ...]:
        """The clashes of one design, largest overlap first."""
        found = [Clash(a, b, float(v)) for (a, b), v in
                 zip(self.pairs, self.overlap_mm3[:, design]) if v > TOLERANCE_MM3]
        return tuple(sorted(found, key=lambda c: -c.overlap_mm3))


# ---- covers of whole parts ----------------------------------------------------------------
def part_cover(component: Component) -> tuple[Part, ...]:
    """The component's cover as (solid, cavity) pairs (see :mod:`keidesign.shapes.section`)."""
    parts: list[list[Slab | None]] = []
    for slab in cover(component.shape, component.placement):
        if slab.void and parts:
            parts[-1][1] = slab
        else:
            parts.append([slab, None])
    return tuple((s, v) for s, v in parts)  # type: ignore[misc]


def _take(parts: tuple[Part, ...], rows: np.ndarray | None) -> tuple[Part, ...]:
    if rows is None:
        return parts
    return tuple((s.take(rows), None if v is None else v.take(rows)) for s, v in parts)


def _material(sa: Slab, va: Slab | None, sb: Slab, vb: Slab | None
              ) -> tuple[np.ndarray, np.ndarray]:
    """(overlap of the solids, overlap of the material: solids minus cavities), (k,) mm³."""
    both = ov.overlap_volume(sa, sb)
    out = both
    if not (both > 0).any():              # the cavities lie inside the solids
        return both, out
    if vb is not None:
        out = out - ov.overlap_volume(sa, vb)
    if va is not None:
        out = out - ov.overlap_volume(va, sb)
        if vb is not None:
            out = out + ov.overlap_volume(va, vb)
    return both, out


def pair_overlap(a: Sequence[Part], b: Sequence[Part]) -> np.ndarray:
    """(k,) the volume two covers share, mm³ (slabs of one part that overlap each other count
    twice: conservative)."""
    total = 0.0
    for sa, va in a:
        for sb, vb in b:
            total = total + _material(sa, va, sb, vb)[1]
    return np.asarray(total)


def pair_clearance(a: Sequence[Part], b: Sequence[Part]) -> np.ndarray:
    """(k,) the least distance between two covers' material, mm (0 where they overlap)."""
    pieces = [(sa, va, sb, vb, ov.box_distance(sa, sb)) for sa, va in a for sb, vb in b]
    best = np.inf
    for sa, va, sb, vb, bound in sorted(pieces, key=lambda p: float(p[4].min())):
        if not (bound < best).any():       # these two slabs cannot come closer than found
            continue
        solids, material = _material(sa, va, sb, vb)
        d = np.where(solids > TOLERANCE_MM3, 0.0, ov.gap(sa, sb))
        inside = np.zeros(d.shape, dtype=bool)
        for cavity, body in ((va, sb), (vb, sa)):
            if cavity is None or not (solids > TOLERANCE_MM3).any():
                continue
            within = ov.overlap_volume(cavity, body) >= ov.volume(body) * (1.0 - 1e-9)
            if within.any():
                d = np.where(within & ~inside, ov.cavity_gap(cavity, body), d)
                inside |= within
        d = np.where(material > TOLERANCE_MM3, 0.0, d)
        best = np.minimum(best, d)
    return np.asarray(best)


# ---- which pairs ----------------------------------------------------------------------------
def _matches(component: Component, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(component.name, p) or fnmatch.fnmatchcase(component.category, p)
               for p in patterns)


@functools.lru_cache(maxsize=64)
def _allowed(signature: tuple[tuple[str, str, tuple[str, ...]], ...]) -> np.ndarray:
    """(C, C) bool: pairs allowed to touch (their categories are :data:`JOINED`, or either
    part names the other), and each part with itself."""
    c = len(signature)
    out = np.eye(c, dtype=bool)
    categories = np.array([category for _, category, _ in signature])
    for category, joined in JOINED.items():
        mine = categories == category
        if mine.any():
            theirs = np.isin(categories, joined)
            out |= mine[:, None] & theirs[None, :]
            out |= theirs[:, None] & mine[None, :]
    for i, (_, _, touches) in enumerate(signature):
        if not touches:
            continue
        for j, (name, category, _) in enumerate(signature):
            if any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(category, p)
                   for p in touches):
                out[i, j] = out[j, i] = True
    out.setflags(write=False)
    return out


def _allowed_pairs(layout: Layout) -> np.ndarray:
    return _allowed(tuple((c.name, c.category, c.touches) for c in layout.components))


def _varying(layout: Layout) -> np.ndarray:
    """(C,) bool: components whose figures differ between designs."""
    out = np.zeros(len(layout.names), dtype=bool)
    for group in layout.groups():
        if group.mass_kg.shape[1] > 1:
            out[group.index] = True
    return out


def _boxes_meet(a_lo: np.ndarray, a_hi: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray
                ) -> np.ndarray:
    """(N,) whether two (N, 3) boxes overlap (strictly) in each design."""
    return ((a_lo < b_hi) & (b_lo < a_hi)).all(-1)


def _box_distance(a_lo: np.ndarray, a_hi: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray
                  ) -> np.ndarray:
    """(N,) the distance between two (N, 3) boxes (a lower bound of their parts'), mm."""
    g = np.maximum(np.maximum(b_lo - a_hi, a_lo - b_hi), 0.0)
    return np.sqrt((g * g).sum(-1))


@dataclass(frozen=True, slots=True)
class _Item:
    """A part (or a tyre's envelope) as the check sees it: its name, cover, (N, 3) box and
    whether it differs between designs."""

    name: str
    cover: tuple[Part, ...]
    lo: np.ndarray
    hi: np.ndarray
    varies: bool


Figure = Callable[[Sequence[Part], Sequence[Part]], np.ndarray]


# ---- the check -------------------------------------------------------------------------------
def clashes(layout: Layout) -> Clashes:
    """Overlaps of every pair not allowed to touch, the watched clearances and the tyres'
    envelope, for every design of ``layout``."""
    n = layout.n_designs
    comps = layout.components
    lo, hi = layout.bbox_min_mm, layout.bbox_max_mm                  # (N, C, 3)
    allowed = _allowed_pairs(layout)
    varying = _varying(layout)
    u_lo, u_hi = lo.min(0), hi.max(0)                                 # (C, 3)
    meet = ((u_lo[:, None] < u_hi[None]) & (u_lo[None] < u_hi[:, None])).all(-1)
    candidates = np.argwhere(np.triu(meet & ~allowed, 1))
    items: dict[int, _Item] = {}

    def item(i: int) -> _Item:
        got = items.get(i)
        if got is None:
            got = items[i] = _Item(comps[i].name, part_cover(comps[i]), lo[:, i], hi[:, i],
                                   bool(varying[i]))
        return got

    pairs: list[tuple[str, str]] = []
    rows_out: list[np.ndarray] = []
    for i, j in candidates:
        volume = _overlap(item(i), item(j), n)
        if (volume > TOLERANCE_MM3).any():
            pairs.append((layout.names[i], layout.names[j]))
            rows_out.append(volume)
    clearance: dict[str, np.ndarray] = {}
    closest: dict[str, np.ndarray] = {}
    for name, (group_a, group_b) in WATCHED.items():
        clearance[name], closest[name] = _least_clearance(
            [(item(i), item(j)) for i, a in enumerate(comps) if _matches(a, group_a)
             for j, b in enumerate(comps) if _matches(b, group_b)
             and i != j and not allowed[i, j]], n)
    envelope_pairs = [(env, item(j)) for i, env in _envelopes(layout, varying)
                      for j in range(len(comps))
                      if comps[j].category in ENVELOPE_TARGETS and not allowed[i, j]]
    for env, target in envelope_pairs:
        volume = _overlap(env, target, n)
        if (volume > TOLERANCE_MM3).any():
            pairs.append((env.name, target.name))
            rows_out.append(volume)
    clearance["tyre_envelope-body"], closest["tyre_envelope-body"] = \
        _least_clearance(envelope_pairs, n, label=lambda a, b: f"{a.split()[0]} / {b}")
    overlap = np.array(rows_out) if rows_out else np.zeros((0, n))
    return Clashes(pairs=tuple(pairs), overlap_mm3=overlap, clearance_mm=clearance,
                   closest=closest)


def _over_designs(a: _Item, b: _Item, rows: np.ndarray, n: int, figure: Figure,
                  fill: float = 0.0) -> np.ndarray:
    """(N,) ``figure`` of the two covers in the designs ``rows`` (bool), ``fill`` elsewhere;
    computed once when neither part varies."""
    out = np.full(n, fill)
    if not (a.varies or b.varies):
        if rows[0]:
            out[:] = figure(a.cover, b.cover)[0]
        return out
    index = np.flatnonzero(rows)
    if len(index):
        out[index] = np.broadcast_to(figure(_take(a.cover, index), _take(b.cover, index)),
                                     index.shape)
    return out


def _overlap(a: _Item, b: _Item, n: int) -> np.ndarray:
    """(N,) the two items' overlap, mm³, computed where their boxes meet."""
    meets = _boxes_meet(a.lo, a.hi, b.lo, b.hi)
    return _over_designs(a, b, meets, n, pair_overlap) if meets.any() else np.zeros(n)


def _least_clearance(pairs: Sequence[tuple[_Item, _Item]], n: int,
                     label: Callable[[str, str], str] = lambda a, b: f"{a} / {b}"
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(N,) the least clearance over ``pairs`` and the closest pair's ``label``; branch and
    bound on the boxes' distances (NaN and ``""`` when there are no pairs)."""
    best = np.full(n, np.nan)
    names = np.full(n, "", dtype=object)
    if not pairs:
        return best, names
    bounds = [_box_distance(a.lo, a.hi, b.lo, b.hi) for a, b in pairs]
    best[:] = np.inf
    for k in np.argsort([b.min() for b in bounds], kind="stable"):
        a, b = pairs[k]
        hopeful = bounds[k] < best
        if not hopeful.any():
            continue
        d = _over_designs(a, b, hopeful, n, pair_clearance, fill=np.inf)
        better = d < best
        best = np.where(better, d, best)
        names[better] = label(a.name, b.name)
    return best, names


# ---- the tyres' envelope -------------------------------------------------------------------
def _reach(shape: object) -> np.ndarray:
    """(k,) the farthest any point of a tyre (a revolution about y) lies from its centre, mm."""
    if not isinstance(shape, Revolution):
        return np.full(1, np.nan)
    p = shape.profile if shape.profile.ndim == 3 else shape.profile[None]
    mid = 0.5 * (p[..., 1].min(-1) + p[..., 1].max(-1))
    return np.hypot(p[..., 0], p[..., 1] - mid[:, None]).max(-1)


def _envelope_cover(tyre: Component, bump_mm: np.ndarray, steer_deg: np.ndarray | None
                    ) -> tuple[Part, ...]:
    """Slabs covering a tyre from static to full bump and, steered, to full lock."""
    cover = part_cover(tyre)
    solid = cover[0][0]
    if not solid.is_disc:
        return cover
    centre, radius, y = solid.centre, solid.radius, solid.y
    if steer_deg is not None:
        delta = np.radians(steer_deg)
        half_w = 0.5 * (y[:, 1] - y[:, 0])
        mid = 0.5 * (y[:, 1] + y[:, 0])
        side = radius * np.sin(delta) + half_w * np.cos(delta)
        y = np.stack([mid - side, mid + side], -1)
        radius = _reach(tyre.shape)
    top = centre + np.stack([np.zeros_like(bump_mm), bump_mm], -1)
    k = max(len(centre), len(top), len(radius), len(y))
    centre, top = np.broadcast_to(centre, (k, 2)), np.broadcast_to(top, (k, 2))
    r, y = np.broadcast_to(radius, (k,)), np.broadcast_to(y, (k, 2))
    band = box_slab(np.stack([centre[:, 0] - r, y[:, 0], centre[:, 1]], -1),
                    np.stack([centre[:, 0] + r, y[:, 1], top[:, 1]], -1))
    return ((Slab(None, centre, r, y), None), (Slab(None, top, r, y), None), (band, None))


def _envelopes(layout: Layout, varying: np.ndarray) -> list[tuple[int, _Item]]:
    """Each road tyre's envelope (static to full bump, the front ones to full lock), with the
    tyre's index; none when the layout declares neither bump travel nor steering."""
    n = layout.n_designs
    bump, steer = layout.facts.bump_travel_mm, layout.facts.max_steer_deg
    if bump is None and steer is None:
        return []
    bump_mm = np.atleast_1d(np.asarray(0.0 if bump is None else bump, dtype=float))
    steer_deg = None if steer is None else np.atleast_1d(np.asarray(steer, dtype=float))
    out = []
    for name in ROAD_TYRES:
        if name not in layout.names:
            continue
        i = layout.index(name)
        steered = name.startswith("tyre_front") and steer_deg is not None
        cover = _envelope_cover(layout.components[i], bump_mm, steer_deg if steered else None)
        lo = np.min([s.bounds()[0] for s, _ in cover], axis=0)
        hi = np.max([s.bounds()[1] for s, _ in cover], axis=0)
        label = f"{name} ({'full bump and lock' if steered else 'full bump'})"
        out.append((i, _Item(label, cover, np.broadcast_to(lo, (n, 3)),
                             np.broadcast_to(hi, (n, 3)), True)))
    return out
