"""A kei truck in the style of the Daihatsu Hijet Truck S500P (2014-).

Defaults reproduce the published truck (``tests/data/kei_reference.json``): 3395 × 1475 × 1780 mm,
wheelbase 1900, track 1305/1300, 145R12 tyres, 2030 × 1410 bed with its floor 660 above ground,
kerb mass in the 740–810 kg range. Component masses are engineering estimates that add up to the
published kerb mass; positions follow the cab-over layout (cab over the front axle, engine under
the seats).
"""

from __future__ import annotations

from typing import Any, ClassVar

from keidesign.concepts.base import Concept, pick
from keidesign.concepts.parts import (
    COLOURS,
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

__all__ = ["CabOverTruck"]

_FUEL_KG_PER_L = 0.74  # petrol


@concept_parameters
class CabOverTruck(Concept):
    """Cab-over kei truck: cab over the front axle, ladder frame, open bed.

    All lengths in mm, masses in kg, vehicle axes (x forward, y left, z up; origin on the ground
    below the front axle centre).
    """

    name: ClassVar[str] = "cab-over-truck"
    title: ClassVar[str] = "Cab-over kei truck (Daihatsu Hijet S500P style)"

    wheelbase: float = length(1900, 1600, 2300, "front-axle to rear-axle distance")
    track_front: float = length(1305, 1000, 1700, "front wheel centre-to-centre distance")
    track_rear: float = length(1300, 1000, 1700, "rear wheel centre-to-centre distance")
    front_overhang: float = length(660, 400, 1000, "front axle to the front of the cab")
    cab_length: float = length(1345, 1000, 1800, "cab length, front face to back wall")
    cab_width: float = length(1475, 1200, 1700, "cab width over the body")
    cab_height: float = length(1780, 1500, 2200, "roof height above the ground")
    cab_floor_height: float = length(600, 400, 800, "cab floor above the ground")
    seat_h_point_height: float = length(930, 700, 1200, "seat H-point above the ground")
    seat_h_point_setback: float = length(150, -200, 600, "seat H-point behind the front axle")
    bed_length: float = length(2030, 1200, 2600, "bed floor length")
    bed_width: float = length(1410, 1100, 1600, "bed floor width between the sides")
    bed_floor_height: float = length(660, 500, 900, "bed floor above the ground")
    bed_side_height: float = length(285, 150, 600, "height of the bed sides and tailgate")
    frame_height: float = length(300, 150, 500, "frame-rail bottom above the ground")
    tyre_width: float = length(145, 125, 225, "tyre section width")
    tyre_aspect: float = number(80, 40, 90, "%", "tyre aspect ratio (sidewall / width)")
    rim_diameter: float = number(12, 10, 16, "in", "rim diameter")
    wheel_mass: float = number(12, 6, 30, "kg", "mass of one wheel with its tyre")
    engine_position: str = choice("under_seat", ("under_seat", "midship", "rear"),
                                  "under_seat (Hijet, Carry), midship (Acty: ahead of the rear "
                                  "axle) or rear (Sambar: behind the rear axle)")
    engine_shift: float = length(0, -300, 300,
                                 "engine moved rearward (+) or forward (−) from its position")
    engine_mass: float = number(68, 40, 150, "kg", "engine with ancillaries and oil")
    engine_displacement: float = number(658, 50, 1500, "cc", "engine displacement")
    transmission_mass: float = number(32, 15, 80, "kg", "gearbox (and transfer case)")
    fuel_tank_volume: float = number(35, 15, 60, "L", "fuel tank capacity, full in every load case")
    cab_mass: float = number(190, 100, 350, "kg", "cab shell with doors, glass and trim")
    bed_mass: float = number(102, 40, 200, "kg", "bed floor, sides, tailgate and headboard")
    rated_payload: float = number(350, 0, 500, "kg", "payload of the full load case")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        inner_tyre = 0.5 * p.track_front - 0.5 * p.tyre_width
        return [
            ("track_front", inner_tyre > 0.5 * 900.0 + 40.0,
             "leave the tyres clear of the frame rails (track_front − tyre_width > 980 mm)"),
            ("track_rear", 0.5 * p.track_rear - 0.5 * p.tyre_width > 0.5 * 900.0 + 40.0,
             "leave the tyres clear of the frame rails (track_rear − tyre_width > 980 mm)"),
            ("cab_floor_height", p.cab_floor_height < p.seat_h_point_height - 200.0,
             "be at least 200 mm below the seat H-point"),
            ("cab_floor_height", p.cab_floor_height > p.frame_height + 100.0,
             "sit on the frame rails (frame_height + 100 mm)"),
            ("seat_h_point_height", p.seat_h_point_height + 700.0 < p.cab_height,
             "leave 700 mm of headroom under the roof"),
            ("bed_floor_height", p.bed_floor_height > p.frame_height + 100.0 + 40.0,
             "clear the frame rails (frame_height + 140 mm)"),
        ]

    @staticmethod
    def place_components(p: Any) -> tuple[list[Component], VehicleFacts]:
        wb = p.wheelbase
        front = p.front_overhang
        cab_back = front - p.cab_length
        bed_front = cab_back - 20.0
        rear = bed_front - p.bed_length
        radius = tyre_radius_mm(p.tyre_width, p.tyre_aspect, p.rim_diameter)
        frame_bottom = p.frame_height
        frame_top = frame_bottom + 100.0
        half_cab = 0.5 * p.cab_width
        h_x = -p.seat_h_point_setback
        h_z = p.seat_h_point_height

        engine_x = pick(p.engine_position, {"under_seat": -420.0, "midship": -wb + 480.0,
                                            "rear": -wb - 330.0}) - p.engine_shift
        # The gearbox sits on the axle side of the engine.
        trans_x = engine_x + pick(p.engine_position, {"under_seat": -390.0, "midship": -390.0,
                                                      "rear": 390.0})
        engine_z = frame_bottom + 150.0
        fuel_mass = 7.0 + _FUEL_KG_PER_L * p.fuel_tank_volume
        tank_len = p.fuel_tank_volume * 1e6 / (300.0 * 240.0)
        side_t = 30.0  # bed side, tailgate and headboard thickness

        parts: list[Component] = []
        parts += wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                        radius_front=radius, radius_rear=radius, width_front=p.tyre_width,
                        width_rear=p.tyre_width, mass_front_kg=p.wheel_mass,
                        mass_rear_kg=p.wheel_mass)
        parts += frame_rails(x_front=front - 120.0, x_rear=rear + 30.0, spacing=900.0,
                             z_bottom=frame_bottom, width=50.0, height=100.0, wall=3.2)
        for i, x in enumerate((front - 250.0, -700.0, -wb - 250.0, rear + 80.0)):
            parts.append(box(f"cross_member_{i + 1}", "frame", "frame", (x - 20.0, x + 20.0),
                             (-425.0, 425.0), (frame_bottom + 20.0, frame_bottom + 80.0),
                             density="steel", wall=2.3, hollow_axis="y"))
        # Suspension: struts at the front, leaf springs and a live axle at the rear.
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"front_suspension_{side}", "suspension", "chassis",
                             (-90.0, 90.0),
                             span(s * (0.5 * p.track_front - 0.5 * p.tyre_width - 70.0), 60.0),
                             (radius - 60.0, radius + 420.0), mass_kg=18.0))
            parts.append(box(f"leaf_spring_{side}", "suspension", "chassis",
                             (-wb - 450.0, -wb + 450.0), span(s * 450.0, 50.0),
                             (frame_bottom - 80.0, frame_bottom), mass_kg=9.0))
        rear_inner = 0.5 * p.track_rear - 0.5 * p.tyre_width
        parts.append(Component(
            name="rear_axle", category="suspension",
            shape=Cylinder(start=(-wb, -rear_inner, radius), end=(-wb, rear_inner, radius),
                           radius=40.0),
            colour=COLOURS["chassis"], mass_kg=28.0))
        parts.append(box("differential", "powertrain", "transmission", (-wb - 130.0, -wb + 130.0),
                         (-130.0, 130.0), (radius - 110.0, radius + 110.0), mass_kg=18.0))
        # Powertrain.
        parts.append(box("engine", "powertrain", "engine", (engine_x - 200.0, engine_x + 200.0),
                         (-250.0, 250.0), (engine_z - 200.0, engine_z + 200.0),
                         mass_kg=p.engine_mass))
        parts.append(box("transmission", "powertrain", "transmission",
                         (trans_x - 190.0, trans_x + 190.0), (-160.0, 160.0),
                         (engine_z - 150.0, engine_z + 130.0), mass_kg=p.transmission_mass))
        parts.append(Component(
            name="exhaust_muffler", category="powertrain",
            shape=Cylinder(start=(engine_x - 250.0, -330.0, frame_bottom + 60.0),
                           end=(engine_x - 650.0, -330.0, frame_bottom + 60.0), radius=85.0),
            colour=COLOURS["exhaust"], mass_kg=9.0))
        parts.append(box("radiator", "cooling", "radiator", (front - 200.0, front - 140.0),
                         (-250.0, 250.0), (frame_bottom + 110.0, frame_bottom + 430.0),
                         mass_kg=9.0))
        parts.append(box("fuel_tank", "fuel", "fuel", (-1000.0 - tank_len, -1000.0),
                         (120.0, 420.0), (frame_top - 260.0, frame_top - 20.0),
                         mass_kg=fuel_mass))
        parts.append(box("battery", "electrical", "battery", (h_x - 120.0, h_x + 120.0),
                         (440.0, 570.0), (p.cab_floor_height, p.cab_floor_height + 200.0),
                         mass_kg=11.0))
        # Cab.
        parts.append(box("cab_shell", "body", "body", (cab_back, front),
                         (-half_cab, half_cab), (p.cab_floor_height, p.cab_height),
                         mass_kg=p.cab_mass, wall=40.0, hollow_axis="y"))
        parts.append(box("dashboard_and_steering", "interior", "chassis",
                         (front - 420.0, front - 120.0), (-half_cab + 60.0, half_cab - 60.0),
                         (h_z + 50.0, h_z + 350.0), mass_kg=30.0))
        parts.append(box("front_bumper", "body", "body_accent", (front - 110.0, front),
                         (-half_cab + 20.0, half_cab - 20.0),
                         (frame_bottom + 60.0, p.cab_floor_height), mass_kg=6.0))
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"door_mirror_{side}", "body", "body_accent",
                             (front - 330.0, front - 270.0), outboard(s, half_cab, 120.0),
                             (h_z + 250.0, h_z + 400.0), mass_kg=1.5, in_envelope=False))
        # Seats and occupants (Japan drives on the left: the driver sits on the right, y < 0).
        parts.append(seat("seat_driver", h_point=(h_x, -300.0, h_z), mass_kg=13.0))
        parts.append(seat("seat_passenger", h_point=(h_x, 300.0, h_z), mass_kg=13.0))
        parts.append(occupant("driver", h_point=(h_x, -300.0, h_z), load="driver"))
        parts.append(occupant("passenger", h_point=(h_x, 300.0, h_z), load="passenger"))
        # Bed.
        floor = p.bed_floor_height
        half_bed = 0.5 * p.bed_width
        bed_mass = p.bed_mass
        parts.append(box("bed_floor", "bed", "bed", (rear, bed_front), (-half_bed, half_bed),
                         (frame_top, floor), mass_kg=0.47 * bed_mass))
        for side, s in (("left", 1.0), ("right", -1.0)):
            parts.append(box(f"bed_side_{side}", "bed", "bed", (rear, bed_front),
                             outboard(s, half_bed, side_t), (floor - 40.0, floor + p.bed_side_height),
                             mass_kg=0.14 * bed_mass))
        parts.append(box("tailgate", "bed", "bed", (rear, rear + side_t),
                         (-half_bed, half_bed), (floor, floor + p.bed_side_height),
                         mass_kg=0.11 * bed_mass))
        parts.append(box("headboard", "bed", "bed", (bed_front - side_t, bed_front),
                         (-half_bed, half_bed), (floor, floor + p.bed_side_height + 400.0),
                         mass_kg=0.14 * bed_mass))
        parts.append(box("rear_bumper", "body", "body_accent", (rear, rear + 60.0),
                         (-half_bed, half_bed), (frame_bottom, frame_top - 20.0), mass_kg=5.0))
        parts.append(Component(
            name="spare_wheel", category="wheel",
            shape=Cylinder(start=(-wb - 450.0, 0.0, frame_top - 20.0 - p.tyre_width),
                           end=(-wb - 450.0, 0.0, frame_top - 20.0), radius=radius),
            colour=COLOURS["tyre"], mass_kg=p.wheel_mass - 1.0))
        parts.append(payload(x=(rear + side_t, bed_front - side_t), half_width=half_bed,
                             floor_z=floor, mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear, displacement_cc=p.engine_displacement,
                             seats=2, rated_payload_kg=p.rated_payload, is_truck=True)
        return parts, facts

