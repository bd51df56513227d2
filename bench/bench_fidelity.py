"""The fidelity table: every preset's published figures beside the model's. Prints; asserts
nothing (tests/test_presets.py holds the tolerances).

Run: .venv/bin/python bench/bench_fidelity.py [--markdown]
"""

from __future__ import annotations

import argparse

from keidesign.concepts.presets import PRESETS, model_figures


def _fmt(figure: str, value: float) -> str:
    if figure.startswith("front_axle_share"):
        return f"{100 * value:.1f} %"
    if figure.endswith("_m"):
        return f"{value:.2f} m"
    return f"{value:,.0f}"


def _diff(figure: str, model: float, published: float) -> str:
    if figure.startswith("front_axle_share"):
        return f"{100 * (model - published):+.1f} pt"
    if figure == "kerb_mass_kg":
        return f"{model - published:+.0f} ({100 * (model / published - 1):+.1f} %)"
    if figure.endswith("_m"):
        return f"{model - published:+.2f} m"
    return f"{model - published:+.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    header = ("preset", "figure", "published", "model", "difference")
    rows = []
    for name, preset in PRESETS.items():
        model = model_figures(preset.concept()())
        for figure, published in preset.published.items():
            rows.append((name, figure, _fmt(figure, published.value),
                         _fmt(figure, model[figure]),
                         _diff(figure, model[figure], published.value)))
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
