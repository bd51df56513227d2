"""A mid-engine kei roadster (Honda Beat, Honda S660, Autozam AZ-1), built from the parts kit.

A steel monocoque two-seater without a frame: the front body carries the radiator, the spare
wheel and the battery under the bonnet; the two seats sit between the axles; the engine lies
transverse behind them, its transaxle on the left with the differential near the rear axle
line, driving the rear wheels; the fuel tank sits between the seats' bulkhead and the engine.
MacPherson struts at the front; at the rear the struts (or arms) are one part per side.
Staggered tyres are allowed: the front and rear sizes are separate parameters.

Options:

- ``doors``: ``"conventional"`` hinged doors, or ``"gullwing"`` doors hinged on the roof
  (Autozam AZ-1; they need ``roof="fixed"``), opened by ``door_open_angle``.
- ``roof``: ``"soft_top"`` (a fabric hood folding onto the deck behind the seats, Beat),
  ``"targa"`` (a fabric panel stowed in the front compartment, a fixed rear section, S660) or
  ``"fixed"`` (a coupé roof, AZ-1); ``top="open"`` stows the opening parts (see
  :func:`keidesign.parts.roadster_roof`), which moves their mass and never changes it.

Defaults are the Honda Beat PP1's (see :mod:`keidesign.concepts.presets.roadsters` for the
sources): the published figures for the dimensions, wheelbase, tracks, tyres, engine and fuel
tank; stated estimates for the positions nobody publishes (H-point, bulkhead, engine centre:
a mid-engined car is packaged from the rear axle forward, so the engine's and the seats'
positions are measured ahead of it) and for the masses nobody publishes: body-in-white 250 kg
(a reinforced open steel monocoque; a closed kei body-in-white weighs about 180–200 kg; its
rear structure, which carries the engine, takes 30 % of it, the front 16 %), bonnet, wings
and lids 26 kg, doors 16 kg each, soft top 14 kg, seats 14 kg each, dashboard 18 kg, interior
trim and wiring 30 kg, transaxle 35 kg. Tyres, rims, fuel tank,
fuel, glass and the exhaust pipe weigh their materials' volumes; the engine is the
catalogue's (:data:`keidesign.parts.ENGINES`).

All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
origin on the ground below the front axle centre).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept, option
from keidesign.layout import Component, Parts, VehicleFacts
from keidesign.parameters.spec import choice, length, number
from keidesign.parts import (
    BODY_SHARES,
    ENGINES,
    OCCUPANT_HEAD_MM,
    battery,
    bumper,
    catalogue_figure,
    door_mirrors,
    exhaust,
    fuel_tank,
    monocoque,
    payload,
    powertrain,
    radiator,
    roadster_cockpit,
    roadster_doors,
    roadster_roof,
    roadster_windscreen,
    steering_rack,
    strut_suspension,
    trailing_arms,
    tyre_radius_mm,
    wheel,
    wheels,
    windscreen_header_x,
)
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement

__all__ = ["MidEngineRoadster"]

_BUMPER_MM = 90.0       # bumper depth: the body's ends sit this far inside the overall length
_SEAT_BACK_MM = 420.0   # the rear bulkhead behind the seats' H-point
_TANK_MM = 220.0        # the fuel tank's bay, between the bulkhead and the engine
_TRANSAXLE_MM = 260.0   # transaxle along the crank (estimate)
_MUFFLER_MM = 250.0     # muffler length along x
_MUFFLER_R_MM = 90.0    # muffler radius
_ENGINE_HALF_MM = 170.0  # a transverse engine's half depth along x (manifolds included)
_FLOOR_MM = 60.0        # floor pan plate (see keidesign.parts.roadster)
_DECK_GAP_MM = 40.0     # between the engine's top and the deck
_WALL_MM = 25.0
#: The body-in-white's front and rear shares (see keidesign.parts.BODY_SHARES): behind the
#: seats a mid-engined monocoque carries the engine bay, its mounts, the rear strut towers and
#: a firewall; ahead of them only the crash structure and the front compartment (estimates).
_FRONT_SHARE, _REAR_SHARE = 0.16, 0.30


class MidEngineRoadster(Concept):
    """Mid-engine kei roadster: two seats between the axles, transverse engine and transaxle
    ahead of the rear axle, rear drive, steel monocoque.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "mid-engine-roadster"
    title: ClassVar[str] = "Mid-engine kei roadster (Honda Beat, S660, Autozam AZ-1)"

    wheelbase: float = length(2280, 1800, 2500, "front-axle to rear-axle distance")
    track_front: float = length(1210, 1000, 1400, "front wheel centre-to-centre distance")
    track_rear: float = length(1210, 1000, 1400, "rear wheel centre-to-centre distance")
    front_overhang: float = length(555, 350, 900, "front axle to the front bumper's face")
    rear_overhang: float = length(460, 300, 900, "rear axle to the rear bumper's face")
    body_width: float = length(1395, 1200, 1600, "body width (door mirrors excluded)")
    roof_height: float = length(1175, 950, 1500, "roof top above the ground, roof closed")
    floor_height: float = length(135, 80, 300, "floor pan's underside above the ground")
    sill_height: float = length(400, 250, 600, "sill top (door bottom) above the ground")
    beltline_height: float = length(800, 550, 1100, "beltline (cowl, door tops) above the ground")
    nose_height: float = length(600, 400, 900, "bonnet's front edge above the ground")
    deck_height: float = length(860, 600, 1100, "rear deck above the ground")
    cowl_setback: float = length(300, -200, 900, "windscreen base behind the front axle")
    windscreen_rake: float = number(58, 20, 70, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(330, 200, 600, "seat H-point above the ground")
    seat_h_point_ahead: float = length(1000, 600, 1600, "seat H-point ahead of the rear axle "
                                       "(a mid-engined car is packaged from the rear axle "
                                       "forward: engine, tank, bulkhead, seats)")
    seat_spacing: float = length(580, 450, 800, "lateral distance between the two seats")
    engine_ahead: float = length(170, 100, 600, "engine crank centre ahead of the rear axle")
    engine: str = choice("E07A", tuple(ENGINES), "engine from the catalogue (see keidesign."
                         "parts.ENGINES: displacement, mass, size)")
    turbo: str = choice("no", ("no", "yes"), "turbocharged (adds the turbo's mass)")
    transaxle_mass: float = number(35, 15, 80, "kg",
                                   "transaxle with differential (estimate: a kei 5-speed)")
    tyre_width_front: float = length(155, 125, 245, "front tyre section width")
    tyre_aspect_front: float = number(65, 35, 82, "%", "front tyre aspect ratio")
    rim_diameter_front: float = number(13, 10, 17, "in", "front rim diameter")
    tyre_width_rear: float = length(165, 125, 245, "rear tyre section width")
    tyre_aspect_rear: float = number(60, 35, 82, "%", "rear tyre aspect ratio")
    rim_diameter_rear: float = number(14, 10, 17, "in", "rear rim diameter")
    fuel_tank_volume: float = number(24, 10, 50, "L", "fuel tank capacity, full in every load case")
    body_mass: float = number(250, 120, 400, "kg", "body-in-white without closures (estimate: "
                              "open steel monocoque, reinforced floor and sills)")
    closures_mass: float = number(26, 5, 60, "kg", "bonnet, front wings, engine and boot lids "
                                  "(estimate), half on the front body, half on the rear")
    door_mass: float = number(16, 5, 35, "kg", "one door with its glass, regulator and trim "
                              "(estimate)")
    roof_panel_mass: float = number(8, 2, 40, "kg", "roof panel(s) over the cockpit (estimate)")
    roof_rear_mass: float = number(6, 2, 40, "kg", "roof rear section: rear window and frame "
                                   "(estimate)")
    seat_mass: float = number(14, 5, 30, "kg", "one seat with its rails and belt (estimate)")
    dashboard_mass: float = number(18, 8, 40, "kg", "dashboard with crossbeam, heater and "
                                   "instruments (estimate)")
    trim_mass: float = number(30, 5, 80, "kg", "carpets, trim, sound deadening and wiring "
                              "(estimate)")
    spare_wheel: str = choice("yes", ("no", "yes"), "a spare wheel in the front compartment "
                              "(no: a repair kit)")
    doors: str = choice("conventional", ("conventional", "gullwing"),
                        "hinged doors, or gullwing doors hinged on a fixed roof (AZ-1)")
    door_open_angle: float = number(0, 0, 90, "deg", "gullwing doors' opening angle (0 closed)")
    roof: str = choice("soft_top", ("soft_top", "targa", "fixed"),
                       "fabric hood (Beat), targa panel with a fixed rear section (S660) or a "
                       "fixed coupé roof (AZ-1)")
    top: str = choice("closed", ("closed", "open"), "roof closed, or open with its parts stowed")
    rated_payload: float = number(20, 0, 100, "kg", "luggage of the full load case (engine-"
                                  "lid boot behind the engine)")
    max_steer_deg: float = number(30, 15, 50, "deg", "outer front wheel's angle at full lock "
                                  "(estimate: a small car's, no published angle)")
    bump_travel_mm: float = length(70, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a kei sports car's jounce)")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        seat_setback = p.wheelbase - p.seat_h_point_ahead
        return [
            ("engine_ahead", p.engine_ahead + _SEAT_BACK_MM + _TANK_MM + _ENGINE_HALF_MM
             <= p.seat_h_point_ahead,
             f"put the engine behind the seats and the fuel tank and ahead of the rear axle "
             f"(engine_ahead + {_SEAT_BACK_MM + _TANK_MM + _ENGINE_HALF_MM:.0f} ≤ "
             f"seat_h_point_ahead mm)"),
            ("seat_h_point_ahead", seat_setback - p.cowl_setback >= 600.0,
             "leave at least 600 mm for the legs between the windscreen base and the H-point "
             "(wheelbase − seat_h_point_ahead − cowl_setback ≥ 600 mm)"),
            ("sill_height", (p.sill_height >= p.floor_height + 150.0)
             & (p.sill_height <= p.beltline_height - 200.0),
             "lie at least 150 mm above the floor's underside and 200 mm below the beltline"),
            ("seat_h_point_height", (p.seat_h_point_height >= p.floor_height + _FLOOR_MM + 120.0)
             & (p.seat_h_point_height + OCCUPANT_HEAD_MM + _WALL_MM <= p.roof_height + 80.0),
             f"sit at least 180 mm above the floor's underside and leave room for a head under "
             f"the roof (roof_height + 80 − seat_h_point_height ≥ "
             f"{OCCUPANT_HEAD_MM + _WALL_MM:.0f} mm; a roadster's occupant may reach 80 mm "
             f"past the roof's top line between the bows)"),
            ("beltline_height", (p.beltline_height < p.roof_height - 250.0)
             & (p.beltline_height > p.nose_height),
             "lie above the bonnet's front edge and at least 250 mm below the roof"),
            ("deck_height", (p.deck_height <= p.roof_height - 150.0)
             & (p.deck_height >= _engine_top(p) + _DECK_GAP_MM),
             f"clear the engine by {_DECK_GAP_MM:.0f} mm and lie at least 150 mm below the roof"),
            ("windscreen_rake", _header_x(p) + seat_setback + _SEAT_BACK_MM >= 200.0,
             "leave a roof at least 200 mm long between the windscreen header and the rear "
             "bulkhead"),
            ("track_front", p.track_front + p.tyre_width_front <= p.body_width,
             "keep the front tyres inside the body (track_front + tyre_width_front ≤ "
             "body_width)"),
            ("track_rear", p.track_rear + p.tyre_width_rear <= p.body_width,
             "keep the rear tyres inside the body (track_rear + tyre_width_rear ≤ body_width)"),
            ("front_overhang", p.front_overhang >= tyre_radius_mm(
                p.tyre_width_front, p.tyre_aspect_front, p.rim_diameter_front) + 240.0,
             "reach past the front tyres for the radiator and bumper (front_overhang ≥ tyre "
             "radius + 240 mm)"),
            ("rear_overhang", p.rear_overhang >= tyre_radius_mm(
                p.tyre_width_rear, p.tyre_aspect_rear, p.rim_diameter_rear) + 150.0,
             "reach at least 150 mm past the rear tyres (rear_overhang ≥ tyre radius + 150 mm)"),
            ("doors", ~(np.equal(p.doors, "gullwing") & ~np.equal(p.roof, "fixed")),
             "be 'conventional' unless the roof is 'fixed' (gullwing doors hang from the roof)"),
            ("top", ~(np.equal(p.top, "open") & np.equal(p.roof, "fixed")),
             "be 'closed' with a fixed roof"),
            ("door_open_angle", np.equal(p.doors, "gullwing") | (p.door_open_angle == 0.0),
             "be 0 with conventional doors (only gullwing doors are modelled open)"),
        ]

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        wb = p.wheelbase
        front, rear = p.front_overhang, -wb - p.rear_overhang
        half = 0.5 * p.body_width
        r_front = tyre_radius_mm(p.tyre_width_front, p.tyre_aspect_front, p.rim_diameter_front)
        r_rear = tyre_radius_mm(p.tyre_width_rear, p.tyre_aspect_rear, p.rim_diameter_rear)
        floor = p.floor_height
        cowl_x = -p.cowl_setback
        h_x, h_z = -wb + p.seat_h_point_ahead, p.seat_h_point_height
        bulkhead_x = h_x - _SEAT_BACK_MM
        engine_x = -wb + p.engine_ahead
        crank_z = _crank_z(p)
        roof_kind, stowed = option(p, "roof"), option(p, "top") == "open"
        door_style = option(p, "doors")

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width_front, p.tyre_aspect_front, p.rim_diameter_front),
                         rear=(p.tyre_width_rear, p.tyre_aspect_rear, p.rim_diameter_rear),
                         hub_mass_front_kg=7.0, hub_mass_rear_kg=7.0,
                         rim_material="aluminium"))
        # Body: monocoque, windscreen, doors, roof, bumpers, mirrors.
        parts.add(monocoque(nose_x=front - _BUMPER_MM, tail_x=rear + _BUMPER_MM, floor_z=floor,
                            cowl_x=cowl_x, bulkhead_x=bulkhead_x, sill_top_z=p.sill_height,
                            belt_z=p.beltline_height, nose_top_z=p.nose_height,
                            deck_z=p.deck_height, width=p.body_width, mass_kg=p.body_mass,
                            closures_front_kg=0.5 * p.closures_mass,
                            closures_rear_kg=0.5 * p.closures_mass,
                            front_share=_FRONT_SHARE, rear_share=_REAR_SHARE, wall=_WALL_MM))
        parts.add(roadster_windscreen(cowl_x=cowl_x, belt_z=p.beltline_height,
                                      top_z=p.roof_height, rake_deg=p.windscreen_rake,
                                      width=p.body_width - 40.0,
                                      frame_mass_kg=BODY_SHARES["windscreen_frame"]
                                      * p.body_mass))
        header_x = _header_x(p)
        # A front tyre at full lock sweeps r sin δ + w/2 cos δ inboard of its centre plane.
        lock = np.radians(p.max_steer_deg)
        sweep_y = 0.5 * p.track_front - (r_front * np.sin(lock)
                                         + 0.5 * p.tyre_width_front * np.cos(lock))
        parts.add(roadster_doors(door_style, front_x=cowl_x - 60.0, rear_x=bulkhead_x + 20.0,
                                 sill_z=p.sill_height, belt_z=p.beltline_height,
                                 roof_z=p.roof_height, half_width=half, mass_kg=p.door_mass,
                                 open_deg=p.door_open_angle))
        parts.add(roadster_roof(roof_kind, stowed=stowed, header_x=header_x,
                                rear_x=bulkhead_x, roof_z=p.roof_height, deck_z=p.deck_height,
                                width=p.body_width - 60.0,
                                # A targa panel rolls up against the front bulkhead, over
                                # the spare wheel's rear edge, 10 mm behind the struts and
                                # between the front tyres' sweep at full lock (15 mm clear).
                                stow_x=cowl_x + 165.0, stow_z=r_front + 270.0,
                                stow_width=2.0 * (sweep_y - 15.0),
                                panel_mass_kg=p.roof_panel_mass,
                                rear_mass_kg=p.roof_rear_mass))
        parts.add(bumper("front_bumper", x=front, facing=1, width=p.body_width - 40.0,
                         z_bottom=floor + 60.0, height=p.nose_height - floor - 160.0,
                         depth=_BUMPER_MM + 10.0, mass_kg=5.0))
        parts.add(bumper("rear_bumper", x=rear, facing=-1, width=p.body_width - 40.0,
                         z_bottom=floor + 80.0, height=p.deck_height - floor - 280.0,
                         depth=_BUMPER_MM + 10.0, mass_kg=5.0))
        parts.add(door_mirrors(x=cowl_x - 120.0, body_half_width=half,
                               z=p.beltline_height + 80.0, reach=110.0, mass_kg=1.2))
        # Suspension and steering: struts at the front; the rear struts and arms as one part
        # per side (keidesign.parts.trailing_arms), the engine's subframe between them.
        parts.add(strut_suspension(x=0.0, wheel_inner_y=0.5 * (p.track_front
                                                               - p.tyre_width_front),
                                   wheel_centre_z=r_front, top_z=p.nose_height + 60.0,
                                   arm_mass_kg=8.0, strut_mass_kg=7.0))
        # The rack ahead of the axle (front steer): behind the struts is the battery's.
        parts.add(steering_rack(x=120.0, z=r_front + 40.0,
                                half_length=0.5 * (p.track_front - p.tyre_width_front) - 150.0,
                                mass_kg=8.0))
        parts.add(trailing_arms(x_axle=-wb, wheel_inner_y=0.5 * (p.track_rear
                                                                 - p.tyre_width_rear),
                                wheel_centre_z=r_rear - 60.0, mass_kg=17.0))
        parts.add(Component("rear_subframe", "suspension",
                            Box(size=(500.0, 0.5 * p.track_rear, 60.0)), material("steel"),
                            Placement.at(engine_x, 0.0, floor + 30.0), mass_kg=12.0,
                            colour=PAINT["chassis"]))
        # Powertrain: transverse behind the seats, transaxle on the left; the pair sits right
        # of centre where it is too long for the room between the rear arms (their inner
        # faces 100 mm inside the tyres', keidesign.parts.trailing_arms), so the transaxle
        # ends 10 mm inside the left one.
        arm_inner = 0.5 * (p.track_rear - p.tyre_width_rear) - 100.0
        engine_y = np.minimum(0.0, arm_inner - 10.0 - _TRANSAXLE_MM
                              - 0.5 * catalogue_figure(p.engine, "length_mm"))
        parts.add(powertrain(p.engine, x=engine_x, y=engine_y, z=crank_z,
                             mounting="transverse", gearbox_side=1.0,
                             turbo=np.equal(p.turbo, "yes"), gearbox_mass_kg=p.transaxle_mass,
                             gearbox_length=_TRANSAXLE_MM, gearbox_name="transaxle"))
        # The exhaust leaves the engine's back for a muffler inside the tail, 15 mm clear of
        # the tail's inner wall and of its chamfered underside (the 45° line from 150 mm up
        # the tail, a 25 mm wall) even at its end's corners. The pipe's ends sit in the
        # engine's exhaust port and the muffler's inlet: joints.
        tail_x = rear + _BUMPER_MM
        muffler_z = floor + 250.0
        muffler_rear = np.maximum(tail_x + _WALL_MM + 15.0,
                                  tail_x + floor + 150.0 + (_WALL_MM + 15.0) * np.sqrt(2.0)
                                  - muffler_z + _MUFFLER_R_MM)
        muffler_front = muffler_rear + _MUFFLER_MM
        parts.add(c.touching("engine", "exhaust_muffler") if c.name == "exhaust_pipe" else c
                  for c in exhaust(points=[(engine_x - 180.0, -120.0, crank_z),
                                           (muffler_front, -120.0, muffler_z)],
                                   muffler_x=muffler_rear + 0.5 * _MUFFLER_MM, muffler_y=-120.0,
                                   muffler_z=muffler_z, muffler_length=_MUFFLER_MM,
                                   muffler_radius=_MUFFLER_R_MM, muffler_mass_kg=7.0))
        # The tank fills its bay: 10 mm behind the bulkhead's wall, 10 mm ahead of the
        # engine's half depth at the tightest the rules allow.
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=bulkhead_x - _WALL_MM - 10.0,
                            y=0.0, z_top=floor + _FLOOR_MM + 260.0,
                            length=_TANK_MM - _WALL_MM - 20.0, height=240.0))
        # Front compartment (its floor above the steering rack and the front crossmember):
        # radiator, battery, spare wheel.
        nose = front - _BUMPER_MM
        compartment_z = r_front + 100.0
        # The radiator stands 12 mm behind the nose's inner skin where it chamfers under
        # (from 60 mm ahead of the floor's corner up 120 mm, a 25 mm wall).
        parts.add(radiator(x_front=nose - 70.0, z_bottom=floor + 60.0, width=560.0,
                           height=p.nose_height - floor - 160.0, mass_kg=9.0))
        # The battery behind the left strut, 10 mm clear of it.
        parts.add(battery(x=cowl_x + 150.0, y=0.5 * p.track_front - 260.0,
                          z_bottom=floor + _FLOOR_MM, mass_kg=9.0))
        if option(p, "spare_wheel") == "yes":
            road = tuple(parts[f"{part}_front_left"].shape for part in ("tyre", "rim"))
            spare = wheel("spare", width=p.tyre_width_front, aspect=p.tyre_aspect_front,
                          rim_in=p.rim_diameter_front, x=0.0, y=0.0, side="left",
                          hub_mass_kg=0.0, shapes=(*road, road[0]))[:2]
            lying = Placement.at(nose - 140.0 - r_front, 0.0,  # 10 mm behind the radiator
                                 compartment_z + 0.5 * p.tyre_width_front, turns=(1, 0, 0))
            parts.add(c.replace(placement=lying) for c in spare)
        # Cockpit: dashboard, trim, seats and occupants (the driver on the right, y < 0).
        parts.add(roadster_cockpit(cowl_x=cowl_x, bulkhead_x=bulkhead_x, floor_z=floor,
                                   floor_plate=_FLOOR_MM, body_width=p.body_width,
                                   belt_z=p.beltline_height, h_point=(h_x, h_z),
                                   seat_spacing=p.seat_spacing, wall=_WALL_MM,
                                   dashboard_mass_kg=p.dashboard_mass,
                                   trim_mass_kg=p.trim_mass, seat_mass_kg=p.seat_mass))
        # Luggage: the small boot behind the engine, under the rear deck.
        boot_front = engine_x - _ENGINE_HALF_MM - 40.0
        # Between the rear arms, 10 mm clear of each.
        parts.add(payload(x=(rear + _BUMPER_MM + 60.0, np.maximum(boot_front,
                                                                   rear + _BUMPER_MM + 160.0)),
                          width=np.minimum(p.body_width - 500.0, 2.0 * (arm_inner - 10.0)),
                          floor_z=crank_z + 120.0,
                          depth=80.0, mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=2, rated_payload_kg=p.rated_payload, is_truck=False,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts


def _crank_z(p: Any) -> Any:
    """The crank centre's height, mm: 110 mm above the rear wheel centre, where the
    transaxle's differential and drive shafts are, and its sump at least 60 mm above the
    floor's underside."""
    r_rear = tyre_radius_mm(p.tyre_width_rear, p.tyre_aspect_rear, p.rim_diameter_rear)
    return np.maximum(p.floor_height + 60.0 + 0.30 * catalogue_figure(p.engine, "height_mm"),
                      r_rear + 110.0)


def _engine_top(p: Any) -> Any:
    """The cam cover's top, mm."""
    return _crank_z(p) + 0.70 * catalogue_figure(p.engine, "height_mm")


def _header_x(p: Any) -> Any:
    """Where the roof starts: the windscreen header's rear edge, mm."""
    return windscreen_header_x(cowl_x=-p.cowl_setback, belt_z=p.beltline_height,
                               top_z=p.roof_height, rake_deg=p.windscreen_rake)
