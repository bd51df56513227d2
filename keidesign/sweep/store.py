"""The resumable sweep store: SQLite, one committed transaction per batch of points, each batch
checked by its SHA-256 digests when it is read.

Layout of ``sweep.sqlite``::

    meta(name TEXT PRIMARY KEY, value TEXT)          -- format version
    batches(id INTEGER PRIMARY KEY,
            concept, version, mode, era,            -- what the points are (version: the
                                                    -- model version, keys.model_version)
            n INTEGER,                              -- how many points
            keys BLOB,                              -- n × 16-byte point keys (keys.py)
            data BLOB,                              -- the outputs and an "error" column, as
                                                    -- an Arrow IPC stream (LZ4-compressed)
            digest BLOB,                            -- SHA-256 of keys, n and the kind
            data_digest BLOB,                       -- SHA-256 of data
            created REAL)

Each batch is written in one transaction, so a sweep killed at any moment leaves whole batches
and nothing else; running it again computes only the points whose keys are missing. A batch
whose bytes changed on disk (a bad sector, a stray write) no longer matches its digests: it is
dropped, with a warning, and its points are computed again; it is never read back as results.
Damage SQLite itself notices (a malformed page) stops the sweep with a :class:`StoreError` that
says to delete the store.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from keidesign.errors import KeiDesignError
from keidesign.parameters.spec import quote
from keidesign.sweep.keys import KEY_DTYPE

__all__ = ["SweepStore", "StoreError", "STORE_FORMAT"]

logger = logging.getLogger("keidesign")

#: Written into ``meta``; a store of another format is refused rather than misread.
STORE_FORMAT = "keidesign-sweep-store/2"

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
    data BLOB NOT NULL,
    digest BLOB NOT NULL,
    data_digest BLOB NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_kind ON batches (concept, version, mode);
"""
_IPC = pa.ipc.IpcWriteOptions(compression="lz4")


class StoreError(KeiDesignError, OSError):
    """The sweep store cannot be opened or written, is damaged, or is not a keidesign sweep
    store of this format."""


def _digest(concept: str, version: str, mode: str, era: int, keys: bytes) -> bytes:
    h = hashlib.sha256(f"{concept}|{version}|{mode}|{int(era)}|{len(keys)}|".encode())
    h.update(keys)
    return h.digest()


