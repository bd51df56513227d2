"""The fidelity table: every preset's published figures beside the model's. Prints; asserts
nothing (tests/test_presets.py holds the tolerances).

Run: .venv/bin/python bench/bench_fidelity.py [--markdown]
"""

from __future__ import annotations

import argparse

from keidesign.concepts.presets import PRESETS
from keidesign.concepts.presets.fidelity import fidelity_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    header = ("preset", "figure", "published", "model", "difference")
    rows = []
    for name, preset in PRESETS.items():
        rows.extend((name, row.figure, row.published_text, row.model_text, row.difference_text)
                    for row in fidelity_rows(preset))
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
