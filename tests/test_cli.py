"""The command line: tables, JSON, exit codes, and no CAD kernel on the check path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from keidesign.cli import main

CHECK_KEYS = {"concept", "parameters", "regulation", "envelope_mm", "margins_mm", "fits",
              "violations", "wheelbase_mm", "load_cases"}
CASE_KEYS = {"mass_kg", "com_mm", "com_height_mm", "com_behind_front_axle_mm",
             "front_axle_share", "corner_loads_kg", "inertia_kg_m2", "ssf"}


def test_list(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "cab-over-truck" in out and "mid-engine-concept" in out


def test_params_table_and_json(capsys):
    assert main(["params", "cab-over-truck"]) == 0
    out = capsys.readouterr().out
    assert "wheelbase" in out and "1600–2300" in out and "mm" in out
    assert main(["params", "mid-engine-concept", "--json"]) == 0
    specs = json.loads(capsys.readouterr().out)
    assert specs["track_rear"]["unit"] == "mm"
    assert specs["cage_material"]["choices"] == ["carbon", "steel"]


@pytest.mark.parametrize("concept", ["cab-over-truck", "mid-engine-concept"])
def test_check_json_has_every_documented_key(concept, capsys):
    assert main(["check", concept, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert CHECK_KEYS <= set(data)
    assert set(data["regulation"]) >= {"era", "max_length_mm", "max_width_mm", "max_height_mm"}
    assert set(data["envelope_mm"]) == set(data["margins_mm"]) == {"length", "width", "height"}
    assert set(data["load_cases"]) == {"kerb", "driver", "full"}
    for case in data["load_cases"].values():
        assert CASE_KEYS <= set(case)
        assert 0 <= case["front_axle_share"] <= 1
        assert len(case["com_mm"]) == 3 and len(case["corner_loads_kg"]) == 4
        assert len(case["inertia_kg_m2"]) == 3
    assert data["fits"] is True and data["violations"] == []


def test_check_fails_and_names_the_wheels_when_the_track_is_too_wide(capsys):
    code = main(["check", "cab-over-truck", "--set", "track_front=1500", "--set",
                 "track_rear=1500", "--json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["fits"] is False
    named = {v["component"] for v in data["violations"] if v["axis"] == "width"}
    assert named == {"wheel_front_left", "wheel_front_right", "wheel_rear_left",
                     "wheel_rear_right"}
    assert main(["check", "cab-over-truck", "--set", "track_front=1500"]) == 1
    table = capsys.readouterr().out
    assert "wheel_front_left" in table and "DOES NOT FIT" in table


def test_check_era(capsys):
    assert main(["check", "cab-over-truck", "--era", "1976", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["regulation"]["era"] == 1976


@pytest.mark.parametrize("argv,message", [
    (["check", "cab-over-truk"], "did you mean 'cab-over-truck'"),
    (["check", "cab-over-truck", "--set", "wheelbas=1900"], "did you mean 'wheelbase'"),
    (["check", "cab-over-truck", "--set", "wheelbase=5"], "'wheelbase' must be within 1600–2300 mm"),
    (["check", "cab-over-truck", "--era", "1900"], "'era' must be a year from 1949"),
    (["build", "cab-over-truck", "--formats", "step,obj"], "'formats' must"),
    (["build", "cab-over-truck", "--formats", ","], "'formats' must"),
])
def test_bad_input_exits_2_with_a_clear_message(argv, message, capsys, tmp_path):
    assert main(argv + (["--out", str(tmp_path)] if argv[0] == "build" else [])) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_argparse_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_check_does_not_import_the_cad_kernel():
    code = ("import sys; from keidesign.cli import main; rc = main(['check', 'cab-over-truck',"
            " '--json']); bad = [m for m in sys.modules if m.split('.')[0] in "
            "('cadquery', 'OCP', 'trimesh', 'pandas', 'matplotlib', 'scipy', 'dask')];"
            " print(bad, file=sys.stderr); sys.exit(10 if bad else rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "keidesign", "list"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "cab-over-truck" in proc.stdout


@pytest.mark.parametrize(("args", "code"), [
    (["check", "cab-over-truck", "--set", "track_front=1500"], 1),
    (["check", "cab-over-truck", "--set", "wheelbase=99999"], 2),
])
def test_program_exits_with_the_commands_code(args, code):
    """The program (``run``) hands main's exit code to the shell: does not fit, bad input."""
    proc = subprocess.run([sys.executable, "-m", "keidesign", *args], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == code, proc.stderr
