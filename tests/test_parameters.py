"""Parameter declaration, validation and parsing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from keidesign import CabOverTruck, MidEngineConcept, ParameterError
from keidesign.parameters import concept_parameters, length, choice, number, overrides_from_text


@concept_parameters
class Sample:
    wheelbase: float = length(1900, 1500, 2500, "axle distance")
    seats: int = number(2, 1, 4, "", "seats", integer=True)
    engine_position: str = choice("under_seat", ("under_seat", "midship", "rear"), "where")


def test_defaults_are_valid_and_typed():
    s = Sample()
    assert s.wheelbase == 1900.0 and isinstance(s.wheelbase, float)
    assert s.seats == 2 and isinstance(s.seats, int)


def test_out_of_range_names_parameter_value_and_range():
    with pytest.raises(ParameterError, match=r"'wheelbase' must be within 1500–2500 mm \(got -5\)"):
        Sample(wheelbase=-5)


def test_unknown_name_suggests_the_closest():
    with pytest.raises(ParameterError, match=r"no parameter 'wheelbas' \(did you mean 'wheelbase'\?\)"):
        Sample(wheelbas=2000)


def test_choice_rejects_other_values_with_suggestion():
    with pytest.raises(ParameterError, match=r"one of 'under_seat', 'midship', 'rear' \(got 'midshp'\)"
                                             r" \(did you mean 'midship'\?\)"):
        Sample(engine_position="midshp")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1900", True, None])
def test_non_numbers_rejected(value):
    with pytest.raises(ParameterError, match="'wheelbase'"):
        Sample(wheelbase=value)


def test_integer_parameter_rejects_fractions():
    with pytest.raises(ParameterError, match="whole number"):
        Sample(seats=2.5)


def test_replace_validates_again():
    with pytest.raises(ParameterError, match="'wheelbase'"):
        dataclasses.replace(Sample(), wheelbase=99999)
    assert dataclasses.replace(Sample(), wheelbase=2000).wheelbase == 2000.0


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Sample().wheelbase = 1  # type: ignore[misc]


def test_keyword_only():
    with pytest.raises(TypeError):
        Sample(1900)  # type: ignore[misc]


def test_parse_from_text():
    specs = CabOverTruck.specs()
    assert overrides_from_text(specs, ["wheelbase=1950", "engine_position=rear"]) == {
        "wheelbase": 1950.0, "engine_position": "rear"}
    with pytest.raises(ParameterError, match="expected NAME=VALUE"):
        overrides_from_text(specs, ["wheelbase"])
    with pytest.raises(ParameterError, match="did you mean 'wheelbase'"):
        overrides_from_text(specs, ["wheelbse=1"])
    with pytest.raises(ParameterError, match="must be a number"):
        overrides_from_text(specs, ["wheelbase=long"])


LONG = 100_000


@pytest.mark.parametrize("assignment", [
    "wheelbase=" + "9" * LONG,          # a number too large to be anything but inf
    "wheelbase=" + "9" * LONG + "x",    # not a number
    "engine=" + "K" * LONG,             # not one of the choices
    "wheelbase" + "w" * LONG,           # no '='
    "w" * LONG + "=1",                  # no such parameter
])
def test_long_values_are_quoted_short(assignment):
    """A 100,000-character --set value is quoted to at most 200 characters, not echoed."""
    with pytest.raises(ParameterError) as info:
        overrides_from_text(CabOverTruck.specs(), [assignment])
    assert len(str(info.value)) < 500
    assert "…" in str(info.value) or "inf" in str(info.value)


@pytest.mark.parametrize("value", [[9.0] * LONG, "9" * LONG])
def test_long_values_are_quoted_short_in_every_message(value):
    spec = CabOverTruck.specs()["wheelbase"]
    for check in (spec.validate, spec.validate_array):
        with pytest.raises(ParameterError) as info:
            check(value)
        assert len(str(info.value)) < 500
    with pytest.raises(ParameterError) as info:
        Sample(**{"x" * LONG: 1})
    assert len(str(info.value)) < 500


@pytest.mark.parametrize("value", [float("inf"), float("nan"), "inf", "nan"])
def test_integer_parameter_rejects_inf_and_nan(value):
    """``int(inf)`` raises OverflowError: it must not escape as a traceback."""
    spec = Sample.__dataclass_fields__["seats"].metadata["keidesign.spec"]
    with pytest.raises(ParameterError, match=r"'seats' must be a whole number in 1–4"):
        spec.parse(value) if isinstance(value, str) else Sample(seats=value)


def test_validate_array_reports_first_bad_value():
    spec = CabOverTruck.specs()["wheelbase"]
    np.testing.assert_array_equal(spec.validate_array([1700, 1800]), [1700.0, 1800.0])
    with pytest.raises(ParameterError, match=r"got 9000"):
        spec.validate_array([1700, 9000])


@pytest.mark.parametrize("cls", [CabOverTruck, MidEngineConcept])
def test_every_parameter_documented(cls):
    specs = cls.specs()
    assert {"wheelbase", "track_front", "track_rear"} <= set(specs)
    for name, spec in specs.items():
        assert spec.name == name
        assert spec.description
        if spec.kind != "choice":
            assert spec.unit and spec.minimum <= spec.default <= spec.maximum
        else:
            assert spec.default in spec.choices


def test_cross_parameter_rule_names_the_parameter():
    with pytest.raises(ParameterError, match=r"'seat_h_point_height' must leave room for an "
                                             r"occupant's head under the roof \(cab_height − "
                                             r"seat_h_point_height ≥ \d+ mm\)"):
        CabOverTruck(seat_h_point_height=1150, cab_height=1600)
