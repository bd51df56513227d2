"""The off-road 4x4 and the rear-engine 360 archetypes and their presets: the kei box era by era
(Jimny JB64, Jimny Sierra JB74, Subaru 360) and how each archetype is laid out."""

from __future__ import annotations

import json

import numpy as np
import pytest

from keidesign import ParameterError, get_concept
from keidesign.analysis import mass_properties
from keidesign.cli import main
from keidesign.concepts import Offroad4x4, RearEngine360
from keidesign.units import OCCUPANT_MASS_KG


def check_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["check", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def failing_axes(report: dict) -> set[str]:
    return {v["axis"] for v in report["violations"]}


# ---- the kei box, era by era ------------------------------------------------------------------
def test_jimny_jb64_fits_the_1998_box(capsys):
    code, report = check_json(capsys, "jimny-jb64", "--era", "1998")
    assert report["fits"], report["violations"]
    assert code == (0 if report["passes"] else 1)  # its known clashes: see test_presets
    assert report["envelope_mm"] == {"length": 3395.0, "width": 1475.0, "height": 1725.0}


def test_jimny_jb64_fails_the_1990_box_on_length(capsys):
    code, report = check_json(capsys, "jimny-jb64", "--era", "1990")
    assert code == 1 and not report["fits"]
    assert report["margins_mm"]["length"] == pytest.approx(3300.0 - 3395.0)
    assert "length" in failing_axes(report)
    # 658 cc is inside the 1990 rules' 660 cc: only the body is too big for them.
    assert all(c["ok"] for c in report["limit_checks"] if c["limit"] == "displacement")


def test_jimny_sierra_fails_1998_on_length_width_and_displacement(capsys):
    code, report = check_json(capsys, "jimny-sierra-jb74", "--era", "1998")
    assert code == 1 and not report["fits"]
    assert {"length", "width"} <= failing_axes(report)
    assert report["margins_mm"]["length"] == pytest.approx(3400.0 - 3550.0)
    assert report["margins_mm"]["width"] == pytest.approx(1480.0 - 1645.0)
    displacement = next(c for c in report["limit_checks"] if c["limit"] == "displacement")
    assert not displacement["ok"] and displacement["value"] == pytest.approx(1462.0)
    # The text report names all three.
    assert main(["check", "jimny-sierra-jb74"]) == 1
    text = capsys.readouterr().out
    assert "EXCEEDED" in text and "length" in text and "width" in text


def test_subaru_360_fits_the_1955_rules(capsys):
    code, report = check_json(capsys, "subaru-360", "--era", "1955")
    assert code == 0 and report["fits"], report["violations"]
    assert report["regulation"]["max_displacement_cc"] == 360
    displacement = next(c for c in report["limit_checks"] if c["limit"] == "displacement")
    assert displacement["value"] == pytest.approx(356.0)


# ---- the archetypes' layouts -------------------------------------------------------------------
@pytest.mark.parametrize("cls", [Offroad4x4, RearEngine360])
def test_four_occupants_ride_in_the_crew_case(cls):
    design = cls()
    layout = design.layout()
    assert sum(c == "occupant" for c in layout.categories) == 4
    assert layout.facts.seats == 4
    cases = design.analyse().load_cases
    assert cases["crew"].mass_kg - cases["kerb"].mass_kg == pytest.approx(4 * OCCUPANT_MASS_KG)
    assert cases["full"].mass_kg - cases["crew"].mass_kg == pytest.approx(design.rated_payload)


@pytest.mark.parametrize("cls,clip", [(Offroad4x4, "front_clip"), (RearEngine360, "front_lid")])
def test_occupants_sit_inside_the_body_under_its_roof(cls, clip):
    """Inside the cab across and up; lengthwise between its back wall and the front of the
    body ahead of it (the feet reach into the footwell under the cowl)."""
    layout = cls().layout()
    s = layout.index("body_shell")
    lo, hi = layout.bbox_min_mm[0, s], layout.bbox_max_mm[0, s]
    wall = layout.components[s].shape.wall
    front = layout.bbox_max_mm[0, layout.index(clip), 0]
    for i, category in enumerate(layout.categories):
        if category == "occupant":
            assert (layout.bbox_min_mm[0, i] >= lo + wall - 0.01).all(), layout.names[i]
            assert (layout.bbox_max_mm[0, i, 1:] <= hi[1:] - wall + 1e-9).all(), layout.names[i]
            assert layout.bbox_max_mm[0, i, 0] <= front - wall, layout.names[i]


def test_offroad_4x4_drives_both_beam_axles_through_a_transfer_case():
    design = Offroad4x4()
    layout = design.layout()
    for name in ("transfer_case", "front_propshaft", "rear_propshaft", "front_differential",
                 "differential", "front_coil_spring_left", "rear_coil_spring_right",
                 "front_lateral_rod", "rear_arm_left", "frame_rail_left", "radiator"):
        assert name in layout.names, name
    x = {n: layout.centroid_mm[0, layout.index(n), 0] for n in
         ("engine", "transmission", "transfer_case")}
    # Longitudinal engine behind the front axle, gearbox and transfer case behind it.
    assert 0 > x["engine"] > x["transmission"] > x["transfer_case"] > -design.wheelbase
    # The propeller shafts reach both differentials.
    front = layout.index("front_propshaft")
    rear = layout.index("rear_propshaft")
    assert layout.bbox_max_mm[0, front, 0] > -200.0
    assert layout.bbox_min_mm[0, rear, 0] < -design.wheelbase + 200.0


def test_offroad_4x4_spare_wheel_hangs_behind_the_back_door_and_sets_the_length():
    design = Offroad4x4()
    layout = design.layout()
    spare = layout.index("tyre_spare")
    back_door = -design.wheelbase - design.rear_overhang
    assert layout.bbox_max_mm[0, spare, 0] < back_door
    envelope = design.analyse().envelope_mm
    assert layout.bbox_min_mm[0, spare, 0] == pytest.approx(
        design.front_overhang - envelope["length"])
    assert layout.bbox_max_mm[0, spare, 2] < design.body_height


def test_overfenders_set_the_width():
    narrow = Offroad4x4().analyse().envelope_mm["width"]
    wide = Offroad4x4(overfender=85.0, track_front=1395.0, track_rear=1405.0,
                      tyre_width=195.0, rim_diameter=15.0).analyse()
    assert narrow == pytest.approx(1475.0)
    assert wide.envelope_mm["width"] == pytest.approx(1475.0 + 2 * 85.0)
    assert wide.limiting_components["width"].startswith("flare_")


def test_rear_engine_360_engine_is_behind_the_rear_axle_and_air_cooled():
    design = RearEngine360()
    layout = design.layout()
    engine = layout.index("engine")
    assert layout.bbox_max_mm[0, engine, 0] < -design.wheelbase
    assert "radiator" not in layout.names and "cooling" not in layout.categories
    assert "frame" not in layout.categories  # a monocoque
    kerb = design.analyse().load_cases["kerb"]
    assert kerb.front_axle_share < 0.5  # tail-heavy, as a rear-engined car is


def test_rear_engine_360_rides_on_4_80_10_bias_tyres():
    design = RearEngine360()
    layout = design.layout()
    tyre = layout.index("tyre_front_left")
    diameter = layout.bbox_max_mm[0, tyre, 2] - layout.bbox_min_mm[0, tyre, 2]
    # 10 in rim + 2 × 95 % × 4.80 in.
    assert diameter == pytest.approx(254.0 + 2 * 0.95 * 121.92)


# ---- parameters --------------------------------------------------------------------------------
@pytest.mark.parametrize("cls,changes,name", [
    (Offroad4x4, {"track_front": 1450.0}, "track_front"),
    (Offroad4x4, {"frame_height": 300.0}, "frame_height"),
    (Offroad4x4, {"engine": "K15B", "engine_setback": 420.0}, "engine_setback"),
    (Offroad4x4, {"rear_overhang": 300.0, "seat_h_point_setback": 1300.0,
                  "rear_seat_setback": 1000.0}, "rear_seat_setback"),
    (RearEngine360, {"engine_overhang": 480.0}, "engine_overhang"),
    (RearEngine360, {"track_front": 1250.0}, "track_front"),
    (RearEngine360, {"beltline_height": 650.0}, "beltline_height"),
])
def test_constraints_raise_a_parameter_error_naming_the_parameter(cls, changes, name):
    with pytest.raises(ParameterError, match=f"'{name}' must") as err:
        cls(**changes)
    assert err.value.name == name


def test_a_batch_names_the_design_that_breaks_a_constraint():
    with pytest.raises(ParameterError, match=r"'engine_overhang' must .* in design 1"):
        RearEngine360.layout_batch({"engine_overhang": [280.0, 480.0]})


@pytest.mark.parametrize("cls,varied", [
    (Offroad4x4, {"wheelbase": [2250.0, 2400.0], "body_height": [1725.0, 1800.0],
                  "overfender": [0.0, 60.0]}),
    (RearEngine360, {"wheelbase": [1800.0, 1900.0], "engine_overhang": [280.0, 290.0],
                     "body_mass": [150.0, 170.0]}),
])
def test_a_batch_gives_what_each_design_gives_alone(cls, varied):
    props = mass_properties(cls.layout_batch(varied))
    for i in range(2):
        one = cls(**{k: v[i] for k, v in varied.items()}).analyse()
        for case in ("kerb", "crew", "full"):
            assert props[case].mass_kg[i] == pytest.approx(one.load_cases[case].mass_kg)
            np.testing.assert_allclose(props[case].com_mm[i], one.load_cases[case].com_mm,
                                       rtol=1e-9, atol=1e-6)
            assert props[case].front_axle_share[i] == pytest.approx(
                one.load_cases[case].front_axle_share)


def test_presets_are_their_archetypes():
    assert issubclass(get_concept("jimny-jb64"), Offroad4x4)
    assert issubclass(get_concept("jimny-sierra-jb74"), Offroad4x4)
    assert issubclass(get_concept("subaru-360"), RearEngine360)
    assert get_concept("offroad-4x4") is Offroad4x4
    assert get_concept("rear-engine-360") is RearEngine360
