"""How wide can the rear track and tyres of the mid-engine concept get inside the 1480 mm kei
width, and what does it do to rollover stability?

Sweeps the rear track against the rear tyre width on the mid-engine concept and reports the
widest combinations that still fit the box, with their static stability factor (SSF, track /
twice the centre-of-mass height: higher resists rollover better).

Run: python concepts/sweep_track_tyre.py [--out DIR]   (default DIR: exports/sweeps/track-tyre/)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keidesign.sweep import SweepSpec, parse_objective, run_sweep, table_columns
from keidesign.sweep.plots import plot_sweep

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
out = parser.parse_args().out / "sweeps" / "track-tyre"

spec = SweepSpec(
    concept="mid-engine-concept",
    vary=["track_rear=1150:1450:61",      # mm, wheel centre to wheel centre
          "tyre_width_rear=145:295:31"],  # mm, section width
)
result = run_sweep(spec, out)
table = result.table
print(f"{len(table)} designs in {result.seconds:.2f} s: {result.n_fits} fit, "
      f"{result.n_failed} are not valid designs (tyres into the frame rails) -> "
      f"{result.parquet_path}")

ranked = result.ranked(parse_objective("max:full.ssf", table_columns(spec)))
if len(ranked):
    best = ranked.iloc[0]
    print(f"most stable design that fits: rear track {best['track_rear']:.0f} mm on "
          f"{best['tyre_width_rear']:.0f} mm tyres, SSF {best['full.ssf']:.3f} "
          f"(width {best['envelope.width_mm']:.0f} mm, limited by {best['limiting.width']})")
else:
    print("no design fits the box")

print("widest rear track that fits, by rear tyre width:")
fits = table[table["fits"].fillna(False)]
for width, group in fits.groupby("tyre_width_rear"):
    if width % 25:  # every 25 mm is enough for the printout
        continue
    row = group.loc[group["track_rear"].idxmax()]
    print(f"  {width:.0f} mm tyres: track {row['track_rear']:.0f} mm, "
          f"overall width {row['envelope.width_mm']:.0f} mm, SSF {row['full.ssf']:.3f}")

for path in plot_sweep(table, spec, out / "plots",
                       outputs=["full.ssf", "envelope.width_mm", "margin.width_mm"],
                       contour_output="full.ssf"):
    print(f"plot: {path}")
