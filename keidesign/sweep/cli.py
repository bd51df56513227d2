"""The ``keidesign sweep`` subcommand.

Wire it into an argparse command line with::

    subparsers = parser.add_subparsers(dest="command")
    add_sweep_parser(subparsers)     # sets func=run_sweep_command
    args = parser.parse_args()
    sys.exit(args.func(args))

Exit codes: 0 done (points that failed are rows of the table, not errors), 1 the sweep could
not finish (store, results file, plot or export failure), 2 bad input (nothing is written; a
concept file that cannot be loaded is bad input too) or another sweep is writing into the same
``--out`` (the second does not wait), 4 the concept's code cannot be swept: its
``place_components`` fails on arrays of designs though each design evaluates on its own, or its
code changed while the sweep ran (a :class:`~keidesign.errors.ConceptError`; the message names
the concept, the exception and the line of its code).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keidesign.analysis.regulation import CURRENT_ERA
from keidesign.cli_views import era_argument
from keidesign.errors import ConceptError, KeiDesignError, ParameterError
from keidesign.export.writer import FORMATS
from keidesign.parameters.spec import quote
from keidesign.sweep.evaluate import DEFAULT_TIMEOUT_S
from keidesign.sweep.spec import METHODS, SweepSpec

if TYPE_CHECKING:  # pandas and the runner load when a sweep runs, not with every command
    import pandas as pd

    from keidesign.sweep.objective import Condition, Objective
    from keidesign.sweep.runner import SweepResult

__all__ = ["add_sweep_parser", "run_sweep_command", "EXIT_OK", "EXIT_FAILED", "EXIT_BAD_INPUT",
           "EXIT_CONCEPT"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_CONCEPT = 0, 1, 2, 4


def add_sweep_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``sweep`` subcommand to an argparse ``add_subparsers()`` object.

    Returns:
        The subcommand's parser (its ``func`` default is :func:`run_sweep_command`).
    """
    p = subparsers.add_parser(
        "sweep", help="vary parameters over a grid or samples; table, plots, best designs",
        description="Evaluate a concept over varied parameters. Writes DIR/results.parquet "
                    "(and DIR/results.csv on request) and DIR/sweep.sqlite; the same command "
                    "with the same DIR resumes.")
    p.add_argument("concept", metavar="CONCEPT",
                   help="concept name (see `keidesign list`) or Python file, FILE.py or "
                        "FILE.py:ClassName")
    p.add_argument("--vary", action="append", default=[], metavar="NAME=LO:HI:N|NAME=V1,V2",
                   help="a varied parameter: a range (LO:HI:N for a grid, LO:HI for "
                        "random/lhs) or listed values, choices included (repeatable)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="fix a parameter that is not varied (repeatable)")
    p.add_argument("--method", choices=METHODS, default="grid",
                   help="design of experiments (default grid)")
    p.add_argument("--samples", type=int, help="designs drawn by random and lhs")
    p.add_argument("--seed", type=int, default=0, help="seed of random and lhs (default 0)")
    p.add_argument("--era", type=era_argument, action="append", metavar="YEAR",
                   help=f"kei regulation year (default {CURRENT_ERA}; repeatable: a row per "
                        f"era)")
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes (default 1; at most the machine's cores unless "
                        "--oversubscribe)")
    p.add_argument("--oversubscribe", action="store_true",
                   help="run more --workers than the machine has cores")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask distributed scheduler (tcp://host:8786)")
    p.add_argument("--cad", action="store_true",
                   help="also build each design in CadQuery: exact envelope, mass properties")
    p.add_argument("--exports", metavar="FORMATS",
                   help="with --cad, write each design's files (comma-separated: "
                        "step,stl,glb,json) into DIR/designs/<point id>/, the folder named in "
                        "the table's cad.export_dir column")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"per-point time-out of --cad points (default {DEFAULT_TIMEOUT_S:g} s)")
    p.add_argument("--chunk-size", type=int, metavar="N",
                   help="points per task (default 8192, 1 with --cad)")
    p.add_argument("--results", default="parquet", metavar="FORMATS",
                   help="results files, comma-separated: parquet, csv (default parquet)")
    p.add_argument("--out", metavar="DIR",
                   help="output folder (default exports/sweeps/<the concept's name>)")
    p.add_argument("--plot", action="store_true", help="write PNG plots into DIR/plots/")
    p.add_argument("--objective", metavar="min:COLUMN|max:COLUMN",
                   help="what the best point minimises or maximises")
    p.add_argument("--where", action="append", default=[], metavar="EXPR",
                   help="constraint on the best point, e.g. 'full.front_axle_share>=0.40' "
                        "(repeatable)")
    p.add_argument("--export-best", type=int, default=0, metavar="N",
                   help="build and export the N best designs into DIR/best/<rank>/")
    p.add_argument("--force", action="store_true", help="run a sweep over the size limit")
    p.add_argument("--json", action="store_true", help="print one JSON summary object")
    p.set_defaults(func=run_sweep_command)
    return p


def _formats(text: str | None) -> tuple[str, ...]:
    """``"step,glb"`` → ``("step", "glb")`` (checked by :class:`SweepSpec`)."""
    if text is None:
        return ()
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        raise ParameterError(f"--exports must be formats separated by commas, e.g. step,glb "
                             f"(got {quote(text)})", name="exports", value=text)
    return names


def _results(text: str) -> tuple[str, ...]:
    """``"parquet,csv"`` → ``("parquet", "csv")`` (checked by
    :func:`~keidesign.sweep.runner.check_options`)."""
    return tuple(name.strip().lower() for name in text.split(","))


def _parse(args: argparse.Namespace,
           ) -> tuple[SweepSpec, Objective | None, list[Condition], Path]:
    """Everything the command needs, validated; writes nothing."""
    from keidesign.sweep.objective import parse_condition, parse_objective
    from keidesign.sweep.runner import check_options, table_columns

    spec = SweepSpec.from_text(args.concept, args.vary, args.set, method=args.method,
                               samples=args.samples, seed=args.seed,
                               eras=tuple(args.era or (CURRENT_ERA,)), cad=args.cad,
                               exports=_formats(args.exports), force=args.force)
    kinds = table_columns(spec)
    objective = parse_objective(args.objective, kinds) if args.objective else None
    where = [parse_condition(text, kinds) for text in args.where]
    out = Path(args.out) if args.out else Path("exports") / "sweeps" / spec.concept_name
    check_options(spec, out, workers=args.workers, chunk_size=args.chunk_size,
                  timeout_s=args.timeout, results=_results(args.results))
    if args.scheduler and args.workers > 1:
        raise ParameterError("give --workers or --scheduler, not both", name="scheduler")
    if args.export_best < 0:
        raise ParameterError(f"'export-best' must be at least 0 (got {quote(args.export_best)})",
                             name="export_best", value=args.export_best)
    if args.export_best and objective is None:
        raise ParameterError("--export-best needs --objective to say which designs are best",
                             name="export_best", value=args.export_best)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {quote(str(out))} is a file, not a folder", name="out",
                             value=str(out))
    return spec, objective, where, out


