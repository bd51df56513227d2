"""A shape's cover for clash checks: regions of the side-view (xz) plane extruded across the
vehicle.

Nearly every part of a vehicle is, exactly, a side-view region extruded across it: a cab, a seat
or a bumper is a :class:`~keidesign.shapes.Prism` in ``"xz"``, a wheel or an axle is a disc about
y, a box is a rectangle. :func:`cover` describes a placed shape as a few such :class:`Slab` s
(a polygon or a disc in (x, z), extruded over an interval of y), some of them voids (a hollow
cab's cavity, a tyre's bore), so the overlap of two parts is a sum of slab-pair overlaps
(:mod:`keidesign.shapes.overlap`).

Where the cover is exact and where it is conservative (never smaller than the part):

- exact: boxes (solid or tubes), prisms and shells in ``"xz"``, cylinders and tubes about y;
- surfaces of revolution about y (tyres, rims): the cylinder between the profile's largest
  radius and its axial ends, minus the bore inside its smallest radius, so a tyre's rounded
  shoulders count as square;
- prisms whose profile does not lie in vehicle xz (a prism in ``"yz"`` or ``"xy"``, or a
  prism in ``"xz"`` turned off y): boxes, the profile cut across one of its two axes (per
  design, whichever leaves the smaller area) into :data:`PROFILE_STRIPS` equal strips, each
  cut again at the profile's vertices, every strip the exact bounding box of the profile's part
  within it, extruded; so exact for a profile whose sides all run along its axes and whose
  strips are solid (a rectangle, which stays one box; an L or a C section), loose only beside
  an edge slanting across a strip (by up to the strip's width × the slope) or across a gap
  within a strip; a shell's cavity is left out (its strips are solid);
- any other region (a revolution about x or z, a cylinder along x or z): its bounding box, its
  void left out;
- slanted straight tubes (cylinders, tube-path runs): :data:`SLANT_PIECES` boxes, each the
  exact box of a stretch of the tube; tube bends: the box of the corner triangle the bend lies
  in, grown by the tube's radius.

Arrays have a leading design axis ``(k, …)``, ``k`` 1 (the same in every design) or N; lengths
are mm in vehicle axes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from keidesign.shapes.arrays import as_vector, pick_rows
from keidesign.shapes.box import Box
from keidesign.shapes.cylinder import Cylinder
from keidesign.shapes.placement import Placement
from keidesign.shapes.polygon import offset_inward
from keidesign.shapes.prism import PLANES, Prism
from keidesign.shapes.revolution import Revolution
from keidesign.shapes.tube_path import TubePath

__all__ = ["PROFILE_STRIPS", "SLANT_PIECES", "Slab", "box_slab", "cover", "cover_at"]

T = TypeVar("T")

#: Boxes a slanted straight tube is covered by.
SLANT_PIECES = 4

#: Equal strips a prism whose profile is not in vehicle xz is cut into (each cut again at the
#: profile's vertices, so a profile of V vertices gives up to V + PROFILE_STRIPS − 2 boxes):
#: more is tighter along slanted edges (a box's excess over the solid shrinks as 1/n there)
#: and costs one slab pair per box in the narrow phase.
PROFILE_STRIPS = 4


@dataclass(frozen=True, slots=True)
class Slab:
    """A region of the xz plane extruded over an interval of y: one piece of a cover.

    Exactly one of ``points`` (a polygon) and ``centre``/``radius`` (a disc) is given.

    Attributes:
        points: (k, V, 2) polygon vertices (x, z), either orientation, mm; or ``None``.
        centre: (k, 2) disc centre (x, z), mm; or ``None``.
        radius: (k,) disc radius, mm; or ``None``.
        y: (k, 2) the extrusion's (low, high) y, mm.
        void: whether the slab is a cavity taken out of the part's other slabs.
        box: whether the polygon is an axis-aligned rectangle (x0, z0), (x1, z0), (x1, z1),
            (x0, z1) (the overlap kernels take a shortcut).
        open_axis: for a tube's bore, the axis (0, 1, 2 for x, y, z) it is open along: its
            ends there are no walls; ``None`` for a closed cavity.
    """

    points: np.ndarray | None
    centre: np.ndarray | None
    radius: np.ndarray | None
    y: np.ndarray
    void: bool = False
    box: bool = False
    open_axis: int | None = None

    @property
    def is_disc(self) -> bool:
        """Whether the region is a disc."""
        return self.points is None

    def take(self, rows: np.ndarray) -> Slab:
        """The designs ``rows`` (an index array); arrays the same in every design are kept."""
        return Slab(points=pick_rows(self.points, rows), centre=pick_rows(self.centre, rows),
                    radius=pick_rows(self.radius, rows), y=pick_rows(self.y, rows),
                    void=self.void, box=self.box, open_axis=self.open_axis)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """(k, 3) lowest and highest corner of the slab's box, mm."""
        if self.points is None:
            lo2 = self.centre - self.radius[:, None]
            hi2 = self.centre + self.radius[:, None]
        elif self.box:
            lo2, hi2 = self.points[:, 0], self.points[:, 2]
        else:                  # a few vertices: pairwise beats a reduction along a short axis
            lo2, hi2 = self.points[:, 0].copy(), self.points[:, 0].copy()
            for v in range(1, self.points.shape[1]):
                np.minimum(lo2, self.points[:, v], out=lo2)
                np.maximum(hi2, self.points[:, v], out=hi2)
        k = max(len(lo2), len(self.y))
        lo, hi = np.empty((k, 3)), np.empty((k, 3))
        lo[:, 0], lo[:, 1], lo[:, 2] = lo2[:, 0], self.y[:, 0], lo2[:, 1]
        hi[:, 0], hi[:, 1], hi[:, 2] = hi2[:, 0], self.y[:, 1], hi2[:, 1]
        return lo, hi


