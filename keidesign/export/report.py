"""JSON export: the analysis report, as ``keidesign check --json`` prints it."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from keidesign.errors import ExportError
from keidesign.export.atomic import write_bytes_atomic

__all__ = ["write_report"]


def write_report(analysis: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write an analysis as indented UTF-8 JSON, atomically.

    Args:
        analysis: the ``check --json`` object (``Analysis.as_dict()``); NumPy scalars and
            arrays are written as numbers and lists.
        path: the ``.json`` file to write; its folder must exist.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: the object holds something JSON cannot carry (NaN or infinity included,
            which strict JSON forbids); ``path`` is left as it was.
    """
    target = Path(path)
    try:
        text = json.dumps(analysis, indent=2, ensure_ascii=False, allow_nan=False,
                          default=_plain)
    except (TypeError, ValueError) as err:
        raise ExportError(f"cannot write the report {target.name} as JSON: {err}") from err
    return write_bytes_atomic(target, (text + "\n").encode("utf-8"))


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
