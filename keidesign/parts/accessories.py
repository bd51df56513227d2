"""Equipment a kei truck is built up with: four-wheel drive, bed seats in a cage, steel-pipe
doors, bull bar, roll bar, snorkel, roof lamps, a tracked cargo carrier and its winch.

Each function returns placed, named, coloured components (floats for one design or (N,) arrays
for a sweep); lengths in mm, masses in kg, vehicle axes (x forward, y left, z up; origin on the
ground below the front axle centre). Tubes and plates weigh what their steel does; every other
mass is an estimate, stated in the function's docstring.

Every part here counts toward the regulated envelope except occupants and cargo (the carrier
the winch pulls into the bed): keidesign measures the vehicle as it stands, and the kei box
caps the vehicle with whatever is fixed to it. (Japan's 指定部品 scheme lets some bolt-on
parts, roof carriers or grille guards, go on without a new inspection; whether a build keeps
its registration that way is a question the model does not answer.)
"""

from __future__ import annotations

from keidesign.layout.component import Component, pair
from keidesign.parts.cage import roll_cage
from keidesign.parts.materials import PAINT, material
from keidesign.parts.seats import bucket_seat, occupant
from keidesign.parts.suspension import beam_axle
from keidesign.shapes import Box, Cylinder, Placement, Prism, TubePath
from keidesign.shapes.arrays import Scalar

__all__ = ["four_wheel_drive", "caged_bed_seats", "pipe_doors", "bull_bar", "roll_bar",
           "snorkel", "roof_lamps", "cargo_carrier", "TRANSFER_CASE_KG",
           "FRONT_DIFFERENTIAL_KG", "FRONT_PROPSHAFT_KG", "DRIVE_SHAFT_KG"]

#: A part-time transfer case with its oil and shift actuator (estimate: a kei truck's is a small
#: gear-driven unit bolted to the gearbox).
TRANSFER_CASE_KG = 12.0
#: The front differential of an independently sprung front axle, with its oil (estimate;
#: lighter than the 18 kg live rear axle's housing: no axle tubes to carry).
FRONT_DIFFERENTIAL_KG = 14.0
#: The front propeller shaft with its two universal joints (estimate: Ø50.8 × 1.6 mm steel
#: tube, about 2 kg per metre, plus joints).
FRONT_PROPSHAFT_KG = 5.0
#: One front drive shaft with its two constant-velocity joints and boots (estimate).
DRIVE_SHAFT_KG = 4.5
# The four add about 40 kg: the spread the catalogues show between a 2WD and a 4WD kei truck
# of the same body (the Hijet: 740 kg standard 2WD to 810 kg Jumbo 4WD, the Jumbo cab included).

_BUCKET_SEAT_KG = 10.0   # a full bucket seat with rails and harness (estimate)
_PUMPKIN_RADIUS = 130.0  # the differential housing's radius (keidesign.parts.beam_axle)
_DIFF_NOSE = 160.0       # how far its pinion nose reaches behind the axle line


