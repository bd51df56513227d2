"""GLB export: a binary glTF scene, one named, coloured node per part, in metres, Y up.

glTF fixes its frame and unit: metres, +Y up, +Z forward (the front of an asset faces +Z), +X
to the asset's left, right-handed. Vehicle axes (x forward, y left, z up, mm) map onto it by a
proper rotation, no mirror::

    glTF X = vehicle y (left),  glTF Y = vehicle z (up),  glTF Z = vehicle x (forward)

and a scale of 1/1000. The rotation and scale are baked into new vertex arrays; the input meshes
are never changed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import trimesh
from trimesh.exchange.gltf import export_glb
from trimesh.visual import TextureVisuals
from trimesh.visual.material import PBRMaterial

from keidesign.errors import ExportError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.layout.component import Colour
from keidesign.units import MM_TO_M

__all__ = ["VEHICLE_TO_GLTF", "write_glb"]

#: (3, 3) rotation taking vehicle axes (x forward, y left, z up) to glTF axes (X left, Y up,
#: Z forward): ``gltf = VEHICLE_TO_GLTF @ vehicle``. A cyclic permutation, determinant +1.
VEHICLE_TO_GLTF = np.array([[0.0, 1.0, 0.0],
                            [0.0, 0.0, 1.0],
                            [1.0, 0.0, 0.0]])

# Painted parts read as dielectric; glTF's default (metallicFactor 1) renders them as dark metal.
_METALLIC = 0.0
_ROUGHNESS = 0.6


def write_glb(meshes: Mapping[str, trimesh.Trimesh], colours: Mapping[str, Colour],
              path: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Write the parts as a GLB scene, atomically.

    Each part becomes a node and a mesh named after it, with a PBR material whose
    ``baseColorFactor`` is the part's colour (given in sRGB, stored linear as glTF requires).

    Args:
        meshes: part name → mesh, mm, vehicle axes (from
            :func:`~keidesign.export.mesh.part_meshes`); not modified.
        colours: part name → (r, g, b) sRGB colour, 0–1, for every part in ``meshes``.
        path: the ``.glb`` file to write; its folder must exist.
        name: the name of a root node holding every part (the concept's name); the parts are
            the scene's roots when ``None``.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: there are no parts, a part has no colour, or the file could not be
            written; ``path`` is left as it was.
    """
    target = Path(path)
    if not meshes:
        raise ExportError(f"no parts to write to {target.name}")
    missing = [part for part in meshes if part not in colours]
    if missing:
        raise ExportError(f"no colour for part(s) {missing} in {target.name}")
    scene = trimesh.Scene()
    parent = None
    if name:
        # A named root node holding every part: viewers show the concept as one tree.
        scene.graph.update(frame_from=scene.graph.base_frame, frame_to=name, matrix=np.eye(4))
        parent = name
    to_gltf = VEHICLE_TO_GLTF.T * MM_TO_M  # row vectors: v_gltf = v_vehicle @ (R * s)ᵀ
    for part, mesh in meshes.items():
        material = PBRMaterial(name=part, baseColorFactor=_linear_rgba(colours[part]),
                               metallicFactor=_METALLIC, roughnessFactor=_ROUGHNESS)
        node_mesh = trimesh.Trimesh(vertices=np.asarray(mesh.vertices) @ to_gltf,
                                    faces=np.array(mesh.faces), process=False,
                                    visual=TextureVisuals(material=material))
        scene.add_geometry(node_mesh, node_name=part, geom_name=part, parent_node_name=parent)
    try:
        data = export_glb(scene)
    except Exception as err:  # trimesh raises plain ValueError and friends
        raise ExportError(f"the GLB writer failed on {target.name}: "
                          f"{type(err).__name__}: {err}") from err
    return write_bytes_atomic(target, data)


def _linear_rgba(colour: Colour) -> np.ndarray:
    """sRGB (r, g, b) 0–1 → linear (r, g, b, 1), the space of glTF's ``baseColorFactor``."""
    c = np.clip(np.asarray(colour, dtype=float), 0.0, 1.0)
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return np.append(linear, 1.0)
