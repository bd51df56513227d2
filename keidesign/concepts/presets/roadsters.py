"""Presets of the roadsters: mid-engine (Honda Beat, Honda S660, Autozam AZ-1) and front-engine
(Suzuki Cappuccino, Daihatsu Copen).

Published figures come from ``../shared/reference/kei_reference.md`` (each names its source
there). Nobody publishes the component masses of these cars: body-in-white, doors, roof parts,
seats, dashboard, trim and gearbox masses are estimates, set per car from what differs between
them (an aluminium bonnet, a heavier modern crash structure, airbags, a folding steel roof) and
said so in each preset's ``sources``; tyres, rims, fuel, tanks, glass and exhaust pipes weigh
their materials' volumes, and engines are the catalogue's (:data:`keidesign.parts.ENGINES`,
with their sources or marked as estimates). Positions nobody publishes (H-points, overhang
splits, engine centres) are estimates from the cars' layouts, said so too.
"""

from __future__ import annotations

from keidesign.concepts.front_engine_roadster import FrontEngineRoadster
from keidesign.concepts.mid_engine_roadster import MidEngineRoadster
from keidesign.concepts.presets.base import Figure, Preset

__all__ = ["PRESETS"]

_TABLE = "kei_reference.md, 'Mid-engine and front-engine kei sports cars'"
_BEAT = "Motor Magazine web.motormagazine.co.jp/_ct/17076743"
_BEAT_OWNER = "owner page (clearance, tyres), via kei_reference.md"
_FACTBOOK = "Honda factbook, via " + _TABLE
_S660 = "automove.jp citing honda.co.jp/S660; en.responsejp.com"
_AZ1 = "autoinfojp.wixsite.com (unsure)"
_CAPPUCCINO = "web.motormagazine.co.jp/_ct/17266416"
_MOTOR_MAGAZINE = "Motor Magazine, via " + _TABLE + " (Wikipedia says 50 : 50)"
_COPEN = "pupukids.com (catalogue copy)"
_OVERHANGS = ("estimate: the published length less the wheelbase, split between the "
              "overhangs from side views")
_H_POINT = "estimate: from side views and the legs' reach behind the windscreen base"
_ENGINE_CENTRE = "estimate: from the layout (the engine's place in the car)"
_FUEL = "estimate: commonly quoted capacity, not in the shared reference"

_BEAT_PUBLISHED = {
    "length_mm": Figure(3295, _TABLE + "; " + _BEAT),
    "width_mm": Figure(1395, _TABLE),
    "height_mm": Figure(1175, _TABLE),
    "wheelbase_mm": Figure(2280, _TABLE),
    "track_front_mm": Figure(1210, _TABLE),
    "track_rear_mm": Figure(1210, _TABLE),
    "kerb_mass_kg": Figure(760, _TABLE + "; " + _BEAT),
    "front_axle_share.driver": Figure(0.43, _FACTBOOK + " (43 : 57 with 1 occupant)"),
    "com_height_mm.kerb": Figure(440, _FACTBOOK + " (440 mm unladen)"),
    "displacement_cc": Figure(656, "Honda (E07A, 656 cc), keidesign.parts.ENGINES"),
}

