"""Roadster parts: a steel monocoque body in pieces, its windscreen, conventional and gullwing
doors, roofs that open (a soft top, a targa panel, removable panels, a folding hardtop) and
where their parts go when stowed, a propeller shaft and a final drive.

Every function takes floats (one design) or (N,) arrays (a sweep); lengths in mm, masses in
kg, angles in degrees, vehicle axes (x forward, y left, z up; origin on the ground below the
front axle centre). A roof's or a door's kind adds or removes parts, so it is a plain string
(one value per batch of designs).
"""

from __future__ import annotations

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import Component, pair
from keidesign.parts.materials import PAINT, material
from keidesign.parts.seats import bucket_seat, occupant
from keidesign.parts.systems import dashboard
from keidesign.shapes import Box, Cylinder, Placement, Prism, Revolution
from keidesign.shapes.arrays import Scalar

__all__ = [
    "BODY_SHARES",
    "DOOR_STYLES",
    "ROOF_KINDS",
    "final_drive",
    "monocoque",
    "propshaft",
    "roadster_doors",
    "roadster_roof",
    "roadster_cockpit",
    "roadster_windscreen",
    "windscreen_header_x",
]

#: How a roadster's body-in-white (without closures) is shared out between its pieces
#: (estimates for a steel monocoque of an open two-seater, whose floor, tunnel and sills carry
#: the stiffness a roof would): front structure (bulkhead, inner wings, strut towers), rear
#: structure (rear bulkhead, rear deck, wheel houses, tail), floor pan with tunnel, each
#: sill, the windscreen frame (A-pillars and header).
BODY_SHARES: dict[str, float] = {"front": 0.20, "rear": 0.26, "floor": 0.28, "sill": 0.09,
                                 "windscreen_frame": 0.08}
#: Roof kinds: ``soft_top`` (fabric hood folding behind the seats, Honda Beat), ``targa``
#: (a rolled fabric panel over the cockpit stowed under the bonnet, a fixed rear hoop, Honda
#: S660), ``fixed`` (a coupé roof, Autozam AZ-1), ``removable_panels`` (two roof panels stowed
#: in the boot, a rear section folding down behind the seats, Suzuki Cappuccino),
#: ``hardtop_folding`` (a two-piece hardtop folding into the boot, Daihatsu Copen).
ROOF_KINDS = ("soft_top", "targa", "fixed", "removable_panels", "hardtop_folding")
#: Door styles: conventional hinged doors, or gullwing doors hinged on the roof.
DOOR_STYLES = ("conventional", "gullwing")

_SILL_WIDTH_MM = 130.0
_FLOOR_MM = 60.0          # floor pan with its tunnel, as a plate
_ROOF_MM = 30.0           # roof panel thickness
_REAR_SECTION_MM = 60.0   # a roof's rear section (rear window with its frame), thickness
_DOOR_MM = 100.0          # conventional door, skin to trim
_GULLWING_MM = 40.0       # gullwing door section
_GLASS_MM = 5.0
_TARGA_ROLL_MM = 80.0     # a rolled-up fabric targa panel's radius
_PILLAR_MM = 70.0


