"""Running a sweep: split into tasks, evaluate on a backend, store, resume, tabulate.

Backends, all giving the same table (the table is assembled from the store by point key, so the
order in which tasks finish does not matter):

- in this process (``workers=1``, the default): no pickling, the fastest for analysis-only
  sweeps;
- ``workers=N``: a :class:`~concurrent.futures.ProcessPoolExecutor` with the ``spawn`` start
  method, whose initializer imports CadQuery once per worker for ``cad`` sweeps;
- ``executor=``: any :class:`concurrent.futures.Executor` (threads, your own pool, Dask's);
- ``scheduler=``: a Dask distributed scheduler address (or a ``distributed.Client``), run
  through the client's :class:`~concurrent.futures.Executor` interface.

Points are grouped into tasks of ``chunk_size`` (fixed for a given sweep, whatever the backend)
and each finished task is committed to the store in one transaction. Running the same sweep
again with the same output folder evaluates only the points that are not stored, with the same
tasks as the first run, so the resumed table is exactly the uninterrupted one.

Points are stored under the concept's name and its model version
(:func:`~keidesign.sweep.keys.model_version`: keidesign's version and a fingerprint of the
concept's and keidesign's model code), and the version is part of every key: after an edit to
the concept's file or to keidesign, every point is computed again, and the result says how many
stored points were passed over for that (:attr:`SweepResult.outdated`). Tasks carry the
concept's :meth:`~keidesign.concepts.base.Concept.locator` (its name, or its file's absolute
path and class), which is how worker processes find the class.

A concept whose code cannot run on arrays of designs stops the sweep with a
:class:`~keidesign.errors.ConceptError` (see :mod:`keidesign.sweep.evaluate`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from keidesign.errors import ConceptError, KeiDesignError, ParameterError
from keidesign.sweep.evaluate import (
    DEFAULT_TIMEOUT_S,
    Task,
    TaskResult,
    evaluate_task,
    init_worker,
    output_schema,
)
from keidesign.sweep.keys import first_occurrences, model_version, point_keys
from keidesign.sweep.objective import Condition, Objective, rank
from keidesign.sweep.spec import SweepSpec
from keidesign.sweep.store import SweepStore
from keidesign.sweep.table import build_table, write_csv

__all__ = ["SweepResult", "WorkerError", "run_sweep", "table_columns", "point_folder",
           "RESULTS_CSV", "STORE_FILE", "DEFAULT_CHUNK_SIZE", "DEFAULT_TIMEOUT_S"]

logger = logging.getLogger("keidesign")

#: File names inside a sweep's output folder.
RESULTS_CSV = "results.csv"
STORE_FILE = "sweep.sqlite"
#: Points per task of an analysis-only sweep: big enough to vectorise, small enough that its
#: (N, components, …) arrays stay in cache (2048 measured fastest here, 1024–16384 tried).
DEFAULT_CHUNK_SIZE = 2048

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SweepResult:
    """What a sweep produced.

    Attributes:
        spec: the sweep.
        table: one row per point (see :mod:`keidesign.sweep.table` for the columns).
        seconds: wall-clock time of the run, s.
        computed: points evaluated by this run.
        reused: points found in the store from an earlier run.
        outdated: points of this run the store holds from an earlier version of the model's
            code (the concept's file, keidesign): computed again, not reused.
        out_dir: the output folder, or ``None``.
        csv_path: ``results.csv``, or ``None`` without an output folder.
        store_path: ``sweep.sqlite``, or ``None`` without an output folder.
    """

    spec: SweepSpec
    table: pd.DataFrame
    seconds: float
    computed: int
    reused: int
    outdated: int = 0
    out_dir: Path | None = None
    csv_path: Path | None = None
    store_path: Path | None = None

    @property
    def n_ok(self) -> int:
        """Points that evaluated."""
        return int((self.table["status"] == "ok").sum())

    @property
    def n_failed(self) -> int:
        """Points whose evaluation failed (their ``error`` says why)."""
        return int((self.table["status"] == "failed").sum())

    @property
    def n_fits(self) -> int:
        """Points that fit the kei box and limits of their era."""
        return int(self.table["fits"].fillna(False).sum())

    def ranked(self, objective: Objective, where: Sequence[Condition] = ()) -> pd.DataFrame:
        """Rows that evaluated, fit and satisfy ``where``, best first (see
        :func:`~keidesign.sweep.objective.rank`)."""
        return rank(self.table, objective, where)

    def best_parameters(self, objective: Objective, where: Sequence[Condition] = (),
                        n: int = 1) -> list[tuple[dict[str, Any], int]]:
        """The ``n`` best designs: (every parameter's value, era) pairs, best first."""
        rows = self.ranked(objective, where).head(n)
        names = list(self.spec.concept_class.specs())
        out = []
        for _, row in rows.iterrows():
            params = {name: (row[name].item() if hasattr(row[name], "item") else row[name])
                      for name in names}
            out.append((params, int(row["era"])))
        return out

    def summary(self, objective: Objective | None = None,
                where: Sequence[Condition] = ()) -> dict[str, Any]:
        """The ``--json`` summary: concept (its name) and reference (its locator), points,
        ok, failed, fits, computed, reused, outdated (stored points not reused because the
        model's code changed), seconds and the best point."""
        best = None
        if objective is not None:
            ranked = self.ranked(objective, where)
            if len(ranked):
                row = ranked.iloc[0]
                best = {
                    "row": int(ranked.index[0]),
                    "era": int(row["era"]),
                    "objective": str(objective),
                    "value": float(row[objective.column]),
                    "parameters": {n: _plain(row[n]) for n in self.spec.varied_names},
                }
        return {
            "concept": self.spec.concept_name,
            "reference": self.spec.concept,
            "points": len(self.table),
            "ok": self.n_ok,
            "failed": self.n_failed,
            "fits": self.n_fits,
            "computed": self.computed,
            "reused": self.reused,
            "outdated": self.outdated,
            "seconds": round(self.seconds, 3),
            "objective": None if objective is None else str(objective),
            "where": [str(c) for c in where],
            "best": best,
            "results": None if self.csv_path is None else str(self.csv_path),
            "store": None if self.store_path is None else str(self.store_path),
        }


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def table_columns(spec: SweepSpec) -> dict[str, str]:
    """Every column of the sweep's table and its kind (``"f"``, ``"b"``, ``"U"``), known
    before the sweep runs (for checking objectives and conditions)."""
    kinds: dict[str, str] = {}
    for name, pspec in spec.concept_class.specs().items():
        kinds[name] = "U" if pspec.kind == "choice" else "f"
    kinds["era"] = "f"
    kinds.update(output_schema(spec.concept, spec.mode))
    kinds["status"] = "U"
    kinds["error"] = "U"
    return kinds


# ---- backends ------------------------------------------------------------------------------
class _LocalPool:
    """A spawn process pool that is rebuilt if a worker dies."""

    def __init__(self, workers: int, cad: bool) -> None:
        self.workers = workers
        self.cad = cad
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(self.cad,))

    def rebuild(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()


@contextmanager
def _backend(workers: int, executor: Executor | None, scheduler: Any,
             cad: bool) -> Iterator[tuple[Executor | None, _LocalPool | None, int]]:
    """(executor, own pool, how many tasks can run at once)."""
    if executor is not None:
        yield executor, None, getattr(executor, "_max_workers", None) or os.cpu_count() or 2
    elif scheduler is not None:
        from distributed import Client

        own = not isinstance(scheduler, Client)
        client = Client(scheduler) if own else scheduler
        try:
            slots = sum(client.nthreads().values()) or 1
            yield client.get_executor(pure=False), None, slots
        finally:
            if own:
                client.close()
    elif workers > 1:
        local = _LocalPool(workers, cad)
        try:
            yield None, local, workers
        finally:
            local.pool.shutdown(wait=True, cancel_futures=True)
    else:
        yield None, None, 1


class WorkerError(KeiDesignError, RuntimeError):
    """The sweep's worker processes could not run (they failed to start, or kept dying)."""


#: How often a pool whose worker died is replaced before the sweep gives up.
_MAX_POOL_REBUILDS = 3
_GUARD_HINT = ("a script that runs a sweep with workers must start it under "
               "`if __name__ == \"__main__\":` (worker processes are spawned and import it)")


def _execute(tasks: Sequence[Task], executor: Executor | None, local: _LocalPool | None,
             max_pending: int,
             on_done: Callable[[Task, TaskResult | None, BaseException | None], None]) -> None:
    """Run every task, calling ``on_done`` in this thread as each finishes.

    Raises:
        WorkerError: our own worker pool failed before any task finished, or kept failing.
        ConceptError: a task found the concept's code unable to run (the sweep stops).
    """
    if executor is None and local is None:
        for task in tasks:
            try:
                result = evaluate_task(task)
            except ConceptError:  # the concept's code, not a point or the machine: stop
                raise
            except Exception as err:  # as a worker's failure would be: not stored
                on_done(task, None, err)
            else:
                on_done(task, result, None)
        return
    queue = list(reversed(tasks))
    pending: dict[Future[TaskResult], Task] = {}
    finished = rebuilds = 0

    def rebuild(err: BaseException) -> None:
        nonlocal rebuilds
        if local is None:  # not our pool: nothing to replace
            return
        if finished == 0:
            raise WorkerError(f"the sweep's worker processes failed to start "
                              f"({type(err).__name__}: {err}); {_GUARD_HINT}") from err
        rebuilds += 1
        if rebuilds > _MAX_POOL_REBUILDS:
            raise WorkerError(f"sweep worker processes died {rebuilds} times; giving up "
                              f"({type(err).__name__}: {err})") from err
        logger.warning("a sweep worker process died (%s); starting a new pool", err)
        local.rebuild()

    def submit() -> None:
        while queue and len(pending) < max_pending:
            task = queue.pop()
            target = executor if executor is not None else local.pool  # type: ignore[union-attr]
            try:
                pending[target.submit(evaluate_task, task)] = task
            except BrokenProcessPool as err:
                if local is None:
                    on_done(task, None, err)
                else:
                    queue.append(task)
                    rebuild(err)
            except RuntimeError as err:
                if local is not None:  # our pool cannot start processes (no main guard)
                    raise WorkerError(f"the sweep cannot start worker processes ({err}); "
                                      f"{_GUARD_HINT}") from err
                on_done(task, None, err)  # the caller's executor was shut down

    submit()
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        broken: BaseException | None = None
        for future in done:
            task = pending.pop(future)
            try:
                result = future.result()
            except ConceptError:
                for other in pending:
                    other.cancel()
                raise
            except Exception as err:  # the backend failed, not the point: not stored
                if local is not None and isinstance(err, (BrokenProcessPool, RuntimeError)) \
                        and finished == 0:
                    rebuild(err)  # raises: the pool never ran a task
                broken = err if isinstance(err, BrokenProcessPool) else broken
                on_done(task, None, err)
            else:
                on_done(task, result, None)
            finished += 1
        if broken is not None and local is not None:
            rebuild(broken)
        submit()


class _Progress:
    def __init__(self, progress: bool | ProgressCallback | None, total: int, initial: int,
                 desc: str) -> None:
        self.callback: ProgressCallback | None = None
        self.bar = None
        self.done = initial
        self.total = total
        if callable(progress):
            self.callback = progress
        elif progress:
            from tqdm import tqdm

            # Appears only after a second (short sweeps stay quiet) and only on a terminal.
            self.bar = tqdm(total=total, initial=initial, unit="pt", desc=desc, delay=1.0,
                            file=sys.stderr, disable=None, dynamic_ncols=True, leave=False)

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        if self.callback is not None:
            self.callback(self.done, self.total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---- the sweep -----------------------------------------------------------------------------
def _plan(spec: SweepSpec, keys: dict[int, np.ndarray], points: dict[str, np.ndarray],
          fixed: dict[str, Any], store: SweepStore, version: str, size: int,
          timeout_s: float | None, out: Path | None,
          design_keys: dict[int, np.ndarray] | None) -> tuple[list[Task], int, int, int]:
    """The tasks of the points not stored yet, grouped by era into fixed chunks of the
    distinct points (the same chunks on every run, so a resumed sweep computes as the first).
    When the sweep writes each design's files, every point gets the folder
    ``designs/<point id>`` of ``out``, from ``design_keys``: keys of the designs whatever
    files are asked for, so one design's files share a folder.

    Returns:
        ``(tasks, distinct points, distinct points already stored, distinct points to compute
        that the store holds from other versions of the model)``.
    """
    cls = spec.concept_class
    name = cls.name
    others = [v for v in store.versions(name, spec.mode) if v != version]
    tasks: list[Task] = []
    n_unique = n_stored = n_outdated = 0
    for era in spec.eras:
        unique = first_occurrences(keys[era])
        stored = store.contains(keys[era][unique], name, version, spec.mode)
        n_unique += len(unique)
        n_stored += int(stored.sum())
        missing = unique[~stored]
        if others and len(missing):
            # The same points under the model's earlier code: passed over, and said so.
            earlier = np.zeros(len(missing), dtype=bool)
            subset = {k: v[missing] for k, v in points.items()}
            for other in others:
                earlier |= store.contains(point_keys(cls, subset, fixed, era, spec.mode, other),
                                          name, other, spec.mode)
            n_outdated += int(earlier.sum())
        for lo in range(0, len(unique), size):
            need = unique[lo:lo + size][~stored[lo:lo + size]]
            if len(need):
                tag = keys[era][need]
                folders = tuple(point_folder(key) for key in design_keys[era][need]) \
                    if design_keys else ()
                tasks.append(Task(concept=spec.concept, era=era, mode=spec.mode,
                                  columns={k: v[need] for k, v in points.items()}, fixed=fixed,
                                  timeout_s=timeout_s,
                                  export_root=str(out.resolve()) if folders and out else None,
                                  export_dirs=folders, version=version, tag=tag))
    return tasks, n_unique, n_stored, n_outdated


def point_folder(key: np.ndarray | bytes) -> str:
    """The folder of a point's files, relative to the sweep's output folder:
    ``designs/<the first 16 hex digits of the design's key>`` (its CAD-sweep key, whatever
    files are written)."""
    return f"designs/{bytes(key).hex()[:16]}"


class _Recorder:
    """Commits each finished task to the store; keeps failures that a rerun should retry."""

    def __init__(self, store: SweepStore, spec: SweepSpec, version: str,
                 schema: tuple[tuple[str, str], ...], bar: _Progress) -> None:
        self.store, self.spec, self.version, self.schema, self.bar = (store, spec, version,
                                                                      schema, bar)
        #: key bytes → error of points evaluated but not stored.
        self.transient: dict[bytes, str] = {}

    def __call__(self, task: Task, result: TaskResult | None,
                 err: BaseException | None) -> None:
        if result is None:
            # The backend failed (a worker died, the executor shut down): the points get the
            # error in this table but are not stored, so a rerun retries them.
            log = logger.debug if self.transient else logger.warning
            log("a sweep task of %d points failed: %s", task.n_points, err)
            for key in task.tag:
                self.transient[key.tobytes()] = f"{type(err).__name__}: {err}"
        else:
            keep = np.ones(task.n_points, dtype=bool)
            for i in result.retry:  # time-outs: in this table, retried by the next run
                keep[i] = False
                self.transient[task.tag[i].tobytes()] = result.errors[i]
            outputs, errors = result.outputs, result.errors
            if not keep.all():
                index = np.cumsum(keep) - 1
                outputs = {k: v[keep] for k, v in outputs.items()}
                errors = {int(index[i]): e for i, e in errors.items() if keep[i]}
            if keep.any():
                self.store.write(concept=self.spec.concept_name, version=self.version,
                                 mode=self.spec.mode, era=task.era, keys=task.tag[keep],
                                 outputs=outputs, errors=errors, schema=self.schema)
        self.bar.update(task.n_points)


def run_sweep(spec: SweepSpec, out_dir: str | Path | None = None, *, workers: int = 1,
              executor: Executor | None = None, scheduler: Any = None,
              progress: bool | ProgressCallback | None = None, chunk_size: int | None = None,
              timeout_s: float | None = DEFAULT_TIMEOUT_S) -> SweepResult:
    """Evaluate every point of ``spec``.

    Args:
        spec: the sweep.
        out_dir: folder for ``results.csv`` and the resumable ``sweep.sqlite`` (created), and
            ``designs/<point id>/`` folders when ``spec.exports`` asks for each design's files;
            with ``None`` nothing is written and nothing resumes.
        workers: processes to run points in (spawn; one CadQuery import per worker).
        executor: any :class:`concurrent.futures.Executor` to run the tasks on instead; it is
            not shut down.
        scheduler: a Dask distributed scheduler address (``"tcp://host:8786"``) or a
            ``distributed.Client``.
        progress: ``True`` for a progress bar on stderr (rate and ETA; shown after a second,
            and only on a terminal), or a callable ``(points done, total)``.
        chunk_size: points per task; default :data:`DEFAULT_CHUNK_SIZE` for analysis-only
            sweeps and 1 for CAD sweeps. Keep it the same to resume a sweep exactly.
        timeout_s: per-point time-out of CAD points, seconds (``None``: none).

    Returns:
        The table and counts.

    Raises:
        ParameterError: bad ``workers``, ``chunk_size`` or ``timeout_s``, both ``executor``
            and ``scheduler``, or ``spec.exports`` without ``out_dir``.
        StoreError: the store cannot be opened or written.
        ExportError: ``results.csv`` cannot be written.
        WorkerError: the worker processes could not start or kept dying.
        ConceptError: the concept's code cannot evaluate arrays of designs (the message names
            the exception and the line), or changed while the sweep ran.
    """
    start = time.perf_counter()
    _check_options(workers, executor, scheduler, chunk_size, timeout_s)
    if spec.exports and out_dir is None:
        raise ParameterError(f"a sweep that writes each design's files "
                             f"({', '.join(spec.exports)}) needs an output folder (out_dir)",
                             name="out_dir")
    cls = spec.concept_class
    name = cls.name
    version = model_version(cls, spec.mode)
    schema = output_schema(spec.concept, spec.mode)
    points = spec.points()
    fixed = spec.resolved_fixed()
    size = chunk_size or (1 if spec.cad else DEFAULT_CHUNK_SIZE)
    keys = {era: point_keys(cls, points, fixed, era, spec.mode, version) for era in spec.eras}

    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    store_path = out / STORE_FILE if out is not None else None
    with SweepStore(store_path) as store:
        design_keys = {era: point_keys(cls, points, fixed, era, "cad", version)
                       for era in spec.eras} if spec.exports else None
        tasks, n_unique, n_stored, n_outdated = _plan(spec, keys, points, fixed, store,
                                                      version, size, timeout_s, out,
                                                      design_keys)
        logger.info("sweep %s: %d points, %d stored, %d stored by other code, %d tasks", name,
                    spec.n_rows, n_stored, n_outdated, len(tasks))
        bar = _Progress(progress, n_unique, n_stored, name)
        record = _Recorder(store, spec, version, schema, bar)
        try:
            with _backend(workers, executor, scheduler, spec.cad) as (exe, local, slots):
                # Two tasks per slot keep every worker busy; no more, to bound memory.
                _execute(tasks, exe, local, max_pending=2 * slots, on_done=record)
        finally:
            bar.close()
        # The table is read back from the store by key: the same whichever backend ran the
        # points, in whatever order, in one run or several.
        parts = [store.gather(keys[era], concept=name, version=version,
                              mode=spec.mode, schema=schema) for era in spec.eras]
    outputs = {name: np.concatenate([p[0][name] for p in parts]) for name, _ in schema}
    errors = np.concatenate([p[1] for p in parts])
    found = np.concatenate([p[2] for p in parts])
    all_keys = np.concatenate([keys[era] for era in spec.eras])
    for i in np.flatnonzero(~found).tolist():
        errors[i] = record.transient.get(all_keys[i].tobytes(), "not evaluated")
    if record.transient:
        logger.warning("%d points failed for a reason a rerun may not have (a time-out, a "
                       "worker that died); they are not stored, so running the sweep again "
                       "retries them", len(record.transient))
    table = build_table(
        specs=cls.specs(), varied=spec.varied_names,
        points={k: np.tile(v, len(spec.eras)) for k, v in points.items()}, fixed=fixed,
        era=np.repeat(np.asarray(spec.eras, dtype=np.int64), spec.n_points), outputs=outputs,
        schema=schema, errors=errors)
    csv_path = write_csv(table, out / RESULTS_CSV) if out is not None else None
    return SweepResult(spec=spec, table=table, seconds=time.perf_counter() - start,
                       computed=sum(t.n_points for t in tasks), reused=n_stored,
                       outdated=n_outdated, out_dir=out, csv_path=csv_path,
                       store_path=store_path)


def _check_options(workers: int, executor: Executor | None, scheduler: Any,
                   chunk_size: int | None, timeout_s: float | None) -> None:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ParameterError(f"'workers' must be a whole number of at least 1 (got {workers!r})",
                             name="workers", value=workers)
    if executor is not None and scheduler is not None:
        raise ParameterError("give an executor or a scheduler, not both", name="scheduler")
    if chunk_size is not None and (isinstance(chunk_size, bool) or not isinstance(chunk_size, int)
                                   or chunk_size < 1):
        raise ParameterError(f"'chunk_size' must be a whole number of at least 1 "
                             f"(got {chunk_size!r})", name="chunk_size", value=chunk_size)
    if timeout_s is not None and not timeout_s > 0:
        raise ParameterError(f"'timeout_s' must be positive (got {timeout_s!r})",
                             name="timeout_s", value=timeout_s)
