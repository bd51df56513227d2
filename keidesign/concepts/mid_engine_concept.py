"""The Toyota Gazoo Racing Hijet-based mid-engine concept (Tokyo Auto Salon 2026), as a kei
design study.

A narrow two-seat cabin over the front axle, the engine and transaxle behind the seats and ahead
of the rear axle, a tubular roll cage (carbon by default), two bucket seats, wide-track wheels on
wide slick-style tyres, and a short cargo box behind kept mostly as a styling cue, all inside the
kei box. The show car's figures are not published: defaults are engineering estimates on the
Hijet's 1900 mm wheelbase, chosen to fill the 1998 box.
"""

from __future__ import annotations

from typing import Any, ClassVar

from keidesign.concepts.base import Concept, pick
from keidesign.concepts.parts import (
    COLOURS,
    DENSITY_KG_M3,
    box,
    frame_rails,
    occupant,
    outboard,
    payload,
    seat,
    span,
    tyre_radius_mm,
    wheels,
)
from keidesign.layout.component import Component
from keidesign.layout.layout import VehicleFacts
from keidesign.layout.shapes import Cylinder
from keidesign.parameters.spec import choice, concept_parameters, length, number

__all__ = ["MidEngineConcept"]

_FUEL_KG_PER_L = 0.74  # petrol
_RAIL_SPACING = 900.0  # frame rails, centre to centre, mm