def cover(shape: object, placement: Placement) -> tuple[Slab, ...]:
    """The slabs that cover ``shape`` placed by ``placement`` (see the module notes for where
    the cover is exact and where it is conservative).

    Raises:
        TypeError: ``shape`` is not one of the primitives.
    """
    return cover_at(shape, placement.rotation, np.atleast_2d(as_vector(placement.translation)))


def cover_at(shape: object, rotation: tuple[tuple[int, int, int], ...], t: np.ndarray
             ) -> tuple[Slab, ...]:
    """The slabs that cover ``shape`` turned by ``rotation`` (a quarter-turn matrix) and moved
    by the (k, 3) translations ``t``, mm.

    Raises:
        TypeError: ``shape`` is not one of the primitives.
    """
    own_slabs, own_boxes = _own_cached(shape)
    rot = np.asarray(rotation)
    out: list[Slab] = []
    boxes = list(own_boxes)
    keeps_y = abs(rot[1, 1]) == 1
    for i, slab in enumerate(own_slabs):
        if keeps_y:
            out.append(_place_slab(slab, rot, t))
        elif slab.box:                    # a box turned is a box, its bore too
            placed = box_slab(*_place_box(*slab.bounds(), rot, t), void=slab.void)
            out.append(_opened(placed, slab.open_axis, rot))
        elif slab.void:                   # a cavity turned off y is left out
            continue
        elif slab.points is not None:     # a side profile turned off y: its strips
            boxes.extend(_turned_cached(shape, i, slab))
        else:
            boxes.append(slab.bounds())
    for lo, hi in boxes:
        out.append(box_slab(*_place_box(lo, hi, rot, t)))
    return tuple(out)


# Covers of one-design shapes in their own frame, by the shape's definition: a concept places
# the same parts design after design, so most covers are worked out once per process. Strip
# boxes of own-frame polygon slabs, for placements that turn y away, likewise (by the shape's
# key and the slab's index in its own cover).
_OWN: dict[object, tuple[tuple[Slab, ...], tuple[tuple[np.ndarray, np.ndarray], ...]]] = {}
_TURNED: dict[object, tuple[tuple[np.ndarray, np.ndarray], ...]] = {}
_MEMO_LIMIT = 20_000


def _memoised(memo: dict[object, T], shape: object, extra: object, make: Callable[[], T]) -> T:
    """``make()``, remembered in ``memo`` by the shape's definition and ``extra`` for a shape
    of one design (a shape of several designs has no key: made each time)."""
    try:
        key = (shape._memo_key(), extra)  # type: ignore[attr-defined]
    except (TypeError, AttributeError):   # several designs, or not a primitive
        return make()
    got = memo.get(key)
    if got is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        got = memo[key] = make()
    return got