def four_wheel_drive(*, transfer_x: Scalar, transfer_z: Scalar, shaft_y: Scalar,
                     diff_z: Scalar, wheel_centre_z: Scalar, track_front: Scalar,
                     diff_y: Scalar | None = None, transfer_mass_kg: Scalar = TRANSFER_CASE_KG,
                     differential_mass_kg: Scalar = FRONT_DIFFERENTIAL_KG,
                     propshaft_mass_kg: Scalar = FRONT_PROPSHAFT_KG,
                     drive_shaft_mass_kg: Scalar = DRIVE_SHAFT_KG) -> list[Component]:
    """What four-wheel drive adds to a rear-driven truck with a strut front axle: a transfer
    case beside the gearbox's output, a propeller shaft forward to a front differential hung
    from the frame on the front axle line (x = 0), and a drive shaft to each front hub.

    Args:
        transfer_x: the transfer case's centre, mm; its front face, 120 mm ahead, is where the
            front propeller shaft starts (which must be behind the differential's nose, 160
            mm behind the axle).
        transfer_z: the transfer case's centre height, mm.
        shaft_y: the transfer case's front output across, where the propeller shaft starts,
            mm (beside an engine under the seats).
        diff_z: the differential's centre height, mm.
        diff_y: the differential's centre across, where the propeller shaft ends, mm
            (default ``shaft_y``).
        wheel_centre_z: the front wheels' centre height, mm.
        track_front: mm; each drive shaft ends 90 mm inside the wheel centre, at the hub.
        transfer_mass_kg: see :data:`TRANSFER_CASE_KG`.
        differential_mass_kg: see :data:`FRONT_DIFFERENTIAL_KG`.
        propshaft_mass_kg: see :data:`FRONT_PROPSHAFT_KG`.
        drive_shaft_mass_kg: one drive shaft, see :data:`DRIVE_SHAFT_KG`.

    Returns:
        ``transfer_case``, ``front_propshaft``, ``front_differential``,
        ``front_drive_shaft_left`` and ``front_drive_shaft_right``. The shafts meet what they
        join (the propeller shaft the transfer case and the differential's nose; a drive
        shaft the differential, and the knuckle its strut is clamped to, where the hub
        bearing takes its outer joint): those overlaps are joints, declared in ``touches``.
    """
    steel = material("steel")
    if diff_y is None:
        diff_y = shaft_y
    case = Component("transfer_case", "powertrain", Box(size=(240.0, 160.0, 200.0)),
                     material("aluminium"), Placement.at(transfer_x, shaft_y, transfer_z),
                     mass_kg=transfer_mass_kg, colour=PAINT["transmission"])
    prop = Component("front_propshaft", "powertrain",
                     Cylinder(start=(transfer_x + 120.0, shaft_y, transfer_z),
                              end=(-_DIFF_NOSE, diff_y, diff_z), radius=25.4,
                              inner_radius=23.8),
                     steel, mass_kg=propshaft_mass_kg, colour=PAINT["chassis"],
                     touches=("transfer_case", "front_differential"))
    # The housing is the live axle's (pinion nose towards the rear); its tubes are not used.
    housing = next(c for c in beam_axle(x=0.0, half_length=400.0, z=diff_z, name="front_axle",
                                        differential_mass_kg=differential_mass_kg)
                   if c.name == "front_differential")
    hub_y = 0.5 * track_front - 90.0
    shafts = [Component(f"front_drive_shaft_{side}", "powertrain",
                        Cylinder(start=(0.0, diff_y + sign * _PUMPKIN_RADIUS, diff_z),
                                 end=(0.0, sign * hub_y, wheel_centre_z), radius=14.0),
                        steel, mass_kg=drive_shaft_mass_kg, colour=PAINT["chassis"],
                        touches=("front_differential", f"front_arm_{side}",
                                 f"front_strut_{side}"))
              for side, sign in (("left", 1.0), ("right", -1.0))]
    return [case, prop, housing.moved(dy=diff_y), *shafts]


def caged_bed_seats(*, headboard_x: Scalar, rear_x: Scalar, floor_z: Scalar,
                    half_width: Scalar, setback: Scalar,
                    seat_mass_kg: Scalar = _BUCKET_SEAT_KG) -> list[Component]:
    """Two bucket seats facing forward in a truck bed, each with its 55 kg occupant, inside a
    steel roll cage: main hoop behind the seats, bars forward to the headboard, stays back to
    the tailgate and a diagonal.

    Args:
        headboard_x: the headboard's rear face (the bed floor's front), mm.
        rear_x: the bed floor's rear end, mm.
        floor_z: the bed floor's top, mm.
        half_width: the cage's legs at ±half_width (tube centres), mm.
        setback: the seats' H-point behind the headboard, mm; the hoop stands 550 mm behind
            the H-points.
        seat_mass_kg: one seat with rails and harness (estimate: 10 kg, a full bucket with
            its rails).

    Returns:
        ``bed_seat_left/right``, ``bed_occupant_left/right`` (load ``"passenger"``) and the
        cage's tubes ``cage_hoop``, ``cage_a_pillar_left/right``, ``cage_rear_stay_left/right``,
        ``cage_diagonal``.
    """
    hx, hz = headboard_x - setback, floor_z + 200.0
    out: list[Component] = []
    for side, y in (("left", 300.0), ("right", -300.0)):
        out.append(bucket_seat(f"bed_seat_{side}", h_point=(hx, y, hz), mass_kg=seat_mass_kg))
        out.append(occupant(f"bed_occupant_{side}", h_point=(hx, y, hz), load="passenger",
                            heel_drop=200.0))
    out += roll_cage(hoop_x=hx - 550.0, half_width=half_width, base_z=floor_z + 20.0,
                     top_z=floor_z + 1090.0, front=(headboard_x - 40.0, floor_z + 20.0),
                     front_top_x=headboard_x - 40.0, rear=(rear_x + 70.0, floor_z + 20.0))
    return out


