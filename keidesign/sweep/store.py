"""The resumable sweep store: SQLite, one committed transaction per batch of points.

Layout of ``sweep.sqlite``::

    meta(name TEXT PRIMARY KEY, value TEXT)          -- format version
    batches(id INTEGER PRIMARY KEY,
            concept, version, mode, era,            -- what the points are (version: the
                                                    -- model version, keys.model_version)
            n INTEGER,                              -- how many points
            keys BLOB,                              -- n × 16-byte point keys (keys.py)
            columns TEXT,                           -- JSON: name, dtype, categories
            data BLOB,                              -- the output columns, column after column
            errors TEXT)                            -- JSON: point index → error text

Each batch is written in one transaction, so a sweep killed at any moment leaves whole batches
and nothing else; running it again computes only the points whose keys are missing. Outputs are
stored column-wise (float64, uint8 for bools, int32 codes plus a category list for text): a
batch of thousands of points is one row, which keeps writes far below the cost of analysing
the points (a row per point with ~80 columns costs more than the analysis itself). Read the
table back with :meth:`SweepStore.gather`, or use the ``results.csv`` beside it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from keidesign.errors import KeiDesignError
from keidesign.sweep.keys import KEY_DTYPE

__all__ = ["SweepStore", "StoreError", "STORE_FORMAT", "missing_outputs"]

logger = logging.getLogger("keidesign")

#: Written into ``meta``; a store of another format is refused rather than misread.
STORE_FORMAT = "keidesign-sweep-store/1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    concept TEXT NOT NULL,
    version TEXT NOT NULL,
    mode TEXT NOT NULL,
    era INTEGER NOT NULL,
    n INTEGER NOT NULL,
    keys BLOB NOT NULL,
    columns TEXT NOT NULL,
    data BLOB NOT NULL,
    errors TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_kind ON batches (concept, version, mode);
"""


class StoreError(KeiDesignError, OSError):
    """The sweep store cannot be opened or is not a keidesign sweep store."""


def missing_outputs(schema: tuple[tuple[str, str], ...], n: int) -> dict[str, np.ndarray]:
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


def _encode(outputs: Mapping[str, np.ndarray], schema: tuple[tuple[str, str], ...],
            ) -> tuple[str, bytes]:
    descriptors: list[dict[str, Any]] = []
    parts: list[bytes] = []
    for name, kind in schema:
        values = outputs[name]
        if kind == "b":
            arr = np.asarray(values, dtype=bool).astype("u1")
            descriptors.append({"name": name, "dtype": "|u1", "kind": "b"})
        elif kind == "U":
            categories, codes = np.unique(np.asarray(values, dtype=str), return_inverse=True)
            arr = codes.astype("<i4")
            descriptors.append({"name": name, "dtype": "<i4", "kind": "U",
                                "categories": categories.tolist()})
        else:
            arr = np.asarray(values, dtype="<f8")
            descriptors.append({"name": name, "dtype": "<f8", "kind": "f"})
        parts.append(np.ascontiguousarray(arr).tobytes())
    return json.dumps(descriptors), b"".join(parts)


def _decode(columns_json: str, data: bytes, n: int) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    offset = 0
    for desc in json.loads(columns_json):
        dtype = np.dtype(desc["dtype"])
        arr = np.frombuffer(data, dtype=dtype, count=n, offset=offset)
        offset += n * dtype.itemsize
        if desc["kind"] == "b":
            out[desc["name"]] = arr.astype(bool)
        elif desc["kind"] == "U":
            out[desc["name"]] = np.asarray(desc["categories"], dtype=object)[arr] \
                if n else np.empty(0, dtype=object)
        else:
            out[desc["name"]] = arr
    return out


