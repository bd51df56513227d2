"""Ladder frames: C-section rails and cross-members."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from keidesign.layout.component import Component, pair
from keidesign.layout.material import Material
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement, Prism
from keidesign.shapes.arrays import Scalar

__all__ = ["FRONT_RAIL_SPACING_MM", "RAIL_SPACING_MM", "c_section", "ladder_frame", "rail_kick",
           "tyres_clear_rails"]

#: Frame rails of a kei ladder frame, centre to centre, mm (estimate: the 900 mm a kei truck's
#: 1,410 mm bed sits on).
RAIL_SPACING_MM = 900.0
#: The rails' spacing where they step inboard for the front wheels to steer, centre to centre,
#: mm (estimate: a cab-over truck's front wheels turn beside its rails under the cab; 720 mm
#: leaves a 16-inch tyre its sweep at a kei truck's full lock, and the engine and a four-wheel
#: drive's front differential their room between the rails).
FRONT_RAIL_SPACING_MM = 720.0


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
                 steel: Material | str = "steel", front_spacing: Scalar | None = None,
                 narrow_x: Scalar = 0.0, kick_length: Scalar = 150.0) -> list[Component]:
    """Two C-section rails along x with rectangular-tube cross-members between them; the
    rails may step inboard at the front, where the front wheels steer beside them.

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
        front_spacing: the rails' spacing ahead of ``narrow_x``, mm; ``None`` for straight
            rails. Each rail is then the rail at ``spacing`` up to ``kick_length`` behind
            ``narrow_x``, a kick over that length (a boxed section of the rail's depth and
            flange width, a parallelogram in plan) and the front rail at ``front_spacing``.
        narrow_x: where the front rails start (the kick's front end), mm.
        kick_length: the kick's length along x, mm.

    Returns:
        ``frame_rail_left``, ``frame_rail_right`` (with ``front_spacing``, then
        ``frame_rail_kick_left/right`` and ``frame_rail_front_left/right``) and
        ``cross_member_1`` … (front to back as given; one ahead of ``narrow_x`` spans the
        front rails).
    """
    mat = material(steel)
    section = c_section(height, flange, thickness)
    z_mid = z_bottom + 0.5 * height
    if front_spacing is None:
        rail = Prism(section, plane="yz", extent=(x_rear, x_front))
        out = pair(Component("frame_rail_{side}", "frame", rail, mat,
                             Placement.at(0.0, 0.5 * spacing, z_mid), colour=PAINT["frame"]))
    else:
        kick_rear = narrow_x - kick_length
        rail = Prism(section, plane="yz", extent=(x_rear, kick_rear))
        front = Prism(section, plane="yz", extent=(narrow_x, x_front))
        wide, narrow = 0.5 * spacing, 0.5 * front_spacing
        kick = rail_kick(x_rear=kick_rear, x_front=narrow_x, y_rear=wide, y_front=narrow,
                         width=flange, z_bottom=z_bottom, height=height, wall=thickness)
        out = (pair(Component("frame_rail_{side}", "frame", rail, mat,
                              Placement.at(0.0, wide, z_mid), colour=PAINT["frame"]))
               + pair(Component("frame_rail_kick_{side}", "frame", kick, mat,
                                colour=PAINT["frame"]))
               + pair(Component("frame_rail_front_{side}", "frame", front, mat,
                                Placement.at(0.0, narrow, z_mid), colour=PAINT["frame"])))
    for i, x in enumerate(cross_members, start=1):
        inner = spacing - flange if front_spacing is None else np.where(
            np.asarray(x) > narrow_x, front_spacing, spacing) - flange
        tube = Box(size=(40.0, inner, 60.0), wall=cross_member_wall, hollow_axis="y")
        out.append(Component(f"cross_member_{i}", "frame", tube, mat,
                             Placement.at(x, 0.0, z_mid), colour=PAINT["frame"]))
    return out


def rail_kick(*, x_rear: Scalar, x_front: Scalar, y_rear: Scalar, y_front: Scalar,
              width: Scalar, z_bottom: Scalar, height: Scalar, wall: Scalar) -> Prism:
    """Where a left rail steps inboard: a boxed section of the rail's depth and ``width``,
    a parallelogram in plan from its centre at ``y_rear`` (at ``x_rear``) to ``y_front`` (at
    ``x_front``), mm; :func:`~keidesign.layout.pair` mirrors it to the right."""
    b = 0.5 * width
    return Prism([(x_rear, y_rear - b), (x_front, y_front - b), (x_front, y_front + b),
                   (x_rear, y_rear + b)], plane="xy", extent=(z_bottom, z_bottom + height),
                  wall=wall)
