"""Tessellation: each part's solid as a closed triangle mesh, shared by the STL and GLB writers.

Meshes are in millimetres, vehicle axes (x forward, y left, z up), like the solids. Every part
is tessellated once with OCCT's mesher at an absolute chord tolerance; the faces' triangulations
share their edges' nodes, so merging coincident vertices closes each part.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import cadquery as cq
import numpy as np
import trimesh
from OCP.BRep import BRep_Tool
from OCP.BRepMesh import BRepMesh_IncrementalMesh
from OCP.TopAbs import TopAbs_FACE, TopAbs_REVERSED
from OCP.TopExp import TopExp_Explorer
from OCP.TopLoc import TopLoc_Location
from OCP.TopoDS import TopoDS

from keidesign.errors import GeometryError

__all__ = ["DEFAULT_ANGULAR_TOLERANCE_DEG", "DEFAULT_TOLERANCE_MM", "mesh_solid",
           "part_meshes"]

#: Largest distance between a triangle and the true surface, mm.
DEFAULT_TOLERANCE_MM = 0.1
#: Largest angle between neighbouring triangles on a curved face, degrees.
DEFAULT_ANGULAR_TOLERANCE_DEG = 5.0


def mesh_solid(solid: cq.Shape, *, tolerance_mm: float = DEFAULT_TOLERANCE_MM,
               angular_tolerance_deg: float = DEFAULT_ANGULAR_TOLERANCE_DEG,
               name: str | None = None) -> trimesh.Trimesh:
    """Tessellate one solid into a closed, outward-facing triangle mesh.

    The mesher stores its triangulation on the solid's faces (OCCT's usual cache); the solid's
    geometry is not changed.

    Args:
        solid: the solid, mm.
        tolerance_mm: chord tolerance, mm (absolute, not relative to the part's size).
        angular_tolerance_deg: angular tolerance, degrees.
        name: the part's name, carried by any error.

    Returns:
        The mesh, mm, vehicle axes.

    Raises:
        GeometryError: the mesher failed, or the mesh is not watertight or not outward-facing.
    """
    if not (tolerance_mm > 0 and 0 < angular_tolerance_deg < 180):
        raise GeometryError(f"tessellation needs tolerance_mm > 0 and 0 < "
                            f"angular_tolerance_deg < 180 (got {tolerance_mm!r}, "
                            f"{angular_tolerance_deg!r})", part=name)
    try:
        mesher = BRepMesh_IncrementalMesh(solid.wrapped, tolerance_mm, False,
                                          math.radians(angular_tolerance_deg), False)
        if not mesher.IsDone():
            raise GeometryError("the mesher did not finish", part=name)
        vertices, faces = _triangulation(solid, name)
    except GeometryError:
        raise
    except Exception as err:  # OCCT raises Standard_Failure subclasses
        raise GeometryError(f"the mesher failed: {type(err).__name__}: {err}",
                            part=name) from err
    # process=True merges the duplicated edge nodes of neighbouring faces.
    mesh = trimesh.Trimesh(vertices=vertices, faces=faces, process=True)
    if not mesh.is_watertight:
        raise GeometryError("the tessellated part is not watertight", part=name)
    if not (mesh.is_winding_consistent and mesh.volume > 0):
        raise GeometryError("the tessellated part is not consistently outward-facing",
                            part=name)
    return mesh


def part_meshes(solids: Mapping[str, cq.Shape], *,
                tolerance_mm: float = DEFAULT_TOLERANCE_MM,
                angular_tolerance_deg: float = DEFAULT_ANGULAR_TOLERANCE_DEG
                ) -> dict[str, trimesh.Trimesh]:
    """Tessellate every part (see :func:`mesh_solid`).

    Args:
        solids: part name → solid, mm (from
            :func:`keidesign.geometry.assembly.component_solids`).
        tolerance_mm: chord tolerance, mm.
        angular_tolerance_deg: angular tolerance, degrees.

    Returns:
        part name → watertight mesh, mm, vehicle axes, in the order of ``solids``.

    Raises:
        GeometryError: a part could not be tessellated into a watertight mesh (the error
            names it).
    """
    return {name: mesh_solid(solid, tolerance_mm=tolerance_mm,
                             angular_tolerance_deg=angular_tolerance_deg, name=name)
            for name, solid in solids.items()}


def _triangulation(solid: cq.Shape, name: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(V, 3) float vertices and (F, 3) int faces of the solid's stored face triangulations."""
    vertex_blocks: list[np.ndarray] = []
    face_blocks: list[np.ndarray] = []
    offset = 0
    explorer = TopExp_Explorer(solid.wrapped, TopAbs_FACE)
    while explorer.More():
        face = TopoDS.Face_s(explorer.Current())
        explorer.Next()
        location = TopLoc_Location()
        poly = BRep_Tool.Triangulation_s(face, location)
        if poly is None:
            raise GeometryError("a face has no triangulation after meshing", part=name)
        points = (poly.Node(i) for i in range(1, poly.NbNodes() + 1))
        if not location.IsIdentity():
            trsf = location.Transformation()
            points = (p.Transformed(trsf) for p in points)
        nodes = np.array([p.Coord() for p in points], dtype=float).reshape(-1, 3)
        tris = np.array([poly.Triangle(i).Get() for i in range(1, poly.NbTriangles() + 1)],
                        dtype=np.int64) - 1
        if face.Orientation() == TopAbs_REVERSED:
            tris = tris[:, ::-1]
        vertex_blocks.append(nodes)
        face_blocks.append(tris + offset)
        offset += len(nodes)
    if not face_blocks:
        raise GeometryError("the solid has no faces to tessellate", part=name)
    return np.concatenate(vertex_blocks), np.concatenate(face_blocks)
