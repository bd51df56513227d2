"""Time one drawing per design after imports: the three views and the SVG (the target: under
1 s a design), and the PNG; also `analyse()` for scale. Prints; asserts nothing.

Run: .venv/bin/python bench/bench_draw.py [--repeat 3] [--png]
"""

from __future__ import annotations

import argparse
import statistics
import time

from keidesign.concepts.presets import PRESETS
from keidesign.concepts.registry import CONCEPTS, get_concept
from keidesign.drawing import three_view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per design")
    parser.add_argument("--png", action="store_true", help="also time the PNG (matplotlib)")
    args = parser.parse_args()
    # Warm up imports and caches once, off the clock.
    warm = get_concept("cab-over-truck")()
    three_view(warm.layout(), warm.analyse()).svg()
    print(f"{'design':26} {'layout+analyse s':>16} {'draw+svg s':>11}"
          + (f" {'png s':>7}" if args.png else ""))
    totals = []
    for name in list(CONCEPTS) + list(PRESETS):
        design = get_concept(name)()
        t_an, t_svg, t_png = [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            layout, analysis = design.layout(), design.analyse()
            t1 = time.perf_counter()
            sheet = three_view(layout, analysis)
            sheet.svg()
            t2 = time.perf_counter()
            if args.png:
                sheet.png()
            t3 = time.perf_counter()
            t_an.append(t1 - t0), t_svg.append(t2 - t1), t_png.append(t3 - t2)
        totals.append(min(t_an) + min(t_svg))
        print(f"{name:26} {min(t_an):16.3f} {min(t_svg):11.3f}"
              + (f" {min(t_png):7.3f}" if args.png else ""))
    print(f"layout + analyse + drawing + SVG per design: median {statistics.median(totals):.3f} s, "
          f"max {max(totals):.3f} s (best of {args.repeat})")


if __name__ == "__main__":
    main()
