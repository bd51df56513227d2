"""A component: one placed part of a vehicle, what a packaging engineer places."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.material import Colour, Material
from keidesign.shapes import Placement, Shape, ShapeProperties
from keidesign.shapes.arrays import Scalar
from keidesign.units import MM3_TO_M3

__all__ = ["Component", "LoadGroup", "LOAD_GROUPS", "ROAD_TYRES", "ROAD_WHEEL_PARTS", "pair"]

#: Which load case first includes a component: the vehicle itself (kerb: full fuel and fluids,
#: no occupants), the driver, the other occupants, the payload.
LoadGroup = Literal["vehicle", "driver", "passenger", "payload"]
LOAD_GROUPS: tuple[LoadGroup, ...] = ("vehicle", "driver", "passenger", "payload")

#: The road tyres, by name, as :func:`keidesign.parts.wheels.wheel` names them (a spare is not
#: one): what the turning circle, the clash check's tyre envelope and the ground geometry read.
ROAD_TYRES: tuple[str, ...] = ("tyre_front_left", "tyre_front_right", "tyre_rear_left",
                               "tyre_rear_right")
#: Every part of the road wheels: tyre, rim and hub at each corner.
ROAD_WHEEL_PARTS: frozenset[str] = frozenset(
    name.replace("tyre", part, 1) for name in ROAD_TYRES for part in ("tyre", "rim", "hub"))


@dataclass(frozen=True, slots=True)
class Component:
    """One part of a vehicle: a shape in its own frame, placed, with a material and a mass.

    Attributes:
        name: unique name within the vehicle (``"wheel_front_left"``); it names the part in STEP,
            GLB and reports.
        category: what kind of part it is (``"frame"``, ``"wheel"``, ``"powertrain"`` …), for
            grouping in reports and sweeps.
        shape: the part's shape in its own frame (see :mod:`keidesign.shapes`), mm.
        material: what it is made of; gives its density and default colour.
        placement: where its frame sits in vehicle axes (x forward, y left, z up; origin on the
            ground below the front axle centre).
        mass_kg: explicit mass, kg (a float or (N,) array); ``None`` to take the material's
            density × the shape's volume.
        colour: display colour, (r, g, b) 0–1; the material's colour when not given.
        load: the load group that brings the component (see :data:`LOAD_GROUPS`).
        in_envelope: whether it counts toward the regulated envelope (door mirrors, occupants
            and payload do not).
        touches: the parts it may overlap, as names or categories (``fnmatch`` patterns): a
            seat on its floor, a rim in its tyre, glass in its frame. A pair is allowed when
            either part names the other; every other overlap is a clash (see
            :mod:`keidesign.analysis.clashes`).
        sprung: whether the suspension carries it (``False`` for wheels, hubs and beam
            axles: they keep their height as the load changes; see
            :mod:`keidesign.analysis.ground`).

    Raises:
        ParameterError: ``load`` is not one of :data:`LOAD_GROUPS`.
    """

    name: str
    category: str
    shape: Shape
    material: Material
    placement: Placement = Placement()
    mass_kg: Any = None
    colour: Colour | None = None
    load: LoadGroup = "vehicle"
    in_envelope: bool = True
    touches: tuple[str, ...] = ()
    sprung: bool = True

    def __post_init__(self) -> None:
        if self.colour is None:
            object.__setattr__(self, "colour", self.material.colour)
        if isinstance(self.touches, str) or not all(isinstance(t, str) for t in self.touches):
            raise ParameterError(f"component {self.name!r:.200}: 'touches' must be a tuple of "
                                 f"names or categories (got {self.touches!r:.200})",
                                 name="touches", value=self.touches)
        object.__setattr__(self, "touches", tuple(self.touches))
        if not (isinstance(self.load, str) and self.load in LOAD_GROUPS):
            raise ParameterError(f"component {self.name!r:.200}: 'load' must be one of "
                                 f"{', '.join(map(repr, LOAD_GROUPS))} (got {self.load!r:.200})",
                                 name="load", value=self.load)

    def properties(self) -> ShapeProperties:
        """The shape's closed-form properties in vehicle axes (see
        :class:`~keidesign.shapes.ShapeProperties`)."""
        return self.placement.apply(self.shape.properties())

    def mass(self, volume_mm3: Scalar | None = None) -> Scalar:
        """The component's mass, kg: explicit, or density × volume (mm³, the shape's own if
        not given)."""
        if self.mass_kg is not None:
            return self.mass_kg
        if volume_mm3 is None:
            volume_mm3 = self.shape.properties().volume_mm3
        return self.material.density_kg_m3 * np.asarray(volume_mm3) * MM3_TO_M3

    def replace(self, **changes: Any) -> Component:
        """A copy with some fields changed (``dataclasses.replace``)."""
        return _replace(self, **changes)

    def touching(self, *patterns: str) -> Component:
        """The same part, also allowed to overlap the parts ``patterns`` name (names or
        categories, ``fnmatch`` rules)."""
        return _replace(self, touches=self.touches + tuple(patterns))

    def moved(self, dx: Scalar = 0.0, dy: Scalar = 0.0, dz: Scalar = 0.0) -> Component:
        """The same part moved by (dx, dy, dz) in vehicle axes, mm."""
        return _replace(self, placement=self.placement.moved(dx, dy, dz))

    def placed(self, placement: Placement) -> Component:
        """The same part, its current placement followed by ``placement`` (for moving a whole
        sub-assembly)."""
        return _replace(self, placement=self.placement.then(placement))

    def mirrored(self, name: str | None = None) -> Component:
        """The mirror image of the part in the vehicle's centre plane (y = 0).

        The shape is mirrored in its own frame and the placement conjugated (see
        :meth:`~keidesign.shapes.Placement.mirrored`), so a mirror-symmetric part shares its
        CAD solid with its mirror image, and a handed one (a C-section rail opening inwards)
        becomes its opposite hand.
        """
        return _replace(self, name=self.name if name is None else name,
                                   shape=self.shape.mirror_y(),
                                   placement=self.placement.mirrored())


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The fields a component class takes when built, in order."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def _replace(component: Component, **changes: Any) -> Component:
    """``dataclasses.replace`` without its per-call look-up of the fields (concepts copy
    components by the dozen for every batch): validated again by ``__post_init__``."""
    values = {name: getattr(component, name) for name in _field_names(type(component))}
    values.update(changes)
    return type(component)(**values)


def pair(component: Component) -> list[Component]:
    """A left/right pair declared once.

    Args:
        component: the left-hand part (y > 0), its name holding ``"{side}"``
            (``"seat_{side}"``); a ``"{side}"`` in its ``touches`` is filled in too.

    Returns:
        ``[left, right]``: the part named with ``"left"`` and its mirror image in y = 0 named
        with ``"right"``.

    Raises:
        ParameterError: the name has no ``"{side}"``.
    """
    if not isinstance(component.name, str) or "{side}" not in component.name:
        raise ParameterError(f"a pair's 'name' needs '{{side}}', where 'left' and 'right' go "
                             f"(got {component.name!r:.200})", name="name", value=component.name)
    def sided(side: str) -> tuple[str, ...]:
        return tuple(t.replace("{side}", side) for t in component.touches)

    left = _replace(component, name=component.name.replace("{side}", "left"),
                               touches=sided("left"))
    right = left.mirrored(component.name.replace("{side}", "right"))
    return [left, _replace(right, touches=sided("right"))]
