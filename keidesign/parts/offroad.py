"""Off-road running gear: a boxed ladder frame, coil-sprung beam axles located by links, the
transfer case with its two propeller shafts, a spare wheel on the back door and wheel-arch
flares.

Each function returns placed, named, coloured components (floats for one design or (N,) arrays
for a sweep); lengths in mm, masses in kg, vehicle axes (x forward, y left, z up; origin on the
ground below the front axle centre). Tubes, rails and plates weigh what their steel does;
every other mass is an estimate, stated where it is set.
"""

from __future__ import annotations

import numpy as np

from keidesign.layout.component import Component, pair
from keidesign.parts.frame import rail_kick
from keidesign.parts.materials import PAINT, material
from keidesign.parts.wheels import wheel
from keidesign.shapes import Box, Cylinder, Placement
from keidesign.shapes.arrays import Scalar

__all__ = [
    "COIL_SPRING_KG",
    "DAMPER_KG",
    "OFFROAD_TRANSFER_CASE_KG",
    "PROPSHAFT_KG_PER_M",
    "UNIVERSAL_JOINT_KG",
    "arch_flares",
    "boxed_ladder_frame",
    "coil_link_axle",
    "front_clip",
    "tailgate_spare",
    "transfer_and_propshafts",
]

#: One coil spring of a small 4x4's beam axle (estimate: 2.2 kg of 12 mm wire, 8 turns of
#: 110 mm diameter, plus its seats and bump stop).
COIL_SPRING_KG = 3.0
#: One telescopic damper with its mounts (estimate).
DAMPER_KG = 2.0
#: A part-time transfer case with a low range and its oil (estimate: a two-speed gear-driven
#: unit; a kei truck's high-range-only case is about 12 kg, see
#: :data:`keidesign.parts.accessories.TRANSFER_CASE_KG`).
OFFROAD_TRANSFER_CASE_KG = 22.0
#: A propeller shaft's tube, Ø50.8 × 1.6 mm steel: 1.9 kg per metre (from its steel).
PROPSHAFT_KG_PER_M = 1.9
#: One universal joint with its yokes (estimate).
UNIVERSAL_JOINT_KG = 1.0

_ARM_DIAMETER = 50.0
_ARM_WALL = 4.0
_ROD_DIAMETER = 35.0
_ROD_WALL = 3.2


def boxed_ladder_frame(*, x_front: Scalar, x_rear: Scalar, spacing: Scalar, z_bottom: Scalar,
                       height: Scalar = 110.0, width: Scalar = 60.0, wall: Scalar = 2.6,
                       cross_members: tuple[Scalar, ...] = (),
                       cross_member_wall: Scalar = 2.3, front_spacing: Scalar | None = None,
                       narrow_x: Scalar = 0.0, kick_length: Scalar = 150.0) -> list[Component]:
    """A ladder frame of closed (boxed) rectangular-tube rails, as an off-roader's, with
    rectangular-tube cross-members; every mass from its steel. The rails may step inboard at
    the front, as :func:`~keidesign.parts.frame.ladder_frame`'s do.

    Args:
        x_front: the rails' front ends, mm.
        x_rear: their rear ends, mm.
        spacing: rail centre to rail centre, mm.
        z_bottom: the rails' underside, mm.
        height: rail depth, mm.
        width: rail width, mm.
        wall: rail wall, mm.
        cross_members: x of each cross-member (60 × 80 mm tubes between the rails), mm.
        cross_member_wall: mm.
        front_spacing: the rails' spacing ahead of ``narrow_x``, mm; ``None`` for straight
            rails (see :func:`~keidesign.parts.frame.ladder_frame`).
        narrow_x: where the front rails start (the kick's front end), mm.
        kick_length: the kick's length along x, mm.

    Returns:
        ``frame_rail_left/right`` (with ``front_spacing``, then ``frame_rail_kick_left/right``
        and ``frame_rail_front_left/right``) and ``cross_member_1`` … (front to back as given;
        one ahead of ``narrow_x`` spans the front rails).
    """
    steel = material("steel")
    z_mid = z_bottom + 0.5 * height

    def rails(name: str, x0: Scalar, x1: Scalar, y: Scalar) -> list[Component]:
        rail = Box(size=(x1 - x0, width, height), wall=wall, hollow_axis="x")
        return pair(Component(name, "frame", rail, steel, Placement.at(0.5 * (x0 + x1), y, z_mid),
                              colour=PAINT["frame"]))

    if front_spacing is None:
        out = rails("frame_rail_{side}", x_rear, x_front, 0.5 * spacing)
    else:
        kick_rear = narrow_x - kick_length
        kick = rail_kick(x_rear=kick_rear, x_front=narrow_x, y_rear=0.5 * spacing,
                         y_front=0.5 * front_spacing, width=width, z_bottom=z_bottom,
                         height=height, wall=wall)
        out = (rails("frame_rail_{side}", x_rear, kick_rear, 0.5 * spacing)
               + pair(Component("frame_rail_kick_{side}", "frame", kick, steel,
                                colour=PAINT["frame"]))
               + rails("frame_rail_front_{side}", narrow_x, x_front, 0.5 * front_spacing))
    for i, x in enumerate(cross_members, start=1):
        between = spacing if front_spacing is None else np.where(
            np.asarray(x) > narrow_x, front_spacing, spacing)
        tube = Box(size=(60.0, between - width, 80.0), wall=cross_member_wall, hollow_axis="y")
        out.append(Component(f"cross_member_{i}", "frame", tube, steel,
                             Placement.at(x, 0.0, z_mid), colour=PAINT["frame"]))
    return out


