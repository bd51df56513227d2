"""Sweep specs: text forms, validation messages, size limits, objectives and conditions."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign.errors import ParameterError
from keidesign.sweep import (
    MAX_POINTS,
    SweepSpec,
    Vary,
    parse_condition,
    parse_objective,
    table_columns,
)


def truck(*vary: str, **options) -> SweepSpec:
    return SweepSpec.from_text("cab-over-truck", vary, **options)


def test_range_and_levels_parse():
    assert Vary.parse("engine_shift=-300:300:7") == Vary(name="engine_shift", low=-300.0,
                                                         high=300.0, count=7)
    assert Vary.parse(" rated_payload = 0:350 ") == Vary(name="rated_payload", low=0.0,
                                                         high=350.0)
    assert Vary.parse("engine_position=under_seat,rear").levels == ("under_seat", "rear")


def test_grid_points_first_parameter_slowest():
    spec = truck("engine_shift=-100:100:3", "engine_position=under_seat,rear")
    points = spec.points()
    assert spec.n_points == spec.n_rows == 6
    np.testing.assert_array_equal(points["engine_shift"], [-100, -100, 0, 0, 100, 100])
    assert list(points["engine_position"]) == ["under_seat", "rear"] * 3


def test_fixed_overrides_and_defaults():
    spec = truck("engine_shift=0:100:2", fixed=["rated_payload=200", "engine_position=rear"])
    fixed = spec.resolved_fixed()
    assert fixed["rated_payload"] == 200.0 and fixed["engine_position"] == "rear"
    assert fixed["wheelbase"] == 1900.0 and "engine_shift" not in fixed


def test_several_eras_multiply_rows():
    spec = truck("engine_shift=0:100:3", eras=(1990, 1998))
    assert spec.n_points == 3 and spec.n_rows == 6


@pytest.mark.parametrize(("vary", "fixed", "match"), [
    (["engine_shfit=0:100:3"], [], r"no parameter 'engine_shfit' \(did you mean 'engine_shift'"),
    (["engine_shift=-400:300:5"], [], r"'engine_shift' must be within -300–300 mm \(got -400"),
    (["engine_shift=0:900:5"], [], r"'engine_shift' must be within -300–300 mm \(got 900"),
    (["engine_shift=0:100:0"], [], r"grid count must be at least 1 .*empty"),
    (["engine_shift=0:100"], [], r"a grid needs a count"),
    (["engine_shift=0:100:2.5"], [], r"whole number"),
    (["engine_shift=0:100:inf"], [], r"grid count must be a whole number \(got inf\)"),
    (["engine_shift=0:100:nan"], [], r"grid count must be a whole number \(got nan\)"),
    (["engine_shift=nan:100:3"], [], r"'engine_shift' must be within"),
    (["engine_shift=a:100:3"], [], r"range start must be a number \(got 'a'\)"),
    (["engine_shift"], [], r"expected NAME=LO:HI:N"),
    (["engine_position=0:1:2"], [], r"'engine_position' is a choice"),
    (["engine_position=under_seat,roof"], [], r"one of .* \(got 'roof'\)"),
    (["engine_shift=0:100:2", "engine_shift=0:50:2"], [], r"varied twice"),
    (["engine_shift=0:100:2"], ["engine_shift=10"], r"both varied and fixed"),
    (["engine_shift=0:100:2"], ["rated_payload=900"], r"'rated_payload' must be within 0–500"),
    (["engine_shift=0:100:2"], ["payload=100"], r"did you mean 'rated_payload'"),
    ([], [], r"at least one varied parameter"),
])
def test_bad_specs_name_the_problem(vary, fixed, match):
    with pytest.raises(ParameterError, match=match):
        SweepSpec.from_text("cab-over-truck", vary, fixed)


def test_unknown_concept_did_you_mean():
    with pytest.raises(ParameterError, match=r"did you mean 'cab-over-truck'"):
        SweepSpec.from_text("cab-over-truk", ["engine_shift=0:100:2"])


@pytest.mark.parametrize(("options", "match"), [
    ({"method": "sobol"}, r"'method' must be one of"),
    ({"method": "lhs"}, r"needs a sample count"),
    ({"method": "random", "samples": 0}, r"'samples' must be a whole number of at least 1"),
    ({"method": "lhs", "samples": float("inf")}, r"'samples' must be a whole number"),
    ({"method": "lhs", "samples": 2.5}, r"'samples' must be a whole number"),
    ({"seed": -1}, r"'seed' must be"),
    ({"eras": (1900,)}, r"'era' must be a year from 1949"),
    ({"eras": ()}, r"at least one era"),
])
def test_bad_options(options, match):
    with pytest.raises(ParameterError, match=match):
        truck("engine_shift=0:100:2", **options)


def test_size_limit_needs_force():
    side = int(np.ceil(np.sqrt(MAX_POINTS))) + 1
    vary = (f"engine_shift=-300:300:{side}", f"rated_payload=0:500:{side}")
    with pytest.raises(ParameterError, match=r"over the limit of .*--force"):
        truck(*vary)
    assert truck(*vary, force=True).n_points == side * side  # nothing is evaluated here


def test_cad_limit_is_lower():
    with pytest.raises(ParameterError, match=r"for --cad"):
        truck("engine_shift=-300:300:100", "rated_payload=0:500:100", cad=True)


def test_objective_and_conditions_parse():
    kinds = table_columns(truck("engine_shift=0:100:2"))
    assert str(parse_objective("min:full.com_height_mm", kinds)) == "min:full.com_height_mm"
    cond = parse_condition("full.front_axle_share>=0.40", kinds)
    assert (cond.column, cond.op, cond.value) == ("full.front_axle_share", ">=", 0.4)
    assert parse_condition("fits == true", kinds).value is True
    assert parse_condition("engine_position='rear'", kinds).value == "rear"
    assert parse_condition("limiting.width!=cab_shell", kinds).op == "!="


@pytest.mark.parametrize(("text", "match"), [
    ("lowest:full.mass_kg", r"min:COLUMN or max:COLUMN"),
    ("min:full.com_hieght_mm", r"did you mean 'full.com_height_mm'"),
    ("min:limiting.width", r"not numeric"),
    ("min:__import__('os')", r"min:COLUMN or max:COLUMN"),
])
def test_bad_objectives(text, match):
    kinds = table_columns(truck("engine_shift=0:100:2"))
    with pytest.raises(ParameterError, match=match):
        parse_objective(text, kinds)


@pytest.mark.parametrize(("text", "match"), [
    ("full.front_axle_share>>0.4", r"compare it with a number"),
    ("full.front_axle_share=>0.4", r"compare it with a number \(got .>0.4.\)"),
    ("full.front_axle_share>=", r"COLUMN OP VALUE"),
    ("full.front_share>=0.4", r"did you mean 'full.front_axle_share'"),
    ("fits>=1", r"use == or !="),
    ("fits==maybe", r"true or false"),
    ("full.mass_kg<nan", r"finite"),
    ("__import__('os').system('true')", r"COLUMN OP VALUE"),
])
def test_bad_conditions(text, match):
    kinds = table_columns(truck("engine_shift=0:100:2"))
    with pytest.raises(ParameterError, match=match):
        parse_condition(text, kinds)
