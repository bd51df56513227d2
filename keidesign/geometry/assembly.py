"""A layout's CadQuery model: one solid per distinct shape, placed by location per component.

Identical parts share one solid: every component's shape is keyed by its definition
(:meth:`~keidesign.shapes.Box.key` …), each distinct key is built once in the shape's own frame,
and each component places it with a :class:`cadquery.Location` (as ``cq.Assembly.add(obj,
loc=…)`` intends). Four identical wheels are one tyre solid at four locations, each child still
with its own name and colour. The exports keep the sharing: the STEP file holds the tyre solid
once (:mod:`keidesign.export.step`), and it is tessellated once for the STL and GLB
(:func:`keidesign.export.mesh.tessellate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cadquery as cq
import numpy as np
from OCP.gp import gp_Trsf

from keidesign.errors import ParameterError
from keidesign.geometry.solids import solid_for
from keidesign.layout.layout import Layout
from keidesign.parameters.spec import quote
from keidesign.shapes import Placement

__all__ = ["CadModel", "build_assembly", "cad_model", "component_solids", "location",
           "model_of", "require_one_design"]


@dataclass(frozen=True, slots=True)
class CadModel:
    """The solids of one design.

    Attributes:
        solids: shape key → the shape's solid in its own frame, mm (one per distinct shape).
        keys: component name → its shape's key, in layout order.
        locations: component name → where its solid sits in vehicle axes.
    """

    solids: Mapping[Any, cq.Solid]
    keys: Mapping[str, Any]
    locations: Mapping[str, cq.Location]

    def placed(self) -> dict[str, cq.Shape]:
        """Component name → its solid located in vehicle axes (x forward, y left, z up), mm;
        solids of identical parts share their geometry."""
        return {name: self.solids[key].located(self.locations[name])
                for name, key in self.keys.items()}

    def matrices(self) -> dict[str, np.ndarray]:
        """Component name → (4, 4) float, its location as a matrix: a proper rotation and a
        translation in mm, from its solid's frame to vehicle axes."""
        out = {}
        for name, loc in self.locations.items():
            trsf = loc.wrapped.Transformation()
            m = np.eye(4)
            m[:3] = [[trsf.Value(i, j) for j in (1, 2, 3, 4)] for i in (1, 2, 3)]
            out[name] = m
        return out


def location(placement: Placement) -> cq.Location:
    """The CadQuery location of a placement of one design (rotation and translation, mm)."""
    m = placement.matrix()
    trsf = gp_Trsf()
    trsf.SetValues(*(float(v) for v in m[:3].ravel()))
    return cq.Location(trsf)


def cad_model(layout: Layout) -> CadModel:
    """Build each distinct shape of a design once and place every component.

    Args:
        layout: a layout of one design (N == 1).

    Raises:
        ParameterError: the layout holds more than one design.
        GeometryError: a component's solid could not be built (the error names it).
    """
    require_one_design(layout)
    solids: dict[Any, cq.Solid] = {}
    keys: dict[str, Any] = {}
    locations: dict[str, cq.Location] = {}
    for component in layout.components:
        key = component.shape.key()
        if key not in solids:
            solids[key] = solid_for(component.shape, name=component.name)
        keys[component.name] = key
        locations[component.name] = location(component.placement)
    return CadModel(solids=solids, keys=keys, locations=locations)


def component_solids(layout: Layout, model: CadModel | None = None) -> dict[str, cq.Shape]:
    """Every component's solid, located in vehicle axes, in layout order.

    Args:
        layout: a layout of one design (N == 1).
        model: the design's :class:`CadModel` if already built.

    Returns:
        component name → its located solid, mm, vehicle axes (x forward, y left, z up).

    Raises:
        ParameterError: the layout holds more than one design.
        GeometryError: a component's solid could not be built (the error names it).
    """
    return (model or cad_model(layout)).placed()


def model_of(layout: Layout, model: CadModel | None = None) -> CadModel:
    """The solids of one design: ``model`` checked against ``layout``, or built if ``None``.

    Raises:
        ParameterError: the layout holds more than one design, or ``model`` is not the
            layout's (a component without its solid, or a solid of no component).
        GeometryError: a component's solid could not be built.
    """
    require_one_design(layout)
    if model is None:
        return cad_model(layout)
    if set(model.keys) != set(layout.names):
        missing = sorted(set(layout.names) - set(model.keys))
        extra = sorted(set(model.keys) - set(layout.names))
        raise ParameterError(f"'model' must hold one solid per component (missing "
                             f"{quote(missing)}, unknown {quote(extra)})", name="model")
    return model


def build_assembly(layout: Layout, model: CadModel | None = None,
                   name: str | None = None) -> cq.Assembly:
    """The assembly of a design: one child per component, sharing solids by location.

    Each child is named after its component and coloured with the component's colour (sRGB);
    children of identical parts hold the same solid at their own locations. The assembly is
    named ``name`` (the concept's name by default).

    Args:
        layout: a layout of one design (N == 1).
        model: the design's :class:`CadModel` if already built; built here otherwise.
        name: the assembly's name (the STEP file's root product).

    Raises:
        ParameterError: the layout holds more than one design, or ``model`` is not the
            layout's.
        GeometryError: a component's solid could not be built.
    """
    model = model_of(layout, model)
    assembly = cq.Assembly(name=name or layout.concept)
    for component in layout.components:
        r, g, b = (float(c) for c in component.colour)
        assembly.add(model.solids[model.keys[component.name]], name=component.name,
                     loc=model.locations[component.name], color=cq.Color(r, g, b, 1.0))
    return assembly


def require_one_design(layout: Layout) -> None:
    """Refuse a layout of several designs: CAD builds one at a time.

    Raises:
        ParameterError: the layout holds more than one design.
    """
    if layout.n_designs != 1:
        raise ParameterError(f"CAD builds one design at a time; the layout holds "
                             f"{layout.n_designs}", name="layout", value=layout.n_designs)