def monocoque(*, nose_x: Scalar, tail_x: Scalar, floor_z: Scalar, cowl_x: Scalar,
              bulkhead_x: Scalar, sill_top_z: Scalar, belt_z: Scalar, nose_top_z: Scalar,
              deck_z: Scalar, width: Scalar, mass_kg: Scalar, closures_front_kg: Scalar,
              closures_rear_kg: Scalar, front_share: float = BODY_SHARES["front"],
              rear_share: float = BODY_SHARES["rear"], wall: Scalar = 25.0
              ) -> list[Component]:
    """A roadster's steel monocoque: a front body from the nose to the front bulkhead (the
    cowl, under the windscreen), a rear body from the rear bulkhead (behind the seats) to the
    tail, the floor pan and two sills between them. Both bodies are hollow shells from their
    side profiles; their bolted-on closures (bonnet, front wings, boot or engine lid) are in
    their masses.

    The shells have no wheel arches cut out: the front and rear wheels (tyres, rims, hubs)
    may overlap them (their ``touches``).

    Args:
        nose_x: the body's front end, mm (the front bumper sits ahead of it).
        tail_x: its rear end, mm.
        floor_z: the underside of the floor, mm.
        cowl_x: the front bulkhead, where the windscreen stands, mm.
        bulkhead_x: the rear bulkhead behind the seats, mm.
        sill_top_z: the sills' top, mm.
        belt_z: the beltline: the cowl's and the doors' top, mm.
        nose_top_z: the bonnet's front edge, mm.
        deck_z: the rear deck, mm.
        width: across the body, mm.
        mass_kg: the body-in-white without closures, kg, shared out by :data:`BODY_SHARES`
            (the windscreen frame's share goes to :func:`roadster_windscreen`).
        closures_front_kg: bonnet and bolted-on front wings, kg (estimate).
        closures_rear_kg: boot or engine lid and rear trim panels, kg (estimate).
        front_share: the front body's share of ``mass_kg`` (a front-engined car's front
            structure carries the engine; a mid-engined car's rear one does); the floor and
            sills keep theirs, and the rear body takes what the front does not.
        rear_share: the rear body's share, with ``front_share`` summing to the
            :data:`BODY_SHARES` default's front + rear.
        wall: the shells' wall thickness, mm.

    Returns:
        ``body_front``, ``body_rear``, ``floor_pan``, ``sill_left``, ``sill_right``.
    """
    if abs(front_share + rear_share - BODY_SHARES["front"] - BODY_SHARES["rear"]) > 1e-9:
        raise ParameterError(f"'front_share' + 'rear_share' must be "
                             f"{BODY_SHARES['front'] + BODY_SHARES['rear']:.2f} (got "
                             f"{front_share + rear_share:.3f})", name="front_share",
                             value=front_share)
    steel = material("steel")
    half = 0.5 * width
    front = Prism([(cowl_x, floor_z), (nose_x - 60.0, floor_z), (nose_x, floor_z + 120.0),
                   (nose_x, nose_top_z - 60.0), (nose_x - 120.0, nose_top_z), (cowl_x, belt_z)],
                  plane="xz", extent=(-half, half), wall=wall)
    rear = Prism([(bulkhead_x, floor_z), (bulkhead_x, belt_z), (bulkhead_x - 200.0, deck_z),
                  (tail_x + 100.0, deck_z), (tail_x, deck_z - 100.0), (tail_x, floor_z + 150.0),
                  (tail_x + 150.0, floor_z)], plane="xz", extent=(-half, half), wall=wall)
    length = cowl_x - bulkhead_x
    mid_x = 0.5 * (cowl_x + bulkhead_x)
    floor = Box(size=(length, width - 2.0 * _SILL_WIDTH_MM, _FLOOR_MM))
    sill = Box(size=(length, _SILL_WIDTH_MM, sill_top_z - floor_z))
    paint = PAINT["body"]
    # The shells are side profiles extruded across the car, without the wheel arches cut out
    # of them: the wheels run inside them, where the arches would be.
    return [
        Component("body_front", "body", front, steel,
                  mass_kg=front_share * mass_kg + closures_front_kg, colour=paint,
                  touches=("tyre_front_*", "rim_front_*", "hub_front_*")),
        Component("body_rear", "body", rear, steel,
                  mass_kg=rear_share * mass_kg + closures_rear_kg, colour=paint,
                  touches=("tyre_rear_*", "rim_rear_*", "hub_rear_*")),
        Component("floor_pan", "body", floor, steel,
                  Placement.at(mid_x, 0.0, floor_z + 0.5 * _FLOOR_MM),
                  mass_kg=BODY_SHARES["floor"] * mass_kg, colour=PAINT["chassis"]),
        *pair(Component("sill_{side}", "body", sill, steel,
                        Placement.at(mid_x, half - 0.5 * _SILL_WIDTH_MM,
                                     0.5 * (floor_z + sill_top_z)),
                        mass_kg=BODY_SHARES["sill"] * mass_kg, colour=paint)),
    ]


def windscreen_header_x(*, cowl_x: Scalar, belt_z: Scalar, top_z: Scalar,
                        rake_deg: Scalar) -> Scalar:
    """The rear edge of :func:`roadster_windscreen`'s header, mm: where a roof starts."""
    return cowl_x - (top_z - 40.0 - belt_z) * np.tan(np.radians(rake_deg)) - 60.0