def coil_link_axle(axle: str, *, x_axle: Scalar, axle_z: Scalar, spring_y: Scalar,
                   spring_top_z: Scalar, arm_y: Scalar, arm_end_x: Scalar, arm_end_z: Scalar,
                   rod_end_y: Scalar, rod_z: Scalar,
                   spring_kg: Scalar = COIL_SPRING_KG,
                   damper_kg: Scalar = DAMPER_KG) -> list[Component]:
    """What locates and springs one beam axle of a 3-link coil-sprung off-roader (the Suzuki
    Jimny's front and rear: "3リンクリジッドアクスル式コイルスプリング", Suzuki via Car Watch
    car.watch.impress.co.jp/docs/news/photo/1131151.html): two radius arms from the axle to the
    frame, a lateral (Panhard) rod from the axle's left end to the frame's right, a coil spring
    and a damper on each side.

    Args:
        axle: ``"front"`` or ``"rear"``: the parts' name prefix.
        x_axle: the axle's x, mm.
        axle_z: the axle tube's centre height, mm.
        spring_y: the springs' and dampers' centres across, mm (±).
        spring_top_z: the springs' upper seats (frame towers), mm.
        arm_y: the arms' line across, mm (±).
        arm_end_x: where the arms meet the frame, mm (ahead of or behind the axle).
        arm_end_z: their frame-end height, mm.
        rod_end_y: the lateral rod's frame end across (on the right, −), mm; its axle end is at
            +``rod_end_y``.
        rod_z: the rod's height, mm.
        spring_kg: one spring, kg (:data:`COIL_SPRING_KG`).
        damper_kg: one damper, kg (:data:`DAMPER_KG`).

    Returns:
        ``<axle>_arm_left/right`` (Ø50 × 4 mm steel tube), ``<axle>_lateral_rod`` (Ø35 × 3.2),
        ``<axle>_coil_spring_left/right`` and ``<axle>_damper_left/right``.
    """
    steel = material("steel")
    r_arm = 0.5 * _ARM_DIAMETER
    arm = Cylinder(start=(x_axle, arm_y, axle_z - 60.0), end=(arm_end_x, arm_y, arm_end_z),
                   radius=r_arm, inner_radius=r_arm - _ARM_WALL)
    r_rod = 0.5 * _ROD_DIAMETER
    rod = Cylinder(start=(x_axle + 90.0, rod_end_y, rod_z), end=(x_axle + 90.0, -rod_end_y,
                                                                 rod_z),
                   radius=r_rod, inner_radius=r_rod - _ROD_WALL)
    spring_bottom = axle_z + 50.0
    spring = Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, spring_top_z - spring_bottom),
                      radius=55.0, inner_radius=43.0)
    damper = Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, spring_top_z - spring_bottom + 40.0),
                      radius=20.0)
    return (pair(Component(f"{axle}_arm_{{side}}", "suspension", arm, steel,
                           colour=PAINT["chassis"]))
            + [Component(f"{axle}_lateral_rod", "suspension", rod, steel,
                         colour=PAINT["chassis"])]
            + pair(Component(f"{axle}_coil_spring_{{side}}", "suspension", spring, steel,
                             Placement.at(x_axle, spring_y, spring_bottom), mass_kg=spring_kg,
                             colour=PAINT["accent"]))
            + pair(Component(f"{axle}_damper_{{side}}", "suspension", damper, steel,
                             Placement.at(x_axle - 130.0, spring_y, spring_bottom - 20.0),
                             mass_kg=damper_kg, colour=PAINT["chassis"])))


