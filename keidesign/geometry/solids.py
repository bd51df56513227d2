"""One CadQuery solid per layout primitive.

A :class:`~keidesign.layout.shapes.Box` becomes a box, or a rectangular tube (the outer box cut
by an inner box that runs right through along ``hollow_axis``); a
:class:`~keidesign.layout.shapes.Cylinder` becomes a cylinder or a round tube along its own,
arbitrary axis. Coordinates are millimetres in vehicle axes (x forward, y left, z up), so each
solid sits where the layout placed it and no locations are needed.

Every solid is checked before it is returned: the kernel's validity check passes and the volume
is positive. Whatever goes wrong is raised as :class:`~keidesign.errors.GeometryError` naming
the part.
"""

from __future__ import annotations

import math
from typing import Any

import cadquery as cq

from keidesign.errors import GeometryError
from keidesign.layout.shapes import AXES, Box, Cylinder, Shape

__all__ = ["solid_for"]

# How far the cutting tool of a tube reaches past each open end, mm. The cut then has no
# coplanar faces at the ends (the case boolean operations handle least well); the result is the
# same tube.
_CUT_OVERSHOOT_MM = 1.0


def solid_for(shape: Shape, *, name: str | None = None) -> cq.Solid:
    """The CadQuery solid of one primitive, in place.

    Args:
        shape: a :class:`~keidesign.layout.shapes.Box` or
            :class:`~keidesign.layout.shapes.Cylinder` with scalar fields (one design), mm,
            vehicle axes.
        name: the component's name, carried by any error.

    Returns:
        A valid solid with positive volume, mm.

    Raises:
        GeometryError: the shape is degenerate (no size, a wall that fills the section, a
            zero-length cylinder …), not a known primitive, or the kernel failed or produced an
            invalid solid.
    """
    try:
        if isinstance(shape, Box):
            solid = _box(shape, name)
        elif isinstance(shape, Cylinder):
            solid = _cylinder(shape, name)
        else:
            raise GeometryError(f"no solid for a {type(shape).__name__}; expected a Box or a "
                                f"Cylinder", part=name)
    except GeometryError:
        raise
    except Exception as err:  # OCCT raises Standard_Failure subclasses, CadQuery ValueError
        raise GeometryError(f"the CAD kernel failed to build the solid: "
                            f"{type(err).__name__}: {err}", part=name) from err
    _check(solid, name)
    return solid


def _scalar(value: Any, what: str, name: str | None) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as err:
        raise GeometryError(f"{what} must be one number (got {value!r}); CAD builds one design "
                            f"at a time", part=name) from err
    if not math.isfinite(x):
        raise GeometryError(f"{what} must be finite (got {x!r})", part=name)
    return x


def _vector(values: Any, what: str, name: str | None) -> tuple[float, float, float]:
    x, y, z = (_scalar(v, f"{what}[{i}]", name) for i, v in enumerate(values))
    return x, y, z


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
    outer = cq.Solid.makeCylinder(radius, length, pnt=start, dir=direction)
    if bore == 0:
        return outer
    tool = cq.Solid.makeCylinder(bore, length + 2.0 * _CUT_OVERSHOOT_MM,
                                 pnt=start - direction * _CUT_OVERSHOOT_MM, dir=direction)
    return _single_solid(outer.cut(tool), name)


def _single_solid(result: cq.Shape, name: str | None) -> cq.Solid:
    """The one solid of a boolean result (OCCT wraps it in a compound)."""
    solids = result.Solids()
    if len(solids) != 1:
        raise GeometryError(f"the cut gave {len(solids)} solids instead of one", part=name)
    return solids[0]


def _check(solid: cq.Solid, name: str | None) -> None:
    if not solid.isValid():
        raise GeometryError("the CAD kernel produced an invalid solid", part=name)
    volume = solid.Volume()
    if not volume > 0:
        raise GeometryError(f"the solid has no volume ({volume:g} mm³)", part=name)
