"""The 1958-era rear-engine 360 cc kei car, in the style of the Subaru 360 (K111), from the parts
kit.

Layout (Toyota Automobile Museum, toyota.co.jp/Museum/collections/list/data/
0073_Subaru360ModelK111.html: "モノコック構造のボディと、トーションバーによるサスペンション";
en.wikipedia.org/wiki/Subaru_360: rear-mounted air-cooled two-stroke twin, swing-axle rear
suspension, fibreglass roof, rear-hinged doors): a steel monocoque, no frame; trailing arms on
transverse torsion bars at both axles (the rear arms carry swing-axle half shafts); the
air-cooled EK31 twin behind the rear axle with its transaxle, hence no radiator and no coolant;
the fuel tank, spare wheel and battery under the front lid; four seats, two front and a rear
bench for two, on 4.80-10 bias tyres.

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


from keidesign.concepts.base import Concept
from keidesign.layout import Component, Parts, VehicleFacts
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
    trailing_arms,
    tyre_radius_mm,
    wheel,
    wheels,
)
from keidesign.parts.body import roof_length
from keidesign.parts.materials import PAINT, material
from keidesign.parts.offroad import front_clip
from keidesign.shapes import Cylinder, Placement

__all__ = ["AIR_COOLED_ANCILLARIES_KG", "FRONT_LID_KG", "RearEngine360"]

#: What an air-cooled two-stroke twin gains from its dry mass once installed (estimates): the
#: cooling fan and its shroud 3.0 kg, the dynastarter 5.0 kg, carburettor and intake 1.0 kg,
#: exhaust manifold 1.5 kg; no coolant, no oil sump (the oil is mixed with the petrol).
AIR_COOLED_ANCILLARIES_KG = 10.5
#: The front lid, wings and front panel with the headlamps (estimate).
FRONT_LID_KG = 15.0

_WALL = 20.0
_REAR_RISE = 20.0       # the rear bench's H-point above the front seats'
_BLOCK = 0.36           # the block's half-extent across its crank, over its width (powertrain)
_MUFFLER_REACH = 200.0  # engine's rear face to the muffler's rear end
_BUMPER_DEPTH = 60.0
_SEAT_Y = 280.0
_DECK_CLEARANCE = 30.0  # the engine deck above the engine's top


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
    seat_h_point_height: float = length(480, 350, 650, "front seats' H-point above the ground")
    seat_h_point_setback: float = length(800, 400, 1000, "front seats' H-point behind the "
                                         "front axle")
    rear_seat_setback: float = length(600, 450, 900, "rear seat's H-point behind the front "
                                      "seats'")
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
        return [
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
             "leave the engine deck's step (250 mm behind the rear seat's H-point) at least "
             "30 mm ahead of the engine"),
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
        # Suspension: trailing arms at both axles (front ones renamed), torsion bars across.
        front_arms = trailing_arms(x_axle=0.0, wheel_inner_y=0.5 * (p.track_front
                                                                   - p.tyre_width),
                                   wheel_centre_z=radius - 30.0, length=320.0, mass_kg=6.0)
        parts.add(c.replace(name=c.name.replace("rear_", "front_")) for c in front_arms)
        parts.add(trailing_arms(x_axle=-wb, wheel_inner_y=0.5 * (p.track_rear - p.tyre_width),
                                wheel_centre_z=radius - 30.0, length=360.0, mass_kg=8.0))
        steel = material("steel")
        for axle, x, track in (("front", 0.0, p.track_front), ("rear", -wb, p.track_rear)):
            reach = 0.5 * (track - p.tyre_width) - 80.0
            bar = Cylinder(start=(0.0, -reach, 0.0), end=(0.0, reach, 0.0), radius=11.0)
            parts.add(Component(f"{axle}_torsion_bar", "suspension", bar, steel,
                                Placement.at(x + 260.0, 0.0, floor + 40.0),
                                colour=PAINT["chassis"]))
        parts.add(steering_rack(x=120.0, z=radius + 40.0, half_length=0.5 * p.track_front
                                - 200.0, mass_kg=4.0))
        # Powertrain: the air-cooled twin across the car behind the rear axle, its transaxle
        # beside it along the crank (powertrain's transverse mounting; a simplification).
        dry = catalogue_figure(p.engine, "dry_mass_kg")
        parts.add(powertrain(p.engine, x=engine_x, z=crank_z, mounting="transverse",
                             gearbox_side=-1.0, engine_mass_kg=dry + AIR_COOLED_ANCILLARIES_KG,
                             gearbox_mass_kg=p.transaxle_mass, gearbox_length=220.0,
                             gearbox_name="transaxle"))
        # The exhaust leaves the block's back into a muffler across the tail.
        muffler_front = engine_x - _BLOCK * engine_w - 20.0
        parts.add(exhaust(points=[(engine_x - 0.2 * engine_w, 100.0, crank_z),
                                  (muffler_front + 10.0, 100.0, crank_z)],
                          muffler_x=muffler_front - 0.5 * (_MUFFLER_REACH - 20.0),
                          muffler_y=100.0, muffler_z=crank_z,
                          muffler_length=_MUFFLER_REACH - 20.0, muffler_radius=60.0,
                          muffler_mass_kg=4.0, pipe_diameter=34.0))
        # Under the front lid: fuel tank, spare wheel lying flat, battery.
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=front - 120.0, y=-200.0,
                            z_top=p.beltline_height - 60.0, length=320.0, height=220.0))
        spare = wheel("spare", width=p.tyre_width, aspect=p.tyre_aspect, rim_in=p.rim_diameter,
                      x=0.0, y=0.0, side="left", hub_mass_kg=0.0, shapes=road_wheel)[:2]
        lying = Placement.at(0.5 * (front + cowl_x), 250.0, floor + 20.0 + 0.5 * p.tyre_width,
                             turns=(1, 0, 0))
        parts.add(c.replace(placement=lying) for c in spare)
        parts.add(battery(x=cowl_x + 150.0, y=-420.0, z_bottom=floor + 20.0, mass_kg=9.0))
        # Body: front lid ahead of the cowl, the monocoque cab behind with its engine deck.
        parts.add(front_clip(front_x=front - 60.0, cowl_x=cowl_x, floor_z=floor,
                             top_z=p.beltline_height, width=p.body_width, mass_kg=FRONT_LID_KG,
                             name="front_lid"))
        parts.add(cab(front_x=cowl_x, back_x=back_x + 60.0, floor_z=floor,
                      belt_z=p.beltline_height, roof_z=p.body_height, width=p.body_width,
                      rake_deg=p.windscreen_rake, mass_kg=p.body_mass, wall=_WALL,
                      seat_box=(deck_x, deck_z), name="body"))
        for name, x, facing in (("front_bumper", front, 1), ("rear_bumper", back_x, -1)):
            parts.add(bumper(name, x=x, facing=facing, width=p.body_width - 60.0,
                             z_bottom=floor + 30.0, height=90.0, depth=_BUMPER_DEPTH,
                             mass_kg=3.0))
        parts.add(dashboard(front_x=cowl_x - _WALL, width=p.body_width - 60.0,
                            z_bottom=p.beltline_height - 200.0, depth=150.0, height=180.0,
                            wheel_x=h_x + 420.0, wheel_y=-_SEAT_Y, wheel_z=h_z + 330.0,
                            mass_kg=6.0, wheel_mass_kg=1.5, wheel_diameter=380.0))
        # Seats and occupants (the driver on the right, y < 0).
        heel = h_z - floor - _WALL
        for side, y, who, load in (("driver", -_SEAT_Y, "driver", "driver"),
                                   ("passenger", _SEAT_Y, "passenger", "passenger")):
            parts.add(bucket_seat(f"seat_{side}", h_point=(h_x, y, h_z),
                                  mass_kg=p.front_seat_mass, width=400.0, seat_material="foam"))
            parts.add(occupant(who, h_point=(h_x, y, h_z), load=load, heel_drop=heel))
        for side, y in (("left", 270.0), ("right", -270.0)):
            parts.add(bench_seat(f"seat_rear_{side}", h_point=(rear_h_x, y, rear_h_z),
                                 mass_kg=p.rear_seat_mass, width=420.0))
            parts.add(occupant(f"rear_passenger_{side}", h_point=(rear_h_x, y, rear_h_z),
                               load="passenger", heel_drop=rear_h_z - floor - _WALL))
        parts.add(payload(x=(cowl_x + 320.0, front - 140.0), width=400.0,
                          floor_z=floor + 20.0 + p.tyre_width, mass_kg=p.rated_payload,
                          depth=80.0))
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
    return h_x - rear_seat_setback - 250.0


def _deck_z(floor: Any, engine_height: Any) -> Any:
    """The engine deck's height: the engine's top (its crank 0.3 of its height above the floor
    line, its top 0.7 above the crank) plus a clearance, mm."""
    return floor + engine_height + _DECK_CLEARANCE
