"""One CadQuery solid per shape primitive, built from the same definition as its closed form.

Each solid is built in the shape's own frame, in millimetres (a component's placement moves it
into vehicle axes, as a location): a :class:`~keidesign.shapes.Box` becomes a box or a
rectangular tube; a :class:`~keidesign.shapes.Cylinder` a cylinder or round tube; a
:class:`~keidesign.shapes.Prism` the profile's face extruded, less the extruded inward offset
for a shell (the offset polygon is the one the closed form integrates); a
:class:`~keidesign.shapes.Revolution` the profile's face revolved a full turn; a
:class:`~keidesign.shapes.TubePath` its straight runs (extruded annuli) and bends (revolved
annuli) glued into one solid.

Every solid is checked before it is returned: the kernel's validity check passes and the volume
is positive. Whatever goes wrong is raised as :class:`~keidesign.errors.GeometryError` naming
the part.
"""

from __future__ import annotations

import math
from typing import Any

import cadquery as cq
import numpy as np
from OCP.BRepPrimAPI import BRepPrimAPI_MakePrism, BRepPrimAPI_MakeRevol
from OCP.gp import gp_Ax1, gp_Dir, gp_Pnt, gp_Vec

from keidesign.errors import GeometryError
from keidesign.shapes import AXES, PLANES, Box, Cylinder, Prism, Revolution, Shape, TubePath
from keidesign.shapes.polygon import crosses_itself, offset_inward, signed_area

__all__ = ["solid_for"]

# How far the cutting tool of a tube reaches past each open end, mm. The cut then has no
# coplanar faces at the ends (the case boolean operations handle least well); the result is the
# same tube.
_CUT_OVERSHOOT_MM = 1.0

# A tube path's straight run shorter than this is left out (see _tube_path), mm: a hundred times
# the kernel's confusion distance, a hundredth of a micrometre.
_SHORTEST_RUN_MM = 1e-5


def solid_for(shape: Shape, *, name: str | None = None) -> cq.Solid:
    """The CadQuery solid of one primitive of one design, in the shape's own frame.

    Args:
        shape: a primitive with one design's values, mm.
        name: the component's name, carried by any error.

    Returns:
        A valid solid with positive volume, mm.

    Raises:
        GeometryError: the shape is degenerate (no size, a wall that fills the section, a bend
            that does not fit …), not a known primitive, holds several designs, or the kernel
            failed or produced an invalid solid.
    """
    builders = {Box: _box, Cylinder: _cylinder, Prism: _prism, Revolution: _revolution,
                TubePath: _tube_path}
    builder = builders.get(type(shape))
    if builder is None:
        raise GeometryError(f"no solid for a {type(shape).__name__}; expected one of "
                            f"{', '.join(b.__name__ for b in builders)}", part=name)
    try:
        solid = builder(shape, name)
    except GeometryError:
        raise
    except Exception as err:  # OCCT raises Standard_Failure subclasses, CadQuery ValueError
        raise GeometryError(f"the CAD kernel failed to build the solid: "
                            f"{type(err).__name__}: {err}", part=name) from err
    _check(solid, name, validate=isinstance(shape, TubePath))
    return solid


def _scalar(value: Any, what: str, name: str | None) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as err:
        raise GeometryError(f"{what} must be one number (got {value!r:.200}); CAD builds one "
                            f"design at a time", part=name) from err
    if not math.isfinite(x):
        raise GeometryError(f"{what} must be finite (got {x!r})", part=name)
    return x


def _vector(values: Any, what: str, name: str | None) -> tuple[float, float, float]:
    x, y, z = (_scalar(v, f"{what}[{i}]", name) for i, v in enumerate(values))
    return x, y, z


def _points(points: np.ndarray, what: str, name: str | None) -> np.ndarray:
    if points.ndim != 2:
        raise GeometryError(f"{what} holds {points.shape[0]} designs; CAD builds one design at "
                            f"a time", part=name)
    if not np.isfinite(points).all():
        raise GeometryError(f"{what} must be finite", part=name)
    return points


def _box(shape: Box, name: str | None) -> cq.Solid:
    centre = _vector(shape.centre, "box centre", name)
    size = _vector(shape.size, "box size", name)
    wall = _scalar(shape.wall, "box wall", name)
    if min(size) <= 0:
        raise GeometryError(f"box size must be positive on every axis (got {size})", part=name)
    if wall < 0:
        raise GeometryError(f"box wall must be 0 or more (got {wall:g} mm)", part=name)
    outer = _axis_box(centre, size)
    if wall == 0:
        return outer
    k = AXES[shape.hollow_axis]
    inner_size = tuple(s + 2.0 * _CUT_OVERSHOOT_MM if i == k else s - 2.0 * wall
                       for i, s in enumerate(size))
    if min(inner_size) <= 0:
        raise GeometryError(f"box wall {wall:g} mm fills the {size} mm section; it must be "
                            f"under half of each side across {shape.hollow_axis!r}", part=name)
    return _single_solid(outer.cut(_axis_box(centre, inner_size)), name)