def _encode(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


class SweepStore:
    """Sweep results by point key, in SQLite (a file, or memory when ``path`` is ``None``).

    Use as a context manager, or call :meth:`close`.

    Args:
        path: the database file (created with its folder's parent existing), or ``None``.

    Raises:
        StoreError: the file is not a keidesign sweep store of this format, or is damaged.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        try:
            # Batches are written on a thread of the store's (SQLite and Arrow's compression
            # release the GIL), reads in the caller's; one at a time, under a lock.
            self._con = sqlite3.connect(":memory:" if self.path is None else str(self.path),
                                        check_same_thread=False)
            if self.path is not None:
                # Batches are blobs of ~1 MB: 64 KiB pages store them in a few overflow pages
                # (set only when the file is created).
                self._con.execute("PRAGMA page_size=65536")
                self._con.execute("PRAGMA journal_mode=WAL")
                self._con.execute("PRAGMA synchronous=NORMAL")
            with self._con:
                self._con.executescript(_SCHEMA)
                row = self._con.execute("SELECT value FROM meta WHERE name='format'").fetchone()
                if row is None:
                    self._con.execute("INSERT INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
                elif row[0] != STORE_FORMAT:
                    raise StoreError(f"{self.path} is a sweep store of format "
                                     f"{quote(row[0])}, not {STORE_FORMAT!r}; delete it or "
                                     f"use another output folder")
        except sqlite3.DatabaseError as err:
            raise self._damaged(err) from err
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keidesign-store")
        self._writing: list[Future[int]] = []
        self._indexes: dict[tuple[str, str, str], _Index] = {}
        #: Batches dropped because their bytes no longer matched their digests.
        self.dropped = 0

    def _damaged(self, err: sqlite3.Error) -> StoreError:
        return StoreError(f"the sweep store {self.path} cannot be read or written ({err}); if "
                          f"it is damaged, delete it (its points are computed again)")

    def __enter__(self) -> SweepStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.close()
        except StoreError:
            if kind is None:  # else the error that stopped the sweep is the one to see
                raise

    def close(self) -> None:
        """Finish the batches being written and close the database (committed batches
        stay)."""
        try:
            self.flush()
        finally:
            self._writer.shutdown()
            self._con.close()

    def close_soon(self) -> None:
        """Start closing the database on the store's thread, after the batches being
        written: closing checkpoints the write-ahead log into the file and syncs it to disk
        (~30 ms for 50,000 points), which then overlaps what the caller does next (writing
        the results' last rows). :meth:`close` waits for it; nothing may be read or written
        after this."""
        def close() -> None:
            try:
                with self._lock:
                    self._con.close()
            except sqlite3.DatabaseError as err:
                raise StoreError(f"cannot finish writing the sweep store {self.path}: "
                                 f"{err}") from err

        self._writing.append(self._writer.submit(close))

    def flush(self) -> None:
        """Wait for the batches being written (:meth:`write_soon`).

        Raises:
            StoreError: one could not be written.
        """
        while self._writing:
            self._writing.pop(0).result()

    def write_soon(self, **batch: Any) -> None:
        """:meth:`write`, on the store's thread: at most two batches wait; an error is raised
        by a later call or by :meth:`close`."""
        while len(self._writing) >= 2:
            self._writing.pop(0).result()
        self._writing.append(self._writer.submit(lambda: self.write(**batch)))

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._con.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as err:
            raise self._damaged(err) from err

    # ---- index of stored keys ------------------------------------------------------------
    def _index(self, concept: str, version: str, mode: str) -> _Index:
        kind = (concept, version, mode)
        if kind not in self._indexes:
            index = _Index()
            for batch_id, era, n, keys, digest in self._query(
                    "SELECT id, era, n, keys, digest FROM batches WHERE concept=? AND "
                    "version=? AND mode=? ORDER BY id", kind):
                if len(keys) != 16 * n or _digest(*kind, era, keys) != digest:
                    self._drop(batch_id, "its keys")
                    continue
                index.add(batch_id, np.frombuffer(keys, dtype=KEY_DTYPE))
            self._indexes[kind] = index
        return self._indexes[kind]

    def _drop(self, batch_id: int, what: str) -> None:
        logger.warning("sweep store %s: batch %d is damaged (%s no longer match their "
                       "checksum); its points are computed again", self.path, batch_id, what)
        try:
            with self._lock, self._con:
                self._con.execute("DELETE FROM batches WHERE id=?", (batch_id,))
        except sqlite3.DatabaseError as err:
            raise self._damaged(err) from err
        for index in self._indexes.values():
            index.remove(batch_id)
        self.dropped += 1

    def versions(self, concept: str, mode: str) -> list[str]:
        """The model versions the store holds points of, for that concept and mode."""
        rows = self._query("SELECT DISTINCT version FROM batches WHERE concept=? AND mode=? "
                           "ORDER BY version", (concept, mode))
        return [row[0] for row in rows]

    def lookup(self, keys: np.ndarray, concept: str, version: str, mode: str,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where ``keys`` are stored (for that concept, version and mode).

        The stored keys of a kind are read once, on its first lookup: batches written
        afterwards through this object are found by the next :class:`SweepStore` (a sweep
        looks up what earlier runs stored; it tells its own repeated points apart itself).

        Returns:
            ``(found, batch, row)``: (n,) bool, and (n,) int64 batch id and row in the batch
            (0 where not found).
        """
        return self._index(concept, version, mode).lookup(keys)

    # ---- writing -------------------------------------------------------------------------
    def write(self, *, concept: str, version: str, mode: str, era: int, keys: np.ndarray,
              table: pa.Table) -> int:
        """Store one batch of points in one transaction.

        Args:
            concept: the concept's name.
            version: the model version that computed them (keidesign's version and a
                fingerprint of the code, :func:`~keidesign.sweep.keys.model_version`).
            mode: the sweep's mode (``"fast"``, ``"cad"``, ``"cad+step+…"``).
            era: the regulation year.
            keys: (n,) point keys.
            table: n rows: the output columns and ``error`` (null for points that evaluated).

        Returns:
            The batch's id.

        Raises:
            StoreError: the database could not be written.
        """
        raw = np.ascontiguousarray(keys, dtype=KEY_DTYPE).tobytes()
        data = _encode(table)
        try:
            with self._lock, self._con:
                cur = self._con.execute(
                    "INSERT INTO batches (concept, version, mode, era, n, keys, data, digest, "
                    "data_digest, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (concept, version, mode, int(era), table.num_rows, raw, data,
                     _digest(concept, version, mode, era, raw), hashlib.sha256(data).digest(),
                     time.time()))
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot write to the sweep store {self.path}: {err}") from err
        return int(cur.lastrowid)

    # ---- reading -------------------------------------------------------------------------
    def read(self, batch_id: int) -> pa.Table | None:
        """One batch's rows (outputs and ``error``), or ``None`` if the batch is gone or its
        bytes no longer match their checksum (it is then dropped from the store)."""
        rows = self._query("SELECT data, data_digest FROM batches WHERE id=?", (batch_id,))
        if not rows:
            return None
        data, digest = rows[0]
        if hashlib.sha256(data).digest() != digest:
            self._drop(batch_id, "its outputs")
            return None
        return pa.ipc.open_stream(data).read_all()


class _Index:
    """Sorted keys of the stored points, with the batch and row of each."""

    def __init__(self) -> None:
        self._parts: dict[int, np.ndarray] = {}
        self._sorted: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, batch_id: int, keys: np.ndarray) -> None:
        self._parts[batch_id] = keys
        self._sorted = None

    def remove(self, batch_id: int) -> None:
        if self._parts.pop(batch_id, None) is not None:
            self._sorted = None

    def _build(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._sorted is None:
            if self._parts:
                keys = np.concatenate(list(self._parts.values()))
                batch = np.concatenate([np.full(len(k), b, dtype=np.int64)
                                        for b, k in self._parts.items()])
                row = np.concatenate([np.arange(len(k)) for k in self._parts.values()])
            else:
                keys = np.empty(0, dtype=KEY_DTYPE)
                batch = row = np.empty(0, dtype=np.int64)
            # A key stored twice (two runs that raced): the earliest batch wins.
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
