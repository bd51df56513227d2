"""Sweep benchmark: whole `keidesign sweep` commands, cold, and --cad speed-up with workers.
Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_sweep.py [--repeat 3] [--million] [--ten-million]
                                            [--cad-points 60] [--skip-cad]

Targets (issue #11, this 2-core machine):
  50k       `keidesign sweep cab-over-truck --vary wheelbase=1750:2050:250
            --vary track_front=1200:1330:200 --force --out D --json`: >= 50,000 points/s for
            the whole command, cold (a new process: interpreter start, imports, sweep, files);
  1M        the same over a 1,000 x 1,000 grid: >= 80,000 points/s and peak RSS < 1 GiB;
  10M       10,000 x 1,000: completes with peak RSS < 2 GiB (its time is quoted);
  --cad     a 60-point --cad sweep: >= 1.8x with 2 workers over 1, steady state.

Each command runs in a fresh output folder, keidesign's bytecode compiled first (as
installing it does: "cold" is a new process, not a first import ever; with
PYTHONDONTWRITEBYTECODE set, edited modules would be compiled on every run); "points/s" is
points over the command's wall clock; "peak RSS" is the command process's maximum resident set (os.wait4). The --cad runs
time each sweep from inside (run_sweep in this process, workers spawned by it); "steady" is the
rate from the first finished point to the last, i.e. without starting the workers and importing
CadQuery (paid once per worker).
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRIDS = {"50k": (250, 200), "1M": (1000, 1000), "10M": (10_000, 1000)}


def command(out: Path, wheelbase: int, track: int) -> list[str]:
    return [sys.executable, "-m", "keidesign", "sweep", "cab-over-truck",
            "--vary", f"wheelbase=1750:2050:{wheelbase}",
            "--vary", f"track_front=1200:1330:{track}", "--force", "--out", str(out), "--json"]


def run_command(args: list[str]) -> tuple[float, float]:
    """(wall-clock seconds, peak RSS in MiB) of one command."""
    with tempfile.TemporaryFile() as errors:   # not a pipe: nothing waits on it filling up
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed: {errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def whole_commands(sizes: list[str], repeat: int, tmp: Path) -> None:
    for size in sizes:
        wheelbase, track = GRIDS[size]
        n = wheelbase * track
        runs = [run_command(command(tmp / f"{size}-{k}", wheelbase, track))
                for k in range(repeat if n <= 1_000_000 else 1)]
        best = min(seconds for seconds, _ in runs)
        peak = max(rss for _, rss in runs)
        files = tmp / f"{size}-0"
        sizes_mb = {p.name: p.stat().st_size / 2**20 for p in files.iterdir() if p.is_file()}
        print(f"{size:>4} = {n:>10,} points: {n / best:>9,.0f} points/s whole command "
              f"({best:.2f} s best of {len(runs)}; each: "
              f"{', '.join(f'{s:.2f}' for s, _ in runs)} s), peak RSS {peak:,.0f} MiB; "
              f"results.parquet {sizes_mb.get('results.parquet', 0):,.0f} MiB, sweep.sqlite "
              f"{sizes_mb.get('sweep.sqlite', 0):,.0f} MiB")
        resumed = run_command(command(files, wheelbase, track))
        print(f"{'':>4}   resumed (every point stored): {n / resumed[0]:>9,.0f} points/s "
              f"({resumed[0]:.2f} s), peak RSS {resumed[1]:,.0f} MiB")


def cad_path(points: int, tmp: Path) -> None:
    from keidesign.sweep import SweepSpec, run_sweep

    side = max(2, math.isqrt(points))
    spec = SweepSpec(concept="cab-over-truck",
                     vary=[f"wheelbase=1700:2100:{side}",
                           f"engine_shift=-300:300:{math.ceil(points / side)}"], cad=True,
                     force=True)
    n = spec.n_rows
    total, steady = {}, {}
    for workers in (1, 2):
        stamps: list[tuple[float, int]] = []
        t0 = time.perf_counter()
        run_sweep(spec, tmp / f"cad-{workers}", workers=workers, oversubscribe=True,
                  progress=lambda done, _total, stamps=stamps: stamps.append(
                      (time.perf_counter(), done)))
        t = time.perf_counter() - t0
        total[workers] = n / t
        (t_first, done_first), (t_last, done_last) = stamps[0], stamps[-1]
        steady[workers] = (done_last - done_first) / (t_last - t_first)
        print(f"--cad, {n} points, {workers} worker process{'es' if workers > 1 else ''}: "
              f"{total[workers]:5.2f} points/s overall ({t:4.1f} s, start-up included), "
              f"{steady[workers]:5.2f} points/s steady")
    print(f"--cad speed-up, 2 workers over 1: {total[2] / total[1]:.2f}x overall, "
          f"{steady[2] / steady[1]:.2f}x steady")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command <= 1M")
    parser.add_argument("--million", action="store_true", help="also the 1M-point command")
    parser.add_argument("--ten-million", action="store_true",
                        help="also the 10M-point command (minutes, ~GBs of disk)")
    parser.add_argument("--cad-points", type=int, default=60, help="points of the CAD sweeps")
    parser.add_argument("--skip-cad", action="store_true", help="no --cad sweeps")
    parser.add_argument("--tmp", help="folder for the outputs (default: a temporary one)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "keidesign", quiet=1)
    sizes = ["50k"] + ["1M"] * args.million + ["10M"] * args.ten_million
    with tempfile.TemporaryDirectory(prefix="bench_sweep_", dir=args.tmp) as tmp:
        whole_commands(sizes, args.repeat, Path(tmp))
        if not args.skip_cad:
            cad_path(args.cad_points, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