def pipe_doors(*, front_x: Scalar, rear_x: Scalar, bottom_z: Scalar, top_z: Scalar,
               half_width: Scalar, tube_diameter: Scalar = 34.0,
               tube_wall: Scalar = 2.3) -> list[Component]:
    """Steel-pipe half doors in place of the panel doors: per side a hinge post at the front
    and a bent tube running back along the sill, up the rear edge and forward along the
    beltline, flush with the body side (they add nothing to the width).

    Args:
        front_x: the hinge post, mm.
        rear_x: the door's rear edge, mm.
        bottom_z: the lower rail, mm.
        top_z: the upper rail (the beltline), mm.
        half_width: the body side, mm (the tubes' outer faces).
        tube_diameter: mm (34 × 2.3 mm steel tube: mass from its volume).
        tube_wall: mm.

    Returns:
        ``pipe_door_left/right`` and ``pipe_door_hinge_left/right``.
    """
    steel = material("steel")
    r = 0.5 * tube_diameter
    y = half_width - r
    loop = TubePath([(front_x - r, y, bottom_z), (rear_x, y, bottom_z), (rear_x, y, top_z),
                     (front_x - r, y, top_z)], outer_diameter=tube_diameter, wall=tube_wall)
    hinge = Cylinder(start=(front_x, y, bottom_z - r), end=(front_x, y, top_z + r), radius=r,
                     inner_radius=r - tube_wall)
    return (pair(Component("pipe_door_{side}", "body", loop, steel, colour=PAINT["accent"]))
            + pair(Component("pipe_door_hinge_{side}", "body", hinge, steel,
                             colour=PAINT["accent"])))


def bull_bar(*, bumper_x: Scalar, z_bottom: Scalar, z_top: Scalar, half_width: Scalar,
             mount_x: Scalar, standoff: Scalar = 40.0, tube_diameter: Scalar = 60.5,
             tube_wall: Scalar = 2.3) -> list[Component]:
    """A bull bar ahead of the front bumper: a bent hoop of steel tube with a crossbar,
    bolted to the frame rails' front ends by two plates under the bumper. Counts toward the
    overall length.

    Args:
        bumper_x: the front bumper's front face, mm.
        z_bottom: the hoop's feet (the frame rails' underside), mm; the plates lie 60 mm high
            above it.
        z_top: the hoop's top tube centre, mm.
        half_width: the hoop's legs at ±half_width, mm (over the frame rails).
        mount_x: the frame rails' front ends, where the plates bolt on, mm.
        standoff: the gap between the bumper and the hoop, mm.
        tube_diameter: mm (60.5 × 2.3 mm steel tube: masses from the steel's volume).
        tube_wall: mm.

    Returns:
        ``bull_bar_hoop``, ``bull_bar_crossbar`` and ``bull_bar_mount_left/right``.
    """
    steel = material("steel")
    r = 0.5 * tube_diameter
    x = bumper_x + standoff + r
    w = half_width
    hoop = TubePath([(x, w, z_bottom), (x, w, z_top), (x, -w, z_top), (x, -w, z_bottom)],
                    outer_diameter=tube_diameter, wall=tube_wall)
    mid = 0.5 * (z_bottom + z_top)
    bar = Cylinder(start=(x, w - r, mid), end=(x, -w + r, mid), radius=0.8 * r,
                   inner_radius=0.8 * r - tube_wall)
    plate = Box(size=(x - r - mount_x, 12.0, 60.0))
    return [Component("bull_bar_hoop", "body", hoop, steel, colour=PAINT["frame"]),
            Component("bull_bar_crossbar", "body", bar, steel, colour=PAINT["frame"]),
            *pair(Component("bull_bar_mount_{side}", "body", plate, steel,
                            Placement.at(0.5 * (x - r + mount_x), w + 30.0, z_bottom + 30.0),
                            colour=PAINT["frame"]))]


