"""Ladder frames: C-section rails and cross-members."""

from __future__ import annotations

from collections.abc import Sequence

from keidesign.layout.component import Component, pair
from keidesign.layout.material import Material
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement, Prism
from keidesign.shapes.arrays import Scalar

__all__ = ["RAIL_SPACING_MM", "c_section", "ladder_frame", "tyres_clear_rails"]

#: Frame rails of a kei ladder frame, centre to centre, mm (estimate: the 900 mm a kei truck's
#: 1,410 mm bed sits on).
RAIL_SPACING_MM = 900.0


def tyres_clear_rails(track: Scalar, tyre_width: Scalar, spacing: Scalar = RAIL_SPACING_MM,
                      clearance: Scalar = 40.0) -> Scalar:
    """Whether tyres on this track clear the frame rails by ``clearance`` (a bool or (N,)
    bools): the tyre's inner face, half the track less half its width, lies outside half
    the rail spacing plus the clearance."""
    return 0.5 * (track - tyre_width) > 0.5 * spacing + clearance


def c_section(height: Scalar, flange: Scalar, thickness: Scalar) -> list[tuple[Scalar, Scalar]]:
    """A C-section as (y, z) vertices centred on its bounding box, mm: the web on the +y side,
    the flanges pointing to −y (a left rail's flanges point inboard)."""
    h, b, t = 0.5 * height, 0.5 * flange, thickness
    return [(b, -h), (b, h), (-b, h), (-b, h - t), (b - t, h - t), (b - t, -h + t),
            (-b, -h + t), (-b, -h)]


def ladder_frame(*, x_front: Scalar, x_rear: Scalar, spacing: Scalar, z_bottom: Scalar,
                 height: Scalar = 100.0, flange: Scalar = 50.0, thickness: Scalar = 3.2,
                 cross_members: Sequence[Scalar] = (), cross_member_wall: Scalar = 2.3,
                 steel: Material | str = "steel") -> list[Component]:
    """Two C-section rails along x with rectangular-tube cross-members between them.

    Args:
        x_front: front end of the rails, mm (vehicle axes).
        x_rear: rear end, mm.
        spacing: rail centre to rail centre across the vehicle, mm.
        z_bottom: underside of the rails, mm.
        height: rail depth, mm.
        flange: flange width, mm.
        thickness: sheet thickness, mm.
        cross_members: x of each cross-member's centre, mm (40 × 60 mm tubes across the
            frame from one rail's flange tips to the other's, at the rails' mid-height).
        cross_member_wall: their wall, mm.
        steel: the frame's material; masses follow from its density.

    Returns:
        ``frame_rail_left``, ``frame_rail_right`` and ``cross_member_1`` … (front to back as
        given).
    """
    mat = material(steel)
    rail = Prism(c_section(height, flange, thickness), plane="yz", extent=(x_rear, x_front))
    at = Placement.at(0.0, 0.5 * spacing, z_bottom + 0.5 * height)
    out = pair(Component("frame_rail_{side}", "frame", rail, mat, at, colour=PAINT["frame"]))
    inner = spacing - flange
    for i, x in enumerate(cross_members, start=1):
        tube = Box(size=(40.0, inner, 60.0), wall=cross_member_wall, hollow_axis="y")
        out.append(Component(f"cross_member_{i}", "frame", tube, mat,
                             Placement.at(x, 0.0, z_bottom + 0.5 * height),
                             colour=PAINT["frame"]))
    return out
