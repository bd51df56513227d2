"""Evaluating sweep points: the vectorised fast path and the per-point CAD path.

Everything here runs wherever the sweep's executor puts it (this process, worker processes, a
Dask cluster), so a :class:`Task` and its :class:`TaskResult` are plain picklable records and
the functions are module-level.

Fast path: a chunk of points is laid out and analysed at once
(:meth:`~keidesign.concepts.base.Concept.layout_batch` and
:func:`~keidesign.analysis.report.analyse_columns`). If the chunk fails, the points that break a
cross-parameter rule are found in one vectorised pass and given their own error, the rest are
retried in halves, down to single points, so one bad point costs a few extra batches, not a
per-point sweep. A batch that fails although each of its halves evaluates in full is not about
any design: the concept's code cannot take arrays (``if p.wheelbase > 1800:``), and the sweep
stops with a :class:`~keidesign.errors.ConceptError` naming the concept, the exception and the
line of the concept's code, rather than evaluating every point on its own, ~65 times slower.

CAD path (``mode="cad"``): each point is also built in CadQuery and its exact envelope and mass
properties recorded as ``cad.*`` columns; with ``mode="cad+step+…"`` the point's files are
written from the same solids into its own folder, named in the ``cad.export_dir`` column. The
kernel is imported on first use (once per worker process: see :func:`init_worker`). A point's
time-out is enforced by the sweep's worker pool, which kills a worker whose task overruns
(:mod:`keidesign.sweep.backends`); here a point that overran (on threads, a Dask worker) is
recorded as timed out when it returns.

Test hook: the environment variable ``KEIDESIGN_SWEEP_TASK_DELAY_S`` (seconds, default 0) makes
every task sleep that long before it starts, so tests can kill a sweep part-way through
deterministically. It has no other use.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import sys
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from keidesign.analysis.envelope import AXIS_NAMES
from keidesign.analysis.mass import INERTIA_ENTRIES, LOAD_CASES
from keidesign.analysis.regulation import Regulation, regulation
from keidesign.analysis.report import analyse_columns
from keidesign.concepts.base import Concept, ParameterBatch
from keidesign.concepts.registry import get_concept
from keidesign.errors import ConceptError, KeiDesignError, ParameterError
from keidesign.sweep.heap import keep_freed_memory
from keidesign.sweep.keys import model_version

__all__ = ["Task", "TaskResult", "PointTimeoutError", "evaluate_task", "evaluate_cad_point",
           "missing_outputs", "output_schema", "mode_exports", "init_worker", "CAD_COLUMNS",
           "EXPORT_DIR_COLUMN", "DELAY_ENV", "DEFAULT_TIMEOUT_S"]

logger = logging.getLogger("keidesign")

#: Per-point time-out of a CAD sweep, seconds.
DEFAULT_TIMEOUT_S = 300.0
#: Environment variable: seconds every task sleeps before it starts (test hook only).
DELAY_ENV = "KEIDESIGN_SWEEP_TASK_DELAY_S"


def _cad_columns() -> tuple[tuple[str, str], ...]:
    cols = [(f"cad.envelope.{a}_mm", "f") for a in AXIS_NAMES]
    cols += [(f"cad.margin.{a}_mm", "f") for a in AXIS_NAMES]
    cols.append(("cad.fits_box", "b"))
    for case in LOAD_CASES:
        cols.append((f"cad.{case}.mass_kg", "f"))
        cols += [(f"cad.{case}.com_{ax}_mm", "f") for ax in "xyz"]
        cols += [(f"cad.{case}.i{label}_kg_m2", "f") for label in INERTIA_ENTRIES]
    return tuple(cols)


#: The extra columns of a CAD sweep, (name, kind): exact envelope and margins of the CAD solids
#: (mm), whether they fit the box, and per load case the mass (kg), centre of mass (mm, vehicle
#: axes) and inertia about it (kg·m²) from the solids' volume integrals.
CAD_COLUMNS: tuple[tuple[str, str], ...] = _cad_columns()


#: The column of a CAD sweep that writes each design's files: the design's folder, relative to
#: the sweep's output folder (``designs/<point id>``).
EXPORT_DIR_COLUMN = "cad.export_dir"


def mode_exports(mode: str) -> tuple[str, ...]:
    """The formats a sweep mode writes per point: ``"cad+step+glb"`` → ``("step", "glb")``."""
    return tuple(mode.split("+")[1:])


class PointTimeoutError(KeiDesignError, TimeoutError):
    """A point took longer than the sweep's per-point time-out."""