def roll_bar(*, x: Scalar, half_width: Scalar, base_z: Scalar, top_z: Scalar,
             tube_diameter: Scalar = 48.6, tube_wall: Scalar = 2.3) -> list[Component]:
    """A detachable roll bar across the bed behind the cab: one bent hoop of steel tube
    (mass from its volume) standing on the bed floor.

    Args:
        x: the hoop's plane, mm.
        half_width: its legs at ±half_width (tube centres), mm.
        base_z: its feet, mm.
        top_z: its top tube's centre, mm.
        tube_diameter: mm.
        tube_wall: mm.

    Returns:
        ``roll_bar_hoop``.
    """
    return roll_cage(hoop_x=x, half_width=half_width, base_z=base_z, top_z=top_z,
                     diagonal=False, tube_diameter=tube_diameter, tube_wall=tube_wall,
                     name="roll_bar")


def snorkel(*, x: Scalar, body_y: Scalar, z_bottom: Scalar, z_top: Scalar,
            side: float = 1.0, diameter: Scalar = 76.0, gap: Scalar = 15.0,
            pipe_mass_kg: Scalar = 3.5, head_mass_kg: Scalar = 1.0) -> list[Component]:
    """A raised air intake outside the cab on one side: a pipe from the intake, through the
    body side low down, up the outside of the cab to a head that faces forward. It sticks out
    of the body side, so it widens the vehicle.

    Args:
        x: the pipe's line along the cab, mm.
        body_y: the body side's distance from the centre plane, mm.
        z_bottom: where the pipe leaves the body, mm.
        z_top: the head's top, mm.
        side: +1 on the left (the passenger's side), −1 on the right.
        diameter: the pipe, mm (3 in).
        gap: between the pipe and the body side, mm.
        pipe_mass_kg: the moulded pipe with its brackets (estimate from snorkel kits of
            4–5 kg).
        head_mass_kg: the air ram (estimate).

    Returns:
        ``snorkel_pipe`` and ``snorkel_head``.
    """
    r = 0.5 * diameter
    y_out = side * (body_y + gap + r)
    y_in = side * (body_y - 40.0)
    pipe = TubePath([(x, y_in, z_bottom), (x, y_out, z_bottom + 120.0),
                     (x, y_out, z_top - 120.0)], outer_diameter=diameter, wall=4.0)
    head = Box(size=(180.0, 100.0, 120.0), centre=(30.0, 0.0, -60.0))
    plastic = material("plastic")
    return [Component("snorkel_pipe", "body", pipe, plastic, mass_kg=pipe_mass_kg),
            Component("snorkel_head", "body", head, plastic, Placement.at(x, y_out, z_top),
                      mass_kg=head_mass_kg)]


