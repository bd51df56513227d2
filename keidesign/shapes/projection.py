"""A placed shape's outline seen along a vehicle axis: the region it covers in a drawing's view.

Orthographic projection along a principal axis, in closed form from each shape's definition
(the same definition the mass properties and the CAD solid come from):

- :class:`~keidesign.shapes.Box`: a rectangle; a rectangular tube seen along its bore, a
  rectangle with the bore as a hole;
- :class:`~keidesign.shapes.Prism`: seen along its extrusion, its profile (a shell's ends are
  closed, so its profile is solid); seen across it, the rectangle of the profile's extent along
  the other axis by the extrusion's extent (exact: a polygon's shadow on a line is an interval);
- :class:`~keidesign.shapes.Revolution`: seen along its axis, the annulus between the
  profile's least and greatest radius; seen across it, the profile's upper envelope (the
  greatest radius at each axial position, piecewise linear between the vertices of a simple
  polygon) mirrored about the axis;
- :class:`~keidesign.shapes.Cylinder`: the convex hull of its two end circles (a disc with its
  bore as a hole when seen along the axis);
- :class:`~keidesign.shapes.TubePath`: the union of its straight runs and bends, each bend cut
  into straight stretches of at most :data:`BEND_STEP_DEG` (the chord error of a 100 mm bend
  radius is 0.1 mm).

Circles are polygons of :data:`CIRCLE_SEGMENTS` sides (a 300 mm radius is within 0.4 mm).
Outlines are :mod:`shapely` geometries in the view plane: along ``"y"`` (a side view) the
coordinates are (x, z), along ``"x"`` (y, z), along ``"z"`` (x, y); mm, vehicle axes. One design
only: a shape holding a batch of designs is refused.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import shapely

from keidesign.shapes.arrays import AXES, as_vector
from keidesign.shapes.box import Box
from keidesign.shapes.cylinder import Cylinder
from keidesign.shapes.placement import IDENTITY, Placement
from keidesign.shapes.prism import PLANES, Prism
from keidesign.shapes.revolution import Revolution
from keidesign.shapes.tube_path import TubePath

__all__ = ["BEND_STEP_DEG", "CIRCLE_SEGMENTS", "VIEW_PLANES", "outline"]

#: Sides of the polygon standing for a circle.
CIRCLE_SEGMENTS = 96

#: Largest angle of a tube bend drawn as one straight stretch, degrees.
BEND_STEP_DEG = 10.0

#: Axis looked along → the two vehicle axes of the view plane, in order.
VIEW_PLANES: dict[str, tuple[int, int]] = {"x": (1, 2), "y": (0, 2), "z": (0, 1)}

_ANGLES = np.linspace(0.0, 2.0 * np.pi, CIRCLE_SEGMENTS, endpoint=False)


def outline(shape: object, placement: Placement = Placement(),
            along: Literal["x", "y", "z"] = "y") -> shapely.Geometry:
    """The region ``shape``, placed by ``placement``, covers seen along vehicle axis ``along``.

    Args:
        shape: a :class:`~keidesign.shapes.Shape` of one design.
        placement: where its frame sits in vehicle axes.
        along: the axis looked along: ``"y"`` side view, ``"x"`` front view, ``"z"`` plan.

    Returns:
        A (Multi)Polygon in the view plane's coordinates (see :data:`VIEW_PLANES`), mm.

    Raises:
        TypeError: ``shape`` is not a shape, or holds several designs.
    """
    d = AXES[along]
    rotation = np.asarray(placement.rotation)
    local = int(np.abs(rotation[d]).argmax())   # the shape's own axis that lies along ``along``
    if isinstance(shape, Box):
        rings = _box(shape, local)
    elif isinstance(shape, Prism):
        rings = _prism(shape, local)
    elif isinstance(shape, Revolution):
        rings = _revolution(shape, local)
    elif isinstance(shape, Cylinder):
        return _hulls(_cylinder_ends(shape), placement, d)
    elif isinstance(shape, TubePath):
        stretches = _tube_ends(shape)
        return _hulls(stretches, placement, d, joints=[end for _, end, _, _ in stretches[:-1]],
                      joint_radius=stretches[0][2])
    else:
        raise TypeError(f"no outline for {type(shape).__name__}")
    return _polygon(rings, placement, d)


# ---- rings in the shape's own frame: (M, 3) points, the looked-along coordinate 0 -----------

def _plane(u: np.ndarray, v: np.ndarray, axes: tuple[int, int]) -> np.ndarray:
    pts = np.zeros((len(u), 3))
    pts[:, axes[0]], pts[:, axes[1]] = u, v
    return pts


def _rectangle(lo: np.ndarray, hi: np.ndarray, axes: tuple[int, int]) -> np.ndarray:
    a, b = axes
    return _plane(np.array([lo[a], hi[a], hi[a], lo[a]]), np.array([lo[b], lo[b], hi[b], hi[b]]),
                  axes)


def _others(k: int) -> tuple[int, int]:
    return tuple(i for i in range(3) if i != k)  # type: ignore[return-value]


def _box(box: Box, k: int) -> list[np.ndarray]:
    size, centre = _single(as_vector(box.size), 1), _single(as_vector(box.centre), 1)
    axes = _others(k)
    rings = [_rectangle(centre - size / 2, centre + size / 2, axes)]
    wall = float(box.wall)
    if wall > 0 and AXES[box.hollow_axis] == k:
        inner = size - 2.0 * wall
        rings.append(_rectangle(centre - inner / 2, centre + inner / 2, axes))
    return rings


def _prism(prism: Prism, k: int) -> list[np.ndarray]:
    profile = _single(prism.profile, 2)
    a, b, w = PLANES[prism.plane]
    if k == w:
        return [_plane(profile[:, 0], profile[:, 1], (a, b))]
    lo, hi = (float(e) for e in prism.extent)
    across = profile[:, 1] if k == a else profile[:, 0]      # the profile's other coordinate
    axis = b if k == a else a
    box_lo, box_hi = np.zeros(3), np.zeros(3)
    box_lo[axis], box_hi[axis] = across.min(), across.max()
    box_lo[w], box_hi[w] = lo, hi
    return [_rectangle(box_lo, box_hi, _others(k))]


def _revolution(rev: Revolution, k: int) -> list[np.ndarray]:
    profile = _single(rev.profile, 2)
    r, a = profile[:, 0], profile[:, 1]
    axis = AXES[rev.axis]
    if k == axis:
        u, v = _others(k)
        rings = [_plane(r.max() * np.cos(_ANGLES), r.max() * np.sin(_ANGLES), (u, v))]
        if r.min() > 0:
            rings.append(_plane(r.min() * np.cos(_ANGLES), r.min() * np.sin(_ANGLES), (u, v)))
        return rings
    across = next(i for i in range(3) if i not in (k, axis))
    pos, reach = _upper_envelope(r, a)
    ring = np.concatenate([np.stack([reach, pos], 1), np.stack([-reach, pos], 1)[::-1]])
    return [_plane(ring[:, 0], ring[:, 1], (across, axis))]


def _upper_envelope(r: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The greatest radius of a simple polygon at each axial position: (positions, radii),
    with a step (two points at one position) where the envelope jumps at a face across the
    axis. Edges of a simple polygon do not cross, so between consecutive vertex positions one
    edge is highest and the envelope is linear there."""
    knots = np.unique(a)
    a0, a1 = a, np.roll(a, -1)
    r0, r1 = r, np.roll(r, -1)
    pos, reach = [], []
    for lo, hi in zip(knots[:-1], knots[1:]):
        spans = (np.minimum(a0, a1) <= lo) & (np.maximum(a0, a1) >= hi) & (a0 != a1)
        t_lo = (lo - a0[spans]) / (a1[spans] - a0[spans])
        t_hi = (hi - a0[spans]) / (a1[spans] - a0[spans])
        pos += [lo, hi]
        reach += [float((r0[spans] + t_lo * (r1[spans] - r0[spans])).max()),
                  float((r0[spans] + t_hi * (r1[spans] - r0[spans])).max())]
    return np.array(pos), np.array(reach)


