"""Fast-path benchmark: cold `keidesign check`, designs analysed per second (one by one and in
batches), for every concept. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_analysis.py [--repeat 5]
Targets (issue #2, this 2-core machine): cold check < 1 s; fast path >= 2,000 designs/s
(met batched, not one design at a time).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np

from keidesign import CONCEPTS
from keidesign.analysis import analyse_columns, regulation


def cold_check_seconds(concept: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        # Exit 1 is a design that does not pass (a clash): a result, timed like any other.
        done = subprocess.run([sys.executable, "-m", "keidesign", "check", concept, "--json"],
                              check=False, capture_output=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"check {concept} failed: {done.stderr.decode()[-2000:]}")
        times.append(time.perf_counter() - t0)
    return times


def one_by_one_per_second(cls: type, seconds: float = 2.0) -> float:
    design = cls()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        design.analyse()
        n += 1
    return n / (time.perf_counter() - t0)


def batched_per_second(cls: type, n_designs: int, repeat: int) -> float:
    # The default to 200 mm longer: valid for every concept (a shorter wheelbase squeezes
    # the mid-engine concept's engine bay, whose engine sits 420 mm ahead of the rear axle).
    wheelbases = np.linspace(cls().wheelbase, cls().wheelbase + 200.0, n_designs)
    reg = regulation()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        analyse_columns(cls.layout_batch({"wheelbase": wheelbases}), reg)
        best = min(best, time.perf_counter() - t0)
    return n_designs / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'concept':<20} {'cold check s (median, min)':>28} {'one-by-one /s':>14} "
          f"{'batch 4096 /s':>14}")
    for name, cls in CONCEPTS.items():
        cold = cold_check_seconds(name, args.repeat)
        print(f"{name:<20} {statistics.median(cold):>19.3f}, {min(cold):.3f} "
              f"{one_by_one_per_second(cls):>14.0f} "
              f"{batched_per_second(cls, 4096, args.repeat):>14.0f}")


if __name__ == "__main__":
    main()