def _turned_cached(shape: object, index: int, slab: Slab
                   ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """:func:`_slab_strips` of the shape's own slab ``index``, memoised."""
    return _memoised(_TURNED, shape, index, lambda: tuple(_slab_strips(slab)))


def _own_cached(shape: object
                ) -> tuple[tuple[Slab, ...], tuple[tuple[np.ndarray, np.ndarray], ...]]:
    """:func:`_own`, memoised (its arrays read-only)."""
    def make() -> tuple[tuple[Slab, ...], tuple[tuple[np.ndarray, np.ndarray], ...]]:
        slabs, boxes = _own(shape)
        for slab in slabs:
            for a in (slab.points, slab.centre, slab.radius, slab.y):
                if a is not None:
                    a.setflags(write=False)
        return tuple(slabs), tuple(boxes)
    return _memoised(_OWN, shape, None, make)


# ---- shapes in their own frame --------------------------------------------------------------
def _own(shape: object) -> tuple[list[Slab], list[tuple[np.ndarray, np.ndarray]]]:
    """Slabs along the shape's own y, and boxes (k, 3) pairs, in the shape's frame."""
    if isinstance(shape, Box):
        return _box(shape), []
    if isinstance(shape, Cylinder):
        props = shape.properties()
        start, end = (np.atleast_2d(as_vector(v)) for v in (shape.start, shape.end))
        return _rod(start, end, _flat(shape.radius),
                    _flat(shape.inner_radius), _rows(props.bbox_min_mm),
                    _rows(props.bbox_max_mm))
    if isinstance(shape, Prism):
        return _prism(shape)
    if isinstance(shape, Revolution):
        return _revolution(shape)
    if isinstance(shape, TubePath):
        return _tube_path(shape)
    raise TypeError(f"no cover for a {type(shape).__name__}")


def _rows(a: object) -> np.ndarray:
    """(…, 3) → (k, 3): k = 1 for one design."""
    a = np.asarray(a, dtype=float)
    return a[None] if a.ndim == 1 else a


def _flat(a: object) -> np.ndarray:
    return np.atleast_1d(np.asarray(a, dtype=float))


def _opened(slab: Slab, open_axis: int | None, rot: np.ndarray | None = None) -> Slab:
    """The slab with its bore open along ``open_axis`` (in the shape's frame when ``rot``
    is given: mapped to vehicle axes)."""
    if open_axis is not None and rot is not None:
        open_axis = int(np.abs(rot[:, open_axis]).argmax())
    return Slab(slab.points, slab.centre, slab.radius, slab.y, slab.void, slab.box, open_axis)


def box_slab(lo: np.ndarray, hi: np.ndarray, void: bool = False) -> Slab:
    """A box given by its (k, 3) lowest and highest corners, as a slab."""
    lo, hi = np.broadcast_arrays(lo, hi)
    pts = np.empty((len(lo), 4, 2))
    pts[:, 0, 0] = pts[:, 3, 0] = lo[:, 0]
    pts[:, 1, 0] = pts[:, 2, 0] = hi[:, 0]
    pts[:, 0, 1] = pts[:, 1, 1] = lo[:, 2]
    pts[:, 2, 1] = pts[:, 3, 1] = hi[:, 2]
    y = np.empty((len(lo), 2))
    y[:, 0], y[:, 1] = lo[:, 1], hi[:, 1]
    return Slab(points=pts, centre=None, radius=None, y=y, void=void, box=True)


def _box(shape: Box) -> list[Slab]:
    size, centre = (np.atleast_2d(as_vector(v)) for v in (shape.size, shape.centre))
    size, centre = np.broadcast_arrays(size, centre)
    slabs = [box_slab(centre - 0.5 * size, centre + 0.5 * size)]
    wall = _flat(shape.wall)
    if np.any(wall > 0):
        k = "xyz".index(shape.hollow_axis)
        inner = size - 2.0 * wall[:, None] * (np.arange(3) != k)
        inner = np.where((wall > 0)[:, None], inner, 0.0)  # a solid design: an empty void
        slabs.append(_opened(box_slab(centre - 0.5 * inner, centre + 0.5 * inner, void=True), k))
    return slabs


def _rod(start: np.ndarray, end: np.ndarray, r: np.ndarray, ri: np.ndarray, lo: np.ndarray,
         hi: np.ndarray) -> tuple[list[Slab], list[tuple[np.ndarray, np.ndarray]]]:
    """A straight cylinder (k, 3) ends: a disc about y, its box along x or z, or boxes of
    :data:`SLANT_PIECES` stretches when slanted."""
    start, end = np.broadcast_arrays(start, end)
    axis = end - start
    across = np.abs(axis[:, [0, 2]]).max(-1)
    if np.all(across == 0):                           # along y: a disc
        ylo, yhi = np.minimum(start[:, 1], end[:, 1]), np.maximum(start[:, 1], end[:, 1])
        y = np.stack([ylo, yhi], -1)
        centre = start[:, [0, 2]]
        slabs = [Slab(None, centre, np.broadcast_to(r, ylo.shape).copy(), y)]
        if np.any(ri > 0):
            slabs.append(Slab(None, centre, np.broadcast_to(ri, ylo.shape).copy(), y, True,
                              open_axis=1))
        return slabs, []
    if np.all((np.abs(axis) > 0).sum(-1) <= 1):       # along x or z: its box is close
        return [], [(lo, hi)]
    return [], _stretches(start, end, np.broadcast_to(r, start.shape[:1]))


def _stretches(start: np.ndarray, end: np.ndarray, r: np.ndarray
               ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Exact boxes of :data:`SLANT_PIECES` equal stretches of a straight tube."""
    axis = end - start
    length = np.sqrt((axis * axis).sum(-1, keepdims=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(length > 0, axis / length, 0.0)
    grow = r[:, None] * np.sqrt(d[:, [1, 0, 0]] ** 2 + d[:, [2, 2, 1]] ** 2)
    out = []
    for i in range(SLANT_PIECES):
        a = start + axis * (i / SLANT_PIECES)
        b = start + axis * ((i + 1) / SLANT_PIECES)
        out.append((np.minimum(a, b) - grow, np.maximum(a, b) + grow))
    return out


def _prism(shape: Prism) -> tuple[list[Slab], list[tuple[np.ndarray, np.ndarray]]]:
    profile = shape.profile if shape.profile.ndim == 3 else shape.profile[None]
    lo, hi = (np.atleast_1d(np.asarray(e, dtype=float)) for e in shape.extent)
    wall = _flat(shape.wall)
    k = max(profile.shape[0], lo.shape[0], hi.shape[0], wall.shape[0])
    profile = np.broadcast_to(profile, (k,) + profile.shape[1:])
    lo, hi = np.broadcast_to(lo, (k,)), np.broadcast_to(hi, (k,))
    wall = np.broadcast_to(wall, (k,))
    if shape.plane != "xz":
        return [], _strip_boxes(profile[..., 0], profile[..., 1], lo, hi, PLANES[shape.plane])
    slabs = [Slab(profile, None, None, np.stack([lo, hi], -1))]
    if np.any(wall > 0):
        u, v = profile[..., 0], profile[..., 1]
        iu, iv, _ = offset_inward(u, v, wall)
        inner = np.stack([iu, iv], -1)
        hollow = wall > 0
        # A solid design in a batch of shells: a void of no size.
        inner = np.where(hollow[:, None, None], inner, profile.mean(1, keepdims=True))
        slabs.append(Slab(inner, None, None, np.stack([lo + wall, hi - wall], -1), True))
    return slabs, []


def _slab_strips(slab: Slab) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`_strip_boxes` of a polygon slab (its region in (x, z), extruded along y)."""
    pts = slab.points
    return _strip_boxes(pts[..., 0], pts[..., 1], slab.y[:, 0], slab.y[:, 1], PLANES["xz"])


def _strip_boxes(u: np.ndarray, v: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                 axes: tuple[int, int, int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Boxes (k, 3) pairs that cover a polygon (k, V) ``u``, ``v`` extruded over ``lo`` …
    ``hi`` (k,), the profile's coordinates and the extrusion along the frame's ``axes``: one
    box if the profile is an axis-aligned rectangle in every design, else strips across u or
    across v (see :func:`_strips`), whichever covers the smaller area in each design."""
    u, v = np.broadcast_arrays(u, v)
    k = max(u.shape[0], len(lo), len(hi))
    ulo, uhi, vlo, vhi = u.min(-1), u.max(-1), v.min(-1), v.max(-1)
    corner = (((u == ulo[:, None]) | (u == uhi[:, None]))
              & ((v == vlo[:, None]) | (v == vhi[:, None])))
    along = (u == np.roll(u, -1, -1)) | (v == np.roll(v, -1, -1))
    if np.all(corner & along):           # a rectangle: its box is exact
        return _frame_boxes(ulo[:, None], uhi[:, None], vlo[:, None], vhi[:, None], lo, hi,
                            axes, k)
    a_u, b_u, v0, v1 = _strips(u, v, ulo, uhi)
    a_v, b_v, u0, u1 = _strips(v, u, vlo, vhi)
    along_v = (((b_v - a_v) * (u1 - u0)).sum(-1) < ((b_u - a_u) * (v1 - v0)).sum(-1))[:, None]
    box_u0, box_u1 = np.where(along_v, u0, a_u), np.where(along_v, u1, b_u)
    box_v0, box_v1 = np.where(along_v, a_v, v0), np.where(along_v, b_v, v1)
    # A strip of no width in every design (at a vertex repeated along the cut axis) lies in
    # its neighbours' boxes: left out.
    keep = ~np.all(np.where(along_v, b_v == a_v, b_u == a_u), axis=0)
    return _frame_boxes(box_u0[:, keep], box_u1[:, keep], box_v0[:, keep], box_v1[:, keep],
                        lo, hi, axes, k)


def _strips(u: np.ndarray, v: np.ndarray, ulo: np.ndarray, uhi: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The polygon (k, V) ``u``, ``v`` cut across u (``ulo`` … ``uhi``, (k,)) into
    :data:`PROFILE_STRIPS` equal strips, each cut again at the vertices within it: (k, S)
    each strip's u bounds and the polygon's v range in it (S = V + PROFILE_STRIPS − 2).

    A strip of a polygon is bounded by the pieces of its edges within the strip and by the
    cut lines, whose ends lie on those pieces: its v range is that of the edges' pieces'
    ends. With no vertex inside it, it is a stack of trapezoids."""
    n = PROFILE_STRIPS
    even = ulo[:, None] + (uhi - ulo)[:, None] * (np.arange(1, n) / n)
    cuts = np.sort(np.concatenate([u, even], axis=-1), axis=-1)     # ulo … uhi
    a, b = cuts[:, :-1, None], cuts[:, 1:, None]                      # (k, S, 1)
    u0, v0 = u[:, None, :], v[:, None, :]                             # (k, 1, V)
    u1, v1 = np.roll(u, -1, -1)[:, None, :], np.roll(v, -1, -1)[:, None, :]
    emin, emax = np.minimum(u0, u1), np.maximum(u0, u1)
    # The strip's part is the closure of the polygon within a < u < b (a point on a cut
    # line is the limit of points on one side of it, so that side's strip holds it): the
    # edges that reach inside.
    hit = (emax > a) & (emin < b)
    du = u1 - u0
    slope = np.divide(v1 - v0, du, out=np.zeros_like(du), where=du != 0)

    def at(x: np.ndarray) -> np.ndarray:   # v on the edge at u = x (exact at its ends)
        return np.where(x == u0, v0, np.where(x == u1, v1, v0 + (x - u0) * slope))

    p, q = at(np.maximum(emin, a)), at(np.minimum(emax, b))
    q = np.where(du == 0, v1, q)           # an edge across u: both its ends
    low = np.where(hit, np.minimum(p, q), np.inf).min(-1)
    high = np.where(hit, np.maximum(p, q), -np.inf).max(-1)
    a, b = cuts[:, :-1], cuts[:, 1:]
    # A strip of no width (a vertex on a cut) holds nothing of its own: a point of the
    # polygon (its first vertex), which other strips hold, so it changes no figure.
    empty = ~np.isfinite(low) | ~np.isfinite(high)
    if np.any(empty):
        a, b = np.where(empty, u[:, :1], a), np.where(empty, u[:, :1], b)
        low, high = np.where(empty, v[:, :1], low), np.where(empty, v[:, :1], high)
    return a, b, low, high


def _frame_boxes(u0: np.ndarray, u1: np.ndarray, v0: np.ndarray, v1: np.ndarray,
               lo: np.ndarray, hi: np.ndarray, axes: tuple[int, int, int], k: int
               ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Boxes (k, 3) pairs from (k, S) profile bounds and the (k,) extrusion, in the frame
    whose axes ``axes`` the profile's u, v and the extrusion lie along."""
    ia, ib, ic = axes
    out = []
    for j in range(u0.shape[1]):
        blo, bhi = np.empty((k, 3)), np.empty((k, 3))
        blo[:, ia], blo[:, ib], blo[:, ic] = u0[:, j], v0[:, j], lo
        bhi[:, ia], bhi[:, ib], bhi[:, ic] = u1[:, j], v1[:, j], hi
        out.append((blo, bhi))
    return out


def _revolution(shape: Revolution) -> tuple[list[Slab], list[tuple[np.ndarray, np.ndarray]]]:
    profile = shape.profile if shape.profile.ndim == 3 else shape.profile[None]
    r, a = profile[..., 0], profile[..., 1]
    if shape.axis != "y":
        props = shape.properties()
        return [], [(_rows(props.bbox_min_mm), _rows(props.bbox_max_mm))]
    centre = np.zeros((profile.shape[0], 2))
    y = np.stack([a.min(-1), a.max(-1)], -1)
    slabs = [Slab(None, centre, r.max(-1), y)]
    bore = r.min(-1)
    if np.any(bore > 0):
        slabs.append(Slab(None, centre, bore, y, True, open_axis=1))
    return slabs, []


def _tube_path(shape: TubePath) -> tuple[list[Slab], list[tuple[np.ndarray, np.ndarray]]]:
    pc = shape.pieces()
    points = shape._arrays()[0]
    points = points if points.ndim == 3 else points[None]
    start = pc.start if pc.start.ndim == 3 else pc.start[None]
    end = pc.end if pc.end.ndim == 3 else pc.end[None]
    r = _flat(0.5 * np.asarray(shape.outer_diameter, dtype=float))
    r = np.broadcast_to(r, (start.shape[0],))
    slabs: list[Slab] = []
    boxes: list[tuple[np.ndarray, np.ndarray]] = []
    for s in range(start.shape[1]):
        a, b = start[:, s], end[:, s]
        if np.all(a == b):
            continue
        axis = b - a
        grow = r[:, None] * np.sqrt(np.maximum(1.0 - (axis / np.maximum(
            np.sqrt((axis * axis).sum(-1, keepdims=True)), 1e-300)) ** 2, 0.0))
        piece_slabs, piece_boxes = _rod(a, b, r, np.zeros_like(r),
                                        np.minimum(a, b) - grow, np.maximum(a, b) + grow)
        slabs += piece_slabs
        boxes += piece_boxes
    # A bend lies in the triangle of its ends and the corner it rounds.
    for j in range(start.shape[1] - 1):
        corner = points[:, j + 1]
        tri = np.stack([end[:, j], corner, start[:, j + 1]], axis=1)
        boxes.append((tri.min(1) - r[:, None], tri.max(1) + r[:, None]))
    return slabs, boxes


# ---- placing ----------------------------------------------------------------------------------
def _place_slab(slab: Slab, rot: np.ndarray, t: np.ndarray) -> Slab:
    """A slab moved by a rotation that keeps the y axis (up to sign) and a translation."""
    m = rot[np.ix_([0, 2], [0, 2])].astype(float)
    txz = t[:, [0, 2]]
    sy = float(rot[1, 1])
    y = slab.y * sy + t[:, 1:2]
    y = np.sort(y, axis=-1) if sy < 0 else y
    if slab.points is None:
        return Slab(None, slab.centre @ m.T + txz, slab.radius, y, slab.void,
                    open_axis=slab.open_axis)
    pts = slab.points @ m.T + txz[:, None, :]
    if slab.box:
        lo, hi = pts.min(1), pts.max(1)
        return _opened(box_slab(np.stack([lo[:, 0], y[:, 0], lo[:, 1]], -1),
                             np.stack([hi[:, 0], y[:, 1], hi[:, 1]], -1), slab.void),
                       slab.open_axis, rot)
    return Slab(pts, None, None, y, slab.void)


def _place_box(lo: np.ndarray, hi: np.ndarray, rot: np.ndarray, t: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Box corners (k, 3) moved by a quarter-turn rotation and a translation."""
    perm = np.abs(rot).argmax(1)
    sign = rot[np.arange(3), perm]
    lo, hi = lo[:, perm], hi[:, perm]
    new_lo = np.where(sign > 0, lo, -hi) + t
    new_hi = np.where(sign > 0, hi, -lo) + t
    return new_lo, new_hi

