"""The results table of a sweep: its Arrow schema, its rows chunk by chunk, and its files.

One row per point. Columns, in order: the varied parameters, every other parameter (the fixed
overrides and the defaults), ``era``, the output columns (see
:func:`keidesign.sweep.evaluate.output_schema`), then ``status`` (``"ok"`` or ``"failed"``) and
``error`` (``""`` when ok). A failed point's outputs are missing (null in the files; NaN and
``<NA>`` in the DataFrame).

Files (pyarrow writes both, chunk by chunk, so memory does not grow with the sweep; each is
written to a temp file renamed into place when complete, so a killed sweep leaves no
half-written table):

- ``results.parquet`` (the default): typed columns, read back with :func:`read_results` or
  ``pandas.read_parquet``;
- ``results.csv`` (on request): floats in their shortest exact form, bools as
  ``true``/``false``, missing values as empty fields; :func:`read_results` with the sweep's
  spec reads it back to the same table.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from keidesign.errors import ExportError, ParameterError
from keidesign.export.atomic import atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from keidesign.sweep.spec import SweepSpec

__all__ = ["RESULT_FORMATS", "RESULT_FILES", "results_schema", "outputs_table",
           "chunk_table", "take", "ResultsWriter", "Tally", "read_results", "scan", "to_pandas"]

#: The formats the results table can be written in, and their files.
RESULT_FILES = {"parquet": "results.parquet", "csv": "results.csv"}
RESULT_FORMATS = tuple(RESULT_FILES)
#: Rows per Parquet row group: big enough that the file's footer stays small for millions of
#: rows, small enough to buffer (~40 MB for a cab-over truck's ~190 columns).
ROW_GROUP_ROWS = 32_768

_ARROW_TYPES = {"f": pa.float64(), "b": pa.bool_(), "U": pa.string()}


def results_schema(spec: SweepSpec, outputs: Sequence[tuple[str, str]]) -> pa.Schema:
    """The Arrow schema of a sweep's table (see the module docstring for the order).

    Args:
        spec: the sweep.
        outputs: (name, kind) of the output columns, kinds ``"f"``, ``"b"``, ``"U"``.
    """
    specs = spec.concept_class.specs()
    kinds = {"choice": pa.string(), "int": pa.int64(), "float": pa.float64()}
    names = list(spec.varied_names) + [n for n in specs if n not in spec.varied_names]
    fields = [pa.field(n, kinds[specs[n].kind]) for n in names]
    fields.append(pa.field("era", pa.int64()))
    fields += [pa.field(name, _ARROW_TYPES[kind]) for name, kind in outputs]
    fields += [pa.field("status", pa.string()), pa.field("error", pa.string())]
    return pa.schema(fields)


def _strings(texts: Sequence[str | None]) -> pa.Array:
    """A string column from Python text (``None``: null)."""
    encoded = [b"" if t is None else t.encode() for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype="<i4")
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    nulls = np.array([t is None for t in texts], dtype=bool)
    valid = pa.py_buffer(np.packbits(~nulls, bitorder="little")) if nulls.any() else None
    return pa.Array.from_buffers(pa.string(), len(encoded),
                                 [valid, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))],
                                 null_count=int(nulls.sum()))


@functools.lru_cache(maxsize=1024)
def _repeat(value: Any, n: int, type_: pa.DataType) -> pa.Array:
    """(n,) copies of one value, built without n Python objects (and once per value and
    length: arrays are immutable, every chunk of a sweep shares them)."""
    if pa.types.is_string(type_):
        data = str(value).encode()
        offsets = np.arange(n + 1, dtype="<i4") * len(data)
        return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets),
                                                      pa.py_buffer(data * n)], null_count=0)
    return _numeric(np.full(n, value), type_)


def _numeric(values: np.ndarray, type_: pa.DataType, mask: np.ndarray | None = None,
             ) -> pa.Array:
    """A float64, int64 or bool column from (n,) values (null where ``mask``), sharing the
    array's memory where it can. (``pa.array`` would do, but imports pandas on first use: a
    quarter of a second of every sweep command.)"""
    n = len(values)
    if pa.types.is_boolean(type_):
        data = pa.py_buffer(np.packbits(np.asarray(values, dtype=bool), bitorder="little"))
    else:
        dtype = "<i8" if pa.types.is_integer(type_) else "<f8"
        data = pa.py_buffer(np.ascontiguousarray(values, dtype=dtype))
    if mask is None or not mask.any():
        return pa.Array.from_buffers(type_, n, [None, data], null_count=0)
    valid = pa.py_buffer(np.packbits(~mask, bitorder="little"))
    return pa.Array.from_buffers(type_, n, [valid, data], null_count=int(mask.sum()))


def take(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """``table``'s rows ``rows`` ((k,) integer indices, or an (n,) bool mask), in order."""
    rows = np.asarray(rows)
    if rows.dtype == bool:
        return table.filter(_numeric(rows, pa.bool_()))
    return table.take(_numeric(rows, pa.int64()))


