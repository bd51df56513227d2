"""A kei truck in the style of the Daihatsu Hijet Truck S500P (2014-), built from the parts kit.

Defaults reproduce the published truck (``tests/data/kei_reference.json``): 3395 × 1475 × 1780 mm,
wheelbase 1900, track 1305/1300, 145R12 tyres, 2030 × 1410 bed with its floor 660 above
ground, kerb mass in the 740–810 kg range, 63 % of it on the front axle. Positions follow the
cab-over layout: the cab over the front axle, the engine (Daihatsu KF, longitudinal) in a box
under the seats, the gearbox behind it driving a live rear axle on leaf springs.

Packaging (each a stated estimate where no figure is published): the frame rails step inboard
under the cab (:data:`~keidesign.parts.frame.FRONT_RAIL_SPACING_MM`), where the front tyres
sweep at full lock, and the seat box houses those tyres at full bump; the bed's sills stand on
the rails, clear of the rear tyres and of anything rising between the rails; an engine under
the bed (``midship``, ``rear``) lies on its side below the flat floor and drives through a
transaxle; the spare lies under the bed where it fits (in the bed, behind the cage, with bed
seats); the payload takes whatever bed floor is free, its rated mass unchanged.

Masses: the engine's from the catalogue (KF: 47 kg dry, published; plus ancillaries); tyres,
rims, frame, springs, cage tubes, exhaust pipe, tank and fuel from their volumes and
materials; the rest are stated estimates (parameters, or the parts' defaults). Heights are
those of the truck on its reference 145R12 tyres without lift; ``lift`` and bigger tyres raise
every sprung part by the lift plus the change in tyre radius.

Options (the Hijet range and the Tokyo Auto Salon 2026 builds, see
:mod:`keidesign.parts.accessories`):

- ``roof="high"``: the Jumbo cab, ``high_roof_rise`` higher (1885 against 1780 mm) and
  ``high_roof_extension`` longer (the Jumbo's bed is 1650 mm against 2030 at the same 3395 mm
  overall length), the extension taken from the bed. The cab's mass scales with its shell's
  steel (doors aside); the bed's floor and sides with its length.
- ``drive="4wd"``: transfer case, front propeller shaft, front differential and drive shafts
  (about 40 kg, estimates).
- ``bed_seats="two_caged"``: two bucket seats with occupants in the bed inside a roll cage
  (four seats: ``keidesign check`` reports the kei truck's limit of two).
- ``doors="pipe"``, ``bull_bar``, ``roll_bar``, ``snorkel``, ``roof_lamps``,
  ``cargo_carrier``: the show trucks' equipment. Everything fixed to the truck counts toward
  the regulated envelope; occupants and the carrier (cargo) do not.

A sweep may vary any option: it evaluates the designs of each option together (see
:func:`keidesign.sweep.evaluate.choice_groups`), since an option adds or removes parts.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept, option, pick
from keidesign.layout import Component, Parts, VehicleFacts
from keidesign.parameters.spec import choice, length, number
from keidesign.parts import (
    ENGINES,
    OCCUPANT_HEAD_MM,
    RAIL_SPACING_MM,
    battery,
    beam_axle,
    bed,
    bench_seat,
    bull_bar,
    bumper,
    cab,
    cab_profile,
    caged_bed_seats,
    cargo_carrier,
    catalogue_figure,
    dashboard,
    door_mirrors,
    exhaust,
    four_wheel_drive,
    fuel_tank,
    ladder_frame,
    leaf_springs,
    occupant,
    parse_tyre,
    payload,
    pipe_doors,
    powertrain,
    radiator,
    roll_bar,
    roof_lamps,
    snorkel,
    steering_rack,
    strut_suspension,
    tyre_radius_mm,
    tyres_clear_rails,
    wheel,
    wheels,
)
from keidesign.parts.body import roof_length
from keidesign.parts.frame import FRONT_RAIL_SPACING_MM
from keidesign.shapes import Box, Placement, Prism

__all__ = ["CabOverTruck"]

#: The tyre the published heights are measured on.
REFERENCE_TYRE = "145R12"
_RAIL_HEIGHT = 100.0
_RAIL_KICK_X = -450.0  # the rails step inboard ahead of this: clear of a 16-in tyre's reach
_CAB_WALL = 25.0
#: The seat box's front, ahead of the H-point: it houses the front tyres, which at full bump
#: rise above the footwell floor within 130 mm of the axle.
_SEAT_BOX_AHEAD = 300.0
_TANK_LENGTH = 600.0
_GEARBOX_LENGTH = 330.0  # keidesign.parts.powertrain's default
_DOOR_KG = 12.0  # one panel door without its glass: skins, regulator, latch, trim (estimate)
_MIN_BED = 1000.0  # the shortest bed a high-roof cab may leave
_CARRIER_LENGTH = 1200.0  # the tracked carrier (keidesign.parts.cargo_carrier's default)
#: The bed floor a tracked carrier needs: the winch's 250 mm, the carrier and 100 mm of payload
#: behind it.
_CARRIER_BED = 1600.0
#: Bed seats' H-point setback + the spare's width + this ≤ the bed floor's length: the cage's
#: hoop 550 mm behind the H-points, the spare standing behind it and 100 mm of payload.
_CAGE_TO_TAILGATE = 730.0


class CabOverTruck(Concept):
    """Cab-over kei truck: cab over the front axle, ladder frame, open bed.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "cab-over-truck"
    title: ClassVar[str] = "Cab-over kei truck (Daihatsu Hijet S500P style)"

    wheelbase: float = length(1900, 1600, 2300, "front-axle to rear-axle distance")
    track_front: float = length(1305, 1000, 1700, "front wheel centre-to-centre distance")
    track_rear: float = length(1300, 1000, 1700, "rear wheel centre-to-centre distance")
    front_overhang: float = length(660, 400, 1000, "front axle to the front of the cab")
    cab_length: float = length(1345, 1000, 1800, "cab length, front face to back wall")
    cab_width: float = length(1475, 1200, 1700, "cab width over the body")
    cab_height: float = length(1780, 1500, 2200, "roof height above the ground (stock)")
    cab_floor_height: float = length(600, 400, 800, "cab floor above the ground (stock)")
    beltline_height: float = length(1040, 800, 1400, "windscreen base above the ground (stock)")
    windscreen_rake: float = number(22, 0, 60, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(930, 700, 1200, "seat H-point above the ground (stock)")
    seat_h_point_setback: float = length(150, -200, 600, "seat H-point behind the front axle")
    bed_length: float = length(2030, 1200, 2600, "bed floor length")
    bed_width: float = length(1410, 1100, 1600, "bed floor width between the sides")
    bed_floor_height: float = length(660, 500, 900, "bed floor above the ground (stock)")
    bed_side_height: float = length(285, 150, 600, "height of the bed sides and tailgate")
    frame_height: float = length(300, 150, 500, "frame-rail bottom above the ground (stock)")
    lift: float = length(0, 0, 300, "suspension lift: every sprung part rises by it")
    tyre_width: float = length(145, 125, 245, "tyre section width")
    tyre_aspect: float = number(82, 40, 90, "%", "tyre aspect ratio (82 when the size has none)")
    rim_diameter: float = number(12, 10, 17, "in", "rim diameter")
    engine: str = choice("KF", tuple(ENGINES), "engine from the catalogue (see keidesign.parts."
                         "ENGINES: displacement, mass, size)")
    turbo: str = choice("no", ("no", "yes"), "turbocharged (adds the turbo's mass)")
    engine_position: str = choice("under_seat", ("under_seat", "midship", "rear"),
                                  "under_seat (Hijet, Carry), midship (Acty: ahead of the rear "
                                  "axle) or rear (Sambar: behind the rear axle)")
    engine_shift: float = length(0, -300, 300,
                                 "engine moved rearward (+) or forward (−) from its position")
    transmission_mass: float = number(32, 15, 80, "kg", "gearbox (4WD adds its transfer case)")
    fuel_tank_volume: float = number(35, 15, 60, "L", "fuel tank capacity, full in every load case")
    cab_mass: float = number(190, 100, 350, "kg", "cab with doors, glass and trim")
    bed_mass: float = number(102, 40, 200, "kg", "bed floor, sills, sides, tailgate and headboard")
    seat_mass: float = number(13, 5, 30, "kg", "one seat with its rails")
    rated_payload: float = number(350, 0, 500, "kg", "payload of the full load case")
    max_steer_deg: float = number(31.9, 15, 50, "deg", "outer front wheel's angle at full "
                                  "lock (31.9°: the Hijet's published 3.6 m turning radius at "
                                  "its 1900 mm wheelbase, asin(1.9/3.6))")
    bump_travel_mm: float = length(80, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a kei truck's front strut and rear leaf jounce)")
    roof: str = choice("standard", ("standard", "high"),
                       "standard cab, or the high-roof (Jumbo) cab: higher and longer")
    high_roof_rise: float = length(105, 0, 300, "how much higher the high roof is")
    high_roof_extension: float = length(380, 0, 800, "how much longer the high-roof cab is, "
                                        "taken from the bed")
    drive: str = choice("2wd", ("2wd", "4wd"), "rear-wheel drive, or part-time four-wheel "
                        "drive (transfer case, front differential and drive shafts)")
    bed_seats: str = choice("none", ("none", "two_caged"),
                            "two bucket seats with occupants in the bed inside a roll cage")
    bed_seat_setback: float = length(1000, 900, 1400, "bed seats' H-point behind the headboard")
    doors: str = choice("panel", ("panel", "pipe"), "panel doors with glass, or steel-pipe "
                        "half doors")
    bull_bar: str = choice("no", ("no", "yes"), "a tubular bull bar ahead of the front bumper")
    roll_bar: str = choice("no", ("no", "yes"), "a roll bar across the bed behind the cab")
    snorkel: str = choice("no", ("no", "yes"), "a raised air intake up the cab's left side")
    roof_lamps: str = choice("no", ("no", "yes"), "four work lamps on a bar across the roof")
    cargo_carrier: str = choice("no", ("no", "yes"), "a tracked cargo carrier in the bed "
                                "(cargo) and its winch behind the headboard")
    carrier_mass: float = number(150, 50, 400, "kg", "the tracked cargo carrier")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        return [
            ("track_front", tyres_clear_rails(p.track_front, p.tyre_width),
             "leave the tyres clear of the frame rails (track_front − tyre_width > 980 mm)"),
            ("track_rear", tyres_clear_rails(p.track_rear, p.tyre_width),
             "leave the tyres clear of the frame rails (track_rear − tyre_width > 980 mm)"),
            ("cab_floor_height", p.cab_floor_height < p.seat_h_point_height - 300.0,
             "be at least 300 mm below the seat H-point (the seat box rises 90 mm or more)"),
            ("seat_h_point_setback", (p.front_overhang + p.seat_h_point_setback
                                      - _SEAT_BOX_AHEAD >= 300.0)
             & (p.cab_length - p.front_overhang - p.seat_h_point_setback
                + _SEAT_BOX_AHEAD >= 300.0),
             "leave a footwell and a seat box each at least 300 mm long in the cab"),
            ("cab_floor_height", p.cab_floor_height > p.frame_height + _RAIL_HEIGHT + 60.0,
             "sit on the frame rails (frame_height + 160 mm)"),
            ("beltline_height", (p.beltline_height > p.cab_floor_height + 200.0)
             & (p.beltline_height < p.cab_height - 300.0),
             "lie between 200 mm above the cab floor and 300 mm below the roof"),
            ("seat_h_point_height",
             p.seat_h_point_height + OCCUPANT_HEAD_MM + _CAB_WALL <= p.cab_height,
             f"leave room for an occupant's head under the roof (cab_height − "
             f"seat_h_point_height ≥ {OCCUPANT_HEAD_MM + _CAB_WALL:.0f} mm)"),
            ("wheelbase", p.cab_length + 20.0 + p.bed_length - p.front_overhang - p.wheelbase
             >= 480.0, "put the rear axle at least 480 mm ahead of the bed's end, where the "
             "leaf springs' rear eyes hang from the frame"),
            ("windscreen_rake", roof_length(p.cab_length, p.cab_height, p.beltline_height,
                                             p.windscreen_rake) > 200.0,
             "leave a roof at least 200 mm long behind the windscreen"),
            ("bed_floor_height", p.bed_floor_height > p.frame_height + _RAIL_HEIGHT + 140.0,
             "clear the frame rails and sills (frame_height + 240 mm)"),
            ("high_roof_extension", ~_is(p.roof, "high") | (p.bed_length - p.high_roof_extension
                                                            >= _MIN_BED),
             f"leave a bed floor at least {_MIN_BED:.0f} mm long behind a high-roof cab "
             f"(bed_length − high_roof_extension ≥ {_MIN_BED:.0f} mm)"),
            ("bed_seat_setback", ~_is(p.bed_seats, "two_caged")
             | (p.bed_seat_setback + p.tyre_width + _CAGE_TO_TAILGATE <= _bed_length(p)),
             f"leave room behind the bed cage's hoop for the spare wheel and the payload "
             f"(bed_seat_setback + tyre_width ≤ bed floor length − "
             f"{_CAGE_TO_TAILGATE:.0f} mm)"),
            ("cargo_carrier", ~_is(p.cargo_carrier, "yes") | (_bed_length(p) >= _CARRIER_BED),
             f"have a bed floor at least {_CARRIER_BED:.0f} mm long to ride on, with "
             f"payload behind it"),
            ("cargo_carrier", ~(_is(p.cargo_carrier, "yes") & _is(p.bed_seats, "two_caged")),
             "have the bed to itself (bed_seats = 'none')"),
            ("carrier_mass", ~_is(p.cargo_carrier, "yes") | (p.carrier_mass <= p.rated_payload),
             "be part of the rated payload (carrier_mass ≤ rated_payload)"),
        ]

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        wb = p.wheelbase
        radius = tyre_radius_mm(p.tyre_width, p.tyre_aspect, p.rim_diameter)
        rise = p.lift + radius - parse_tyre(REFERENCE_TYRE).radius_mm  # sprung parts
        high = option(p, "roof") == "high"
        pipe_doors_on = option(p, "doors") == "pipe"
        front = p.front_overhang
        cab_length = p.cab_length + (p.high_roof_extension if high else 0.0)
        cab_height = p.cab_height + (p.high_roof_rise if high else 0.0)
        bed_length = _bed_length(p)
        cab_back = front - cab_length
        bed_front = cab_back - 20.0
        rear = bed_front - bed_length
        cab_mass, bed_mass = p.cab_mass, p.bed_mass
        if high:  # the shell's steel grows with its surface; the bed's with its length
            cab_mass = _DOOR_KG * 2.0 + (cab_mass - 2.0 * _DOOR_KG) * (
                _shell_volume(p, cab_length, cab_height) / _shell_volume(p, p.cab_length,
                                                                        p.cab_height))
            bed_mass = bed_mass * (0.25 + 0.75 * bed_length / p.bed_length)
        if pipe_doors_on:
            cab_mass = cab_mass - 2.0 * _DOOR_KG
        frame_bottom = p.frame_height + rise
        frame_top = frame_bottom + _RAIL_HEIGHT
        floor = p.cab_floor_height + rise
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height + rise
        seat_box_z = h_z - 210.0
        wheel_inner = 0.5 * (p.track_front - p.tyre_width)

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width, p.tyre_aspect, p.rim_diameter)))
        # Powertrain: the engine longitudinal, its gearbox towards the driven rear axle.
        engine_x = pick(p.engine_position, {"under_seat": -420.0, "midship": -wb + 480.0,
                                            "rear": -wb - 330.0}) - p.engine_shift
        def by_layout(under_seat: Any, midship: Any, rear: Any) -> Any:
            return pick(p.engine_position, {"under_seat": under_seat, "midship": midship,
                                            "rear": rear})

        half_engine = 0.5 * catalogue_figure(p.engine, "length_mm")
        engine_front, engine_rear = engine_x + half_engine, engine_x - half_engine
        crank_z = frame_bottom + 20.0
        # The tank hangs between the rails on the left, ahead of the rear axle: its rear 300
        # mm ahead of the axle (clear of the leaf springs' front eyes) behind an engine under
        # the seats or behind the axle; ahead of a midship engine, a cross-member between.
        tank_front = by_layout(-wb + _TANK_LENGTH + 300.0, engine_front + _TANK_LENGTH + 70.0,
                               -wb + _TANK_LENGTH + 300.0)
        parts.add(ladder_frame(x_front=front - 120.0, x_rear=rear + 30.0, spacing=RAIL_SPACING_MM,
                               z_bottom=frame_bottom, height=_RAIL_HEIGHT,
                               front_spacing=FRONT_RAIL_SPACING_MM, narrow_x=_RAIL_KICK_X,
                               cross_members=(front - 250.0, tank_front + 35.0,
                                              tank_front - _TANK_LENGTH - 40.0, rear + 80.0)))
        # Suspension: struts at the front; a live axle on leaf springs hung under it.
        parts.add(strut_suspension(x=0.0, wheel_inner_y=wheel_inner, wheel_centre_z=radius,
                                   top_z=floor - 30.0, arm_mass_kg=10.0, strut_mass_kg=8.0))
        parts.add(steering_rack(x=120.0, z=frame_top + 40.0, half_length=wheel_inner - 150.0))
        rear_inner = 0.5 * (p.track_rear - p.tyre_width)
        parts.add(beam_axle(x=-wb, half_length=rear_inner + 0.5 * p.tyre_width - 90.0, z=radius))
        # The differential's pinion faces the gearbox, ahead of the axle in every layout here.
        parts.replace("differential", lambda c: c.replace(
            placement=Placement.at(-wb, 0.0, radius, turns=(0, 0, 2))))
        seat = radius - 40.0  # the springs' seat under the axle tube
        parts.add(leaf_springs(x_axle=-wb, y=0.5 * RAIL_SPACING_MM, seat_z=seat,
                               arch=np.maximum(frame_bottom - seat, 20.0)))
        # An engine under the bed lies on its side, its head to the right, to clear the flat
        # floor (an estimate: upright, it would stand through the floor; the model turns parts
        # in quarter-turns only). Its gearbox is a transaxle: the final drive in it is the
        # axle's differential, and the drive shafts leave it (the axle tubes stand for them).
        parts.add(powertrain(p.engine, x=engine_x, z=crank_z, mounting="longitudinal",
                             gearbox_side=pick(p.engine_position, {"under_seat": 1.0,
                                                                   "midship": 1.0,
                                                                   "rear": -1.0}),
                             turbo=np.equal(p.turbo, "yes"), gearbox_mass_kg=p.transmission_mass,
                             lean=np.where(np.equal(p.engine_position, "under_seat"), 0, -1)))
        # (In a batch mixing layouts the joint is declared for all: under the seats the
        # gearbox is a metre from the axle.)
        if np.isin(p.engine_position, ("midship", "rear")).any():
            for name in ("differential", "rear_axle_left", "rear_axle_right"):
                parts.replace(name, lambda c: c.touching("transmission"))
        # The exhaust runs low inside the rails to a muffler clear of the cross-members and
        # of the axle: from an engine under the seats back on the right to between the tank's
        # cross-members; from a midship engine's head straight forward to ahead of it; from
        # a rear engine's head round behind it to its left side. (Four points each; a
        # straight run's corners do not bend.)
        pipe_z = frame_bottom - 40.0
        muffler_x = by_layout(np.minimum(tank_front - 0.5 * _TANK_LENGTH - 2.5,
                                         engine_x - 650.0),
                              engine_front + 350.0, engine_rear + 215.0)
        muffler_y = by_layout(-330.0, -330.0, 300.0)
        pipe = [(by_layout(engine_x - 100.0, engine_front + 25.0, engine_rear - 25.0),
                 by_layout(-240.0, -330.0, -250.0), by_layout(crank_z - 60.0, pipe_z, pipe_z)),
                (by_layout(engine_x - 250.0, engine_front + 50.0, engine_rear - 120.0),
                 by_layout(-240.0, -330.0, -250.0), pipe_z),
                (by_layout(engine_x - 400.0, engine_front + 100.0, engine_rear - 120.0),
                 muffler_y, pipe_z),
                (muffler_x + by_layout(200.0, -200.0, -200.0), muffler_y, pipe_z)]
        parts.add(exhaust(points=pipe, muffler_x=muffler_x, muffler_y=muffler_y,
                          muffler_z=pipe_z))
        parts.add(radiator(x_front=front - 130.0, z_bottom=frame_bottom,
                           height=floor - _CAB_WALL - frame_bottom - 10.0))
        # Under the cab (ahead of a midship engine) the tank keeps inboard of the front rails.
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=tank_front,
                            y=by_layout(270.0, 190.0, 270.0),
                            z_top=frame_top - 20.0, length=_TANK_LENGTH))
        # The battery sits on the left rail under the seat box.
        parts.add(battery(x=h_x - 150.0, y=330.0, z_bottom=frame_top))
        # Cab, with the seat box over the engine; interior; bumpers and mirrors.
        parts.add(cab(front_x=front, back_x=cab_back, floor_z=floor,
                      belt_z=p.beltline_height + rise, roof_z=cab_height + rise,
                      width=p.cab_width, rake_deg=p.windscreen_rake, mass_kg=cab_mass,
                      wall=_CAB_WALL, seat_box=(h_x + _SEAT_BOX_AHEAD, seat_box_z),
                      side_glass=not pipe_doors_on))
        half_cab = 0.5 * p.cab_width
        parts.add(dashboard(front_x=front - _CAB_WALL, width=p.cab_width - 2.0 * _CAB_WALL - 20.0,
                            z_bottom=floor + 350.0, depth=300.0, height=230.0,
                            wheel_x=front - 420.0, wheel_y=-300.0, wheel_z=h_z + 330.0,
                            mass_kg=27.0))
        parts.add(bumper("front_bumper", x=front, facing=1, width=p.cab_width - 40.0,
                         z_bottom=frame_bottom + 60.0, height=floor - frame_bottom - 70.0,
                         mass_kg=6.0))
        parts.add(door_mirrors(x=front - 300.0, body_half_width=half_cab, z=h_z + 320.0))
        # Seats and occupants (Japan drives on the left: the driver sits on the right, y < 0).
        for side, y, who, load in (("driver", -300.0, "driver", "driver"),
                                   ("passenger", 300.0, "passenger", "passenger")):
            parts.add(bench_seat(f"seat_{side}", h_point=(h_x, y, h_z), mass_kg=p.seat_mass))
            parts.add(occupant(who, h_point=(h_x, y, h_z), load=load,
                               heel_drop=h_z - floor - _CAB_WALL))
        # Bed, rear bumper, spare wheel, payload on the free bed floor.
        bed_floor = p.bed_floor_height + rise
        headboard = bed_front - 30.0  # the headboard's rear face
        caged = option(p, "bed_seats") == "two_caged"
        carrier = option(p, "cargo_carrier") == "yes"
        four_wd = option(p, "drive") == "4wd"
        # The transfer case: beside the tail of an under-seat engine's gearbox (its front
        # output 240 mm ahead of the gearbox's end, the case clear of it on the left); ahead
        # of a midship or rear engine's gearbox or transaxle.
        transfer_x = engine_x + by_layout(-(half_engine + _GEARBOX_LENGTH - 120.0),
                                          half_engine + _GEARBOX_LENGTH + 120.0,
                                          half_engine + _GEARBOX_LENGTH + 120.0)
        # What rises above the rails between them, where no bed sill may cross: the
        # differential (higher still at full bump), the engine and gearbox, a transfer case.
        gearbox_ahead = np.equal(p.engine_position, "rear")
        keep_out = [(-wb - 110.0, -wb + 160.0),
                    (engine_rear - np.where(gearbox_ahead, 0.0, _GEARBOX_LENGTH),
                     engine_front + np.where(gearbox_ahead, _GEARBOX_LENGTH, 0.0))]
        if four_wd:
            keep_out.append((transfer_x - 120.0, transfer_x + 120.0))
        parts.add(_bed_on_rails(bed(front_x=bed_front, length=bed_length, width=p.bed_width,
                                    floor_z=bed_floor, sill_bottom_z=frame_top,
                                    side_height=p.bed_side_height, mass_kg=bed_mass),
                                keep_out))
        parts.add(bumper("rear_bumper", x=rear, facing=-1, width=p.bed_width,
                         z_bottom=frame_bottom, height=_RAIL_HEIGHT - 20.0, depth=60.0,
                         mass_kg=5.0))
        road_wheel = tuple(parts[f"{part}_front_left"].shape for part in ("tyre", "rim", "hub"))
        spare = wheel("spare", width=p.tyre_width, aspect=p.tyre_aspect, rim_in=p.rim_diameter,
                      x=0.0, y=0.0, side="left", hub_mass_kg=0.0, shapes=road_wheel)[:2]
        hoop_x = headboard - p.bed_seat_setback - 550.0  # the bed seats' cage hoop
        lying_z = frame_top - 30.0 - 0.5 * p.tyre_width
        if caged:
            # The cage takes the bed, and the spare stands in it behind the hoop.
            at = Placement.at(hoop_x - 35.0 - 0.5 * p.tyre_width, 0.0, bed_floor + radius,
                              turns=(0, 0, 1))
        else:
            # Lying between the rails behind the differential, ahead of the rear
            # cross-member; one too big for that hangs under the frame in the rear overhang,
            # below the cross-member and bumper, its rear 10 mm inside the bumper's face.
            # Behind a rear engine, which fills the overhang, it lies between the rails ahead
            # of the tank's front cross-member, under the seat box.
            between = rear + 115.0 + 2.0 * radius <= -wb - 125.0
            ahead = np.equal(p.engine_position, "rear")
            at = Placement.at(np.where(ahead, tank_front + 70.0,
                                       np.where(between, rear + 115.0, rear + 10.0)) + radius,
                              0.0, np.where(between | ahead, lying_z,
                                            frame_bottom - 10.0 - 0.5 * p.tyre_width),
                              turns=(1, 0, 0))
        parts.add(c.replace(placement=at) for c in spare)
        # The payload takes the free floor: behind the spare a cage leaves (between its rear
        # stays), or behind a cargo carrier; its rated mass is unchanged.
        payload_x, payload_width = (rear + 5.0, bed_front - 35.0), p.bed_width - 10.0
        if caged:
            payload_x = (rear + 5.0, hoop_x - 45.0 - p.tyre_width)
            payload_width = p.bed_width - 180.0
        elif carrier:
            payload_x = (rear + 5.0, headboard - 260.0 - _CARRIER_LENGTH)
        parts.add(payload(x=payload_x, width=payload_width, floor_z=bed_floor,
                          mass_kg=p.rated_payload - (p.carrier_mass if carrier else 0.0)))
        # Options: the Hijet range's and the show trucks' equipment.
        roof_z = cab_height + rise
        seats = 2
        if four_wd:
            # The front differential inboard of the front rails, its propeller shaft angled
            # in from the case.
            parts.add(four_wheel_drive(transfer_x=transfer_x, transfer_z=crank_z,
                                       shaft_y=260.0, diff_y=200.0, diff_z=radius - 20.0,
                                       wheel_centre_z=radius, track_front=p.track_front))
        if option(p, "bed_seats") == "two_caged":
            parts.add(caged_bed_seats(headboard_x=headboard, rear_x=rear, floor_z=bed_floor,
                                      half_width=0.5 * p.bed_width - 60.0,
                                      setback=p.bed_seat_setback))
            seats = 4
        if pipe_doors_on:
            parts.add(pipe_doors(front_x=front - 220.0, rear_x=cab_back + 160.0,
                                 bottom_z=floor + 60.0, top_z=p.beltline_height + rise,
                                 half_width=half_cab))
        if option(p, "bull_bar") == "yes":
            parts.add(bull_bar(bumper_x=front, z_bottom=frame_bottom, z_top=floor + 280.0,
                               half_width=0.5 * FRONT_RAIL_SPACING_MM,
                               mount_x=front - 120.0))
        if option(p, "roll_bar") == "yes":
            parts.add(roll_bar(x=headboard - 150.0, half_width=0.5 * p.bed_width - 60.0,
                               base_z=bed_floor, top_z=roof_z - 60.0))
        if option(p, "snorkel") == "yes":
            parts.add(snorkel(x=front - 330.0, body_y=half_cab, z_bottom=frame_top + 150.0,
                              z_top=roof_z - 80.0))
        if option(p, "roof_lamps") == "yes":
            parts.add(roof_lamps(x=front - 380.0, roof_z=roof_z, half_width=half_cab - 120.0))
        if carrier:
            parts.add(cargo_carrier(headboard_x=headboard, floor_z=bed_floor,
                                    mass_kg=p.carrier_mass, length=_CARRIER_LENGTH))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=seats, rated_payload_kg=p.rated_payload, is_truck=True,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts


