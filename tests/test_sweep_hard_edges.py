"""Sweeps at their hard edges: a damaged store, a killed run, two runs into one folder, a point
stuck in C, a worker killed mid-task, and memory that does not grow with the points."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from keidesign.cli import main
from keidesign.sweep import StoreError, SweepBusyError, SweepSpec, read_results, run_sweep
from keidesign.sweep.evaluate import DELAY_ENV
from keidesign.sweep.runner import LOCK_FILE, STORE_FILE, lock_folder

SPEC = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:10",
                                                 "track_front=1000:1400:4"])


def _damage(store: Path, batch_id: int, data: bytes) -> None:
    """Overwrite bytes of one stored batch's outputs in the database file itself (where a
    48-byte run of them appears only once in the file)."""
    with sqlite3.connect(store) as con:
        blob = con.execute("SELECT data FROM batches WHERE id=?", (batch_id,)).fetchone()[0]
    raw = bytearray(store.read_bytes())
    for offset in range(len(blob) // 2, len(blob) - 48):
        segment = blob[offset:offset + 48]
        if raw.count(segment) == 1:
            start = raw.find(segment)
            raw[start:start + len(data)] = data
            store.write_bytes(bytes(raw))
            return
    raise AssertionError("no part of the batch's bytes is unique in the file")


# ---- the store's checksums -----------------------------------------------------------------
def test_bytes_overwritten_in_the_store_are_found_and_computed_again(tmp_path, caplog):
    clean = run_sweep(SPEC, tmp_path, chunk_size=8)
    store = tmp_path / STORE_FILE
    _damage(store, batch_id=2, data=b"\x7f" * 16)
    with caplog.at_level(logging.WARNING, logger="keidesign"):
        again = run_sweep(SPEC, tmp_path, chunk_size=8)
    assert "batch 2 is damaged" in caplog.text
    # The damaged batch's 8 points are computed again; the other 32 are reused.
    assert (again.damaged, again.computed, again.reused) == (1, 8, 32)
    pd.testing.assert_frame_equal(again.table, clean.table)
    # Stored afresh: the next run reuses everything.
    third = run_sweep(SPEC, tmp_path, chunk_size=8)
    assert (third.damaged, third.computed, third.reused) == (0, 0, 40)


def test_damaged_keys_are_found_too(tmp_path):
    clean = run_sweep(SPEC, tmp_path, chunk_size=8)
    with sqlite3.connect(tmp_path / STORE_FILE) as con:
        keys = con.execute("SELECT keys FROM batches WHERE id=3").fetchone()[0]
    raw = bytearray((tmp_path / STORE_FILE).read_bytes())
    start = raw.find(keys)
    raw[start + 5] ^= 0xFF
    (tmp_path / STORE_FILE).write_bytes(bytes(raw))
    again = run_sweep(SPEC, tmp_path, chunk_size=8)
    assert (again.damaged, again.computed, again.reused) == (1, 8, 32)
    pd.testing.assert_frame_equal(again.table, clean.table)


def test_a_store_sqlite_cannot_read_stops_with_a_clear_message(tmp_path, capsys):
    run_sweep(SPEC, tmp_path, chunk_size=8)
    raw = bytearray((tmp_path / STORE_FILE).read_bytes())
    raw[:100] = b"\x00" * 100  # the database header
    (tmp_path / STORE_FILE).write_bytes(bytes(raw))
    with pytest.raises(StoreError, match=r"cannot be read or written .*delete it"):
        run_sweep(SPEC, tmp_path, chunk_size=8)
    code = main(["sweep", "cab-over-truck", "--vary", "engine_shift=-300:300:10",
                 "--out", str(tmp_path)])
    assert code == 1 and "delete it" in capsys.readouterr().err


# ---- one sweep at a time per folder ----------------------------------------------------------
def test_a_second_sweep_into_a_busy_folder_exits_2_and_touches_nothing(tmp_path, capsys):
    from filelock import FileLock

    run_sweep(SPEC, tmp_path)
    before = (tmp_path / "results.parquet").read_bytes()
    with FileLock(tmp_path / LOCK_FILE):  # as a running sweep holds it
        with pytest.raises(SweepBusyError, match="another sweep is writing into"):
            run_sweep(SPEC, tmp_path)
        code = main(["sweep", "cab-over-truck", "--vary", "engine_shift=-300:300:3",
                     "--out", str(tmp_path)])
    assert code == 2
    assert "another sweep is writing into" in capsys.readouterr().err
    assert (tmp_path / "results.parquet").read_bytes() == before
    assert run_sweep(SPEC, tmp_path).reused == 40  # free again once the first is done


def test_the_lock_is_one_hold_within_a_thread_and_busy_from_another(tmp_path):
    """Holding a folder's lock around run_sweep (as ``keidesign sweep`` does) is the same
    hold inside it; another thread is still refused."""
    from concurrent.futures import ThreadPoolExecutor

    with lock_folder(tmp_path):
        assert run_sweep(SPEC, tmp_path).computed == 40
        with ThreadPoolExecutor(1) as other:
            with pytest.raises(SweepBusyError, match="another sweep is writing into"):
                other.submit(run_sweep, SPEC, tmp_path).result()
    assert run_sweep(SPEC, tmp_path).reused == 40      # released with the outer hold


@pytest.mark.slow
def test_two_real_sweeps_into_one_folder(tmp_path):
    args = [sys.executable, "-m", "keidesign", "sweep", "cab-over-truck", "--vary",
            "engine_shift=-300:300:10", "--chunk-size", "4", "--out", str(tmp_path), "--json"]
    first = subprocess.Popen(args, env={**os.environ, DELAY_ENV: "0.3"},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / STORE_FILE).exists():
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = subprocess.run(args, capture_output=True, text=True)
        assert second.returncode == 2
        assert "another sweep is writing into" in second.stderr
        assert f"(process {first.pid} holds sweep.lock)" in second.stderr
    finally:
        out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert json.loads(out)["points"] == 10


# ---- killed runs leave nothing half-written ---------------------------------------------------
@pytest.mark.slow
def test_a_killed_sweep_leaves_no_results_file_and_its_temp_is_swept_up(tmp_path):
    args = [sys.executable, "-m", "keidesign", "sweep", "cab-over-truck", "--vary",
            "engine_shift=-300:300:10", "--vary", "track_front=1000:1400:4", "--chunk-size",
            "4", "--results", "parquet,csv", "--out", str(tmp_path), "--json"]
    proc = subprocess.Popen(args, env={**os.environ, DELAY_ENV: "0.3"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".results") for p in tmp_path.iterdir()):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.02)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    names = {p.name for p in tmp_path.iterdir()}
    assert "results.parquet" not in names and "results.csv" not in names
    assert any(n.startswith(".results.") and ".tmp" in n for n in names)  # the killed writer's
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["points"] == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "results.csv", "results.parquet", LOCK_FILE, STORE_FILE]
    pd.testing.assert_frame_equal(read_results(tmp_path / "results.parquet"),
                                  read_results(tmp_path / "results.csv", SPEC))


# ---- workers that hang or die ----------------------------------------------------------------
STUCK_IN_C = '''\
import signal
import time

from keidesign import CabOverTruck


class StuckTruck(CabOverTruck):
    name = "stuck-truck"

    @classmethod
    def place_components(cls, p):
        if getattr(p.engine_shift, "ndim", 0) == 0 and p.engine_shift > 0:
            # A blocking call that no signal interrupts: every signal blocked, then a sleep
            # in C (as a stuck OCCT call would be).
            signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals))
            time.sleep(600)
        return super().place_components(p)
'''


@pytest.mark.slow
def test_a_point_stuck_in_c_is_stopped_by_its_time_out(write_concept, tmp_path):
    concept = write_concept(STUCK_IN_C, "stuck.py")
    spec = SweepSpec(concept=str(concept), vary=["engine_shift=-100:100:2"], cad=True)
    start = time.monotonic()
    result = run_sweep(spec, tmp_path / "out", timeout_s=5.0)
    assert time.monotonic() - start < 120
    table = result.table
    assert table["status"].tolist() == ["ok", "failed"]
    assert table["error"][1].startswith("PointTimeoutError: the point took longer than its "
                                        "time-out of 5 s")
    # Not stored: a time-out says nothing about the design, so the next run tries it again.
    with sqlite3.connect(tmp_path / "out" / STORE_FILE) as con:
        assert con.execute("SELECT SUM(n) FROM batches").fetchone()[0] == 1


DIES_ONCE = '''\
import os
import signal
from pathlib import Path

import numpy as np

from keidesign import CabOverTruck

MARKER = Path(__file__).with_suffix(".died")


class DiesOnce(CabOverTruck):
    name = "dies-once"

    @classmethod
    def place_components(cls, p):
        if np.any(np.asarray(p.engine_shift) == 100.0) and not MARKER.exists():
            MARKER.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return super().place_components(p)
'''


@pytest.mark.slow
def test_the_points_of_a_killed_worker_are_run_again_in_the_same_run(write_concept, tmp_path,
                                                                     caplog):
    concept = write_concept(DIES_ONCE, "dies.py")
    spec = SweepSpec(concept=str(concept), vary=["engine_shift=-300:300:13"])
    with caplog.at_level(logging.WARNING, logger="keidesign"):
        result = run_sweep(spec, tmp_path / "out", workers=2, oversubscribe=True,
                           chunk_size=4)
    assert concept.with_suffix(".died").exists()  # a worker really died
    assert "a sweep worker process died" in caplog.text
    assert (result.table["status"] == "ok").all() and result.computed == 13
    pd.testing.assert_frame_equal(result.table,
                                  run_sweep(spec, chunk_size=4).table)


def test_workers_are_capped_at_the_cores(monkeypatch, caplog):
    from keidesign.sweep import runner

    started = []
    monkeypatch.setattr(runner, "machine_cores", lambda: 1)
    monkeypatch.setattr(runner, "PoolBackend", lambda n, cad: started.append(n))
    with caplog.at_level(logging.WARNING, logger="keidesign"):
        result = run_sweep(SPEC, workers=1000)
    assert started == [] and result.points == 40  # capped to 1: no pool at all
    assert "1000 workers asked for, 1 used" in caplog.text


def test_more_workers_than_cores_when_insisted(monkeypatch):
    from keidesign.sweep import runner

    started = []

    class Recorded(runner.InlineBackend):
        def __init__(self, workers, cad):
            started.append(workers)

        def close(self, cancel=False):
            pass

    monkeypatch.setattr(runner, "machine_cores", lambda: 1)
    monkeypatch.setattr(runner, "PoolBackend", Recorded)
    run_sweep(SPEC, workers=3, oversubscribe=True, chunk_size=8)
    assert started == [3]  # 5 tasks, 3 workers: as asked


# ---- memory stays flat -----------------------------------------------------------------------
_PEAK = """
import sys
from keidesign.sweep import SweepSpec, run_sweep
n = int(sys.argv[2])
spec = SweepSpec(concept="cab-over-truck", vary=[f"wheelbase=1750:2050:{n // 100}",
                                                 "track_front=1200:1330:100"], force=True)