def _text(values: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    """A text column: components' names and the like, few distinct values per chunk."""
    n = len(values)
    if n and (mask is None or not mask.any()) and (values == values[0]).all():
        return _repeat(str(values[0]), n, pa.string())
    texts: list[str | None] = [str(v) for v in values.tolist()]
    if mask is not None:
        for i in np.flatnonzero(mask).tolist():
            texts[i] = None
    return _strings(texts)


def outputs_table(outputs: Mapping[str, np.ndarray], errors: Mapping[int, str],
                  schema: Sequence[tuple[str, str]], n: int) -> pa.Table:
    """A task's outputs as the store keeps them: the output columns (null where the point
    failed) and ``error`` (null where it evaluated).

    Args:
        outputs: column → (n,) values (anything where the point failed).
        errors: row → error text, for the points that failed.
        schema: (name, kind) of the output columns.
        n: how many points.
    """
    mask = None
    if errors:
        mask = np.zeros(n, dtype=bool)
        mask[list(errors)] = True
    columns = []
    for name, kind in schema:
        values = outputs[name]
        if kind == "U":
            columns.append(_text(values, mask))
        else:
            columns.append(_numeric(values, _ARROW_TYPES[kind], mask))
    if errors:
        text: list[str | None] = [None] * n
        for row, error in errors.items():
            text[row] = error
        columns.append(_strings(text))
    else:
        columns.append(pa.nulls(n, pa.string()))
    return pa.Table.from_arrays(columns, names=[name for name, _ in schema] + ["error"])


def chunk_table(schema: pa.Schema, points: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
                era: int, outputs: pa.Table) -> pa.Table:
    """Rows of the results table.

    Args:
        schema: the table's schema (:func:`results_schema`).
        points: varied parameter → (n,) values of these rows.
        fixed: every other parameter's value.
        era: the rows' regulation year.
        outputs: the rows' outputs and ``error``, as :func:`outputs_table` makes them.
    """
    n = outputs.num_rows
    any_failed = outputs.column("error").null_count < n
    columns: list[pa.Array | pa.ChunkedArray] = []
    for field in schema:
        name = field.name
        if name in points:
            values = points[name]
            columns.append(_text(values, None) if pa.types.is_string(field.type)
                           else _numeric(values, field.type))
        elif name in fixed:
            columns.append(_repeat(fixed[name], n, field.type))
        elif name == "era":
            columns.append(_repeat(int(era), n, pa.int64()))
        elif name == "status":
            if any_failed:
                failed = outputs.column("error").is_valid()
                columns.append(_strings(["ok", "failed"]).take(failed.cast(pa.int8())))
            else:
                columns.append(_repeat("ok", n, pa.string()))
        elif name == "error":
            if any_failed:
                import pyarrow.compute as pc   # (only where rows failed: ~30 ms to import)

                columns.append(pc.coalesce(outputs.column("error"),
                                           _repeat("", n, pa.string())))
            else:
                columns.append(_repeat("", n, pa.string()))
        else:
            columns.append(outputs.column(name))
    return pa.Table.from_arrays(columns, schema=schema)


class Tally:
    """Counts kept while the table streams past: rows, ok, failed, fitting, error texts."""

    def __init__(self) -> None:
        self.rows = self.ok = self.failed = self.fits = 0
        self.errors: collections.Counter[str] = collections.Counter()

    def add(self, table: pa.Table) -> None:
        """Count one chunk of the results table."""
        n = table.num_rows
        status = table.column("status")
        n_failed = 0
        if not status.equals(pa.chunked_array([_repeat("ok", n, pa.string())])):
            import pyarrow.compute as pc   # (only where rows failed: ~30 ms to import)

            failed = pc.equal(status, _repeat("failed", n, pa.string()))
            n_failed = pc.sum(failed).as_py() or 0
            self.errors.update(table.column("error").filter(failed).to_pylist())
        self.rows += n
        self.failed += n_failed
        self.ok += n - n_failed
        if "fits" in table.column_names:  # null where the point failed: not counted
            self.fits += sum(chunk.true_count for chunk in table.column("fits").chunks)


class ResultsWriter:
    """Writes the results table in row order, chunk by chunk, into ``results.<format>`` files
    of a folder; they appear (atomically) when :meth:`close` completes.

    Use as a context manager: leaving it by an exception leaves the previous files as they
    were and removes the temp files.

    Args:
        folder: the sweep's output folder.
        schema: the table's schema.
        formats: any of :data:`RESULT_FORMATS`.
    """

    def __init__(self, folder: Path, schema: pa.Schema, formats: Sequence[str]) -> None:
        self.paths = {fmt: folder / RESULT_FILES[fmt] for fmt in formats}
        self._stack = ExitStack()
        self._buffer: list[pa.Table] = []
        self._buffered = 0
        self._parquet = self._csv = None
        self._writing: Future[None] | None = None
        try:
            if "parquet" in formats:
                import pyarrow.parquet as pq

                tmp = self._stack.enter_context(atomic_write(self.paths["parquet"]))
                # No dictionary pages: most columns are distinct floats, and zstd alone makes
                # a smaller file (8 MB for 50,000 points of 190 columns) in ~60 % of the time.
                self._parquet = self._stack.enter_context(
                    pq.ParquetWriter(tmp, schema, compression="zstd", use_dictionary=False))
            if "csv" in formats:
                import pyarrow.csv as pcsv

                tmp = self._stack.enter_context(atomic_write(self.paths["csv"]))
                self._csv = self._stack.enter_context(pcsv.CSVWriter(str(tmp), schema))
        except OSError as err:
            self._stack.close()
            raise ExportError(f"cannot write the results in {folder}: {err}") from err
        # Row groups are encoded and written on a thread (pyarrow releases the GIL), one at a
        # time, while the next chunks are evaluated; it stops before the writers close.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keidesign-results")
        self._stack.callback(self._thread.shutdown)

    def __enter__(self) -> ResultsWriter:
        self._stack.__enter__()
        return self

    def __exit__(self, *exc: Any) -> bool:
        if exc[0] is not None:  # the files go (the thread's shutdown, first out of the stack,
            return bool(self._stack.__exit__(*exc))   # lets the row group in flight finish)
        try:
            self._flush(last=True)
            return bool(self._stack.__exit__(None, None, None))
        except OSError as err:  # the writers' last bytes (the Parquet footer)
            raise ExportError(f"cannot write the sweep's results: {err}") from err
        except BaseException as err:  # the files are incomplete: removed, not renamed
            if not self._stack.__exit__(type(err), err, err.__traceback__):
                raise
            return False

    def write(self, table: pa.Table) -> None:
        """Append rows (in the table's order)."""
        self._buffer.append(table)
        self._buffered += table.num_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self, last: bool = False) -> None:
        if self._writing is not None:
            self._writing.result()  # one row group in flight; its errors surface here
            self._writing = None
        if self._buffer:
            table = pa.concat_tables(self._buffer)
            self._buffer, self._buffered = [], 0
            self._writing = self._thread.submit(self._write, table)
        if last and self._writing is not None:
            self._writing.result()
            self._writing = None

    def _write(self, table: pa.Table) -> None:
        try:
            if self._parquet is not None:
                self._parquet.write_table(table, row_group_size=len(table))
            if self._csv is not None:
                self._csv.write_table(table)
        except OSError as err:
            raise ExportError(f"cannot write the sweep's results: {err}") from err


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """The results table as a DataFrame: floats (NaN where missing), int64 for whole-number
    parameters, nullable ``boolean`` for bool outputs and text for the rest."""
    import pandas as pd

    return table.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get)


