"""A front-engine kei roadster (Suzuki Cappuccino, Daihatsu Copen), built from the parts kit.

A steel monocoque two-seater without a frame, the seats towards the rear axle, the boot
behind them.

- ``drive="rwd"`` (Cappuccino): the engine longitudinal behind the front axle line
  (front-mid), its gearbox behind it, a propeller shaft down the tunnel to a final drive on the
  body at the rear axle, independent rear suspension.
- ``drive="fwd"`` (Copen): the engine transverse over or ahead of the front axle, its
  transaxle on the left, no propeller shaft or final drive at the rear.

The roof is parts, and opening it moves them, never adds or removes mass (``top="open"``
stows them; see :func:`keidesign.parts.roadster_roof`):

- ``roof="removable_panels"`` (Cappuccino): two roof panels (left and right halves, aluminium)
  that lift out and lie stacked flat in the boot, and a rear section (rear window with its
  frame and the roll-over hoop's cover) that folds down flat onto the deck behind the seats.
- ``roof="hardtop_folding"`` (Copen's Active Top): a steel roof panel and the rear section
  with its glass, both folded into the boot, stacked, the panel under the rear section.

The boot holds the stowed roof *and* the luggage (``rated_payload``, the full load case), as
the real cars' boots do when open (barely).

Packaging (estimates, each set so that nothing overlaps): the bonnet's front edge is the lowest
that clears the cam cover at the engine's front end; the seats' cushions rest on the floor trim;
a transverse engine sits right of the centre line so that its transaxle clears the left strut;
the steering rack lies on the side of the front axle the engine does not; the exhaust runs in
the tunnel's right side to a muffler under the boot floor, which lies over the final drive; a
folded hardtop lies over the rear wheels. The monocoque's shells and floor plate are extruded
without wheel arches, tunnel or footwells: the wheels, what runs in the tunnel (gearbox,
propeller shaft, exhaust) and the occupants' feet are declared to overlap them (``touches``).
The occupants sit either side of the tunnel, their feet beside the longitudinal gearbox's bell:
360 mm across and 30 mm outboard of their seats' centres, the seats 670 mm apart (estimates).
The spare is a temporary one (``spare_wheel="temporary"``, T115/70D14 on a steel rim), lying on
the boot floor under the stowed roof and the luggage (517 mm across: a boot shorter inside
than that, behind the fuel tank, shows it as a clash with the tank or the tail; the
Cappuccino's is 530 mm). Not resolved (it remains a clash): a full-size spare wheel
(``spare_wheel="yes"``) finds no place under the boot floor beside the final drive and the
muffler, nor on it (570 mm across).

Defaults are the Suzuki Cappuccino EA11R's (see :mod:`keidesign.concepts.presets.roadsters`
for sources): published dimensions, wheelbase, tracks, tyres and engine; stated estimates for
the positions (H-point, bulkhead, engine centre) and for the masses nobody publishes:
body-in-white 190 kg (an open steel monocoque; its front structure, which carries the
engine, takes 30 % of it, the rear 16 %), bonnet, wings and boot lid 16 kg (an aluminium
bonnet), doors 13 kg each, roof panels 8 kg, rear section 10 kg, seats 12 kg each, dashboard
15 kg, trim and wiring 24 kg, gearbox 30 kg, propeller shaft 8 kg, final drive 16 kg. Tyres, rims, fuel tank, fuel, glass and the exhaust pipe weigh their materials'
volumes; the engine is the catalogue's (:data:`keidesign.parts.ENGINES`).

All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
origin on the ground below the front axle centre).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept, option
from keidesign.layout import Parts, VehicleFacts
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
    final_drive,
    fuel_tank,
    monocoque,
    payload,
    powertrain,
    propshaft,
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
from keidesign.shapes import Placement

__all__ = ["FrontEngineRoadster"]

_BUMPER_MM = 90.0
_SEAT_BACK_MM = 400.0    # the rear bulkhead behind the seats' H-point
_TANK_MM = 260.0         # fuel tank length, behind the bulkhead
_FLOOR_MM = 60.0
_WALL_MM = 25.0
#: The seat's cushion on the floor trim (15 mm of foam on the floor pan): a bucket seat reaches
#: 170 mm below its H-point (keidesign.parts.seats).
_SEAT_ON_FLOOR_MM = _FLOOR_MM + 15.0 + 170.0
_BOOT_MIN_MM = 300.0    # the shortest boot the stowed roof and the luggage need
_GEARBOX_MM = 330.0      # longitudinal gearbox length behind the engine
_TRANSAXLE_MM = 260.0
_ENGINE_Y_FWD = -90.0    # a transverse engine's crank centre right of the centre line
_MUFFLER_MM = 220.0      # muffler length and radius (estimates: a kei car's)
_MUFFLER_R = 70.0
#: The occupants (estimates): 360 mm across, a 55 kg adult's seated hip breadth (the parts
#: kit's 400 mm everyman is broader), each 30 mm outboard of its seat's centre, the legs angled
#: out into the footwells, so that the feet lie either side of the tunnel over the gearbox's
#: bell (real feet do: the pedals and the passenger's footwell beside the tunnel).
_OCCUPANT_WIDTH_MM = 360.0
_OCCUPANT_OUTBOARD_MM = 30.0
#: Between an occupant's feet and the gearbox's bell: the tunnel's sheet and its carpet.
_TUNNEL_GAP_MM = 10.0
#: A temporary spare's section (estimate: T115/70D14, the temporary size Japanese makers fit
#: cars on 14-inch wheels; no published figure for the Cappuccino's), on the road rims' diameter.
_TEMPORARY_WIDTH_MM, _TEMPORARY_ASPECT = 115.0, 70.0
#: The body-in-white's front and rear shares (see keidesign.parts.BODY_SHARES): a front-engined
#: monocoque carries the engine bay, its mounts and the strut towers ahead of the cockpit;
#: behind the seats only the boot and the rear suspension's mounts (estimates).
_FRONT_SHARE, _REAR_SHARE = 0.30, 0.16


class FrontEngineRoadster(Concept):
    """Front-engine kei roadster: front-mid longitudinal engine and rear drive, or a
    transverse engine and front drive; steel monocoque; a roof of parts that stow in the boot.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "front-engine-roadster"
    title: ClassVar[str] = "Front-engine kei roadster (Suzuki Cappuccino, Daihatsu Copen)"

    wheelbase: float = length(2060, 1800, 2500, "front-axle to rear-axle distance")
    track_front: float = length(1210, 1000, 1400, "front wheel centre-to-centre distance")
    track_rear: float = length(1210, 1000, 1400, "rear wheel centre-to-centre distance")
    front_overhang: float = length(640, 400, 1000, "front axle to the front bumper's face")
    rear_overhang: float = length(595, 300, 1000, "rear axle to the rear bumper's face")
    body_width: float = length(1395, 1200, 1600, "body width (door mirrors excluded)")
    roof_height: float = length(1185, 950, 1500, "roof top above the ground, roof closed")
    floor_height: float = length(130, 80, 300, "floor pan's underside above the ground")
    sill_height: float = length(400, 250, 600, "sill top (door bottom) above the ground")
    beltline_height: float = length(850, 550, 1100, "beltline (cowl, door tops) above the ground")
    nose_height: float = length(720, 400, 900, "bonnet's front edge above the ground "
                                "(estimate: the lowest that clears the F6A's cam cover at "
                                "the engine's front end)")
    deck_height: float = length(870, 600, 1100, "boot lid and rear deck above the ground")
    cowl_setback: float = length(650, 0, 1200, "windscreen base behind the front axle")
    windscreen_rake: float = number(58, 20, 70, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(375, 200, 600, "seat H-point above the ground "
                                        "(estimate: the lowest that sets the seat on the "
                                        "floor)")
    seat_h_point_setback: float = length(1320, 800, 2000, "seat H-point behind the front axle")
    seat_spacing: float = length(670, 450, 800, "lateral distance between the two seats "
                                 "(estimate: wide enough for the feet beside the tunnel over a "
                                 "longitudinal gearbox's bell)")
    drive: str = choice("rwd", ("rwd", "fwd"),
                        "rwd: longitudinal engine behind the front axle (Cappuccino); fwd: "
                        "transverse engine over the front axle (Copen)")
    engine_setback: float = length(240, -400, 900, "engine crank centre behind the front axle "
                                   "(negative: ahead of it)")
    engine: str = choice("F6A", tuple(ENGINES), "engine from the catalogue (see keidesign."
                         "parts.ENGINES: displacement, mass, size)")
    turbo: str = choice("yes", ("no", "yes"), "turbocharged (adds the turbo's mass)")
    gearbox_mass: float = number(30, 15, 80, "kg", "gearbox (rwd) or transaxle with "
                                 "differential (fwd) (estimate: a kei 5-speed)")
    propshaft_mass: float = number(8, 3, 20, "kg", "propeller shaft with its joints, rwd "
                                   "(estimate)")
    final_drive_mass: float = number(16, 8, 35, "kg", "rear final drive with its oil, rwd "
                                     "(estimate)")
    tyre_width_front: float = length(165, 125, 245, "front tyre section width")
    tyre_aspect_front: float = number(65, 35, 82, "%", "front tyre aspect ratio")
    rim_diameter_front: float = number(14, 10, 17, "in", "front rim diameter")
    tyre_width_rear: float = length(165, 125, 245, "rear tyre section width")
    tyre_aspect_rear: float = number(65, 35, 82, "%", "rear tyre aspect ratio")
    rim_diameter_rear: float = number(14, 10, 17, "in", "rear rim diameter")
    fuel_tank_volume: float = number(30, 10, 50, "L", "fuel tank capacity, full in every load case")
    body_mass: float = number(190, 120, 400, "kg", "body-in-white without closures (estimate: "
                              "open steel monocoque, reinforced floor and sills)")
    closures_mass: float = number(16, 5, 60, "kg", "bonnet, front wings and boot lid "
                                  "(estimate), 60 % on the front body, 40 % on the rear")
    door_mass: float = number(13, 5, 35, "kg", "one door with its glass, regulator and trim "
                              "(estimate)")
    roof_panel_mass: float = number(8, 2, 40, "kg", "roof panel(s) over the cockpit (estimate)")
    roof_rear_mass: float = number(10, 2, 40, "kg", "roof rear section: rear window and frame "
                                   "(estimate)")
    seat_mass: float = number(12, 5, 30, "kg", "one seat with its rails and belt (estimate)")
    dashboard_mass: float = number(15, 8, 40, "kg", "dashboard with crossbeam, heater and "
                                   "instruments (estimate)")
    trim_mass: float = number(24, 5, 80, "kg", "carpets, trim, sound deadening and wiring "
                              "(estimate)")
    spare_wheel: str = choice("temporary", ("no", "yes", "temporary"),
                              "temporary: a temporary spare (T115/70D14 class) lying on the "
                              "boot floor, under the stowed roof and the luggage; yes: a "
                              "full-size spare under the boot floor (it finds no room there); "
                              "no: a repair kit")
    roof: str = choice("removable_panels", ("removable_panels", "hardtop_folding"),
                       "two lift-out panels and a folding rear section (Cappuccino), or a "
                       "hardtop folding into the boot (Copen)")
    top: str = choice("closed", ("closed", "open"), "roof closed, or open with its parts "
                      "stowed")
    rated_payload: float = number(20, 0, 100, "kg", "luggage of the full load case, in the boot")
    max_steer_deg: float = number(30, 15, 50, "deg", "outer front wheel's angle at full lock "
                                  "(estimate: a small car's, no published angle)")
    bump_travel_mm: float = length(70, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a kei sports car's jounce)")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        fwd = np.equal(p.drive, "fwd")
        return [
            ("engine_setback", np.where(fwd, p.engine_setback <= 100.0,
                                        p.engine_setback >= 0.0),
             "put a fwd engine over or ahead of the front axle (engine_setback ≤ 100 mm) and "
             "an rwd engine behind it (engine_setback ≥ 0)"),
            ("engine_setback", p.engine_setback + 200.0 <= p.cowl_setback + 100.0,
             "leave the engine ahead of the footwell, tucked at most 100 mm under the cowl "
             "(engine_setback + 200 ≤ cowl_setback + 100 mm; the gearbox lies in the "
             "tunnel)"),
            ("seat_h_point_setback", (p.seat_h_point_setback - p.cowl_setback >= 600.0)
             & (p.seat_h_point_setback + _SEAT_BACK_MM + _TANK_MM <= p.wheelbase + 400.0),
             "leave at least 600 mm for the legs behind the windscreen base, and the seats, "
             "bulkhead and tank ahead of 400 mm behind the rear axle"),
            ("sill_height", (p.sill_height >= p.floor_height + 150.0)
             & (p.sill_height <= p.beltline_height - 200.0),
             "lie at least 150 mm above the floor's underside and 200 mm below the beltline"),
            ("seat_h_point_height", (p.seat_h_point_height >= p.floor_height + _SEAT_ON_FLOOR_MM)
             & (p.seat_h_point_height + OCCUPANT_HEAD_MM + _WALL_MM <= p.roof_height + 80.0),
             f"sit at least {_SEAT_ON_FLOOR_MM:.0f} mm above the floor's underside (the seat's "
             f"cushion on the floor, not in it) and leave room for a head under the roof "
             f"(roof_height + 80 − seat_h_point_height ≥ {OCCUPANT_HEAD_MM + _WALL_MM:.0f} mm)"),
            ("beltline_height", (p.beltline_height < p.roof_height - 250.0)
             & (p.beltline_height > p.nose_height),
             "lie above the bonnet's front edge and at least 250 mm below the roof"),
            ("deck_height", (p.deck_height <= p.roof_height - 150.0)
             & (p.deck_height >= p.floor_height + 450.0),
             "lie at least 450 mm above the floor's underside (a boot) and 150 mm below the "
             "roof"),
            ("nose_height", _bonnet_z(p, _engine_top_front_x(p)) - _WALL_MM * np.hypot(
                1.0, _bonnet_slope(p)) >= _engine_top(p),
             "put the bonnet's underside, which rises from its front edge to the cowl, over "
             "the engine's top at the cam cover's front end, where the bonnet is lowest"),
            ("windscreen_rake", _header_x(p) + p.seat_h_point_setback + _SEAT_BACK_MM >= 200.0,
             "leave a roof at least 200 mm long between the windscreen header and the rear "
             "bulkhead"),
            ("track_front", p.track_front + p.tyre_width_front <= p.body_width,
             "keep the front tyres inside the body (track_front + tyre_width_front ≤ "
             "body_width)"),
            ("track_rear", p.track_rear + p.tyre_width_rear <= p.body_width,
             "keep the rear tyres inside the body (track_rear + tyre_width_rear ≤ body_width)"),
            ("front_overhang", p.front_overhang >= np.maximum(tyre_radius_mm(
                p.tyre_width_front, p.tyre_aspect_front, p.rim_diameter_front),
                -p.engine_setback + 200.0) + 240.0,
             "reach past the front tyres and the engine for the radiator and bumper "
             "(front_overhang ≥ max(tyre radius, 200 − engine_setback) + 240 mm)"),
            ("rear_overhang", _boot_front(p) - (-p.wheelbase - p.rear_overhang + _BUMPER_MM)
             >= _BOOT_MIN_MM,
             f"leave a boot at least {_BOOT_MIN_MM:.0f} mm long behind the fuel tank for the "
             f"stowed roof and the luggage (rear_overhang ≥ seat_h_point_setback − "
             f"wheelbase + {_SEAT_BACK_MM + _TANK_MM + 30.0 + _BOOT_MIN_MM + _BUMPER_MM:.0f} "
             f"mm)"),
            ("seat_spacing", np.where(
                fwd, True, 0.5 * p.seat_spacing + _OCCUPANT_OUTBOARD_MM
                - 0.5 * _OCCUPANT_WIDTH_MM >= _bell_radius(p) + _TUNNEL_GAP_MM)
             & (0.5 * p.seat_spacing + 220.0 <= 0.5 * p.body_width - 100.0),
             f"put the occupants' feet beside the tunnel over a longitudinal gearbox's bell, "
             f"{_TUNNEL_GAP_MM:.0f} mm clear (rwd), and the seats (440 mm wide) inside the "
             f"doors (100 mm thick)"),
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
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height
        bulkhead_x = h_x - _SEAT_BACK_MM
        engine_x = -p.engine_setback
        crank_z = _crank_z(p)
        fwd = option(p, "drive") == "fwd"
        roof_kind, stowed = option(p, "roof"), option(p, "top") == "open"
        nose, tail = front - _BUMPER_MM, rear + _BUMPER_MM
        pipe_z = floor + 25.0  # the exhaust's run, in the tunnel's right side

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width_front, p.tyre_aspect_front, p.rim_diameter_front),
                         rear=(p.tyre_width_rear, p.tyre_aspect_rear, p.rim_diameter_rear),
                         hub_mass_front_kg=7.0, hub_mass_rear_kg=6.0,
                         rim_material="aluminium"))
        # Body: monocoque, windscreen, doors, roof, bumpers, mirrors.
        parts.add(monocoque(nose_x=nose, tail_x=tail, floor_z=floor, cowl_x=cowl_x,
                            bulkhead_x=bulkhead_x, sill_top_z=p.sill_height,
                            belt_z=p.beltline_height, nose_top_z=p.nose_height,
                            deck_z=p.deck_height, width=p.body_width, mass_kg=p.body_mass,
                            closures_front_kg=0.6 * p.closures_mass,
                            closures_rear_kg=0.4 * p.closures_mass,
                            front_share=_FRONT_SHARE, rear_share=_REAR_SHARE, wall=_WALL_MM))
        parts.add(roadster_windscreen(cowl_x=cowl_x, belt_z=p.beltline_height,
                                      top_z=p.roof_height, rake_deg=p.windscreen_rake,
                                      width=p.body_width - 40.0,
                                      frame_mass_kg=BODY_SHARES["windscreen_frame"]
                                      * p.body_mass))
        parts.add(roadster_doors("conventional", front_x=cowl_x - 60.0,
                                 rear_x=bulkhead_x + 20.0, sill_z=p.sill_height,
                                 belt_z=p.beltline_height, roof_z=p.roof_height,
                                 half_width=half, mass_kg=p.door_mass))
        parts.add(bumper("front_bumper", x=front, facing=1, width=p.body_width - 40.0,
                         z_bottom=floor + 60.0, height=p.nose_height - floor - 160.0,
                         depth=_BUMPER_MM + 10.0, mass_kg=5.0))
        parts.add(bumper("rear_bumper", x=rear, facing=-1, width=p.body_width - 40.0,
                         z_bottom=floor + 80.0, height=p.deck_height - floor - 280.0,
                         depth=_BUMPER_MM + 10.0, mass_kg=5.0))
        parts.add(door_mirrors(x=cowl_x - 120.0, body_half_width=half,
                               z=p.beltline_height + 80.0, reach=110.0, mass_kg=1.2))
        # Suspension and steering: struts (or wishbones) at the front, an independent rear
        # (rwd) or a trailing-arm axle (fwd) as one part per side.
        parts.add(strut_suspension(x=0.0, wheel_inner_y=0.5 * (p.track_front
                                                               - p.tyre_width_front),
                                   wheel_centre_z=r_front, top_z=p.nose_height + 60.0,
                                   arm_mass_kg=8.0, strut_mass_kg=7.0))
        # The rack lies on the side of the axle the engine does not: behind a transverse
        # engine ahead of the axle, ahead of a longitudinal one behind it.
        parts.add(steering_rack(x=-150.0 if fwd else 150.0, z=r_front + 40.0,
                                half_length=0.5 * (p.track_front - p.tyre_width_front) - 150.0,
                                mass_kg=8.0))
        # The arms pivot on the rear body, behind the cockpit's rear bulkhead.
        rear_inner_y = 0.5 * (p.track_rear - p.tyre_width_rear)
        parts.add(trailing_arms(x_axle=-wb, wheel_inner_y=rear_inner_y,
                                wheel_centre_z=r_rear - 60.0,
                                length=np.minimum(440.0, bulkhead_x - 10.0 + wb + 90.0),
                                mass_kg=15.0 if fwd else 18.0))
        # Powertrain.
        if fwd:
            # Engine and transaxle, 680 mm or so along the crank, sit right of the centre
            # line so that the transaxle's end stays inboard of the left strut (estimate).
            parts.add(powertrain(p.engine, x=engine_x, y=_ENGINE_Y_FWD, z=crank_z,
                                 mounting="transverse", gearbox_side=1.0,
                                 turbo=np.equal(p.turbo, "yes"),
                                 gearbox_mass_kg=p.gearbox_mass, gearbox_length=_TRANSAXLE_MM,
                                 gearbox_name="transaxle"))
            # Manifold at the block's back; the downpipe drops ahead of the footwell.
            route = [(engine_x - 200.0, -200.0, crank_z - 80.0),
                     (engine_x - 320.0, -200.0, pipe_z),
                     (-wb + 120.0, -200.0, pipe_z)]
            muffler_front = -wb + 20.0  # astride the axle line: no final drive there
            boot_floor = floor + _FLOOR_MM + 120.0  # over the spare wheel well
        else:
            parts.add(powertrain(p.engine, x=engine_x, z=crank_z, mounting="longitudinal",
                                 gearbox_side=1.0, turbo=np.equal(p.turbo, "yes"),
                                 gearbox_mass_kg=p.gearbox_mass, gearbox_length=_GEARBOX_MM))
            # The gearbox reaches through the front bulkhead into the tunnel; the front body
            # (a shell closed at the bulkhead), the floor pan (a flat plate standing for the
            # floor with its tunnel) and the trim (a flat slab where the carpet covers the
            # tunnel) have no tunnel to show.
            parts.replace("transmission", lambda c: c.touching("body_front", "floor_pan",
                                                                "interior_trim"))
            gearbox_end = engine_x - 0.5 * catalogue_figure(p.engine, "length_mm") - _GEARBOX_MM
            diff_z = r_rear + 20.0
            # The shaft runs from the gearbox's tail to the final drive's pinion flange (the
            # housing's nose, 100 mm ahead of the axle), meeting both end to end, through the
            # tunnel's opening in the rear bulkhead, which the rear body (a shell closed at the
            # bulkhead) does not show.
            parts.add(propshaft(x_front=gearbox_end, x_rear=-wb + 100.0,
                                z=0.5 * (crank_z + diff_z), mass_kg=p.propshaft_mass)
                      .touching("body_rear"))
            parts.add(final_drive(x=-wb, z=diff_z, mass_kg=p.final_drive_mass,
                                  shaft_half_length=rear_inner_y - 60.0))
            # Manifold on the block's right side; the downpipe drops ahead of the footwell,
            # runs beside the gearbox and the final drive, under its right drive shaft.
            route = [(engine_x, -200.0, crank_z - 80.0),
                     (engine_x - 100.0, -200.0, pipe_z),
                     (-wb - 100.0, -200.0, pipe_z)]
            muffler_front = -wb - 165.0  # behind the final drive (its housing ends 150 back)
            # The boot floor lies over the final drive's housing (its top 120 mm over its
            # centre).
            boot_floor = np.maximum(floor + _FLOOR_MM + 120.0, diff_z + 130.0)
        # The exhaust ends in a muffler under the boot floor, clear of the rear body's floor
        # and of its tail, whose lower edge is chamfered 150 mm at 45° (see monocoque).
        muffler_rear = muffler_front - _MUFFLER_MM
        chamfer = np.clip(tail + 150.0 - muffler_rear, 0.0, 150.0)
        muffler_z = floor + np.where(chamfer > 0.0, chamfer + _WALL_MM * np.sqrt(2.0),
                                     _WALL_MM) + 10.0 + _MUFFLER_R
        boot_floor = np.maximum(boot_floor, muffler_z + _MUFFLER_R + 10.0)
        pipe = exhaust(points=route + [(muffler_front, -200.0, muffler_z)],
                       muffler_x=muffler_front - 0.5 * _MUFFLER_MM, muffler_y=-200.0,
                       muffler_z=muffler_z, muffler_length=_MUFFLER_MM,
                       muffler_radius=_MUFFLER_R, muffler_mass_kg=7.0)
        # The floor pan is a flat plate standing for the floor with its tunnel, the rear body's
        # floor is flat where the real one carries the tunnel on, and the front body is a
        # shell closed underneath and at its bulkhead where the engine bay is open and the
        # tunnel starts: the pipe runs through them in the tunnel. It ends in the muffler's
        # inlet.
        pipe[0] = pipe[0].touching("floor_pan", "body_front", "body_rear", "exhaust_muffler")
        parts.add(pipe)
        # The tank stands behind the rear bulkhead's inner face, ahead of the boot.
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=bulkhead_x - _WALL_MM - 10.0,
                            y=0.0, z_top=p.deck_height - 120.0, length=_TANK_MM - 20.0,
                            height=300.0))
        # The roof, up or stowed in the boot: the two half-width panels on its floor (on the
        # temporary spare's board, 5 mm over the tyre), a folded hardtop (as wide as the boot
        # at its top) over the rear wheels at full bump.
        load_floor = boot_floor + (_TEMPORARY_WIDTH_MM + 5.0
                                   if option(p, "spare_wheel") == "temporary" else 0.0)
        stow_z = load_floor if roof_kind != "hardtop_folding" else np.maximum(
            load_floor, 2.0 * r_rear + p.bump_travel_mm + 10.0)
        parts.add(roadster_roof(roof_kind, stowed=stowed, header_x=_header_x(p),
                                rear_x=bulkhead_x, roof_z=p.roof_height, deck_z=p.deck_height,
                                width=p.body_width - 60.0,
                                stow_x=0.5 * (_boot_front(p) + tail),
                                stow_z=stow_z, panel_mass_kg=p.roof_panel_mass,
                                rear_mass_kg=p.roof_rear_mass))
        # The radiator stands behind the nose's lower chamfer (the shell's wall runs 25 mm
        # inside it).
        parts.add(radiator(x_front=nose - 100.0, z_bottom=floor + 40.0, width=540.0,
                           height=p.nose_height - floor - 140.0, mass_kg=8.0))
        parts.add(battery(x=cowl_x + 260.0, y=-(half - 330.0), z_bottom=r_front + 60.0,
                          mass_kg=9.0))
        spare_kind = option(p, "spare_wheel")
        if spare_kind == "temporary":
            # Lying on the boot floor between the tail's inner face and the fuel tank, the
            # stowed roof and the luggage over it (steel rim, its tyre's rubber).
            spare = wheel("spare", width=_TEMPORARY_WIDTH_MM, aspect=_TEMPORARY_ASPECT,
                          rim_in=p.rim_diameter_rear, x=0.0, y=0.0, side="left",
                          hub_mass_kg=0.0)[:2]
            lying = Placement.at(0.5 * (tail + _WALL_MM + _boot_front(p)), 0.0,
                                 boot_floor + 0.5 * _TEMPORARY_WIDTH_MM, turns=(1, 0, 0))
            parts.add(c.replace(placement=lying) for c in spare)
        elif spare_kind == "yes":
            road = tuple(parts[f"{part}_rear_left"].shape for part in ("tyre", "rim"))
            spare = wheel("spare", width=p.tyre_width_rear, aspect=p.tyre_aspect_rear,
                          rim_in=p.rim_diameter_rear, x=0.0, y=0.0, side="left",
                          hub_mass_kg=0.0, shapes=(*road, road[0]))[:2]
            lying = Placement.at(tail + 60.0 + r_rear, 0.0,
                                 floor + _FLOOR_MM + 0.5 * p.tyre_width_rear - 40.0,
                                 turns=(1, 0, 0))
            parts.add(c.replace(placement=lying) for c in spare)
        # Cockpit: dashboard, trim, seats and occupants (the driver on the right, y < 0).
        parts.add(roadster_cockpit(cowl_x=cowl_x, bulkhead_x=bulkhead_x, floor_z=floor,
                                   floor_plate=_FLOOR_MM, body_width=p.body_width,
                                   belt_z=p.beltline_height, h_point=(h_x, h_z),
                                   seat_spacing=p.seat_spacing, wall=_WALL_MM,
                                   dashboard_mass_kg=p.dashboard_mass,
                                   trim_mass_kg=p.trim_mass, seat_mass_kg=p.seat_mass,
                                   occupant_width=_OCCUPANT_WIDTH_MM,
                                   occupant_outboard=_OCCUPANT_OUTBOARD_MM))
        # The front body's bulkhead is drawn straight down from the windscreen's base; the
        # real footwells reach forward of it under the dashboard, where the occupants' feet
        # are. (The occupants are narrower than the parts kit's and sit outboard on their
        # seats, see _OCCUPANT_WIDTH_MM: the feet either side of the tunnel.)
        for who in ("driver", "passenger"):
            parts.replace(who, lambda c: c.touching("body_front"))
        # Luggage in the boot, over the stowed roof: between the rear suspension's coil-overs
        # (their inner faces 100 mm inboard of the wheels), 10 mm clear of each, and ahead of
        # the deck's rear edge, chamfered 100 mm (see monocoque).
        boot_front = _boot_front(p)
        parts.add(payload(x=(tail + 100.0, np.maximum(boot_front, tail + 200.0)),
                          width=np.minimum(p.body_width - 400.0, 2.0 * rear_inner_y - 220.0),
                          floor_z=stow_z + 100.0, depth=80.0, mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=2, rated_payload_kg=p.rated_payload, is_truck=False,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts


def _bell_radius(p: Any) -> Any:
    """The longitudinal gearbox's bell housing radius, mm (see
    :func:`keidesign.parts.powertrain`: 0.30 of the engine's height)."""
    return 0.30 * catalogue_figure(p.engine, "height_mm")


def _crank_z(p: Any) -> Any:
    """The crank centre's height: the sump 30 mm above the floor's underside, mm."""
    return p.floor_height + 30.0 + 0.30 * catalogue_figure(p.engine, "height_mm")


def _bonnet_z(p: Any, x: Any) -> Any:
    """The bonnet's height at ``x``, mm: a straight line from its front edge (120 mm behind
    the body's nose) up to the cowl (see :func:`keidesign.parts.monocoque`)."""
    x0 = p.front_overhang - _BUMPER_MM - 120.0
    f = np.clip((x0 - x) / (x0 + p.cowl_setback), 0.0, 1.0)
    return p.nose_height + f * (p.beltline_height - p.nose_height)


def _bonnet_slope(p: Any) -> Any:
    """How much the bonnet rises per mm rearwards (see :func:`_bonnet_z`)."""
    x0 = p.front_overhang - _BUMPER_MM - 120.0
    return (p.beltline_height - p.nose_height) / (x0 + p.cowl_setback)


def _engine_top(p: Any) -> Any:
    """The cam cover's top, mm."""
    return _crank_z(p) + 0.70 * catalogue_figure(p.engine, "height_mm")


def _engine_top_front_x(p: Any) -> Any:
    """The cam cover's front end, mm: half the engine's length ahead of its crank centre when
    longitudinal (rwd), 0.2 of its width when transverse (fwd; see
    :func:`keidesign.parts.powertrain`)."""
    ahead = np.where(np.equal(p.drive, "fwd"), 0.20 * catalogue_figure(p.engine, "width_mm"),
                     0.5 * catalogue_figure(p.engine, "length_mm"))
    return -p.engine_setback + ahead


def _header_x(p: Any) -> Any:
    """Where the roof starts: the windscreen header's rear edge, mm."""
    return windscreen_header_x(cowl_x=-p.cowl_setback, belt_z=p.beltline_height,
                               top_z=p.roof_height, rake_deg=p.windscreen_rake)


def _boot_front(p: Any) -> Any:
    """The boot's front, behind the fuel tank, mm."""
    return -p.seat_h_point_setback - _SEAT_BACK_MM - _TANK_MM - 30.0