def roof_lamps(*, x: Scalar, roof_z: Scalar, half_width: Scalar, count: int = 4,
               lamp_diameter: Scalar = 120.0, lamp_mass_kg: Scalar = 1.2) -> list[Component]:
    """Work lamps on a bar across the roof: a 30 mm square steel tube on two feet (masses
    from the steel), with ``count`` round lamps on it facing forward.

    Args:
        x: the bar's line across the roof, mm.
        roof_z: the roof's top, mm.
        half_width: the bar's ends, mm.
        count: how many lamps, spread evenly along the bar.
        lamp_diameter: mm.
        lamp_mass_kg: one lamp with its bracket (estimate: a 4.5 in LED work lamp).

    Returns:
        ``roof_lamp_foot_left/right``, ``roof_lamp_bar``, ``roof_lamp_1`` … (the lamps' tops
        are ``roof_z`` + 55 mm + the lamp's diameter: they count toward the height).
    """
    steel = material("steel")
    foot = Box(size=(30.0, 30.0, 25.0))
    bar = Box(size=(30.0, 2.0 * half_width, 30.0), wall=2.0, hollow_axis="y")
    lamp = Cylinder(start=(-45.0, 0.0, 0.0), end=(45.0, 0.0, 0.0), radius=0.5 * lamp_diameter)
    out = pair(Component("roof_lamp_foot_{side}", "body", foot, steel,
                         Placement.at(x, half_width - 60.0, roof_z + 12.5),
                         colour=PAINT["frame"]))
    out.append(Component("roof_lamp_bar", "body", bar, steel, Placement.at(x, 0.0, roof_z + 40.0),
                         colour=PAINT["frame"]))
    for i in range(count):
        y = half_width * (2.0 * (i + 0.5) / count - 1.0)
        out.append(Component(f"roof_lamp_{i + 1}", "electrical", lamp, material("aluminium"),
                             Placement.at(x, y, roof_z + 55.0 + 0.5 * lamp_diameter),
                             mass_kg=lamp_mass_kg, colour=PAINT["accent"]))
    return out


def cargo_carrier(*, headboard_x: Scalar, floor_z: Scalar, mass_kg: Scalar,
                  length: Scalar = 1200.0, width: Scalar = 650.0, height: Scalar = 750.0,
                  winch_mass_kg: Scalar = 10.0) -> list[Component]:
    """A tracked cargo carrier (a walk-behind crawler carrier, 運搬車) carried in the bed, and
    the electric winch behind the headboard that pulls it up its ramps.

    The carrier is cargo: load group ``payload``, outside the regulated envelope (kerb mass
    leaves it out; the ``full`` load case carries it). The winch is the truck's.

    Args:
        headboard_x: the headboard's rear face, mm; the winch sits behind it, the carrier 250
            mm further back.
        floor_z: the bed floor's top, mm.
        mass_kg: the carrier (an estimate: small crawler carriers weigh 100–250 kg), shared
            as two rubber tracks 20 % each and the body 60 %.
        length: the carrier's length, mm.
        width: over its tracks, mm.
        height: mm.
        winch_mass_kg: a 12 V winch of about 900 kg pull with its mount (estimate).

    Returns:
        ``winch``, ``carrier_track_left/right`` and ``carrier_body``.
    """
    track_h = 0.35 * height
    c = 0.5 * track_h
    run = [(0.0, c), (c, 0.0), (length - c, 0.0), (length, c), (length - c, track_h),
           (c, track_h)]
    x0 = headboard_x - 250.0 - length
    track = Prism(run, plane="xz", extent=(0.5 * width - 180.0, 0.5 * width))
    body = Box(size=(0.8 * length, width - 80.0, height - track_h),
               centre=(0.0, 0.0, 0.5 * (height - track_h)))
    winch = Box(size=(160.0, 420.0, 150.0), centre=(0.0, 0.0, 75.0))
    rubber = material("rubber")
    return [Component("winch", "body", winch, material("steel"),
                      Placement.at(headboard_x - 100.0, 0.0, floor_z), mass_kg=winch_mass_kg,
                      colour=PAINT["chassis"]),
            *pair(Component("carrier_track_{side}", "cargo", track, rubber,
                            Placement.at(x0, 0.0, floor_z), mass_kg=0.2 * mass_kg,
                            load="payload", in_envelope=False)),
            Component("carrier_body", "cargo", body, material("steel"),
                      Placement.at(x0 + 0.5 * length, 0.0, floor_z + track_h),
                      mass_kg=0.6 * mass_kg, colour=PAINT["accent"], load="payload",
                      in_envelope=False)]
