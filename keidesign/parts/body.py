"""Body parts: the cab with its glass, the bed, bumpers and door mirrors."""

from __future__ import annotations

from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import Component, pair
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement, Prism
from keidesign.shapes.arrays import Scalar
from keidesign.units import MM3_TO_M3

__all__ = ["cab_profile", "roof_length", "cab", "bed", "bumper", "door_mirrors"]

_GLASS_MM = 5.0      # windscreen and side glass thickness
_PILLAR_MM = 70.0    # A-pillar and frame width around the glass
_CORNER_MM = 60.0    # roof edge chamfer


def cab_profile(*, front_x: Scalar, back_x: Scalar, floor_z: Scalar, belt_z: Scalar,
                roof_z: Scalar, rake_deg: Scalar,
                seat_box: tuple[Scalar, Scalar] | None = None) -> list[tuple[Scalar, Scalar]]:
    """A cab's side profile as (x, z) vertices, mm: a flat front up to the beltline, the
    windscreen raked back ``rake_deg`` from the vertical to the roof, a flat roof with
    chamfered edges, a vertical back wall; with ``seat_box`` = (x, z) the floor steps up at x
    to z behind it (the box over an engine under the seats)."""
    rake = np.tan(np.radians(rake_deg))
    ws_top_z = roof_z - _CORNER_MM
    ws_top_x = front_x - (ws_top_z - belt_z) * rake
    floor = [(back_x, floor_z)] if seat_box is None else [
        (back_x, seat_box[1]), (seat_box[0], seat_box[1]), (seat_box[0], floor_z)]
    return floor + [(front_x, floor_z), (front_x, belt_z), (ws_top_x, ws_top_z),
                    (ws_top_x - _CORNER_MM, roof_z), (back_x + _CORNER_MM, roof_z),
                    (back_x, roof_z - _CORNER_MM)]


def roof_length(length: Scalar, roof_z: Scalar, belt_z: Scalar, rake_deg: Scalar) -> Scalar:
    """The flat roof a cab of ``length`` keeps between its raked windscreen and its back wall,
    mm (the 60 mm chamfers at both roof edges of :func:`cab_profile` excluded)."""
    return length - (roof_z - _CORNER_MM - belt_z) * np.tan(np.radians(rake_deg)) \
        - 2.0 * _CORNER_MM


def cab(*, front_x: Scalar, back_x: Scalar, floor_z: Scalar, belt_z: Scalar, roof_z: Scalar,
        width: Scalar, rake_deg: Scalar, mass_kg: Scalar, wall: Scalar = 25.0,
        seat_box: tuple[Scalar, Scalar] | None = None, side_glass: bool = True,
        name: str = "cab") -> list[Component]:
    """A cab: a closed thin-walled shell from its side profile (see :func:`cab_profile`) and
    width, with its windscreen, side windows and rear window as glass parts on its surface.

    Args:
        front_x: the cab's front face, mm (vehicle axes).
        back_x: its back wall, mm.
        floor_z: its floor, mm.
        belt_z: the beltline, where the windscreen and side glass start, mm.
        roof_z: the roof, mm.
        width: across the body, mm.
        rake_deg: windscreen angle from the vertical, degrees.
        mass_kg: the whole cab with doors, glass and trim, kg; the glass weighs what its volume
            of glass does, the shell the rest.
        wall: the shell's wall thickness, mm (panels, pillars and trim together).
        seat_box: (x, z) where the floor steps up to a box under the seats (see
            :func:`cab_profile`).
        side_glass: side windows (``False`` for doors without glass: pipe doors, a cabin
            with open sides; ``mass_kg`` then loses the side windows' glass).
        name: ``<name>_shell``, ``<name>_windscreen``, ``<name>_window_left`` …

    Returns:
        The shell and its glass parts.
    """
    glass = material("glass")
    half = 0.5 * width
    rake = np.radians(rake_deg)
    ws_top_z = roof_z - _CORNER_MM
    run = (ws_top_z - belt_z) * np.tan(rake)
    # Glass sits flush in the shell's wall, its outer face on the shell's outer face, so it
    # adds nothing to the envelope (the wall is where the glass replaces the panel).
    nx, nz = np.cos(rake), np.sin(rake)  # outward normal of the raked face
    ws = [(front_x, belt_z), (front_x - run, ws_top_z),
          (front_x - run - _GLASS_MM * nx, ws_top_z - _GLASS_MM * nz),
          (front_x - _GLASS_MM * nx, belt_z - _GLASS_MM * nz)]
    windscreen = Prism(ws, plane="xz", extent=(-half + _PILLAR_MM, half - _PILLAR_MM))
    z1, z2 = belt_z + 40.0, ws_top_z - 40.0

    def ws_x(z: Any) -> Any:
        return front_x - (z - belt_z) * np.tan(rake)

    side = Prism([(back_x + 80.0, z1), (ws_x(z1) - _PILLAR_MM, z1), (ws_x(z2) - _PILLAR_MM, z2),
                  (back_x + 80.0, z2)], plane="xz", extent=(half - 4.0, half))
    rear = Box(size=(4.0, width - 300.0, roof_z - _CORNER_MM - belt_z - 120.0),
               centre=(back_x + 2.0, 0.0, 0.5 * (belt_z + roof_z - _CORNER_MM)))
    glass_kg = glass.density_kg_m3 * MM3_TO_M3 * (
        windscreen.properties().volume_mm3 + rear.properties().volume_mm3
        + 2.0 * side.properties().volume_mm3)
    shell = Prism(cab_profile(front_x=front_x, back_x=back_x, floor_z=floor_z, belt_z=belt_z,
                              roof_z=roof_z, rake_deg=rake_deg, seat_box=seat_box), plane="xz",
                  extent=(-half, half), wall=wall)
    return [Component(f"{name}_shell", "body", shell, material("steel"),
                      mass_kg=mass_kg - glass_kg, colour=PAINT["body"]),
            Component(f"{name}_windscreen", "glass", windscreen, glass),
            *(pair(Component(f"{name}_window_{{side}}", "glass", side, glass))
              if side_glass else []),
            Component(f"{name}_rear_window", "glass", rear, glass)]


