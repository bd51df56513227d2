"""CAD path benchmark: seconds per stage of a full build and export (STEP, STL, GLB, JSON) of
every concept at its defaults, file sizes, and how many distinct solids and meshes the files
hold against the number of parts. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_build.py [--repeat 5] [--keep DIR]
Target (this 2-core machine): the whole build with all exports < 1 s per concept after
imports.

Stages are those of ``keidesign.export.writer.export_design_timed``: layout, solids (each
distinct solid built once), assembly, STEP, tessellation (each distinct solid once, shared by
STL and GLB), STL, GLB, JSON (analysis and writing). The first run of each concept is shown
apart: it pays one-off costs the later runs do not. Wall-clock times on a shared machine are
noisy: the medians are the figures to compare, and ``cpu`` (the process's CPU time for the
whole export) shows what the process itself spent.

Under each concept: the files' sizes; how many distinct solids were built and tessellated, how
many B-rep solids the STEP file holds and how many meshes the GLB holds, against the number of
parts; and the tessellation of the distinct solids against that of one copy of the solid per
part (what it would cost if identical parts did not share one).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = {
    "layout": ("layout",),
    "solids": ("solids",),
    "assembly": ("assembly",),
    "step": ("step",),
    "tessellate": ("tessellate",),
    "stl": ("stl",),
    "glb": ("glb",),
    "json": ("analysis", "json"),
    "total": ("total",),
}


def glb_counts(path: Path) -> tuple[int, int]:
    """(meshes, nodes holding a mesh) in a GLB's JSON chunk."""
    data = path.read_bytes()
    length = struct.unpack_from("<I", data, 12)[0]
    tree = json.loads(data[20:20 + length])
    return len(tree.get("meshes", [])), sum("mesh" in node for node in tree.get("nodes", []))


def step_solids(path: Path) -> int:
    """B-rep solids written in a STEP file (each distinct solid is written once)."""
    text = path.read_text(encoding="ascii", errors="replace")
    return len(re.findall(r"\b(?:MANIFOLD_SOLID_BREP|BREP_WITH_VOIDS)\(", text))


def sharing_gain(layout, repeat: int) -> tuple[float, float]:
    """Median seconds to tessellate a design's distinct solids, and to tessellate one copy of
    its solid per part (copies have their own geometry, so nothing is shared)."""
    import dataclasses

    from keidesign.export.mesh import tessellate
    from keidesign.geometry.assembly import cad_model

    shared, unshared = [], []
    for _ in range(repeat):
        model = cad_model(layout)
        copies = dataclasses.replace(
            model, solids={name: model.solids[key].copy() for name, key in model.keys.items()},
            keys={name: name for name in model.keys})
        t0 = time.perf_counter()
        tessellate(model)
        t1 = time.perf_counter()
        tessellate(copies)
        t2 = time.perf_counter()
        shared.append(t1 - t0)
        unshared.append(t2 - t1)
    return statistics.median(shared), statistics.median(unshared)


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

    header = f"{'concept':<20} {'run':<8}" + "".join(f"{c:>11}" for c in COLUMNS) \
        + f"{'cpu':>8}"
    print("seconds per stage")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        for name, cls in CONCEPTS.items():
            concept = cls()
            runs = []
            for _ in range(max(1, args.repeat)):
                cpu = time.process_time()
                result = export_design_timed(concept, root / name)
                row = {col: sum(result.timings_s.get(s, 0.0) for s in stages)
                       for col, stages in COLUMNS.items()}
                row["cpu"] = time.process_time() - cpu
                runs.append(row)
            rows = [("first", runs[0])]
            if len(runs) > 1:
                rows.append((f"median{len(runs) - 1}",
                             {c: statistics.median(r[c] for r in runs[1:]) for c in runs[0]}))
            for label, row in rows:
                print(f"{name:<20} {label:<8}" + "".join(f"{row[c]:>11.3f}" for c in COLUMNS)
                      + f"{row['cpu']:>8.3f}")
            sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size / 1024:.0f} KiB"
                              for p in result.paths.values())
            print(f"{'':<20} {'files':<8} {sizes}")
            layout = concept.layout()
            distinct = len({c.shape.key() for c in layout.components})
            meshes, nodes = glb_counts(result.paths["glb"])
            print(f"{'':<20} {'shared':<8} {len(layout.names)} parts: {distinct} distinct "
                  f"solids built and tessellated, {step_solids(result.paths['step'])} B-rep "
                  f"solids in the STEP, {meshes} meshes for {nodes} part nodes in the GLB")
            shared, unshared = sharing_gain(layout, max(1, args.repeat))
            print(f"{'':<20} {'tessel.':<8} shared {shared:.3f} s; a copy per part "
                  f"{unshared:.3f} s (what it would cost without sharing)")


if __name__ == "__main__":
    main()
