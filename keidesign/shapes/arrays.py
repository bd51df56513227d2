"""Turning shape fields (floats, or (N,) arrays for N designs) into stacked arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["Scalar", "as_points", "as_vector"]

#: A float for one design, or an (N,) float array for N designs.
Scalar = Any


def as_points(points: Any, dim: int, what: str) -> np.ndarray:
    """Points given as an array or as a sequence of coordinate tuples → ``(..., V, dim)``.

    Each coordinate may be a float or an (N,) array; the result is ``(V, dim)`` when every
    coordinate is a float, ``(N, V, dim)`` otherwise (floats broadcast to every design).

    Raises:
        ValueError: the points are not ``dim`` coordinates each, or the arrays disagree on N.
    """
    if isinstance(points, np.ndarray) and points.dtype != object:
        arr = np.asarray(points, dtype=float)
        if arr.ndim not in (2, 3) or arr.shape[-1] != dim:
            raise ValueError(f"{what} must be (V, {dim}) or (N, V, {dim}) (got shape {arr.shape})")
        return arr
    try:  # the common case: every coordinate a float
        arr = np.array(points, dtype=float)
    except (ValueError, TypeError):
        pass
    else:
        if arr.ndim == 2 and arr.shape[-1] == dim:
            return arr
    rows = list(points)
    for row in rows:
        if len(row) != dim:
            raise ValueError(f"{what} must be points of {dim} coordinates (got {row!r:.200})")
    flat = [c for row in rows for c in row]
    sizes = {np.size(c) for c in flat if np.ndim(c) > 0}
    if not sizes:
        return np.array(flat, dtype=float).reshape(len(rows), dim)
    if len(sizes) > 1:
        raise ValueError(f"{what}: coordinates hold different numbers of designs {sorted(sizes)}")
    n = sizes.pop()
    out = np.empty((n, len(rows) * dim))
    for k, c in enumerate(flat):
        out[:, k] = c
    return out.reshape(n, len(rows), dim)


def as_vector(values: Sequence[Any]) -> np.ndarray:
    """(x, y, z) of floats or (N,) arrays → (3,) or (N, 3) float array."""
    x, y, z = values
    if np.ndim(x) == 0 and np.ndim(y) == 0 and np.ndim(z) == 0:
        return np.array((x, y, z), dtype=float)
    return np.stack(np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float),
                                        np.asarray(z, float)), axis=-1)
