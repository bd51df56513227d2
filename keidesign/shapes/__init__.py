"""Shapes as numbers: the primitives every part is made of, each defined once.

Each primitive gives its volume, centroid, inertia per kilogram about the centroid and exact
axis-aligned bounding box in closed form, vectorised over N designs
(:meth:`properties`), its mirror image in y = 0 (:meth:`mirror_y`) and, for one design, a
hashable :meth:`key` (equal keys: the same solid). :mod:`keidesign.geometry` builds the same
solids in CadQuery from the same definitions; nothing here imports the CAD kernel.

- :class:`Box`: an axis-aligned box, solid or a rectangular tube;
- :class:`Cylinder`: a cylinder or round tube between two points;
- :class:`Prism`: a polygon extruded along a principal axis, solid or a closed shell;
- :class:`Revolution`: a polygon revolved about a principal axis;
- :class:`TubePath`: a round tube along a polyline with bent corners.

A :class:`Placement` (quarter-turns and a translation) puts a shape into vehicle axes.
Lengths are in mm; vehicle axes are ISO 8855 (x forward, y left, z up).
"""

from __future__ import annotations

from typing import Union

from keidesign.shapes.arrays import AXES
from keidesign.shapes.box import Box
from keidesign.shapes.cylinder import Cylinder
from keidesign.shapes.placement import IDENTITY, Placement, quarter_turns
from keidesign.shapes.prism import PLANES, Prism
from keidesign.shapes.properties import INERTIA_ORDER, ShapeProperties
from keidesign.shapes.revolution import Revolution
from keidesign.shapes.tube_path import TubePath

#: Any primitive.
Shape = Union[Box, Cylinder, Prism, Revolution, TubePath]

__all__ = ["AXES", "IDENTITY", "INERTIA_ORDER", "PLANES", "Box", "Cylinder", "Placement",
           "Prism", "Revolution", "Shape", "ShapeProperties", "TubePath", "quarter_turns"]
