"""Fast path, old tree against new in one run: designs/s of a 2-parameter grid.

Each run is a fresh subprocess that imports keidesign from one tree and evaluates a
``--grid`` × ``--grid`` grid of wheelbase × rear track (``--vary track_front``: × front track,
the sweep's own grid) in chunks of ``--chunk`` designs (4,096, a sweep's default): ``Concept.layout_batch`` then ``analyse_columns``. Runs alternate
between the trees, so machine noise falls on both alike; the figure compared is the median
over runs. One core: numpy's BLAS is held to one thread (``OPENBLAS_NUM_THREADS=1``), as in
a sweep. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_fast_path.py [--old 0a67a24] [--runs 5] [--grid 300]
[--chunk 4096] [--concept cab-over-truck] [--vary track_front]
(``--old`` is any git revision of this repository; its ``keidesign/`` is unpacked into a
temporary folder with ``git archive``.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = r"""
import json, sys, time
import numpy as np
from keidesign import CONCEPTS
from keidesign.analysis import analyse_columns, regulation

concept, grid, chunk, vary = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
cls = CONCEPTS[concept]
wb = np.linspace(1900.0, 2200.0, grid)  # every concept of both trees accepts these
track = np.linspace(1250.0, 1320.0, grid)
w, t = (a.ravel() for a in np.meshgrid(wb, track, indexing="ij"))
reg = regulation()
# Warm up on one design off the grid: imports and caches, not the grid's own pairs (a memo of
# pair figures lives for the process, so warming up on the first chunk would pre-fill it).
analyse_columns(cls.layout_batch({"wheelbase": [2051.0], vary: [1291.0]}), reg)
start = time.perf_counter()
for lo in range(0, len(w), chunk):
    analyse_columns(cls.layout_batch({"wheelbase": w[lo:lo + chunk],
                                      vary: t[lo:lo + chunk]}), reg)
seconds = time.perf_counter() - start
print(json.dumps({"designs": len(w), "seconds": seconds,
                  "components": len(cls().layout().names)}))
"""


def run(tree: Path, concept: str, grid: int, chunk: int, vary: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _RUN, concept, str(grid), str(chunk), vary],
                          check=True, capture_output=True, text=True, cwd=tree,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin",
                               "OPENBLAS_NUM_THREADS": "1"})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="0a67a24", help="git revision of the old tree")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--grid", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=4096, help="designs per batch")
    parser.add_argument("--vary", default="track_rear", choices=("track_rear", "track_front"),
                        help="the track varied with the wheelbase (track_front: the sweep's grid)")
    parser.add_argument("--concept", action="append",
                        help="a concept to run (repeatable; default: the truck and the concept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="keidesign-old-") as tmp:
        old = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.old, "keidesign"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        print(f"{args.grid} x {args.grid} grid (wheelbase x {args.vary}), chunks of "
              f"{args.chunk}, {args.runs} alternating runs; designs/s")
        print(f"{'concept':<20} {'old (each run)':<40} {'new (each run)':<40} "
              f"{'new/old (median)':>16}")
        for concept in args.concept or ("cab-over-truck", "mid-engine-concept"):
            rates: dict[str, list[float]] = {"old": [], "new": []}
            parts = {}
            for _ in range(args.runs):
                for label, tree in (("old", old), ("new", ROOT)):
                    r = run(tree, concept, args.grid, args.chunk, args.vary)
                    rates[label].append(r["designs"] / r["seconds"])
                    parts[label] = r["components"]
            ratio = statistics.median(rates["new"]) / statistics.median(rates["old"])
            print(f"{concept:<20} {', '.join(f'{v:,.0f}' for v in rates['old']):<40} "
                  f"{', '.join(f'{v:,.0f}' for v in rates['new']):<40} {ratio:>15.2f}x")
            print(f"{'':<20} components: old {parts['old']}, new {parts['new']}")


if __name__ == "__main__":
    main()