def roadster_windscreen(*, cowl_x: Scalar, belt_z: Scalar, top_z: Scalar, rake_deg: Scalar,
                        width: Scalar, frame_mass_kg: Scalar) -> list[Component]:
    """The windscreen, raked ``rake_deg`` from the vertical from the cowl up to ``top_z``, in
    its frame: two A-pillars and the header (steel, mass explicit); the glass weighs its
    volume.

    Returns:
        ``windscreen`` (glass), ``a_pillar_left/right``, ``windscreen_header``; the header's
        rear edge is at :func:`windscreen_header_x`.
    """
    glass = material("glass")
    steel = material("steel")
    half = 0.5 * width
    rake = np.radians(rake_deg)
    t = np.tan(rake)
    run = (top_z - 40.0 - belt_z) * t
    nx, nz = np.cos(rake), np.sin(rake)
    screen = Prism([(cowl_x, belt_z), (cowl_x - run, top_z - 40.0),
                    (cowl_x - run - _GLASS_MM * nx, top_z - 40.0 - _GLASS_MM * nz),
                    (cowl_x - _GLASS_MM * nx, belt_z - _GLASS_MM * nz)],
                   plane="xz", extent=(-half + _PILLAR_MM, half - _PILLAR_MM))
    pillar = Prism([(cowl_x, belt_z), (cowl_x - run, top_z - 40.0),
                    (cowl_x - run - 60.0, top_z - 40.0), (cowl_x - 60.0, belt_z)],
                   plane="xz", extent=(half - _PILLAR_MM, half - 10.0))
    header = Box(size=(60.0, width - 20.0, 40.0))
    return [Component("windscreen", "glass", screen, glass),
            *pair(Component("a_pillar_{side}", "body", pillar, steel,
                            mass_kg=0.3 * frame_mass_kg, colour=PAINT["body"])),
            Component("windscreen_header", "body", header, steel,
                      Placement.at(cowl_x - run - 30.0, 0.0, top_z - 20.0),
                      mass_kg=0.4 * frame_mass_kg, colour=PAINT["body"])]


def roadster_doors(style: str, *, front_x: Scalar, rear_x: Scalar, sill_z: Scalar,
                   belt_z: Scalar, roof_z: Scalar, half_width: Scalar, mass_kg: Scalar,
                   hinge_y: Scalar = 150.0, open_deg: Scalar = 0.0) -> list[Component]:
    """A pair of doors with their glass, regulators and trim (mass explicit, each).

    ``"conventional"``: a slab from the sill to the beltline, its outer face on the body side
    (the side glass wound down). ``"gullwing"``: a section (its profile across the car) from
    the sill up the side, over the roof's edge to a hinge on the roof ``hinge_y`` from the
    centre line, swung up about the hinge by ``open_deg`` (0 closed). A door lies on the body
    when closed, so it counts toward the regulated envelope as the body does; opened, it
    sticks up and out as the car's real doors do.

    Args:
        style: ``"conventional"`` or ``"gullwing"`` (one value per batch).
        front_x: the door opening's front, mm.
        rear_x: its rear, mm.
        sill_z: the door's bottom edge (the sill top), mm.
        belt_z: the beltline, mm.
        roof_z: the roof's top, mm (gullwing doors reach it).
        half_width: the body side, mm from the centre line.
        mass_kg: one door, kg (estimate).
        hinge_y: gullwing hinge line, mm from the centre line.
        open_deg: gullwing opening angle, degrees.

    Returns:
        ``door_left``, ``door_right``.

    Raises:
        ParameterError: an unknown ``style``.
    """
    if style == "conventional":
        slab = Box(size=(front_x - rear_x, _DOOR_MM, belt_z - sill_z))
        door = Component("door_{side}", "body", slab, material("steel"),
                         Placement.at(0.5 * (front_x + rear_x), half_width - 0.5 * _DOOR_MM,
                                      0.5 * (sill_z + belt_z)),
                         mass_kg=mass_kg, colour=PAINT["body"])
        return pair(door)
    if style != "gullwing":
        raise ParameterError(f"'doors' must be one of {', '.join(map(repr, DOOR_STYLES))} "
                             f"(got {style!r:.200})", name="doors", value=style)
    # The section (y, z) closed, about the hinge: down the outside, in by the wall, back up.
    t = _GULLWING_MM
    tumble = 120.0  # the side glass leans in this much from the belt to the roof edge
    outer = [(0.0, 0.0), (half_width - tumble - hinge_y, 0.0),
             (half_width - hinge_y, belt_z - roof_z), (half_width - hinge_y, sill_z - roof_z)]
    inner = [(half_width - hinge_y - t, sill_z - roof_z),
             (half_width - hinge_y - t, belt_z - roof_z),
             (half_width - tumble - hinge_y - t * 0.7, -t), (0.0, -t)]
    pts = outer + inner
    a = np.radians(open_deg)
    c, s = np.cos(a), np.sin(a)
    section = [(hinge_y + c * u - s * v, roof_z + s * u + c * v) for u, v in pts]
    door = Component("door_{side}", "body", Prism(section, plane="yz",
                                                   extent=(rear_x, front_x)),
                     material("steel"), mass_kg=mass_kg, colour=PAINT["body"])
    return pair(door)


