"""Sweep benchmark: analysis-only points/s on one core, and the speed-up of --cad sweeps with
1 and 2 worker processes. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_sweep.py [--grid 300] [--cad-points 240] [--repeat 3]
Targets (issue #3, this 2-core machine): analysis-only >= 50,000 points/s for a 2-parameter
grid of cab-over-truck on one core; --cad >= 1.7x with 2 workers.

Fast path figures, each the best of --repeat runs of a GRID × GRID grid of engine_shift ×
rated_payload:
  evaluate   run_sweep without an output folder: sampling, keys, layout + analysis in chunks,
             in-memory store, DataFrame (what a Python user gets)
  + store    with an output folder: the SQLite store committed per chunk, and results.csv
  resume     the same sweep again: every point found in the store, the table rebuilt, CSV
             rewritten
CAD figures: one sweep of --cad-points designs (wheelbase × engine_shift) per backend, each in
a fresh output folder: in this process (the default, workers=1; CadQuery not imported before,
and OCCT free to run its booleans on both cores), one spawned worker process (an executor of
one process with the sweep's worker initializer, shut down inside the timing as run_sweep
shuts down its own pool) and two (workers=2). Worker processes import
CadQuery once each and run OCCT single-threaded. "overall" is the wall clock of the whole
sweep, start-up and imports (~3 s per process here) included; "steady" is the rate from the
first finished point to the last.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from keidesign.sweep import SweepSpec, run_sweep
from keidesign.sweep.evaluate import init_worker


def fast_path(grid: int, repeat: int, tmp: Path) -> None:
    spec = SweepSpec(concept="cab-over-truck",
                     vary=[f"engine_shift=-300:300:{grid}", f"rated_payload=0:500:{grid}"],
                     force=True)
    n = spec.n_rows
    run_sweep(spec)  # warm caches (output schema, imports)
    best = min(_timed(lambda: run_sweep(spec)) for _ in range(repeat))
    print(f"fast path, {grid}x{grid} grid = {n:,} points, one process")
    print(f"  evaluate (no output folder): {n / best:>10,.0f} points/s  ({best:.2f} s)")
    stored, resumed = [], []
    for k in range(repeat):
        out = tmp / f"fast{k}"
        stored.append(_timed(lambda out=out: run_sweep(spec, out)))
        resumed.append(_timed(lambda out=out: run_sweep(spec, out)))
    print(f"  + SQLite store + results.csv: {n / min(stored):>7,.0f} points/s  "
          f"({min(stored):.2f} s)")
    print(f"  resume, all stored:          {n / min(resumed):>7,.0f} points/s  "
          f"({min(resumed):.2f} s)")


def cad_path(points: int, tmp: Path) -> None:
    side = max(2, math.isqrt(points))
    spec = SweepSpec(concept="cab-over-truck",
                     vary=[f"wheelbase=1700:2100:{side}",
                           f"engine_shift=-300:300:{math.ceil(points / side)}"],
                     cad=True, force=True)
    n = spec.n_rows
    total, steady = {}, {}
    one_process = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                      initializer=init_worker, initargs=(True,))
    runs = (("in this process", {}), ("1 worker process", {"executor": one_process}),
            ("2 worker processes", {"workers": 2}))
    for label, options in runs:
        stamps: list[tuple[float, int]] = []
        t0 = time.perf_counter()
        run_sweep(spec, tmp / f"cad-{len(total)}", **options,
                  progress=lambda done, _total, stamps=stamps: stamps.append(
                      (time.perf_counter(), done)))
        if "executor" in options:  # like workers=2, which shuts its own pool down in run_sweep
            options["executor"].shutdown(wait=True)
        t = time.perf_counter() - t0
        total[label] = n / t
        # Steady state: from the first finished point to the last, i.e. without starting the
        # workers and importing CadQuery (paid once per worker process).
        (t_first, done_first), (t_last, done_last) = stamps[0], stamps[-1]
        steady[label] = (done_last - done_first) / (t_last - t_first)
        print(f"--cad, {n} points, {label:>18}: {total[label]:5.2f} points/s overall "
              f"({t:4.1f} s, start-up included), {steady[label]:5.2f} points/s steady")
    two = "2 worker processes"
    for base in ("1 worker process", "in this process"):
        print(f"--cad speed-up, {two} over {base}: {total[two] / total[base]:.2f}x overall, "
              f"{steady[two] / steady[base]:.2f}x steady")


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=300, help="grid side of the fast path")
    parser.add_argument("--cad-points", type=int, default=240, help="points of the CAD sweeps")
    parser.add_argument("--repeat", type=int, default=3, help="fast-path repetitions")
    parser.add_argument("--skip-cad", action="store_true", help="only the fast path")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as tmp:
        fast_path(args.grid, args.repeat, Path(tmp))
        if not args.skip_cad:
            cad_path(args.cad_points, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
