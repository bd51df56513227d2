"""Parameter sweeps: fast, parallel, resumable, on one machine or a Dask cluster.

::

    from keidesign.sweep import SweepSpec, run_sweep, parse_objective, parse_condition

    spec = SweepSpec(concept="cab-over-truck",
                     vary=["engine_shift=-300:300:61", "rated_payload=0:350:8"])
    result = run_sweep(spec, "exports/sweeps/engine")   # resumes if run again
    result.table                                        # pandas DataFrame, one row per point
    read_results("exports/sweeps/engine/results.parquet")   # the same table, later

Modules, one job each: :mod:`~keidesign.sweep.spec` (what a sweep is),
:mod:`~keidesign.sweep.sampling` (grid, random, Latin hypercube),
:mod:`~keidesign.sweep.keys` (point keys, the model code's fingerprint),
:mod:`~keidesign.sweep.evaluate` (fast and CAD evaluation, array-safety of a concept's code),
:mod:`~keidesign.sweep.store` (resumable SQLite store, checksummed batches),
:mod:`~keidesign.sweep.results` (the table: Arrow schema, Parquet and CSV files, DataFrame),
:mod:`~keidesign.sweep.backends` (this process, killable worker processes, executors and Dask),
:mod:`~keidesign.sweep.runner` (chunks streamed from plan to files, resume, the lock),
:mod:`~keidesign.sweep.objective` (best point), :mod:`~keidesign.sweep.plots` (PNG plots) and
:mod:`~keidesign.sweep.cli` (the ``keidesign sweep`` command). Plots import matplotlib and the
CAD path CadQuery only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keidesign.sweep.evaluate import CAD_COLUMNS, PointTimeoutError, output_schema
    from keidesign.sweep.objective import (
        Condition,
        Objective,
        parse_condition,
        parse_objective,
        rank,
    )
    from keidesign.sweep.backends import WorkerError
    from keidesign.sweep.results import RESULT_FORMATS, read_results
    from keidesign.sweep.runner import SweepBusyError, SweepResult, run_sweep, table_columns
    from keidesign.sweep.spec import MAX_CAD_POINTS, MAX_POINTS, METHODS, SweepSpec, Vary
    from keidesign.sweep.store import StoreError, SweepStore

__all__ = ["CAD_COLUMNS", "Condition", "MAX_CAD_POINTS", "MAX_POINTS", "METHODS", "Objective",
           "PointTimeoutError", "RESULT_FORMATS", "StoreError", "SweepBusyError", "SweepResult",
           "SweepSpec", "SweepStore", "Vary", "WorkerError", "output_schema", "parse_condition",
           "parse_objective", "rank", "read_results", "run_sweep", "table_columns"]

# Names are loaded on first use (PEP 562), so a worker process that only evaluates points
# imports neither pandas nor scipy, and `keidesign check` does not pay for sweeps.
_HOME = {
    "CAD_COLUMNS": "evaluate", "PointTimeoutError": "evaluate", "output_schema": "evaluate",
    "Condition": "objective", "Objective": "objective", "parse_condition": "objective",
    "parse_objective": "objective", "rank": "objective",
    "SweepResult": "runner", "SweepBusyError": "runner", "run_sweep": "runner",
    "table_columns": "runner", "WorkerError": "backends",
    "RESULT_FORMATS": "results", "read_results": "results",
    "MAX_CAD_POINTS": "spec", "MAX_POINTS": "spec", "METHODS": "spec", "SweepSpec": "spec",
    "Vary": "spec",
    "StoreError": "store", "SweepStore": "store",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'keidesign.sweep' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"keidesign.sweep.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