def bed(*, front_x: Scalar, length: Scalar, width: Scalar, floor_z: Scalar,
        sill_bottom_z: Scalar, side_height: Scalar, mass_kg: Scalar,
        headboard_extra: Scalar = 400.0, sheet: Scalar = 30.0) -> list[Component]:
    """A truck bed behind the cab: floor on four sills, drop sides, tailgate and a headboard
    that rises ``headboard_extra`` above the sides (the cab guard).

    Args:
        front_x: the bed's front (the headboard's front face), mm.
        length: floor length, mm.
        width: floor width between the sides, mm.
        floor_z: top of the floor, mm.
        sill_bottom_z: underside of the sills (the frame's top), mm.
        side_height: sides and tailgate above the floor, mm.
        mass_kg: the whole bed, kg, shared out as floor 35 %, sills 12 %, sides 14 % each,
            tailgate 11 %, headboard 14 % (estimates of a pressed-steel bed).
        headboard_extra: mm.
        sheet: thickness of sides, tailgate and headboard panels, mm.
    """
    steel = material("steel")
    rear_x = front_x - length
    half = 0.5 * width
    mid_x = 0.5 * (front_x + rear_x)

    def part(name: str, shape: Any, share: float, category: str = "bed",
             at: Placement = Placement()) -> Component:
        return Component(name, category, shape, steel, at, mass_kg=share * mass_kg,
                         colour=PAINT["bed"])

    # Each panel is defined about its own centre and placed, so identical panels (the sills,
    # the two sides) share one solid.
    out = [part("bed_floor", Box(size=(length, width, 40.0)), 0.35,
                at=Placement.at(mid_x, 0.0, floor_z - 20.0))]
    sill_h = floor_z - 40.0 - sill_bottom_z
    sill = Box(size=(50.0, width - 100.0, sill_h))
    for i, f in enumerate((0.18, 0.42, 0.66, 0.90), start=1):
        out.append(part(f"bed_sill_{i}", sill, 0.03, at=Placement.at(
            front_x - f * length, 0.0, sill_bottom_z + 0.5 * sill_h)))
    out += pair(part("bed_side_{side}", Box(size=(length, sheet, side_height + 40.0)), 0.14,
                     at=Placement.at(mid_x, half + 0.5 * sheet,
                                     floor_z + 0.5 * side_height - 20.0)))
    out.append(part("tailgate", Box(size=(sheet, width, side_height)), 0.11,
                    at=Placement.at(rear_x + 0.5 * sheet, 0.0, floor_z + 0.5 * side_height)))
    out.append(part("headboard", Box(size=(sheet, width, side_height + headboard_extra)), 0.14,
                    at=Placement.at(front_x - 0.5 * sheet, 0.0,
                                    floor_z + 0.5 * (side_height + headboard_extra))))
    return out


def bumper(name: str, *, x: Scalar, facing: int, width: Scalar, z_bottom: Scalar,
           height: Scalar, depth: Scalar = 110.0, mass_kg: Scalar = 6.0) -> Component:
    """A bumper across the vehicle: a section rounded at its face (top and bottom chamfered
    by a quarter of its depth), ``facing`` +1 forwards (front bumper, x its front face) or −1
    rearwards (rear bumper, x its rear face). Plastic skin on a steel beam: mass explicit."""
    if facing not in (1, -1):
        raise ParameterError(f"'facing' must be 1 (front) or -1 (rear) (got {facing!r:.200})",
                             name="facing", value=facing)
    c = 0.25 * depth
    base = [(0.0, 0.0), (depth - c, 0.0), (depth, c), (depth, height - c), (depth - c, height),
            (0.0, height)]
    profile = [(facing * u, v) for u, v in base]
    return Component(name, "body", Prism(profile, plane="xz",
                                         extent=(-0.5 * width, 0.5 * width)),
                     material("plastic"), Placement.at(x - facing * depth, 0.0, z_bottom),
                     mass_kg=mass_kg, colour=PAINT["accent"])


def door_mirrors(*, x: Scalar, body_half_width: Scalar, z: Scalar, reach: Scalar = 120.0,
                 mass_kg: Scalar = 1.5) -> list[Component]:
    """A pair of door mirrors reaching ``reach`` outside the body; outside the regulated
    width, so not in the envelope."""
    head = Box(size=(60.0, reach, 150.0))
    return pair(Component("door_mirror_{side}", "body", head, material("plastic"),
                          Placement.at(x, body_half_width + 0.5 * reach, z), mass_kg=mass_kg,
                          colour=PAINT["accent"], in_envelope=False))
