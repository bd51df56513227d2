"""Mass properties and envelope measured on the CAD solids: the check on the fast path.

:mod:`keidesign.analysis` works from closed-form formulas on layout numbers. The functions here
measure the same figures on the B-rep solids with OCCT (volume integrals, exact bounding boxes),
so tests can hold one path against the other. Masses are the layout's (explicit, or density ×
closed-form volume); the CAD path supplies where each component's volume lies.

Everything is one design (N == 1), in mm and kg, vehicle axes (x forward, y left, z up; origin on
the ground below the front axle centre).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cadquery as cq
import numpy as np
from OCP.Bnd import Bnd_Box
from OCP.BRepBndLib import BRepBndLib
from OCP.BRepGProp import BRepGProp
from OCP.GProp import GProp_GProps

from keidesign.analysis.mass import LOAD_CASES
from keidesign.errors import GeometryError
from keidesign.geometry.assembly import component_solids, require_one_design
from keidesign.layout.component import LOAD_GROUPS
from keidesign.layout.layout import Layout
from keidesign.units import MM2_TO_M2

__all__ = ["CadEnvelope", "CadMassProperties", "VolumeProperties", "cad_envelope",
           "cad_mass_properties", "exact_bounds_mm", "volume_properties"]


@dataclass(frozen=True, slots=True)
class VolumeProperties:
    """Volume properties of one solid, as OCCT integrates them.

    Attributes:
        volume_mm3: volume, mm³.
        centroid_mm: (3,) float, volume centroid, mm.
        second_moment_mm5: (3, 3) float, inertia tensor of the volume at unit density about the
            centroid, mm⁵ (multiply by density in kg/mm³ for kg·mm²).
    """

    volume_mm3: float
    centroid_mm: np.ndarray
    second_moment_mm5: np.ndarray


@dataclass(frozen=True, slots=True)
class CadMassProperties:
    """Mass properties of one design in one load case, from the CAD solids.

    Attributes:
        load_case: ``"kerb"``, ``"driver"``, ``"crew"`` or ``"full"`` (see
            :data:`~keidesign.analysis.mass.LOAD_CASES`).
        mass_kg: total mass, kg.
        com_mm: (3,) float, centre of mass, mm, vehicle axes.
        inertia_kg_m2: (3, 3) float, inertia tensor about the centre of mass, kg·m², vehicle
            axes.
    """

    load_case: str
    mass_kg: float
    com_mm: np.ndarray
    inertia_kg_m2: np.ndarray


@dataclass(frozen=True, slots=True)
class CadEnvelope:
    """Exact bounding boxes of the CAD solids.

    Attributes:
        min_mm: (3,) float, lowest x, y, z of the components in the regulated envelope, mm.
        max_mm: (3,) float, highest x, y, z of those components, mm.
        size_mm: (3,) float, their overall length, width and height, mm; height is measured
            from the ground plane (z = 0), as in :func:`keidesign.analysis.envelope`.
        model_min_mm: (3,) float, lowest x, y, z of every component in the model (door
            mirrors, occupants and payload included): the box of the STEP, STL and GLB, mm.
        model_max_mm: (3,) float, highest x, y, z of every component, mm.
    """

    min_mm: np.ndarray
    max_mm: np.ndarray
    size_mm: np.ndarray
    model_min_mm: np.ndarray
    model_max_mm: np.ndarray


def exact_bounds_mm(shape: cq.Shape) -> tuple[np.ndarray, np.ndarray]:
    """The exact axis-aligned bounding box of ``shape``.

    OCCT's optimal box on the B-rep surfaces, with no triangulation and no tolerance gap
    (CadQuery's ``BoundBox`` pads the box by the shape tolerance and more).

    Returns:
        ``(min, max)``, each (3,) float, mm.
    """
    box = Bnd_Box()
    BRepBndLib.AddOptimal_s(shape.wrapped, box, False, False)
    if box.IsVoid():
        raise GeometryError("the shape is empty; it has no bounding box")
    x0, y0, z0, x1, y1, z1 = box.Get()
    return np.array([x0, y0, z0]), np.array([x1, y1, z1])


def volume_properties(shape: cq.Shape) -> VolumeProperties:
    """Volume, centroid and unit-density inertia of ``shape``, integrated by OCCT."""
    props = GProp_GProps()
    BRepGProp.VolumeProperties_s(shape.wrapped, props)
    centre = props.CentreOfMass()
    matrix = props.MatrixOfInertia()
    return VolumeProperties(
        volume_mm3=props.Mass(),
        centroid_mm=np.array([centre.X(), centre.Y(), centre.Z()]),
        second_moment_mm5=np.array([[matrix.Value(i, j) for j in (1, 2, 3)] for i in (1, 2, 3)]),
    )


def cad_mass_properties(layout: Layout, solids: Mapping[str, cq.Shape] | None = None
                        ) -> dict[str, CadMassProperties]:
    """Centre of mass and inertia of each load case, from the CAD solids.

    Each component's mass is the layout's; its centroid and inertia come from integrating its
    solid, scaled by mass / CAD volume. Load-case membership is that of
    :data:`~keidesign.analysis.mass.LOAD_CASES`.

    Args:
        layout: a layout of one design (N == 1).
        solids: component name → solid, if already built.

    Returns:
        ``{"kerb": …, "driver": …, "crew": …, "full": …}``.

    Raises:
        ParameterError: the layout holds more than one design.
        GeometryError: a solid could not be built, or a component has mass but no volume.
    """
    require_one_design(layout)  # given solids too: they would be read as design 0's
    if solids is None:
        solids = component_solids(layout)
    masses = layout.mass_kg[0]
    centroids = np.empty((len(layout.names), 3))
    own = np.empty((len(layout.names), 3, 3))  # kg·mm² about each component's centroid
    for i, name in enumerate(layout.names):
        vp = volume_properties(solids[name])
        if not vp.volume_mm3 > 0:
            raise GeometryError(f"the solid has no volume ({vp.volume_mm3:g} mm³)", part=name)
        centroids[i] = vp.centroid_mm
        own[i] = vp.second_moment_mm5 * (masses[i] / vp.volume_mm3)
    result = {}
    for case, groups in LOAD_CASES.items():
        include = np.isin(np.asarray(LOAD_GROUPS)[layout.load_group], groups)
        m, c = masses[include], centroids[include]
        total = float(m.sum())
        com = (m[:, None] * c).sum(axis=0) / total
        r = c - com
        # Parallel axis: each component's own inertia plus m(|r|²E − r rᵀ).
        shift = m[:, None, None] * ((r * r).sum(axis=1)[:, None, None] * np.eye(3)
                                    - r[:, :, None] * r[:, None, :])
        inertia = (own[include] + shift).sum(axis=0) * MM2_TO_M2
        result[case] = CadMassProperties(load_case=case, mass_kg=total, com_mm=com,
                                         inertia_kg_m2=inertia)
    return result


def cad_envelope(layout: Layout, solids: Mapping[str, cq.Shape] | None = None) -> CadEnvelope:
    """Exact bounding boxes of the regulated envelope and of the whole model.

    Args:
        layout: a layout of one design (N == 1).
        solids: component name → solid, if already built.

    Raises:
        ParameterError: the layout holds more than one design.
        GeometryError: a solid could not be built.
    """
    require_one_design(layout)  # given solids too: they would be read as design 0's
    if solids is None:
        solids = component_solids(layout)
    bounds = np.array([exact_bounds_mm(solids[name]) for name in layout.names])  # (C, 2, 3)
    lo, hi = bounds[:, 0], bounds[:, 1]
    env = layout.in_envelope
    env_lo, env_hi = lo[env].min(axis=0), hi[env].max(axis=0)
    size = env_hi - env_lo
    size[2] = env_hi[2]  # height above the ground plane
    return CadEnvelope(min_mm=env_lo, max_mm=env_hi, size_mm=size,
                       model_min_mm=lo.min(axis=0), model_max_mm=hi.max(axis=0))