def transfer_and_propshafts(*, transfer_x: Scalar, transfer_z: Scalar, front_pinion_x: Scalar,
                            rear_pinion_x: Scalar, front_axle_z: Scalar, rear_axle_z: Scalar,
                            front_shaft_y: Scalar = 0.0,
                            transfer_mass_kg: Scalar = OFFROAD_TRANSFER_CASE_KG,
                            length: Scalar = 240.0) -> list[Component]:
    """A part-time transfer case behind the gearbox and the two propeller shafts it drives:
    forward to the front axle's pinion, rearward to the rear axle's.

    Args:
        transfer_x: the case's centre, mm.
        transfer_z: its centre height (the outputs' line), mm.
        front_pinion_x: the front differential's pinion flange, mm.
        rear_pinion_x: the rear differential's pinion flange, mm.
        front_axle_z: the front axle's centre height, mm.
        rear_axle_z: the rear axle's, mm.
        front_shaft_y: the front shaft's offset across at the case (it passes beside the
            engine's sump), mm.
        transfer_mass_kg: see :data:`OFFROAD_TRANSFER_CASE_KG`.
        length: the case along x, mm.

    Returns:
        ``transfer_case``, ``front_propshaft`` and ``rear_propshaft``; each shaft weighs its
        tube (:data:`PROPSHAFT_KG_PER_M`) and two joints (:data:`UNIVERSAL_JOINT_KG`): masses
        explicit so the joints count.
    """
    steel = material("steel")
    half = 0.5 * length
    case = Component("transfer_case", "powertrain", Box(size=(length, 200.0, 220.0)),
                     material("aluminium"), Placement.at(transfer_x, 0.0, transfer_z),
                     mass_kg=transfer_mass_kg, colour=PAINT["transmission"])
    front_start = (transfer_x + half, front_shaft_y, transfer_z - 40.0)
    front_end = (front_pinion_x, 0.0, front_axle_z)
    rear_start = (transfer_x - half, 0.0, transfer_z)
    rear_end = (rear_pinion_x, 0.0, rear_axle_z)

    def shaft(name: str, start: tuple, end: tuple) -> Component:
        span = ((start[0] - end[0]) ** 2 + (start[1] - end[1]) ** 2
                + (start[2] - end[2]) ** 2) ** 0.5
        return Component(name, "powertrain", Cylinder(start=start, end=end, radius=25.4,
                                                      inner_radius=23.8), steel,
                         mass_kg=PROPSHAFT_KG_PER_M * span / 1000.0 + 2.0 * UNIVERSAL_JOINT_KG,
                         colour=PAINT["chassis"])

    return [case, shaft("front_propshaft", front_start, front_end),
            shaft("rear_propshaft", rear_start, rear_end)]