# ---- round tubes: the convex hulls of circle pairs -----------------------------------------

def _circle(centre: np.ndarray, direction: np.ndarray, radius: float) -> np.ndarray:
    """(CIRCLE_SEGMENTS, 3) points of the circle of ``radius`` about ``direction`` (unit)."""
    helper = np.eye(3)[int(np.abs(direction).argmin())]
    e1 = np.cross(direction, helper)
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(direction, e1)
    return centre + radius * (np.cos(_ANGLES)[:, None] * e1 + np.sin(_ANGLES)[:, None] * e2)


def _cylinder_ends(cyl: Cylinder) -> list[tuple[np.ndarray, np.ndarray, float, float]]:
    start, end = _single(as_vector(cyl.start), 1), _single(as_vector(cyl.end), 1)
    return [(start, end, float(cyl.radius), float(cyl.inner_radius))]


def _tube_ends(tube: TubePath) -> list[tuple[np.ndarray, np.ndarray, float, float]]:
    """The tube's centreline as straight stretches: its runs, and each bend cut into chords."""
    pieces = tube.pieces()
    if np.ndim(pieces.bend_radius) != 0:
        raise TypeError("a tube path of several designs has no outline")
    r = 0.5 * float(tube.outer_diameter)
    stretches = []
    for s in range(pieces.start.shape[0]):
        if pieces.run[s] > 0:
            stretches.append((pieces.start[s], pieces.end[s], r, 0.0))
        if s < pieces.angle.shape[0] and pieces.angle[s] > 0:
            n = max(1, int(np.ceil(np.degrees(pieces.angle[s]) / BEND_STEP_DEG)))
            phi = np.linspace(0.0, pieces.angle[s], n + 1)
            radial, axis = pieces.radial[s], pieces.axis[s]
            tangent = np.cross(axis, radial)
            arc = pieces.centre[s] + float(pieces.bend_radius) * (
                np.cos(phi)[:, None] * radial + np.sin(phi)[:, None] * tangent)
            stretches += [(p, q, r, 0.0) for p, q in zip(arc[:-1], arc[1:])]
    return stretches


