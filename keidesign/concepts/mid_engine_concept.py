"""The Toyota Gazoo Racing Hijet-based mid-engine concept (Tokyo Auto Salon 2026), as a kei
design study, built from the parts kit.

A narrow two-seat cabin, the engine and transaxle behind the seats and ahead of the rear axle, a
tubular roll cage (carbon by default), two bucket seats, wide-track wheels on wide slick-style
tyres, and a short cargo box behind kept mostly as a styling cue, all inside the 1998 kei box.
The show car's figures are not published: defaults are engineering estimates on the Hijet's
1900 mm wheelbase.

Mid-engine balance by layout. A Hijet with its engine moved behind the seats is not yet
mid-engined in balance: with the cab over the front axle (its people 150 mm behind it) most of
the weight stays on the front wheels (the under-seat Hijet carries 64 % on the front axle with a
driver). The defaults do what the show car's builders would:

- the cabin moves back: 400 mm ahead of the front axle instead of 660, the seats' H-points 645
  mm behind it (the Hijet's 150; as far back as the cage's main hoop behind the seat backs
  allows), so the people sit at 34 % of the wheelbase (the Hijet's people at 8 %);
- the engine sits right behind the seats, its centre 1480 mm behind the front axle (420 mm
  ahead of the rear axle), the transaxle reaching the axle line;
- the fuel tank lies under the seats and the cabin floor, between the frame rails;
- the cabin is stripped: the narrowed Hijet cab (1240 mm against 1475 mm wide) without trim,
  sound deadening or heater, with carbon doors: 115 kg against the stock cab's 190 (estimate:
  −25 kg for the narrower panels, −30 kg of trim and deadening, −20 kg for carbon doors);
- a carbon race dashboard (12 kg, estimate) instead of the stock one, and the battery under the
  cargo box floor at the back;
- the cargo box hangs behind the rear axle, a 1090 mm overhang: what it carries loads the rear.

At its defaults that gives about 47 % of the kerb mass (46.9 %) and 49 % with a driver on the
front axle (``keidesign check mid-engine-concept``), 15 points less than the Hijet in the same
load case.

Packaging the defaults keep clear (``keidesign check``): the front rails step in where the
front tyres sweep at full lock, flares arch over the tyres at full bump, the tank sits under
the cabin floor, the engine on its mounts over the cross-members and right of centre so its
transaxle stays inside the rails. The cabin shell is an extruded profile: the front wheels
run in its (not modelled) wheel houses.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept
from keidesign.layout import Component, Parts, VehicleFacts
from keidesign.parameters.spec import choice, length, number
from keidesign.parts import (
    ENGINES,
    OCCUPANT_HEAD_MM,
    RAIL_SPACING_MM,
    battery,
    bucket_seat,
    bumper,
    cab,
    catalogue_figure,
    dashboard,
    door_mirrors,
    exhaust,
    fuel_tank,
    ladder_frame,
    occupant,
    pair,
    payload,
    powertrain,
    radiator,
    roll_cage,
    strut_suspension,
    trailing_arms,
    tyre_radius_mm,
    wheels,
)
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement, Prism

__all__ = ["MidEngineConcept"]

_RAIL_HEIGHT = 100.0
_SHEET = 3.0  # cargo box aluminium sheet, mm
_CABIN_WALL = 25.0
_EXHAUST_REACH = 900.0  # engine centre to the muffler's rear end, mm
_TANK_LENGTH = 400.0  # under the seats, mm
_TANK_HEIGHT = 200.0  # from 10 mm under the cabin floor to 10 mm above the rails' underside
_RACE_DASH_KG = 12.0  # carbon dash panel, digital display, column and wheel (estimate)
_RAIL_FLANGE = 50.0  # the ladder frame's flange width (keidesign.parts.ladder_frame)
_STEER_CLEARANCE = 25.0  # the front rails inboard of the tyres' sweep at full lock, mm
_TRANSAXLE_MM = 280.0  # transaxle along the crank (estimate)
_ARCH_GAP = 40.0  # a flare's arch above the tyre at full bump, mm
_ARCH_MM = 60.0  # the flare's section, mm


class MidEngineConcept(Concept):
    """Mid-engine kei concept: engine behind the seats, ahead of the rear axle.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "mid-engine-concept"
    title: ClassVar[str] = "Mid-engine kei concept (TGR Hijet-based, TAS 2026)"

    wheelbase: float = length(1900, 1600, 2300, "front-axle to rear-axle distance")
    track_front: float = length(1280, 1000, 1700, "front wheel centre-to-centre distance")
    track_rear: float = length(1270, 1000, 1700, "rear wheel centre-to-centre distance")
    front_overhang: float = length(400, 400, 1000, "front axle to the front of the cabin")
    rear_overhang: float = length(1090, 400, 1200, "rear axle to the back of the cargo box")
    cabin_length: float = length(1600, 900, 1700, "cabin length, front face to back wall")
    cabin_width: float = length(1240, 1000, 1480, "cabin width (narrower than the body)")
    cabin_height: float = length(1480, 1100, 2000, "roof height above the ground")
    cabin_floor_height: float = length(420, 250, 700, "cabin floor above the ground")
    beltline_height: float = length(860, 500, 1300, "windscreen base above the ground")
    windscreen_rake: float = number(30, 0, 60, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(620, 400, 1000, "bucket-seat H-point above the ground")
    seat_h_point_setback: float = length(645, -200, 900, "seat H-point behind the front axle")
    seat_spacing: float = length(560, 400, 800, "lateral distance between the two seats")
    seat_mass: float = number(8, 4, 25, "kg", "one bucket seat with its harness")
    frame_height: float = length(200, 100, 400, "frame-rail bottom above the ground")
    tyre_width_front: float = length(185, 125, 275, "front tyre section width")
    tyre_width_rear: float = length(195, 125, 295, "rear tyre section width")
    tyre_aspect: float = number(50, 30, 80, "%", "tyre aspect ratio (sidewall / width)")
    rim_diameter: float = number(13, 10, 17, "in", "rim diameter")
    engine_setback: float = length(1480, 800, 1800,
                                   "engine centre behind the front axle (ahead of the rear axle)")
    engine: str = choice("KF", tuple(ENGINES), "engine from the catalogue")
    turbo: str = choice("yes", ("no", "yes"), "turbocharged (adds the turbo's mass)")
    transaxle_mass: float = number(30, 15, 80, "kg", "transaxle with differential")
    fuel_tank_volume: float = number(30, 10, 60, "L", "fuel tank capacity, full in every load case")
    cage_material: str = choice("carbon", ("carbon", "steel"), "roll-cage tube material")
    cage_tube_diameter: float = length(40, 25, 60, "roll-cage tube outside diameter")
    cage_tube_wall: float = length(2.5, 1, 6, "roll-cage tube wall thickness")
    cabin_mass: float = number(115, 60, 300, "kg",
                               "stripped cabin (narrowed Hijet cab) with carbon doors and glass")
    cargo_box_length: float = length(650, 300, 1200, "cargo box length (at the rear)")
    cargo_box_height: float = length(260, 100, 500, "cargo box side height")
    rated_payload: float = number(100, 0, 350, "kg", "payload of the full load case")
    max_steer_deg: float = number(30, 15, 50, "deg", "outer front wheel's angle at full lock "
                                  "(estimate: wide front tyres inside the flares)")
    bump_travel_mm: float = length(60, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a lowered track build's jounce)")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        # (A track that puts the tyres into the frame rails is a design that clashes: the
        # clash check names the tyres and rails, as it does the tyres' sweep at full lock.)
        return [
            # The transaxle may reach 100 mm past the axle line (its outputs sit on it). An
            # engine moved into the seats is a design that clashes (check says so), not a
            # parameter error.
            ("engine_setback", p.engine_setback + 500.0 < p.wheelbase + 100.0,
             "put the transaxle at the rear axle (engine_setback < wheelbase − 400 mm)"),
            ("cabin_floor_height", p.cabin_floor_height < p.seat_h_point_height - 190.0,
             "be at least 190 mm below the seat H-point"),
            ("seat_h_point_height",
             p.seat_h_point_height + OCCUPANT_HEAD_MM + _CABIN_WALL <= p.cabin_height,
             f"leave room for an occupant's head under the roof (cabin_height − "
             f"seat_h_point_height ≥ {OCCUPANT_HEAD_MM + _CABIN_WALL:.0f} mm)"),
            ("engine_setback", p.engine_setback + _EXHAUST_REACH <= p.wheelbase + p.rear_overhang,
             f"leave {_EXHAUST_REACH:.0f} mm behind the engine's centre for the exhaust and "
             f"its muffler (engine_setback ≤ wheelbase + rear_overhang − "
             f"{_EXHAUST_REACH:.0f} mm)"),
            ("cabin_floor_height", p.cabin_floor_height > p.frame_height + _RAIL_HEIGHT + 40.0,
             "sit on the frame rails (frame_height + 140 mm)"),
            ("beltline_height", (p.beltline_height > p.cabin_floor_height + 200.0)
             & (p.beltline_height < p.cabin_height - 300.0),
             "lie between 200 mm above the cabin floor and 300 mm below the roof"),
            ("windscreen_rake", p.cabin_length - (p.cabin_height - 60.0 - p.beltline_height)
             * np.tan(np.radians(p.windscreen_rake)) - 120.0 > 200.0,
             "leave a roof at least 200 mm long behind the windscreen"),
            ("cargo_box_length",
             p.cargo_box_length < p.wheelbase + p.rear_overhang - p.cabin_length
             + p.front_overhang - 700.0,
             "leave at least 700 mm between the cabin and the cargo box for the engine bay"),
        ]

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        wb = p.wheelbase
        front = p.front_overhang
        rear = -wb - p.rear_overhang
        cabin_back = front - p.cabin_length
        cargo_front = rear + p.cargo_box_length
        r_front = tyre_radius_mm(p.tyre_width_front, p.tyre_aspect, p.rim_diameter)
        r_rear = tyre_radius_mm(p.tyre_width_rear, p.tyre_aspect, p.rim_diameter)
        frame_bottom = p.frame_height
        frame_top = frame_bottom + _RAIL_HEIGHT
        floor = p.cabin_floor_height
        roof = p.cabin_height
        half_cabin = 0.5 * p.cabin_width
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height
        seat_y = 0.5 * p.seat_spacing
        engine_x = -p.engine_setback
        engine_height = catalogue_figure(p.engine, "height_mm")
        # The engine sits on mounts over the frame, its sump (0.30 of its height below the
        # crank) 10 mm above the cross-members' tops (20 mm below the rails' top).
        crank_z = frame_top - 10.0 + 0.30 * engine_height

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width_front, p.tyre_aspect, p.rim_diameter),
                         rear=(p.tyre_width_rear, p.tyre_aspect, p.rim_diameter),
                         rim_material="aluminium"))
        # Frame: the rails run RAIL_SPACING_MM apart under the cabin, the engine and the box.
        # A front tyre at full lock sweeps r sin δ + w/2 cos δ inboard of its centre plane,
        # across where they would run; so ahead of a 60 mm kick behind the front tyres the
        # rails step in to clear that sweep.
        lock = np.radians(p.max_steer_deg)
        sweep_y = 0.5 * p.track_front - (r_front * np.sin(lock)
                                         + 0.5 * p.tyre_width_front * np.cos(lock))
        nose_spacing = np.minimum(RAIL_SPACING_MM,
                                  2.0 * (sweep_y - _STEER_CLEARANCE) - _RAIL_FLANGE)
        parts.add(ladder_frame(x_front=front - 100.0, x_rear=rear + 40.0,
                               spacing=RAIL_SPACING_MM, z_bottom=frame_bottom,
                               height=_RAIL_HEIGHT, front_spacing=nose_spacing,
                               narrow_x=-(r_front + 60.0), kick_length=60.0,
                               cross_members=(front - 220.0, cabin_back + 30.0, -wb + 320.0,
                                              rear + 80.0)))
        # Suspension: struts at the front, trailing arms with coil-overs at the rear.
        parts.add(strut_suspension(x=0.0, wheel_inner_y=0.5 * (p.track_front
                                                               - p.tyre_width_front),
                                   wheel_centre_z=r_front, top_z=r_front + 380.0,
                                   arm_mass_kg=9.0, strut_mass_kg=8.0))
        parts.add(trailing_arms(x_axle=-wb, wheel_inner_y=0.5 * (p.track_rear
                                                                 - p.tyre_width_rear),
                                wheel_centre_z=r_rear - 60.0))
        # Powertrain: the engine transverse behind the seats, its transaxle on the left; the
        # pair sits right of centre where it is too long for the rails, so the transaxle's end
        # stays 10 mm inside the left rail's flanges.
        engine_y = np.minimum(0.0, 0.5 * (RAIL_SPACING_MM - _RAIL_FLANGE) - 10.0
                              - 0.5 * catalogue_figure(p.engine, "length_mm") - _TRANSAXLE_MM)
        parts.add(powertrain(p.engine, x=engine_x, y=engine_y, z=crank_z,
                             mounting="transverse", gearbox_side=1.0,
                             turbo=np.equal(p.turbo, "yes"), gearbox_mass_kg=p.transaxle_mass,
                             gearbox_length=_TRANSAXLE_MM, gearbox_name="transaxle"))
        # The exhaust leaves the engine's back and drops to a muffler right behind it.
        parts.add(exhaust(points=[(engine_x - 230.0, -150.0, crank_z),
                                  (engine_x - 400.0, -150.0, crank_z - 20.0),
                                  (engine_x - 480.0, -150.0, crank_z - 20.0)],
                          muffler_x=engine_x - 680.0, muffler_y=-150.0, muffler_z=crank_z - 20.0,
                          muffler_radius=75.0, muffler_mass_kg=8.0))
        parts.add(radiator(x_front=front - 120.0, z_bottom=frame_bottom + 20.0, width=600.0,
                           height=floor - 25.0 - frame_bottom - 30.0, mass_kg=8.0))
        # The tank lies under the seats and the cabin floor, between the rails, its back 170 mm
        # ahead of the cabin's back wall (120 mm clear of the cross-member there).
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=cabin_back + 170.0 + _TANK_LENGTH,
                            y=0.0, z_top=floor - 10.0, length=_TANK_LENGTH,
                            height=_TANK_HEIGHT))
        # The battery rides at the back, under the cargo box floor, as race cars carry it.
        parts.add(battery(x=rear + 260.0, y=320.0, z_bottom=frame_top + 10.0, mass_kg=9.0))
        # Cabin, body and aero.
        # The shell is the narrowed Hijet cab's profile extruded, without the front wheel
        # houses the front wheels run in: where they overlap it is those houses.
        parts.add(c.touching("tyre_front_*", "rim_front_*") if c.name == "cabin_shell" else c
                  for c in cab(front_x=front, back_x=cabin_back, floor_z=floor,
                               belt_z=p.beltline_height, roof_z=roof, width=p.cabin_width,
                               rake_deg=p.windscreen_rake, mass_kg=p.cabin_mass,
                               wall=_CABIN_WALL, name="cabin"))
        parts.add(dashboard(front_x=front - 25.0, width=p.cabin_width - 70.0,
                            z_bottom=h_z + 150.0, depth=280.0, height=270.0,
                            wheel_x=h_x + 430.0, wheel_y=-seat_y, wheel_z=h_z + 330.0,
                            mass_kg=_RACE_DASH_KG, wheel_diameter=330.0))
        # A bumper-deep splitter (110 mm): the radiator sits behind it, the front tyres clear
        # it at full bump and lock.
        parts.add(bumper("front_splitter", x=front, facing=1, width=p.cabin_width,
                         z_bottom=frame_bottom - 40.0, height=floor - frame_bottom + 15.0,
                         depth=110.0, mass_kg=7.0))
        parts.add(Component("engine_cover", "body", Box(size=(cabin_back - cargo_front,
                                                              p.cabin_width, 30.0)),
                            material("carbon"),
                            Placement.at(0.5 * (cabin_back + cargo_front), 0.0, crank_z + 425.0),
                            mass_kg=9.0, colour=PAINT["body"]))
        for axle, x, track, width, radius in (("front", 0.0, p.track_front, p.tyre_width_front,
                                               r_front),
                                              ("rear", -wb, p.track_rear, p.tyre_width_rear,
                                               r_rear)):
            # Flares over the wide tyres: they set the body width. Each is an arch over the
            # wheel's top (30° to 150° from the front), _ARCH_GAP clear of the tyre at full
            # bump.
            inner = radius + p.bump_travel_mm + _ARCH_GAP
            flare = Prism(_arch(inner, inner + _ARCH_MM), plane="xz",
                          extent=(-0.5 * (width + 13.0), 0.5 * (width + 13.0)))
            parts.add(pair(Component(f"fender_{axle}_{{side}}", "body", flare,
                                     material("carbon"),
                                     Placement.at(x, 0.5 * (track + 13.0) - 10.0, radius),
                                     mass_kg=2.5, colour=PAINT["accent"])))
        parts.add(door_mirrors(x=front - 330.0, body_half_width=half_cabin, z=h_z + 390.0,
                               reach=110.0, mass_kg=1.2))
        # Roll cage: main hoop behind the seats, A-pillar bars, rear stays, a diagonal.
        hoop_x = cabin_back + 45.0
        parts.add(roll_cage(hoop_x=hoop_x, half_width=half_cabin - 80.0, base_z=floor + 40.0,
                            top_z=roof - 70.0, front=(front - 420.0, floor + 300.0),
                            front_top_x=front - 600.0,
                            rear=(engine_x, crank_z + 360.0),
                            tube_diameter=p.cage_tube_diameter, tube_wall=p.cage_tube_wall,
                            tube_material=p.cage_material))
        # Bucket seats and occupants (the driver on the right, y < 0).
        for side, y, who, load in (("driver", -seat_y, "driver", "driver"),
                                   ("passenger", seat_y, "passenger", "passenger")):
            parts.add(bucket_seat(f"seat_{side}", h_point=(h_x, y, h_z), mass_kg=p.seat_mass))
            parts.add(occupant(who, h_point=(h_x, y, h_z), load=load,
                               heel_drop=h_z - floor - _CABIN_WALL))
        # Cargo box at the rear: a styling cue that still carries a small payload.
        box_floor = frame_top + 250.0
        alu = material("aluminium")
        box_len = p.cargo_box_length
        parts.add(Component("cargo_floor", "bed",
                            Box(size=(box_len, p.cabin_width, _SHEET),
                                centre=(0.0, 0.0, -0.5 * _SHEET)),
                            alu, Placement.at(rear + 0.5 * box_len, 0.0, box_floor),
                            colour=PAINT["bed"]))
        parts.add(pair(Component("cargo_side_{side}", "bed",
                                 Box(size=(box_len, _SHEET, p.cargo_box_height),
                                     centre=(0.0, -0.5 * _SHEET, 0.5 * p.cargo_box_height)),
                                 alu, Placement.at(rear + 0.5 * box_len, half_cabin, box_floor),
                                 colour=PAINT["bed"])))
        parts.add(Component("cargo_tailgate", "bed",
                            Box(size=(_SHEET, p.cabin_width - 2.0 * _SHEET, p.cargo_box_height),
                                centre=(0.5 * _SHEET, 0.0, 0.5 * p.cargo_box_height)),
                            alu, Placement.at(rear, 0.0, box_floor), colour=PAINT["bed"]))
        parts.add(Component("rear_diffuser", "body",
                            Box(size=(250.0, p.cabin_width, 50.0)), material("carbon"),
                            Placement.at(rear + 125.0, 0.0, frame_bottom - 5.0), mass_kg=4.0,
                            colour=PAINT["accent"]))
        parts.add(payload(x=(rear + _SHEET, cargo_front),
                          width=p.cabin_width - 2.0 * _SHEET, floor_z=box_floor,
                          mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=2, rated_payload_kg=p.rated_payload, is_truck=False,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts


def _arch(inner: Any, outer: Any, steps: int = 8) -> list[tuple[Any, Any]]:
    """An arch of a ring about the origin as (x, z) vertices, mm: radii ``inner`` to ``outer``
    (floats or (N,) arrays), from 30° above the front (+x) over the top to 30° above the
    back."""
    turns = np.linspace(np.pi / 6.0, 5.0 * np.pi / 6.0, steps + 1)
    return ([(outer * np.cos(t), outer * np.sin(t)) for t in turns]
            + [(inner * np.cos(t), inner * np.sin(t)) for t in turns[::-1]])
