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

Speed: a pair's figures depend only on where one part sits relative to the other. Designs of a
batch whose pair geometry agrees (to :data:`~keidesign.shapes.overlap.QUANTUM`, 1e-6 mm) are
evaluated once, and the figures of parts whose shape is the same in every design are
remembered for the process by their relative position, so a sweep that moves a few parts
evaluates the others' pairs once (``_MEMO``, bounded); a part whose own shape varies (a pipe
stretched by the wheelbase) is told apart by its defining numbers. Inside the kernels, a
batch that repeats a pair's side view (the same in xz, apart across the car) evaluates each
side view once.

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
from dataclasses import dataclass, field

import numpy as np

from keidesign.layout.component import ROAD_TYRES, Component
from keidesign.layout.layout import Layout
from keidesign.shapes import overlap as ov
from keidesign.shapes.arrays import as_vector, pick_rows, side_by_side
from keidesign.shapes.revolution import Revolution
from keidesign.shapes.section import Slab, box_slab, cover, cover_at
from keidesign.shapes.tube_path import TubePath

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
    return _parts(cover(component.shape, component.placement))


def _parts(slabs: Sequence[Slab]) -> tuple[Part, ...]:
    """Slabs as (solid, cavity) pairs: each void is the cavity of the solid before it."""
    parts: list[list[Slab | None]] = []
    for slab in slabs:
        if slab.void and parts:
            parts[-1][1] = slab
        else:
            parts.append([slab, None])
    return tuple((s, v) for s, v in parts)  # type: ignore[misc]


def _take(parts: tuple[Part, ...], rows: np.ndarray | None) -> tuple[Part, ...]:
    if rows is None:
        return parts
    return tuple((s.take(rows), None if v is None else v.take(rows)) for s, v in parts)