#: Failures of a CAD point that come from the machine, not the design (ExportError is an
#: OSError): the point is not stored, so the next run tries it again.
_NOT_ABOUT_THE_DESIGN = (PointTimeoutError, OSError, MemoryError)


@dataclass(frozen=True, slots=True)
class Task:
    """Some points of one sweep, to evaluate together.

    Attributes:
        concept: the concept's :meth:`~keidesign.concepts.base.Concept.locator` (a name, or
            ``"<absolute path>:<ClassName>"`` for a file, which must then be readable where
            the task runs).
        era: the regulation year.
        mode: ``"fast"``, ``"cad"`` or ``"cad+<format>+…"`` (see
            :attr:`~keidesign.sweep.spec.SweepSpec.mode`).
        columns: varied parameter name → (n,) values of these points.
        fixed: every other parameter's value.
        timeout_s: per-point time-out of the CAD path, seconds (``None``: none).
        export_root: the sweep's output folder, when the mode writes files (it must be on a
            file system the evaluating process can write: a shared one on a Dask cluster).
        export_dirs: per point, its folder relative to ``export_root``.
        version: the model version (:func:`~keidesign.sweep.keys.model_version`) the points'
            keys were made with; the task refuses to run other code (``None``: no check).
    """

    concept: str
    era: int
    mode: str
    columns: Mapping[str, np.ndarray]
    fixed: Mapping[str, Any]
    timeout_s: float | None = None
    export_root: str | None = None
    export_dirs: tuple[str, ...] = ()
    version: str | None = None

    @property
    def n_points(self) -> int:
        """How many points the task holds."""
        return len(next(iter(self.columns.values())))


@dataclass(frozen=True, slots=True)
class TaskResult:
    """The outputs of a task's points.

    Attributes:
        outputs: column name → (n,) values, in :func:`output_schema` order; a failed point holds
            NaN, False or ``""``.
        errors: point index within the task → error text (``"ErrorType: message"``).
        retry: indices of points whose failure says nothing about the design (a time-out,
            a file that could not be written, memory running out): shown in this run's table
            but not stored, so running the sweep again retries them.
        seconds: time spent evaluating, s.
    """

    outputs: dict[str, np.ndarray]
    errors: dict[int, str] = field(default_factory=dict)
    retry: frozenset[int] = frozenset()
    seconds: float = 0.0


def output_schema(concept: str, mode: str = "fast") -> tuple[tuple[str, str], ...]:
    """The output columns of a sweep of ``concept``: (name, kind) pairs.

    Kinds: ``"f"`` float, ``"b"`` bool, ``"U"`` text. The fast columns are those of
    :func:`~keidesign.analysis.report.analyse_columns`; CAD modes add :data:`CAD_COLUMNS`,
    and :data:`EXPORT_DIR_COLUMN` when they write files.

    Args:
        concept: the concept's name or file (its
            :meth:`~keidesign.concepts.base.Concept.locator`).
        mode: the sweep's mode.
    """
    return _schema(get_concept(concept), mode)


#: Column kinds by numpy dtype kind: numbers are floats in the table, text (fixed-width or
#: an object array of str) is text.
_KINDS = {"i": "f", "u": "f", "f": "f", "U": "U", "O": "U"}


