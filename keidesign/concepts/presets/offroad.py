"""Presets of the off-road 4x4 and the rear-engine 360 cc car: Suzuki Jimny JB64 and its non-kei
counterpart the Jimny Sierra JB74, and the Subaru 360 of 1958.

The masses are the archetypes' (see :mod:`keidesign.concepts.offroad_4x4` and
:mod:`keidesign.concepts.rear_engine_360`): the bodies, axles, seats, gearboxes and trim are
stated estimates; tyres, rims, frame, links, tank and fuel weigh their materials; engine
masses come from the catalogue (:data:`keidesign.parts.ENGINES`, all marked as estimates for
these engines). No preset carries a mass set to reach its published kerb mass.
"""

from __future__ import annotations

from keidesign.concepts.offroad_4x4 import Offroad4x4
from keidesign.concepts.presets.base import Figure, Preset
from keidesign.concepts.rear_engine_360 import RearEngine360

__all__ = ["PRESETS"]

_JB64 = "kei_reference.md, 'Off-road kei and a non-kei counterpart' (Suzuki Jimny JB64W)"
_JB64_MASS = ("1030 kg, grade not stated: webcartop.jp/2020/07/555629; levolant.jp/2018/07/05/"
              "69568; car.watch.impress.co.jp 1131616 (via kei_reference.md)")
_JB74 = ("kei_reference.md, 'Off-road kei and a non-kei counterpart' (Suzuki Jimny Sierra "
         "JB74W); webcartop.jp/2023/09/1184219/2")
_K15B = ("Suzuki K15B: bore 74.0 × stroke 85.0 mm = 1,462 cm³, as Suzuki's export "
         "specifications list it; the Japanese catalogue (and kei_reference.md) round it to "
         "1,460 cm³ (1.460 L) — the model is held to the swept volume its bore and stroke give")
_S360 = ("Toyota Automobile Museum, Subaru 360 Model K111 (1958): toyota.co.jp/Museum/"
         "collections/list/data/0073_Subaru360ModelK111.html; generally.tuzikaze.com/360.html")
_SIERRA_OVERHANGS = ("Motor-Fan, 'ジムニーシエラ … フロントオーバーハング:650mm、リヤオーバーハング:"
                     "650mm': home.kingsoft.jp/amp/news/transport/motorfan/10005234")
_RECALLED = ("estimate: the maker's catalogue figure as recalled, not verified against a "
             "source in this repository")

_SHARED_MASSES = (
    "Estimates (see keidesign.concepts.offroad_4x4): body 285 kg behind the cowl, front clip "
    "45 kg, front axle 42 kg and rear 30 kg plus 18 kg per differential, gearbox 35 kg, "
    "transfer case 22 kg, front seats 16 kg each, rear places 8 kg each, dashboard 25 kg, "
    "springs, dampers, bumpers, radiator, battery and muffler; the engine's dry mass is a "
    "catalogue estimate. From their materials: tyres, rims, boxed frame (110 × 60 × 2.6 mm "
    "rails), radius arms, lateral rods, propeller shafts, exhaust pipe, tank and fuel.")