@concept_parameters
class MidEngineConcept(Concept):
    """Mid-engine kei concept: engine behind the seats, ahead of the rear axle.

    All lengths in mm, masses in kg, vehicle axes (x forward, y left, z up; origin on the ground
    below the front axle centre).
    """

    name: ClassVar[str] = "mid-engine-concept"
    title: ClassVar[str] = "Mid-engine kei concept (TGR Hijet-based, TAS 2026)"

    wheelbase: float = length(1900, 1600, 2300, "front-axle to rear-axle distance")
    track_front: float = length(1280, 1000, 1700, "front wheel centre-to-centre distance")
    track_rear: float = length(1270, 1000, 1700, "rear wheel centre-to-centre distance")
    front_overhang: float = length(620, 400, 1000, "front axle to the front of the cabin")
    rear_overhang: float = length(870, 400, 1200, "rear axle to the back of the cargo box")
    cabin_length: float = length(1250, 900, 1700, "cabin length, front face to back wall")
    cabin_width: float = length(1240, 1000, 1480, "cabin width (narrower than the body)")
    cabin_height: float = length(1480, 1100, 2000, "roof height above the ground")
    cabin_floor_height: float = length(420, 250, 700, "cabin floor above the ground")
    seat_h_point_height: float = length(620, 400, 1000, "bucket-seat H-point above the ground")
    seat_h_point_setback: float = length(250, -200, 600, "seat H-point behind the front axle")
    seat_spacing: float = length(560, 400, 800, "lateral distance between the two seats")
    seat_mass: float = number(8, 4, 25, "kg", "one bucket seat with its harness")
    frame_height: float = length(200, 100, 400, "frame-rail bottom above the ground")
    tyre_width_front: float = length(185, 125, 275, "front tyre section width")
    tyre_width_rear: float = length(195, 125, 295, "rear tyre section width")
    tyre_aspect: float = number(50, 30, 80, "%", "tyre aspect ratio (sidewall / width)")
    rim_diameter: float = number(13, 10, 17, "in", "rim diameter")
    wheel_mass_front: float = number(13, 6, 30, "kg", "one front wheel with its slick tyre")
    wheel_mass_rear: float = number(14, 6, 30, "kg", "one rear wheel with its slick tyre")
    engine_setback: float = length(1250, 800, 1800,
                                   "engine centre behind the front axle (ahead of the rear axle)")
    engine_mass: float = number(72, 40, 150, "kg", "engine with turbocharger, ancillaries, oil")
    engine_displacement: float = number(658, 50, 1500, "cc", "engine displacement")
    transaxle_mass: float = number(30, 15, 80, "kg", "transaxle with differential")
    fuel_tank_volume: float = number(30, 10, 60, "L", "fuel tank capacity, full in every load case")
    cage_material: str = choice("carbon", ("carbon", "steel"), "roll-cage tube material")
    cage_tube_diameter: float = length(40, 25, 60, "roll-cage tube outside diameter")
    cage_tube_wall: float = length(2.5, 1, 6, "roll-cage tube wall thickness")
    cabin_mass: float = number(160, 60, 300, "kg", "cabin shell (narrowed Hijet cab) with doors, glass, trim")
    cargo_box_length: float = length(650, 300, 1200, "cargo box length (at the rear)")
    cargo_box_height: float = length(260, 100, 500, "cargo box side height")
    rated_payload: float = number(100, 0, 350, "kg", "payload of the full load case")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        rail_clear = 0.5 * _RAIL_SPACING + 40.0
        seat_back = p.seat_h_point_setback + 380.0  # behind the front axle
        return [
            ("track_front", 0.5 * (p.track_front - p.tyre_width_front) > rail_clear,
             "leave the tyres clear of the frame rails (track_front − tyre_width_front > 980 mm)"),
            ("track_rear", 0.5 * (p.track_rear - p.tyre_width_rear) > rail_clear,
             "leave the tyres clear of the frame rails (track_rear − tyre_width_rear > 980 mm)"),
            # The transaxle may reach 100 mm past the axle line (its outputs sit on it).
            ("engine_setback", (p.engine_setback - 200.0 > seat_back)
             & (p.engine_setback + 500.0 < p.wheelbase + 100.0),
             "put the engine behind the seats and the transaxle at the rear axle "
             "(seat_h_point_setback + 580 < engine_setback < wheelbase − 400 mm)"),
            ("cabin_floor_height", p.cabin_floor_height < p.seat_h_point_height - 100.0,
             "be at least 100 mm below the seat H-point"),
            ("seat_h_point_height", p.seat_h_point_height + 700.0 < p.cabin_height,
             "leave 700 mm of headroom under the roof"),
            ("cabin_floor_height", p.cabin_floor_height > p.frame_height + 100.0,
             "sit on the frame rails (frame_height + 100 mm)"),
            ("cargo_box_length",
             p.cargo_box_length < p.wheelbase + p.rear_overhang - p.cabin_length
             + p.front_overhang - 700.0,
             "leave at least 700 mm between the cabin and the cargo box for the engine bay"),
        ]

    @staticmethod
    def place_components(p: Any) -> tuple[list[Component], VehicleFacts]:
        wb = p.wheelbase
        front = p.front_overhang
        rear = -wb - p.rear_overhang
        cabin_back = front - p.cabin_length
        cargo_front = rear + p.cargo_box_length
        r_front = tyre_radius_mm(p.tyre_width_front, p.tyre_aspect, p.rim_diameter)
        r_rear = tyre_radius_mm(p.tyre_width_rear, p.tyre_aspect, p.rim_diameter)
        frame_bottom = p.frame_height
        frame_top = frame_bottom + 100.0
        floor = p.cabin_floor_height
        roof = p.cabin_height
        half_cabin = 0.5 * p.cabin_width
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height
        seat_y = 0.5 * p.seat_spacing
        engine_x = -p.engine_setback
        engine_z = frame_top + 120.0
        trans_x = engine_x - 350.0
        tank_len = p.fuel_tank_volume * 1e6 / (500.0 * 220.0)
        tank_front = h_x - 200.0

        parts: list[Component] = []
        parts += wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                        radius_front=r_front, radius_rear=r_rear,
                        width_front=p.tyre_width_front, width_rear=p.tyre_width_rear,
                        mass_front_kg=p.wheel_mass_front, mass_rear_kg=p.wheel_mass_rear)
        parts += frame_rails(x_front=front - 100.0, x_rear=rear + 40.0, spacing=_RAIL_SPACING,
                             z_bottom=frame_bottom, width=50.0, height=100.0, wall=3.2)
        for i, x in enumerate((front - 220.0, cabin_back + 30.0, -wb + 150.0, rear + 80.0)):
            parts.append(box(f"cross_member_{i + 1}", "frame", "frame", span(x, 40.0),
                             (-425.0, 425.0), (frame_bottom + 20.0, frame_bottom + 80.0),
                             density="steel", wall=2.3, hollow_axis="y"))
        # Suspension: struts at the front, trailing arms with coil-overs at the rear.
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"front_suspension_{side}", "suspension", "chassis",
                             span(0.0, 180.0),
                             span(s * (0.5 * (p.track_front - p.tyre_width_front) - 70.0), 60.0),
                             (r_front - 60.0, r_front + 380.0), mass_kg=17.0))
            parts.append(box(f"rear_suspension_{side}", "suspension", "chassis",
                             (-wb - 90.0, -wb + 350.0),
                             span(s * (0.5 * (p.track_rear - p.tyre_width_rear) - 70.0), 60.0),
                             (r_rear - 60.0, r_rear + 380.0), mass_kg=19.0))
        # Powertrain: engine behind the seats, transaxle between engine and rear axle.
        parts.append(box("engine", "powertrain", "engine", span(engine_x, 400.0),
                         (-280.0, 280.0), span(engine_z, 420.0), mass_kg=p.engine_mass))
        parts.append(box("transaxle", "powertrain", "transmission", span(trans_x, 300.0),
                         (-220.0, 220.0), span(engine_z - 40.0, 300.0),
                         mass_kg=p.transaxle_mass))
        parts.append(Component(
            name="exhaust_muffler", category="powertrain",
            shape=Cylinder(start=(rear + 90.0, -350.0, frame_top + 110.0),
                           end=(rear + 90.0, 350.0, frame_top + 110.0), radius=75.0),
            colour=COLOURS["exhaust"], mass_kg=10.0))
        parts.append(box("radiator", "cooling", "radiator", (front - 180.0, front - 120.0),
                         (-300.0, 300.0), (frame_bottom + 20.0, frame_bottom + 360.0),
                         mass_kg=8.0))
        parts.append(box("fuel_tank", "fuel", "fuel", (tank_front - tank_len, tank_front),
                         (-250.0, 250.0), (frame_top - 30.0, frame_top + 190.0),
                         mass_kg=6.0 + _FUEL_KG_PER_L * p.fuel_tank_volume))
        parts.append(box("battery", "electrical", "battery", (front - 360.0, front - 220.0),
                         (200.0, 440.0), (floor + 20.0, floor + 210.0), mass_kg=9.0))
        # Cabin, body and aero.
        parts.append(box("cabin_shell", "body", "body", (cabin_back, front),
                         (-half_cabin, half_cabin), (floor, roof), mass_kg=p.cabin_mass,
                         wall=35.0, hollow_axis="y"))
        parts.append(box("dashboard_and_steering", "interior", "chassis",
                         (front - 400.0, front - 120.0), (-half_cabin + 50.0, half_cabin - 50.0),
                         (h_z + 150.0, h_z + 420.0), mass_kg=22.0))
        parts.append(box("front_splitter", "body", "body_accent", (front - 140.0, front),
                         (-half_cabin, half_cabin), (frame_bottom - 40.0, floor),
                         mass_kg=7.0))
        parts.append(box("engine_cover", "body", "body", (cargo_front, cabin_back),
                         (-half_cabin, half_cabin), (engine_z + 230.0, engine_z + 260.0),
                         mass_kg=9.0))
        for axle, x, track, width, radius in (("front", 0.0, p.track_front, p.tyre_width_front,
                                               r_front),
                                              ("rear", -wb, p.track_rear, p.tyre_width_rear,
                                               r_rear)):
            for side, s in (("left", 1.0), ("right", -1.0)):
                # Flares over the wide tyres: they set the body width.
                parts.append(box(f"fender_{axle}_{side}", "body", "body_accent",
                                 span(x, 2.0 * radius + 120.0),
                                 outboard(s, 0.5 * (track - width) - 10.0, width + 13.0),
                                 (radius + 40.0, radius + 120.0), mass_kg=2.5))
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"door_mirror_{side}", "body", "body_accent",
                             (front - 330.0, front - 270.0), outboard(s, half_cabin, 110.0),
                             (h_z + 330.0, h_z + 460.0), mass_kg=1.2, in_envelope=False))
        # Roll cage: main hoop behind the seats, A-pillar bars, a diagonal, rear stays.
        density = pick(p.cage_material, {k: DENSITY_KG_M3[k] for k in ("carbon", "steel")})
        r_tube = 0.5 * p.cage_tube_diameter
        r_bore = r_tube - p.cage_tube_wall
        hoop_x = cabin_back + 60.0
        post_y = half_cabin - 80.0
        top_z = roof - 60.0
        base_z = floor + 40.0

        def tube(name: str, start: tuple[Any, Any, Any], end: tuple[Any, Any, Any]) -> Component:
            return Component(name=name, category="cage",
                             shape=Cylinder(start=start, end=end, radius=r_tube,
                                            inner_radius=r_bore),
                             colour=COLOURS["cage"], density_kg_m3=density)

        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(tube(f"cage_hoop_post_{side}", (hoop_x, s * post_y, base_z),
                              (hoop_x, s * post_y, top_z)))
            parts.append(tube(f"cage_a_pillar_{side}", (front - 420.0, s * post_y, base_z + 260.0),
                              (hoop_x + 40.0, s * post_y, top_z)))
            parts.append(tube(f"cage_rear_stay_{side}", (hoop_x - 30.0, s * post_y, top_z - 20.0),
                              (engine_x, s * post_y, engine_z + 230.0)))
        parts.append(tube("cage_hoop_top", (hoop_x, -post_y - r_tube, top_z),
                          (hoop_x, post_y + r_tube, top_z)))
        parts.append(tube("cage_hoop_diagonal", (hoop_x, post_y, top_z - 40.0),
                          (hoop_x, -post_y, base_z + 40.0)))
        # Bucket seats and occupants (the driver on the right, y < 0).
        parts.append(seat("seat_driver", h_point=(h_x, -seat_y, h_z), mass_kg=p.seat_mass,
                          width=440.0))
        parts.append(seat("seat_passenger", h_point=(h_x, seat_y, h_z), mass_kg=p.seat_mass,
                          width=440.0))
        parts.append(occupant("driver", h_point=(h_x, -seat_y, h_z), load="driver"))
        parts.append(occupant("passenger", h_point=(h_x, seat_y, h_z), load="passenger"))
        # Cargo box at the rear: a styling cue that still carries a small payload.
        half_box = half_cabin
        box_floor = frame_top + 250.0
        sheet = 3.0  # aluminium sheet, mm
        parts.append(box("cargo_floor", "bed", "bed", (rear, cargo_front),
                         (-half_box, half_box), (box_floor - sheet, box_floor),
                         density="aluminium"))
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"cargo_side_{side}", "bed", "bed", (rear, cargo_front),
                             outboard(s, half_box - sheet, sheet),
                             (box_floor, box_floor + p.cargo_box_height), density="aluminium"))
        parts.append(box("cargo_tailgate", "bed", "bed", (rear, rear + sheet),
                         (-half_box + sheet, half_box - sheet),
                         (box_floor, box_floor + p.cargo_box_height), density="aluminium"))
        parts.append(box("rear_diffuser", "body", "body_accent", (rear, rear + 250.0),
                         (-half_cabin, half_cabin), (frame_bottom - 30.0, frame_bottom + 20.0),
                         mass_kg=4.0))
        parts.append(payload(x=(rear + sheet, cargo_front), half_width=half_box - sheet,
                             floor_z=box_floor, mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear, displacement_cc=p.engine_displacement,
                             seats=2, rated_payload_kg=p.rated_payload, is_truck=False)
        return parts, facts
