"""STL export: the whole vehicle as one binary STL, millimetres, vehicle axes.

STL has no units, names or colours: the file is every part's closed mesh concatenated, in mm
(the unit slicers and CAD tools assume), x forward, y left, z up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import cadquery as cq
import trimesh
from trimesh.exchange.stl import export_stl

from keidesign.errors import ExportError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.export.mesh import (
    DEFAULT_ANGULAR_TOLERANCE_DEG,
    DEFAULT_TOLERANCE_MM,
    part_meshes,
)

__all__ = ["part_meshes", "write_stl"]


def write_stl(parts: Mapping[str, cq.Shape] | Mapping[str, trimesh.Trimesh],
              path: str | os.PathLike[str], *, tolerance_mm: float = DEFAULT_TOLERANCE_MM,
              angular_tolerance_deg: float = DEFAULT_ANGULAR_TOLERANCE_DEG) -> Path:
    """Write every part into one binary STL, atomically.

    Args:
        parts: part name → solid (tessellated here) or → mesh already tessellated by
            :func:`~keidesign.export.mesh.part_meshes` (used as it is, so the STL and GLB
            share one tessellation), mm.
        path: the ``.stl`` file to write; its folder must exist.
        tolerance_mm: chord tolerance when tessellating solids, mm.
        angular_tolerance_deg: angular tolerance when tessellating solids, degrees.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        GeometryError: a solid could not be tessellated into a watertight mesh.
        ExportError: there are no parts, or the file could not be written; ``path`` is left
            as it was.
    """
    target = Path(path)
    if not parts:
        raise ExportError(f"no parts to write to {target.name}")
    if all(isinstance(p, trimesh.Trimesh) for p in parts.values()):
        meshes = list(parts.values())
    else:
        meshes = list(part_meshes(parts, tolerance_mm=tolerance_mm,  # type: ignore[arg-type]
                                  angular_tolerance_deg=angular_tolerance_deg).values())
    whole = trimesh.util.concatenate(meshes)
    try:
        data = export_stl(whole)
    except Exception as err:  # trimesh raises plain ValueError and friends
        raise ExportError(f"the STL writer failed on {target.name}: "
                          f"{type(err).__name__}: {err}") from err
    return write_bytes_atomic(target, data)