def _export_best(result: SweepResult, best: pd.DataFrame, out: Path) -> list[dict[str, Any]]:
    """Export the designs of ``best`` (rows of the table, best first) into ``out/best/<rank>``."""
    cls = result.spec.concept_class
    exported = []
    for rank, (params, era) in enumerate(result.parameters_of(best), start=1):
        folder = out / "best" / str(rank)
        folder.mkdir(parents=True, exist_ok=True)
        paths = cls(**params).export(folder, formats=FORMATS, era=era)
        exported.append({"rank": rank, "folder": str(folder),
                         "files": {k: str(v) for k, v in paths.items()}})
    return exported


def _print_summary(summary: dict[str, Any], result: SweepResult) -> None:
    spec = result.spec
    eras = ", ".join(str(e) for e in spec.eras)
    print(f"{spec.concept_name}: {summary['points']} points ({summary['computed']} computed, "
          f"{summary['reused']} reused) in {summary['seconds']:.2f} s")
    if summary["outdated"]:
        print(f"  {summary['outdated']} stored points not reused: the model's code changed "
              f"since they were computed (the concept's file or keidesign)")
    print(f"  {summary['ok']} ok, {summary['failed']} failed, {summary['fits']} fit the kei "
          f"box ({eras})")
    for text, count in result.errors[:3]:
        print(f"  failed ×{count}: {text}")
    if summary["damaged"]:
        print(f"  {summary['damaged']} damaged batches of the store (their bytes had changed) "
              f"were dropped and their points computed again")
    if summary["objective"]:
        where = f" where {' and '.join(summary['where'])}" if summary["where"] else ""
        best = summary["best"]
        if best is None:
            print(f"  best ({summary['objective']}{where}): no point fits and qualifies")
        else:
            params = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                               for k, v in best["parameters"].items())
            print(f"  best ({summary['objective']}{where}): {params} (era {best['era']}) "
                  f"→ {best['value']:g}")
    for path in (summary["results"] or {}).values():
        print(f"  wrote {path}")
    if "designs" in summary:
        print(f"  each design's {', '.join(spec.exports)} in {summary['designs']}/<point id>/ "
              f"(column cad.export_dir)")
    for path in summary.get("plots", []):
        print(f"  plot {path}")
    for item in summary.get("exports", []):
        print(f"  best #{item['rank']} exported to {item['folder']}")


