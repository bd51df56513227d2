"""Running a sweep: chunks of points, evaluated on a backend, stored, streamed into the table.

The points are cut into chunks of ``chunk_size`` rows (per era, in table order; the same chunks
on every run and every backend). For each chunk the sweep looks its points' keys up in the
store, evaluates the missing ones as one task (:mod:`keidesign.sweep.backends`), commits them to
the store in one transaction, and appends the chunk's rows to the results files
(:mod:`keidesign.sweep.results`) in table order. Only a bounded window of chunks is in flight, so
memory stays flat however many points the sweep has; the table is never held whole unless a
Python caller asks for :attr:`SweepResult.table`.

Running the same sweep again with the same output folder evaluates only the points that are not
stored: the resumed table is exactly the uninterrupted one. Points are stored under the
concept's name and its model version (:func:`~keidesign.sweep.keys.model_version`: keidesign's
version and a fingerprint of the concept's and keidesign's model code), which is part of every
key: after an edit to the concept's file or to keidesign every point is computed again, and the
result says how many stored points were passed over for that (:attr:`SweepResult.outdated`).
A stored batch whose bytes changed on disk is dropped and computed again
(:attr:`SweepResult.damaged`).

One sweep at a time writes into an output folder: a second one gets :class:`SweepBusyError` at
once (``keidesign sweep`` exits with 2) rather than waiting.

A concept whose code cannot run on arrays of designs stops the sweep with a
:class:`~keidesign.errors.ConceptError` (see :mod:`keidesign.sweep.evaluate`).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from keidesign.errors import ConceptError, KeiDesignError, ParameterError
from keidesign.parameters.spec import quote
from keidesign.export.atomic import remove_stale_temps
from keidesign.sweep.backends import (
    MAX_ATTEMPTS,
    ExecutorBackend,
    InlineBackend,
    PoolBackend,
    WorkerError,
    TaskKilled,
    WorkerDied,
    dask_backend,
    machine_cores,
)
from keidesign.sweep.evaluate import (
    DEFAULT_TIMEOUT_S,
    PointTimeoutError,
    Task,
    TaskResult,
    missing_outputs,
    one_blas_thread,
    output_schema,
)
from keidesign.sweep.heap import keep_freed_memory
from keidesign.sweep.keys import model_version, point_keys
from keidesign.sweep.results import (
    RESULT_FILES,
    RESULT_FORMATS,
    ResultsWriter,
    Tally,
    chunk_table,
    outputs_table,
    read_results,
    results_schema,
    scan,
    take,
    to_pandas,
)
from keidesign.sweep.spec import MAX_POINTS, SweepSpec
from keidesign.sweep.store import SweepStore

if TYPE_CHECKING:  # pandas loads when a caller asks for the table, not for every sweep
    import pandas as pd

    from keidesign.sweep.objective import Condition, Objective

__all__ = ["SweepResult", "SweepBusyError", "WorkerError", "run_sweep", "lock_folder",
           "check_options", "table_columns",
           "point_folder", "STORE_FILE", "LOCK_FILE", "DEFAULT_CHUNK_SIZE",
           "DEFAULT_TIMEOUT_S"]

logger = logging.getLogger("keidesign")

#: File names inside a sweep's output folder (the results files: ``results.RESULT_FILES``).
STORE_FILE = "sweep.sqlite"
LOCK_FILE = "sweep.lock"
#: Points per task of an analysis-only sweep: big enough that the model's per-call overhead and
#: the per-column work of storing and writing are spread thin (most of a chunk's time is a
#: fixed cost), small enough that a chunk's arrays stay small. Measured on this project's
#: 2-core machine, ``keidesign sweep cab-over-truck --vary wheelbase=1750:2050:1000 --vary
#: track_front=1200:1330:1000`` (1,000,000 points) ran in 7.7–8.1 s at 275–295 MiB peak with
#: 4,096 and 6.1–6.2 s at 412–420 MiB with 8,192; the fast path alone slows again at 12,288
#: and 16,384.
DEFAULT_CHUNK_SIZE = 8192

ProgressCallback = Callable[[int, int], None]


class SweepBusyError(KeiDesignError, RuntimeError):
    """Another sweep is writing into the same output folder."""


@dataclass(frozen=True)
class SweepResult:
    """What a sweep produced.

    Attributes:
        spec: the sweep.
        seconds: wall-clock time of the run, s.
        computed: points evaluated by this run.
        reused: points found in the store from an earlier run.
        outdated: points of this run the store holds from an earlier version of the model's
            code (the concept's file, keidesign): computed again, not reused.
        damaged: stored batches dropped because their bytes no longer matched their checksum
            (their points were computed again).
        points: rows of the table.
        n_ok: rows that evaluated.
        n_failed: rows whose evaluation failed (their ``error`` says why).
        n_fits: rows that fit the kei box and limits of their era.
        errors: (error text, how many rows) of the failed rows, most frequent first.
        out_dir: the output folder, or ``None``.
        files: results format → file written (``"parquet"``, ``"csv"``).
        store_path: ``sweep.sqlite``, or ``None`` without an output folder.
    """

    spec: SweepSpec
    seconds: float
    computed: int
    reused: int
    outdated: int = 0
    damaged: int = 0
    points: int = 0
    n_ok: int = 0
    n_failed: int = 0
    n_fits: int = 0
    errors: tuple[tuple[str, int], ...] = ()
    out_dir: Path | None = None
    files: dict[str, Path] = field(default_factory=dict)
    store_path: Path | None = None
    _arrow: pa.Table | None = field(default=None, repr=False)

    @functools.cached_property
    def table(self) -> pd.DataFrame:
        """One row per point (see :mod:`keidesign.sweep.results` for the columns), read from
        the results file on first use when the sweep wrote one."""
        if self._arrow is not None:
            return to_pandas(self._arrow)
        return read_results(*self._source())

    def _source(self) -> tuple[Path, SweepSpec | None]:
        """The results file to read (Parquet if written: faster than the CSV) and, for a CSV
        file, the spec that reads it."""
        fmt = "parquet" if "parquet" in self.files else "csv"
        return self.files[fmt], self.spec if fmt == "csv" else None

    @property
    def csv_path(self) -> Path | None:
        """``results.csv``, if written."""
        return self.files.get("csv")

    @property
    def parquet_path(self) -> Path | None:
        """``results.parquet``, if written."""
        return self.files.get("parquet")

    def read(self, columns: Sequence[str]) -> pd.DataFrame:
        """Only ``columns`` of the table (what a plot of millions of rows needs)."""
        if "table" in self.__dict__ or not self.files:
            return self.table[list(columns)]
        return read_results(*self._source(), columns)

    def ranked(self, objective: Objective, where: Sequence[Condition] = ()) -> pd.DataFrame:
        """Rows that evaluated, fit and satisfy ``where``, best first (see
        :func:`~keidesign.sweep.objective.rank`)."""
        from keidesign.sweep.objective import rank

        return rank(self.table, objective, where)

    def best(self, objective: Objective, where: Sequence[Condition] = (),
             n: int = 1) -> pd.DataFrame:
        """The ``n`` best rows, best first: ``ranked(objective, where).head(n)`` with the
        columns that rank them and make their designs (status, fits, era, the objective's and
        the conditions' columns, every parameter), found block by block in the results file
        (memory does not grow with the table; the other columns are not read)."""
        import pandas as pd

        from keidesign.sweep.objective import rank

        present = table_columns(self.spec)
        wanted = ["status", "fits", "era", objective.column, *(c.column for c in where),
                  *self.spec.concept_class.specs()]
        columns = [c for c in dict.fromkeys(wanted) if c in present]
        best = None
        if self._arrow is not None:
            frames = scan(self._arrow, columns=columns)
        else:
            frames = scan(*self._source(), columns=columns)
        for frame in frames:
            top = rank(frame, objective, where).head(n)
            best = top if best is None else rank(pd.concat([best, top]), objective).head(n)
        return best if best is not None else pd.DataFrame()

    def best_parameters(self, objective: Objective, where: Sequence[Condition] = (),
                        n: int = 1) -> list[tuple[dict[str, Any], int]]:
        """The ``n`` best designs: (every parameter's value, era) pairs, best first."""
        return self.parameters_of(self.best(objective, where, n))

    def parameters_of(self, rows: pd.DataFrame) -> list[tuple[dict[str, Any], int]]:
        """The designs of rows of the table (as :meth:`best` gives them): (every parameter's
        value, era) pairs, in the rows' order."""
        names = list(self.spec.concept_class.specs())
        return [({name: _plain(row[name]) for name in names}, int(row["era"]))
                for _, row in rows.iterrows()]

    def summary(self, objective: Objective | None = None, where: Sequence[Condition] = (),
                best_rows: pd.DataFrame | None = None) -> dict[str, Any]:
        """The ``--json`` summary: concept (its name) and reference (its locator), points,
        ok, failed, fits, computed, reused, outdated (stored points not reused because the
        model's code changed), damaged, seconds, the best point and the files.

        Args:
            objective, where: what "best" means (none: no best point).
            best_rows: :meth:`best` of them, if the caller has it already (any ``n``).
        """
        best = None
        if objective is not None:
            rows = self.best(objective, where) if best_rows is None else best_rows
            if len(rows):
                row = rows.iloc[0]
                best = {
                    "row": int(rows.index[0]),
                    "era": int(row["era"]),
                    "objective": str(objective),
                    "value": float(row[objective.column]),
                    "parameters": {n: _plain(row[n]) for n in self.spec.varied_names},
                }
        return {
            "concept": self.spec.concept_name,
            "reference": self.spec.concept,
            "points": self.points,
            "ok": self.n_ok,
            "failed": self.n_failed,
            "fits": self.n_fits,
            "computed": self.computed,
            "reused": self.reused,
            "outdated": self.outdated,
            "damaged": self.damaged,
            "seconds": round(self.seconds, 3),
            "objective": None if objective is None else str(objective),
            "where": [str(c) for c in where],
            "best": best,
            "results": {fmt: str(path) for fmt, path in self.files.items()} or None,
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


def point_folder(key: np.ndarray | bytes) -> str:
    """The folder of a point's files, relative to the sweep's output folder:
    ``designs/<the first 16 hex digits of the design's key>`` (its CAD-sweep key, whatever
    files are written)."""
    return f"designs/{bytes(key).hex()[:16]}"


# ---- progress ------------------------------------------------------------------------------
class _Progress:
    def __init__(self, progress: bool | ProgressCallback | None, total: int,
                 desc: str) -> None:
        self.callback: ProgressCallback | None = None
        self.bar = None
        self.done = 0
        self.total = total
        if callable(progress):
            self.callback = progress
        elif progress:
            from tqdm import tqdm

            # Appears only after a second (short sweeps stay quiet) and only on a terminal.
            self.bar = tqdm(total=total, unit="pt", desc=desc, delay=1.0, file=sys.stderr,
                            disable=None, dynamic_ncols=True, leave=False)

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        if self.callback is not None:
            self.callback(self.done, self.total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---- one chunk of rows ---------------------------------------------------------------------
@dataclass
class _Chunk:
    """Rows ``[lo, hi)`` of one era's points, and what is known of them so far."""

    era: int
    lo: int
    hi: int
    keys: np.ndarray
    #: The rows' outputs and ``error`` once known (stored rows filled in at planning).
    parts: list[tuple[np.ndarray, pa.Table]] = field(default_factory=list)
    #: Rows to evaluate (first occurrences of the missing keys) and, per row of the chunk,
    #: which of them it copies (−1: stored).
    need: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    copies: np.ndarray | None = None
    #: Rows repeating a design an earlier chunk evaluates.
    echoes: list[int] = field(default_factory=list)
    #: Tasks submitted and not finished.
    running: int = 0

    @property
    def n(self) -> int:
        return self.hi - self.lo


def _all_distinct(keys: np.ndarray) -> bool:
    """Whether no two of (n,) keys are equal, told from their first 8 bytes (the usual case:
    all distinct) without the slow sort of 16-byte keys; ``False`` may be a false alarm."""
    head = np.ascontiguousarray(keys).view("<u8")[::2]
    return len(np.unique(head)) == len(keys)


class _Sweep:
    """One run of a sweep: its plan, its store and its files."""

    def __init__(self, spec: SweepSpec, store: SweepStore, size: int,
                 timeout_s: float | None, out: Path | None) -> None:
        self.spec, self.store, self.size, self.timeout_s, self.out = (spec, store, size,
                                                                      timeout_s, out)
        self.cls = spec.concept_class
        self.version = model_version(self.cls, spec.mode)
        self.outputs = output_schema(spec.concept, spec.mode)
        self.schema = results_schema(spec, self.outputs)
        self.points = spec.points()
        self.fixed = spec.resolved_fixed()
        self.others = [v for v in store.versions(self.cls.name, spec.mode) if v != self.version]
        # A design given more than once (listed twice, rounded to the same whole number) is
        # evaluated once. Within a chunk always; across chunks for sweeps of up to MAX_POINTS
        # rows, whose keys are made up front to find the repeats: the first occurrence's row
        # is kept for the later ones (a bigger sweep evaluates a repeat once per chunk).
        self.keys: dict[int, np.ndarray] = {}
        self.repeated: set[bytes] = set()
        if spec.n_rows <= MAX_POINTS:
            for era in spec.eras:
                keys = point_keys(self.cls, self.points, self.fixed, era, spec.mode,
                                  self.version)
                if not _all_distinct(keys):
                    unique, counts = np.unique(keys, return_counts=True)
                    self.repeated.update(k.tobytes() for k in unique[counts > 1])
                self.keys[era] = keys
        self.echoes: dict[bytes, pa.Table | None] = {}  # a repeat's row, once evaluated
        self.batches: dict[int, pa.Table | None] = {}   # the last stored batches read
        self.computed = self.reused = self.outdated = 0
        #: Rows that failed for a reason a rerun may not have (not stored).
        self.transient = 0

    def chunks(self) -> Iterator[_Chunk]:
        """Every chunk, in table order, with its stored rows filled in."""
        n = self.spec.n_points
        for era in self.spec.eras:
            for lo in range(0, n, self.size):
                yield self._plan(era, lo, min(n, lo + self.size))

    def _slice(self, lo: int, hi: int) -> dict[str, np.ndarray]:
        return {k: v[lo:hi] for k, v in self.points.items()}

    def _plan(self, era: int, lo: int, hi: int) -> _Chunk:
        spec, name = self.spec, self.cls.name
        keys = self.keys[era][lo:hi] if era in self.keys else \
            point_keys(self.cls, self._slice(lo, hi), self.fixed, era, spec.mode, self.version)
        chunk = _Chunk(era=era, lo=lo, hi=hi, keys=keys)
        found, batches, rows = self.store.lookup(keys, name, self.version, spec.mode)
        for batch in np.unique(batches[found]).tolist():
            table = self._read(batch)
            select = np.flatnonzero(found & (batches == batch))
            if table is None:  # damaged: dropped from the store, computed again
                found[select] = False
                continue
            chunk.parts.append((select, take(table, rows[select])))
        self.reused += int(found.sum())
        if self.repeated and not found.all():  # repeats of rows an earlier chunk evaluates
            for row in np.flatnonzero(~found).tolist():
                if keys[row].tobytes() in self.echoes:
                    chunk.echoes.append(row)
                    found[row] = True
        if not found.all():
            missing = np.flatnonzero(~found)
            chunk.copies = np.full(chunk.n, -1, dtype=np.intp)
            if _all_distinct(keys[missing]):
                chunk.need = missing
                chunk.copies[missing] = np.arange(len(missing))
            else:
                _, first, inverse = np.unique(keys[missing], return_index=True,
                                              return_inverse=True)
                order = np.argsort(first)  # evaluate in row order
                rank = np.empty_like(order)
                rank[order] = np.arange(len(order))
                chunk.need = missing[first[order]]
                chunk.copies[missing] = rank[inverse.ravel()]
            self._remember(keys, chunk.need)
            if self.others:
                self.outdated += self._outdated(era, lo, chunk.need)
        return chunk

    def _read(self, batch: int) -> pa.Table | None:
        """A stored batch (``None``: damaged), read once for the chunks it serves in a row:
        chunks of another size than the stored batches' touch one batch several times."""
        if batch not in self.batches:
            if len(self.batches) >= 4:
                del self.batches[next(iter(self.batches))]
            self.batches[batch] = self.store.read(batch)
        return self.batches[batch]

    def _remember(self, keys: np.ndarray, need: np.ndarray) -> None:
        """Mark the repeated designs this chunk evaluates (their rows serve later chunks)."""
        if self.repeated:
            for key in keys[need]:
                if key.tobytes() in self.repeated:
                    self.echoes[key.tobytes()] = None

    def _outdated(self, era: int, lo: int, need: np.ndarray) -> int:
        """How many of ``need`` the store holds from other versions of the model's code."""
        subset = {k: v[lo + need] for k, v in self.points.items()}
        earlier = np.zeros(len(need), dtype=bool)
        for other in self.others:
            keys = point_keys(self.cls, subset, self.fixed, era, self.spec.mode, other)
            earlier |= self.store.lookup(keys, self.cls.name, other, self.spec.mode)[0]
        return int(earlier.sum())

    def task(self, chunk: _Chunk, rows: np.ndarray) -> Task:
        """The task evaluating ``rows`` of the chunk."""
        columns = {k: v[chunk.lo + rows] for k, v in self.points.items()}
        folders: tuple[str, ...] = ()
        if self.spec.exports:
            design = point_keys(self.cls, columns, self.fixed, chunk.era, "cad", self.version)
            folders = tuple(point_folder(key) for key in design)
        return Task(concept=self.spec.concept, era=chunk.era, mode=self.spec.mode,
                    columns=columns, fixed=self.fixed, timeout_s=self.timeout_s,
                    export_root=str(self.out.resolve()) if folders and self.out else None,
                    export_dirs=folders, version=self.version)

    def record(self, chunk: _Chunk, rows: np.ndarray, result: TaskResult) -> None:
        """Store what a task computed (not its transient failures) and keep it for the
        chunk's rows."""
        n = len(rows)
        table = outputs_table(result.outputs, result.errors, self.outputs, n)
        self.computed += n
        keep = np.ones(n, dtype=bool)
        keep[list(result.retry)] = False
        self.transient += n - int(keep.sum())
        if keep.any() and self.out is not None:  # without a folder nothing resumes
            stored = table if keep.all() else take(table, keep)
            self.store.write_soon(concept=self.cls.name, version=self.version,
                                  mode=self.spec.mode, era=chunk.era,
                                  keys=chunk.keys[rows[keep]], table=stored)
        self._keep(chunk, rows, table)

    def fail(self, chunk: _Chunk, rows: np.ndarray, error: str) -> None:
        """Rows that could not be evaluated in this run (not stored: a rerun retries them)."""
        n = len(rows)
        self.transient += n
        self._keep(chunk, rows, outputs_table(missing_outputs(self.outputs, n),
                                              dict.fromkeys(range(n), error), self.outputs, n))

    def _keep(self, chunk: _Chunk, rows: np.ndarray, table: pa.Table) -> None:
        chunk.parts.append((rows, table))
        if self.repeated:
            for i, key in enumerate(chunk.keys[rows]):
                if self.echoes.get(key.tobytes(), 0) is None:
                    self.echoes[key.tobytes()] = take(table, np.array([i]))

    def rows(self, chunk: _Chunk) -> pa.Table:
        """The chunk's rows of the results table."""
        for row in chunk.echoes:  # evaluated by an earlier chunk, emitted before this one
            chunk.parts.append((np.array([row]), self.echoes[chunk.keys[row].tobytes()]))
        if len(chunk.parts) == 1:  # one part holding every row in order: nothing to move
            rows, table = chunk.parts[0]
            if len(rows) == chunk.n and (rows == np.arange(chunk.n)).all():
                return chunk_table(self.schema, self._slice(chunk.lo, chunk.hi), self.fixed,
                                   chunk.era, table)
        where = np.full(chunk.n, -1, dtype=np.intp)  # each row's place in the parts
        offset = 0
        for rows, table in chunk.parts:
            where[rows] = offset + np.arange(len(rows))
            offset += table.num_rows
        if chunk.copies is not None:  # a point given twice: its first occurrence's row
            again = where < 0
            where[again] = where[chunk.need[chunk.copies[again]]]
        outputs = take(pa.concat_tables([table for _, table in chunk.parts]), where)
        return chunk_table(self.schema, self._slice(chunk.lo, chunk.hi), self.fixed, chunk.era,
                           outputs)


# ---- the sweep -----------------------------------------------------------------------------
def run_sweep(spec: SweepSpec, out_dir: str | Path | None = None, *, workers: int = 1,
              executor: Executor | None = None, scheduler: Any = None,
              progress: bool | ProgressCallback | None = None, chunk_size: int | None = None,
              timeout_s: float | None = DEFAULT_TIMEOUT_S,
              results: Sequence[str] = ("parquet",), oversubscribe: bool = False
              ) -> SweepResult:
    """Evaluate every point of ``spec``.

    The process keeps the memory its chunks reuse (on glibc: up to 128 MiB freed at the top of
    its heap is held for the next chunk, from then on; see
    :func:`~keidesign.sweep.heap.keep_freed_memory`), and numpy's BLAS runs on one thread
    while the sweep runs.

    Args:
        spec: the sweep.
        out_dir: folder for the results files, the resumable ``sweep.sqlite`` and its lock
            (created), and ``designs/<point id>/`` folders when ``spec.exports`` asks for each
            design's files; with ``None`` nothing is written, nothing resumes and the table is
            held in memory.
        workers: processes to run points in (spawned; one CadQuery import per worker). At most
            the machine's cores unless ``oversubscribe``.
        executor: any :class:`concurrent.futures.Executor` to run the tasks on instead; it is
            not shut down.
        scheduler: a Dask distributed scheduler address (``"tcp://host:8786"``) or a
            ``distributed.Client``.
        progress: ``True`` for a progress bar on stderr (rate and ETA; shown after a second,
            and only on a terminal), or a callable ``(points done, total)``.
        chunk_size: points per task; default :data:`DEFAULT_CHUNK_SIZE` for analysis-only
            sweeps and 1 for CAD sweeps. Keep it the same to resume a sweep exactly.
        timeout_s: per-point time-out of CAD points, seconds (``None``: none). In worker
            processes (every CAD sweep that runs on neither ``executor`` nor ``scheduler``) a
            point that overruns is stopped by killing its worker.
        results: the results files to write (:data:`~keidesign.sweep.results.RESULT_FORMATS`:
            ``"parquet"``, ``"csv"``).
        oversubscribe: allow more ``workers`` than the machine has cores.

    Returns:
        The counts, the files, and the table (read on first use).

    Raises:
        ParameterError: bad ``workers``, ``chunk_size``, ``timeout_s`` or ``results``, both
            ``executor`` and ``scheduler``, or ``spec.exports`` without ``out_dir``.
        SweepBusyError: another sweep is writing into ``out_dir``.
        StoreError: the store cannot be opened or written, or is damaged beyond a batch.
        ExportError: the results cannot be written.
        WorkerError: the worker processes could not start.
        ConceptError: the concept's code cannot evaluate arrays of designs (the message names
            the exception and the line), or changed while the sweep ran.
    """
    start = time.perf_counter()
    formats = check_options(spec, out_dir, workers=workers, executor=executor,
                            scheduler=scheduler, chunk_size=chunk_size, timeout_s=timeout_s,
                            results=results)
    workers = _cap_workers(workers, oversubscribe)
    size = chunk_size or (1 if spec.cad else DEFAULT_CHUNK_SIZE)
    out = Path(out_dir) if out_dir is not None else None
    keep_freed_memory()             # chunk after chunk reuses the same large blocks
    with ExitStack() as stack:
        stack.enter_context(one_blas_thread())
        if out is not None:
            stack.enter_context(lock_folder(out))
            out.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(out)
        store = stack.enter_context(SweepStore(out / STORE_FILE if out else None))
        sweep = _Sweep(spec, store, size, timeout_s, out)
        n_tasks = math.ceil(spec.n_points / size) * len(spec.eras)
        backend = _open_backend(spec, workers, executor, scheduler, n_tasks, stack)
        writer = stack.enter_context(ResultsWriter(out, sweep.schema, formats)) \
            if out is not None else None
        kept: list[pa.Table] = []
        tally = Tally()
        bar = _Progress(progress, spec.n_rows, sweep.cls.name)
        stack.callback(bar.close)

        def emit(chunk: _Chunk) -> None:
            rows = sweep.rows(chunk)
            tally.add(rows)
            if writer is not None:
                writer.write(rows)
            else:
                kept.append(rows)
            bar.update(chunk.n)

        _drive(sweep, backend, emit)
        store.close_soon()  # its last sync to disk overlaps the results' last rows
        if out is not None:  # results files of other formats describe an earlier run
            for fmt, name in RESULT_FILES.items():
                if fmt not in formats:
                    (out / name).unlink(missing_ok=True)
    if sweep.transient:
        logger.warning("%d points failed for a reason a rerun may not have (a time-out, a "
                       "worker that died); they are not stored, so running the sweep again "
                       "retries them", sweep.transient)
    return SweepResult(
        spec=spec, seconds=time.perf_counter() - start, computed=sweep.computed,
        reused=sweep.reused, outdated=sweep.outdated, damaged=store.dropped,
        points=tally.rows, n_ok=tally.ok, n_failed=tally.failed, n_fits=tally.fits,
        errors=tuple(tally.errors.most_common()), out_dir=out,
        files=dict(writer.paths) if writer is not None else {},
        store_path=out / STORE_FILE if out else None,
        _arrow=None if writer is not None else (
            pa.concat_tables(kept) if kept else sweep.schema.empty_table()))


def _drive(sweep: _Sweep, backend: Any, emit: Callable[[_Chunk], None]) -> None:
    """Plan, submit, collect and emit every chunk in order, a bounded window at a time."""
    plan = sweep.chunks()
    window = 2 * backend.slots + 2  # chunks planned but not yet emitted
    queue: list[_Chunk] = []  # planned, in table order
    pending: dict[Future[TaskResult], tuple[_Chunk, np.ndarray, int]] = {}

    def submit(chunk: _Chunk, rows: np.ndarray, attempt: int = 1) -> None:
        chunk.running += 1
        pending[backend.submit(sweep.task(chunk, rows))] = (chunk, rows, attempt)

    exhausted = False
    try:
        while True:
            while not exhausted and len(queue) < window:
                chunk = next(plan, None)
                if chunk is None:
                    exhausted = True
                    break
                queue.append(chunk)
                if len(chunk.need):
                    submit(chunk, chunk.need)
            while queue and not queue[0].running:
                emit(queue.pop(0))
            if not pending:
                if exhausted and not queue:
                    return
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk, rows, attempt = pending.pop(future)
                chunk.running -= 1
                _collect(sweep, chunk, rows, attempt, future, submit)
    except BaseException:
        for future in pending:
            future.cancel()
        raise


def _collect(sweep: _Sweep, chunk: _Chunk, rows: np.ndarray, attempt: int,
             future: Future[TaskResult], submit: Callable[..., None]) -> None:
    """Store a finished task's result, or decide what its failure means: a task whose worker
    was stopped by its time-out is split into its points (one of them is stuck) and a point
    that overruns alone fails; a task whose worker died runs again, up to
    :data:`~keidesign.sweep.backends.MAX_ATTEMPTS` times."""
    try:
        result = future.result()
    except ConceptError:  # the concept's code, not a point or the machine: stop
        raise
    except TaskKilled:
        if len(rows) > 1:
            for row in rows:
                submit(chunk, np.array([row]))
            return
        sweep.fail(chunk, rows, f"{PointTimeoutError.__name__}: the point took longer than "
                                f"its time-out of {sweep.timeout_s:g} s (its worker process "
                                f"was stopped)")
    except WorkerDied as err:
        if attempt < MAX_ATTEMPTS:
            logger.warning("a sweep worker process died (%s); running its %d points again",
                           err, len(rows))
            submit(chunk, rows, attempt + 1)
            return
        sweep.fail(chunk, rows, f"WorkerError: the worker process evaluating the point died "
                                f"{attempt} times (last: {err})")
    except Exception as err:  # the backend failed, not the point: not stored
        logger.warning("a sweep task of %d points failed: %s", len(rows), err)
        sweep.fail(chunk, rows, f"{type(err).__name__}: {err}")
    else:
        sweep.record(chunk, rows, result)


def _open_backend(spec: SweepSpec, workers: int, executor: Executor | None, scheduler: Any,
                  n_tasks: int, stack: ExitStack) -> Any:
    if executor is not None:
        slots = getattr(executor, "_max_workers", None) or machine_cores()
        return ExecutorBackend(executor, slots)
    if scheduler is not None:
        backend, client = dask_backend(scheduler)
        if client is not None:
            stack.callback(client.close)
        return backend
    if workers > 1 or spec.cad:
        pool = PoolBackend(max(1, min(workers, n_tasks)), cad=spec.cad)
        stack.push(lambda kind, *_: pool.close(cancel=kind is not None))
        return pool
    return InlineBackend()


#: The folders whose lock this thread holds (see :func:`lock_folder`), by lock file path.
_HELD = threading.local()


@contextmanager
def lock_folder(out_dir: str | Path) -> Iterator[None]:
    """Hold a sweep output folder's lock (``sweep.lock``, created with the folder): one sweep
    at a time writes into a folder. :func:`run_sweep` takes it for itself; hold it around
    ``run_sweep`` to keep reading the folder's results as that run left them (what
    ``keidesign sweep`` does for its summary, plots and best designs). Re-entrant within a
    thread: inside a hold, taking it again is the same hold.

    Raises:
        SweepBusyError: another sweep holds it (this does not wait).
    """
    from filelock import FileLock, Timeout

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_FILE
    held: set[Path] = _HELD.__dict__.setdefault("paths", set())
    key = path.resolve()
    if key in held:
        yield
        return
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        try:
            holder = f"process {int(path.read_text(encoding='ascii').strip())}"
        except (OSError, ValueError):
            holder = "it"
        raise SweepBusyError(f"another sweep is writing into {quote(str(out))} ({holder} holds "
                             f"{LOCK_FILE}); wait for it to finish or give another output "
                             f"folder") from None
    held.add(key)
    try:
        path.write_text(f"{os.getpid()}\n", encoding="ascii")  # who holds it, for that message
        yield
    finally:
        held.discard(key)
        lock.release()


def _cap_workers(workers: int, oversubscribe: bool) -> int:
    cores = machine_cores()
    if workers > cores and not oversubscribe:
        logger.warning("%d workers asked for, %d used: the machine has %d core%s (pass "
                       "oversubscribe=True, --oversubscribe, to run more)", workers, cores,
                       cores, "" if cores == 1 else "s")
        return cores
    return workers


def check_options(spec: SweepSpec, out_dir: Any = None, *, workers: int,
                  chunk_size: int | None, timeout_s: float | None, results: Sequence[str],
                  executor: Executor | None = None, scheduler: Any = None) -> tuple[str, ...]:
    """Check :func:`run_sweep`'s options before anything is written (its defaults are
    :func:`run_sweep`'s own).

    Returns:
        The results formats.

    Raises:
        ParameterError: as :func:`run_sweep`.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ParameterError(f"'workers' must be a whole number of at least 1 "
                             f"(got {quote(workers)})", name="workers", value=workers)
    if executor is not None and scheduler is not None:
        raise ParameterError("give an executor or a scheduler, not both", name="scheduler")
    if chunk_size is not None and (isinstance(chunk_size, bool) or not isinstance(chunk_size, int)
                                   or chunk_size < 1):
        raise ParameterError(f"'chunk_size' must be a whole number of at least 1 "
                             f"(got {quote(chunk_size)})", name="chunk_size", value=chunk_size)
    if timeout_s is not None and (isinstance(timeout_s, bool) or not isinstance(
            timeout_s, (int, float)) or not 0 < timeout_s < math.inf):
        raise ParameterError(f"'timeout_s' must be a positive number of seconds "
                             f"(got {quote(timeout_s)})", name="timeout_s", value=timeout_s)
    if spec.exports and out_dir is None:
        raise ParameterError(f"a sweep that writes each design's files "
                             f"({', '.join(spec.exports)}) needs an output folder (out_dir)",
                             name="out_dir")
    formats = (results,) if isinstance(results, str) else tuple(results)
    bad = [f for f in formats if f not in RESULT_FORMATS]
    if bad or not formats or len(set(formats)) != len(formats):
        raise ParameterError(f"'results' must be one or more of "
                             f"{', '.join(map(repr, RESULT_FILES))}, each once "
                             f"(got {quote(results)})", name="results", value=results)
    return formats