def tailgate_spare(*, door_x: Scalar, centre_z: Scalar, width: Scalar, aspect: Scalar,
                   rim_in: Scalar, gap: Scalar = 50.0, shapes: tuple | None = None,
                   bracket_kg: Scalar = 3.0) -> list[Component]:
    """A spare wheel carried upright on the back door, its axis along x, ``gap`` behind the
    door's skin (the carrier bracket), which it therefore adds to the overall length.

    Args:
        door_x: the back door's outer skin, mm.
        centre_z: the spare's centre height, mm.
        width: tyre section width, mm.
        aspect: tyre aspect ratio, %.
        rim_in: rim diameter, in.
        gap: door skin to the wheel's inner face (the bracket's depth), mm.
        shapes: the road wheels' (tyre, rim, hub) shapes to share, if made.
        bracket_kg: the carrier bracket with its bolts (estimate).

    Returns:
        ``spare_bracket``, ``tyre_spare`` and ``rim_spare`` (no hub).
    """
    # A quarter turn about z takes the wheel's axis (y) to −x: its outboard face looks back.
    centre_x = door_x - gap - 0.5 * width
    spare = wheel("spare", width=width, aspect=aspect, rim_in=rim_in, x=0.0, y=0.0,
                  side="left", hub_mass_kg=0.0, shapes=shapes)[:2]
    at = Placement.at(centre_x, 0.0, centre_z, turns=(0, 0, 1))
    bracket = Component("spare_bracket", "body", Box(size=(gap, 160.0, 160.0)),
                        material("steel"), Placement.at(door_x - 0.5 * gap, 0.0, centre_z),
                        mass_kg=bracket_kg, colour=PAINT["frame"])
    # On the door the spare rides on the springs, unlike the road wheels it is made as.
    return [bracket, *(c.replace(placement=at, sprung=True) for c in spare)]


def arch_flares(*, wheelbase: Scalar, body_half_width: Scalar, outboard: Scalar,
                tyre_radius: Scalar, z_top: Scalar, overlap: Scalar = 15.0,
                height: Scalar = 90.0) -> list[Component]:
    """Resin wheel-arch flares over all four wheels, reaching ``outboard`` past the body side
    (0: flush arch mouldings; the Jimny Sierra's overfenders reach 85 mm, making it 1645 mm
    wide against 1475) and ``overlap`` inside it, so they never vanish.

    Mass (estimate): 1.0 kg for a flush moulding plus 1.0 kg per 100 mm of reach.

    Returns:
        ``flare_front_left/right`` and ``flare_rear_left/right``.
    """
    span = outboard + overlap
    shape = Box(size=(2.0 * tyre_radius + 160.0, span, height))
    y = body_half_width + outboard - 0.5 * span
    out: list[Component] = []
    for axle, x in (("front", 0.0), ("rear", -wheelbase)):
        out += pair(Component(f"flare_{axle}_{{side}}", "body", shape, material("plastic"),
                              Placement.at(x, y, z_top - 0.5 * height),
                              mass_kg=1.0 + 0.01 * outboard, colour=PAINT["accent"]))
    return out


def front_clip(*, front_x: Scalar, cowl_x: Scalar, floor_z: Scalar, top_z: Scalar,
               width: Scalar, mass_kg: Scalar, wall: Scalar = 20.0,
               name: str = "front_clip") -> Component:
    """The body ahead of the windscreen of a bonneted car: bonnet (or front lid), wings,
    valance and inner aprons as one thin-walled box open at both ends (the grille and the
    bulkhead), from ``front_x`` back to the cowl at ``cowl_x``; pair it with
    :func:`~keidesign.parts.cab` from the cowl back.

    Args:
        front_x: its front, mm.
        cowl_x: the windscreen's base, where the cab starts, mm.
        floor_z: its lower edge, mm.
        top_z: the bonnet's top (the beltline), mm.
        width: across the body, mm.
        mass_kg: its panels, lamps and grille, kg (explicit: an estimate).
        wall: the panels and aprons together, mm.
    """
    shape = Box(size=(front_x - cowl_x, width, top_z - floor_z), wall=wall, hollow_axis="x")
    return Component(name, "body", shape, material("steel"),
                     Placement.at(0.5 * (front_x + cowl_x), 0.0, 0.5 * (floor_z + top_z)),
                     mass_kg=mass_kg, colour=PAINT["body"])
