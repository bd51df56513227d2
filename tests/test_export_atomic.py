"""Temporary files of killed writers: atomic_write's lock and remove_stale_temps.

The slow tests start writers in other processes and kill them with SIGKILL, as ``kill -9`` or
the out-of-memory killer would, so that nothing in the writer can clean up.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import keidesign.export.atomic as atomic_module
from keidesign.concepts import CONCEPTS
from keidesign.errors import ExportError
from keidesign.export.atomic import STALE_AFTER_S, atomic_write, remove_stale_temps
from keidesign.export.writer import export_design

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or atomic_module._fcntl is None,
                                reason="needs SIGKILL and flock")

#: A writer in its own process: writes the first half of its file through atomic_write, prints
#: the temporary path, then kills itself ("kill") or waits for a line on stdin ("wait") before
#: writing the rest.
WRITER = """
import os, signal, sys
from keidesign.export.atomic import atomic_write

target, mode = sys.argv[1], sys.argv[2]
with atomic_write(target) as tmp:
    with open(tmp, "wb") as f:
        f.write(b"the first half of the new ")
        f.flush()
        print(tmp, flush=True)
        if mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.readline()
        f.write(b"file\\n")
"""
OLD, NEW = b"the old complete file\n", b"the first half of the new file\n"


def _start_writer(target: Path, mode: str) -> tuple[subprocess.Popen, Path]:
    """A writer process on ``target`` and its temporary file, once it has written half."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), mode],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    assert line, f"the writer died before writing (exit {proc.wait(timeout=30)})"
    return proc, Path(line)


def _wait(proc: subprocess.Popen) -> int:
    """``proc``'s exit code (negative: the signal that killed it), its pipes closed."""
    code = proc.wait(timeout=30)
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()
    return code


def _hidden(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("."))


def _stale(folder: Path, name: str = "car.step", pid: int = 4242) -> Path:
    """A temporary file as a dead writer leaves it: named by atomic_write, unlocked."""
    path = folder / f".{name}.{pid}-0123abcd.tmp{Path(name).suffix}"
    path.write_bytes(b"half a fi")
    return path


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


# ---- the temporary file's name and lock ------------------------------------------------------

def test_temporary_name_is_hidden_keeps_the_suffix_and_names_the_process(tmp_path):
    with atomic_write(tmp_path / "car.chrono.json") as tmp:
        assert tmp.parent == tmp_path
        assert tmp.name.startswith(f".car.chrono.json.{os.getpid()}-")
        assert tmp.name.endswith(".tmp.json")
        tmp.write_text("{}")
    assert [p.name for p in tmp_path.iterdir()] == ["car.chrono.json"]


def test_a_live_writer_in_this_process_keeps_its_file(tmp_path):
    with atomic_write(tmp_path / "car.step") as tmp:
        tmp.write_text("ISO-10303-21; half")
        assert remove_stale_temps(tmp_path) == []
        assert tmp.exists()
        tmp.write_text("ISO-10303-21; whole")
    assert (tmp_path / "car.step").read_text() == "ISO-10303-21; whole"
    assert _hidden(tmp_path) == []


@posix_only
def test_a_dead_writers_file_is_removed_whatever_its_process_id(tmp_path):
    # Our own, live, process id: the lock decides, not the number (process ids are reused).
    mine = _stale(tmp_path, "car.step", pid=os.getpid())
    other = _stale(tmp_path, "car.stl", pid=1)
    assert remove_stale_temps(tmp_path) == sorted([mine, other])
    assert list(tmp_path.iterdir()) == []


def test_files_that_are_not_temporary_files_stay(tmp_path):
    keep = [".hidden", "car.step", "car.123-0123abcd.tmp.step",  # not hidden
            ".car.step.tmp.step",  # no token
            ".car.step.123-0123abcd.tmp.stl",  # suffix differs from the target's
            ".car.step.123-0123ABCD.tmp.step",  # not atomic_write's token
            ".car.step.123-0123abcd.tmp.step.bak"]
    for name in keep:
        (tmp_path / name).write_text("mine")
    (tmp_path / ".car.glb.123-0123abcd.tmp.glb").mkdir()  # a folder of that name
    (tmp_path / "sub").mkdir()
    nested = _stale(tmp_path / "sub")  # not recursive
    stale = _stale(tmp_path)
    assert remove_stale_temps(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*keep, ".car.glb.123-0123abcd.tmp.glb", "sub"])
    assert nested.exists()


def test_names_from_before_the_lock_go_by_their_age(tmp_path):
    # Written by an older keidesign, whose writers did not lock: it cannot be asked.
    fresh = tmp_path / ".car.step.0123abcd.tmp.step"
    old = tmp_path / ".car.stl.89abcdef.tmp.stl"
    fresh.write_text("half")
    old.write_text("half")
    _age(old, STALE_AFTER_S + 60)
    assert remove_stale_temps(tmp_path) == [old]
    assert fresh.exists()


def test_without_flock_files_go_by_their_age(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic_module, "_fcntl", None)
    fresh, old = _stale(tmp_path, "car.step"), _stale(tmp_path, "car.stl")
    _age(old, STALE_AFTER_S + 60)
    assert remove_stale_temps(tmp_path) == [old]
    assert fresh.exists()
    with atomic_write(tmp_path / "car.glb") as tmp:  # still writes, unlocked
        tmp.write_bytes(b"glTF")
    assert (tmp_path / "car.glb").read_bytes() == b"glTF"


def test_a_missing_folder_has_nothing_to_remove(tmp_path):
    assert remove_stale_temps(tmp_path / "missing") == []