def run_sweep_command(args: argparse.Namespace) -> int:
    """Run ``keidesign sweep`` from parsed arguments; prints, returns the exit code."""
    from keidesign.sweep.runner import SweepBusyError, lock_folder

    try:
        spec, objective, where, out = _parse(args)
    except ParameterError as err:
        print(f"keidesign sweep: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        with lock_folder(out):  # the summary, plots and best designs read this run's files
            return _run(args, spec, objective, where, out)
    except ConceptError as err:
        print(f"keidesign sweep: error: {err}", file=sys.stderr)
        return EXIT_CONCEPT
    except SweepBusyError as err:
        print(f"keidesign sweep: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (KeiDesignError, OSError) as err:
        print(f"keidesign sweep: error: {err}", file=sys.stderr)
        return EXIT_FAILED


def _run(args: argparse.Namespace, spec: SweepSpec, objective: Objective | None,
         where: list[Condition], out: Path) -> int:
    from keidesign.sweep.runner import run_sweep, table_columns

    result = run_sweep(spec, out, workers=args.workers, scheduler=args.scheduler,
                       progress=not args.json, chunk_size=args.chunk_size,
                       timeout_s=args.timeout, results=_results(args.results),
                       oversubscribe=args.oversubscribe)
    # The best rows, ranked once for the summary and the designs to export.
    best = None if objective is None else result.best(objective, where,
                                                      max(1, args.export_best))
    summary = result.summary(objective, where, best)
    if spec.exports:
        summary["designs"] = str(out / "designs")
    if args.plot:
        from keidesign.sweep.plots import plot_columns, plot_sweep

        kinds = table_columns(spec)
        asked = ([objective.column] if objective else []) + [c.column for c in where]
        interest = [c for c in asked if kinds[c] == "f" and c not in spec.varied_names]
        plots = plot_sweep(result.read(plot_columns(spec, interest)), spec, out / "plots",
                           outputs=interest, contour_output=interest[0] if interest else None)
        summary["plots"] = [str(p) for p in plots]
    if args.export_best and objective is not None:
        summary["exports"] = _export_best(result, best, out)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print_summary(summary, result)
    return EXIT_OK

