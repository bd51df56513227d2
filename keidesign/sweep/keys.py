"""Content keys of sweep points: what the resumable store is indexed by.

A point's key is a 128-bit hash of the concept (its name and class), the *model version*, the
evaluation mode (``fast``, ``cad``, ``cad+step+…``), the era and the value of *every* parameter
(varied, fixed and defaulted alike), so the same design gets the same key whichever parameters
a sweep varies. See :func:`point_keys` for the construction.

The model version (:func:`model_version`) is keidesign's version and a fingerprint of the
code that computes a point (:func:`code_fingerprint`): the source of every module in the
concept class's MRO (the user's file, the built-in concept it derives from, the base class) and
keidesign's model packages (:data:`MODEL_PACKAGES`, which hold the sweep's own evaluation
module, and :data:`CAD_PACKAGES` for CAD modes).
Editing any of them changes every key, so a stored result is never returned for code that no
longer computes it. Code a concept's module merely imports from elsewhere (a helper module of
the user's) is not part of the fingerprint.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import secrets
import sys
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

import keidesign
from keidesign.concepts.base import Concept
from keidesign.concepts.loader import SOURCE_DIGEST_ATTR

__all__ = ["CAD_PACKAGES", "KEY_DTYPE", "MODEL_PACKAGES", "code_fingerprint", "model_version",
           "point_keys"]

logger = logging.getLogger("keidesign")

#: Keys are raw 16-byte digests (compared as bytes, never as text).
KEY_DTYPE = np.dtype("V16")
_FORMAT = "keidesign-sweep-key/4"

#: keidesign's packages (and modules) whose code and data decide a design's figures, and the
#: sweep module that turns them into a point's row: the output schema of every mode and the
#: CAD columns (``cad.margin.*``, ``cad.fits_box`` …) are computed in ``sweep/evaluate.py``.
MODEL_PACKAGES = ("analysis", "concepts", "layout", "parameters", "parts", "shapes",
                  "sweep/evaluate.py", "units.py")
#: The packages that decide a CAD point's columns and files, on top of :data:`MODEL_PACKAGES`.
CAD_PACKAGES = ("export", "geometry")

_FINGERPRINTS: weakref.WeakKeyDictionary[type, dict[bool, str]] = weakref.WeakKeyDictionary()


@functools.cache
def _package_digest(names: tuple[str, ...]) -> bytes:
    """SHA-256 over every file of keidesign's ``names`` (relative path and content)."""
    root = Path(keidesign.__file__).resolve().parent
    files: list[Path] = []
    for name in names:
        target = root / name
        files += [target] if target.is_file() else [
            p for p in target.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    h = hashlib.sha256()
    for path in sorted(files):
        data = path.read_bytes()
        h.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    return h.digest()


def _module_digest(module_name: str, cls: type) -> bytes | None:
    """SHA-256 of a module's source: the source the loader executed, else the module's file,
    else what :mod:`inspect` finds; ``None`` for the standard library."""
    if module_name == "builtins" or module_name.split(".")[0] in sys.stdlib_module_names:
        return None
    module = sys.modules.get(module_name)
    digest = getattr(module, SOURCE_DIGEST_ATTR, None)
    if digest is not None:
        return bytes.fromhex(digest)
    file = getattr(module, "__file__", None)
    if file:
        try:
            return hashlib.sha256(Path(file).read_bytes()).digest()
        except OSError:
            pass
    try:
        return hashlib.sha256(inspect.getsource(module or cls).encode()).digest()
    except (OSError, TypeError):
        # Nothing to read (a class typed into an interpreter): a new fingerprint in every
        # process, so its points are never reused across runs rather than reused wrongly.
        logger.warning("the source of %s (module %s) cannot be read; its sweep points will not "
                       "be reused by later runs", cls.__qualname__, module_name)
        return secrets.token_bytes(32)


def code_fingerprint(cls: type[Concept], cad: bool = False) -> str:
    """A fingerprint of the code that evaluates designs of ``cls``.

    Computed once per class per process (a class loaded again from an edited file is a new
    class, so it gets a new fingerprint).

    Args:
        cls: the concept.
        cad: include the CAD packages (:data:`CAD_PACKAGES`).

    Returns:
        32 hex digits.
    """
    known = _FINGERPRINTS.setdefault(cls, {})
    if cad not in known:
        h = hashlib.sha256(b"keidesign-model/1")
        h.update(_package_digest(MODEL_PACKAGES + (CAD_PACKAGES if cad else ())))
        seen: set[str] = set()
        for klass in cls.__mro__:
            name = klass.__module__
            if name in seen:
                continue
            seen.add(name)
            digest = _module_digest(name, klass)
            if digest is not None:
                h.update(digest)
        known[cad] = h.hexdigest()[:32]
    return known[cad]


def model_version(cls: type[Concept], mode: str = "fast") -> str:
    """What a sweep point is computed by: ``"<keidesign version>+<code fingerprint>"``.

    Args:
        cls: the concept.
        mode: the sweep's mode; CAD modes fingerprint the CAD packages too.
    """
    return f"{keidesign.__version__}+{code_fingerprint(cls, cad=mode != 'fast')}"


def _canonical(cls: type[Concept], points: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               n: int) -> np.ndarray:
    """(n, P) float64: every parameter in declaration order, choices as their index."""
    specs = cls.specs()

    def codes(spec: Any, value: Any) -> np.ndarray | float:
        if spec.kind != "choice":
            return np.asarray(value, dtype=float)
        index = {c: float(i) for i, c in enumerate(spec.choices)}
        if isinstance(value, str):
            return index[value]
        out = np.empty(len(value))
        for choice_value, code in index.items():
            out[np.asarray(value) == choice_value] = code
        return out

    # The fixed values as one row, written to every row at once; then the varied columns.
    row = np.array([0.0 if name in points else codes(spec, fixed[name])
                    for name, spec in specs.items()])
    out = np.empty((n, len(specs)), dtype="<f8")
    out[:] = row
    for j, (name, spec) in enumerate(specs.items()):
        if name in points:
            out[:, j] = codes(spec, points[name])
    out += 0.0  # −0.0 and 0.0 are the same design
    return out


def point_keys(cls: type[Concept], points: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               era: int, mode: str, version: str) -> np.ndarray:
    """The keys of ``n`` points.

    Each key is a SHA-256 digest (:mod:`hashlib`), cut to 16 bytes, of a header (format,
    concept name and class name, model version, mode, era, parameter names) followed by the
    point's parameter values (float64 bit patterns in declaration order, choices as their
    index). The header is hashed once and its state copied per point (~0.7 µs a point;
    SHA-256 runs on the CPU's SHA instructions through OpenSSL, a third faster here than
    BLAKE2b for these ~400-byte rows).

    Args:
        cls: the concept.
        points: varied parameter name → (n,) values.
        fixed: every other parameter's value.
        era: the regulation year the points are checked against.
        mode: the sweep's mode (``"fast"``, ``"cad"``, ``"cad+step+…"``).
        version: the model version (:func:`model_version`).

    Returns:
        (n,) :data:`KEY_DTYPE`.
    """
    n = len(next(iter(points.values()))) if points else 1
    rows = np.ascontiguousarray(_canonical(cls, points, fixed, n))
    header = "|".join([_FORMAT, cls.name, cls.__qualname__, version, mode, str(int(era)),
                       *cls.specs()])
    copy = hashlib.sha256(header.encode()).copy
    width = rows.shape[1] * rows.itemsize
    data = memoryview(rows).cast("B")
    digests = [(h := copy(), h.update(data[lo:lo + width]), h.digest())[2]
               for lo in range(0, n * width, width)]
    return np.frombuffer(b"".join(digests), dtype=KEY_DTYPE)[::2].copy()  # each digest's first half
