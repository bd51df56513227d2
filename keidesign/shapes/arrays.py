"""Turning shape fields (floats, or (N,) arrays for N designs) into stacked arrays."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from keidesign.errors import ParameterError

__all__ = ["AXES", "DEDUPE_FROM", "Scalar", "as_points", "as_vector", "check_choice",
           "check_vector", "distinct", "distinct_floats", "distinct_in_grid", "pick_rows",
           "row_period", "run_starts", "side_by_side"]

#: A float for one design, or an (N,) float array for N designs.
Scalar = Any

#: Index of each axis name.
AXES = {"x": 0, "y": 1, "z": 2}


def check_choice(value: Any, allowed: Sequence[str], name: str, owner: str) -> None:
    """Raise a :class:`~keidesign.errors.ParameterError` unless ``value`` is one of
    ``allowed`` (``owner``: what the argument belongs to, for the message)."""
    if not (isinstance(value, str) and value in allowed):
        raise ParameterError(f"{owner} {name!r} must be one of {', '.join(map(repr, allowed))} "
                             f"(got {value!r:.200})", name=name, value=value)


def check_vector(value: Any, name: str, owner: str, size: int = 3) -> None:
    """Raise a :class:`~keidesign.errors.ParameterError` unless ``value`` has ``size``
    entries (each a float or an (N,) array; they are read when the shape is evaluated)."""
    try:
        ok = len(value) == size and not isinstance(value, str)
    except TypeError:
        ok = False
    if not ok:
        what = {2: "(low, high)", 3: "(x, y, z)"}.get(size, f"{size} numbers")
        raise ParameterError(f"{owner} {name!r} must be {what} (got {value!r:.200})",
                             name=name, value=value)


def as_points(points: Any, dim: int, what: str, name: str | None = None) -> np.ndarray:
    """Points given as an array or as a sequence of coordinate tuples → ``(..., V, dim)``.

    Each coordinate may be a float or an (N,) array; the result is ``(V, dim)`` when every
    coordinate is a float, ``(N, V, dim)`` otherwise (floats broadcast to every design).

    Args:
        points: the argument's value.
        dim: coordinates per point.
        what: what the points are, for messages (``"Prism 'profile'"``).
        name: the argument's name (``"profile"``), carried by the error.

    Raises:
        ParameterError: the points are not ``dim`` numbers each, or the arrays disagree on N.
    """
    def error(why: str) -> ParameterError:
        return ParameterError(f"{what} must be {why} (got {points!r:.200})", name=name,
                              value=points)

    shapes = f"(V, {dim}) or (N, V, {dim})"
    if isinstance(points, np.ndarray) and points.dtype != object:
        try:
            arr = np.asarray(points, dtype=float)
        except (TypeError, ValueError):
            raise error(f"a {shapes} array of numbers") from None
        if arr.ndim not in (2, 3) or arr.shape[-1] != dim:
            raise error(f"a {shapes} array, not shape {arr.shape}")
        return arr
    try:  # the common case: every coordinate a float
        arr = np.array(points, dtype=float)
    except (ValueError, TypeError):
        pass
    else:
        if arr.ndim == 2 and arr.shape[-1] == dim:
            return arr
    try:
        rows = list(points)
        flat = []
        for row in rows:
            if isinstance(row, str) or len(row) != dim:
                raise error(f"points of {dim} coordinates each")
            flat += list(row)
        sizes = {np.size(c) for c in flat if np.ndim(c) > 0}
        if not sizes:
            return np.array(flat, dtype=float).reshape(len(rows), dim)
        if len(sizes) > 1 or any(np.ndim(c) > 1 for c in flat):
            raise error(f"points whose coordinates are numbers or (N,) arrays of one N "
                        f"(these hold {sorted(sizes)} designs)")
        n = sizes.pop()
        out = np.empty((n, len(rows) * dim))
        for k, c in enumerate(flat):
            out[:, k] = c
    except (TypeError, ValueError) as err:
        if isinstance(err, ParameterError):
            raise
        raise error(f"a sequence of points of {dim} numbers (or (N,) arrays) each") from None
    return out.reshape(n, len(rows), dim)


def as_vector(values: Sequence[Any]) -> np.ndarray:
    """(x, y, z) of floats or (N,) arrays → (3,) or (N, 3) float array."""
    x, y, z = values
    if np.ndim(x) == 0 and np.ndim(y) == 0 and np.ndim(z) == 0:
        return np.array((x, y, z), dtype=float)
    return np.stack(np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float),
                                        np.asarray(z, float)), axis=-1)


#: A batch at least this large is worth evaluating once per distinct design (finding the
#: distinct ones costs about as much as a few elementwise passes).
DEDUPE_FROM = 64

# Fixed pseudo-random odd weights: a row's weighted sum (int64, wrapping) is its hash. Drawn
# from SHAKE-128 rather than numpy.random, whose import alone costs every command ~16 ms.
_WEIGHTS = (np.frombuffer(hashlib.shake_128(b"keidesign.distinct").digest(8 * 4096), "<i8")
            & (2 ** 62 - 1)) | 1


def distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of (n, m) int ``keys``: (u,) the first row of each and (n,) which
    one each row is.

    Rows are grouped by a hash in one sort, then each row is compared with its group's first
    in full; should two different rows share a hash, the rows are sorted whole instead.
    Groups come in the order of their hashes (as :func:`numpy.unique` gives them)."""
    m = keys.shape[1]
    if m > len(_WEIGHTS):
        if (keys == keys[0]).all():
            return np.zeros(1, dtype=np.intp), np.zeros(len(keys), dtype=np.intp)
    else:
        # A weighted sum wrapping in int64 (a product, not a reduction along the short axis:
        # the same sums in any order, modulo 2⁶⁴).
        hashed = keys @ _WEIGHTS[:m]
        # Every row alike: told by the (n,) hashes first, confirmed on the rows.
        if (hashed == hashed[0]).all() and (keys == keys[0]).all():
            return np.zeros(1, dtype=np.intp), np.zeros(len(keys), dtype=np.intp)
        order = np.argsort(hashed)
        ordered = hashed.take(order)
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        first = np.minimum.reduceat(order, starts)        # each hash's first row
        inverse = np.empty(len(keys), dtype=np.intp)
        inverse[order] = np.cumsum(new) - 1
        if (keys.take(first.take(inverse), axis=0) == keys).all():
            return first, inverse
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def run_starts(columns: Sequence[np.ndarray], n: int) -> np.ndarray | None:
    """(r,) the first row of each run of equal rows of the (k, m) arrays ``columns`` side by
    side (k 1 or n), where there are fewer than n/2 runs; ``None`` otherwise. (A grid's
    batch holds numbers moved by its slow parameter in runs.)"""
    change = np.zeros(max(n - 1, 0), dtype=bool)    # row i + 1 unlike row i
    for c in columns:
        if c.shape[0] > 1 and c.shape[1]:
            differs = c[1:] != c[:-1]                 # compared whole, then column by column
            for j in range(c.shape[1]):
                change |= differs[:, j]
    if np.count_nonzero(change) >= n // 2:
        return None
    return np.concatenate([[0], np.flatnonzero(change) + 1])


