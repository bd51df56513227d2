"""Presets of the cab-over truck: the kei trucks (Daihatsu Hijet, Suzuki Carry, Honda Acty, Subaru
Sambar) and the two Tokyo Auto Salon 2026 Hijet builds.

Every truck keeps the archetype's component masses (see :mod:`keidesign.concepts.cab_over_truck`:
cab 190 kg, bed 102 kg, seats 13 kg each, gearbox 32 kg are estimates; frame, springs, wheels,
tank and fuel weigh their materials' volumes); what differs between them is the layout and the
engine, each engine's mass from the catalogue (:data:`keidesign.parts.ENGINES`, with its
source or marked as an estimate).
"""

from __future__ import annotations

from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.presets.base import Figure, Preset

__all__ = ["PRESETS"]

_HIJET = "kuruma-norigoro.net/daihatsu/hijet-t; Motor-Fan 軽自動車のすべて"
_BESTCAR = "ベストカーWeb, bestcarweb.jp/news/entame/1851 (registration axle loads)"
_JUMBO = "Motor Fan 軽自動車のすべて 2019 (Hijet Truck Jumbo S500P)"
_LAYOUT = "kei_reference.md, 'Other kei trucks, layout only'"
_ACTY = "webcg.net/articles/-/6247 (Honda release, Acty Truck HA8/HA9)"
_TAS = ("news.livedoor.com/article/detail/30540022; torquecafe.com; carthrottle.com "
        "(2026-01-09)")
_STAR = "AUTOCAR JAPAN via news.livedoor.com/article/detail/30355380; mobilita.news"
_ENGINE_MASS = "engine mass from keidesign.parts.ENGINES (see its mass_source)"

_HIJET_PUBLISHED = {
    "length_mm": Figure(3395, _HIJET),
    "width_mm": Figure(1475, _HIJET),
    "height_mm": Figure(1780, _HIJET),
    "wheelbase_mm": Figure(1900, _HIJET),
    "track_front_mm": Figure(1305, _HIJET),
    "track_rear_mm": Figure(1300, _HIJET),
    "kerb_mass_kg": Figure(740, _HIJET + " (standard cab, 2WD)"),
    "front_axle_share.kerb": Figure(0.63, _BESTCAR),
    "displacement_cc": Figure(658, "nakato/HiJet-S510P-Notes specs.md (KF, 658 cc)"),
    "turning_radius_m": Figure(3.6, "Motor-Fan; keicars-maniac.com"),
}

#: The Jumbo's cab and the show trucks' equipment (the K-Trail's and Star Climber's
#: unpublished figures are chosen, and say so).
_JUMBO_CAB = {"roof": "high", "high_roof_rise": 105.0, "high_roof_extension": 380.0}

