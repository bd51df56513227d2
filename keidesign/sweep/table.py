"""The results table of a sweep, as a DataFrame and as ``results.csv`` (written atomically).

One row per point. Columns, in order: the varied parameters, every other parameter (the fixed
overrides and the defaults), ``era``, the output columns (see
:func:`keidesign.sweep.evaluate.output_schema`), then ``status`` (``"ok"`` or ``"failed"``) and
``error`` (``""`` when ok). A failed point's outputs are missing (NaN, ``<NA>``).

The CSV writer formats each column at once (and each distinct value once), because float
formatting, not I/O, is what limits CSV speed; floats are written with ``repr`` so they read
back exactly, missing values as empty fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from keidesign.errors import ExportError
from keidesign.export.atomic import atomic_write
from keidesign.parameters.spec import ParameterSpec

__all__ = ["build_table", "write_csv"]


def build_table(*, specs: Mapping[str, ParameterSpec], varied: Sequence[str],
                points: Mapping[str, np.ndarray], fixed: Mapping[str, Any], era: np.ndarray,
                outputs: Mapping[str, np.ndarray], schema: tuple[tuple[str, str], ...],
                errors: np.ndarray) -> pd.DataFrame:
    """Assemble the results table.

    Args:
        specs: the concept's parameter specs (declaration order and kinds).
        varied: the varied parameters, in the sweep's order.
        points: varied name → (n,) values of every row.
        fixed: every other parameter's value.
        era: (n,) int, each row's regulation year.
        outputs: output column → (n,) values.
        schema: (name, kind) of the output columns, in order.
        errors: (n,) object, error text of failed rows, ``None`` for the rest.

    Returns:
        The table, one row per point.
    """
    n = len(era)
    failed = np.array([e is not None for e in errors], dtype=bool)
    data: dict[str, Any] = {}

    def param_column(name: str, values: Any) -> Any:
        spec = specs[name]
        arr = np.broadcast_to(np.asarray(values), (n,))
        if spec.kind == "choice":
            return np.asarray(arr, dtype=object)
        if spec.kind == "int":
            return np.asarray(arr, dtype=np.int64)
        return np.asarray(arr, dtype=float)

    for name in varied:
        data[name] = param_column(name, points[name])
    for name in specs:
        if name not in points:
            data[name] = param_column(name, fixed[name])
    data["era"] = np.asarray(era, dtype=np.int64)
    for name, kind in schema:
        values = outputs[name]
        if kind == "b":
            data[name] = pd.arrays.BooleanArray(np.asarray(values, dtype=bool), failed.copy())
        elif kind == "U":
            col = np.asarray(values, dtype=object).copy()
            col[failed] = None
            data[name] = col
        else:
            data[name] = np.asarray(values, dtype=float)
    data["status"] = np.where(failed, "failed", "ok").astype(object)
    data["error"] = np.where(failed, errors, "").astype(object)
    return pd.DataFrame(data)


def _quote(text: str) -> str:
    if any(c in text for c in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _field(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(value)
    return _quote(str(value))


def _format_column(series: pd.Series) -> list[str]:
    """Every value of one column as CSV fields (missing values empty)."""
    if pd.api.types.is_float_dtype(series.dtype):
        arr = series.to_numpy(dtype=float)
        unique, inverse = np.unique(arr, return_inverse=True)
        if len(unique) > len(arr) // 2:  # mostly distinct: format each value
            fields = list(map(repr, arr.tolist()))
            for i in np.flatnonzero(np.isnan(arr)).tolist():
                fields[i] = ""
            return fields
        labels = np.array(["" if np.isnan(v) else repr(v) for v in unique.tolist()] + [""],
                          dtype=object)
        return labels[inverse.reshape(-1)].tolist()
    # Text, bool and int columns hold few distinct values: format each once.
    codes, unique = pd.factorize(series, use_na_sentinel=True)
    labels = np.array([_field(v) for v in unique.tolist()] + [""], dtype=object)
    return labels[codes].tolist()  # code −1 (missing) picks the trailing ""


def write_csv(table: pd.DataFrame, path: str | Path, rows_per_block: int = 16384) -> Path:
    """Write the results table as CSV (header row, then one row per point), atomically.

    Args:
        table: the results table.
        path: the file to write.
        rows_per_block: rows formatted at a time (bounds memory).

    Raises:
        ExportError: the file could not be written (an existing file is left as it was).
    """
    path = Path(path)
    with atomic_write(path) as tmp:
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(",".join(_quote(str(c)) for c in table.columns) + "\n")
                for start in range(0, len(table), rows_per_block):
                    block = table.iloc[start:start + rows_per_block]
                    columns = [_format_column(block[c]) for c in block.columns]
                    f.write("\n".join(map(",".join, zip(*columns))) + "\n")
        except OSError as err:
            raise ExportError(f"cannot write {path}: {err}") from err
    return path