def _axis_box(centre: tuple[float, float, float],
              size: tuple[float, float, float]) -> cq.Solid:
    corner = cq.Vector(*(c - 0.5 * s for c, s in zip(centre, size)))
    return cq.Solid.makeBox(*size, pnt=corner)


def _cylinder(shape: Cylinder, name: str | None) -> cq.Solid:
    start = cq.Vector(*_vector(shape.start, "cylinder start", name))
    end = cq.Vector(*_vector(shape.end, "cylinder end", name))
    radius = _scalar(shape.radius, "cylinder radius", name)
    bore = _scalar(shape.inner_radius, "cylinder inner_radius", name)
    axis = end - start
    length = axis.Length
    if length <= 0:
        raise GeometryError(f"cylinder start and end coincide at {start.toTuple()}", part=name)
    if radius <= 0:
        raise GeometryError(f"cylinder radius must be positive (got {radius:g} mm)", part=name)
    if not 0 <= bore < radius:
        raise GeometryError(f"cylinder inner_radius must be 0 or more and less than the "
                            f"radius {radius:g} mm (got {bore:g} mm)", part=name)
    direction = axis.normalized()
    if bore == 0:
        return cq.Solid.makeCylinder(radius, length, pnt=start, dir=direction)
    # The annulus swept along the axis, as a tube path's runs are: no boolean cut, which for
    # an axis a hair off a principal one (components of 1e-200) silently left the bore out.
    face = _annulus(np.array(start.toTuple()), np.array(direction.toTuple()), radius, bore)
    return cq.Solid(BRepPrimAPI_MakePrism(face.wrapped, gp_Vec(*axis.toTuple())).Shape())


def _plane_points(uv: np.ndarray, w: float, plane: str) -> list[cq.Vector]:
    """Profile vertices (u, v) at normal position w → 3D points in the shape's frame."""
    a, b, c = PLANES[plane]
    out = []
    for u, v in uv:
        p = [0.0, 0.0, 0.0]
        p[a], p[b], p[c] = float(u), float(v), w
        out.append(cq.Vector(*p))
    return out


def _extrude(uv: np.ndarray, lo: float, hi: float, plane: str) -> cq.Solid:
    face = cq.Face.makeFromWires(cq.Wire.makePolygon(_plane_points(uv, lo, plane), close=True))
    direction = [0.0, 0.0, 0.0]
    direction[PLANES[plane][2]] = hi - lo
    return cq.Solid(BRepPrimAPI_MakePrism(face.wrapped, gp_Vec(*direction)).Shape())


def _prism(shape: Prism, name: str | None) -> cq.Solid:
    uv = _points(shape.profile, "prism profile", name)
    lo, hi = (_scalar(e, "prism extent", name) for e in shape.extent)
    wall = _scalar(shape.wall, "prism wall", name)
    if not hi > lo:
        raise GeometryError(f"prism extent must run upwards (got {lo:g} to {hi:g} mm)", part=name)
    if len(uv) < 3:
        raise GeometryError(f"a prism profile needs at least 3 vertices (got {len(uv)})",
                            part=name)
    if signed_area(uv[:, 0], uv[:, 1]) == 0:
        raise GeometryError("the prism profile encloses no area", part=name)
    _check_simple(uv, "prism", name)
    outer = _extrude(uv, lo, hi, shape.plane)
    if wall == 0:
        return outer
    centre = uv.mean(0)
    iu, iv, ok = offset_inward(uv[:, 0] - centre[0], uv[:, 1] - centre[1], np.asarray(wall))
    if wall < 0 or not ok or not hi - lo > 2.0 * wall:
        raise GeometryError(f"prism wall {wall:g} mm does not fit inside the profile and "
                            f"extent", part=name)
    inner = _extrude(np.stack([iu + centre[0], iv + centre[1]], axis=-1), lo + wall, hi - wall,
                     shape.plane)
    return _single_solid(outer.cut(inner), name)


def _revolution(shape: Revolution, name: str | None) -> cq.Solid:
    ra = _points(shape.profile, "revolution profile", name)
    if (ra[:, 0] < 0).any():
        raise GeometryError("a revolution profile must keep to one side of its axis (r ≥ 0)",
                            part=name)
    _check_simple(ra, "revolution", name)
    k = AXES[shape.axis]
    radial = (k + 1) % 3  # the profile lies in the half-plane of this axis
    points = []
    for r, a in ra:
        p = [0.0, 0.0, 0.0]
        p[radial], p[k] = float(r), float(a)
        points.append(cq.Vector(*p))
    face = cq.Face.makeFromWires(cq.Wire.makePolygon(points, close=True))
    direction = [0.0, 0.0, 0.0]
    direction[k] = 1.0
    axis = gp_Ax1(gp_Pnt(0.0, 0.0, 0.0), gp_Dir(*direction))
    return cq.Solid(BRepPrimAPI_MakeRevol(face.wrapped, axis, 2.0 * math.pi).Shape())


