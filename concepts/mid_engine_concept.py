"""The TGR Hijet-based mid-engine concept (Tokyo Auto Salon 2026), with a steel-cage variant.

Run: python concepts/mid_engine_concept.py [--out DIR]   (default: exports/)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keidesign import MidEngineConcept

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
out = parser.parse_args().out

concept = MidEngineConcept()
steel_cage = concept.replace(cage_material="steel", cage_tube_diameter=38, cage_tube_wall=2.0)

for name, design in (("mid-engine-concept", concept), ("mid-engine-concept-steel-cage", steel_cage)):
    result = design.analyse()
    kerb, driver = result.load_cases["kerb"], result.load_cases["driver"]
    print(f"{name}: envelope {result.envelope_mm['length']:.0f} × "
          f"{result.envelope_mm['width']:.0f} × {result.envelope_mm['height']:.0f} mm, "
          f"width margin {result.margins_mm['width']:.0f} mm, fits: {result.fits}")
    print(f"  kerb {kerb.mass_kg:.0f} kg; with driver {driver.mass_kg:.0f} kg, "
          f"front axle {100 * driver.front_axle_share:.1f} %, SSF {driver.ssf:.2f}")
    for fmt, path in design.export(out / name, name=name).items():
        print(f"  {fmt}: {path}")
