"""The cab-over truck's options (roof, drive, show-truck equipment) and the truck presets'
verdicts: what each option adds, where, and what the kei rules say about the builds."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign import CabOverTruck, ParameterError, get_concept
from keidesign.sweep import SweepSpec, run_sweep
from keidesign.sweep.evaluate import choice_groups


def _analysis(**kw):
    return CabOverTruck(**kw).analyse()


@pytest.fixture(scope="module")
def standard():
    return _analysis()


def test_high_roof_is_higher_and_longer_in_the_same_overall_length(standard):
    high = CabOverTruck(roof="high")
    layout = high.layout()
    result = high.analyse()
    assert result.envelope_mm["height"] == pytest.approx(standard.envelope_mm["height"] + 105.0)
    assert result.envelope_mm["length"] == pytest.approx(standard.envelope_mm["length"])
    std_layout = CabOverTruck().layout()
    assert _x_extent(layout, "bed_floor") == pytest.approx(_x_extent(std_layout, "bed_floor")
                                                           - 380.0)
    assert _x_extent(layout, "cab_shell") == pytest.approx(_x_extent(std_layout, "cab_shell")
                                                           + 380.0)
    # More cab steel, less bed: heavier overall, and the heavier cab sits further back.
    assert _mass(layout, "cab_shell") > _mass(std_layout, "cab_shell")
    assert _mass(layout, "bed_floor") < _mass(std_layout, "bed_floor")


def _x_extent(layout, name):
    i = layout.index(name)
    return float(layout.bbox_max_mm[0, i, 0] - layout.bbox_min_mm[0, i, 0])


def _mass(layout, name):
    return float(layout.mass_kg[0, layout.index(name)])


@pytest.mark.parametrize("position", ["under_seat", "midship", "rear"])
def test_transfer_case_sits_between_the_axles(position):
    truck = CabOverTruck(drive="4wd", engine_position=position)
    layout = truck.layout()
    i = layout.index("transfer_case")
    assert -truck.wheelbase < layout.bbox_min_mm[0, i, 0] < layout.bbox_max_mm[0, i, 0] < 0.0


def test_fuel_tank_stays_ahead_of_the_rear_axle_with_a_high_roof():
    truck = CabOverTruck(roof="high")
    layout = truck.layout()
    tank, axle = layout.index("fuel_tank"), layout.index("rear_axle_left")
    assert layout.bbox_min_mm[0, tank, 0] > layout.bbox_max_mm[0, axle, 0]


def test_four_wheel_drive_adds_its_parts_ahead_of_the_rear_axle(standard):
    result = _analysis(drive="4wd")
    added = result.load_cases["kerb"].mass_kg - standard.load_cases["kerb"].mass_kg
    assert 30.0 < added < 50.0
    assert result.load_cases["kerb"].front_axle_share > standard.load_cases["kerb"].front_axle_share
    names = CabOverTruck(drive="4wd").layout().names
    assert {"transfer_case", "front_propshaft", "front_differential",
            "front_drive_shaft_left", "front_drive_shaft_right"} <= set(names)


def test_bed_seats_make_four_occupants_and_break_the_truck_limit(standard):
    result = _analysis(bed_seats="two_caged")
    occupants = {c.limit: c for c in result.limit_checks}["occupants"]
    assert occupants.value == 4 and occupants.allowed == 2 and not result.fits
    crew, kerb = result.load_cases["crew"], result.load_cases["kerb"]
    assert crew.mass_kg - kerb.mass_kg == pytest.approx(4 * 55.0)
    # Two occupants behind the cab move the crew case's weight rearward.
    assert crew.front_axle_share < standard.load_cases["crew"].front_axle_share - 0.05


def test_pipe_doors_drop_the_panel_doors_and_side_glass(standard):
    layout = CabOverTruck(doors="pipe").layout()
    assert "cab_window_left" not in layout.names and "pipe_door_left" in layout.names
    panel = CabOverTruck().layout()
    assert _mass(layout, "cab_shell") == pytest.approx(_mass(panel, "cab_shell") - 24.0)
    glass = sum(_mass(panel, f"cab_window_{side}") for side in ("left", "right"))
    assert glass > 5.0
    assert (standard.load_cases["kerb"].mass_kg - _analysis(doors="pipe").load_cases["kerb"].mass_kg
            < 24.0 + glass)  # the pipe doors weigh something
    assert _analysis(doors="pipe").envelope_mm["width"] == pytest.approx(
        standard.envelope_mm["width"])


def test_cargo_carrier_is_payload_not_kerb(standard):
    result = _analysis(cargo_carrier="yes", carrier_mass=150)
    kerb = result.load_cases["kerb"].mass_kg - standard.load_cases["kerb"].mass_kg
    assert 0.0 < kerb < 20.0  # the winch only
    full = result.load_cases["full"].mass_kg - standard.load_cases["full"].mass_kg
    assert full == pytest.approx(kerb)  # the carrier is part of the rated payload


@pytest.mark.parametrize("kw, parameter", [
    ({"roof": "high", "high_roof_extension": 1100}, "high_roof_extension"),
    ({"bed_seats": "two_caged", "bed_seat_setback": 1400, "bed_length": 1800},
     "bed_seat_setback"),
    ({"cargo_carrier": "yes", "bed_seats": "two_caged"}, "cargo_carrier"),
    ({"cargo_carrier": "yes", "rated_payload": 100}, "carrier_mass"),
])
def test_option_rules_name_their_parameter(kw, parameter):
    with pytest.raises(ParameterError) as err:
        CabOverTruck(**kw)
    assert err.value.name == parameter


def test_a_batch_mixing_an_option_is_refused_by_name():
    with pytest.raises(ParameterError, match="'bull_bar' adds or removes parts") as err:
        CabOverTruck.layout_batch({"bull_bar": ["no", "yes"]})
    assert err.value.name == "bull_bar"


def test_sweep_over_options_equals_each_design_alone():
    spec = SweepSpec(concept="cab-over-truck", vary=["roof=standard,high", "drive=2wd,4wd",
                                                     "wheelbase=1850:1950:3"])
    table = run_sweep(spec).table
    assert (table["status"] == "ok").all() and len(table) == 12
    for i in (0, 5, 11):
        row = table.iloc[i]
        alone = CabOverTruck(roof=row["roof"], drive=row["drive"],
                             wheelbase=row["wheelbase"]).analyse()
        assert row["kerb.mass_kg"] == pytest.approx(alone.load_cases["kerb"].mass_kg, rel=1e-12)
        assert row["envelope.height_mm"] == pytest.approx(alone.envelope_mm["height"])


def test_choice_groups_fix_each_groups_choices():
    columns = {"roof": np.array(["high", "standard", "high"]),
               "wheelbase": np.array([1800.0, 1900.0, 2000.0])}
    groups = list(choice_groups(CabOverTruck, columns, {"lift": 10.0}))
    assert [(fixed["roof"], rows.tolist()) for _c, fixed, rows in groups] == [
        ("high", [0, 2]), ("standard", [1])]
    assert all(set(c) == {"wheelbase"} and fixed["lift"] == 10.0 for c, fixed, _r in groups)


def test_star_climber_misses_two_metres_by_the_lift_and_tyres():
    """Jumbo 1885 mm + 102 mm lift + (175/80R16 − 145R12) radius 71.9 mm ≈ 2059 mm."""
    result = get_concept("hijet-jumbo-star-climber")().analyse()
    radius_gain = (8 * 25.4 + 140.0) - (6 * 25.4 + 0.82 * 145.0)
    assert result.envelope_mm["height"] == pytest.approx(1885.0 + 102.0 + radius_gain, abs=1.0)
    assert result.margins_mm["height"] == pytest.approx(2000.0 - result.envelope_mm["height"])
    over = [v for v in result.violations if v.axis == "height"]
    assert over[0].component == "cab_shell" and over[0].excess_mm == pytest.approx(
        -result.margins_mm["height"])
    assert not result.fits


def test_k_trail_breaks_the_seat_limit_and_the_box():
    result = get_concept("gr-hijet-k-trail")().analyse()
    assert {c.limit: c.value for c in result.limit_checks}["occupants"] == 4
    assert result.margins_mm["length"] < 0  # the bull bar
    assert any(v.component == "bull_bar_hoop" for v in result.violations)