def roadster_roof(kind: str, *, stowed: bool, header_x: Scalar, rear_x: Scalar,
                  roof_z: Scalar, deck_z: Scalar, width: Scalar, stow_x: Scalar,
                  stow_z: Scalar, panel_mass_kg: Scalar, rear_mass_kg: Scalar,
                  centre_width: Scalar = 300.0,
                  stow_width: Scalar | None = None) -> list[Component]:
    """A roadster's roof as parts, up (closed) or stowed; the same parts with the same
    masses either way, so opening the roof moves mass, never adds or removes it.

    The roof is a panel over the cockpit from the windscreen header back to the rear section,
    and a rear section (the rear window in its frame, or the fabric hood's rear part) standing
    behind the seats from the deck to the roof. Stowed, by kind (see :data:`ROOF_KINDS`):

    - ``soft_top``: the hood folds into a bundle on the deck behind the seats;
    - ``targa``: the fabric panel, rolled up across the car, lies in the front compartment at
      ``stow_x``; the rear section stays up as the fixed hoop;
    - ``removable_panels``: two panels (left and right halves) lie stacked in the boot at
      ``stow_x``; the rear section folds down flat behind the seats;
    - ``hardtop_folding``: panel and rear section lie stacked in the boot at ``stow_x``;
    - ``fixed``: cannot be stowed.

    Args:
        kind: one of :data:`ROOF_KINDS` (one value per batch).
        stowed: whether the roof is open (its parts stowed).
        header_x: the windscreen header's rear edge, mm.
        rear_x: the rear section's front face, mm.
        roof_z: the roof's top, mm.
        deck_z: the deck the rear section stands on, mm.
        width: across the roof, mm.
        stow_x: the middle of the stowage space (boot or front compartment), mm.
        stow_z: its floor, mm.
        panel_mass_kg: the roof panel(s), kg, all together (estimate).
        rear_mass_kg: the rear section, kg (estimate).
        centre_width: a fixed roof's centre spine between gullwing hinges, mm.
        stow_width: a stowed targa panel's roll, end to end across the car, mm; ``None`` for
            the panel's width (``width`` − 60). A front compartment between the wheel houses
            may take less: the panel then rolls up with its sides folded in.

    Returns:
        ``roof_panel`` (or ``roof_panel_left/right``) and ``roof_rear_section``.

    Raises:
        ParameterError: an unknown kind, or a fixed roof stowed (about ``top``).
    """
    if kind not in ROOF_KINDS:
        raise ParameterError(f"'roof' must be one of {', '.join(map(repr, ROOF_KINDS))} "
                             f"(got {kind!r:.200})", name="roof", value=kind)
    if kind == "fixed" and stowed:
        raise ParameterError("'top' must be 'closed' with a fixed roof (got 'open')",
                             name="top", value="open")
    fabric = material("plastic")
    panel_mat = material("steel") if kind in ("fixed", "hardtop_folding") \
        else material("aluminium") if kind == "removable_panels" else fabric
    colour = PAINT["accent"] if kind in ("soft_top", "targa") else PAINT["body"]
    length = header_x - rear_x
    section_h = roof_z - deck_z
    rear = Box(size=(_REAR_SECTION_MM, width - 100.0, section_h))
    rear_up = Placement.at(rear_x - 0.5 * _REAR_SECTION_MM, 0.0, deck_z + 0.5 * section_h)
    if kind == "fixed":  # a coupé: the centre spine between the gullwing hinges
        spine = Box(size=(length, centre_width, _ROOF_MM))
        return [Component("roof_panel", "body", spine, panel_mat,
                          Placement.at(rear_x + 0.5 * length, 0.0, roof_z - 0.5 * _ROOF_MM),
                          mass_kg=panel_mass_kg, colour=colour),
                Component("roof_rear_section", "body", rear, material("glass"), rear_up,
                          mass_kg=rear_mass_kg, colour=PAINT["body"])]
    if kind == "removable_panels":
        panel = Box(size=(length, 0.5 * width - 60.0, _ROOF_MM))
        y = 0.25 * width - 30.0
        up = Placement.at(rear_x + 0.5 * length, y, roof_z - 0.5 * _ROOF_MM)
        left = Component("roof_panel_{side}", "body", panel, panel_mat, up,
                         mass_kg=0.5 * panel_mass_kg, colour=colour)
        panels = pair(left)
        if stowed:  # stacked in the boot, both centred, the left one on the right one
            panels = [c.replace(placement=Placement.at(stow_x, 0.0, stow_z + k * _ROOF_MM))
                      for c, k in zip(panels, (1.5, 0.5))]
    else:
        panel = Box(size=(length, width - 60.0, _ROOF_MM))
        up = Placement.at(rear_x + 0.5 * length, 0.0, roof_z - 0.5 * _ROOF_MM)
        if kind == "soft_top":  # folded: the hood's bundle on the deck behind the seats
            down = Placement.at(rear_x - _REAR_SECTION_MM - 0.5 * length, 0.0,
                                deck_z + 2.5 * _ROOF_MM)
        else:  # targa, front compartment; hardtop, boot (under the rear section)
            down = Placement.at(stow_x, 0.0, stow_z + 0.5 * _ROOF_MM)
        if kind == "targa" and stowed:
            # The fabric panel rolls up across the car into a roll (same mass, explicit).
            roll_half = 0.5 * (width - 60.0 if stow_width is None else stow_width)
            roll = Cylinder(start=(0.0, -roll_half, 0.0), end=(0.0, roll_half, 0.0),
                            radius=_TARGA_ROLL_MM)
            panel, down = roll, Placement.at(stow_x, 0.0, stow_z + _TARGA_ROLL_MM)
        panels = [Component("roof_panel", "body", panel, panel_mat, down if stowed else up,
                            mass_kg=panel_mass_kg, colour=colour)]
    if stowed and kind in ("removable_panels", "hardtop_folding", "soft_top"):
        # Folded flat: a quarter-turn about y lays the section on its back.
        if kind == "hardtop_folding":
            at = Placement.at(stow_x, 0.0,
                              stow_z + _ROOF_MM + 0.5 * _REAR_SECTION_MM, turns=(0, 1, 0))
        else:
            at = Placement.at(rear_x - 0.5 * section_h, 0.0,
                              deck_z + 0.5 * _REAR_SECTION_MM, turns=(0, 1, 0))
        rear_at = at
    else:
        rear_at = rear_up
    rear_mat = fabric if kind == "soft_top" else material("glass")
    return panels + [Component("roof_rear_section", "body", rear, rear_mat, rear_at,
                               mass_kg=rear_mass_kg, colour=colour)]