def _csv_options(spec: SweepSpec | None, columns: Sequence[str] | None) -> dict[str, Any]:
    import pyarrow.csv as pcsv

    types = None
    if spec is not None:
        from keidesign.sweep.evaluate import output_schema

        types = results_schema(spec, output_schema(spec.concept, spec.mode))
    return {"parse_options": pcsv.ParseOptions(newlines_in_values=True),
            "convert_options": pcsv.ConvertOptions(
                column_types=types, include_columns=list(columns) if columns else None,
                strings_can_be_null=True, quoted_strings_can_be_null=False)}


def _check_suffix(path: Path) -> None:
    if path.suffix not in (".parquet", ".csv"):
        raise ParameterError(f"a sweep's results are a .parquet or .csv file (got "
                             f"{str(path)[-200:]!r})", name="path", value=str(path))


def read_results(path: str | Path, spec: SweepSpec | None = None,
                 columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a sweep's ``results.parquet`` or ``results.csv`` back into the sweep's table.

    Args:
        path: the file.
        spec: for a CSV file, the sweep that wrote it: its column types make the table equal
            to the one the sweep returned (without it, types are inferred from the text).
        columns: read only these columns.

    Raises:
        ParameterError: not a ``.parquet`` or ``.csv`` file.
        ExportError: the file cannot be read.
    """
    path = Path(path)
    _check_suffix(path)
    try:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path, columns=list(columns) if columns else None)
        else:
            import pyarrow.csv as pcsv

            table = pcsv.read_csv(path, **_csv_options(spec, columns))
    except (OSError, pa.ArrowInvalid) as err:
        raise ExportError(f"cannot read {path}: {err}") from err
    return to_pandas(table)


def scan(source: pa.Table | str | Path, spec: SweepSpec | None = None,
         rows: int = ROW_GROUP_ROWS, columns: Sequence[str] | None = None
         ) -> Iterator[pd.DataFrame]:
    """The results table ``rows`` at a time (a Parquet row group at a time, a CSV a block at a
    time), as DataFrames indexed by row number: memory does not grow with the table.

    Args:
        source: the table, or its ``results.parquet`` or ``results.csv``.
        spec: for a CSV file, the sweep that wrote it (as :func:`read_results`).
        rows: rows per DataFrame (a Parquet file's; a CSV file's blocks are ~1 MB).
        columns: only these columns (all by default).
    """
    if isinstance(source, pa.Table):
        table = source if columns is None else source.select(list(columns))
        batches: Iterator[pa.RecordBatch] = iter(table.to_batches(max_chunksize=rows))
    else:
        path = Path(source)
        _check_suffix(path)
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            batches = pq.ParquetFile(path).iter_batches(
                batch_size=rows, columns=None if columns is None else list(columns))
        else:
            import pyarrow.csv as pcsv

            batches = iter(pcsv.open_csv(path, **_csv_options(spec, columns)))
    start = 0
    for batch in batches:
        frame = to_pandas(pa.Table.from_batches([batch]))
        frame.index += start
        start += len(frame)
        yield frame
