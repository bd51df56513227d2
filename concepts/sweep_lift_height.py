"""How much lift does a lifted Hijet take before it leaves the kei box, and what does each
millimetre buy off road?

Sweeps the suspension lift of the `hijet-jumbo-star-climber` preset (the K-Trail, with four
seats, is no kei truck at any height): lift raises every sprung part, so the approach and
departure angles grow while the high roof (and its carrier) closes on the kei box's 2.00 m; the
ground clearance under the axles' differentials does not change (lift raises the body, not the
axles). The plot shows the trade-off: approach angle,
clearance and height margin against lift, with the designs that pass (fit the box, nothing
clashes) marked.

Run: python concepts/sweep_lift_height.py [--out DIR]   (default DIR: exports/sweeps/lift-height/)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keidesign.sweep import SweepSpec, parse_condition, parse_objective, run_sweep, table_columns
from keidesign.sweep.plots import plot_sweep

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
out = parser.parse_args().out / "sweeps" / "lift-height"

spec = SweepSpec(concept="hijet-jumbo-star-climber", vary=["lift=0:200:41"])  # mm, every 5
result = run_sweep(spec, out)
table = result.table
print(f"{len(table)} designs in {result.seconds:.2f} s: {result.n_fits} fit the kei box, "
      f"{int(table['passes'].sum())} also clash nowhere -> {result.parquet_path}")

columns = table_columns(spec)
best = result.ranked(parse_objective("max:ground.approach_deg", columns),
                     [parse_condition("full.ground_clearance_mm>=180", columns),
                      parse_condition("passes==true", columns)])
if len(best):
    row = best.iloc[0]
    print(f"steepest approach that fits, clashes nowhere and keeps 180 mm laden clearance: lift {row['lift']:.0f} mm, "
          f"approach {row['ground.approach_deg']:.1f}°, departure "
          f"{row['ground.departure_deg']:.1f}°, height {row['envelope.height_mm']:.0f} mm "
          f"(margin {row['margin.height_mm']:+.0f} mm, limited by {row['limiting.height']})")
for lift in (0, 50, 100, 150, 200):
    row = table[table["lift"] == lift].iloc[0]
    print(f"  lift {lift:3d} mm: approach {row['ground.approach_deg']:5.1f}° "
          f"(limited by {row['kerb.approach_part']}), kerb clearance "
          f"{row['kerb.ground_clearance_mm']:.0f} mm, height {row['envelope.height_mm']:.0f} mm")

for path in plot_sweep(table, spec, out / "plots",
                       outputs=["ground.approach_deg", "ground.departure_deg",
                                "kerb.ground_clearance_mm", "envelope.height_mm",
                                "margin.height_mm", "full.ssf"]):
    print(f"plot: {path}")