def propshaft(*, x_front: Scalar, x_rear: Scalar, z: Scalar, mass_kg: Scalar = 8.0
              ) -> Component:
    """A propeller shaft along x at height ``z`` from the gearbox to the final drive (steel
    tube with its joints; mass an estimate)."""
    tube = Cylinder(start=(x_front, 0.0, z), end=(x_rear, 0.0, z), radius=32.0)
    return Component("propshaft", "powertrain", tube, material("steel"), mass_kg=mass_kg,
                     colour=PAINT["chassis"])


def final_drive(*, x: Scalar, z: Scalar, mass_kg: Scalar = 16.0,
                shaft_half_length: Scalar = 500.0, shaft_mass_kg: Scalar = 4.0
                ) -> list[Component]:
    """An independent rear axle's final drive (differential on the body, pinion along x) and
    its two drive shafts to the hubs (masses estimates).

    Returns:
        ``differential``, ``drive_shaft_left``, ``drive_shaft_right``. A drive shaft's outer
        joint sits in the hub carrier, which is part of the rear suspension's arm
        (``rear_suspension_left/right``, :func:`~keidesign.parts.trailing_arms`): that overlap
        is a joint, declared in ``touches``.
    """
    steel = material("steel")
    housing = Revolution([(0.0, -150.0), (55.0, -150.0), (65.0, -90.0), (120.0, -40.0),
                          (120.0, 50.0), (85.0, 100.0), (0.0, 100.0)], axis="x")
    shaft = Cylinder(start=(0.0, 130.0, 0.0), end=(0.0, shaft_half_length, 0.0), radius=15.0)
    return [Component("differential", "powertrain", housing, steel, Placement.at(x, 0.0, z),
                      mass_kg=mass_kg, colour=PAINT["transmission"]),
            *pair(Component("drive_shaft_{side}", "powertrain", shaft, steel,
                            Placement.at(x, 0.0, z), mass_kg=shaft_mass_kg,
                            colour=PAINT["chassis"], touches=("rear_suspension_{side}",)))]