result = run_sweep(spec, sys.argv[1])
assert result.points == n and result.n_ok == n, result
# This process's own peak (VmHWM, kB): ru_maxrss would also count the parent it was forked
# from before it started Python.
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]))
"""


@pytest.mark.slow
def test_memory_of_a_two_million_point_sweep_stays_flat(tmp_path):
    """2,000,000 points in the same memory as 200,000 (the table is streamed to its file,
    never held): the peak grows by less than 100 MB, where holding the table would take
    ~4 GB more."""
    peaks = {}
    for n in (200_000, 2_000_000):
        proc = subprocess.run([sys.executable, "-c", _PEAK, str(tmp_path / str(n)), str(n)],
                              capture_output=True, text=True, check=True)
        peaks[n] = int(proc.stdout.split()[-1]) / 1024  # MB
    assert peaks[2_000_000] - peaks[200_000] < 100, peaks
    assert peaks[2_000_000] < 1024, peaks


# ---- the pool's verdicts, scripted -----------------------------------------------------------
class _Scripted:
    """A backend whose tasks fail as told: a task holding the ``stuck`` engine shift among
    others is killed by its time-out (as pebble does); a point in ``dies`` kills its worker
    that many times before it evaluates."""

    slots = 2

    def __init__(self, stuck: float, dies: dict[float, int]) -> None:
        self.stuck, self.dies, self.calls = stuck, dict(dies), []

    def submit(self, task):
        from concurrent.futures import Future

        from keidesign.sweep.backends import TaskKilled, WorkerDied
        from keidesign.sweep.evaluate import evaluate_task

        future = Future()
        shifts = task.columns["engine_shift"].tolist()
        self.calls.append(shifts)
        if self.stuck in shifts:
            future.set_exception(TaskKilled("Task timeout"))
        elif any(self.dies.get(s, 0) for s in shifts):
            for s in shifts:
                if self.dies.get(s, 0):
                    self.dies[s] -= 1
            future.set_exception(WorkerDied("Abnormal termination (exit code -9)"))
        else:
            future.set_result(evaluate_task(task))
        return future


def test_a_killed_task_is_split_and_each_task_keeps_its_own_attempts(monkeypatch, tmp_path):
    from keidesign.sweep import runner

    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-250:250:6"])
    backend = _Scripted(stuck=-50.0, dies={150.0: 2})
    monkeypatch.setattr(runner, "_open_backend", lambda *args: backend)
    table = run_sweep(spec, tmp_path, chunk_size=6, timeout_s=7.0).table
    # The chunk's task was killed, then each point ran alone; 150 lost its worker twice and
    # evaluated on its third attempt, though the split had already used six submissions.
    assert backend.calls[0] == [-250.0, -150.0, -50.0, 50.0, 150.0, 250.0]
    assert backend.calls.count([150.0]) == 3
    assert table["status"].tolist() == ["ok", "ok", "failed", "ok", "ok", "ok"]
    assert table["error"][2] == ("PointTimeoutError: the point took longer than its time-out "
                                 "of 7 s (its worker process was stopped)")
    clean = run_sweep(spec)
    assert clean.table.drop(index=2).equals(table.drop(index=2))
    # The stuck point is not stored: the next run (its point no longer stuck) evaluates it.
    monkeypatch.undo()
    again = run_sweep(spec, tmp_path, chunk_size=6)
    assert (again.computed, again.reused) == (1, 5)


def test_a_point_that_keeps_killing_its_worker_fails_after_three_attempts(monkeypatch,
                                                                           tmp_path):
    from keidesign.sweep import runner

    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-250:250:6"])
    backend = _Scripted(stuck=None, dies={50.0: 99})
    monkeypatch.setattr(runner, "_open_backend", lambda *args: backend)
    table = run_sweep(spec, tmp_path, chunk_size=1).table
    assert backend.calls.count([50.0]) == 3
    assert table["status"].tolist() == ["ok", "ok", "ok", "failed", "ok", "ok"]
    assert table["error"][3].startswith("WorkerError: the worker process evaluating the point "
                                        "died 3 times (last: Abnormal termination")
    monkeypatch.undo()
    assert run_sweep(spec, tmp_path, chunk_size=1).computed == 1  # not stored: tried again


def test_an_interrupted_sweep_leaves_no_results_file(monkeypatch, tmp_path):
    """Ctrl-C while row groups are being written: the interrupt surfaces as itself, and
    neither a results file nor a temp file stays behind."""
    from keidesign.sweep import results, runner

    run_sweep(SPEC, tmp_path / "done")
    monkeypatch.setattr(results, "ROW_GROUP_ROWS", 4)  # a row group per chunk
    real, calls = runner._Sweep.rows, []

    def interrupted(self, chunk):
        calls.append(chunk.lo)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(self, chunk)

    monkeypatch.setattr(runner._Sweep, "rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(SPEC, tmp_path / "out", chunk_size=4, results=("parquet", "csv"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [LOCK_FILE, STORE_FILE]
