"""A Daihatsu Hijet-style kei truck, and the same truck with its engine moved to the rear.

Run: python concepts/cab_over_truck.py [--out DIR]   (default: exports/)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keidesign import CabOverTruck

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
out = parser.parse_args().out

hijet = CabOverTruck()                                  # defaults reproduce the S500P
sambar_style = hijet.replace(engine_position="rear")    # Subaru Sambar: behind the rear axle

for name, truck in (("cab-over-truck", hijet), ("cab-over-truck-rear-engine", sambar_style)):
    result = truck.analyse()
    kerb, full = result.load_cases["kerb"], result.load_cases["full"]
    print(f"{name}: {result.envelope_mm['length']:.0f} × {result.envelope_mm['width']:.0f} × "
          f"{result.envelope_mm['height']:.0f} mm, fits 1998 box: {result.fits}")
    print(f"  kerb {kerb.mass_kg:.0f} kg, front axle {100 * kerb.front_axle_share:.1f} %; "
          f"full {full.mass_kg:.0f} kg, front axle {100 * full.front_axle_share:.1f} %, "
          f"CoM height {full.com_height_mm:.0f} mm")
    for fmt, path in truck.export(out / name, name=name).items():
        print(f"  {fmt}: {path}")
