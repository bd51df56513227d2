"""The package as it is installed: every data file the code reads is copied with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_built_package_holds_the_data_it_reads(tmp_path):
    """An editable install reads data files from the source tree and hides a missing
    package-data entry; setuptools' build (what a wheel is made of) does not."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "exports", "*.egg-info", "__pycache__", ".hypothesis", "build"))
    proc = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()",
                           "--quiet", "build_py", "--build-lib", str(tmp_path / "lib")],
                          cwd=src, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    built = {p.relative_to(tmp_path / "lib").as_posix()
             for p in (tmp_path / "lib").rglob("*") if p.is_file()}
    data = {p.relative_to(src).as_posix() for p in (src / "keidesign").rglob("*")
            if p.is_file() and p.suffix in (".toml", ".json", ".typed", ".csv")}
    assert data, "the package reads data files"
    assert data <= built, sorted(data - built)
    # And the built package imports and finds its materials.
    check = subprocess.run([sys.executable, "-c", "import keidesign.parts as p; "
                            "print(len(p.MATERIALS))"], cwd=tmp_path, capture_output=True,
                           text=True, env={"PYTHONPATH": str(tmp_path / "lib")}, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    assert int(check.stdout) >= 10
