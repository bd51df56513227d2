"""A roll cage from a few hardpoints: main hoop, A-pillar bars, rear stays, a diagonal."""

from __future__ import annotations

from typing import Any

import numpy as np

from keidesign.layout.component import Component, pair
from keidesign.layout.material import Material
from keidesign.parts.materials import density_kg_m3, material
from keidesign.shapes import TubePath
from keidesign.shapes.arrays import Scalar
from keidesign.units import MM3_TO_M3

__all__ = ["roll_cage"]


def roll_cage(*, hoop_x: Scalar, half_width: Scalar, base_z: Scalar, top_z: Scalar,
              front: tuple[Scalar, Scalar] | None = None, front_top_x: Scalar | None = None,
              rear: tuple[Scalar, Scalar] | None = None, diagonal: bool = True,
              tube_diameter: Scalar = 40.0, tube_wall: Scalar = 2.0,
              bend_radius: Scalar | None = None, tube_material: Any = "steel",
              name: str = "cage") -> list[Component]:
    """A welded roll cage of round tube; every tube's mass is its material's.

    Args:
        hoop_x: the main hoop's plane, mm (vehicle axes).
        half_width: the hoop's legs at ±half_width (tube centres), mm.
        base_z: the hoop's feet, mm.
        top_z: the hoop's top tube centre, mm.
        front: (x, z) of the A-pillar bars' feet; ``None`` for a hoop without them.
        front_top_x: x where the A-pillar bars reach roof height before running back to the
            hoop (default: 300 mm ahead of the hoop).
        rear: (x, z) of the rear stays' feet; ``None`` for none.
        diagonal: a diagonal across the hoop.
        tube_diameter: outer diameter, mm.
        tube_wall: wall, mm.
        bend_radius: centreline bend radius, mm (default: twice the diameter).
        tube_material: a material or its name, or an (N,) array of names (a sweep that varies
            it: each design's tubes then weigh their own material's density × volume).
        name: the parts' prefix: ``cage_hoop``, ``cage_a_pillar_left`` …

    Returns:
        The tubes.
    """
    if isinstance(tube_material, (str, Material)):
        mat, density = material(tube_material), None
    else:  # one material name per design: each design's tubes weigh their own material
        mat = material(str(np.asarray(tube_material).ravel()[0]))
        density = density_kg_m3(tube_material)

    def tube(part: str, points: list[tuple[Scalar, Scalar, Scalar]]) -> Component:
        shape = TubePath(points, outer_diameter=tube_diameter, wall=tube_wall,
                         bend_radius=bend_radius)
        mass = None if density is None \
            else density * shape.properties().volume_mm3 * MM3_TO_M3
        return Component(part, "cage", shape, mat, mass_kg=mass)

    w = half_width
    out = [tube(f"{name}_hoop", [(hoop_x, w, base_z), (hoop_x, w, top_z), (hoop_x, -w, top_z),
                                 (hoop_x, -w, base_z)])]
    if front is not None:
        fx, fz = front
        top_x = hoop_x + 300.0 if front_top_x is None else front_top_x
        out += pair(tube(f"{name}_a_pillar_{{side}}",
                         [(fx, w, fz), (top_x, w, top_z), (hoop_x, w, top_z)]))
    if rear is not None:
        rx, rz = rear
        out += pair(tube(f"{name}_rear_stay_{{side}}", [(hoop_x, w, top_z), (rx, w, rz)]))
    if diagonal:
        out.append(tube(f"{name}_diagonal", [(hoop_x, w, top_z), (hoop_x, -w, base_z)]))
    return out
