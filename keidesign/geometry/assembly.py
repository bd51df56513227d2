"""A layout's CadQuery assembly: one named, coloured solid per component."""

from __future__ import annotations

from collections.abc import Mapping

import cadquery as cq

from keidesign.errors import ParameterError
from keidesign.geometry.solids import solid_for
from keidesign.layout.layout import Layout

__all__ = ["build_assembly", "component_solids", "require_one_design"]


def component_solids(layout: Layout) -> dict[str, cq.Solid]:
    """Every component's solid, in layout order.

    Args:
        layout: a layout of one design (N == 1).

    Returns:
        component name → its solid, mm, vehicle axes (x forward, y left, z up).

    Raises:
        ParameterError: the layout holds more than one design.
        GeometryError: a component's solid could not be built (the error names it).
    """
    require_one_design(layout)
    return {c.name: solid_for(c.shape, name=c.name) for c in layout.components}


def build_assembly(layout: Layout, solids: Mapping[str, cq.Shape] | None = None,
                   name: str | None = None) -> cq.Assembly:
    """The assembly of a design: one child per component.

    Each child is named after its component and coloured with the component's colour (sRGB);
    the assembly is named ``name`` (the concept's name by default). Solids are placed in
    vehicle axes, mm, so every child has the identity location.

    Args:
        layout: a layout of one design (N == 1).
        solids: the components' solids if already built (from :func:`component_solids`);
            built here otherwise.
        name: the assembly's name (the STEP file's root product); the concept's name by
            default.

    Returns:
        The assembly.

    Raises:
        ParameterError: the layout holds more than one design, or ``solids`` does not have
            exactly the layout's components.
        GeometryError: a component's solid could not be built.
    """
    require_one_design(layout)
    if solids is None:
        solids = component_solids(layout)
    elif set(solids) != set(layout.names):
        missing = sorted(set(layout.names) - set(solids))
        extra = sorted(set(solids) - set(layout.names))
        raise ParameterError(f"'solids' must hold one solid per component (missing {missing}, "
                             f"unknown {extra})", name="solids")
    assembly = cq.Assembly(name=name or layout.concept)
    for component in layout.components:
        r, g, b = (float(c) for c in component.colour)
        assembly.add(solids[component.name], name=component.name, color=cq.Color(r, g, b, 1.0))
    return assembly


def require_one_design(layout: Layout) -> None:
    """Refuse a layout of several designs: CAD builds one at a time.

    Raises:
        ParameterError: the layout holds more than one design.
    """
    if layout.n_designs != 1:
        raise ParameterError(f"CAD builds one design at a time; the layout holds "
                             f"{layout.n_designs}", name="layout", value=layout.n_designs)