def _check_simple(profile: np.ndarray, kind: str, name: str | None) -> None:
    """Refuse a profile that is not a simple polygon before the kernel sees it: the face of a
    polygon that crosses or touches itself makes an invalid solid, which the kernel builds
    without complaint (and which is not checked after: see :func:`_check`)."""
    centred = profile - profile.mean(0)
    if crosses_itself(centred[:, 0], centred[:, 1]):
        raise GeometryError(f"the {kind} profile crosses itself: two of its edges cross or "
                            f"touch; it must be a simple polygon", part=name)


def _annulus(centre: np.ndarray, normal: np.ndarray, radius: float, bore: float) -> cq.Face:
    c, n = cq.Vector(*centre), cq.Vector(*normal)
    outer = cq.Wire.makeCircle(radius, c, n)
    inner = [cq.Wire.makeCircle(bore, c, n)] if bore > 0 else []
    return cq.Face.makeFromWires(outer, inner)


def _tube_path(shape: TubePath, name: str | None) -> cq.Solid:
    _points(shape.points, "tube path points", name)
    r = 0.5 * _scalar(shape.outer_diameter, "tube outer_diameter", name)
    wall = _scalar(shape.wall, "tube wall", name)
    if not (r > 0 and 0 <= wall < r):
        raise GeometryError(f"a tube needs a positive diameter and a wall under its radius "
                            f"(got diameter {2 * r:g} mm, wall {wall:g} mm)", part=name)
    pieces = shape.pieces()
    if not bool(pieces.ok):
        raise GeometryError("the tube path does not fit its bends: each corner needs a bend "
                            "radius over the tube's radius and room for its bend on both "
                            "neighbouring runs", part=name)
    bore = r - wall if wall > 0 else 0.0
    # Bends that meet back to back (or all but meet) leave a run of rounding noise, or of a
    # fraction of a micrometre, between them: too short for the kernel to sweep or to glue.
    # Such a run is left out and every later piece moved back by it, so the pieces still meet
    # face to face; the tube's end moves by no more than the runs left out.
    shift = np.zeros(3)
    solids: list[cq.Shape] = []
    for s in range(len(pieces.run)):
        if pieces.run[s] > _SHORTEST_RUN_MM:
            face = _annulus(pieces.start[s] + shift, pieces.direction[s], r, bore)
            vec = gp_Vec(*(pieces.end[s] - pieces.start[s]))
            solids.append(cq.Solid(BRepPrimAPI_MakePrism(face.wrapped, vec).Shape()))
        else:
            shift = shift - (pieces.end[s] - pieces.start[s])
        if s < len(pieces.angle) and pieces.angle[s] > 0:
            face = _annulus(pieces.end[s] + shift, pieces.direction[s], r, bore)
            axis = gp_Ax1(gp_Pnt(*(pieces.centre[s] + shift)), gp_Dir(*pieces.axis[s]))
            solids.append(cq.Solid(BRepPrimAPI_MakeRevol(face.wrapped, axis,
                                                         float(pieces.angle[s])).Shape()))
    if len(solids) == 1:
        return solids[0]
    # The pieces meet face to face: the glue option fuses them without intersecting surfaces.
    return _single_solid(solids[0].fuse(*solids[1:], glue=True).clean(), name)


def _single_solid(result: cq.Shape, name: str | None) -> cq.Solid:
    """The one solid of a boolean result (OCCT wraps it in a compound), checked valid."""
    solids = result.Solids()
    if len(solids) == 1 and not solids[0].isValid():
        raise GeometryError("the CAD kernel produced an invalid solid", part=name)
    if len(solids) != 1:
        raise GeometryError(f"the boolean gave {len(solids)} solids instead of one", part=name)
    return solids[0]


def _check(solid: cq.Shape, name: str | None, *, validate: bool) -> None:
    """Positive volume always; the kernel's validity check (a tenth of a concept's build)
    where construction can go wrong: booleans (checked in :func:`_single_solid`) and swept
    tube pieces. The other solids are valid by construction, since their inputs are checked
    first: a box or a cylinder of finite, positive sizes is one of the kernel's primitives; an
    annulus of a bore under the radius swept along a straight axis is a tube; and a face made
    from a simple polygon (finite vertices, non-zero area, no two edges crossing or touching:
    :func:`_check_simple`), extruded along its plane's normal or revolved about an axis in its
    plane that it keeps to one side of, is a closed solid whose faces meet only along its
    edges. A polygon that crosses or touches itself is what made an invalid one."""
    if validate and not solid.isValid():
        raise GeometryError("the CAD kernel produced an invalid solid", part=name)
    volume = solid.Volume()
    if not volume > 0:
        raise GeometryError(f"the solid has no volume ({volume:g} mm³)", part=name)