def _hulls(stretches: list[tuple[np.ndarray, np.ndarray, float, float]],
           placement: Placement, d: int, joints: list[np.ndarray] = (),
           joint_radius: float = 0.0) -> shapely.Geometry:
    """The union of the shadows of straight round stretches (start, end, radius, bore) and of
    balls of ``joint_radius`` at ``joints``: where two stretches of a tube meet at an angle, the
    tube (every point within its radius of the centreline) holds the ball about the joint, whose
    shadow fills the wedge between the two stretches' shadows."""
    plane = list(VIEW_PLANES["xyz"[d]])
    circle = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], 1)
    hulls = [shapely.Polygon(placement.apply_points(j)[plane] + joint_radius * circle)
             for j in joints]
    for start, end, radius, bore in stretches:
        start, end = placement.apply_points(start), placement.apply_points(end)
        axis = end - start
        direction = axis / np.linalg.norm(axis)
        if abs(direction[d]) > 1.0 - 1e-12:   # seen along its axis: a disc (with its bore)
            centre = start[plane]
            ring = centre + radius * np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], 1)
            holes = [centre + bore * np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], 1)] \
                if bore > 0 else []
            hulls.append(shapely.Polygon(ring, holes))
            continue
        points = np.concatenate([_circle(start, direction, radius),
                                 _circle(end, direction, radius)])[:, plane]
        hulls.append(shapely.MultiPoint(points).convex_hull)
    return hulls[0] if len(hulls) == 1 else shapely.union_all(hulls)


# ---- into the view plane ---------------------------------------------------------------------

def _polygon(rings: list[np.ndarray], placement: Placement, d: int) -> shapely.Geometry:
    """Rings in the shape's frame (the first the outline, the rest holes) → a polygon in the
    view plane."""
    plane = list(VIEW_PLANES["xyz"[d]])
    placed = [placement.apply_points(ring)[:, plane] if placement.rotation != IDENTITY
              else (ring + as_vector(placement.translation))[:, plane] for ring in rings]
    polygon = shapely.Polygon(placed[0], placed[1:])
    return polygon if polygon.is_valid else shapely.make_valid(polygon)


def _single(values: np.ndarray, ndim: int) -> np.ndarray:
    """One design's array of ``ndim`` dimensions (a vector 1, points 2) from values that may
    carry a batch axis of length 1."""
    values = np.asarray(values, dtype=float)
    if values.ndim > ndim:
        if values.shape[0] != 1:
            raise TypeError("a shape of several designs has no outline")
        return values[0]
    return values
