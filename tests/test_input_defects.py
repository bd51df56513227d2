"""Every input path takes what the single-design path takes, and says clearly what is wrong.

One section per defect of the input-validation issue: huge integers, batch errors that name
the design, batch types that match ``ParameterSpec.validate``, a str given as a column, sweeps
too large to hold, ``--set`` twice, and long input quoted short. A clear error is a
:class:`ParameterError` whose message names the parameter, what is allowed, the value quoted
to at most 200 characters and, in a batch, the design (its row in the columns).
"""

from __future__ import annotations

import decimal
import fractions
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keidesign import CabOverTruck, ParameterError
from keidesign.cli import main
from keidesign.parameters import choice, concept_parameters, length, number, quote
from keidesign.parameters.spec import overrides_from_text, split_assignments
from keidesign.sweep import spec as sweep_spec
from keidesign.sweep.objective import parse_condition, parse_objective
from keidesign.sweep.spec import HARD_MAX_POINTS, MAX_POINTS, SweepSpec, Vary

WHEELBASE = "1600–2300 mm"  # what the truck's wheelbase allows
LONG = 100_000


@concept_parameters
class Sample:
    wheelbase: float = length(1900, 1500, 2500, "axle distance")
    seats: int = number(2, 1, 4, "", "seats", integer=True)
    engine_position: str = choice("under_seat", ("under_seat", "midship", "rear"), "where")


def spec(name: str):
    return Sample.__dataclass_fields__[name].metadata["keidesign.spec"]


def assert_clear(err: pytest.ExceptionInfo, name: str, allowed: str, value: object = None,
                 design: int | None = None) -> str:
    """The message names the parameter, what is allowed, the value (quoted short) and, in a
    batch, the design."""
    assert err.type is ParameterError
    message = str(err.value)
    assert f"'{name}'" in message, message
    assert allowed in message, message
    if value is not None:
        assert quote(value) in message, message
    if design is not None:
        assert re.search(rf"\bin design {design}\b", message), message
    assert len(message) < 700, message
    return message


# ---- 1. huge integers ----------------------------------------------------------------------
@pytest.mark.parametrize("value", [10**400, -10**400, 10**5000, np.uint64(2**64 - 1)],
                         ids=["1e400", "-1e400", "1e5000", "uint64-max"])
def test_a_huge_integer_is_a_parameter_error_for_one_design(value):
    with pytest.raises(ParameterError) as err:
        CabOverTruck(wheelbase=value)
    assert_clear(err, "wheelbase", WHEELBASE, value)
    with pytest.raises(ParameterError) as err:
        CabOverTruck().replace(wheelbase=value)
    assert_clear(err, "wheelbase", WHEELBASE, value)
    with pytest.raises(ParameterError) as err:
        Sample(seats=value)
    assert_clear(err, "seats", "1–4", value)


def test_a_huge_integer_in_a_batch_column_names_its_design():
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"wheelbase": [1800.0, 10**400]})
    assert_clear(err, "wheelbase", WHEELBASE, 10**400, design=1)
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"wheelbase": np.array([1800, 10**400], dtype=object)})
    assert_clear(err, "wheelbase", WHEELBASE, 10**400, design=1)


@pytest.mark.parametrize("text", ["1e400", "-1e400", "1" + "0" * 400], ids=["e", "-e", "digits"])
def test_a_huge_number_as_text_is_quoted_as_given(text):
    with pytest.raises(ParameterError) as err:
        overrides_from_text(CabOverTruck.specs(), [f"wheelbase={text}"])
    assert_clear(err, "wheelbase", WHEELBASE, text)


@pytest.mark.parametrize("vary", [Vary(name="wheelbase", low=1750, high=10**400, count=3),
                                  Vary(name="wheelbase", low=-10**400, high=2000, count=3),
                                  "wheelbase=1750:1e400:3"], ids=["high", "low", "text"])
def test_a_huge_range_end_of_a_sweep(vary):
    with pytest.raises(ParameterError) as err:
        SweepSpec(concept="cab-over-truck", vary=[vary])
    assert_clear(err, "wheelbase", WHEELBASE)