def _bed_on_rails(parts: list[Component], keep_out: list[tuple[Any, Any]]
                  ) -> list[Component]:
    """The bed's parts (:func:`keidesign.parts.bed`) fitted to this frame and its wheels.

    The sills stand on the rails, as wide as the frame over its flanges (not out over the rear
    tyres), and none crosses what rises above the rails between them (``keep_out``: x-ranges
    as (x, x) pairs, mm): a sill there moves to the nearer side, 10 mm clear. The floor is a
    ribbed pressed-steel deck 30 mm deep (an estimate), not a 40 mm slab: with the 660 mm
    floor and 145R12 tyres it clears the rear tyres at full bump; the sides and sills reach
    its underside. Masses are the bed's shares, unchanged.
    """
    out = []
    merged: dict[float, list[tuple[Any, Any]]] = {}  # by the sills' clearance (one for all)
    for c in parts:
        if c.name.startswith("bed_sill_"):
            sx, _, sz = c.shape.size
            clear = 0.5 * sx + 10.0
            spans = merged.get(clear) if np.ndim(clear) == 0 else None
            if spans is None:
                spans = _merged_spans(keep_out, clear)
                if np.ndim(clear) == 0:
                    merged[clear] = spans
            x = x0 = c.placement.translation[0]
            for lo, hi in spans:
                x = np.where((x > lo) & (x < hi), np.where(x - lo < hi - x, lo, hi), x)
            c = c.replace(shape=Box(size=(sx, RAIL_SPACING_MM + 50.0, sz + 10.0)),
                          placement=c.placement.moved(dx=x - x0, dz=5.0))
        elif c.name == "bed_floor" or c.name.startswith("bed_side_"):
            sx, sy, sz = c.shape.size
            c = c.replace(shape=Box(size=(sx, sy, sz - 10.0)), placement=c.placement.moved(dz=5.0))
        out.append(c)
    return out


