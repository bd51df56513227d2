"""Placing the parts most concepts share: wheels, frame rails, seats, occupants, payload.

Every helper takes scalars or (N,) arrays and returns :class:`Component` records; positions are
in mm, vehicle axes (x forward, y left, z up; origin on the ground below the front axle centre).
"""

from __future__ import annotations

from typing import Any

from keidesign.layout.component import Colour, Component
from keidesign.layout.shapes import Box, Cylinder
from keidesign.units import INCH_MM, OCCUPANT_MASS_KG

__all__ = ["COLOURS", "DENSITY_KG_M3", "tyre_radius_mm", "span", "outboard", "box", "wheels",
           "frame_rails", "seat", "occupant", "payload"]

#: Display colours by role, (r, g, b) 0–1.
COLOURS: dict[str, Colour] = {
    "body": (0.93, 0.93, 0.92),
    "body_accent": (0.85, 0.10, 0.12),
    "glass": (0.35, 0.45, 0.55),
    "frame": (0.20, 0.20, 0.22),
    "chassis": (0.35, 0.35, 0.38),
    "tyre": (0.08, 0.08, 0.08),
    "engine": (0.55, 0.57, 0.60),
    "transmission": (0.45, 0.47, 0.50),
    "exhaust": (0.60, 0.45, 0.30),
    "fuel": (0.15, 0.40, 0.15),
    "battery": (0.10, 0.20, 0.60),
    "radiator": (0.30, 0.30, 0.30),
    "seat": (0.10, 0.10, 0.12),
    "occupant": (0.95, 0.70, 0.50),
    "payload": (0.70, 0.55, 0.30),
    "cage": (0.12, 0.12, 0.12),
    "bed": (0.80, 0.80, 0.80),
}

#: Material densities, kg/m³.
DENSITY_KG_M3: dict[str, float] = {"steel": 7850.0, "aluminium": 2700.0, "carbon": 1600.0}


def tyre_radius_mm(width_mm: Any, aspect_pct: Any, rim_in: Any) -> Any:
    """Unloaded tyre radius from its size code (145/80R12 → 268.4 mm)."""
    return 0.5 * rim_in * INCH_MM + width_mm * aspect_pct / 100.0


def span(centre: Any, width: Any) -> tuple[Any, Any]:
    """The extent ``(lo, hi)`` of a part ``width`` wide centred on ``centre``, mm."""
    return (centre - 0.5 * width, centre + 0.5 * width)


def outboard(sign: float, inner: Any, thickness: Any) -> tuple[Any, Any]:
    """The y extent of a part ``thickness`` wide just outboard of ``±inner`` on the left
    (``sign`` = 1) or right (``sign`` = −1) side, mm."""
    return (inner, inner + thickness) if sign > 0 else (-inner - thickness, -inner)


def box(name: str, category: str, colour: str, x: tuple[Any, Any], y: tuple[Any, Any],
        z: tuple[Any, Any], *, mass_kg: Any = None, density: str | None = None, wall: Any = 0.0,
        hollow_axis: str = "x", load: str = "vehicle", in_envelope: bool = True) -> Component:
    """A box component given by its extent on each axis: ``x=(x_min, x_max)`` etc., mm."""
    shape = Box(centre=(0.5 * (x[0] + x[1]), 0.5 * (y[0] + y[1]), 0.5 * (z[0] + z[1])),
                size=(x[1] - x[0], y[1] - y[0], z[1] - z[0]), wall=wall,
                hollow_axis=hollow_axis)  # type: ignore[arg-type]
    return Component(name=name, category=category, shape=shape, colour=COLOURS[colour],
                     mass_kg=mass_kg,
                     density_kg_m3=None if density is None else DENSITY_KG_M3[density],
                     load=load, in_envelope=in_envelope)  # type: ignore[arg-type]


def wheels(*, wheelbase: Any, track_front: Any, track_rear: Any, radius_front: Any,
           radius_rear: Any, width_front: Any, width_rear: Any, mass_front_kg: Any,
           mass_rear_kg: Any) -> list[Component]:
    """Four wheels with tyres, standing on the ground (z = 0), axis along y."""
    out = []
    for axle, x, track, radius, width, mass_kg in (
            ("front", 0.0, track_front, radius_front, width_front, mass_front_kg),
            ("rear", -wheelbase, track_rear, radius_rear, width_rear, mass_rear_kg)):
        for side, sign in (("left", 1.0), ("right", -1.0)):
            y = sign * 0.5 * track
            out.append(Component(
                name=f"wheel_{axle}_{side}", category="wheel",
                shape=Cylinder(start=(x, y - 0.5 * width, radius),
                               end=(x, y + 0.5 * width, radius), radius=radius),
                colour=COLOURS["tyre"], mass_kg=mass_kg))
    return out


def frame_rails(*, x_front: Any, x_rear: Any, spacing: Any, z_bottom: Any, width: Any,
                height: Any, wall: Any) -> list[Component]:
    """Two steel rectangular-tube frame rails along x, ``spacing`` apart centre to centre."""
    return [box(f"frame_rail_{side}", "frame", "frame", (x_rear, x_front),
                (sign * 0.5 * spacing - 0.5 * width, sign * 0.5 * spacing + 0.5 * width),
                (z_bottom, z_bottom + height), density="steel", wall=wall, hollow_axis="x")
            for side, sign in (("left", 1.0), ("right", -1.0))]


def seat(name: str, *, h_point: tuple[Any, Any, Any], mass_kg: Any,
         width: Any = 460.0) -> Component:
    """A seat as the box its cushion and back fill around the H-point (SAE J826)."""
    hx, hy, hz = h_point
    return box(name, "interior", "seat", (hx - 380.0, hx + 180.0),
               (hy - 0.5 * width, hy + 0.5 * width), (hz - 180.0, hz + 560.0), mass_kg=mass_kg)


def occupant(name: str, *, h_point: tuple[Any, Any, Any], load: str) -> Component:
    """A 55 kg occupant as a box whose centre sits 120 mm ahead of and 180 mm above the H-point
    (thighs forward, torso up), so the occupant's mass acts near a seated adult's centre."""
    hx, hy, hz = h_point
    return box(name, "occupant", "occupant", (hx - 120.0, hx + 360.0), (hy - 200.0, hy + 200.0),
               (hz - 170.0, hz + 530.0), mass_kg=OCCUPANT_MASS_KG, load=load,
               in_envelope=False)


def payload(*, x: tuple[Any, Any], half_width: Any, floor_z: Any, mass_kg: Any,
            depth: Any = 100.0) -> Component:
    """The rated payload spread evenly over a bed floor, as a uniform layer ``depth`` mm deep."""
    return box("payload", "payload", "payload", x, (-half_width, half_width),
               (floor_z, floor_z + depth), mass_kg=mass_kg, load="payload", in_envelope=False)