# ---- 2. batch errors name the design -------------------------------------------------------
@pytest.mark.parametrize("column", [
    [1800.0] * 17 + [9000.0] + [1800.0] * 3,
    np.array([1800.0] * 17 + [9000.0, 9100.0]),
    np.array([1800] * 17 + [9000], dtype=np.int32),
    tuple([1800.0] * 17 + [float("nan")]),
])
def test_a_batch_error_names_the_design(column):
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"wheelbase": column})
    assert_clear(err, "wheelbase", WHEELBASE, design=17)


def test_a_batch_error_names_the_design_for_a_choice_and_an_integer():
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"engine_position": np.array(["rear", "rear", "roof"])})
    assert_clear(err, "engine_position", "one of 'under_seat', 'midship', 'rear'", "roof",
                 design=2)
    with pytest.raises(ParameterError) as err:
        spec("seats").validate_array([1, 2, 2.5])
    assert_clear(err, "seats", "whole number in 1–4", 2.5, design=2)


def test_a_broken_rule_in_a_batch_names_the_first_designs_that_break_it():
    heights = [930.0, 1190.0, 930.0, 1190.0, 1190.0]
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"seat_h_point_height": heights})
    message = assert_clear(err, "seat_h_point_height", "must leave", 1190.0, design=1)
    assert "3 of 5 designs break this rule, also designs 3, 4)" in message


def test_a_rule_broken_by_many_designs_lists_a_few():
    heights = np.full(2048, 1190.0)
    heights[:10] = 930.0
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"seat_h_point_height": heights})
    message = assert_clear(err, "seat_h_point_height", "must leave", design=10)
    assert "2,038 of 2,048 designs break this rule, also designs 11, 12, 13, 14, 15, …" in message


def test_columns_of_different_lengths_name_each_column():
    with pytest.raises(ParameterError, match=r"one length \(got wheelbase: 2, lift: 3\)"):
        CabOverTruck.layout_batch({"wheelbase": [1800.0, 1900.0], "lift": [0.0, 10.0, 20.0]})


def test_a_parameter_both_varied_and_fixed_is_refused():
    with pytest.raises(ParameterError, match=r"'wheelbase' is both varied and fixed"):
        CabOverTruck.batch({"wheelbase": [1800.0]}, {"wheelbase": 1900.0})


# ---- 3. the batch takes exactly what one design takes --------------------------------------
REFUSED_NUMBERS = [True, False, np.True_, "1800", b"1800", decimal.Decimal(1800),
                   fractions.Fraction(1800), 1800 + 0j, np.complex128(1800), None, object(),
                   [1800.0], np.array(1800.0), float("inf"), float("nan"), 10**400]


@pytest.mark.parametrize("bad", REFUSED_NUMBERS, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("container", [list, tuple, lambda v: np.array(v, dtype=object)],
                         ids=["list", "tuple", "object-array"])
def test_a_batch_refuses_what_one_design_refuses(bad, container):
    with pytest.raises(ParameterError) as one:
        CabOverTruck(wheelbase=bad)
    column = [1800.0, 1850.0, 1900.0]
    column.append(bad)
    values = container(column)
    with pytest.raises(ParameterError) as many:
        CabOverTruck.layout_batch({"wheelbase": values})
    assert_clear(many, "wheelbase", WHEELBASE, bad, design=3)
    assert str(many.value) == str(one.value).replace(f"{quote(bad)})", f"{quote(bad)} in design 3)")


@pytest.mark.parametrize("array", [
    np.array([True, False]), np.array([1800 + 0j, 1900 + 0j]), np.array(["1800", "1900"]),
    np.array([b"1800", b"1900"]), np.array(["2024-01-01"], dtype="datetime64[D]"),
])
def test_numpy_columns_of_other_kinds_than_numbers_are_refused(array):
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"wheelbase": array})
    assert_clear(err, "wheelbase", "a number in " + WHEELBASE, design=0)


@pytest.mark.parametrize("bad", [b"rear", 1, None, True, np.array("rear"), ["rear"]],
                         ids=lambda v: type(v).__name__)
