"""Geometry: CadQuery solids and assemblies from a layout, and the CAD-path checks.

The CAD kernel stays here and in :mod:`keidesign.export`: importing this package imports
CadQuery, so nothing in layout, analysis or the ``check`` command imports it.
"""

from __future__ import annotations

from keidesign.geometry.assembly import (
    CadModel,
    build_assembly,
    cad_model,
    component_solids,
    location,
)
from keidesign.geometry.cad_analysis import (
    CadEnvelope,
    CadMassProperties,
    VolumeProperties,
    cad_envelope,
    cad_mass_properties,
    exact_bounds_mm,
    volume_properties,
)
from keidesign.geometry.clash import CadClash, cad_clashes, cad_clearance
from keidesign.geometry.kernel import limit_kernel_threads
from keidesign.geometry.solids import solid_for

__all__ = ["CadClash", "CadEnvelope", "CadMassProperties", "CadModel", "VolumeProperties",
           "build_assembly", "cad_clashes", "cad_clearance", "cad_envelope",
           "cad_mass_properties", "cad_model", "component_solids",
           "exact_bounds_mm", "limit_kernel_threads", "location", "solid_for",
           "volume_properties"]
