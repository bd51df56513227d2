"""`keidesign sweep`: summaries, bad input (exit 2, nothing written), resume after a kill, the
CAD path and its time-out, exporting the best designs."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from keidesign.cli import main
from keidesign.errors import ParameterError
from keidesign.export.writer import FORMATS, SUFFIXES
from keidesign.sweep import CAD_COLUMNS, SweepSpec, read_results, run_sweep
from keidesign.sweep.evaluate import DELAY_ENV

from tests.conftest import NOT_ARRAY_SAFE_METHOD, SMALLEST_CONCEPT

REPO = Path(__file__).resolve().parents[1]
GRID = ["--vary", "engine_shift=-300:300:9", "--vary", "rated_payload=0:350:3"]


def sweep(*args: str) -> int:
    return main(["sweep", "cab-over-truck", *args])


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run in an empty working folder, so a stray default output would be seen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_summary(in_tmp, capsys):
    code = sweep(*GRID, "--out", "out", "--json", "--objective", "min:full.com_height_mm",
                 "--where", "full.front_axle_share>=0.45")
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {k: summary[k] for k in ("points", "ok", "failed", "fits", "computed", "reused")} == \
        {"points": 27, "ok": 27, "failed": 0, "fits": 27, "computed": 27, "reused": 0}
    assert summary["seconds"] >= 0 and summary["best"]["objective"] == "min:full.com_height_mm"
    assert set(summary["best"]["parameters"]) == {"engine_shift", "rated_payload"}
    table = pd.read_parquet(in_tmp / "out" / "results.parquet")
    best = table.iloc[summary["best"]["row"]]
    ok = table[table["full.front_axle_share"] >= 0.45]
    assert best["full.com_height_mm"] == ok["full.com_height_mm"].min()


def test_csv_results_on_request_give_the_same_summary_and_table(in_tmp, capsys):
    args = (*GRID, "--json", "--objective", "min:full.com_height_mm", "--where",
            "full.front_axle_share>=0.45")
    assert sweep(*args, "--out", "parquet") == 0
    parquet = json.loads(capsys.readouterr().out)
    assert sweep(*args, "--out", "csv", "--results", "csv") == 0
    csv = json.loads(capsys.readouterr().out)
    assert sorted(p.name for p in (in_tmp / "csv").iterdir()) == [
        "results.csv", "sweep.lock", "sweep.sqlite"]
    assert csv["best"] == parquet["best"] and csv["results"] == {
        "csv": str(Path("csv") / "results.csv")}
    spec = SweepSpec.from_text("cab-over-truck", [GRID[1], GRID[3]])
    pd.testing.assert_frame_equal(read_results(in_tmp / "csv" / "results.csv", spec),
                                  read_results(in_tmp / "parquet" / "results.parquet"))
    # Asking for Parquet again removes the CSV of the earlier run: the folder's results files
    # always describe its last run.
    assert sweep(*GRID, "--out", "csv") == 0
    assert not (in_tmp / "csv" / "results.csv").exists()


@pytest.mark.parametrize("text", ["xlsx", "parquet,parquet", "parquet,", "x" * 100_000])
def test_bad_results_formats_exit_2_and_write_nothing(in_tmp, capsys, text):
    assert sweep(*GRID, "--out", "out", "--results", text) == 2
    err = capsys.readouterr().err
    assert "'results' must be one or more of 'parquet', 'csv'" in err and len(err) < 500
    assert not (in_tmp / "out").exists()


def test_help_states_the_runners_default_chunk_size(capsys):
    """The help text's default (written out: the CLI does not import the runner to show its
    help) is the one the runner uses."""
    from keidesign.sweep.runner import DEFAULT_CHUNK_SIZE
    with pytest.raises(SystemExit):
        main(["sweep", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert f"(default {DEFAULT_CHUNK_SIZE}, 1 with --cad)" in shown


def test_workers_over_the_cores_are_capped_with_a_warning(in_tmp, capsys, caplog):
    with caplog.at_level("WARNING", logger="keidesign"):
        assert sweep("--vary", "engine_shift=-300:300:3", "--out", "out",
                     "--workers", str(10_000)) == 0
    assert "10000 workers asked for" in caplog.text


def test_text_summary_plots_and_default_folder(in_tmp, capsys):
    code = sweep(*GRID, "--plot", "--objective", "max:engine_shift")
    out = capsys.readouterr().out
    folder = in_tmp / "exports" / "sweeps" / "cab-over-truck"
    assert code == 0
    assert "27 points (27 computed, 0 reused)" in out and "best (max:engine_shift" in out
    assert sorted(p.name for p in (folder / "plots").iterdir()) == [
        "contour_full.front_axle_share.png", "engine_shift.png", "rated_payload.png"]


def test_failed_points_are_reported_not_fatal(in_tmp, capsys):
    code = sweep("--vary", "track_front=1000:1400:5", "--out", "out", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["failed"] == 2 and summary["ok"] == 3


@pytest.mark.parametrize("args", [
    ["--vary", "engine_shfit=0:100:3"],                        # unknown name
    ["--vary", "engine_shift=0:900:3"],                        # out of range
    ["--vary", "engine_shift=0:100:0"],                        # empty grid
    ["--vary", "engine_shift=-300:300:600", "--vary", "rated_payload=0:500:600"],  # too big
    ["--vary", "engine_shift=0:100:3", "--objective", "min:full.com_hieght_mm"],
    ["--vary", "engine_shift=0:100:3", "--objective", "lowest:full.mass_kg"],
    ["--vary", "engine_shift=0:100:3", "--where", "full.front_axle_share>>0.4"],
    ["--vary", "engine_shift=0:100:3", "--export-best", "2"],  # best by what?
    ["--vary", "engine_shift=0:100:3", "--set", "rated_payload=900"],
    ["--vary", "engine_shift=0:100:3", "--era", "1900"],
    ["--vary", "engine_shift=0:100:3", "--method", "lhs"],     # no --samples
    ["--vary", "engine_shift=0:100:3", "--workers", "0"],
    ["--vary", "engine_shift=0:100:3", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
])
def test_bad_input_exits_2_and_writes_nothing(in_tmp, capsys, args):
    assert sweep(*args) == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert list(in_tmp.iterdir()) == []
    assert sweep(*args, "--out", "out") == 2
    assert list(in_tmp.iterdir()) == []


def test_bad_input_messages(in_tmp, capsys):
    sweep("--vary", "engine_shfit=0:100:3")
    assert "did you mean 'engine_shift'?" in capsys.readouterr().err
    sweep("--vary", "engine_shift=0:900:3")
    assert "'engine_shift' must be within -300–300 mm (got 900" in capsys.readouterr().err
    sweep("--vary", "engine_shift=-300:300:600", "--vary", "rated_payload=0:500:600")
    assert "--force" in capsys.readouterr().err


@pytest.mark.slow
def test_resume_after_kill_gives_the_uninterrupted_table(tmp_path):
    """A real `keidesign sweep` process is killed (SIGKILL) part-way; the same command then
    computes only the missing points and writes exactly the uninterrupted table."""
    args = [sys.executable, "-m", "keidesign", "sweep", "cab-over-truck",
            "--vary", "engine_shift=-300:300:10", "--vary", "track_front=1000:1400:4",
            "--chunk-size", "4", "--json"]
    env = {**os.environ, DELAY_ENV: "0.4"}  # 10 tasks of 4 points, 0.4 s each
    killed = tmp_path / "killed"
    proc = subprocess.Popen([*args, "--out", str(killed)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _stored_batches(killed / "sweep.sqlite") < 3:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the sweep made no progress"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    done = _stored_batches(killed / "sweep.sqlite")
    assert 3 <= done < 10 and not (killed / "results.parquet").exists()

    resumed = subprocess.run([*args, "--out", str(killed)], cwd=tmp_path, capture_output=True,
                             text=True, check=True)
    summary = json.loads(resumed.stdout)
    assert summary["reused"] == 4 * done and summary["computed"] == 40 - 4 * done

    clean = tmp_path / "clean"
    subprocess.run([*args, "--out", str(clean)], cwd=tmp_path, capture_output=True, check=True)
    assert (killed / "results.parquet").read_bytes() == (clean / "results.parquet").read_bytes()
    table = pd.read_parquet(killed / "results.parquet")
    assert len(table) == 40 and set(table["status"]) == {"ok", "failed"}


def _stored_batches(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_cad_sweep_records_cad_columns_and_exports_best(in_tmp, capsys):
    code = sweep("--vary", "engine_shift=-100:100:2", "--cad", "--out", "out", "--json",
                 "--objective", "min:cad.full.com_z_mm", "--export-best", "1")
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["ok"] == 2
    table = pd.read_parquet(in_tmp / "out" / "results.parquet")
    assert [name for name, _ in CAD_COLUMNS] == [c for c in table.columns if c.startswith("cad.")]
    # The CAD solids agree with the closed-form fast path.
    assert (table["cad.envelope.length_mm"] - table["envelope.length_mm"]).abs().max() < 1e-6
    assert (table["cad.full.mass_kg"] - table["full.mass_kg"]).abs().max() < 1e-6
    assert (table["cad.full.com_z_mm"] - table["full.com_z_mm"]).abs().max() < 5.0
    best = in_tmp / "out" / "best" / "1"
    files = sorted(p.name for p in best.iterdir() if not p.name.startswith("."))
    assert files == sorted(f"cab-over-truck{SUFFIXES.get(f, '.' + f)}" for f in FORMATS)
    report = json.loads((best / "cab-over-truck.json").read_text())
    lowest = table.loc[table["cad.full.com_z_mm"].idxmin(), "engine_shift"]
    assert report["parameters"]["engine_shift"] == lowest  # the best design, not any
    assert summary["exports"][0]["rank"] == 1


@pytest.mark.slow
def test_cad_points_that_time_out_are_rows_and_retried(tmp_path):
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-100:100:2"], cad=True)
    result = run_sweep(spec, tmp_path, timeout_s=1e-4)
    assert (result.table["status"] == "failed").all()
    assert result.table["error"].str.startswith("PointTimeoutError: the point took longer").all()
    # A time-out says nothing about the design: it is not stored, the next run retries it.
    again = run_sweep(spec, tmp_path)
    assert (again.computed, again.reused) == (2, 0)
    assert (again.table["status"] == "ok").all()


@pytest.mark.slow
def test_cad_sweep_writes_each_designs_files_and_resumes(tmp_path):
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_position=under_seat,rear"],
                     cad=True, exports=("json", "STEP"))
    assert spec.exports == ("step", "json") and spec.mode == "cad+step+json"
    result = run_sweep(spec, tmp_path)
    table = result.table
    assert (table["status"] == "ok").all()
    folders = table["cad.export_dir"].tolist()
    assert len(set(folders)) == 2 and all(f.startswith("designs/") for f in folders)
    for folder, position in zip(folders, table["engine_position"]):
        files = sorted(p.name for p in (tmp_path / folder).iterdir())
        assert files == ["cab-over-truck.json", "cab-over-truck.step"]
        report = json.loads((tmp_path / folder / "cab-over-truck.json").read_text())
        assert report["parameters"]["engine_position"] == position  # the row's own design
    assert pd.read_parquet(tmp_path / "results.parquet")["cad.export_dir"].tolist() == folders
    # Resumed: nothing rebuilt. Other files: another mode, so the points are built again.
    again = run_sweep(spec, tmp_path)
    assert (again.computed, again.reused) == (0, 2)
    glb = SweepSpec(concept="cab-over-truck", vary=["engine_position=under_seat,rear"],
                    cad=True, exports=("glb",))
    assert run_sweep(glb, tmp_path).computed == 2
    assert all((tmp_path / f / "cab-over-truck.glb").exists() for f in folders)


@pytest.mark.parametrize(("args", "match"), [
    (["--exports", "glb"], r"'exports' \(glb\) needs a CAD sweep"),
    (["--cad", "--exports", "glb,stp"], r"'exports' must each be one of .*did you mean 'step'"),
    (["--cad", "--exports", "glb,"], r"--exports must be formats separated by commas"),
])
def test_bad_exports_exit_2_and_write_nothing(in_tmp, capsys, args, match):
    assert sweep("--vary", "engine_shift=-100:100:2", "--out", "out", *args) == 2
    assert re.search(match, capsys.readouterr().err)
    assert not (in_tmp / "out").exists()


@pytest.mark.slow
def test_cad_exports_go_to_the_default_folder_without_out(in_tmp, capsys):
    """Without --out the command's default folder is the output folder, exports included."""
    assert sweep("--vary", "engine_shift=0:100:2", "--cad", "--exports", "json", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] == 2
    folder = in_tmp / "exports" / "sweeps" / "cab-over-truck"
    reports = sorted(folder.glob("designs/*/cab-over-truck.json"))
    assert len(reports) == 2


