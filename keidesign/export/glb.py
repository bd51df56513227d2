"""GLB export: a binary glTF scene, one named node per part, one mesh per distinct solid and
colour, in metres, Y up.

glTF fixes its frame and unit: metres, +Y up, +Z forward (the front of an asset faces +Z), +X
to the asset's left, right-handed. Vehicle axes (x forward, y left, z up, mm) map onto it by a
proper rotation, no mirror::

    glTF X = vehicle y (left),  glTF Y = vehicle z (up),  glTF Z = vehicle x (forward)

The scene is instanced as the STEP file is::

    <name>                root node: the rotation above (vehicle axes → glTF axes)
    ├── tyre_front_left   node: the part's placement (rotation, translation in m) → "tyre"
    ├── tyre_front_right  node: its own placement → the same mesh "tyre"
    …

Each mesh is a distinct solid in its own frame, in metres, with one material of its colour;
parts that share a solid and a colour share the mesh, so a viewer lists every part with its
name and colour while the file holds each tyre's triangles once. Every node matrix is a proper
rotation and a translation (no scale, no mirror). The input meshes are never changed.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from pathlib import Path

import numpy as np
import trimesh
from trimesh.exchange.gltf import export_glb
from trimesh.visual import TextureVisuals
from trimesh.visual.material import PBRMaterial

from keidesign.errors import ExportError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.export.mesh import Tessellation
from keidesign.export.names import shared_name, unique_names
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


def write_glb(tessellation: Tessellation, colours: Mapping[str, Colour],
              path: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Write the parts as an instanced GLB scene, atomically.

    Each part becomes a node named after it, placed by its placement; each distinct (solid,
    colour) becomes one mesh with a PBR material whose ``baseColorFactor`` is the colour (given
    in sRGB, stored linear as glTF requires), named after what its parts' names share (see
    :func:`~keidesign.export.names.shared_name`).

    Args:
        tessellation: the design's meshes and placements
            (:func:`~keidesign.export.mesh.tessellate`); not modified.
        colours: part name → (r, g, b) sRGB colour, 0–1, for every part.
        path: the ``.glb`` file to write; its folder must exist.
        name: the name of the root node holding every part (the concept's name); without
            one, the parts are the scene's roots and each node carries the change of axes.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: there are no parts, a part has no colour, or the file could not be
            written; ``path`` is left as it was.
    """
    target = Path(path)
    if not tessellation.keys:
        raise ExportError(f"no parts to write to {target.name}")
    missing = [part for part in tessellation.keys if part not in colours]
    if missing:
        raise ExportError(f"no colour for part(s) {missing} in {target.name}")

    # One mesh per distinct (solid, colour), in the order parts first use them.
    groups: dict[tuple[Hashable, tuple[float, ...]], list[str]] = {}
    for part, key in tessellation.keys.items():
        groups.setdefault((key, tuple(float(c) for c in colours[part])), []).append(part)
    mesh_names = dict(zip(groups, unique_names(shared_name(parts)
                                               for parts in groups.values())))

    axes = np.eye(4)
    axes[:3, :3] = VEHICLE_TO_GLTF
    scene = trimesh.Scene()
    parent, outer = scene.graph.base_frame, axes
    if name:
        # A named root node holding every part: viewers show the concept as one tree.
        scene.graph.update(frame_from=parent, frame_to=name, matrix=axes)
        parent, outer = name, np.eye(4)
    for part, key in tessellation.keys.items():
        group = (key, tuple(float(c) for c in colours[part]))
        mesh_name = mesh_names[group]
        if mesh_name not in scene.geometry:
            mesh = tessellation.meshes[key]
            material = PBRMaterial(name=mesh_name, baseColorFactor=_linear_rgba(group[1]),
                                   metallicFactor=_METALLIC, roughnessFactor=_ROUGHNESS)
            scene.geometry[mesh_name] = trimesh.Trimesh(
                vertices=np.asarray(mesh.vertices) * MM_TO_M, faces=np.array(mesh.faces),
                process=False, visual=TextureVisuals(material=material))
        matrix = np.array(tessellation.matrices[part], dtype=float)
        matrix[:3, 3] *= MM_TO_M
        scene.graph.update(frame_from=parent, frame_to=part, matrix=outer @ matrix,
                           geometry=mesh_name)
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