PRESETS: tuple[Preset, ...] = (
    Preset(
        name="hijet-s500p",
        archetype=CabOverTruck,
        title="Daihatsu Hijet Truck S500P (2014–), standard cab, 2WD",
        parameters={"wheelbase": 1900.0, "track_front": 1305.0, "track_rear": 1300.0,
                    "cab_height": 1780.0, "bed_length": 2030.0, "bed_width": 1410.0,
                    "bed_floor_height": 660.0, "bed_side_height": 285.0,
                    "engine": "KF", "engine_position": "under_seat",
                    "tyre_width": 145.0, "tyre_aspect": 82.0, "rim_diameter": 12.0,
                    "fuel_tank_volume": 35.0},
        sources={"wheelbase": _HIJET, "track_front": _HIJET, "track_rear": _HIJET,
                 "cab_height": _HIJET,
                 "bed_length": "AUTO MESSE WEB automesseweb.jp/2020/05/24/402413/3",
                 "bed_width": "AUTO MESSE WEB automesseweb.jp/2020/05/24/402413/3",
                 "bed_floor_height": "AUTO MESSE WEB automesseweb.jp/2020/05/24/402413/3",
                 "bed_side_height": "AUTO MESSE WEB automesseweb.jp/2020/05/24/402413/3",
                 "engine": "nakato/HiJet-S510P-Notes specs.md (KF under the seats)",
                 "engine_position": "nakato/HiJet-S510P-Notes specs.md",
                 "tyre_width": "Motor-Fan (145R12 6PR LT)",
                 "tyre_aspect": "Motor-Fan (145R12: 82 series by ETRTO)",
                 "rim_diameter": "Motor-Fan (145R12)",
                 "fuel_tank_volume": "Motor-Fan (35 L)"},
        published=_HIJET_PUBLISHED,
        notes="The archetype's reference truck. KF engine 47 kg dry (published); cab, bed, "
              "seats and gearbox masses are the archetype's estimates."),
    Preset(
        name="hijet-jumbo",
        archetype=CabOverTruck,
        title="Daihatsu Hijet Truck Jumbo S500P (high roof, extended cab), 4WD",
        parameters={**_JUMBO_CAB, "drive": "4wd", "engine": "KF"},
        sources={"roof": _JUMBO, "high_roof_rise": _JUMBO + " (1885 mm against 1780 mm)",
                 "high_roof_extension": _JUMBO + " (bed 1650 mm against 2030 mm at the same "
                                                 "overall length)",
                 "drive": _HIJET + " (810 kg is the Jumbo 4WD)", "engine": _HIJET},
        published={
            "length_mm": Figure(3395, _JUMBO),
            "width_mm": Figure(1475, _JUMBO),
            "height_mm": Figure(1885, _JUMBO),
            "wheelbase_mm": Figure(1900, _HIJET),
            "kerb_mass_kg": Figure(810, _JUMBO + "; " + _HIJET + " (Jumbo 4WD)"),
            "turning_radius_m": Figure(3.6, _JUMBO),
        },
        notes="The longer, higher cab's shell weighs its extra steel (the archetype's cab mass "
              "scaled by the shell's wall volume, doors aside); the shorter bed its length. "
              "Four-wheel drive adds about 40 kg of estimated parts "
              "(keidesign.parts.accessories)."),
    Preset(
        name="carry-da16t",
        archetype=CabOverTruck,
        title="Suzuki Carry DA16T (2013–), 2WD",
        parameters={"wheelbase": 1905.0, "engine": "R06A", "engine_position": "under_seat"},
        sources={"wheelbase": _LAYOUT + " (1905)", "engine": "Suzuki (R06A, Carry DA16T)",
                 "engine_position": _LAYOUT + " (longitudinal under the seats)"},
        published={
            "length_mm": Figure(3395, _LAYOUT),
            "width_mm": Figure(1475, _LAYOUT),
            "wheelbase_mm": Figure(1905, _LAYOUT),
            "kerb_mass_kg": Figure(770, _LAYOUT + " (about 770 kg)"),
        },
        notes="The Hijet's body with the Carry's wheelbase and R06A engine (mass an estimate, "
              "see ENGINES); the Carry's own cab and bed masses are not published."),
    Preset(
        name="acty-ha8",
        archetype=CabOverTruck,
        title="Honda Acty Truck HA8 (2009–2021), 2WD: engine under the bed, ahead of the "
              "rear axle",
        parameters={"engine": "E07A", "engine_position": "midship", "cab_height": 1745.0,
                    "seat_h_point_height": 915.0},
        sources={"engine": "estimate: the HA8's E07Z is the E07A's truck version (same "
                           "656 cc block)",
                 "engine_position": _ACTY + " (engine under the bed ahead of the rear axle)",
                 "cab_height": _ACTY + " (3395 × 1475 × 1745)",
                 "seat_h_point_height": "estimate: 15 mm below the Hijet's, for the same "
                                        "headroom under the 35 mm lower roof"},
        published={
            "length_mm": Figure(3395, _ACTY),
            "width_mm": Figure(1475, _ACTY),
            "height_mm": Figure(1745, _ACTY),
            "wheelbase_mm": Figure(1900, _ACTY + "; " + _LAYOUT),
            "turning_radius_m": Figure(3.6, "webcg.net/articles/-/6247 (Honda release: 3.6 m "
                                            "2WD)"),
        },
        notes="Kerb mass not published in the reference: the model's is the Hijet's parts "
              "with the engine moved (an estimate)."),
    Preset(
        name="sambar-tt",
        archetype=CabOverTruck,
        title="Subaru Sambar Truck TT1/TT2 (1999–2012): four-cylinder engine behind the rear "
              "axle",
        parameters={"wheelbase": 1885.0, "engine": "EN07", "engine_position": "rear"},
        sources={"wheelbase": _LAYOUT + " (1885)", "engine": "Subaru (EN07, Sambar TT1/TT2)",
                 "engine_position": _LAYOUT + " (rear engine behind the rear axle)"},
        published={
            "length_mm": Figure(3395, _LAYOUT),
            "width_mm": Figure(1475, _LAYOUT),
            "wheelbase_mm": Figure(1885, _LAYOUT),
        },
        notes="EN07 mass is an estimate (see ENGINES); kerb mass not published in the "
              "reference."),
    Preset(
        name="gr-hijet-k-trail",
        archetype=CabOverTruck,
        title="Toyota GR Hijet Morizo K-Trail (Tokyo Auto Salon 2026)",
        parameters={"lift": 120.0, "tyre_width": 185.0, "tyre_aspect": 85.0,
                    "rim_diameter": 16.0, "track_front": 1365.0, "track_rear": 1360.0,
                    "turbo": "yes", "bed_seats": "two_caged", "doors": "pipe",
                    "bull_bar": "yes", "roof_lamps": "yes"},
        sources={"lift": "estimate: 'large lift', not published; 120 mm chosen",
                 "tyre_width": "estimate: mud-terrain tyres of unpublished size; 185/85R16 "
                               "chosen (a common lifted-kei mud-terrain size)",
                 "tyre_aspect": "estimate: see tyre_width",
                 "rim_diameter": "estimate: see tyre_width",
                 "track_front": "estimate: 'wider track', not published; +60 mm chosen",
                 "track_rear": "estimate: 'wider track', not published; +60 mm chosen",
                 "turbo": _TAS + " (turbo added, 64 PS)",
                 "bed_seats": _TAS + " (two Bride buckets in the bed in a roll cage)",
                 "doors": _TAS + " (steel-pipe doors)", "bull_bar": _TAS,
                 "roof_lamps": _TAS},
        published={"displacement_cc": Figure(658, _TAS + " (the Hijet's 660 cc three, KF "
                                                      "658 cc)")},
        notes="Overall dimensions, lift, tyre size and track are not published; the chosen "
              "values are marked as estimates. Not for public roads: `keidesign check` reports "
              "its four seats against the kei truck's two, and what the bull bar and lift add "
              "to the box."),
    Preset(
        name="hijet-jumbo-star-climber",
        archetype=CabOverTruck,
        title="Daihatsu Hijet Truck Jumbo Star Climber (Tokyo Auto Salon 2026)",
        parameters={**_JUMBO_CAB, "drive": "4wd", "lift": 102.0, "tyre_width": 175.0,
                    "tyre_aspect": 80.0, "rim_diameter": 16.0, "turbo": "yes",
                    "snorkel": "yes", "roll_bar": "yes", "cargo_carrier": "yes"},
        sources={"roof": _STAR + " (Jumbo cab)", "high_roof_rise": _JUMBO,
                 "high_roof_extension": _JUMBO,
                 "drive": "estimate: the 4WD Jumbo as the base of an off-road build",
                 "lift": _STAR + " (4-inch lift, about 102 mm)",
                 "tyre_width": _STAR + " (175/80R16)", "tyre_aspect": _STAR + " (175/80R16)",
                 "rim_diameter": _STAR + " (16 in wheels)", "turbo": _STAR,
                 "snorkel": _STAR, "roll_bar": _STAR + " (detachable roll bar)",
                 "cargo_carrier": _STAR + " (tracked cargo carrier with a winch)"},
        published={"displacement_cc": Figure(658, _STAR + " (the Hijet's KF, 658 cc, "
                                                       "turbocharged)")},
        notes="Overall dimensions are not published. The Jumbo's 1885 mm, the lift and the "
              "taller tyres put the roof at about 2059 mm: `keidesign check` says by how much "
              "it misses the 2.0 m limit. The carrier's mass (150 kg) is an estimate and "
              "counts as payload."),
)