def test_exports_need_an_output_folder():
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-100:100:2"], cad=True,
                     exports=("json",))
    with pytest.raises(ParameterError, match=r"needs an output folder \(out_dir\)"):
        run_sweep(spec)


@pytest.mark.slow
def test_a_file_that_cannot_be_written_is_retried_not_stored(tmp_path, monkeypatch):
    """A full disk says nothing about the design: the row fails, the next run builds it."""
    from keidesign.errors import ExportError
    from keidesign.export import writer

    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-100:100:2"], cad=True,
                     exports=("json",))

    def disk_full(*args, **kwargs):
        raise ExportError("no space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(writer, "export_layout", disk_full)
        # In threads of this process, where the patch holds (worker processes would not see
        # it).
        with ThreadPoolExecutor(max_workers=1) as pool:
            failed = run_sweep(spec, tmp_path, executor=pool)
    assert failed.table["error"].str.contains("no space left on device").all()
    again = run_sweep(spec, tmp_path)
    assert (again.computed, again.reused) == (2, 0)
    assert (again.table["status"] == "ok").all()


# ---- concepts from files and packages -----------------------------------------------------------
NOT_ARRAY_SAFE = SMALLEST_CONCEPT + NOT_ARRAY_SAFE_METHOD
#: The line of NOT_ARRAY_SAFE that fails on arrays.
UNSAFE_LINE = NOT_ARRAY_SAFE.splitlines().index("        if p.wheelbase > 1800:") + 1


def test_smallest_user_file_sweeps_into_a_folder_named_after_it(smallest_concept, in_tmp,
                                                                capsys):
    assert main(["sweep", str(smallest_concept), *GRID, "--plot"]) == 0
    out = capsys.readouterr().out
    folder = in_tmp / "exports" / "sweeps" / "my-truck"
    assert out.startswith("my-truck: 27 points (27 computed, 0 reused)")
    assert "not reused" not in out
    assert (folder / "results.parquet").exists() and (folder / "plots").is_dir()
    assert main(["sweep", str(smallest_concept), *GRID, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["concept"], summary["reference"]) == ("my-truck",
                                                          f"{smallest_concept}:MyTruck")
    assert (summary["computed"], summary["reused"], summary["outdated"]) == (0, 27, 0)


def test_editing_the_concept_file_recomputes_and_says_so(write_concept, in_tmp, capsys):
    path = write_concept()
    args = ["sweep", str(path), *GRID, "--out", "out"]
    assert main(args) == 0
    capsys.readouterr()
    write_concept(SMALLEST_CONCEPT + "\n# the user was here\n")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "27 points (27 computed, 0 reused)" in out
    assert "27 stored points not reused: the model's code changed since they were computed" \
        in out
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["computed"], summary["reused"], summary["outdated"]) == (0, 27, 0)


def test_a_concept_that_cannot_take_arrays_exits_4(write_concept, in_tmp, capsys):
    path = write_concept(NOT_ARRAY_SAFE)
    code = main(["sweep", str(path), "--vary", "wheelbase=1700:2000:4", "--out", "out"])
    err = capsys.readouterr().err
    assert code == 4
    assert err.startswith("keidesign sweep: error: concept 'my-truck' (")
    assert "cannot evaluate several designs at once: ValueError: " in err
    assert f"{path}:{UNSAFE_LINE}: `if p.wheelbase > 1800:`" in err
    assert not (in_tmp / "out" / "results.parquet").exists()
    # One design at a time it is a fine concept.
    assert main(["check", str(path), "--set", "wheelbase=1900"]) == 0


@pytest.mark.parametrize(("reference", "message"), [
    ("nothing.py", "no file 'nothing.py'"),
    ("my_truk.py", "(did you mean 'my_truck.py'?)"),
    ("my_truck.py:Truck", "has no class 'Truck' (did you mean 'MyTruck'?)"),
    ("cab-over-truk", "(did you mean 'cab-over-truck'?)"),
])
def test_bad_concept_references_exit_2_and_write_nothing(smallest_concept, in_tmp, capsys,
                                                         reference, message):
    assert main(["sweep", reference, "--vary", "engine_shift=0:100:3"]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in in_tmp.iterdir()) == ["my_truck.py"]


def _cli(args: list[str], cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop(DELAY_ENV, None)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "keidesign", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_workers_sweep_a_user_file_given_relative_to_the_working_folder(smallest_concept,
                                                                       tmp_path):
    """Two spawned workers load the file by the absolute path the sweep hands them."""
    args = ["sweep", "my_truck.py", "--vary", "track_front=1000:1400:5",
            "--vary", "engine_shift=-300:300:4", "--chunk-size", "4", "--json"]
    parallel = _cli([*args, "--workers", "2", "--out", "par", "--objective",
                     "min:full.com_height_mm", "--export-best", "1"], tmp_path)
    assert parallel.returncode == 0, parallel.stderr
    summary = json.loads(parallel.stdout)
    assert summary["concept"] == "my-truck" and summary["computed"] == 20
    assert summary["reference"] == f"{smallest_concept}:MyTruck"
    serial = _cli([*args, "--out", "ser"], tmp_path)
    assert serial.returncode == 0, serial.stderr
    assert (tmp_path / "par" / "results.parquet").read_bytes() == \
        (tmp_path / "ser" / "results.parquet").read_bytes()
    best = tmp_path / "par" / "best" / "1"
    assert (best / "my-truck.json").exists() and (best / "my-truck.step").exists()


@pytest.mark.slow
def test_workers_report_a_concept_that_cannot_take_arrays(write_concept, tmp_path):
    path = write_concept(NOT_ARRAY_SAFE)
    proc = _cli(["sweep", str(path), "--vary", "wheelbase=1700:2000:4", "--workers", "2",
                 "--out", "out"], tmp_path)
    assert proc.returncode == 4, proc.stderr
    assert f"{path}:{UNSAFE_LINE}: `if p.wheelbase > 1800:`" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_workers_sweep_a_registered_concept(plugin_path, tmp_path):
    args = ["sweep", "van", "--vary", "engine_shift=-300:300:6", "--chunk-size", "2", "--json"]
    parallel = _cli([*args, "--workers", "2", "--out", "par"], tmp_path, plugin_path)
    assert parallel.returncode == 0, parallel.stderr
    summary = json.loads(parallel.stdout)
    assert (summary["concept"], summary["reference"], summary["ok"]) == ("van", "van", 6)
    table = pd.read_parquet(tmp_path / "par" / "results.parquet")
    assert (table["rated_payload"] == 250).all()  # the package's own defaults
    serial = _cli([*args, "--out", "ser"], tmp_path, plugin_path)
    assert serial.returncode == 0, serial.stderr
    assert (tmp_path / "par" / "results.parquet").read_bytes() == \
        (tmp_path / "ser" / "results.parquet").read_bytes()
