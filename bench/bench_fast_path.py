"""Fast path, old tree against new in one run: designs/s of a 2-parameter grid.

Each run is a fresh subprocess that imports keidesign from one tree and evaluates a
``--grid`` × ``--grid`` grid of wheelbase × rear track (``--vary track_front``: × front track,
as the sweep's own grid) in chunks of ``--chunk`` designs (8,192, a sweep's default):
``Concept.layout_batch`` then ``analyse_columns``. Runs alternate
between the trees, so machine noise falls on both alike; the figure compared is the median
over runs. Two figures per run: the whole grid, the process's first chunk included (it fills
the pair memos and first touches the memory a chunk needs, which a long sweep's worker pays
once), and the chunks after that first one. One core: numpy's BLAS is held to one thread
(``OPENBLAS_NUM_THREADS=1``), as in a sweep, and the process keeps the memory its chunks
reuse, as a sweep's does (:func:`keidesign.sweep.heap.keep_freed_memory`, in trees that have
it; ``--default-heap``: not). Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_fast_path.py [--old 0a67a24] [--runs 5] [--grid 300]
[--chunk 8192] [--concept cab-over-truck] [--vary track_front] [--sweep-grid] [--default-heap]
(``--sweep-grid``: the 50,000-point command's own grid, 250 × 200, for the truck.)
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

concept, chunk, vary, keep_heap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
wb_lo, wb_hi, wb_n, t_lo, t_hi, t_n = (float(v) for v in sys.argv[5:11])
cls = CONCEPTS[concept]
wb = np.linspace(wb_lo, wb_hi, int(wb_n))
track = np.linspace(t_lo, t_hi, int(t_n))
w, t = (a.ravel() for a in np.meshgrid(wb, track, indexing="ij"))
reg = regulation()
if keep_heap:                   # as a sweep's process does (trees from before it lack it)
    try:
        from keidesign.sweep.heap import keep_freed_memory
    except ImportError:
        pass
    else:
        keep_freed_memory()
# Warm up on one design off the grid: imports and caches, not the grid's own pairs (a memo of
# pair figures lives for the process, so warming up on the first chunk would pre-fill it).
analyse_columns(cls.layout_batch({"wheelbase": [2051.0], vary: [1291.0]}), reg)
chunks = []
for lo in range(0, len(w), chunk):
    start = time.perf_counter()
    analyse_columns(cls.layout_batch({"wheelbase": w[lo:lo + chunk],
                                      vary: t[lo:lo + chunk]}), reg)
    chunks.append(time.perf_counter() - start)
print(json.dumps({"designs": len(w), "seconds": sum(chunks), "first_designs": min(chunk, len(w)),
                  "first_seconds": chunks[0], "components": len(cls().layout().names)}))
"""


def run(tree: Path, concept: str, grid: tuple[float, ...], chunk: int, vary: str,
        keep_heap: bool) -> dict:
    proc = subprocess.run([sys.executable, "-c", _RUN, concept, str(chunk), vary,
                           "1" if keep_heap else "0", *map(str, grid)],
                          check=True, capture_output=True, text=True, cwd=tree,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin",
                               "OPENBLAS_NUM_THREADS": "1"})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="0a67a24", help="git revision of the old tree")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--grid", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=8192,
                        help="designs per batch (default: a sweep's, DEFAULT_CHUNK_SIZE)")
    parser.add_argument("--vary", default="track_rear", choices=("track_rear", "track_front"),
                        help="the track varied with the wheelbase (track_front: the sweep's grid)")
    parser.add_argument("--concept", action="append",
                        help="a concept to run (repeatable; default: the truck and the concept)")
    parser.add_argument("--default-heap", action="store_true",
                        help="leave glibc's allocator as it is (a sweep's processes keep the "
                             "memory their chunks reuse: keidesign.sweep.heap)")
    parser.add_argument("--sweep-grid", action="store_true",
                        help="the 50,000-point command's grid instead: wheelbase 1750-2050 mm "
                             "(250) x front track 1200-1330 mm (200); the truck accepts it")
    args = parser.parse_args()
    if args.sweep_grid:
        args.vary = "track_front"
        grid = (1750.0, 2050.0, 250, 1200.0, 1330.0, 200)
        shape = "250 x 200 grid (the 50k command's: wheelbase x track_front)"
    else:  # every concept of both trees accepts these
        grid = (1900.0, 2200.0, args.grid, 1250.0, 1320.0, args.grid)
        shape = f"{args.grid} x {args.grid} grid (wheelbase x {args.vary})"
    with tempfile.TemporaryDirectory(prefix="keidesign-old-") as tmp:
        old = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.old, "keidesign"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        print(f"{shape}, chunks of {args.chunk}, {args.runs} alternating runs; designs/s")
        print("  whole: the whole grid, the process's first chunk included (its memos filled"
              " and its memory first touched);\n  after first: the chunks after it")
        print(f"{'concept':<32} {'old (each run)':<40} {'new (each run)':<40} "
              f"{'new/old (median)':>16}")
        for concept in args.concept or ("cab-over-truck", "mid-engine-concept"):
            rates: dict[str, dict[str, list[float]]] = {
                "whole": {"old": [], "new": []}, "after first": {"old": [], "new": []}}
            parts = {}
            for _ in range(args.runs):
                for label, tree in (("old", old), ("new", ROOT)):
                    r = run(tree, concept, grid, args.chunk, args.vary,
                            not args.default_heap)
                    rates["whole"][label].append(r["designs"] / r["seconds"])
                    rest = r["designs"] - r["first_designs"]
                    if rest:
                        rates["after first"][label].append(
                            rest / (r["seconds"] - r["first_seconds"]))
                    parts[label] = r["components"]
            for kind, got in rates.items():
                if not got["new"]:
                    continue
                ratio = statistics.median(got["new"]) / statistics.median(got["old"])
                old_runs, new_runs = (", ".join(f"{v:,.0f}" for v in got[label])
                                      for label in ("old", "new"))
                print(f"{concept + ', ' + kind:<32} {old_runs:<40} {new_runs:<40} "
                      f"{ratio:>15.2f}x")
            print(f"{'':<32} components: old {parts['old']}, new {parts['new']}")


if __name__ == "__main__":
    main()