def _material(sa: Slab, va: Slab | None, sb: Slab, vb: Slab | None,
              side: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(overlap of the solids, overlap of the material: solids minus cavities), (k,) mm³
    (``side``: the solids' :func:`~keidesign.shapes.overlap.side_overlap`, if known)."""
    both = ov.overlap_volume(sa, sb, side)
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
    b_boxes = [sb.bounds() for sb, _ in b]                 # each slab's box once, not per pair
    pieces = []
    for sa, va in a:
        a_box = sa.bounds()
        pieces += [(sa, va, sb, vb, ov.box_distance(*a_box, *b_box))
                   for (sb, vb), b_box in zip(b, b_boxes)]
    best = np.inf
    for sa, va, sb, vb, bound in sorted(pieces, key=lambda p: float(p[4].min())):
        near = bound < best                # where these two slabs may come closer than found
        if not near.any():
            continue
        if near.all():
            best = np.minimum(best, _slab_clearance(sa, va, sb, vb))
            continue
        rows = np.flatnonzero(near)        # worked out in those designs alone
        d = np.full(near.shape, np.inf)
        (sa, va), (sb, vb) = _take(((sa, va), (sb, vb)), rows)
        d[rows] = _slab_clearance(sa, va, sb, vb)
        best = np.minimum(best, d)
    return np.asarray(best)


def _slab_clearance(sa: Slab, va: Slab | None, sb: Slab, vb: Slab | None) -> np.ndarray:
    """(k,) the least distance between the material of two slabs (each a solid and its
    cavity or ``None``), mm (0 where they overlap)."""
    side = ov.side_overlap(sa, sb)
    solids, material = _material(sa, va, sb, vb, side)
    overlapping = solids > TOLERANCE_MM3
    d = np.where(overlapping, 0.0, ov.gap(sa, sb, side))
    inside = np.zeros(d.shape, dtype=bool)
    for cavity, body in ((va, sb), (vb, sa)):
        if cavity is None or not overlapping.any():
            continue
        # (Inside in the designs where the solids overlap: a body of no volume elsewhere is
        # not inside by 0 ≥ 0.)
        within = (ov.overlap_volume(cavity, body) >= ov.volume(body) * (1.0 - 1e-9)) \
            & overlapping
        if within.any():
            d = np.where(within & ~inside, ov.cavity_gap(cavity, body), d)
            inside |= within
    return np.where(material > TOLERANCE_MM3, 0.0, d)


# ---- which pairs ----------------------------------------------------------------------------
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


def _signature(layout: Layout) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple((c.name, c.category, c.touches) for c in layout.components)


@functools.lru_cache(maxsize=64)
def _watched(signature: tuple[tuple[str, str, tuple[str, ...]], ...]
             ) -> dict[str, tuple[tuple[int, int], ...]]:
    """Per watched pair (:data:`WATCHED`), the (i, j) component pairs it compares."""
    allowed = _allowed(signature)

    def matches(k: int, patterns: Sequence[str]) -> bool:
        name, category, _ = signature[k]
        return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(category, p)
                   for p in patterns)

    c = len(signature)
    return {name: tuple((i, j) for i in range(c) if matches(i, group_a)
                        for j in range(c) if matches(j, group_b)
                        and i != j and not allowed[i, j])
            for name, (group_a, group_b) in WATCHED.items()}


def _varying(layout: Layout) -> np.ndarray:
    """(C,) bool: components whose figures differ between designs."""
    out = np.zeros(len(layout.names), dtype=bool)
    for group in layout.groups():
        if group.bbox_min_mm.shape[-1] > 1:
            out[group.index] = True
    return out


def _boxes_meet(a_lo: np.ndarray, a_hi: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray
                ) -> np.ndarray:
    """(…,) whether two (…, 3) boxes overlap (strictly): in each design, or at all."""
    meet = (a_lo < b_hi) & (b_lo < a_hi)
    return meet[..., 0] & meet[..., 1] & meet[..., 2]


# ---- items: parts and envelopes, and their figures by relative position ----------------------
# Figures of pairs of one-design shapes by their relative position, for the whole process:
# a sweep moves a few parts, so most pairs keep their relative geometry from chunk to chunk.
# By the figure and the two items' keys, then the quantised relative position's bytes (one
# dictionary per pair: a batch's rows are looked up without a tuple each).
_MEMO: dict[tuple[object, ...], dict[bytes, float]] = {}
_MEMO_LIMIT = 200_000
_memo_size = 0                              # figures held in _MEMO (about: a test may clear it)
#: A pair with more distinct relative positions than this in one batch is not remembered,
#: unless each position repeats in the batch (at most one design in :data:`_MEMO_SHARE` has
#: one of its own): a grid's chunk takes every value of one parameter again and again, and the
#: next chunk takes the same ones (the front tyres against the cab, over the front track).
_MEMO_DISTINCT = 64
_MEMO_SHARE = 4


_NOWHERE = np.zeros((1, 3))                 # (read-only defaults)
_NO_EXTRA = np.zeros((1, 0))
_NOWHERE.setflags(write=False)
_NO_EXTRA.setflags(write=False)


@dataclass(slots=True)
class _Item:
    """A part (or a tyre's envelope) as the check sees it.

    Attributes:
        name: the part's name (an envelope's says which).
        lo: (k, 3) lowest corner of its box in each design, mm (k 1 or N).
        hi: (k, 3) highest corner, mm.
        span: (2, 3) the box that holds its boxes of every design (low, high corner), mm.
        core: (2, 3) the box every design's box holds (empty when low > high), mm.
        key: what the item is bar its translation and ``extra`` (the shape's definition and
            its rotation); ``None`` when the shape itself differs between designs.
        t: (k, 3) translation, mm (k 1 or N).
        extra: (k, e) more numbers the item's cover depends on (an envelope's bump travel and
            steering angle); e may be 0.
        at: the cover at (m, 3) translations and (m, e) extras.
        varies: whether the item differs between designs.
    """

    name: str
    lo: np.ndarray
    hi: np.ndarray
    span: np.ndarray
    core: np.ndarray
    varies: bool
    key: object = None
    t: np.ndarray = field(default_factory=lambda: _NOWHERE)
    extra: np.ndarray = field(default_factory=lambda: _NO_EXTRA)
    at: Callable[[np.ndarray, np.ndarray], tuple[Part, ...]] | None = None
    _cover: tuple[Part, ...] | None = None
    #: For a shape that differs between designs and has cheaper defining numbers than its
    #: cover (a tube path): those numbers at some designs, and the cover at some designs.
    numbers_at: Callable[[np.ndarray | None], list[np.ndarray]] | None = None
    cover_at_rows: Callable[[np.ndarray], tuple[Part, ...]] | None = None
    #: A part whose key, translation and cover functions are worked out on first use (most
    #: parts the broad phase meets are never compared).
    pending: Component | None = None
    #: For an item the same in every design, kept from one layout to the next (see
    #: :class:`_Fixed`): the figures of its pairs with the others kept alike, by figure and
    #: the two items.
    shared: dict[tuple[str, int, int], float] | None = None
    #: For an item that differs between designs: its distinct positions relative to the
    #: items it is compared with in every design, by the other item's id and whether this
    #: item is the pair's first, with that item (the overlap and the clearance of one pair
    #: share them; see :func:`_positions`).
    positions: dict[tuple[int, bool], tuple[_Item, tuple[np.ndarray, ...]]] = field(
        default_factory=dict)

    def ready(self) -> _Item:
        """The item with its key, translation and cover functions worked out."""
        if self.pending is not None:
            _fill_part(self, self.pending)
            self.pending = None
        return self

    @property
    def cover(self) -> tuple[Part, ...]:
        """The cover of every design (k 1 or N)."""
        if self._cover is None:
            self.ready()
            self._cover = self.at(self.t, self.extra)  # type: ignore[misc]
        return self._cover

    def numbers(self, rows: np.ndarray | None) -> list[np.ndarray]:
        """The numbers that place the item in the designs ``rows`` (an index array;
        ``None``: every design), as (k, m) arrays side by side (k 1 where they are the same
        in every design): its translation and extras where its shape is the same in every
        design, the numbers that define its shape (or its cover's) otherwise."""
        if self.key is not None:
            return [pick_rows(self.t, rows), pick_rows(self.extra, rows)]
        if self.numbers_at is not None:
            return self.numbers_at(rows)
        picked = [pick_rows(a, rows) for part in self.cover for slab in part if slab is not None
                  for a in (slab.points, slab.centre, slab.radius, slab.y) if a is not None]
        return [a.reshape(len(a), -1) for a in picked]

    def cover_of(self, rows: np.ndarray) -> tuple[Part, ...]:
        """The cover in the designs ``rows``."""
        if self._cover is None:
            if self.cover_at_rows is not None:
                return self.cover_at_rows(rows)
            if self.ready().key is not None and max(len(self.t), len(self.extra)) > 1:
                # One shape moved: placed at those designs alone, not at every design.
                return self.at(_rows(self.t, rows, len(rows)),  # type: ignore[misc]
                               _rows(self.extra, rows, len(rows)))
        return _take(self.cover, rows)


def _shape_key(shape: object) -> object:
    """The shape's definition, hashable; ``None`` for a shape of several designs."""
    try:
        return shape._memo_key()  # type: ignore[attr-defined]
    except (TypeError, AttributeError):
        return None


def _spans(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (2, 3) box holding (N, 3) boxes, and the (2, 3) box they all hold."""
    if len(lo) > 1:  # reduced along a contiguous (3, N) copy: a reduction down a short row is slow
        lo, hi = np.ascontiguousarray(lo.T), np.ascontiguousarray(hi.T)
        return np.stack([lo.min(1), hi.max(1)]), np.stack([lo.max(1), hi.min(1)])
    return np.stack([lo[0], hi[0]]), np.stack([lo[0], hi[0]])


def _part_item(component: Component, lo: np.ndarray, hi: np.ndarray, span: np.ndarray,
               core: np.ndarray, varies: bool) -> _Item:
    """A component as an item (its key, translation and cover on first use)."""
    return _Item(component.name, lo, hi, span, core, varies, pending=component)


def _fill_part(item: _Item, component: Component) -> None:
    shape, rotation = component.shape, component.placement.rotation
    shape_key = _shape_key(shape)
    t = np.atleast_2d(as_vector(component.placement.translation))
    item.key = None if shape_key is None else ("part", shape_key, rotation)
    item.t = t
    item.at = lambda t, extra: _parts(cover_at(shape, rotation, t))
    if shape_key is None and isinstance(shape, TubePath):
        # A bent tube's cover costs far more than its points: tell designs apart by those.
        numbers = shape.design_numbers()

        def numbers_at(rows: np.ndarray | None) -> list[np.ndarray]:
            return [pick_rows(numbers, rows), pick_rows(t, rows)]

        def cover_at_rows(rows: np.ndarray) -> tuple[Part, ...]:
            return _parts(cover_at(shape.designs(rows, numbers), rotation,
                                   pick_rows(t, rows)))

        item.numbers_at, item.cover_at_rows = numbers_at, cover_at_rows


def _rows(a: np.ndarray, rows: np.ndarray | None, n: int) -> np.ndarray:
    """``a`` (k, …) at the designs ``rows`` (``None``: all ``n``): every row when k is 1."""
    if a.shape[0] == 1:
        return np.broadcast_to(a, (n if rows is None else len(rows),) + a.shape[1:])
    return a if rows is None else a[rows]


Figure = Callable[[Sequence[Part], Sequence[Part]], np.ndarray]


def _figure(a: _Item, b: _Item, rows: np.ndarray | None, n: int, figure: Figure
            ) -> np.ndarray:
    """``figure`` of two items in the designs ``rows`` (an index array; ``None``: all ``n``).

    Designs whose pair geometry agrees (to :data:`~keidesign.shapes.overlap.QUANTUM`) are
    evaluated once. Items of one-design shapes are compared by where one sits relative to
    the other, and their figures remembered for the process; others by their covers."""
    count = n if rows is None else len(rows)
    shared = a.shared
    if shared is not None and shared is b.shared:         # both the same in every design
        key = (figure.__name__, id(a), id(b))
        got = shared.get(key)
        if got is None:
            got = shared[key] = _worked_out(a.ready(), b.ready(), None, 1, figure)[0]
        return np.full(count, got)
    return _worked_out(a.ready(), b.ready(), rows, n, figure)


def _worked_out(a: _Item, b: _Item, rows: np.ndarray | None, n: int, figure: Figure
                ) -> np.ndarray:
    """:func:`_figure` of two ready items, worked out (not from the fixed items' memo)."""
    count = n if rows is None else len(rows)
    if a.key is None or b.key is None:
        if not (a.varies or b.varies):
            return np.full(count, figure(a.cover, b.cover)[0])
        first, inverse, _ = ov.distinct_designs(a.numbers(rows) + b.numbers(rows), count)
        at = first if rows is None else rows[first]
        got = figure(a.cover_of(at), b.cover_of(at))
        return np.broadcast_to(got, first.shape)[inverse]
    if max(len(a.t), len(b.t), len(a.extra), len(b.extra)) == 1:   # the same in every design
        relative = np.concatenate([b.t - a.t, a.extra, b.extra], axis=1)
        return np.full(count, _remembered(a, b, relative, ov.quantised(relative), figure)[0])
    first, inverse, quantised, relative = _positions(a, b, rows, n)
    if len(first) > max(_MEMO_DISTINCT, count // _MEMO_SHARE):  # moves in every design
        got = np.broadcast_to(_evaluate(a, b, relative, figure), first.shape)
    else:
        got = _remembered(a, b, relative, quantised, figure)
    if len(first) == 1:                  # moved alike (a tyre and its hub): one position
        return np.full(count, got[0])
    return got[inverse]


def _positions(a: _Item, b: _Item, rows: np.ndarray | None, n: int
               ) -> tuple[np.ndarray, ...]:
    """Two items' distinct relative positions (b's translation less a's, then a's extras and
    b's) in the designs ``rows`` (``None``: all ``n``), as :func:`~keidesign.shapes.overlap.
    distinct_designs` gives them, and (u, 3 + e) those positions; kept on the item that
    differs between designs for every design (a pair's overlap and clearance)."""
    holder, other = (a, b) if a.varies else (b, a)
    key = (id(other), holder is a)             # the other item, and which side the holder is
    if rows is None:
        kept = holder.positions.get(key)
        if kept is not None and kept[0] is other:
            return kept[1]
    count = n if rows is None else len(rows)
    columns = [pick_rows(b.t, rows) - pick_rows(a.t, rows), pick_rows(a.extra, rows),
               pick_rows(b.extra, rows)]
    first, inverse, quantised = ov.distinct_designs(columns, count)
    relative = side_by_side([c if len(c) == 1 else c[first] for c in columns], len(first))
    got = first, inverse, quantised, relative
    if rows is None:
        holder.positions[key] = (other, got)
    return got


def _evaluate(a: _Item, b: _Item, relative: np.ndarray, figure: Figure) -> np.ndarray:
    """``figure`` of two items of one-design shapes at (m, 3 + e) relative positions: b's
    translation less a's, then a's extras and b's."""
    e = a.extra.shape[1]
    shift = relative[:, :3]
    if len(a.extra) == 1:     # a's extras the same in every design: one cover about its origin
        own = a.at(np.zeros((1, 3)), relative[:1, 3:3 + e])
    else:
        own = a.at(np.zeros_like(shift), relative[:, 3:3 + e])
    return figure(own, b.at(shift, relative[:, 3 + e:]))


def _remembered(a: _Item, b: _Item, relative: np.ndarray, quantised: np.ndarray,
                figure: Figure) -> np.ndarray:
    """(m,) :func:`_evaluate` at distinct relative positions, from the process's memo where
    it holds them."""
    global _memo_size
    head = (figure.__name__, a.key, b.key)
    memo = _MEMO.get(head)
    if memo is None:
        memo = _MEMO[head] = {}
    # Each (m, w) row's bytes, in one pass (a void view's items are whole rows).
    keys = np.ascontiguousarray(quantised).view(
        np.dtype((np.void, quantised.shape[1] * quantised.itemsize))).ravel().tolist()
    nan = np.nan
    values = np.fromiter([memo.get(k, nan) for k in keys], dtype=float, count=len(keys))
    missing = np.flatnonzero(np.isnan(values))
    if len(missing):
        got = np.broadcast_to(_evaluate(a, b, relative[missing], figure), missing.shape)
        values[missing] = got
        if _memo_size + len(missing) > _MEMO_LIMIT:
            _MEMO.clear()
            _memo_size = 0
            memo = _MEMO[head] = {}
        memo.update(zip([keys[m] for m in missing.tolist()], got.tolist()))
        _memo_size += len(missing)
    return values


def _over_designs(a: _Item, b: _Item, where: np.ndarray, n: int, figure: Figure,
                  fill: float = 0.0) -> np.ndarray:
    """(N,) ``figure`` of the two items in the designs ``where`` ((N,) or (1,) bool),
    ``fill`` elsewhere."""
    if where.all():
        return _figure(a, b, None, n, figure)
    out = np.full(n, fill)
    rows = np.flatnonzero(where) if where.size > 1 else ()   # (one value: False everywhere)
    if len(rows):
        out[rows] = _figure(a, b, rows, n, figure)
    return out


@dataclass(slots=True)
class _Fixed:
    """What the components the same in every design give the check, kept for every layout
    that has the same ones (:attr:`~keidesign.layout.Layout.fixed_key`, the same names,
    categories and ``touches``, and the same bump travel and steering lock): a sweep's
    chunks differ only in the components they vary.

    Attributes:
        items: the items of those components, by layout position.
        envelopes: the road tyres' envelopes that are the same in every design, by the
            tyre's position.
        figures: the figures of pairs of those items (:attr:`_Item.shared`).
        overlaps: the overlap of each pair of those components the broad phase lets
            through, by their layout positions, mm³.
    """

    items: dict[int, _Item] = field(default_factory=dict)
    envelopes: dict[int, _Item] = field(default_factory=dict)
    figures: dict[tuple[str, int, int], float] = field(default_factory=dict)
    overlaps: dict[tuple[int, int], float] = field(default_factory=dict)


_FIXED: dict[object, _Fixed] = {}
_FIXED_LIMIT = 64


def _fixed_state(layout: Layout, signature: object) -> _Fixed:
    """The kept state of the layout's components the same in every design (a new one, not
    kept, when they cannot be described)."""
    if layout.fixed_key is None:
        return _Fixed()
    facts = layout.facts
    key = (layout.fixed_key, signature, facts.bump_travel_mm, facts.max_steer_deg)
    try:
        got = _FIXED.get(key)
    except TypeError:                          # bump or lock of several designs
        return _Fixed()
    if got is None:
        if len(_FIXED) >= _FIXED_LIMIT:
            _FIXED.clear()
        got = _FIXED[key] = _Fixed()
    return got


# ---- the check -------------------------------------------------------------------------------
def clashes(layout: Layout) -> Clashes:
    """Overlaps of every pair not allowed to touch, the watched clearances and the tyres'
    envelope, for every design of ``layout``."""
    n = layout.n_designs
    comps = layout.components
    signature = _signature(layout)
    allowed = _allowed(signature)
    varying = _varying(layout)
    u_lo, u_hi, i_lo, i_hi = layout.box_spans()                       # (C, 3) each
    span, core = np.stack([u_lo, u_hi], 1), np.stack([i_lo, i_hi], 1)   # (C, 2, 3)
    meet = ((u_lo[:, None] < u_hi[None]) & (u_lo[None] < u_hi[:, None])).all(-1)
    candidates = np.argwhere(np.triu(meet & ~allowed, 1))
    fixed = _fixed_state(layout, signature)
    items: dict[int, _Item] = {}

    def item(i: int) -> _Item:
        got = items.get(i)
        if got is None:
            if varying[i]:
                got = items[i] = _part_item(comps[i], *layout.box_of(i), span[i], core[i],
                                            True)
            else:
                got = fixed.items.get(i)
                if got is None:
                    got = fixed.items[i] = _part_item(comps[i], *layout.box_of(i), span[i],
                                                      core[i], False)
                    got.shared = fixed.figures
                items[i] = got
        return got

    pairs: list[tuple[str, str]] = []
    rows_out: list[np.ndarray] = []
    for i, j in candidates.tolist():
        if not (varying[i] or varying[j]):     # the same in every design: kept
            known = fixed.overlaps.get((i, j))
            if known is None:
                known = fixed.overlaps[(i, j)] = _overlap(item(i), item(j), 1)[0]
            if known > TOLERANCE_MM3:
                pairs.append((layout.names[i], layout.names[j]))
                rows_out.append(np.full(n, known))
            continue
        volume = _overlap(item(i), item(j), n)
        if (volume > TOLERANCE_MM3).any():
            pairs.append((layout.names[i], layout.names[j]))
            rows_out.append(volume)
    clearance: dict[str, np.ndarray] = {}
    closest: dict[str, np.ndarray] = {}
    for name, watched in _watched(signature).items():
        clearance[name], closest[name] = _least_clearance(
            [(item(i), item(j)) for i, j in watched], n)
    targets = np.flatnonzero(np.isin(layout.categories, ENVELOPE_TARGETS))
    envelope_pairs = []
    for i, env in _envelopes(layout, varying, fixed):
        mine = targets[~allowed[i, targets]]
        envelope_pairs += [(env, item(j)) for j in mine]
        # Broad phase on the spans, then design by design.
        near = mine[((env.span[0] < u_hi[mine]) & (u_lo[mine] < env.span[1])).all(-1)]
        for j in near:
            volume = _overlap(env, item(j), n)
            if (volume > TOLERANCE_MM3).any():
                pairs.append((env.name, layout.names[j]))
                rows_out.append(volume)
    clearance["tyre_envelope-body"], closest["tyre_envelope-body"] = \
        _least_clearance(envelope_pairs, n, label=lambda a, b: f"{a.split()[0]} / {b}")
    overlap = np.array(rows_out) if rows_out else np.zeros((0, n))
    return Clashes(pairs=tuple(pairs), overlap_mm3=overlap, clearance_mm=clearance,
                   closest=closest)


def _overlap(a: _Item, b: _Item, n: int) -> np.ndarray:
    """(N,) the two items' overlap, mm³, computed where their boxes meet."""
    if not _boxes_meet(*a.span, *b.span):
        return np.zeros(n)                                  # in no design
    if _boxes_meet(*a.core, *b.core):
        return _figure(a, b, None, n, pair_overlap)         # in every one
    return _over_designs(a, b, _boxes_meet(a.lo, a.hi, b.lo, b.hi), n, pair_overlap)


def _least_clearance(pairs: Sequence[tuple[_Item, _Item]], n: int,
                     label: Callable[[str, str], str] = lambda a, b: f"{a} / {b}"
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(N,) the least clearance over ``pairs`` and the closest pair's ``label``; branch and
    bound on the boxes' distances (NaN and ``""`` when there are no pairs)."""
    best = np.full(n, np.nan)
    names = np.full(n, "", dtype=object)
    if not pairs:
        return best, names
    # A lower bound for every design first: the distance between the boxes the pair's
    # boxes take up over all designs.
    span_a = np.array([a.span for a, _ in pairs])                        # (P, 2, 3)
    span_b = np.array([b.span for _, b in pairs])
    floor = ov.box_distance(span_a[:, 0], span_a[:, 1], span_b[:, 0], span_b[:, 1])
    best[:] = np.inf
    worst = np.inf
    for k in np.argsort(floor, kind="stable"):
        if floor[k] >= worst:
            break                          # no pair left can come closer in any design
        a, b = pairs[k]
        hopeful = ov.box_distance(a.lo, a.hi, b.lo, b.hi) < best
        if not hopeful.any():
            continue
        d = _over_designs(a, b, hopeful, n, pair_clearance, fill=np.inf)
        better = d < best
        best = np.where(better, d, best)
        names[better] = label(a.name, b.name)
        worst = best.max()
    return best, names


# ---- the tyres' envelope -------------------------------------------------------------------
def _reach(shape: object) -> np.ndarray:
    """(k,) the farthest any point of a tyre (a revolution about y) lies from its centre, mm."""
    if not isinstance(shape, Revolution):
        return np.full(1, np.nan)
    p = shape.profile if shape.profile.ndim == 3 else shape.profile[None]
    mid = 0.5 * (p[..., 1].min(-1) + p[..., 1].max(-1))
    return np.hypot(p[..., 0], p[..., 1] - mid[:, None]).max(-1)


def _envelope_cover(tyre: tuple[Part, ...], reach: np.ndarray, bump_mm: np.ndarray,
                    steer_deg: np.ndarray | None) -> tuple[Part, ...]:
    """Slabs covering a tyre (its cover ``tyre``; ``reach``, (k,) mm, its farthest point from
    its centre) from static to full bump and, steered, to full lock."""
    solid = tyre[0][0]
    if not solid.is_disc:
        return tyre
    centre, radius, y = solid.centre, solid.radius, solid.y
    if steer_deg is not None:
        delta = np.radians(steer_deg)
        half_w = 0.5 * (y[:, 1] - y[:, 0])
        mid = 0.5 * (y[:, 1] + y[:, 0])
        side = radius * np.sin(delta) + half_w * np.cos(delta)
        y = np.stack([mid - side, mid + side], -1)
        radius = reach
    top = centre + np.stack([np.zeros_like(bump_mm), bump_mm], -1)
    k = max(len(centre), len(top), len(radius), len(y))
    centre, top = np.broadcast_to(centre, (k, 2)), np.broadcast_to(top, (k, 2))
    r, y = np.broadcast_to(radius, (k,)), np.broadcast_to(y, (k, 2))
    band = box_slab(np.stack([centre[:, 0] - r, y[:, 0], centre[:, 1]], -1),
                    np.stack([centre[:, 0] + r, y[:, 1], top[:, 1]], -1))
    return ((Slab(None, centre, r, y), None), (Slab(None, top, r, y), None), (band, None))


#: The bounds of a tyre's envelope about its origin, by the envelope's key and extras.
_OWN_ENVELOPE: dict[object, tuple[np.ndarray, np.ndarray]] = {}


def _cover_bounds(cover: Sequence[Part]) -> tuple[np.ndarray, np.ndarray]:
    """(k, 3) the lowest and highest corner of the box holding a cover's solids, mm."""
    return (np.min([s.bounds()[0] for s, _ in cover], axis=0),
            np.max([s.bounds()[1] for s, _ in cover], axis=0))


def _envelopes(layout: Layout, varying: np.ndarray, fixed: _Fixed
               ) -> list[tuple[int, _Item]]:
    """Each road tyre's envelope (static to full bump, the front ones to full lock), with the
    tyre's index; none when the layout declares neither bump travel nor steering. Those the
    same in every design are kept in ``fixed``."""
    bump, steer = layout.facts.bump_travel_mm, layout.facts.max_steer_deg
    if bump is None and steer is None:
        return []
    bump_mm = np.atleast_1d(np.asarray(0.0 if bump is None else bump, dtype=float))
    steer_deg = np.atleast_1d(np.asarray(0.0 if steer is None else steer, dtype=float))
    out = []
    for name in ROAD_TYRES:
        if name not in layout.names:
            continue
        i = layout.index(name)
        if i in fixed.envelopes:
            out.append((i, fixed.envelopes[i]))
            continue
        tyre = layout.components[i]
        steered = name.startswith("tyre_front") and steer is not None
        shape, rotation = tyre.shape, tyre.placement.rotation
        reach = _reach(shape)

        def at(t: np.ndarray, extra: np.ndarray, shape: object = shape,
               rotation: tuple = rotation, reach: np.ndarray = reach,
               steered: bool = steered) -> tuple[Part, ...]:
            return _envelope_cover(_parts(cover_at(shape, rotation, t)), reach, extra[:, 0],
                                   extra[:, 1] if steered else None)

        t = np.atleast_2d(as_vector(tyre.placement.translation))
        k = max(len(bump_mm), len(steer_deg))
        extra = np.stack([np.broadcast_to(bump_mm, (k,)), np.broadcast_to(steer_deg, (k,))], -1)
        shape_key = _shape_key(shape)
        env = _Item(f"{name} ({'full bump and lock' if steered else 'full bump'})",
                    np.empty((1, 3)), np.empty((1, 3)), np.empty((2, 3)), np.empty((2, 3)),
                    bool(varying[i]) or k > 1,
                    None if shape_key is None else ("envelope", shape_key, rotation, steered),
                    t, extra, at)
        if env.key is None:
            lo, hi = _cover_bounds(env.cover)
        else:                 # the envelope about the tyre's origin, moved to each design's
            own = None if k > 1 else _OWN_ENVELOPE.get((env.key, extra.tobytes()))
            if own is None:
                own = _cover_bounds(at(np.zeros((len(extra), 3)), extra))
                if k == 1:
                    if len(_OWN_ENVELOPE) >= _MEMO_LIMIT:
                        _OWN_ENVELOPE.clear()
                    _OWN_ENVELOPE[(env.key, extra.tobytes())] = own
            lo, hi = own[0] + t, own[1] + t
        env.lo, env.hi = lo, hi
        env.span, env.core = _spans(lo, hi)
        if not env.varies:
            env.shared = fixed.figures
            fixed.envelopes[i] = env
        out.append((i, env))
    return out