def _merged_spans(keep_out: list[tuple[Any, Any]], clear: Any) -> list[tuple[Any, Any]]:
    """The ``keep_out`` x-ranges grown by ``clear`` either side, mm, those that meet merged
    into one (in every design: floats or (N,) arrays)."""
    spans = [(np.minimum(lo, hi) - clear, np.maximum(lo, hi) + clear) for lo, hi in keep_out]
    for _ in spans:  # ranges that meet become one, so a sill leaves them all
        for i, (a0, a1) in enumerate(spans):
            for j, (b0, b1) in enumerate(spans):
                if j == i:          # a range meets itself and is already as large
                    continue
                meet = (a0 <= b1) & (b0 <= a1)
                if not np.any(meet):
                    continue
                a0, a1 = np.where(meet, np.minimum(a0, b0), a0), np.where(
                    meet, np.maximum(a1, b1), a1)
            spans[i] = (a0, a1)
    return spans


def _is(value: Any, choice: str) -> Any:
    """Whether a choice parameter's value is ``choice``: a bool, or an (N,) bool array."""
    return np.equal(value, choice)


def _bed_length(p: Any) -> Any:
    """The bed floor's length behind the cab, mm: a high-roof cab takes its extension."""
    return p.bed_length - np.where(_is(p.roof, "high"), p.high_roof_extension, 0.0)


def _shell_volume(p: Any, cab_length: Any, cab_height: Any) -> Any:
    """The cab shell's wall volume for a length and height, mm³ (what its steel scales
    with)."""
    front = p.front_overhang
    h_x = -p.seat_h_point_setback
    profile = cab_profile(front_x=front, back_x=front - cab_length, floor_z=p.cab_floor_height,
                          belt_z=p.beltline_height, roof_z=cab_height,
                          rake_deg=p.windscreen_rake,
                          seat_box=(h_x + _SEAT_BOX_AHEAD, p.seat_h_point_height - 210.0))
    half = 0.5 * p.cab_width
    return Prism(profile, plane="xz", extent=(-half, half), wall=_CAB_WALL).properties(
    ).volume_mm3
