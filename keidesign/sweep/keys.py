"""Content keys of sweep points: what the resumable store is indexed by.

A point's key is a 128-bit hash of the concept, the keidesign version, the evaluation mode
(``fast`` or ``cad``), the era and the value of *every* parameter (varied, fixed and defaulted
alike), so the same design gets the same key whichever parameters a sweep varies, and a new
version of keidesign never reuses old results. See :func:`point_keys` for the construction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import numpy as np

from keidesign.concepts.base import Concept

__all__ = ["KEY_DTYPE", "point_keys", "first_occurrences"]

#: Keys are raw 16-byte digests (compared as bytes, never as text).
KEY_DTYPE = np.dtype("V16")
_FORMAT = "keidesign-sweep-key/1"


def _canonical(cls: type[Concept], points: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               n: int) -> np.ndarray:
    """(n, P) float64: every parameter in declaration order, choices as their index."""
    specs = cls.specs()
    out = np.empty((n, len(specs)), dtype="<f8")
    for j, (name, spec) in enumerate(specs.items()):
        value = points[name] if name in points else fixed[name]
        if spec.kind == "choice":
            index = {c: float(i) for i, c in enumerate(spec.choices)}
            if isinstance(value, str):
                out[:, j] = index[value]
            else:
                codes = np.empty(n)
                for choice_value, code in index.items():
                    codes[np.asarray(value) == choice_value] = code
                out[:, j] = codes
        else:
            out[:, j] = np.asarray(value, dtype=float)
    out += 0.0  # −0.0 and 0.0 are the same design
    return out


def _fmix_a(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place on uint64 (a bijection with full avalanche)."""
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xFF51AFD7ED558CCD)
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xC4CEB9FE1A85EC53)
    x ^= x >> np.uint64(33)
    return x


def _fmix_b(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, in place on uint64 (independent of :func:`_fmix_a`)."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def point_keys(cls: type[Concept], points: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               era: int, mode: str, version: str) -> np.ndarray:
    """The keys of ``n`` points.

    The header (format, concept, version, mode, era, parameter names) is hashed with BLAKE2b
    into two 64-bit seeds; each point's parameter values (float64 bit patterns, choices as
    their index) are then folded into the two seeds by two independent 64-bit mixers, column by
    column, vectorised over the points (a per-point ``hashlib`` call would cost more than
    analysing the point).

    Args:
        cls: the concept.
        points: varied parameter name → (n,) values.
        fixed: every other parameter's value.
        era: the regulation year the points are checked against.
        mode: the sweep's mode (``"fast"``, ``"cad"``, ``"cad+step+…"``).
        version: the keidesign version.

    Returns:
        (n,) :data:`KEY_DTYPE`.
    """
    n = len(next(iter(points.values()))) if points else 1
    words = np.ascontiguousarray(_canonical(cls, points, fixed, n)).view("<u8")
    header = "|".join([_FORMAT, cls.name, version, mode, str(int(era)), *cls.specs()])
    seeds = np.frombuffer(hashlib.blake2b(header.encode(), digest_size=16).digest(), "<u8")
    a = np.full(n, seeds[0], dtype=np.uint64)
    b = np.full(n, seeds[1], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(words.shape[1]):
            a ^= words[:, j]
            _fmix_a(a)
            b ^= words[:, j]
            _fmix_b(b)
        b += a  # both lanes depend on every word; mixed once more together
        _fmix_b(b)
    return np.ascontiguousarray(np.stack([a, b], axis=1).astype("<u8")).view(KEY_DTYPE)[:, 0]


def first_occurrences(keys: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct key, in order of appearance."""
    _, first = np.unique(keys, return_index=True)
    return np.sort(first)