def test_a_folder_that_cannot_be_listed_raises_naming_it(tmp_path):
    not_a_folder = tmp_path / "car.step"
    not_a_folder.write_text("a file")
    with pytest.raises(ExportError, match="stale temporary files in .*car.step"):
        remove_stale_temps(not_a_folder)


def test_a_file_that_cannot_be_removed_is_logged_and_skipped(tmp_path, monkeypatch, caplog):
    locked_in, stale = _stale(tmp_path, "car.step"), _stale(tmp_path, "car.stl")
    real_unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if Path(path) == locked_in:
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(atomic_module.os, "unlink", refuse)
    with caplog.at_level(logging.WARNING, logger="keidesign"):
        assert remove_stale_temps(tmp_path) == [stale]
    assert locked_in.exists()
    assert locked_in.name in caplog.text and "Permission denied" in caplog.text


@posix_only
def test_a_sweep_between_creation_and_lock_makes_the_writer_take_a_new_name(tmp_path,
                                                                            monkeypatch):
    """The one instant a sweep could take a live writer's file: created, not yet locked."""
    real = atomic_module._fcntl
    swept: list[Path] = []

    class SweepFirst:
        LOCK_EX, LOCK_NB = real.LOCK_EX, real.LOCK_NB

        @staticmethod
        def flock(fd, op):
            if op == real.LOCK_EX and not swept:  # the writer's lock, the first time
                swept.extend(remove_stale_temps(tmp_path))
            real.flock(fd, op)

    monkeypatch.setattr(atomic_module, "_fcntl", SweepFirst)
    with atomic_write(tmp_path / "car.step") as tmp:
        assert len(swept) == 1 and tmp != swept[0]
        assert remove_stale_temps(tmp_path) == []  # the new one is locked
        tmp.write_text("whole")
    assert [p.name for p in tmp_path.iterdir()] == ["car.step"]


# ---- writers in other processes, killed with SIGKILL -----------------------------------------

@pytest.mark.slow
@posix_only
def test_a_writer_killed_mid_file_leaves_the_old_file_and_a_temp_the_next_sweep_removes(
        tmp_path):
    target = tmp_path / "car.step"
    target.write_bytes(OLD)
    proc, tmp = _start_writer(target, "kill")
    assert _wait(proc) == -signal.SIGKILL
    assert target.read_bytes() == OLD  # never half of the new one
    assert _hidden(tmp_path) == [tmp]
    assert tmp.read_bytes() == b"the first half of the new "
    assert remove_stale_temps(tmp_path) == [tmp]
    assert [p.name for p in tmp_path.iterdir()] == ["car.step"]
    assert target.read_bytes() == OLD


@pytest.mark.slow
@posix_only
def test_the_next_export_into_the_folder_removes_a_killed_writers_temp(tmp_path):
    concept = CONCEPTS["cab-over-truck"]()
    target = tmp_path / f"{concept.name}.json"
    proc, tmp = _start_writer(target, "wait")
    proc.kill()  # SIGKILL, from outside, while it waits
    assert _wait(proc) == -signal.SIGKILL
    assert not target.exists()  # absent, not half written
    assert _hidden(tmp_path) == [tmp]
    paths = export_design(concept, tmp_path, formats=("json",))
    assert _hidden(tmp_path) == []
    assert json.loads(paths["json"].read_text(encoding="utf-8"))


@pytest.mark.slow
@posix_only
def test_a_live_writer_in_another_process_keeps_its_file(tmp_path):
    concept = CONCEPTS["cab-over-truck"]()
    target = tmp_path / "car.step"
    target.write_bytes(OLD)
    proc, tmp = _start_writer(target, "wait")
    try:
        assert remove_stale_temps(tmp_path) == []
        export_design(concept, tmp_path, formats=("json",))  # a second build, same folder
        assert _hidden(tmp_path) == [tmp]
        assert target.read_bytes() == OLD
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert _wait(proc) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            _wait(proc)
    assert target.read_bytes() == NEW
    assert _hidden(tmp_path) == []


def _check_complete(path: Path) -> None:
    """``path`` is a whole file of its kind: the JSON parses, the SVG is an SVG document."""
    if path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".svg":
        assert ET.parse(path).getroot().tag.endswith("svg")
    else:
        raise AssertionError(f"unexpected file {path}")


@pytest.mark.slow
@posix_only
def test_a_build_killed_part_way_and_run_again_leaves_only_complete_files(tmp_path):
    out = tmp_path / "D"
    folder = out / "hijet-s500p"
    command = [sys.executable, "-m", "keidesign", "build", "hijet-s500p", "--out", str(out),
               "--formats", "json,svg"]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 120.0
    # Kill it the moment anything appears in its folder: a temporary file or the first export.
    while build.poll() is None and time.monotonic() < deadline:
        try:
            with os.scandir(folder) as entries:
                if any(entries):
                    build.send_signal(signal.SIGKILL)
                    break
        except FileNotFoundError:
            pass
        time.sleep(0.0002)
    else:
        assert build.poll() is not None, "the build wrote nothing in 120 s"
    build.wait(timeout=30)
    stderr = build.stderr.read()
    build.stderr.close()
    # Killed part-way, or (rarely: it takes ~0.4 s) done before the loop saw its folder.
    assert build.returncode in (-signal.SIGKILL, 0), stderr
    for path in folder.iterdir():
        if not path.name.startswith("."):
            _check_complete(path)  # a file moved into place is whole, even now
    # However the kill fell, leave a half-written SVG of a killed writer for the rerun too.
    writer, left = _start_writer(folder / "hijet-s500p.svg", "kill")
    assert _wait(writer) == -signal.SIGKILL
    assert left in _hidden(folder)

    again = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert _hidden(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["hijet-s500p.json", "hijet-s500p.svg"]
    for path in folder.iterdir():
        _check_complete(path)
