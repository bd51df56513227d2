"""STL export: the whole vehicle as one binary STL, millimetres, vehicle axes.

STL has no units, names, colours or instances: the file holds every part's closed mesh one
after another, each a moved copy of its solid's one mesh (see
:class:`~keidesign.export.mesh.Tessellation`), in mm (the unit slicers and CAD tools assume),
x forward, y left, z up.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from pathlib import Path

import numpy as np

from keidesign.errors import ExportError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.export.mesh import Tessellation

__all__ = ["write_stl"]

def write_stl(tessellation: Tessellation, path: str | os.PathLike[str]) -> Path:
    """Write every part into one binary STL, atomically.

    Parts follow one another in layout order, each a closed run of triangles.

    Args:
        tessellation: the design's meshes and placements
            (:func:`~keidesign.export.mesh.tessellate`); not modified.
        path: the ``.stl`` file to write; its folder must exist.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: there are no parts, or the file could not be written; ``path`` is left
            as it was.
    """
    target = Path(path)
    if not tessellation.keys:
        raise ExportError(f"no parts to write to {target.name}")
    rows = []
    solids: dict[Hashable, tuple[np.ndarray, np.ndarray]] = {}
    for name, key in tessellation.keys.items():
        if key not in solids:
            mesh = tessellation.meshes[key]
            solids[key] = (np.asarray(mesh.face_normals),
                           np.asarray(mesh.vertices)[mesh.faces].reshape(-1, 3))
        normals, corners = solids[key]
        m = tessellation.matrices[name]
        rotation, shift = m[:3, :3], m[:3, 3]
        # Row vectors: p' = p Rᵀ + t; a proper rotation carries unit normals as they are.
        rows.append(np.hstack([normals @ rotation.T,
                               (corners @ rotation.T + shift).reshape(-1, 9)]))
    floats = np.concatenate(rows).astype("<f4")  # (F, 12): normal, three corners
    # Each record is the 48 bytes of floats and a 2-byte attribute count of zero.
    records = np.zeros((len(floats), 50), dtype=np.uint8)
    records[:, :48] = floats.view(np.uint8)
    # An 80-byte header that does not start with "solid" (readers would take it for ASCII).
    header = b"keidesign binary STL, mm, x forward, y left, z up".ljust(80, b" ")
    data = header + np.array(len(floats), dtype="<u4").tobytes() + records.tobytes()
    return write_bytes_atomic(target, data)