def test_a_choice_column_takes_only_allowed_str(bad):
    with pytest.raises(ParameterError):
        CabOverTruck(engine_position=bad)
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"engine_position": ["rear", bad]})
    assert_clear(err, "engine_position", "one of 'under_seat', 'midship', 'rear'", bad,
                 design=1)


def test_accepted_columns_keep_their_types():
    wheelbase, seats, where = spec("wheelbase"), spec("seats"), spec("engine_position")
    for column in ([1800, 1900.0], np.array([1800, 1900]), np.array([1800.0, 1900.0]),
                   np.array([1800, 1900], dtype=np.float32), [np.int16(1800), np.float64(1900)]):
        out = wheelbase.validate_array(column)
        assert out.dtype == float and out.tolist() == [1800.0, 1900.0]
    for column in ([1, 2.0], np.array([1.0, 2.0]), np.array([1, 2], dtype=np.uint8)):
        out = seats.validate_array(column)
        assert out.dtype.kind == "i" and out.tolist() == [1, 2]
    for column in (["rear", np.str_("midship")], np.array(["rear", "midship"]),
                   np.array(["rear", "midship"], dtype=object)):
        assert where.validate_array(column).tolist() == ["rear", "midship"]


#: Any value a caller might pass, accepted or not.
ANY_VALUE = st.one_of(
    st.floats(), st.integers(), st.integers(min_value=10**300), st.booleans(),
    st.text(max_size=12), st.binary(max_size=4), st.decimals(), st.fractions(),
    st.complex_numbers(), st.none(), st.sampled_from(["under_seat", "midship", "rear", "Rear"]),
    st.floats(1000, 3000), st.integers(0, 5), st.floats(width=32).map(np.float32),
    st.integers(-2**63, 2**63 - 1).map(np.int64), st.booleans().map(np.bool_),
    st.lists(st.floats(1500, 2500), max_size=2))


def _outcome(check, value):
    try:
        out = check(value)
    except ParameterError:
        return "refused"
    return out


@settings(max_examples=400, deadline=None)
@given(value=ANY_VALUE, name=st.sampled_from(["wheelbase", "seats", "engine_position"]))
def test_validate_and_validate_array_agree_on_every_value(value, name):
    """For any value, one design and a batch of it accept and refuse alike, and an accepted
    value comes back the same (as a list element and as what a NumPy array holds of it)."""
    s = spec(name)
    one = _outcome(s.validate, value)
    many = _outcome(s.validate_array, [value])
    assert (one == "refused") == (isinstance(many, str) and many == "refused")
    if one != "refused":
        assert many.tolist() == [one]
        assert type(many.tolist()[0]) is type(one)
    try:
        array = np.array([value])
    except (ValueError, TypeError, OverflowError):
        return
    if array.ndim != 1:
        return
    held = array.tolist()[0]  # what NumPy made of it (a trailing NUL dropped, …)
    if array.dtype.kind == "O":
        held = array[0]
    one = _outcome(s.validate, held if array.dtype.kind in "OUSbc" else array[0])
    many = _outcome(s.validate_array, array)
    assert (one == "refused") == (isinstance(many, str) and many == "refused")
    if one != "refused":
        assert many.tolist() == [one]


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.floats(), st.floats(1600, 2300)), min_size=1,
                       max_size=40))
def test_a_float_array_is_refused_at_its_first_refused_value(values):
    s = CabOverTruck.specs()["wheelbase"]
    refused = [i for i, v in enumerate(values) if _outcome(s.validate, v) == "refused"]
    if not refused:
        assert s.validate_array(np.array(values)).tolist() == values
        return
    with pytest.raises(ParameterError) as err:
        s.validate_array(np.array(values))
    assert_clear(err, "wheelbase", WHEELBASE, values[refused[0]], design=refused[0])


