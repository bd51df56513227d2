"""How far back can the engine of a kei truck go before it gets tail-heavy with a full bed?

Sweeps the engine's fore-aft position (the three layouts of real kei trucks, each shifted up to
300 mm either way) against the payload on the cab-over truck, then reports, for each layout, the
furthest-back engine that keeps at least 45 % of the fully laden weight on the front axle
(and still fits the kei box).

Run: python concepts/sweep_engine_position.py [--out DIR] [--min-front-share 0.45]
     (default DIR: exports/sweeps/engine-position/)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keidesign.sweep import SweepSpec, parse_condition, parse_objective, run_sweep, table_columns
from keidesign.sweep.plots import plot_sweep

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
parser.add_argument("--min-front-share", type=float, default=0.45,
                    help="smallest acceptable front-axle share, fully laden (default 0.45)")
args = parser.parse_args()
out = args.out / "sweeps" / "engine-position"

spec = SweepSpec(
    concept="cab-over-truck",
    vary=["engine_position=under_seat,midship,rear",   # Hijet/Carry, Acty, Sambar
          "engine_shift=-300:300:61",                  # + moves the engine rearwards, mm
          "rated_payload=0:350:8"],                    # kg on the bed
)
result = run_sweep(spec, out)
table = result.table
print(f"{len(table)} designs in {result.seconds:.2f} s ({result.computed} computed, "
      f"{result.reused} reused), {result.n_fits} fit the kei box -> {result.parquet_path}")

# "Full bed": the rated 350 kg payload, the full load case (driver, passenger and payload).
kinds = table_columns(spec)
objective = parse_objective("max:engine_shift", kinds)
full_bed = parse_condition("rated_payload>=350", kinds)
balanced = parse_condition(f"full.front_axle_share>={args.min_front_share}", kinds)
print(f"\nFurthest-back engine with >= {100 * args.min_front_share:.0f} % on the front axle, "
      f"350 kg on the bed:")
for layout in spec.vary[0].levels:
    same_layout = parse_condition(f"engine_position=={layout}", kinds)
    best = result.ranked(objective, [full_bed, balanced, same_layout])
    if best.empty:
        share = table.loc[(table["engine_position"] == layout) & (table["rated_payload"] >= 350),
                          "full.front_axle_share"].max()
        print(f"  {layout:>10}: none; at best {100 * share:.1f} % on the front axle")
        continue
    row = best.iloc[0]
    limit = " (the end of the swept range)" if row["engine_shift"] >= 300 else ""
    print(f"  {layout:>10}: engine_shift {row['engine_shift']:+.0f} mm{limit} "
          f"(front axle {100 * row['full.front_axle_share']:.1f} %, "
          f"CoM {-row['full.com_x_mm']:.0f} mm behind the front axle, "
          f"{row['full.com_height_mm']:.0f} mm high)")

for path in plot_sweep(table, spec, out / "plots",
                       outputs=["full.front_axle_share", "full.com_x_mm", "kerb.front_axle_share"]):
    print(f"plot: {path}")
