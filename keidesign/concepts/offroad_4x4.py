"""A body-on-frame kei off-roader in the style of the Suzuki Jimny JB64 (2018-), from the parts
kit; with wider tracks, overfenders and the 1.5 L K15B it is the non-kei Jimny Sierra JB74.

Layout (Suzuki: "ラダーフレーム", "3リンクリジッドアクスル式コイルスプリング", longitudinal engine
in an FR layout with a part-time transfer case with low range; Car Watch
car.watch.impress.co.jp/docs/news/photo/1131151.html): a boxed ladder frame; beam axles front
and rear, each located by two radius arms and a lateral rod on coil springs; the engine
longitudinal behind the front axle, the gearbox behind it, the transfer case behind that
driving a propeller shaft to each axle; a three-door box body (a bonnet ahead of a raked
windscreen) on the frame, four seats (two front, two rear), the spare wheel on the back door.

Packaging (estimates, checked by keidesign.analysis.clashes): the frame rails step inboard
ahead of the engine bay, where the front tyres sweep at full bump and lock; no cross-member
crosses the powertrain, the tank or the propeller shafts; the transfer case hangs low, so the
front shaft runs under the sump; the exhaust runs under the cross-members to a muffler ahead
of the rear axle; the front seats stand beside the tunnel; the bonnet and wings stop at the
wheel arches' top, over the tyres at full bump, with the flares; the rear bumper lies between
the rear tyres. The cab's shell is an extruded side profile without its tunnel, dash-panel
recess and rear wheelhouses: those overlaps are declared on it.

Heights: the roof is ``body_height`` above the ground; the overall height is the roof's. The
overall length runs from the front bumper to the spare wheel on the back door (which is how
Suzuki quotes 3395 mm); the width is the body's or, with ``overfender`` > 0, the flares'
(mirrors excluded).

Masses: the engine's from the catalogue (plus ancillaries; the turbo's), tyres and rims,
frame, arms, rods, propeller-shaft tubes, exhaust pipe, tank and fuel from their volumes and
materials; every other mass is a stated estimate, named below or in the part's docstring:

- ``body_mass`` (285 kg): the cab behind the cowl: body-in-white about 200 kg (a 3.3 m
  three-door steel body built to sit on a frame), two doors 2 × 22 kg with glass and
  regulators, the back door 15 kg (it carries the spare), fixed glass, trim, carpets,
  sound deadening, wiring and lamps about 25 kg;
- the front clip (bonnet, wings, aprons, grille, headlamps): :data:`FRONT_CLIP_KG`;
- the axles (:data:`FRONT_AXLE_KG`, :data:`REAR_AXLE_KG`, :data:`DIFFERENTIAL_KG`), the
  steering, springs and dampers, bumpers, seats, dashboard, radiator, battery and muffler
  below.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from keidesign.concepts.base import Concept
from keidesign.layout import Parts, VehicleFacts
from keidesign.layout.component import Component
from keidesign.parameters.spec import choice, length, number
from keidesign.parts import (
    ENGINES,
    OCCUPANT_HEAD_MM,
    RAIL_SPACING_MM,
    battery,
    beam_axle,
    bench_seat,
    bucket_seat,
    bumper,
    cab,
    catalogue_figure,
    dashboard,
    door_mirrors,
    exhaust,
    fuel_tank,
    occupant,
    payload,
    powertrain,
    radiator,
    steering_rack,
    tyre_radius_mm,
    tyres_clear_rails,
    wheels,
)
from keidesign.parts.body import roof_length
from keidesign.parts.materials import PAINT, material
from keidesign.parts.offroad import (
    arch_flares,
    boxed_ladder_frame,
    coil_link_axle,
    tailgate_spare,
    transfer_and_propshafts,
)
from keidesign.shapes import Placement, Prism

__all__ = ["DIFFERENTIAL_KG", "FRONT_AXLE_KG", "FRONT_CLIP_KG", "REAR_AXLE_KG", "Offroad4x4"]

#: Bonnet 10 kg, wings 2 × 5 kg, grille and headlamps 8 kg, inner aprons and radiator support
#: 17 kg (estimates).
FRONT_CLIP_KG = 45.0
#: The front beam axle without its differential: tubes, shafts, knuckles with their kingpins
#: and hub carriers (estimate; the hubs and brakes are the wheels').
FRONT_AXLE_KG = 42.0
#: The rear beam axle without its differential: tubes, shafts, bearings (estimate).
REAR_AXLE_KG = 30.0
#: One differential with its housing's centre section and oil (estimate).
DIFFERENTIAL_KG = 18.0

_RAIL_HEIGHT = 110.0
_CLIP_WALL = 20.0       # the front clip's bonnet and wings with their inner panels, mm
_WING_MIN = 30.0        # the least wing panel over a front arch the model accepts, mm
_CAB_WALL = 25.0
_SPARE_GAP = 50.0       # back door skin to the spare wheel (the carrier bracket)
_SEAT_WIDTH = 440.0     # a front seat (keidesign.parts.bucket_seat's default)
_ARM_LENGTH = 650.0     # radius arms, axle to frame
_PUMPKIN_NOSE = 160.0   # a differential's pinion flange from the axle line (beam_axle)
_TANK_LENGTH = 600.0
#: The lateral rods' height above the axle, mm (estimate): they run 90 mm off the axle line,
#: over the differential's housing (130 mm in radius), 2 mm clear.
_ROD_RISE = 150.0
#: The frame rails' spacing ahead of the engine bay, centre to centre, mm (estimate: the rails
#: step inboard where the front tyres sweep; 700 mm keeps a 16-inch tyre of the JB64's track
#: and the Sierra's wider one clear of them at full bump and full lock).
_FRONT_RAIL_SPACING = 700.0
_RAIL_KICK_X = -400.0   # the rails are narrow ahead of this: behind the front tyres' reach
_KICK_LENGTH = 150.0
_DRIVELINE = 580.0      # engine's rear face to the transfer case's rear face (gearbox 330)
#: How far the front bumper's lower edge hangs below the frame rails' underside, mm (estimate:
#: the edge that gives the Jimny Sierra JB74 its published 36° approach angle at its published
#: 650 mm front overhang — webcartop.jp/2023/09/1184219/2; Motor-Fan via home.kingsoft.jp/amp/
#: news/transport/motorfan/10005234 — in keidesign.analysis.ground; the JB64 has the same frame
#: and a shorter bumper, which is why it reaches 41°: "the Sierra's bumpers are longer",
#: webcartop).
_FRONT_BUMPER_BELOW_FRAME = 10.0
_FRONT_BUMPER_TOP = 290.0  # its top above the frame rails' underside (under the headlamps)


class Offroad4x4(Concept):
    """Body-on-frame 4x4: ladder frame, coil-sprung beam axles, transfer case, four seats.

    All lengths in mm, masses in kg, angles in degrees; vehicle axes (x forward, y left, z up;
    origin on the ground below the front axle centre).
    """

    name: ClassVar[str] = "offroad-4x4"
    title: ClassVar[str] = "Body-on-frame kei 4x4 (Suzuki Jimny JB64 style)"

    wheelbase: float = length(2250, 2000, 2600, "front-axle to rear-axle distance")
    track_front: float = length(1265, 1100, 1600, "front wheel centre-to-centre distance")
    track_rear: float = length(1275, 1100, 1600, "rear wheel centre-to-centre distance")
    tyre_width: float = length(175, 135, 265, "tyre section width")
    tyre_aspect: float = number(80, 50, 95, "%", "tyre aspect ratio")
    rim_diameter: float = number(16, 13, 18, "in", "rim diameter")
    front_overhang: float = length(540, 400, 900, "front axle to the front bumper's face")
    rear_overhang: float = length(380, 300, 800, "rear axle to the back door's skin (the "
                                  "spare wheel hangs behind it)")
    body_width: float = length(1475, 1300, 1700, "body width, flares excluded")
    body_height: float = length(1725, 1500, 2000, "roof height above the ground")
    overfender: float = length(0, 0, 150, "wheel-arch flares' reach past the body side (0: "
                               "flush mouldings; Sierra 85)")
    frame_height: float = length(400, 300, 600, "frame-rail underside above the ground")
    floor_height: float = length(560, 450, 800, "cabin floor above the ground")
    beltline_height: float = length(1120, 900, 1400, "bonnet top and windscreen base above "
                                    "the ground")
    cowl_setback: float = length(900, 600, 1400, "windscreen base behind the front bumper's "
                                 "face (the bonnet's length)")
    windscreen_rake: float = number(22, 0, 50, "deg", "windscreen angle from the vertical")
    seat_h_point_height: float = length(860, 650, 1100, "front seats' H-point above the ground")
    seat_h_point_setback: float = length(1150, 700, 1500, "front seats' H-point behind the "
                                         "front axle")
    rear_seat_setback: float = length(800, 600, 1000, "rear seats' H-point behind the front "
                                      "seats' (estimate: the rear occupants' shins clear the "
                                      "front occupants' backs by about 10 mm)")
    engine: str = choice("R06A", tuple(ENGINES), "engine from the catalogue (R06A: JB64; "
                         "K15B: Sierra JB74)")
    turbo: str = choice("yes", ("no", "yes"), "turbocharged (adds the turbo's mass)")
    engine_setback: float = length(420, 250, 800, "engine's crank centre behind the front axle")
    transmission_mass: float = number(35, 20, 80, "kg", "5-speed gearbox (estimate)")
    fuel_tank_volume: float = number(40, 20, 80, "L", "fuel tank capacity, full in every load "
                                     "case (JB64: 40 L)")
    body_mass: float = number(285, 150, 500, "kg", "the cab behind the cowl with doors, back "
                              "door, glass and trim (estimate, see the module)")
    front_seat_mass: float = number(16, 5, 30, "kg", "one front seat with rails and recliner")
    rear_seat_mass: float = number(8, 3, 20, "kg", "one rear seat place (half the folding "
                                   "bench)")
    rated_payload: float = number(30, 0, 300, "kg", "luggage of the full load case")
    max_steer_deg: float = number(28.0, 15, 50, "deg", "outer front wheel's angle at full "
                                  "lock (28°: the JB64's published 4.8 m turning radius at its "
                                  "2250 mm wheelbase, asin(2.25/4.8); beam axles limit the lock)")
    bump_travel_mm: float = length(100, 0, 300, "how far a wheel rises from its static height to full "
                                   "bump (estimate: a coil-sprung beam axle's jounce)")

    @staticmethod
    def constraints(p: Any) -> list[tuple[str, Any, str]]:
        radius = tyre_radius_mm(p.tyre_width, p.tyre_aspect, p.rim_diameter)
        cowl_x = p.front_overhang - p.cowl_setback
        back_x = -p.wheelbase - p.rear_overhang
        h_x = -p.seat_h_point_setback
        rear_h_x = h_x - p.rear_seat_setback
        half = 0.5 * p.body_width + p.overfender
        engine_half = 0.5 * catalogue_figure(p.engine, "length_mm")
        # The wings' lower edge: 15 mm over a front tyre at full bump (as placed).
        arch_z = 2.0 * radius + p.bump_travel_mm + 15.0
        return [
            ("beltline_height", p.beltline_height >= arch_z + _CLIP_WALL + _WING_MIN,
             f"leave the wings {_WING_MIN:.0f} mm of panel over the front arches "
             f"(beltline_height ≥ tyre diameter + bump_travel_mm + "
             f"{15.0 + _CLIP_WALL + _WING_MIN:.0f} mm)"),
            ("track_front", tyres_clear_rails(p.track_front, p.tyre_width),
             "leave the tyres clear of the frame rails (track_front − tyre_width > 980 mm)"),
            ("track_rear", tyres_clear_rails(p.track_rear, p.tyre_width),
             "leave the tyres clear of the frame rails (track_rear − tyre_width > 980 mm)"),
            ("track_front", 0.5 * (p.track_front + p.tyre_width) <= half,
             "keep the tyres under the body or its flares (track_front + tyre_width ≤ "
             "body_width + 2 × overfender)"),
            ("track_rear", 0.5 * (p.track_rear + p.tyre_width) <= half,
             "keep the tyres under the body or its flares (track_rear + tyre_width ≤ "
             "body_width + 2 × overfender)"),
            ("frame_height", p.frame_height >= radius + 45.0,
             "clear the axle tubes (frame_height ≥ tyre radius + 45 mm)"),
            ("floor_height", p.floor_height >= p.frame_height + _RAIL_HEIGHT + 30.0,
             "sit on the frame's body mounts (floor_height ≥ frame_height + 140 mm)"),
            ("beltline_height", (p.beltline_height > p.floor_height + 300.0)
             & (p.beltline_height < p.body_height - 300.0),
             "lie between 300 mm above the floor and 300 mm below the roof"),
            ("seat_h_point_height", (p.seat_h_point_height > p.floor_height + 150.0)
             & (p.seat_h_point_height + 30.0 + OCCUPANT_HEAD_MM + _CAB_WALL <= p.body_height),
             f"sit 150 mm above the floor with room for a head under the roof, the rear "
             f"seats' too (body_height − seat_h_point_height ≥ "
             f"{30.0 + OCCUPANT_HEAD_MM + _CAB_WALL:.0f} mm)"),
            ("cowl_setback", cowl_x - 650.0 >= h_x,
             "leave 650 mm from the windscreen's base back to the front seats' H-point"),
            ("windscreen_rake", roof_length(cowl_x - back_x, p.body_height, p.beltline_height,
                                             p.windscreen_rake) > 400.0,
             "leave a roof at least 400 mm long behind the windscreen"),
            ("rear_seat_setback", rear_h_x - 450.0 >= back_x + _CAB_WALL,
             "leave the rear seat's back 450 mm behind its H-point inside the back door"),
            ("engine_setback", p.engine_setback - engine_half > _PUMPKIN_NOSE + 40.0,
             "put the engine's front face 200 mm behind the front axle (behind the "
             "differential's pinion)"),
            ("engine_setback", p.engine_setback + engine_half + _DRIVELINE
             < p.wheelbase - _ARM_LENGTH - 100.0,
             f"leave the gearbox and transfer case ({_DRIVELINE:.0f} mm behind the engine) "
             f"ahead of the rear radius arms' frame mounts (engine_setback + half the "
             f"engine's length + {_DRIVELINE:.0f} < wheelbase − {_ARM_LENGTH + 100.0:.0f} mm)"),
            ("body_height", p.floor_height + 300.0 + radius + 50.0 <= p.body_height,
             "leave the spare wheel on the back door below the roof"),
        ]

    @classmethod
    def place_components(cls, p: Any) -> tuple[Parts, VehicleFacts]:
        wb = p.wheelbase
        radius = tyre_radius_mm(p.tyre_width, p.tyre_aspect, p.rim_diameter)
        front = p.front_overhang
        back_x = -wb - p.rear_overhang
        cowl_x = front - p.cowl_setback
        floor = p.floor_height
        frame_bottom = p.frame_height
        frame_top = frame_bottom + _RAIL_HEIGHT
        half_body = 0.5 * p.body_width
        h_x, h_z = -p.seat_h_point_setback, p.seat_h_point_height
        rear_h_x = h_x - p.rear_seat_setback
        rear_h_z = h_z + 30.0  # the rear bench sits a little higher (theatre seating)
        spacing = RAIL_SPACING_MM

        parts = Parts()
        parts.add(wheels(wheelbase=wb, track_front=p.track_front, track_rear=p.track_rear,
                         front=(p.tyre_width, p.tyre_aspect, p.rim_diameter),
                         hub_mass_front_kg=7.0, hub_mass_rear_kg=7.0))
        road_wheel = tuple(parts[f"{part}_front_left"].shape for part in ("tyre", "rim", "hub"))
        # Frame: boxed rails from behind the bumper to the back door, stepping inboard ahead of
        # the engine bay, where the front tyres sweep at full bump and lock; five cross-members:
        # the front one (bumper and radiator), one between it and the steering box, one behind
        # the fuel tank carrying the rear radius arms' mounts and two behind the rear axle.
        # None crosses the engine, gearbox, transfer case, tank or propeller shafts: those hang
        # between the rails (the JB64's frame adds an X-member in the middle, Suzuki via Car
        # Watch 1131151; not modelled).
        engine_x = -p.engine_setback
        engine_half = 0.5 * catalogue_figure(p.engine, "length_mm")
        transfer_x = engine_x - engine_half - 330.0 - 130.0
        # The fuel tank lies between the rails on the left, behind the gearbox's tail and
        # ahead of the cross-member at the rear arms' mounts (behind the tank, if a long
        # gearbox pushes it back).
        gearbox_tail = engine_x - engine_half - 330.0
        tank_front = np.minimum(-wb + _ARM_LENGTH + 40.0 + _TANK_LENGTH, gearbox_tail - 10.0)
        tank_rear = tank_front - _TANK_LENGTH
        arms_member = np.minimum(-wb + _ARM_LENGTH, tank_rear - 40.0)
        parts.add(boxed_ladder_frame(
            x_front=front - 110.0, x_rear=back_x + 40.0, spacing=spacing,
            z_bottom=frame_bottom, height=_RAIL_HEIGHT, front_spacing=_FRONT_RAIL_SPACING,
            narrow_x=_RAIL_KICK_X, kick_length=_KICK_LENGTH,
            cross_members=(front - 200.0, 0.5 * (front - 50.0), arms_member, -wb - 150.0,
                           back_x + 100.0)))
        # Axles: live beams front and rear; the rear differential's pinion faces forward.
        parts.add(beam_axle(x=0.0, half_length=0.5 * p.track_front - 90.0, z=radius,
                            name="front_axle", mass_kg=FRONT_AXLE_KG,
                            differential_mass_kg=DIFFERENTIAL_KG))
        rear = beam_axle(x=-wb, half_length=0.5 * p.track_rear - 90.0, z=radius,
                         mass_kg=REAR_AXLE_KG, differential_mass_kg=DIFFERENTIAL_KG)
        parts.add(c.replace(placement=Placement.at(-wb, 0.0, radius, turns=(0, 0, 2)))
                  if c.name == "differential" else c for c in rear)
        tower = frame_top + 150.0
        for axle, x, sign, track in (("front", 0.0, -1.0, p.track_front),
                                     ("rear", -wb, 1.0, p.track_rear)):
            parts.add(coil_link_axle(axle, x_axle=x, axle_z=radius,
                                     spring_y=0.5 * spacing - 60.0, spring_top_z=tower,
                                     arm_y=0.5 * spacing, arm_end_x=x + sign * _ARM_LENGTH,
                                     arm_end_z=frame_bottom + 20.0,
                                     rod_end_y=0.5 * track - 200.0, rod_z=radius + _ROD_RISE))
        # Recirculating-ball box, drag link and tie rod ahead of the axle (estimate).
        parts.add(steering_rack(x=150.0, z=radius + 20.0, half_length=0.5 * p.track_front
                                - 200.0, mass_kg=12.0))
        # Powertrain: engine longitudinal behind the front axle, gearbox behind it.
        crank_z = frame_top + 50.0
        parts.add(powertrain(p.engine, x=engine_x, z=crank_z, mounting="longitudinal",
                             gearbox_side=1.0, turbo=np.equal(p.turbo, "yes"),
                             gearbox_mass_kg=p.transmission_mass))
        # The transfer case hangs low behind the gearbox (on the Jimny a separate case, driven
        # from the gearbox by a short shaft; estimate): its front output level with the front
        # pinion, so the front shaft runs straight under the sump and the gearbox, and the
        # rear shaft under the cross-member ahead of the rear axle. Each shaft's yokes are
        # bolted to the case's output and to its differential's pinion flange (a joint).
        drive = transfer_and_propshafts(
            transfer_x=transfer_x, transfer_z=radius + 40.0, front_pinion_x=-_PUMPKIN_NOSE,
            rear_pinion_x=-wb + _PUMPKIN_NOSE, front_axle_z=radius, rear_axle_z=radius,
            front_shaft_y=0.0)
        joints = {"front_propshaft": ("transfer_case", "front_differential"),
                  "rear_propshaft": ("transfer_case", "differential")}
        parts.add(c.touching(*joints[c.name]) if c.name in joints else c for c in drive)
        # Exhaust: down the right side, under the cross-members, to a muffler (catalyst in it)
        # between the rear arms' cross-member and the rear axle, beside the rear propeller
        # shaft (estimate: behind the axle the two rear cross-members and the back door leave
        # no 300 mm run above the departure line; the tail pipe is not modelled).
        pipe_z = frame_bottom - 30.0
        muffler_front = arms_member - 50.0
        parts.add(exhaust(points=[(engine_x, -250.0, crank_z - 100.0),
                                  (engine_x - 250.0, -300.0, pipe_z),
                                  (muffler_front, -300.0, pipe_z)],
                          muffler_x=muffler_front - 150.0, muffler_y=-300.0, muffler_z=pipe_z,
                          muffler_length=300.0, muffler_radius=90.0, muffler_mass_kg=9.0))
        # The radiator stands on the rails, over the front cross-member.
        parts.add(radiator(x_front=front - 160.0, z_bottom=frame_top, width=480.0,
                           height=380.0, mass_kg=8.0))
        parts.add(fuel_tank(litres=p.fuel_tank_volume, x_front=tank_front,
                            y=250.0, z_top=frame_top, length=_TANK_LENGTH))
        parts.add(battery(x=front - 420.0, y=380.0, z_bottom=frame_top + 150.0, mass_kg=11.0))
        # Body: the front clip to the cowl, the cab behind it; arch flares; bumpers; mirrors.
        # The front clip is the bonnet and the wings over the wheel arches: a section open
        # underneath (the engine bay is), its wings' lower edge the arches' top, 15 mm over a
        # front tyre at full bump (the wings' panels ahead of and behind the arches are left
        # out; their mass is in FRONT_CLIP_KG).
        arch_z = 2.0 * radius + p.bump_travel_mm + 15.0
        half, skin = half_body, _CLIP_WALL
        belt = p.beltline_height
        clip = Prism([(-half, arch_z), (-half, belt), (half, belt), (half, arch_z),
                      (half - skin, arch_z), (half - skin, belt - skin),
                      (-half + skin, belt - skin), (-half + skin, arch_z)], plane="yz",
                     extent=(cowl_x, front - 80.0))
        parts.add(Component("front_clip", "body", clip, material("steel"),
                            mass_kg=FRONT_CLIP_KG, colour=PAINT["body"]))
        parts.add(cab(front_x=cowl_x, back_x=back_x, floor_z=floor, belt_z=p.beltline_height,
                      roof_z=p.body_height, width=p.body_width, rake_deg=p.windscreen_rake,
                      mass_kg=p.body_mass, wall=_CAB_WALL, name="body"))
        # The shell is the cab's side profile extruded across the car: a flat floor and flat
        # sides, without the tunnel and the dash panel's recess the engine's back and the
        # gearbox sit in (the seats and the occupants' feet keep clear of them, beside the
        # tunnel), nor the rear wheelhouses the rear tyres run in beside the rear seats.
        parts.replace("body_shell", lambda c: c.touching("engine", "transmission",
                                                         "tyre_rear_*"))
        # The flares sit on the arches, over the tyres at full bump.
        parts.add(arch_flares(wheelbase=wb, body_half_width=half_body, outboard=p.overfender,
                              tyre_radius=radius, z_top=arch_z + 90.0))
        bumper_width = p.body_width + 2.0 * p.overfender - 20.0
        parts.add(bumper("front_bumper", x=front, facing=1, width=bumper_width,
                         z_bottom=frame_bottom - _FRONT_BUMPER_BELOW_FRAME,
                         height=_FRONT_BUMPER_TOP + _FRONT_BUMPER_BELOW_FRAME, depth=120.0,
                         mass_kg=8.0))
        # The rear bumper lies under the back door's sill (the floor) and between the rear
        # tyres, 20 mm clear of each: the rear axle is 350 mm from the back door, so the
        # tyres reach back under its ends.
        parts.add(bumper("rear_bumper", x=back_x, facing=-1,
                         width=p.track_rear - p.tyre_width - 40.0,
                         z_bottom=frame_bottom + 30.0, height=floor - frame_bottom - 30.0,
                         depth=100.0, mass_kg=6.0))
        parts.add(door_mirrors(x=cowl_x - 150.0, body_half_width=half_body,
                               z=p.beltline_height + 100.0))
        parts.add(tailgate_spare(door_x=back_x, centre_z=floor + 300.0, width=p.tyre_width,
                                 aspect=p.tyre_aspect, rim_in=p.rim_diameter, gap=_SPARE_GAP,
                                 shapes=road_wheel))
        # Interior: dashboard, two front seats, the rear bench's two places; occupants. The
        # front seats stand beside the tunnel, their inner edges 10 mm outboard of the engine's
        # and the gearbox's sides (the occupants, 400 mm wide, 20 mm).
        bell = np.maximum(0.30 * catalogue_figure(p.engine, "height_mm"),
                          0.36 * catalogue_figure(p.engine, "width_mm"))
        seat_y = bell + 10.0 + 0.5 * _SEAT_WIDTH
        # The dashboard's underside clears the engine's cam cover, which reaches under it.
        engine_top = crank_z + 0.7 * catalogue_figure(p.engine, "height_mm")
        dash_bottom = np.maximum(floor + 380.0, engine_top + 10.0)
        parts.add(dashboard(front_x=cowl_x - _CAB_WALL, width=p.body_width - 70.0,
                            z_bottom=dash_bottom, depth=330.0,
                            height=floor + 630.0 - dash_bottom,
                            wheel_x=h_x + 430.0, wheel_y=-seat_y, wheel_z=h_z + 330.0,
                            mass_kg=25.0))
        heel = h_z - floor - _CAB_WALL
        for side, y, who, load in (("driver", -seat_y, "driver", "driver"),
                                   ("passenger", seat_y, "passenger", "passenger")):
            parts.add(bucket_seat(f"seat_{side}", h_point=(h_x, y, h_z),
                                  mass_kg=p.front_seat_mass, seat_material="foam"))
            parts.add(occupant(who, h_point=(h_x, y, h_z), load=load, heel_drop=heel))
        for side, y in (("left", 300.0), ("right", -300.0)):
            parts.add(bench_seat(f"seat_rear_{side}", h_point=(rear_h_x, y, rear_h_z),
                                 mass_kg=p.rear_seat_mass))
            parts.add(occupant(f"rear_passenger_{side}", h_point=(rear_h_x, y, rear_h_z),
                               load="passenger", heel_drop=rear_h_z - floor - _CAB_WALL))
        # The luggage lies between the rear springs' towers (and the wheelhouses outside
        # them), 10 mm clear.
        parts.add(payload(x=(back_x + _CAB_WALL + 5.0, rear_h_x - 420.0),
                          width=2.0 * (0.5 * spacing - 60.0 - 55.0 - 10.0),
                          floor_z=floor + _CAB_WALL, mass_kg=p.rated_payload))
        facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=p.track_front,
                             track_rear_mm=p.track_rear,
                             displacement_cc=catalogue_figure(p.engine, "displacement_cc"),
                             seats=4, rated_payload_kg=p.rated_payload, is_truck=False,
                             max_steer_deg=p.max_steer_deg,
                             bump_travel_mm=p.bump_travel_mm)
        return parts, facts
