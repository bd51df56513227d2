"""CAD path benchmark: seconds per stage of a full build and export (STEP, STL, GLB, JSON) of
every concept at its defaults. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_build.py [--repeat 5] [--keep DIR]
Target (this 2-core machine): the whole build with all exports <= 3 s after imports.

Stages are those of ``keidesign.export.writer.export_design_timed``: layout, build (solids and
assembly), STEP, tessellation (once, shared), STL, GLB, JSON (analysis and writing). The first
run of each concept is shown apart: it pays one-off costs the later runs do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = {
    "layout": ("layout",),
    "build": ("solids", "assembly"),
    "step": ("step",),
    "tessellate": ("tessellate",),
    "stl": ("stl",),
    "glb": ("glb",),
    "json": ("analysis", "json"),
    "total": ("total",),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per concept (default 5)")
    parser.add_argument("--keep", type=Path, help="write the exports here instead of a "
                        "temporary folder")
    args = parser.parse_args()

    t0 = time.perf_counter()
    import keidesign.export.glb  # noqa: F401  (the CAD kernel, OCP and trimesh)
    import keidesign.export.step  # noqa: F401
    import keidesign.geometry.assembly  # noqa: F401
    from keidesign import CONCEPTS
    from keidesign.export.writer import export_design_timed
    imports = time.perf_counter() - t0
    print(f"python {sys.version.split()[0]}; imports (cadquery, OCP, trimesh, keidesign): "
          f"{imports:.2f} s\n")

    header = f"{'concept':<20} {'run':<8}" + "".join(f"{c:>11}" for c in COLUMNS)
    print("seconds per stage")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        for name, cls in CONCEPTS.items():
            concept = cls()
            runs = []
            for _ in range(max(1, args.repeat)):
                result = export_design_timed(concept, root / name)
                runs.append({col: sum(result.timings_s.get(s, 0.0) for s in stages)
                             for col, stages in COLUMNS.items()})
            rows = [("first", runs[0])]
            if len(runs) > 1:
                rows.append((f"median{len(runs) - 1}",
                             {c: statistics.median(r[c] for r in runs[1:]) for c in COLUMNS}))
            for label, row in rows:
                print(f"{name:<20} {label:<8}" + "".join(f"{row[c]:>11.3f}" for c in COLUMNS))
            sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size / 1024:.0f} KiB"
                              for p in result.paths.values())
            print(f"{'':<20} {'files':<8} {sizes}")


if __name__ == "__main__":
    main()