PRESETS: tuple[Preset, ...] = (
    Preset(
        name="jimny-jb64",
        archetype=Offroad4x4,
        title="Suzuki Jimny JB64W (2018-), 658 cc turbo, part-time 4WD",
        parameters={
            "wheelbase": 2250.0, "track_front": 1265.0, "track_rear": 1275.0,
            "tyre_width": 175.0, "tyre_aspect": 80.0, "rim_diameter": 16.0,
            "front_overhang": 570.0, "rear_overhang": 350.0, "body_width": 1475.0,
            "body_height": 1725.0, "overfender": 0.0, "engine": "R06A", "turbo": "yes",
            "fuel_tank_volume": 40.0, "cowl_setback": 930.0,
        },
        sources={
            "wheelbase": _JB64,
            "track_front": _RECALLED + " (Suzuki JB64: 1,265 mm)",
            "track_rear": _RECALLED + " (Suzuki JB64: 1,275 mm)",
            "tyre_width": "175/80R16: webcartop.jp/2020/07/555629 (via kei_reference.md)",
            "tyre_aspect": "175/80R16: webcartop.jp/2020/07/555629 (via kei_reference.md)",
            "rim_diameter": "175/80R16: webcartop.jp/2020/07/555629 (via kei_reference.md)",
            "front_overhang": "estimate: the Jimny Sierra's published 650 mm (" + _SIERRA_OVERHANGS
                              + ") less the 80 mm its longer bumper adds (see "
                              "jimny-sierra-jb74); the overall length (3395 mm with the spare "
                              "wheel) less the wheelbase, the spare wheel (175 mm) and its "
                              "50 mm bracket then leaves 350 mm to the back door",
            "rear_overhang": "estimate: see front_overhang",
            "cowl_setback": "estimate: the windscreen's base 360 mm behind the front axle "
                            "(the archetype's 900 mm bonnet behind a 540 mm overhang)",
            "body_width": _JB64,
            "body_height": _JB64 + " (the roof; no roof rails)",
            "overfender": "flush arch mouldings: the JB64's 1475 mm is its body's width",
            "engine": "R06A turbo: " + _JB64,
            "turbo": "658 cc turbo: " + _JB64,
            "fuel_tank_volume": _RECALLED + " (Suzuki JB64: 40 L)",
        },
        published={
            "length_mm": Figure(3395, _JB64 + " (spare wheel included)"),
            "width_mm": Figure(1475, _JB64),
            "height_mm": Figure(1725, _JB64),
            "wheelbase_mm": Figure(2250, _JB64),
            "kerb_mass_kg": Figure(1030, _JB64_MASS),
            "displacement_cc": Figure(658, _JB64 + " (658 cc turbo)"),
            "turning_radius_m": Figure(4.8, "webcartop.jp/2020/07/555629; levolant.jp/2018/07/"
                                            "05/69568; car.watch.impress.co.jp 1131616"),
        },
        notes=("The published 1030 kg does not name its grade (the 5MT and 4AT differ by "
               "about 10 kg); it is used as published. Ground geometry at kerb (keidesign."
               "analysis.ground; published in tests/data/presets_offroad.json, webcartop.jp/"
               "2023/09/1184219/2): clearance 213 mm at the differentials (205; the model's "
               "tyres stand at their free radius, a real tyre squats 10–15 mm under load), "
               "approach 41.6° at the front bumper (41°), breakover 28.0° at the fuel tank "
               "(28°), departure 51.6° at the spare wheel (51°; Le Volant, levolant.jp/2018/"
               "07/05/69568/4, names the number plate at the bottom of the rear bumper as the "
               "limit, a shape the model's rear bumper does not have). " + _SHARED_MASSES),
    ),
    Preset(
        name="jimny-sierra-jb74",
        archetype=Offroad4x4,
        title="Suzuki Jimny Sierra JB74W (2018-), 1.5 L K15B: the non-kei counterpart",
        parameters={
            "wheelbase": 2250.0, "track_front": 1395.0, "track_rear": 1405.0,
            "tyre_width": 195.0, "tyre_aspect": 80.0, "rim_diameter": 15.0,
            "front_overhang": 650.0, "rear_overhang": 405.0, "body_width": 1475.0,
            "body_height": 1730.0, "overfender": 85.0, "engine": "K15B", "turbo": "no",
            "engine_setback": 460.0, "fuel_tank_volume": 40.0, "cowl_setback": 1010.0,
        },
        sources={
            "wheelbase": _JB74,
            "track_front": _RECALLED + " (Suzuki JB74: 1,395 mm)",
            "track_rear": _RECALLED + " (Suzuki JB74: 1,405 mm)",
            "tyre_width": _RECALLED + " (195/80R15)",
            "tyre_aspect": _RECALLED + " (195/80R15)",
            "rim_diameter": _RECALLED + " (195/80R15)",
            "front_overhang": _SIERRA_OVERHANGS + "; the Sierra's larger bumpers make it "
                              "155 mm longer than the JB64 (3550 against 3395 mm): 20 mm of "
                              "that is its wider spare tyre, the rest shared 80 mm front, "
                              "55 mm rear (estimate)",
            "rear_overhang": "the published 650 mm rear overhang (" + _SIERRA_OVERHANGS
                             + ") less the spare wheel (195 mm) and its 50 mm bracket",
            "cowl_setback": "the JB64's body, its windscreen's base 360 mm behind the front "
                            "axle, behind the Sierra's longer bumper",
            "body_width": "the JB64's body: the Sierra is wider by its overfenders alone "
                          "(automesseweb.jp/2022/07/01/1069222: the same body, wider tread "
                          "and overfenders)",
            "body_height": _JB74,
            "overfender": "estimate: (1645 − 1475) / 2 = 85 mm each side, " + _JB74,
            "engine": "K15B, 1.5 L: " + _JB74,
            "turbo": "K15B is naturally aspirated: " + _JB74,
            "engine_setback": "estimate: the longer four-cylinder block sits 40 mm further "
                              "back to clear the front differential",
            "fuel_tank_volume": _RECALLED + " (40 L, as the JB64)",
        },
        published={
            "length_mm": Figure(3550, _JB74 + " (spare wheel included)"),
            "width_mm": Figure(1645, _JB74),
            "height_mm": Figure(1730, _JB74),
            "wheelbase_mm": Figure(2250, _JB74),
            "displacement_cc": Figure(1462, _K15B),
        },
        notes=("Not a kei car: too long (3550 > 3400), too wide (1645 > 1480) and too big an "
               "engine (1462 > 660 cc) for the 1998 rules. Kerb mass is not held: Suzuki's "
               "figure (about 1070–1090 kg by gearbox) was not found in a source this "
               "repository can cite, so it is left out rather than quoted from memory. "
               + _SHARED_MASSES),
    ),
    Preset(
        name="subaru-360",
        archetype=RearEngine360,
        title="Subaru 360 K111 (1958), 356 cc air-cooled two-stroke twin, rear engine",
        parameters={
            "wheelbase": 1800.0, "track_front": 1140.0, "track_rear": 1070.0,
            "tyre_width": 121.92, "tyre_aspect": 95.0, "rim_diameter": 10.0,
            "front_overhang": 480.0, "rear_overhang": 710.0, "body_width": 1300.0,
            "body_height": 1380.0, "engine": "EK31", "fuel_tank_volume": 25.0,
        },
        sources={
            "wheelbase": _S360,
            "track_front": _RECALLED + " (Subaru 360: 1,140 mm)",
            "track_rear": _RECALLED + " (Subaru 360: 1,070 mm)",
            "tyre_width": "4.80-10 bias: 4.80 in = 121.92 mm (generally.tuzikaze.com/360.html; "
                          "en.wikipedia.org/wiki/Subaru_360)",
            "tyre_aspect": "estimate: a numeric bias size states no aspect ratio; 95 % "
                           "(keidesign.parts.tyres.BIAS_ASPECT_PCT)",
            "rim_diameter": "4.80-10: a 10 in rim (generally.tuzikaze.com/360.html)",
            "front_overhang": "estimate: the overall length (2990 mm) less the wheelbase "
                              "leaves 1190 mm, shared 480 front and 710 rear (the engine "
                              "overhangs the rear axle)",
            "rear_overhang": "estimate: see front_overhang",
            "body_width": _S360,
            "body_height": _S360,
            "engine": "EK31, 356 cc: " + _S360 + "; en.wikipedia.org/wiki/Subaru_360",
            "fuel_tank_volume": "estimate: a small front tank of about 25 L",
        },
        published={
            "length_mm": Figure(2990, _S360),
            "width_mm": Figure(1300, _S360),
            "height_mm": Figure(1380, _S360),
            "wheelbase_mm": Figure(1800, _S360),
            "kerb_mass_kg": Figure(385, _S360 + " (車両質量 385 kg; en.wikipedia.org/wiki/"
                                   "Subaru_360 gives 410 kg for later cars)"),
            "displacement_cc": Figure(356, _S360),
        },
        notes=("Checked against the 1955 rules (3000 × 1300 × 2000 mm, 360 cc): "
               "`keidesign check subaru-360 --era 1955`. Estimates (see keidesign.concepts."
               "rear_engine_360): monocoque with doors, lids, glass and fibreglass roof 150 kg, "
               "front lid 15 kg, EK31 dry 35 kg (catalogue estimate) plus 10.5 kg of "
               "air-cooled ancillaries, transaxle 18 kg, trailing arms 6 and 8 kg a side, "
               "hubs and drums 3.5 kg each, seats 5 kg (front) and 4 kg (rear place), "
               "dashboard 6 kg, bumpers 3 kg each, battery 9 kg. From their materials: tyres, "
               "rims, torsion bars, exhaust pipe, tank and fuel. The body is boxy where the "
               "car is round."),
    ),
)