PRESETS: tuple[Preset, ...] = (
    Preset(
        name="beat-pp1",
        archetype=MidEngineRoadster,
        title="Honda Beat PP1 (1991–1996)",
        parameters={"wheelbase": 2280.0, "track_front": 1210.0, "track_rear": 1210.0,
                    "front_overhang": 555.0, "rear_overhang": 460.0, "body_width": 1395.0,
                    "roof_height": 1175.0, "floor_height": 135.0,
                    "tyre_width_front": 155.0, "tyre_aspect_front": 65.0,
                    "rim_diameter_front": 13.0, "tyre_width_rear": 165.0,
                    "tyre_aspect_rear": 60.0, "rim_diameter_rear": 14.0,
                    "engine": "E07A", "turbo": "no", "seat_h_point_ahead": 1000.0,
                    "engine_ahead": 170.0, "fuel_tank_volume": 24.0,
                    "body_mass": 250.0, "door_mass": 16.0, "seat_mass": 14.0,
                    "transaxle_mass": 35.0, "roof": "soft_top", "doors": "conventional",
                    "spare_wheel": "yes"},
        sources={"wheelbase": _TABLE, "track_front": _TABLE, "track_rear": _TABLE,
                 "front_overhang": _OVERHANGS, "rear_overhang": _OVERHANGS,
                 "body_width": _TABLE, "roof_height": _TABLE + " (soft top up)",
                 "floor_height": _BEAT_OWNER + " (ground clearance 135 mm)",
                 "tyre_width_front": _BEAT_OWNER + " (F 155/65R13)",
                 "tyre_aspect_front": _BEAT_OWNER, "rim_diameter_front": _BEAT_OWNER,
                 "tyre_width_rear": _BEAT_OWNER + " (R 165/60R14)",
                 "tyre_aspect_rear": _BEAT_OWNER, "rim_diameter_rear": _BEAT_OWNER,
                 "engine": "Honda (E07A MTREC, transverse mid-engine)",
                 "turbo": "Honda (naturally aspirated, individual throttles)",
                 "seat_h_point_ahead": _H_POINT,
                 "engine_ahead": _ENGINE_CENTRE + ": right behind the seats and the tank, "
                                                    "170 mm ahead of the rear axle",
                 "fuel_tank_volume": _FUEL + " (24 L)",
                 "body_mass": "estimate: open steel monocoque with a reinforced floor, "
                              "sills and centre pillar (a closed kei body-in-white is "
                              "about 180–200 kg)",
                 "door_mass": "estimate: steel door with glass, power window and trim",
                 "seat_mass": "estimate: steel-framed sports seat with rails and belt",
                 "transaxle_mass": "estimate: a kei 5-speed transaxle with differential",
                 "roof": "Honda (fabric soft top folding behind the seats)",
                 "doors": "Honda", "spare_wheel": "estimate: a spare under the bonnet"},
        published=_BEAT_PUBLISHED,
        notes="Every component mass except the engine's, the tyres', rims', tank's, fuel's, "
              "glass's and exhaust pipe's is an estimate (see the archetype's parameter "
              "descriptions: body-in-white 250 kg, closures 26 kg, doors 16 kg each, soft "
              "top 14 kg, seats 14 kg each, dashboard 18 kg, trim and wiring 30 kg, "
              "transaxle 35 kg, suspension parts and hubs as in the parts kit). The E07A's "
              "dry mass is itself an estimate (see ENGINES)."),
    Preset(
        name="s660-jw5",
        archetype=MidEngineRoadster,
        title="Honda S660 JW5 (2015–2022), 6-speed manual",
        parameters={"wheelbase": 2285.0, "track_front": 1300.0, "track_rear": 1275.0,
                    "front_overhang": 560.0, "rear_overhang": 550.0, "body_width": 1475.0,
                    "roof_height": 1180.0, "floor_height": 125.0,
                    "seat_h_point_height": 335.0,
                    "tyre_width_front": 165.0, "tyre_aspect_front": 55.0,
                    "rim_diameter_front": 15.0, "tyre_width_rear": 195.0,
                    "tyre_aspect_rear": 45.0, "rim_diameter_rear": 16.0,
                    "engine": "S07A", "turbo": "yes", "seat_h_point_ahead": 995.0,
                    "engine_ahead": 165.0, "fuel_tank_volume": 25.0,
                    "body_mass": 300.0, "closures_mass": 28.0, "door_mass": 19.0,
                    "seat_mass": 16.0, "dashboard_mass": 24.0, "trim_mass": 36.0,
                    "transaxle_mass": 40.0, "roof": "targa", "roof_panel_mass": 5.0,
                    "roof_rear_mass": 12.0, "doors": "conventional", "spare_wheel": "no"},
        sources={"wheelbase": _S660, "track_front": _S660, "track_rear": _S660,
                 "front_overhang": _OVERHANGS, "rear_overhang": _OVERHANGS,
                 "body_width": _S660, "roof_height": _S660,
                 "floor_height": _S660 + " (ground clearance 125 mm)",
                 "seat_h_point_height": _S660 + " (hip point 335 mm)",
                 "tyre_width_front": _S660 + " (F 165/55R15)", "tyre_aspect_front": _S660,
                 "rim_diameter_front": _S660, "tyre_width_rear": _S660 + " (R 195/45R16)",
                 "tyre_aspect_rear": _S660, "rim_diameter_rear": _S660,
                 "engine": _S660 + " (S07A turbo, transverse mid-engine)", "turbo": _S660,
                 "seat_h_point_ahead": _H_POINT,
                 "engine_ahead": _ENGINE_CENTRE + " (as the Beat's)",
                 "fuel_tank_volume": _FUEL + " (25 L)",
                 "body_mass": "estimate: the Beat's 250 kg plus a modern crash structure "
                              "and the wider body",
                 "closures_mass": "estimate: bonnet, engine lid and front wings",
                 "door_mass": "estimate: a modern door with side-impact beam",
                 "seat_mass": "estimate", "dashboard_mass": "estimate: with two airbags",
                 "trim_mass": "estimate: more trim and wiring than the Beat",
                 "transaxle_mass": "estimate: a 6-speed transaxle",
                 "roof": "Honda (roll top stowed under the bonnet, fixed rear section)",
                 "roof_panel_mass": "estimate: the fabric roll top",
                 "roof_rear_mass": "estimate: rear window and the fixed hoop's cover",
                 "doors": "Honda",
                 "spare_wheel": "estimate: a puncture repair kit instead of a spare"},
        published={
            "length_mm": Figure(3395, _TABLE + "; " + _S660),
            "width_mm": Figure(1475, _TABLE + "; " + _S660),
            "height_mm": Figure(1180, _TABLE + "; " + _S660),
            "wheelbase_mm": Figure(2285, _TABLE),
            "track_front_mm": Figure(1300, _TABLE),
            "track_rear_mm": Figure(1275, _TABLE),
            "kerb_mass_kg": Figure(830, _TABLE + "; " + _S660 + " (6MT)"),
            "displacement_cc": Figure(658, "Honda (S07A, 658 cc), keidesign.parts.ENGINES"),
        },
        notes="Weight distribution and centre-of-mass height are not published. Every "
              "component mass except the engine's, tyres', rims', tank's, fuel's, glass's and "
              "exhaust pipe's is an estimate (see sources); the S07A's dry mass is an "
              "estimate (see ENGINES)."),
    Preset(
        name="az1-pg6sa",
        archetype=MidEngineRoadster,
        title="Autozam AZ-1 PG6SA (1992–1995), gullwing doors",
        parameters={"wheelbase": 2235.0, "track_front": 1200.0, "track_rear": 1200.0,
                    "front_overhang": 550.0, "rear_overhang": 510.0, "body_width": 1395.0,
                    "roof_height": 1150.0, "floor_height": 130.0,
                    "beltline_height": 760.0, "deck_height": 840.0,
                    "tyre_width_front": 155.0, "tyre_aspect_front": 65.0,
                    "rim_diameter_front": 13.0, "tyre_width_rear": 155.0,
                    "tyre_aspect_rear": 65.0, "rim_diameter_rear": 13.0,
                    "engine": "F6A", "turbo": "yes", "seat_h_point_ahead": 985.0,
                    "engine_ahead": 175.0, "fuel_tank_volume": 28.0,
                    "body_mass": 215.0, "closures_mass": 14.0, "door_mass": 16.0,
                    "seat_mass": 12.0, "dashboard_mass": 16.0, "trim_mass": 24.0,
                    "roof": "fixed", "roof_panel_mass": 6.0, "roof_rear_mass": 10.0,
                    "doors": "gullwing", "spare_wheel": "yes"},
        sources={"wheelbase": _AZ1 + "; " + _TABLE,
                 "track_front": "estimate: not in the shared reference; the Beat's less "
                                "10 mm", "track_rear": "estimate: as track_front",
                 "front_overhang": _OVERHANGS, "rear_overhang": _OVERHANGS,
                 "body_width": _TABLE, "roof_height": _TABLE,
                 "floor_height": "estimate: not published here",
                 "beltline_height": "estimate: a lower coupé beltline under the glass canopy",
                 "deck_height": "estimate: from side views",
                 "tyre_width_front": _AZ1 + " (155/65R13)", "tyre_aspect_front": _AZ1,
                 "rim_diameter_front": _AZ1, "tyre_width_rear": _AZ1,
                 "tyre_aspect_rear": _AZ1, "rim_diameter_rear": _AZ1,
                 "engine": _TABLE + " (Suzuki F6A turbo, transverse mid-engine)",
                 "turbo": _TABLE, "seat_h_point_ahead": _H_POINT,
                 "engine_ahead": _ENGINE_CENTRE, "fuel_tank_volume": _FUEL + " (28 L)",
                 "body_mass": "estimate: a steel skeleton monocoque under resin outer "
                              "panels (lighter than the Beat's steel body)",
                 "closures_mass": "estimate: resin bonnet and engine lid",
                 "door_mass": "estimate: gullwing door with its glass and gas struts",
                 "seat_mass": "estimate: thin-backed fixed seats",
                 "dashboard_mass": "estimate", "trim_mass": "estimate: sparse trim",
                 "roof": _TABLE + " (coupé)", "roof_panel_mass": "estimate: roof spine",
                 "roof_rear_mass": "estimate: rear glass and its frame",
                 "doors": _TABLE + " (gullwing)", "spare_wheel": "estimate: under the bonnet"},
        published={
            "length_mm": Figure(3295, _TABLE),
            "width_mm": Figure(1395, _TABLE),
            "height_mm": Figure(1150, _TABLE),
            "wheelbase_mm": Figure(2235, _TABLE + "; " + _AZ1),
            "kerb_mass_kg": Figure(720, _TABLE + "; " + _AZ1),
            "displacement_cc": Figure(657, "Suzuki (F6A, 657 cc), keidesign.parts.ENGINES"),
        },
        notes="Tracks, weight distribution and centre-of-mass height are not published in "
              "the reference. Every component mass except the engine's, tyres', rims', "
              "tank's, fuel's, glass's and exhaust pipe's is an estimate (see sources). The "
              "F6A's 80 kg (unsure) is quoted for the turbo engine: the catalogue holds it "
              "without its turbo, which the turbo option adds back."),
    Preset(
        name="cappuccino-ea11r",
        archetype=FrontEngineRoadster,
        title="Suzuki Cappuccino EA11R (1991–1995)",
        parameters={"wheelbase": 2060.0, "track_front": 1210.0, "track_rear": 1210.0,
                    "front_overhang": 640.0, "rear_overhang": 595.0, "body_width": 1395.0,
                    "roof_height": 1185.0, "drive": "rwd", "engine": "F6A", "turbo": "yes",
                    "engine_setback": 240.0, "seat_h_point_setback": 1320.0,
                    "tyre_width_front": 165.0, "tyre_aspect_front": 65.0,
                    "rim_diameter_front": 14.0, "tyre_width_rear": 165.0,
                    "tyre_aspect_rear": 65.0, "rim_diameter_rear": 14.0,
                    "fuel_tank_volume": 30.0, "body_mass": 190.0, "closures_mass": 16.0,
                    "door_mass": 13.0, "seat_mass": 12.0, "roof": "removable_panels",
                    "roof_panel_mass": 8.0, "roof_rear_mass": 10.0, "seat_spacing": 670.0,
                    "spare_wheel": "temporary"},
        sources={"wheelbase": _TABLE + "; " + _CAPPUCCINO, "track_front": _TABLE,
                 "track_rear": _TABLE, "front_overhang": _OVERHANGS,
                 "rear_overhang": _OVERHANGS, "body_width": _TABLE,
                 "roof_height": _TABLE + " (hardtop on)",
                 "drive": _TABLE + " (front-mid longitudinal, RWD)",
                 "engine": _TABLE + " (Suzuki F6A turbo)", "turbo": _TABLE,
                 "engine_setback": _ENGINE_CENTRE + ": the whole engine behind the front "
                                                    "axle line (front-mid)",
                 "seat_h_point_setback": _H_POINT + " (the seats close to the rear axle)",
                 "tyre_width_front": _CAPPUCCINO + " (165/65R14)",
                 "tyre_aspect_front": _CAPPUCCINO, "rim_diameter_front": _CAPPUCCINO,
                 "tyre_width_rear": _CAPPUCCINO, "tyre_aspect_rear": _CAPPUCCINO,
                 "rim_diameter_rear": _CAPPUCCINO, "fuel_tank_volume": _FUEL + " (30 L)",
                 "body_mass": "estimate: open steel monocoque, lighter than the Beat's",
                 "closures_mass": "estimate: aluminium bonnet, steel boot lid",
                 "door_mass": "estimate", "seat_mass": "estimate",
                 "roof": "Suzuki (two lift-out roof panels stowed in the boot, rear section "
                         "folding down)",
                 "roof_panel_mass": "estimate: two aluminium panels",
                 "roof_rear_mass": "estimate: rear glass with its frame and hoop cover",
                 "seat_spacing": "estimate: the seats either side of the tunnel, the "
                                 "occupants' feet beside the gearbox's bell (the seats do "
                                 "not sit tight together: mestmotor.se, Classic Motor 2022)",
                 "spare_wheel": "estimate: a temporary spare (T115/70D14 class, about 10 kg "
                                "on a steel rim) lying on the boot floor; no source found "
                                "for the Cappuccino's own (a 570 mm full-size wheel does not "
                                "fit its boot)"},
        published={
            "length_mm": Figure(3295, _TABLE),
            "width_mm": Figure(1395, _TABLE),
            "height_mm": Figure(1185, _TABLE),
            "wheelbase_mm": Figure(2060, _TABLE + "; " + _CAPPUCCINO),
            "track_front_mm": Figure(1210, _TABLE),
            "track_rear_mm": Figure(1210, _TABLE),
            "kerb_mass_kg": Figure(700, _TABLE + "; " + _CAPPUCCINO
                                   + " (725 in English Wikipedia)"),
            "front_axle_share.crew": Figure(0.51, _MOTOR_MAGAZINE + ", 51 : 49 with 2 "
                                                                     "occupants"),
            "displacement_cc": Figure(657, "Suzuki (F6A, 657 cc), keidesign.parts.ENGINES"),
        },
        notes="Every component mass except the engine's, tyres', rims', tank's, fuel's, "
              "glass's and exhaust pipe's is an estimate (see sources and the archetype's "
              "parameter descriptions: gearbox 30 kg, propeller shaft 8 kg, final drive "
              "16 kg, dashboard 15 kg, trim 24 kg). The F6A's 80 kg (unsure) is quoted for the "
              "turbo engine: the catalogue holds it without its turbo, which the turbo option "
              "adds back."),
    Preset(
        name="copen-l880k",
        archetype=FrontEngineRoadster,
        title="Daihatsu Copen L880K (2002–2012), Active Top",
        parameters={"wheelbase": 2230.0, "track_front": 1300.0, "track_rear": 1290.0,
                    "front_overhang": 680.0, "rear_overhang": 485.0, "body_width": 1475.0,
                    "roof_height": 1245.0, "floor_height": 105.0, "nose_height": 720.0,
                    "beltline_height": 900.0, "deck_height": 930.0,
                    "drive": "fwd", "engine": "JB", "turbo": "yes", "engine_setback": -100.0,
                    "cowl_setback": 600.0, "seat_h_point_setback": 1330.0,
                    "seat_h_point_height": 350.0,
                    "tyre_width_front": 165.0, "tyre_aspect_front": 50.0,
                    "rim_diameter_front": 15.0, "tyre_width_rear": 165.0,
                    "tyre_aspect_rear": 50.0, "rim_diameter_rear": 15.0,
                    "gearbox_mass": 40.0, "fuel_tank_volume": 40.0, "body_mass": 270.0,
                    "closures_mass": 22.0, "door_mass": 20.0, "seat_mass": 16.0,
                    "dashboard_mass": 24.0, "trim_mass": 38.0, "roof": "hardtop_folding",
                    "roof_panel_mass": 20.0, "roof_rear_mass": 18.0, "spare_wheel": "no"},
        sources={"wheelbase": _TABLE, "track_front": _TABLE + "; " + _COPEN,
                 "track_rear": _TABLE + "; " + _COPEN, "front_overhang": _OVERHANGS,
                 "rear_overhang": _OVERHANGS, "body_width": _TABLE,
                 "roof_height": _TABLE + " (roof closed)",
                 "floor_height": _COPEN + " (ground clearance 105 mm)",
                 "nose_height": "estimate: from side views (a higher bonnet over a "
                                "transverse engine)",
                 "beltline_height": "estimate: from side views",
                 "deck_height": "estimate: the boot lid over the folded roof",
                 "drive": _TABLE + " (front-engine FWD)",
                 "engine": "keidesign.parts.ENGINES (JB-DET, Copen L880K)",
                 "turbo": "Daihatsu (JB-DET turbo)",
                 "engine_setback": _ENGINE_CENTRE + ": transverse, 100 mm ahead of the "
                                                    "front axle",
                 "cowl_setback": "estimate: from side views",
                 "seat_h_point_setback": _H_POINT,
                 "seat_h_point_height": "estimate: the lowest H-point that sets the seat on "
                                        "the floor, 105 mm above the ground (the archetype's "
                                        "rule)",
                 "tyre_width_front": _COPEN + " (165/50R15)",
                 "tyre_aspect_front": _COPEN, "rim_diameter_front": _COPEN,
                 "tyre_width_rear": _COPEN, "tyre_aspect_rear": _COPEN,
                 "rim_diameter_rear": _COPEN,
                 "gearbox_mass": "estimate: 5-speed transaxle with differential",
                 "fuel_tank_volume": _FUEL + " (40 L)",
                 "body_mass": "estimate: a 2000s open monocoque with its crash structure, "
                              "heavier than the 1990s cars'",
                 "closures_mass": "estimate: bonnet, front wings and the boot lid that "
                                  "opens both ways",
                 "door_mass": "estimate: door with side-impact beam", "seat_mass": "estimate",
                 "dashboard_mass": "estimate: with two airbags",
                 "trim_mass": "estimate: trim, wiring and the air conditioning's lines",
                 "roof": "Daihatsu (Active Top: an electric hardtop folding into the boot)",
                 "roof_panel_mass": "estimate: steel roof panel with its linkage",
                 "roof_rear_mass": "estimate: rear glass, frame and the hydraulic pump "
                                   "that folds the roof",
                 "spare_wheel": "estimate: a repair kit (the boot takes the roof)"},
        published={
            "length_mm": Figure(3395, _TABLE),
            "width_mm": Figure(1475, _TABLE),
            "height_mm": Figure(1245, _TABLE),
            "wheelbase_mm": Figure(2230, _TABLE),
            "track_front_mm": Figure(1300, _TABLE + "; " + _COPEN),
            "track_rear_mm": Figure(1290, _TABLE + "; " + _COPEN),
            "kerb_mass_kg": Figure(830, _TABLE + "; " + _COPEN + " (830/840 kg)"),
            "turning_radius_m": Figure(4.6, _COPEN),
            "displacement_cc": Figure(659, "Daihatsu (JB-DET, 659 cc), "
                                           "keidesign.parts.ENGINES"),
        },
        notes="Weight distribution and centre-of-mass height are not published in the "
              "reference. Every component mass except the engine's, tyres', rims', tank's, "
              "fuel's, glass's and exhaust pipe's is an estimate (see sources); the JB's dry "
              "mass is itself an estimate (see ENGINES)."),
)