def roadster_cockpit(*, cowl_x: Scalar, bulkhead_x: Scalar, floor_z: Scalar,
                     floor_plate: Scalar, body_width: Scalar, belt_z: Scalar,
                     h_point: tuple[Scalar, Scalar], seat_spacing: Scalar,
                     dashboard_mass_kg: Scalar, trim_mass_kg: Scalar, seat_mass_kg: Scalar,
                     wall: Scalar = 25.0, occupant_width: Scalar = 400.0,
                     occupant_outboard: Scalar = 0.0) -> list[Component]:
    """A two-seat roadster's cockpit between the cowl and the rear bulkhead: dashboard with
    its steering wheel, floor trim, two bucket seats and their 55 kg occupants (the driver on
    the right, y < 0), heels on the floor.

    Args:
        cowl_x: the dashboard's front (the windscreen's base), mm.
        bulkhead_x: the rear bulkhead, mm.
        floor_z: the floor pan's underside, mm.
        floor_plate: the floor pan's thickness, mm (the trim lies on it).
        body_width: mm.
        belt_z: the beltline, mm (the dashboard's top).
        h_point: (x, z) of both seats' H-points, mm.
        seat_spacing: between the seats' centres, mm.
        dashboard_mass_kg: dashboard with crossbeam, heater and instruments.
        trim_mass_kg: carpets, trim, deadening and wiring (foam slab on the floor).
        seat_mass_kg: one seat with its rails and belt.
        wall: the body side's thickness, mm.
        occupant_width: across each occupant, mm (see :func:`occupant`).
        occupant_outboard: how far each occupant sits outboard of its seat's centre, mm.

    Returns:
        ``dashboard`` and ``steering_wheel``, ``interior_trim``, ``seat_driver``,
        ``seat_passenger``, ``driver`` and ``passenger``.
    """
    h_x, h_z = h_point
    seat_y = 0.5 * seat_spacing
    out = list(dashboard(front_x=cowl_x, width=body_width - 2.0 * wall - 150.0,
                         z_bottom=belt_z - 260.0, depth=280.0, height=260.0,
                         wheel_x=h_x + 470.0, wheel_y=-seat_y, wheel_z=h_z + 330.0,
                         mass_kg=dashboard_mass_kg, wheel_diameter=350.0))
    out.append(Component("interior_trim", "interior",
                         Box(size=(cowl_x - bulkhead_x, body_width - 280.0, 15.0)),
                         material("foam"),
                         Placement.at(0.5 * (cowl_x + bulkhead_x), 0.0,
                                      floor_z + floor_plate + 7.5),
                         mass_kg=trim_mass_kg, colour=PAINT["seat"]))
    for side, y in (("driver", -seat_y), ("passenger", seat_y)):
        out.append(bucket_seat(f"seat_{side}", h_point=(h_x, y, h_z), mass_kg=seat_mass_kg,
                               width=440.0, seat_material="foam"))
        outboard = np.sign(y) * occupant_outboard
        out.append(occupant(side, h_point=(h_x, y + outboard, h_z), load=side,
                            heel_drop=h_z - floor_z - floor_plate - 15.0, width=occupant_width))
    return out