def test_a_float64_column_is_checked_without_a_loop(monkeypatch):
    """A column of 2,048 values (half a sweep's task) is checked at once: the per-value check is not
    called while every value is good."""
    s = CabOverTruck.specs()["wheelbase"]
    calls = []
    original = type(s)._check
    monkeypatch.setattr(type(s), "_check", lambda self, *a, **k: calls.append(a) or
                        original(self, *a, **k))
    s.validate_array(np.linspace(1700.0, 2200.0, 2048))
    assert calls == []


# ---- 4. a str is not a column --------------------------------------------------------------
@pytest.mark.parametrize("column", ["1800", b"1800", bytearray(b"1800")])
def test_a_str_column_is_refused(column):
    with pytest.raises(ParameterError) as err:
        CabOverTruck.layout_batch({"wheelbase": column})
    message = assert_clear(err, "wheelbase", WHEELBASE, column)
    assert "a design per character" in message and "one value per design" in message
    with pytest.raises(ParameterError, match=r"a design per character"):
        CabOverTruck.layout_batch({"engine_position": "rear"})


@pytest.mark.parametrize(("column", "match"), [
    (1800.0, r"got the single float 1800\.0"), (1800, r"got the single int 1800"),
    (np.float64(1800.0), r"got a single value"), (np.array(1800.0), r"got a single value"),
    ({1800.0, 1900.0}, r"got a set, .*no order"), ({"a": 1800.0}, r"got a dict, .*no order"),
    (np.full((2, 2), 1800.0), r"got an array of shape \(2, 2\)"), (None, r"single NoneType"),
])
def test_a_scalar_or_shapeless_column_is_refused(column, match):
    with pytest.raises(ParameterError, match=match) as err:
        CabOverTruck.layout_batch({"wheelbase": column})
    assert_clear(err, "wheelbase", f"a list or 1-D array of numbers in {WHEELBASE}")


# ---- 5. sweeps too large to hold -----------------------------------------------------------
def test_hard_limit_is_exported():
    assert "HARD_MAX_POINTS" in sweep_spec.__all__ and HARD_MAX_POINTS == 100_000_000
    assert HARD_MAX_POINTS > MAX_POINTS


@pytest.fixture
def no_points(monkeypatch):
    """Making a sweep's points fails the test: a refused sweep allocates nothing."""
    def refuse(*args, **kwargs):
        raise AssertionError("the sweep's points were made")
    monkeypatch.setattr(sweep_spec, "sample", refuse)


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(("vary", "options", "size"), [
    (["wheelbase=1750:2050:1e12"], {}, "1,000,000,000,000 points"),
    (["wheelbase=1750:2050:10001", "lift=0:100:10000"], {}, "100,010,000 points"),
    (["wheelbase=1750:2050:7072", "lift=0:100:7072"], {"eras": (1990, 1998)},
     "100,026,368 points (7,072 × 7,072 × 2 eras)"),
    (["wheelbase=1750:2050"], {"method": "lhs", "samples": 10**9}, "(1,000,000,000 samples)"),
    (["wheelbase=1750:2050"], {"method": "random", "samples": 10**400}, "~10^400 points"),
])
def test_a_sweep_over_the_hard_limit_is_refused_even_with_force(vary, options, size, force,
                                                                 no_points):
    with pytest.raises(ParameterError) as err:
        SweepSpec.from_text("cab-over-truck", vary, force=force, **options)
    message = str(err.value)
    assert size in message and "hard limit of 100,000,000" in message, message
    assert "does not lift" in message and "split it" in message and "points/s" in message
    assert len(message) < 500


def test_a_sweep_at_the_hard_limit_runs_with_force(no_points):
    spec = SweepSpec.from_text("cab-over-truck", ["wheelbase=1750:2050:10000",
                                                  "lift=0:100:10000"], force=True)
    assert spec.n_rows == HARD_MAX_POINTS
    with pytest.raises(ParameterError, match=r"over the limit of 250,000; pass force"):
        SweepSpec.from_text("cab-over-truck", ["wheelbase=1750:2050:10000",
                                               "lift=0:100:10000"])


