"""The ``keidesign`` command line.

Wherever a command takes a CONCEPT it takes a built-in concept's name, the name of one an
installed package registers (entry point group ``keidesign.concepts``; ``keidesign list`` shows
both), or a Python file, ``FILE.py`` or ``FILE.py:ClassName`` (see
:func:`~keidesign.concepts.registry.get_concept`).

Exit codes: 0 success (``check``: the design fits the kei box and nothing in it clashes), 1 the
design does not fit or two of its parts clash (``check``),
2 bad input (a concept file that cannot be loaded included; a parameter ``--set`` twice too),
3 any other keidesign failure or a file that cannot be written;
``sweep`` documents its own (:mod:`keidesign.sweep.cli`). ``list``, ``params``, ``check``,
``draw`` and ``compare`` never import the CAD kernel, so they start fast; ``build``,
``report`` and ``sweep --cad`` do (``draw``, ``report`` and ``compare`` are in
:mod:`keidesign.cli_views`).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.cli_views import add_view_parsers, design_from_args, era_argument
from keidesign.concepts.loader import load_entry_point
from keidesign.concepts.presets import PRESETS
from keidesign.concepts.registry import CONCEPTS, get_concept, registered_concepts
from keidesign.errors import KeiDesignError, ParameterError
from keidesign.export.writer import FORMATS
from keidesign.parameters.spec import MAX_QUOTED, quote

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_DOES_NOT_FIT, EXIT_BAD_INPUT, EXIT_FAILED = 0, 1, 2, 3
_CONCEPT_HELP = ("concept name (see `keidesign list`) or Python file, FILE.py or "
                 "FILE.py:ClassName")


#: A quoted run of text, or a run without spaces, longer than a message may quote.
_LONG_QUOTED = re.compile(rf"'[^']{{{MAX_QUOTED - 1},}}'|\S{{{MAX_QUOTED + 1},}}")


def _cut_long_input(message: str) -> str:
    """``message`` with every quoted input longer than 200 characters cut (argparse quotes a
    bad choice or value whole), and the message itself cut at 1,000 characters."""
    message = _LONG_QUOTED.sub(lambda m: m.group()[:MAX_QUOTED - 1] + "…", message)
    return message if len(message) <= 5 * MAX_QUOTED else message[:5 * MAX_QUOTED - 1] + "…"


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, as we do; keep its message and code, but quote the
    user's input short (an unknown command, an ``invalid choice``, unrecognised arguments).
    Subcommand parsers are of this class too (``add_subparsers`` uses the parent's class)."""

    def error(self, message: str) -> NoReturn:
        super().error(_cut_long_input(message))


def _cmd_list(args: argparse.Namespace) -> int:
    rows = [(name, cls.title) for name, cls in CONCEPTS.items()]
    rows += [(name, f"{preset.title} (preset of {preset.archetype.name})")
             for name, preset in PRESETS.items()]
    for name, ep in registered_concepts().items():
        package = f"package {ep.dist.name}" if getattr(ep, "dist", None) else "a package"
        try:
            title = load_entry_point(ep).title
        except ParameterError as err:  # one broken package does not hide the others
            title = f"cannot be loaded: {err}"
        rows.append((name, f"{title} (registered by {package})"))
    width = max(len(name) for name, _ in rows)
    for name, title in rows:
        print(f"{name:<{width}}  {title}".rstrip())
    return EXIT_OK


def _cmd_params(args: argparse.Namespace) -> int:
    cls = get_concept(args.concept)
    specs = cls.specs()
    if args.json:
        print(json.dumps({n: {"kind": s.kind, "unit": s.unit, "default": s.default,
                              "minimum": s.minimum, "maximum": s.maximum,
                              "choices": list(s.choices), "description": s.description}
                          for n, s in specs.items()}, indent=2))
        return EXIT_OK
    rows = [(n, s.unit or "-", f"{s.default:g}" if s.kind != "choice" else s.default,
             s.allowed if s.kind == "choice" else f"{s.minimum:g}–{s.maximum:g}", s.description)
            for n, s in specs.items()]
    _print_table(("parameter", "unit", "default", "allowed", "description"), rows)
    return EXIT_OK


