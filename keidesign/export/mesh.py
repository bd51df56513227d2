"""Tessellation: each distinct solid of a design meshed once, shared by the STL and GLB writers.

A design's parts share solids (four wheels, one tyre solid: see
:class:`~keidesign.geometry.assembly.CadModel`), so they share meshes too: :func:`tessellate`
meshes each distinct solid once, in its own frame, and records where each part places it. The
STL writer writes a moved copy per part; the GLB writer writes each mesh once and one node per
part.

Meshes are in millimetres. OCCT's mesher triangulates the faces at an absolute chord tolerance;
neighbouring faces share their edges' nodes, so merging coincident vertices closes each solid,
and a mesh that is not closed and outward-facing is refused.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cadquery as cq
import numpy as np
import trimesh
from OCP.BRep import BRep_Tool
from OCP.BRepMesh import BRepMesh_IncrementalMesh
from OCP.IMeshTools import IMeshTools_MeshAlgoType, IMeshTools_Parameters
from OCP.StlAPI import StlAPI_Writer
from OCP.TopAbs import TopAbs_FACE
from OCP.TopExp import TopExp_Explorer
from OCP.TopLoc import TopLoc_Location
from OCP.TopoDS import TopoDS

from keidesign.errors import ExportError, GeometryError

if TYPE_CHECKING:
    from keidesign.geometry.assembly import CadModel

__all__ = ["DEFAULT_ANGULAR_TOLERANCE_DEG", "DEFAULT_TOLERANCE_MM", "Tessellation",
           "mesh_solid", "tessellate"]

#: Largest distance between a triangle and the true surface, mm.
DEFAULT_TOLERANCE_MM = 0.1
#: Largest angle between neighbouring triangles on a curved face, degrees: at least 24
#: segments round any circle. Above about 12 mm radius the chord tolerance asks for finer
#: segments anyway; a smaller angle would cut the 20 mm tubes of exhausts and roll cages
#: finer than the chord tolerance asks, at a high cost on their bends (tori).
DEFAULT_ANGULAR_TOLERANCE_DEG = 15.0

# One binary STL triangle: normal, three vertices, attribute count (what StlAPI_Writer writes).
_STL_RECORD = np.dtype([("normal", "<f4", (3,)), ("vertices", "<f4", (3, 3)),
                        ("attribute", "<u2")])
# Odd 64-bit multipliers mixing a corner's three 32-bit coordinates into one hash.
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F),
        np.uint64(0x165667B19E3779F9))


@dataclass(frozen=True, slots=True)
class Tessellation:
    """A design's distinct solids, each meshed once, and where every part places its mesh.

    Attributes:
        meshes: shape key → closed, outward-facing triangle mesh of that solid in its own
            frame, mm (one per distinct solid).
        keys: part name → the key of its mesh, in layout order.
        matrices: part name → (4, 4) float, the part's placement: a proper rotation and a
            translation in mm, from its solid's frame to vehicle axes (x forward, y left,
            z up).
    """

    meshes: Mapping[Hashable, trimesh.Trimesh]
    keys: Mapping[str, Hashable]
    matrices: Mapping[str, np.ndarray]

    def placed(self) -> dict[str, trimesh.Trimesh]:
        """Part name → a copy of its mesh moved into vehicle axes, mm, in layout order."""
        return {name: self.meshes[key].copy().apply_transform(self.matrices[name])
                for name, key in self.keys.items()}


def tessellate(model: CadModel, *, tolerance_mm: float = DEFAULT_TOLERANCE_MM,
               angular_tolerance_deg: float = DEFAULT_ANGULAR_TOLERANCE_DEG) -> Tessellation:
    """Mesh each distinct solid of a design once.

    Args:
        model: the design's solids (:func:`~keidesign.geometry.assembly.cad_model`).
        tolerance_mm: chord tolerance, mm (absolute, not relative to the part's size).
        angular_tolerance_deg: angular tolerance, degrees.

    Returns:
        One mesh per distinct solid and every part's placement of it.

    Raises:
        GeometryError: a solid could not be meshed into a closed, outward-facing mesh (the
            error names the first part that uses it).
        ExportError: no temporary file could be made for the mesher's output.
    """
    first_user: dict[Hashable, str] = {}
    for name, key in model.keys.items():
        first_user.setdefault(key, name)
    keys = list(model.solids)
    meshes = _mesh_solids([model.solids[k] for k in keys], [first_user.get(k) for k in keys],
                          _parameters(tolerance_mm, angular_tolerance_deg, name=None))
    return Tessellation(meshes=dict(zip(keys, meshes)), keys=dict(model.keys),
                        matrices=model.matrices())


def mesh_solid(solid: cq.Shape, *, tolerance_mm: float = DEFAULT_TOLERANCE_MM,
               angular_tolerance_deg: float = DEFAULT_ANGULAR_TOLERANCE_DEG,
               name: str | None = None) -> trimesh.Trimesh:
    """Tessellate one solid into a closed, outward-facing triangle mesh.

    The mesher stores its triangulation on the solid's faces (OCCT's usual cache, shared by
    every located copy of the solid); the solid's geometry is not changed.

    Args:
        solid: the solid, mm; a located solid is meshed where it is.
        tolerance_mm: chord tolerance, mm (absolute, not relative to the part's size).
        angular_tolerance_deg: angular tolerance, degrees.
        name: the part's name, carried by any error.

    Returns:
        The mesh, mm, in the solid's coordinates.

    Raises:
        GeometryError: the mesher failed, or the mesh is not closed or not outward-facing.
        ExportError: no temporary file could be made for the mesher's output.
    """
    return _mesh_solids([solid], [name],
                        _parameters(tolerance_mm, angular_tolerance_deg, name))[0]


def _parameters(tolerance_mm: float, angular_tolerance_deg: float,
                name: str | None) -> IMeshTools_Parameters:
    if not (tolerance_mm > 0 and 0 < angular_tolerance_deg < 180):
        raise GeometryError(f"tessellation needs tolerance_mm > 0 and 0 < "
                            f"angular_tolerance_deg < 180 (got {tolerance_mm!r}, "
                            f"{angular_tolerance_deg!r})", part=name)
    params = IMeshTools_Parameters()
    params.Deflection = float(tolerance_mm)
    params.Angle = math.radians(angular_tolerance_deg)
    # OCCT's Delabella triangulator: faces still take their edges' nodes (the mesh stays
    # closed), in about half the time of the default one on these parts.
    params.MeshAlgo = IMeshTools_MeshAlgoType.IMeshTools_MeshAlgoType_Delabella
    return params


def _mesh_solids(solids: Sequence[cq.Shape], names: Sequence[str | None],
                 params: IMeshTools_Parameters) -> list[trimesh.Trimesh]:
    """Mesh each solid, read every triangle back in one go, and close each mesh."""
    counts = []
    for solid, name in zip(solids, names):
        try:
            mesher = BRepMesh_IncrementalMesh(solid.wrapped, params)
            if not mesher.IsDone():
                raise GeometryError("the mesher did not finish", part=name)
            counts.append(_triangle_count(solid, name))
        except GeometryError:
            raise
        except Exception as err:  # OCCT raises Standard_Failure subclasses
            raise GeometryError(f"the mesher failed: {type(err).__name__}: {err}",
                                part=name) from err
    triangles = _triangles(solids[0] if len(solids) == 1 else
                           cq.Compound.makeCompound(solids))
    if len(triangles) != sum(counts):
        raise GeometryError(f"the mesher's output holds {len(triangles)} triangles, not the "
                            f"{sum(counts)} of the faces", part=names[0])
    meshes = []
    start = 0
    for count, name in zip(counts, names):
        vertices, faces = _weld(triangles[start:start + count])
        start += count
        if not _is_closed(faces):
            raise GeometryError("the tessellated part is not watertight", part=name)
        tri = vertices[faces]
        # Signed volume of the closed mesh (divergence theorem): positive when outward-facing.
        if not np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() > 0:
            raise GeometryError("the tessellated part is not consistently outward-facing",
                                part=name)
        meshes.append(trimesh.Trimesh(vertices=vertices, faces=faces, process=False))
    return meshes


def _triangle_count(solid: cq.Shape, name: str | None) -> int:
    """How many triangles the solid's faces hold; every face must have been meshed."""
    count = 0
    explorer = TopExp_Explorer(solid.wrapped, TopAbs_FACE)
    while explorer.More():
        poly = BRep_Tool.Triangulation_s(TopoDS.Face_s(explorer.Current()), TopLoc_Location())
        if poly is None or poly.NbTriangles() == 0:
            raise GeometryError("a face has no triangulation after meshing", part=name)
        count += poly.NbTriangles()
        explorer.Next()
    if count == 0:
        raise GeometryError("the solid has no faces to tessellate", part=name)
    return count


def _triangles(shape: cq.Shape) -> np.ndarray:
    """(F, 3, 3) float32 triangles of the shape's face triangulations, face after face in the
    order of a face explorer, outward-wound.

    OCCT's STL writer gathers them in C++ (faces' locations and orientations applied); reading
    its binary file back is two orders of magnitude faster than visiting every node from
    Python.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="keidesign-mesh-") as scratch:
            path = Path(scratch) / "solids.stl"
            writer = StlAPI_Writer()
            writer.ASCIIMode = False
            if not writer.Write(shape.wrapped, str(path)):
                raise ExportError("the mesher's triangles could not be written out")
            data = path.read_bytes()
    except OSError as err:
        raise ExportError(f"the mesher's temporary file failed: {err}") from err
    count = int(np.frombuffer(data, dtype="<u4", count=1, offset=80)[0])
    if len(data) != 84 + count * _STL_RECORD.itemsize:
        raise ExportError("the mesher's triangles were cut short")
    return np.frombuffer(data, dtype=_STL_RECORD, count=count, offset=84)["vertices"]


def _weld(triangles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge bit-identical corners: (V, 3) float vertices, (F, 3) int faces.

    Faces that lose an edge to the merge (two corners on one node) have no area and are
    dropped; the faces around them still close.
    """
    corners = np.ascontiguousarray(triangles.reshape(-1, 3)) + np.float32(0.0)  # -0.0 → 0.0
    # Sort 64-bit hashes of the corners' bits rather than the 12-byte corners themselves
    # (twice as fast), then make sure no two different corners shared a hash.
    bits = corners.view(np.uint32).astype(np.uint64)
    hashed = bits[:, 0] * _MIX[0] ^ bits[:, 1] * _MIX[1] ^ bits[:, 2] * _MIX[2]
    _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
    if not np.array_equal(corners[first][inverse], corners):
        keys = corners.view(np.dtype((np.void, corners.itemsize * 3))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    faces = inverse.reshape(-1, 3).astype(np.int64)
    faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2])
                  & (faces[:, 2] != faces[:, 0])]
    return corners[first].astype(np.float64), faces


def _is_closed(faces: np.ndarray) -> bool:
    """Whether every edge is used exactly twice, once in each direction: the mesh is closed
    (watertight) and consistently wound."""
    if len(faces) == 0:
        return False
    n = int(faces.max()) + 1
    a = faces.ravel()
    b = np.roll(faces, -1, axis=1).ravel()
    forward = np.sort(a * n + b)
    if (forward[1:] == forward[:-1]).any():  # an edge used twice in one direction
        return False
    return bool(np.array_equal(forward, np.sort(b * n + a)))