def test_the_sweep_command_refuses_a_huge_grid_and_writes_nothing(capsys, tmp_path):
    out = tmp_path / "sweep"
    code = main(["sweep", "cab-over-truck", "--vary", "wheelbase=1750:2050:1e12", "--force",
                 "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "hard limit of 100,000,000" in err and "Traceback" not in err
    assert not out.exists()


def _out(argv: list[str], tmp_path) -> list[str]:
    """``--out`` into ``tmp_path`` for the commands that write files."""
    writes = argv[0] in ("draw", "report", "build", "compare", "sweep")
    return ["--out", str(tmp_path / "out")] if writes else []


# ---- 6. --set twice ------------------------------------------------------------------------
TWICE = ["--set", "wheelbase=1800", "--set", "wheelbase = 1900"]
TWICE_MESSAGE = "'wheelbase' is set twice (got '1800' and '1900'): give each parameter one --set"


def test_split_assignments_refuses_a_name_twice():
    assert split_assignments(["a=1", " b = x "]) == {"a": "1", "b": "x"}
    with pytest.raises(ParameterError) as err:
        split_assignments(["wheelbase=1800", "wheelbase = 1900"])
    assert str(err.value) == TWICE_MESSAGE and err.value.name == "wheelbase"
    with pytest.raises(ParameterError, match=r"expected NAME=VALUE \(got 'wheelbase='\)"):
        split_assignments(["wheelbase="])


@pytest.mark.parametrize("argv", [
    ["check", "cab-over-truck", *TWICE],
    ["check", "cab-over-truck", *TWICE, "--json"],
    ["draw", "cab-over-truck", *TWICE],
    ["report", "cab-over-truck", *TWICE],
    ["build", "cab-over-truck", *TWICE],
    ["compare", "cab-over-truck", *TWICE, "hijet-s500p"],
    ["sweep", "cab-over-truck", "--vary", "lift=0:50:2", *TWICE],
])
def test_every_command_refuses_a_parameter_set_twice(argv, capsys, tmp_path):
    assert main(argv + _out(argv, tmp_path)) == 2
    captured = capsys.readouterr()
    assert TWICE_MESSAGE in captured.err and captured.out == ""
    assert not (tmp_path / "out").exists()


# ---- 7. long input is quoted short ---------------------------------------------------------
W = "w" * LONG
NINES = "9" * LONG


@pytest.mark.parametrize("argv", [
    ["check", W],
    ["params", W],
    ["check", W + ".py"],
    ["check", W + ".py:Truck"],
    ["check", "cab-over-truck", "--set", f"{W}=1"],
    ["check", "cab-over-truck", "--set", f"wheelbase={NINES}"],
    ["check", "cab-over-truck", "--set", f"engine_position={W}"],
    ["check", "cab-over-truck", "--set", W],
    ["draw", "cab-over-truck", "--formats", W],
    ["compare", "cab-over-truck", "--set", f"lift={NINES}", "hijet-s500p"],
    ["compare", "cab-over-truck", "hijet-s500p", "--era", W],
    ["compare", "cab-over-truck", W],
    ["compare", "cab-over-truck", "hijet-s500p", "--" + W],
    ["sweep", "cab-over-truck", "--vary", f"{W}=1:2:3"],
    ["sweep", "cab-over-truck", "--vary", f"wheelbase={W}"],
    ["sweep", "cab-over-truck", "--vary", f"wheelbase=1800:{W}:3"],
    ["sweep", "cab-over-truck", "--vary", f"wheelbase=1800:1900:{W}"],
    ["sweep", "cab-over-truck", "--vary", "wheelbase=1800:1900:2", "--objective", W],
    ["sweep", "cab-over-truck", "--vary", "wheelbase=1800:1900:2", "--where", W],
    ["sweep", "cab-over-truck", "--vary", "wheelbase=1800:1900:2", "--where", f"fits=={W}"],
    ["sweep", W, "--vary", "wheelbase=1800:1900:2"],
], ids=lambda argv: " ".join(a[:20] for a in argv))
def test_long_input_is_quoted_short_in_command_errors(argv, capsys, tmp_path):
    assert main(argv + _out(argv, tmp_path)) == 2
    err = capsys.readouterr().err
    assert "error:" in err and len(err) < 800, err[:1000]


@pytest.mark.parametrize("argv", [
    [W],
    ["check", "cab-over-truck", "--era", NINES],
    ["check", "cab-over-truck", "--era", "x" + NINES],
    ["check", "cab-over-truck", "--" + W],
    ["check", "cab-over-truck", "extra", W],
], ids=lambda argv: " ".join(a[:20] for a in argv))
def test_long_input_is_quoted_short_in_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and len(err) < 800, err[:1000]


def test_era_must_be_a_year():
    with pytest.raises(SystemExit):
        main(["check", "cab-over-truck", "--era", "nineteen"])


def test_era_message_quotes_the_text(capsys):
    with pytest.raises(SystemExit):
        main(["check", "cab-over-truck", "--era", "x" * 300])
    err = capsys.readouterr().err
    assert "argument --era: 'era' must be a year, a whole number such as 1998 (got 'xxx" in err


@pytest.mark.parametrize("make", [
    lambda: CabOverTruck.layout_batch({W: [1800.0]}),
    lambda: CabOverTruck.layout_batch({"wheelbase": [1800.0]}, {W: 1.0}),
    lambda: CabOverTruck(**{W: 1}),
    lambda: Vary.parse(W),
    lambda: Vary.parse(f"{W}=1:2:3:4"),
    lambda: Vary(name=W, low=1.0),
    lambda: Vary(name="wheelbase", low=1.0, high=2.0, count=W),
    lambda: SweepSpec.from_text("cab-over-truck", [f"{W}=1:2:3"]),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], [f"{W}=1"]),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], [f"wheelbase={W}"]),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], ["wheelbase=1", W]),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], method=W),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10"], method="lhs", samples=W),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], seed=W),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], eras=[1998] * LONG),
    lambda: SweepSpec.from_text("cab-over-truck", ["lift=0:10:2"], exports=[W]),
    lambda: SweepSpec.from_text(W, ["lift=0:10:2"]),
    lambda: parse_objective(W, {"full.mass_kg": "f"}),
    lambda: parse_objective(f"min:{W}", {"full.mass_kg": "f"}),
    lambda: parse_condition(f"full.mass_kg>{W}", {"full.mass_kg": "f"}),
    lambda: parse_condition(f"{W}>1", {"full.mass_kg": "f"}),
    lambda: spec("wheelbase").validate([9.0] * LONG),
    lambda: spec("wheelbase").validate_array([[9.0] * LONG]),
    lambda: spec("wheelbase").validate_array(np.full(LONG, 9.0)),
    lambda: spec("engine_position").validate_array([W]),
    lambda: spec("wheelbase").validate(10**LONG),
], ids=lambda make: str(make.__code__.co_firstlineno))
def test_long_input_is_quoted_short_in_library_errors(make):
    with pytest.raises(ParameterError) as err:
        make()
    assert len(str(err.value)) < 700, str(err.value)[:1000]


def test_quote_cuts_before_it_builds_the_text():
    assert len(quote(10**LONG)) <= 200 and "digits" in quote(10**LONG)
    assert quote(list(range(LONG))).endswith("…") and len(quote(list(range(LONG)))) == 200
    assert quote("x" * LONG) == "'" + "x" * 198 + "…"
    assert quote(np.array([10**LONG], dtype=object)) == "<array of shape (1,), dtype object>"
    assert quote(1800.0) == "1800.0" and quote("rear") == "'rear'"
    assert math.isclose(float(quote(1e300)), 1e300)


def test_an_era_or_formats_of_huge_input_are_quoted_short():
    from keidesign.analysis.regulation import regulation
    from keidesign.export.writer import check_formats

    with pytest.raises(ParameterError) as era:
        regulation(-10**3000)
    with pytest.raises(ParameterError) as text:
        check_formats("x" * 100_000)
    with pytest.raises(ParameterError) as name:
        check_formats(["step", "y" * 100_000])
    assert "about 3,000 digits" in str(era.value)  # described, not written out
    for err in (era, text, name):
        assert len(str(err.value)) < 700