def _print_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [list(map(str, header))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for k, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def _cmd_check(args: argparse.Namespace) -> int:
    design = design_from_args(args)
    result = design.analyse(era=args.era)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        _print_check(result)
    return EXIT_OK if result.passes else EXIT_DOES_NOT_FIT


def _print_check(result: Any) -> None:
    reg = result.regulation
    print(f"{result.concept} against the kei rules of {reg.era} (effective {reg.effective})")
    print()
    limits = {"length": reg.max_length_mm, "width": reg.max_width_mm,
              "height": reg.max_height_mm}
    _print_table(("dimension", "vehicle mm", "limit mm", "margin mm", "limiting part"),
                 [(axis, f"{result.envelope_mm[axis]:.0f}", f"{limits[axis]:.0f}",
                   f"{result.margins_mm[axis]:+.0f}", result.limiting_components[axis])
                  for axis in limits])
    for check in result.limit_checks:
        state = "ok" if check.ok else "EXCEEDED"
        unit = f" {check.unit}" if check.unit else ""
        print(f"{check.limit}: {check.value:g}{unit} (allowed {check.allowed:g}{unit}) {state}")
    if result.turning:
        turn = result.turning
        print(f"turning radius: {turn['radius_m']:.2f} m (outer front wheel at "
              f"{turn['max_steer_deg']:.1f}° lock), kerb to kerb {turn['kerb_to_kerb_m']:.2f} m, "
              f"wall to wall {turn['wall_to_wall_m']:.2f} m")
    print()
    _print_table(("load case", "mass kg", "CoM x mm", "CoM y mm", "CoM height mm", "front axle",
                  "SSF"),
                 [(name, f"{lc.mass_kg:.1f}", f"{lc.com_mm[0]:.0f}", f"{lc.com_mm[1]:.0f}",
                   f"{lc.com_height_mm:.0f}", f"{100 * lc.front_axle_share:.1f} %",
                   f"{lc.ssf:.2f}") for name, lc in result.load_cases.items()])
    print()
    if result.ground:
        _print_table(("load case", "clearance mm", "approach", "departure", "breakover",
                      "limited by (clearance, approach, departure, breakover)"),
                     [(name, f"{g['ground_clearance_mm']:.0f}", f"{g['approach_deg']:.1f}°",
                       f"{g['departure_deg']:.1f}°", f"{g['breakover_deg']:.1f}°",
                       ", ".join(g[k] or "-" for k in ("clearance_part", "approach_part",
                                                       "departure_part", "breakover_part")))
                      for name, g in result.ground.items()])
        print()
    if result.min_clearances:
        _print_table(("watched pair", "clearance mm", "closest parts"),
                     [(name, f"{c['clearance_mm']:.0f}", c["between"])
                      for name, c in result.min_clearances.items()])
        print()
    if result.violations:
        print("Sticks out of the box:")
        for v in result.violations:
            print(f"  {v.component}: {v.excess_mm:.1f} mm over the {v.axis}")
    if result.clashes:
        print(f"{len(result.clashes)} CLASH{'ES' if len(result.clashes) > 1 else ''}:")
        _print_table(("part", "clashes with", "overlap cm³"),
                     [(c.a, c.b, f"{c.overlap_mm3 / 1000.0:.1f}") for c in result.clashes])
    print("FITS the kei box" if result.fits else "DOES NOT FIT the kei box")
    if result.fits and result.clashes:
        print("DOES NOT PASS: parts clash")


def _cmd_build(args: argparse.Namespace) -> int:
    # The writer validates the names before it builds or writes anything.
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    if args.all:
        if args.concept or args.set:
            raise ParameterError("--all builds every concept at its defaults: give no CONCEPT "
                                 "and no --set", name="concept", value=args.concept)
        # The archetypes and the presets of real vehicles: what build.sh makes.
        designs = [cls() for cls in CONCEPTS.values()]
        designs += [preset.concept()() for preset in PRESETS.values()]
    elif args.concept:
        designs = [design_from_args(args)]
    else:
        raise ParameterError("give a CONCEPT or --all", name="concept")
    regulation(args.era)  # bad eras fail before any geometry is built
    for design in designs:
        out = Path(args.out) / design.name
        written = design.export(out, formats=formats, era=args.era)
        for fmt, path in written.items():
            print(f"{design.name}: {fmt} -> {path}")
    return EXIT_OK


def design_args(p: argparse.ArgumentParser, concept_optional: bool = False) -> None:
    """Add CONCEPT, ``--set`` and ``--era`` to a subcommand that works on one design."""
    if concept_optional:
        p.add_argument("concept", nargs="?", metavar="CONCEPT", help=_CONCEPT_HELP)
    else:
        p.add_argument("concept", metavar="CONCEPT", help=_CONCEPT_HELP)
    p.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="override a parameter (repeatable)")
    p.add_argument("--era", type=era_argument, default=CURRENT_ERA,
                   help=f"kei regulation year (default {CURRENT_ERA})")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(prog="keidesign", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the concepts: built-in, then registered by packages")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("params", help="a concept's parameters: unit, default, range")
    p.add_argument("concept", metavar="CONCEPT", help=_CONCEPT_HELP)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_params)

    p = sub.add_parser("check", help="mass properties and kei-box fit (no CAD)")
    design_args(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("build", help="build the CAD model and write exports")
    design_args(p, concept_optional=True)
    p.add_argument("--all", action="store_true",
                   help="build every built-in concept and every preset at its defaults")
    p.add_argument("--out", default="exports", help="output folder (default exports/)")
    p.add_argument("--formats", default=",".join(FORMATS),
                   help=f"comma-separated subset of {','.join(FORMATS)}")
    p.set_defaults(func=_cmd_build)

    add_view_parsers(sub, design_args, _CONCEPT_HELP)

    try:
        from keidesign.sweep.cli import add_sweep_parser
    except ImportError:  # sweeps not installed in this build
        pass
    else:
        add_sweep_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeiDesignError as err:
        print(f"keidesign: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT if isinstance(err, ParameterError) else EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:  # a folder that cannot be made, a name too long: no traceback
        where = f": {quote(str(err.filename))}" if err.filename is not None else ""
        text = f"{err.strerror}{where}" if err.strerror else quote(str(err))
        print(f"keidesign: error: {text}", file=sys.stderr)
        return EXIT_FAILED


def run() -> NoReturn:
    """The ``keidesign`` program: run :func:`main` and exit with its code.

    Before exiting, every object still alive is moved out of the garbage collector's sight
    (:func:`gc.freeze`): the process is ending, so there is nothing left to collect, and the
    interpreter's final collections would otherwise walk the ~400,000 objects CadQuery, OCP and
    VTK create on import, ~0.7 s of every ``build`` on this project's machine.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
