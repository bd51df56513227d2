"""The commands that show a design to a person: ``draw``, ``report`` and ``compare``.

``draw`` and ``compare`` never import the CAD kernel (drawings come from the parts' shapes in
closed form); ``report`` does, for the shaded preview.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.analysis.report import analyse
from keidesign.concepts.registry import get_concept
from keidesign.errors import ParameterError
from keidesign.parameters.spec import overrides_from_text, quote

__all__ = ["DRAWING_FORMATS", "add_view_parsers", "compare_designs", "design_from_args",
           "era_argument"]

#: What ``draw --formats`` may ask for.
DRAWING_FORMATS = ("svg", "png")


def era_argument(text: str) -> int:
    """The argparse type of ``--era``: a whole number (:func:`~keidesign.analysis.regulation.
    regulation` checks the year itself), quoted short when it is not one (argparse's own
    ``invalid int value`` message echoes the whole text)."""
    try:
        return int(text)
    except ValueError:  # not a whole number, or one of more than 4,300 digits
        raise argparse.ArgumentTypeError(
            f"'era' must be a year, a whole number such as {CURRENT_ERA} (got {quote(text)})"
        ) from None


def add_view_parsers(sub: Any, design_args: Callable[[argparse.ArgumentParser], None],
                     concept_help: str) -> None:
    """Add ``draw``, ``report`` and ``compare`` to the ``keidesign`` subcommands."""
    p = sub.add_parser("draw", help="dimensioned three-view drawing (SVG, PNG; no CAD)")
    design_args(p)
    p.add_argument("--out", default="exports", help="output folder (default exports/); the "
                   "files are DIR/<concept>.svg and .png")
    p.add_argument("--formats", default="svg,png", help="svg, png or both (default both)")
    p.set_defaults(func=_cmd_draw)

    p = sub.add_parser("report", help="one self-contained HTML design report")
    design_args(p)
    p.add_argument("--out", default="exports", help="output folder (default exports/)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "compare", help="headline figures side by side and an overlay side view",
        description="Compare designs: `keidesign compare hijet-s500p gr-hijet-k-trail`; a "
                    "--set after a design applies to that design: `keidesign compare "
                    "cab-over-truck cab-over-truck --set lift=100`.")
    p.add_argument("designs", nargs=argparse.REMAINDER, metavar="CONCEPT [--set NAME=VALUE …]",
                   help=f"two or more designs: {concept_help}")
    p.add_argument("--era", type=era_argument, default=CURRENT_ERA,
                   help=f"kei regulation year (default {CURRENT_ERA})")
    p.add_argument("--out", default="exports/compare",
                   help="folder for the overlay drawing (default exports/compare/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_compare)


def design_from_args(args: argparse.Namespace) -> Any:
    """The design a command's CONCEPT and ``--set`` name, validated.

    Raises:
        ParameterError: an unknown concept, or a bad ``--set`` (malformed, an unknown
            parameter, a bad value, or one parameter set twice: see
            :func:`~keidesign.parameters.spec.split_assignments`).
    """
    cls = get_concept(args.concept)
    return cls(**overrides_from_text(cls.specs(), args.set or []))


def _cmd_draw(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    if not formats or set(formats) - set(DRAWING_FORMATS):
        raise ParameterError(f"'--formats' must name svg, png or both (got "
                             f"{quote(args.formats)})", name="formats", value=args.formats)
    return _export(design_from_args(args), args, formats)


def _cmd_report(args: argparse.Namespace) -> int:
    return _export(design_from_args(args), args, ["html"])


def _export(design: Any, args: argparse.Namespace, formats: list[str]) -> int:
    """Write ``formats`` of ``design`` into ``--out`` as ``build`` does (the drawing without
    the CAD kernel; the report with its preview) and say where."""
    from keidesign.export.writer import export_design

    paths = export_design(design, args.out, formats, era=args.era)
    for fmt in dict.fromkeys(formats):
        print(f"{design.name}: {fmt} -> {paths[fmt]}")
    return 0


def _split_designs(tokens: Sequence[str], args: argparse.Namespace
                   ) -> list[tuple[str, list[str]]]:
    """``A --set x=1 B C --set y=2`` → ``[(A, [x=1]), (B, []), (C, [y=2])]``; ``--era``,
    ``--out`` and ``--json`` among the designs set ``args``."""
    designs: list[tuple[str, list[str]]] = []
    it = iter(tokens)
    for token in it:
        option, has_value, inline = token.partition("=")
        if option in ("--set", "--era", "--out"):
            value = inline if has_value else next(it, None)
            if value is None:
                raise ParameterError(f"{option} needs a value after it", name=option[2:])
            if option == "--era":
                try:
                    args.era = era_argument(value)
                except argparse.ArgumentTypeError as err:
                    raise ParameterError(str(err), name="era", value=value) from None
            elif option == "--out":
                args.out = value
            elif not designs:
                raise ParameterError(f"--set {quote(value)} comes before any design: give the "
                                     f"design first, then its --set", name="set", value=value)
            else:
                designs[-1][1].append(value)
        elif token == "--json":
            args.json = True
        elif token.startswith("--"):
            raise ParameterError(f"unknown option {quote(token)} (compare takes --set after a "
                                 f"design, --era, --out and --json)", name="designs", value=token)
        else:
            designs.append((token, []))
    return designs


def compare_designs(specs: Sequence[tuple[str, Sequence[str]]], era: int = CURRENT_ERA
                    ) -> list[tuple[str, Any, Any]]:
    """Lay out and analyse each design (concept, its ``NAME=VALUE`` overrides).

    Returns:
        (label, layout, analysis) per design; the label is the concept's name with its
        overrides.

    Raises:
        ParameterError: fewer than two designs, an unknown concept or a bad override (the
            message names the design by its position).
    """
    if len(specs) < 2:
        raise ParameterError(f"compare needs two or more designs (got {len(specs)})",
                             name="designs")
    reg = regulation(era)
    out = []
    for k, (name, sets) in enumerate(specs, 1):
        try:
            cls = get_concept(name)
            design = cls(**overrides_from_text(cls.specs(), sets))
        except ParameterError as err:
            raise ParameterError(f"design {k} ({quote(name)}): {err}", name=err.name,
                                 value=err.value) from err
        label = design.name + "".join(f" {s}" for s in sets)
        layout = design.layout()
        out.append((label, layout, analyse(layout, design.parameters(), reg)))
    return out


def _cmd_compare(args: argparse.Namespace) -> int:
    from keidesign.drawing.notebook import figure_text
    from keidesign.drawing.overlay import overlay
    from keidesign.export.atomic import remove_stale_temps

    designs = compare_designs(_split_designs(args.designs, args), args.era)
    tables = [analysis.headline() for _, _, analysis in designs]
    labels = [label for label, _, _ in designs]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)  # a killed compare's, as build, draw and report do
    stem = "-vs-".join(layout.concept for _, layout, _ in designs)[:120]
    sheet = overlay(designs)
    paths = {fmt: str(sheet.write(out / f"{stem}.{fmt}")) for fmt in DRAWING_FORMATS}
    # Every design's figures, in order of first appearance (a concept without steering has
    # no turning circle), with the unit of whichever design has the row.
    rows = list(dict.fromkeys(row for t in tables for row in t))
    units = {row: next(t[row][1] for t in tables if row in t) for row in rows}
    if args.json:
        print(json.dumps({"designs": labels,
                          "figures": {row: {"unit": units[row],
                                            "values": [t.get(row, (None,))[0] for t in tables]}
                                      for row in rows},
                          "drawings": paths}, indent=2, default=float))
        return 0
    width = max(len(r) + 5 for r in rows)
    cols = [max(12, len(label)) for label in labels]
    print(" " * width + "  ".join(label.rjust(c) for label, c in zip(labels, cols)))
    for row in rows:
        unit = units[row]
        cells = [figure_text(t[row][0]) if row in t else "-" for t in tables]
        name = f"{row} ({unit})" if unit else row
        print(name.ljust(width) + "  ".join(c.rjust(w) for c, w in zip(cells, cols)))
    for fmt, path in paths.items():
        print(f"overlay side view: {fmt} -> {path}")
    return 0