@functools.lru_cache(maxsize=64)  # by class: a file loaded again after an edit is a new class
def _schema(cls: type[Concept], mode: str) -> tuple[tuple[str, str], ...]:
    cols = analyse_columns(cls().layout(), regulation())
    schema = tuple((name, _KINDS.get(arr.dtype.kind, arr.dtype.kind))
                   for name, arr in cols.items())
    if mode == "fast":
        return schema
    return schema + CAD_COLUMNS + (((EXPORT_DIR_COLUMN, "U"),) if mode_exports(mode) else ())


def missing_outputs(schema: Sequence[tuple[str, str]], n: int) -> dict[str, np.ndarray]:
    """Columns of ``n`` points with nothing in them yet: NaN for floats (kind ``"f"``),
    ``False`` for bools (``"b"``), ``""`` for text (``"U"``)."""
    out: dict[str, np.ndarray] = {}
    for name, kind in schema:
        if kind == "b":
            out[name] = np.zeros(n, dtype=bool)
        elif kind == "U":
            out[name] = np.full(n, "", dtype=object)
        else:
            out[name] = np.full(n, np.nan)
    return out


def _error_text(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"


def _point_parameters(columns: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
                      i: int) -> dict[str, Any]:
    params = dict(fixed)
    for name, values in columns.items():
        params[name] = values[i].item() if hasattr(values[i], "item") else values[i]
    return params


def _fast_point(cls: type[Concept], params: Mapping[str, Any],
                reg: Regulation) -> dict[str, np.ndarray]:
    return analyse_columns(cls(**params).layout(), reg)


def evaluate_cad_point(cls: type[Concept], params: Mapping[str, Any], reg: Regulation,
                       export_dir: str | os.PathLike[str] | None = None,
                       formats: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """Every fast-path column of one design plus :data:`CAD_COLUMNS`; its files too, if asked.

    Imports the CAD kernel on first use.

    Args:
        cls: the concept.
        params: every parameter's value.
        reg: the regulation checked against.
        export_dir: the design's folder for ``formats``.
        formats: files to write from the solids just built (see
            :func:`~keidesign.export.writer.export_layout`), named after the concept.

    Returns:
        column name → (1,) array.

    Raises:
        ParameterError: the parameters are not a valid design, or formats without a folder.
        GeometryError: a solid could not be built.
        ExportError: a file could not be written (none is left half-written).
    """
    from keidesign.geometry.assembly import cad_model
    from keidesign.geometry.cad_analysis import cad_envelope, cad_mass_properties

    layout = cls(**params).layout()
    cols = analyse_columns(layout, reg)
    model = cad_model(layout)
    solids = model.placed()
    env = cad_envelope(layout, solids)
    props = cad_mass_properties(layout, solids)
    limits = np.array([reg.max_length_mm, reg.max_width_mm, reg.max_height_mm])
    margins = limits - np.asarray(env.size_mm, dtype=float)
    for a, axis in enumerate(AXIS_NAMES):
        cols[f"cad.envelope.{axis}_mm"] = np.array([float(env.size_mm[a])])
        cols[f"cad.margin.{axis}_mm"] = np.array([float(margins[a])])
    cols["cad.fits_box"] = np.array([bool(np.all(margins >= 0))])
    for case in LOAD_CASES:
        p = props[case]
        cols[f"cad.{case}.mass_kg"] = np.array([float(p.mass_kg)])
        for a, ax in enumerate("xyz"):
            cols[f"cad.{case}.com_{ax}_mm"] = np.array([float(p.com_mm[a])])
        for label, (i, j) in INERTIA_ENTRIES.items():
            cols[f"cad.{case}.i{label}_kg_m2"] = np.array([float(p.inertia_kg_m2[i, j])])
    if formats:
        if export_dir is None:
            raise ParameterError("writing a point's files needs its folder (export_dir)",
                                 name="export_dir")
        from keidesign.export.writer import export_layout

        export_layout(layout, params, export_dir, formats, era=reg.era, model=model,
                      concept_class=cls)
    return cols


def _store(out: dict[str, np.ndarray], rows: np.ndarray,
           cols: Mapping[str, np.ndarray]) -> None:
    for name, values in out.items():
        values[rows] = cols[name]


def _batch_into(cls: type[Concept], columns: Mapping[str, np.ndarray],
                fixed: Mapping[str, Any], reg: Regulation, rows: np.ndarray,
                out: dict[str, np.ndarray], errors: dict[int, str], screened: bool,
                failed: Exception | None = None) -> bool:
    """Evaluate ``rows`` of the task as one batch, narrowing down on failure.

    ``failed`` is the error the caller already got evaluating these rows as one batch: the
    batch is not run again, only narrowed down.

    Returns:
        Whether every row evaluated (no row got an error).

    Raises:
        ConceptError: the batch failed, but each of its halves evaluated in full: the concept's
            code fails on arrays, whatever the designs.
    """
    if len(rows) == 0:
        return True
    if len(rows) == 1:
        i = int(rows[0])
        try:
            _store(out, rows, _fast_point(cls, _point_parameters(columns, fixed, i), reg))
        except Exception as err:  # a failing point is a result, whatever failed
            errors[i] = _error_text(err)
            return False
        return True
    sub = {name: values[rows] for name, values in columns.items()}
    if failed is None:
        try:
            cols = analyse_columns(cls.layout_batch(sub, fixed), reg)
        except Exception as err:
            failed = err
        else:
            _store(out, rows, cols)
            return True
    logger.debug("batch of %d points failed (%s); narrowing down", len(rows), failed)
    # Out of memory is the machine, not the code: smaller batches may fit.
    failure = None if isinstance(failed, MemoryError) else failed
    if not screened:
        ok = _passes_constraints(cls, sub, fixed, len(rows))
        if not ok.all():
            # Points that break a rule get their own (per-design) error; retry the rest.
            for i in rows[~ok]:
                _batch_into(cls, columns, fixed, reg, np.array([i]), out, errors, screened=True)
            _batch_into(cls, columns, fixed, reg, rows[ok], out, errors, screened=True)
            return False
    half = len(rows) // 2
    first = _batch_into(cls, columns, fixed, reg, rows[:half], out, errors, screened=True)
    second = _batch_into(cls, columns, fixed, reg, rows[half:], out, errors, screened=True)
    if first and second and failure is not None:
        raise _not_array_safe(cls, failure)
    return first and second


def _own_files(cls: type[Concept]) -> set[str]:
    """The source files of the concept's own classes (its MRO without the base class)."""
    files = set()
    for klass in cls.__mro__:
        if isinstance(klass, type) and issubclass(klass, Concept) and klass is not Concept:
            file = getattr(sys.modules.get(klass.__module__), "__file__", None)
            if file:
                files.add(os.path.abspath(file))
    return files


#: keidesign's own folder: a batch that fails in there, and not in the concept's code, is a bug
#: of the library.
_LIBRARY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _not_array_safe(cls: type[Concept], err: BaseException) -> ConceptError:
    """The error for a concept whose batch fails though its designs do not, pointing at the
    line of the concept's own code that failed (or of keidesign's, if none of the concept's
    is in the traceback)."""
    frames = traceback.extract_tb(err.__traceback__)
    own = _own_files(cls)
    mine = [f for f in frames if os.path.abspath(f.filename) in own]
    library = [f for f in frames if os.path.abspath(f.filename).startswith(_LIBRARY + os.sep)]
    frame = mine[-1] if mine else library[-1] if library else frames[-1] if frames else None
    location = None if frame is None else f"{frame.filename}:{frame.lineno}"
    where = "" if frame is None else \
        f" (raised at {location}{f': `{frame.line.strip()}`' if frame.line else ''})"
    text = _error_text(err)
    text = text if len(text) <= 300 else text[:299] + "…"
    if mine:
        advice = ("this code takes a parameter for one number; a sweep passes (N,) arrays of "
                  "them. Write it with NumPy (np.where, np.maximum, keidesign.concepts.pick for "
                  "choices) instead of if, max() or float().")
    else:
        advice = ("the batch fails in keidesign's code, not the concept's: a bug of keidesign "
                  "to report with this message. Until it is fixed, sweep other parameters, or "
                  "evaluate one design per task (chunk_size=1, --chunk-size 1).")
    return ConceptError(
        f"concept {cls.name!r} ({cls.locator()}) cannot evaluate several designs at once: "
        f"{text}{where}. Each design evaluates on its own; {advice}",
        concept=cls.name, location=location)


def _passes_constraints(cls: type[Concept], columns: Mapping[str, np.ndarray],
                        fixed: Mapping[str, Any], n: int) -> np.ndarray:
    """(n,) bool: which points keep to every cross-parameter rule of the concept."""
    ok = np.ones(n, dtype=bool)
    try:
        rules = cls.constraints(ParameterBatch({**fixed, **columns}, n, cls))
    except Exception:  # the rules themselves cannot be evaluated: leave it to the points
        return ok
    for _name, rule_ok, _rule in rules:
        ok &= np.broadcast_to(np.asarray(rule_ok, dtype=bool), (n,))
    return ok


def choice_groups(cls: type[Concept], columns: Mapping[str, np.ndarray],
                  fixed: Mapping[str, Any]
                  ) -> Iterator[tuple[dict[str, np.ndarray], dict[str, Any], np.ndarray]]:
    """The points grouped by the values of their varied choice parameters.

    A choice may add or remove parts (a bull bar, a high roof), and the designs of one batch
    have the same parts: each group is a batch with its choices fixed, so ``place_components``
    sees them as plain strings.

    Yields:
        (varied columns, fixed values, the group's row indices into ``columns``).
    """
    specs = cls.specs()
    chosen = [k for k in columns if k in specs and specs[k].kind == "choice"]
    n = len(next(iter(columns.values()))) if columns else 1
    if not chosen:
        yield dict(columns), dict(fixed), np.arange(n)
        return
    keys = np.stack([np.asarray(columns[k]).astype(str) for k in chosen], axis=1)
    levels, inverse = np.unique(keys, axis=0, return_inverse=True)
    varied = {k: v for k, v in columns.items() if k not in chosen}
    for g, level in enumerate(levels):
        rows = np.flatnonzero(inverse.ravel() == g)
        yield varied, {**fixed, **dict(zip(chosen, level.tolist()))}, rows


def _evaluate_fast(task: Task, cls: type[Concept], reg: Regulation) -> TaskResult:
    n = task.n_points
    schema = output_schema(task.concept, "fast")
    groups = list(choice_groups(cls, task.columns, task.fixed))
    failed = None
    if len(groups) == 1 and n > 1:  # the usual case: one batch, its columns as they come
        columns, fixed, _ = groups[0]
        try:
            cols = analyse_columns(cls.layout_batch(columns, fixed), reg)
        except Exception as err:  # narrowed down below, without running it again
            failed = err
        else:
            return TaskResult(outputs={name: cols[name] for name, _ in schema})
    out = missing_outputs(schema, n)
    errors: dict[int, str] = {}
    for columns, fixed, rows in groups:
        _batch_into(cls, columns, fixed, reg, rows, out, errors, screened=False, failed=failed)
    return TaskResult(outputs=out, errors=dict(sorted(errors.items())))


def _evaluate_cad(task: Task, cls: type[Concept], reg: Regulation) -> TaskResult:
    n = task.n_points
    out = missing_outputs(output_schema(task.concept, task.mode), n)
    formats = mode_exports(task.mode)
    if formats and (task.export_root is None or len(task.export_dirs) != n):
        raise ParameterError(f"a task of mode {task.mode!r} needs export_root and one export "
                             f"folder per point", name="export_dirs")
    errors: dict[int, str] = {}
    retry: set[int] = set()
    # Import the kernel before any point's clock starts (once per process; a no-op after).
    import keidesign.geometry  # noqa: F401
    for i in range(n):
        params = _point_parameters(task.columns, task.fixed, i)
        start = time.perf_counter()
        try:
            if formats:
                folder = task.export_dirs[i]
                cols = evaluate_cad_point(cls, params, reg, formats=formats,
                                          export_dir=Path(task.export_root) / folder)
                cols[EXPORT_DIR_COLUMN] = np.array([folder], dtype=object)
            else:
                cols = evaluate_cad_point(cls, params, reg)
            elapsed = time.perf_counter() - start
            if task.timeout_s and elapsed > task.timeout_s:
                raise PointTimeoutError(f"the point took longer than its time-out of "
                                        f"{task.timeout_s:g} s ({elapsed:.1f} s)")
        except ImportError:  # the environment, not the design: fail the task
            raise
        except Exception as err:  # a failing point is a result, whatever failed
            errors[i] = _error_text(err)
            if isinstance(err, _NOT_ABOUT_THE_DESIGN):
                retry.add(i)
            logger.info("%s point %s failed: %s", task.concept, params, errors[i])
        else:
            _store(out, np.array([i]), cols)
    return TaskResult(outputs=out, errors=errors, retry=frozenset(retry))


def evaluate_task(task: Task) -> TaskResult:
    """Evaluate every point of ``task``; a point that fails becomes an error, never a raise.

    Args:
        task: the points.

    Returns:
        Their outputs and errors.

    Raises:
        ConceptError: the concept's code fails on arrays of designs, or is not the code of
            ``task.version``.
        ParameterError: the concept cannot be found (``task.concept``).
    """
    delay = float(os.environ.get(DELAY_ENV, "0") or 0)
    if delay > 0:
        time.sleep(delay)
    start = time.perf_counter()
    cls = get_concept(task.concept)
    if task.version is not None:
        here = model_version(cls, task.mode)
        if here != task.version:
            raise ConceptError(
                f"concept {cls.name!r} ({task.concept}) is not the code the sweep started with "
                f"(model version {here} here, {task.version} in the sweep): its file or "
                f"keidesign changed while the sweep ran, or this worker has other code "
                f"installed; run the sweep again", concept=cls.name)
    reg = regulation(task.era)
    if task.mode != "fast":
        result = _evaluate_cad(task, cls, reg)
    else:
        result = _evaluate_fast(task, cls, reg)
    return TaskResult(outputs=result.outputs, errors=result.errors, retry=result.retry,
                      seconds=time.perf_counter() - start)


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS runs on one thread (:mod:`threadpoolctl`).

    A sweep's parallelism is its worker processes; the products in its analysis are small,
    and BLAS threads of their own only compete with the workers and with the sweep's writer
    threads (the 50,000-point command ran ~10 % faster on one BLAS thread)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def init_worker(cad: bool) -> None:
    """Prepare a worker process: import the CAD kernel once, if the sweep needs it.

    Used as the ``initializer`` of the sweep's process pool, so every point of a worker shares
    one CadQuery import. The worker's OCCT thread pool is cut to one thread: the workers are
    the parallelism, and CadQuery's parallel booleans would otherwise make N workers compete
    for the cores (on this project's 2-core machine a CAD point runs no faster with them, but
    uses ~1.2 cores). So is numpy's BLAS (:func:`one_blas_thread`).

    The objects the import creates (~400,000: CadQuery, OCP, VTK) live as long as the worker,
    so they are frozen out of the garbage collector's generations (:func:`gc.freeze`): full
    collections and the worker's exit at the end of the sweep no longer walk them (exit is
    ~0.7 s faster, which the sweep waits for when it shuts its pool down). The worker keeps
    the memory its chunks reuse (:func:`~keidesign.sweep.heap.keep_freed_memory`).
    """
    one_blas_thread()                          # for the worker's life
    keep_freed_memory()
    if cad:
        from keidesign.geometry import limit_kernel_threads  # imports CadQuery and OCP

        limit_kernel_threads(1)
        gc.freeze()
