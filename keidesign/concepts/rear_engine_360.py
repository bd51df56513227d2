"""The 1958-era rear-engine 360 cc kei car, in the style of the Subaru 360 (K111), from the parts
kit.

Layout (Toyota Automobile Museum, toyota.co.jp/Museum/collections/list/data/
0073_Subaru360ModelK111.html: "モノコック構造のボディと、トーションバーによるサスペンション";
en.wikipedia.org/wiki/Subaru_360: rear-mounted air-cooled two-stroke twin, swing-axle rear
suspension, fibreglass roof, rear-hinged doors): a steel monocoque, no frame; trailing arms on
transverse torsion bars at both axles (the rear arms carry swing-axle half shafts); the
air-cooled EK31 twin behind the rear axle with its transaxle, hence no radiator and no coolant;
the fuel tank, spare wheel and battery under the front lid (clicccar.com/2014/07/18/262169:
the spare wheel and the battery are there); four seats, two front and a rear bench for two, on
4.80-10 bias tyres.

Packaging (estimates, each set so that nothing overlaps): the front occupants sit upright, their
H-point 290 mm over the floor, their feet reaching forward between the front wheels; the rear
bench's H-point 780 mm behind theirs, so that the rear passengers' knees clear the front
occupants' backs and their shins pass under them; the engine deck steps up behind the rear
passengers' backs. The arms are low boxes beside the hubs, splined on the torsion bars' ends.
The front lid and the cab are extruded without wheel arches, and the cab's front wall stands at
the windscreen's base where the real footwell reaches on under the front lid: the wheels and the
front occupants' feet are declared to overlap them (``touches``).

The body is a :func:`~keidesign.parts.offroad.front_clip` (the front lid and wings) ahead of a
:func:`~keidesign.parts.cab` whose floor steps up behind the rear seat into the deck over the
engine. The real car is round (its nickname is the ladybird); the model is boxy at the same
length, width and height, so its volume is larger and its surfaces are not the car's.

Masses: the tyres, rims, torsion bars, exhaust pipe, tank and fuel weigh their materials; the
engine is the catalogue's dry mass (an estimate: none is published) plus
:data:`AIR_COOLED_ANCILLARIES_KG`; every other mass is a stated estimate:

- ``body_mass`` (150 kg): the monocoque with its doors, lids, glass, fibreglass roof and
  trim: a 3 m body of 0.6–0.8 mm steel, about 12 m² of panels (65 kg) roughly doubled by the
  floor pan, sills and inner structure, plus doors and lids 15 kg and trim 5 kg;
- the front lid and wings: :data:`FRONT_LID_KG`;
- the suspension arms, hubs, transaxle, seats, dashboard, bumpers and battery below.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept
from keidesign.layout import Component, Parts, VehicleFacts, pair
from keidesign.parameters.spec import choice, length, number
from keidesign.parts import (
    OCCUPANT_HEAD_MM,
    battery,
    bench_seat,
    bucket_seat,
    bumper,
    cab,
    catalogue_figure,
    dashboard,
    exhaust,
    fuel_tank,
    occupant,
    payload,
    powertrain,
    steering_rack,
    tyre_radius_mm,
    wheel,
    wheels,
)
from keidesign.parts.body import roof_length
from keidesign.parts.materials import PAINT, material
from keidesign.parts.offroad import front_clip
from keidesign.shapes import Box, Cylinder, Placement

__all__ = ["AIR_COOLED_ANCILLARIES_KG", "FRONT_LID_KG", "RearEngine360"]

#: What an air-cooled two-stroke twin gains from its dry mass once installed (estimates): the
#: cooling fan and its shroud 3.0 kg, the dynastarter 5.0 kg, carburettor and intake 1.0 kg,
#: exhaust manifold 1.5 kg; no coolant, no oil sump (the oil is mixed with the petrol).
AIR_COOLED_ANCILLARIES_KG = 10.5
#: The front lid, wings and front panel with the headlamps (estimate).
FRONT_LID_KG = 15.0

#: The shortest luggage space under the front lid the model accepts, mm.
_LUGGAGE_MIN = 100.0
_WALL = 20.0
_REAR_RISE = 20.0       # the rear bench's H-point above the front seats'
_BLOCK = 0.36           # the block's half-extent across its crank, over its width (powertrain)
_MUFFLER_REACH = 200.0  # engine's rear face to the muffler's rear end
_BUMPER_DEPTH = 60.0
_DECK_CLEARANCE = 30.0  # the engine deck above the engine's top
_DECK_BEHIND = 310.0    # the engine deck's step behind the rear seat's H-point
_BAR_AHEAD = 260.0      # a torsion bar ahead of its wheels' centres
_HUB_INBOARD = 90.0     # a hub's inner end inboard of its wheel's centre (keidesign.parts.wheels)


class RearEngine360(Concept):
    """Rear-engine 360 cc car: monocoque, torsion-bar trailing arms, air-cooled twin behind
    the rear axle, 2 + 2 seats.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "rear-engine-360"
    title: ClassVar[str] = "Rear-engine 360 cc kei car (Subaru 360 style, 1958)"

    wheelbase: float = length(1800, 1600, 2100, "front-axle to rear-axle distance")
    track_front: float = length(1140, 1000, 1300, "front wheel centre-to-centre distance")
    track_rear: float = length(1070, 950, 1300, "rear wheel centre-to-centre distance")
    tyre_width: float = length(121.92, 100, 165, "tyre section width (4.80 in)")
    tyre_aspect: float = number(95, 60, 95, "%", "tyre aspect ratio (95: a numeric bias size, "
                                "see keidesign.parts.tyres.BIAS_ASPECT_PCT)")
    rim_diameter: float = number(10, 10, 13, "in", "rim diameter")
    front_overhang: float = length(480, 350, 700, "front axle to the front bumper's face")
    rear_overhang: float = length(710, 550, 900, "rear axle to the rear bumper's face")
    body_width: float = length(1300, 1100, 1400, "body width")
    body_height: float = length(1380, 1200, 1600, "roof height above the ground")
    floor_height: float = length(220, 150, 350, "floor pan above the ground")
    beltline_height: float = length(820, 600, 1000, "front lid's top and windscreen base "
                                    "above the ground")
    cowl_setback: float = length(650, 500, 1000, "windscreen base behind the front bumper's "
                                 "face")
    windscreen_rake: float = number(40, 10, 60, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(530, 350, 650, "front seats' H-point above the ground "
                                        "(estimate: upright seating, 290 mm over the floor, "
                                        "so the rear passengers' shins pass under the front "
                                        "occupants)")
    seat_h_point_setback: float = length(800, 400, 1000, "front seats' H-point behind the "
                                         "front axle")
    rear_seat_setback: float = length(780, 450, 900, "rear seat's H-point behind the front "
                                      "seats' (estimate: the rear passengers' knees clear the "
                                      "front occupants' backs)")
    engine: str = choice("EK31", ("EK31",), "engine from the catalogue: an air-cooled one "
                         "(the archetype has no radiator)")
    engine_overhang: float = length(280, 220, 500, "engine's crank centre behind the rear axle")
    transaxle_mass: float = number(18, 10, 40, "kg", "3-speed transaxle with differential "
                                   "(estimate)")
    fuel_tank_volume: float = number(25, 10, 40, "L", "fuel tank capacity (estimate), full in "
                                     "every load case")
    body_mass: float = number(150, 80, 300, "kg", "monocoque with doors, lids, glass, "
                              "fibreglass roof and trim (estimate, see the module)")
    front_seat_mass: float = number(5, 2, 15, "kg", "one front seat (tube frame and cushion)")
    rear_seat_mass: float = number(4, 2, 10, "kg", "one place of the rear bench")
    rated_payload: float = number(20, 0, 100, "kg", "luggage of the full load case, under the "
                                  "front lid")
    max_steer_deg: float = number(30.0, 15, 50, "deg", "outer front wheel's angle at full "
                                  "lock (estimate: no published figure)")
    bump_travel_mm: float = length(80, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a 1960s kei car's jounce)")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        cowl_x = p.front_overhang - p.cowl_setback
        h_x = -p.seat_h_point_setback
        back_x = -p.wheelbase - p.rear_overhang
        engine_w = catalogue_figure(p.engine, "width_mm")
        engine_h = catalogue_figure(p.engine, "height_mm")
        engine_front = _engine_front(p.wheelbase, p.engine_overhang, engine_w)
        head = OCCUPANT_HEAD_MM + _WALL + _REAR_RISE
        # The luggage lies between the front occupants' toes and the spare wheel (as placed).
        toes = occupant("driver", h_point=(h_x, 0.0, p.seat_h_point_height), load="driver",
                        heel_drop=p.seat_h_point_height - p.floor_height - _WALL
                        ).properties().bbox_max_mm[..., 0]
        spare_back = p.front_overhang - 60.0 - _WALL - p.tyre_width
        return [
            ("seat_h_point_setback",
             np.maximum(40.0, toes + 20.0) + _LUGGAGE_MIN <= spare_back - 10.0,
             f"leave at least {_LUGGAGE_MIN:.0f} mm for luggage between the front occupants' "
             f"toes and the spare wheel under the front lid"),
            ("track_front", 0.5 * (p.track_front + p.tyre_width) <= 0.5 * p.body_width,
             "keep the tyres under the body (track_front + tyre_width ≤ body_width)"),
            ("track_rear", 0.5 * (p.track_rear + p.tyre_width) <= 0.5 * p.body_width,
             "keep the tyres under the body (track_rear + tyre_width ≤ body_width)"),
            ("beltline_height", (p.beltline_height >= _deck_z(p.floor_height, engine_h) + 100.0)
             & (p.beltline_height <= p.body_height - 250.0),
             f"lie at least 100 mm above the engine deck (floor_height + the engine's height "
             f"+ {_DECK_CLEARANCE:.0f} mm) and 250 mm below the roof"),
            ("seat_h_point_height", (p.seat_h_point_height > p.floor_height + 150.0)
             & (p.seat_h_point_height + head <= p.body_height),
             f"sit 150 mm above the floor with room for a head under the roof, the rear "
             f"seat's too (body_height − seat_h_point_height ≥ {head:.0f} mm)"),
            ("cowl_setback", cowl_x - 450.0 >= h_x,
             "leave 450 mm from the windscreen's base back to the front seats' H-point"),
            ("windscreen_rake", roof_length(cowl_x - back_x - 60.0, p.body_height,
                                             p.beltline_height, p.windscreen_rake) > 400.0,
             "leave a roof at least 400 mm long behind the windscreen"),
            ("rear_seat_setback", _deck_x(h_x, p.rear_seat_setback) >= engine_front + 30.0,
             f"leave the engine deck's step ({_DECK_BEHIND:.0f} mm behind the rear seat's "
             f"H-point, behind the rear passengers' backs) at least 30 mm ahead of the engine"),
            ("engine_overhang", engine_front <= -p.wheelbase - 40.0,
             "put the engine's front face at least 40 mm behind the rear axle"),
            ("engine_overhang", p.engine_overhang + _BLOCK * engine_w + _MUFFLER_REACH
             <= p.rear_overhang - _BUMPER_DEPTH,
             f"leave {_MUFFLER_REACH:.0f} mm behind the engine for its muffler inside the rear "
             f"bumper"),
        ]

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        wb = p.wheelbase
        radius = tyre_radius_mm(p.tyre_width, p.tyre_aspect, p.rim_diameter)
        front = p.front_overhang
        back_x = -wb - p.rear_overhang
        cowl_x = front - p.cowl_setback
        floor = p.floor_height
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height
        rear_h_x = h_x - p.rear_seat_setback
        rear_h_z = h_z + _REAR_RISE
        engine_x = -wb - p.engine_overhang
        engine_w = catalogue_figure(p.engine, "width_mm")
        engine_h = catalogue_figure(p.engine, "height_mm")
        crank_z = floor + 0.3 * engine_h
        deck_z = _deck_z(floor, engine_h)
        deck_x = _deck_x(h_x, p.rear_seat_setback)

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width, p.tyre_aspect, p.rim_diameter),
                         hub_mass_front_kg=3.5, hub_mass_rear_kg=3.5))
        road_wheel = tuple(parts[f"{part}_front_left"].shape for part in ("tyre", "rim", "hub"))
        # Suspension: at each axle a torsion bar across the car ahead of the wheels, and per
        # side a trailing arm splined on the bar's end reaching back to the hub: a low box
        # beside the hub, 10 mm inboard of it (no coil-over: the bars are the springs).
        steel = material("steel")
        bar_z = floor + 40.0
        for axle, x, track, arm_kg in (("front", 0.0, p.track_front, 6.0),
                                       ("rear", -wb, p.track_rear, 8.0)):
            reach = 0.5 * (track - p.tyre_width) - 80.0
            bar = Cylinder(start=(0.0, -reach, 0.0), end=(0.0, reach, 0.0), radius=11.0)
            parts.add(Component(f"{axle}_torsion_bar", "suspension", bar, steel,
                                Placement.at(x + _BAR_AHEAD, 0.0, bar_z),
                                colour=PAINT["chassis"]))
            # The arm: from 30 mm ahead of the wheel's centre (on the hub's front half) to
            # 15 mm past the bar's axis, 50 mm wide (over the bar's end) and 60 mm deep,
            # between the hub's height and the bar's.
            hub_in = 0.5 * track - _HUB_INBOARD
            arm_x0, arm_x1 = 30.0, _BAR_AHEAD + 15.0
            arm = Box(size=(arm_x1 - arm_x0, 50.0, 60.0))
            parts.add(pair(Component(
                f"{axle}_suspension_{{side}}", "suspension", arm, steel,
                Placement.at(x + 0.5 * (arm_x0 + arm_x1), hub_in - 35.0,
                             0.5 * (radius + bar_z)),
                mass_kg=arm_kg, colour=PAINT["chassis"], sprung=False)))
        parts.add(steering_rack(x=120.0, z=radius + 40.0, half_length=0.5 * p.track_front
                                - 200.0, mass_kg=4.0))
        # Powertrain: the air-cooled twin across the car behind the rear axle, its transaxle
        # beside it along the crank (powertrain's transverse mounting; a simplification).
        dry = catalogue_figure(p.engine, "dry_mass_kg")
        parts.add(powertrain(p.engine, x=engine_x, z=crank_z, mounting="transverse",
                             gearbox_side=-1.0, engine_mass_kg=dry + AIR_COOLED_ANCILLARIES_KG,
                             gearbox_mass_kg=p.transaxle_mass, gearbox_length=220.0,
                             gearbox_name="transaxle"))
        # The exhaust leaves the block's back face into a muffler across the tail.
        muffler_front = engine_x - _BLOCK * engine_w - 20.0
        parts.add(exhaust(points=[(engine_x - _BLOCK * engine_w, 100.0, crank_z),
                                  (muffler_front + 10.0, 100.0, crank_z)],
                          muffler_x=muffler_front - 0.5 * (_MUFFLER_REACH - 20.0),
                          muffler_y=100.0, muffler_z=crank_z,
                          muffler_length=_MUFFLER_REACH - 20.0, muffler_radius=60.0,
                          muffler_mass_kg=4.0, pipe_diameter=34.0))
        # Under the front lid (clicccar.com/2014/07/18/262169: the spare wheel and the
        # battery are there), ahead of the front occupants' feet, which reach forward between
        # the front wheels: the spare wheel stands across the car behind the front panel, the
        # fuel tank behind it over the feet, the battery and the luggage between the feet and
        # the spare, over the steering rack (positions are estimates).
        lid_front = front - 60.0 - _WALL  # the front lid's inside (as in the constraints)
        spare = wheel("spare", width=p.tyre_width, aspect=p.tyre_aspect, rim_in=p.rim_diameter,
                      x=0.0, y=0.0, side="left", hub_mass_kg=0.0, shapes=road_wheel)[:2]
        standing = Placement.at(lid_front - 0.5 * p.tyre_width, 0.0, floor + _WALL + radius,
                                turns=(0, 0, 1))
        parts.add(c.replace(placement=standing) for c in spare)
        spare_back = lid_front - p.tyre_width
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=spare_back - 10.0, y=-200.0,
                            z_top=p.beltline_height - 60.0, length=320.0, height=220.0))
        over_rack = radius + 40.0 + 30.0 + 10.0  # the steering rack's top, 10 mm clear
        parts.add(battery(x=spare_back - 10.0 - 0.5 * 187.0, y=300.0, z_bottom=over_rack,
                          mass_kg=9.0))
        # Body: front lid ahead of the cowl, the monocoque cab behind with its engine deck.
        # Both are boxes and side profiles extruded across the car, without the wheel arches
        # cut out of them: the wheels run inside them, where the arches would be.
        wheels_in = ("tyre_front_*", "rim_front_*", "hub_front_*")
        parts.add(front_clip(front_x=front - 60.0, cowl_x=cowl_x, floor_z=floor,
                             top_z=p.beltline_height, width=p.body_width, mass_kg=FRONT_LID_KG,
                             name="front_lid").touching(*wheels_in))
        parts.add(cab(front_x=cowl_x, back_x=back_x + 60.0, floor_z=floor,
                      belt_z=p.beltline_height, roof_z=p.body_height, width=p.body_width,
                      rake_deg=p.windscreen_rake, mass_kg=p.body_mass, wall=_WALL,
                      seat_box=(deck_x, deck_z), name="body"))
        parts.replace("body_shell", lambda c: c.touching(
            *wheels_in, "tyre_rear_*", "rim_rear_*", "hub_rear_*"))
        for name, x, facing in (("front_bumper", front, 1), ("rear_bumper", back_x, -1)):
            parts.add(bumper(name, x=x, facing=facing, width=p.body_width - 60.0,
                             z_bottom=floor + 30.0, height=90.0, depth=_BUMPER_DEPTH,
                             mass_kg=3.0))
        # The front seats: the occupants' feet, which reach forward between the front wheels,
        # 10 mm inboard of the front hubs (a seated occupant is 400 mm wide).
        seat_y = 0.5 * p.track_front - _HUB_INBOARD - 210.0
        parts.add(dashboard(front_x=cowl_x - _WALL, width=p.body_width - 60.0,
                            z_bottom=p.beltline_height - 200.0, depth=150.0, height=180.0,
                            wheel_x=h_x + 420.0, wheel_y=-seat_y, wheel_z=h_z + 280.0,
                            mass_kg=6.0, wheel_mass_kg=1.5, wheel_diameter=380.0))
        # Seats and occupants (the driver on the right, y < 0).
        heel = h_z - floor - _WALL
        for side, y, who, load in (("driver", -seat_y, "driver", "driver"),
                                   ("passenger", seat_y, "passenger", "passenger")):
            parts.add(bucket_seat(f"seat_{side}", h_point=(h_x, y, h_z),
                                  mass_kg=p.front_seat_mass, width=400.0, seat_material="foam"))
            # The cab's front wall stands at the windscreen's base; the real footwell reaches
            # forward of it, under the front lid (www2.plala.or.jp/Kinoko/cars/360/int.html:
            # the footwell ends right at the bonnet): the feet pass the wall.
            parts.add(occupant(who, h_point=(h_x, y, h_z), load=load, heel_drop=heel)
                      .touching("body_shell"))
        # The rear bench's places, each 420 mm wide, 10 mm inboard of the rear tyres.
        rear_y = 0.5 * (p.track_rear - p.tyre_width) - 220.0
        for side, y in (("left", rear_y), ("right", -rear_y)):
            parts.add(bench_seat(f"seat_rear_{side}", h_point=(rear_h_x, y, rear_h_z),
                                 mass_kg=p.rear_seat_mass, width=420.0))
            parts.add(occupant(f"rear_passenger_{side}", h_point=(rear_h_x, y, rear_h_z),
                               load="passenger", heel_drop=rear_h_z - floor - _WALL))
        # The luggage: ahead of the front occupants' toes, behind the spare, over the rack.
        toes = parts["passenger"].properties().bbox_max_mm[..., 0]
        parts.add(payload(x=(np.maximum(40.0, toes + 20.0), spare_back - 10.0), width=400.0,
                          floor_z=over_rack, mass_kg=p.rated_payload, depth=80.0))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=4, rated_payload_kg=p.rated_payload, is_truck=False,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts


def _engine_front(wheelbase: Any, overhang: Any, engine_width: Any) -> Any:
    """The engine block's front face, mm (a transverse block reaches :data:`_BLOCK` × its
    width either side of its crank)."""
    return -wheelbase - overhang + _BLOCK * engine_width


def _deck_x(h_x: Any, rear_seat_setback: Any) -> Any:
    """Where the floor steps up to the engine deck: behind the rear seat's back, mm."""
    return h_x - rear_seat_setback - _DECK_BEHIND


def _deck_z(floor: Any, engine_height: Any) -> Any:
    """The engine deck's height: the engine's top (its crank 0.3 of its height above the floor
    line, its top 0.7 above the crank) plus a clearance, mm."""
    return floor + engine_height + _DECK_CLEARANCE