class SweepStore:
    """Sweep results by point key, in SQLite (a file, or memory when ``path`` is ``None``).

    Use as a context manager, or call :meth:`close`.

    Args:
        path: the database file (created with its folder's parent existing), or ``None``.

    Raises:
        StoreError: the file is not a keidesign sweep store of this format.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        try:
            self._con = sqlite3.connect(":memory:" if self.path is None else str(self.path))
            if self.path is not None:
                self._con.execute("PRAGMA journal_mode=WAL")
                self._con.execute("PRAGMA synchronous=NORMAL")
            with self._con:
                self._con.executescript(_SCHEMA)
                row = self._con.execute("SELECT value FROM meta WHERE name='format'").fetchone()
                if row is None:
                    self._con.execute("INSERT INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
                elif row[0] != STORE_FORMAT:
                    raise StoreError(f"{self.path} is a sweep store of format {row[0]!r}, not "
                                     f"{STORE_FORMAT!r}; use another output folder")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open the sweep store {self.path}: {err}") from err
        self._indexes: dict[tuple[str, str, str], _Index] = {}

    def __enter__(self) -> SweepStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (committed batches stay)."""
        self._con.close()

    # ---- index of stored keys ------------------------------------------------------------
    def _index(self, concept: str, version: str, mode: str) -> _Index:
        kind = (concept, version, mode)
        if kind not in self._indexes:
            index = _Index()
            for batch_id, n, keys in self._con.execute(
                    "SELECT id, n, keys FROM batches WHERE concept=? AND version=? AND mode=? "
                    "ORDER BY id", kind):
                index.add(batch_id, np.frombuffer(keys, dtype=KEY_DTYPE, count=n))
            self._indexes[kind] = index
        return self._indexes[kind]

    def versions(self, concept: str, mode: str) -> list[str]:
        """The model versions the store holds points of, for that concept and mode."""
        rows = self._con.execute("SELECT DISTINCT version FROM batches WHERE concept=? AND "
                                 "mode=? ORDER BY version", (concept, mode)).fetchall()
        return [row[0] for row in rows]

    def contains(self, keys: np.ndarray, concept: str, version: str, mode: str) -> np.ndarray:
        """(n,) bool: which of ``keys`` are stored (for that concept, version and mode)."""
        return self._index(concept, version, mode).lookup(keys)[0]

    # ---- writing -------------------------------------------------------------------------
    def write(self, *, concept: str, version: str, mode: str, era: int, keys: np.ndarray,
              outputs: Mapping[str, np.ndarray], errors: Mapping[int, str],
              schema: tuple[tuple[str, str], ...]) -> None:
        """Store one batch of points in one transaction.

        Args:
            concept: the concept's name.
            version: the model version that computed them (keidesign's version and a
                fingerprint of the code, :func:`~keidesign.sweep.keys.model_version`).
            mode: the sweep's mode (``"fast"``, ``"cad"``, ``"cad+step+…"``).
            era: the regulation year.
            keys: (n,) point keys.
            outputs: column → (n,) values.
            errors: point index → error text, for the points that failed.
            schema: (name, kind) of every output column.

        Raises:
            StoreError: the database could not be written.
        """
        keys = np.ascontiguousarray(keys, dtype=KEY_DTYPE)
        columns, data = _encode(outputs, schema)
        try:
            with self._con:
                cur = self._con.execute(
                    "INSERT INTO batches (concept, version, mode, era, n, keys, columns, data, "
                    "errors, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (concept, version, mode, int(era), len(keys), keys.tobytes(), columns, data,
                     json.dumps({str(k): v for k, v in errors.items()}), time.time()))
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot write to the sweep store {self.path}: {err}") from err
        index = self._indexes.get((concept, version, mode))
        if index is not None:
            index.add(int(cur.lastrowid), keys)

    # ---- reading -------------------------------------------------------------------------
    def gather(self, keys: np.ndarray, *, concept: str, version: str, mode: str,
               schema: tuple[tuple[str, str], ...],
               ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """The stored outputs of ``keys``, in their order.

        Returns:
            ``(outputs, errors, found)``: column → (n,) values (NaN, False or ``""`` where not
            found or failed), (n,) object array of error text (``None`` for points that
            succeeded or were not found), (n,) bool whether each key is stored.
        """
        found, batch_ids, rows = self._index(concept, version, mode).lookup(keys)
        n = len(keys)
        outputs = missing_outputs(schema, n)
        errors = np.full(n, None, dtype=object)
        for batch_id in np.unique(batch_ids[found]).tolist():
            row = self._con.execute("SELECT n, columns, data, errors FROM batches WHERE id=?",
                                    (batch_id,)).fetchone()
            size, columns_json, data, errors_json = row
            stored = _decode(columns_json, data, size)
            select = found & (batch_ids == batch_id)
            at = rows[select]
            for name, _kind in schema:
                if name in stored:
                    outputs[name][select] = stored[name][at]
            batch_errors = np.full(size, None, dtype=object)
            for k, text in json.loads(errors_json).items():
                batch_errors[int(k)] = text
            errors[select] = batch_errors[at]
        return outputs, errors, found

    def batch_count(self) -> int:
        """How many batches the store holds (all concepts and modes)."""
        return int(self._con.execute("SELECT COUNT(*) FROM batches").fetchone()[0])


class _Index:
    """Sorted keys of the stored points, with the batch and row of each."""

    def __init__(self) -> None:
        self._parts: list[tuple[int, np.ndarray]] = []
        self._sorted: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, batch_id: int, keys: np.ndarray) -> None:
        self._parts.append((batch_id, keys))
        self._sorted = None

    def _build(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._sorted is None:
            if self._parts:
                keys = np.concatenate([k for _, k in self._parts])
                batch = np.concatenate([np.full(len(k), b, dtype=np.int64)
                                        for b, k in self._parts])
                row = np.concatenate([np.arange(len(k)) for _, k in self._parts])
            else:
                keys = np.empty(0, dtype=KEY_DTYPE)
                batch = row = np.empty(0, dtype=np.int64)
            # A key stored twice (two sweeps that raced): the earliest batch wins.
            unique, first = np.unique(keys, return_index=True)
            self._sorted = (unique, batch[first], row[first])
        return self._sorted

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(found, batch id, row) for each key; batch and row are 0 where not found."""
        stored, batch, row = self._build()
        keys = np.asarray(keys, dtype=KEY_DTYPE)
        if len(stored) == 0:
            zero = np.zeros(len(keys), dtype=np.int64)
            return np.zeros(len(keys), dtype=bool), zero, zero
        pos = np.minimum(np.searchsorted(stored, keys), len(stored) - 1)
        found = stored[pos] == keys
        return found, np.where(found, batch[pos], 0), np.where(found, row[pos], 0)