def row_period(keys: Sequence[np.ndarray], m: int) -> int | None:
    """The period p ≤ m/2 of the rows of the (k, …) arrays ``keys`` side by side (k 1 or m):
    the first row like row 0 again, if every row i + p is like row i; ``None`` otherwise, or
    below :data:`DEDUPE_FROM` rows. (A grid's batch takes the values of its fastest
    parameter period after period.)"""
    moving = [q for q in keys if q.shape[0] > 1 and q.shape[1]]
    if m < DEDUPE_FROM or not moving:
        return None
    again = np.ones(m // 2, dtype=bool)             # rows 1 … m/2 like row 0
    for q in moving:
        for j in range(q.shape[1]):
            again &= q[1:m // 2 + 1, j] == q[0, j]
    found = np.flatnonzero(again)
    if not len(found):
        return None
    p = int(found[0]) + 1
    for q in moving:
        if not np.array_equal(q[p:], q[:-p]):
            return None
    return p


def distinct_in_grid(keys: Sequence[np.ndarray], n: int, runs: np.ndarray | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`distinct` of the n rows of the (k, m) int arrays ``keys`` side by side (k 1 or
    the rows given), a period looked for first (:func:`row_period`) so that a grid's batch
    sorts the rows of one period only.

    Args:
        keys: the rows, or with ``runs`` one row per run (the run's first).
        n: how many rows.
        runs: (r,) the first row of each run of equal rows (:func:`run_starts`), or ``None``.

    Returns:
        (u,) the first row of each distinct one and (n,) which one each row is, in
        :func:`distinct`'s order.
    """
    m = n if runs is None else len(runs)
    period = row_period(keys, m)
    rows = m if period is None else period          # the rows sorted: the first ones
    first, inverse = distinct(side_by_side([q[:rows] for q in keys], rows, np.int64))
    if period is not None:
        inverse = np.tile(inverse, -(-m // period))[:m]
    if runs is not None:
        inverse = np.repeat(inverse, np.diff(runs, append=n))
        first = runs[first]
    return first, inverse


def distinct_floats(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`distinct` of (n, m) float ``rows`` compared bit for bit (the same design gives
    the same figures), or ``None`` when more than half of them differ: then evaluating
    once per distinct row saves too little to be worth it. Runs of equal rows are looked for
    first (:func:`run_starts`), then a period (:func:`distinct_in_grid`), so a grid's batch
    sorts one row of each run and of one period."""
    keys = np.ascontiguousarray(rows, dtype=float).view(np.int64)
    n = len(keys)
    runs = run_starts([keys], n)
    first, inverse = distinct_in_grid([pick_rows(keys, runs)], n, runs)
    return None if len(first) > n // 2 else (first, inverse)


def pick_rows(a: Any, rows: np.ndarray | None) -> Any:
    """(k, …) ``a`` at the designs ``rows`` (an index array; ``None``: all): kept whole when
    k is 1 (the same in every design), and ``None`` stays ``None``."""
    return a if a is None or rows is None or a.shape[0] == 1 else a[rows]


def side_by_side(columns: Sequence[np.ndarray], n: int, dtype: Any = float) -> np.ndarray:
    """(n, m₁ + m₂ + …) the (k, mᵢ) arrays ``columns`` side by side, each with k 1 (the same
    in every row) or n: what ``np.concatenate`` of their ``np.broadcast_to`` gives, written
    into one array without a broadcast view each (a view costs more than the copy here)."""
    out = np.empty((n, sum(c.shape[1] for c in columns)), dtype=dtype)
    at = 0
    for c in columns:
        width = c.shape[1]
        out[:, at:at + width] = c
        at += width
    return out
