"""The command line: tables, JSON, exit codes, and no CAD kernel on the check path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from keidesign import CabOverTruck
from keidesign.cli import main
from tests.conftest import SMALLEST_CONCEPT

CHECK_KEYS = {"concept", "parameters", "regulation", "envelope_mm", "margins_mm", "fits",
              "passes", "violations", "wheelbase_mm", "load_cases", "clashes", "min_clearances",
              "turning"}
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
    code = main(["check", concept, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == (0 if data["passes"] else 1)
    assert CHECK_KEYS <= set(data)
    assert set(data["regulation"]) >= {"era", "max_length_mm", "max_width_mm", "max_height_mm"}
    assert set(data["envelope_mm"]) == set(data["margins_mm"]) == {"length", "width", "height"}
    assert set(data["load_cases"]) == {"kerb", "driver", "crew", "full"}
    for case in data["load_cases"].values():
        assert CASE_KEYS <= set(case)
        assert 0 <= case["front_axle_share"] <= 1
        assert len(case["com_mm"]) == 3 and len(case["corner_loads_kg"]) == 4
        assert len(case["inertia_kg_m2"]) == 3
    assert data["fits"] is True and data["violations"] == []
    assert data["passes"] is (data["clashes"] == [])
    for watched in data["min_clearances"].values():
        assert watched["clearance_mm"] > 0 and " / " in watched["between"]


def test_check_fails_and_names_the_wheels_when_the_track_is_too_wide(capsys):
    code = main(["check", "cab-over-truck", "--set", "track_front=1500", "--set",
                 "track_rear=1500", "--json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["fits"] is False
    named = {v["component"] for v in data["violations"] if v["axis"] == "width"}
    assert named == {f"{part}_{end}_{side}" for part in ("tyre", "rim", "hub")
                     for end in ("front", "rear") for side in ("left", "right")}
    assert main(["check", "cab-over-truck", "--set", "track_front=1500"]) == 1
    table = capsys.readouterr().out
    sticking_out = table[table.index("Sticks out of the box:"):]
    assert "tyre_front_left" in sticking_out and "tyre_rear_left" not in sticking_out
    assert "DOES NOT FIT" in table


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


@pytest.mark.parametrize("assignment", ["wheelbase=" + "9" * 100_000,
                                        "wheelbase=" + "9" * 99_999 + "x",
                                        "engine=" + "K" * 100_000])
def test_a_long_value_exits_2_with_a_short_message(assignment, capsys):
    assert main(["check", "cab-over-truck", "--set", assignment]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("keidesign: error: ") and len(captured.err) < 500
    assert captured.out == ""


def test_a_user_file_passing_a_bad_argument_exits_2(write_concept, capsys):
    """A concept file that makes a material, a placement or a shape wrongly gets the
    message, exit 2 (bad input), not a traceback and exit 1 (does not fit)."""
    path = write_concept(SMALLEST_CONCEPT.replace(
        '    name = "my-truck"\n',
        '    name = "my-truck"\n\n'
        '    @classmethod\n'
        '    def place_components(cls, p):\n'
        '        from keidesign.layout import Material\n'
        '        Material("titanium", -4430, (0.6, 0.6, 0.7))\n'))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'density_kg_m3' must be a positive number" in err and "Traceback" not in err


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


# ---- concepts from files and from packages ----------------------------------------------------
def test_smallest_user_file_in_params_and_check(smallest_concept, capsys):
    ref = str(smallest_concept)
    assert main(["params", ref]) == 0
    assert "wheelbase" in capsys.readouterr().out
    assert main(["params", f"{ref}:MyTruck", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["wheelbase"]["default"] == 1900
    assert main(["check", ref]) == 0
    out = capsys.readouterr().out
    assert out.startswith("my-truck against the kei rules") and "FITS the kei box" in out
    assert main(["check", ref, "--json", "--set", "wheelbase=1950"]) == 0
    data = json.loads(capsys.readouterr().out)
    built_in = CabOverTruck(wheelbase=1950).analyse().as_dict()
    assert data["concept"] == "my-truck" and data["parameters"]["wheelbase"] == 1950
    assert data["load_cases"] == built_in["load_cases"]


def test_a_user_file_relative_to_the_working_folder(smallest_concept, monkeypatch, capsys):
    monkeypatch.chdir(smallest_concept.parent)
    assert main(["check", "my_truck.py", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["concept"] == "my-truck"


@pytest.mark.slow
def test_smallest_user_file_builds(smallest_concept, tmp_path, capsys):
    out = tmp_path / "exports"
    assert main(["build", str(smallest_concept), "--out", str(out), "--formats", "json,stl"]) \
        == 0
    assert sorted(p.name for p in (out / "my-truck").iterdir()) == ["my-truck.json",
                                                                    "my-truck.stl"]
    assert "my-truck: json ->" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "suffix", "message"), [
    (None, "", "no file 'nothing.py'"),
    ("x = 1\n", "", "defines no concept"),
    ("x = 1 / 0\n", "", "raised an error when loaded: ZeroDivisionError: division by zero"),
    ("from keidesign import CabOverTruck\nclass A(CabOverTruck):\n    name = 'a'\n"
     "class B(CabOverTruck):\n    name = 'b'\n", "", "defines several concepts (A, B)"),
    ("from keidesign import CabOverTruck\nclass Truck(CabOverTruck):\n    name = 'a'\n",
     ":Truk", "has no class 'Truk' (did you mean 'Truck'?)"),
])
@pytest.mark.parametrize("command", ["params", "check", "build"])
def test_bad_concept_files_exit_2_and_write_nothing(command, text, suffix, message, tmp_path,
                                                    capsys):
    path = tmp_path / "src" / "nothing.py"
    path.parent.mkdir()
    if text is not None:
        path.write_text(text)
    out = tmp_path / "out"
    extra = ["--out", str(out)] if command == "build" else []
    assert main([command, f"{path}{suffix}", *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("keidesign: error: ") and message in err and "'concept'" in err
    assert "Traceback" not in err and not out.exists()


def _run(args, env_path: Path | None = None, cwd: Path | None = None):
    env = dict(os.environ)
    if env_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(env_path), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "keidesign", *args], capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd)


@pytest.mark.slow
def test_registered_concepts_in_every_command(plugin_path, tmp_path):
    """A package registers ``van`` in the entry point group ``keidesign.concepts``; nothing is
    installed: its dist-info folder is on PYTHONPATH, which importlib.metadata searches."""
    listed = _run(["list"], plugin_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("cab-over-truck") and lines[1].startswith("mid-engine-concept")
    # Built-in archetypes, then presets, then the registered concepts.
    assert lines[-2].split()[0] == "van"
    assert "A kei van from a package (registered by package keivans)" in lines[-2]
    assert lines[-1].startswith("broken") and "cannot be loaded: " in lines[-1]
    assert "RuntimeError: plugin is broken" in lines[-1]

    params = _run(["params", "van", "--json"], plugin_path)
    assert params.returncode == 0 and json.loads(params.stdout)["rated_payload"]["default"] == 250
    check = _run(["check", "van", "--json"], plugin_path)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["concept"] == "van"
    build = _run(["build", "van", "--formats", "json", "--out", str(tmp_path / "e")],
                 plugin_path)
    assert build.returncode == 0 and (tmp_path / "e" / "van" / "van.json").exists()
    broken = _run(["check", "broken"], plugin_path)
    assert broken.returncode == 2
    assert "'concept' 'broken', registered by package 'keivans'" in broken.stderr
    assert "Traceback" not in broken.stderr
    # Without the package on the path, the name is unknown again.
    assert _run(["check", "van"]).returncode == 2
