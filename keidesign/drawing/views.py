"""The three orthographic views of a layout: each part's outline, in drawing order.

Each view looks along a vehicle axis from its positive side (the side view from the left, the
front view from ahead, the plan from above), in first-angle projection: the front view stands
to the right of the side view (which has the front on the left) and the plan below it. The
outlines come from the parts' own shapes in closed form
(:func:`~keidesign.shapes.projection.outline`), not from the CAD kernel's hidden-line
projection: a drawing then costs a few tens of milliseconds, needs no CAD kernel (a notebook
shows a design without importing it) and is exact for every shape but circles (polygons of
:data:`~keidesign.shapes.projection.CIRCLE_SEGMENTS` sides).

Visibility: parts are painted far to near (by the nearest point of their box, ties broken by
their centroid's depth), each filled, so nearer parts hide farther ones: a painter's algorithm
that takes each part as a whole, so a body shell hides what it encloses (its near wall is
nearer) and the glass set in its wall shows; two parts interleaved in depth may be ordered
wrongly. Every outline is drawn once more on top, dashed, so hidden outlines show dashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely

from keidesign.layout.layout import Layout
from keidesign.shapes.arrays import AXES
from keidesign.shapes.projection import VIEW_PLANES, outline

__all__ = ["VIEWS", "PartOutline", "View", "part_outlines"]


@dataclass(frozen=True, slots=True)
class View:
    """An orthographic view: looking along ``along`` from its positive side.

    Attributes:
        name: ``"side"``, ``"front"`` or ``"top"``.
        along: the vehicle axis looked along.
        right: (vehicle axis index, sign): the axis that runs to the right on the sheet.
        down: (vehicle axis index, sign): the axis that runs down the sheet.
    """

    name: str
    along: Literal["x", "y", "z"]
    right: tuple[int, int]
    down: tuple[int, int]

    def to_sheet(self, points: np.ndarray, origin: tuple[float, float], scale: float
                 ) -> np.ndarray:
        """(..., 3) vehicle points, mm → (..., 2) sheet points, mm of paper, for a drawing at
        1:``scale`` whose vehicle origin lies at ``origin`` on the sheet."""
        p = np.asarray(points, dtype=float)
        (a, sa), (b, sb) = self.right, self.down
        return np.stack([origin[0] + sa * p[..., a] / scale,
                         origin[1] + sb * p[..., b] / scale], axis=-1)

    def plane_to_sheet(self, points: np.ndarray, origin: tuple[float, float], scale: float
                       ) -> np.ndarray:
        """(M, 2) points in the view plane (:data:`VIEW_PLANES` order) → sheet points."""
        full = np.zeros((len(points), 3))
        full[:, list(VIEW_PLANES[self.along])] = points
        return self.to_sheet(full, origin, scale)


#: The three views, by name.
VIEWS: dict[str, View] = {
    "side": View("side", "y", right=(0, -1), down=(2, -1)),
    "front": View("front", "x", right=(1, 1), down=(2, -1)),
    "top": View("top", "z", right=(0, -1), down=(1, 1)),
}


@dataclass(frozen=True, slots=True)
class PartOutline:
    """One part seen in one view.

    Attributes:
        index: the part's position in the layout.
        name: its name.
        region: what it covers, a shapely (Multi)Polygon in the view plane, mm.
        colour: its (r, g, b) 0–1.
        load: its load group (``"vehicle"``, ``"driver"`` …).
    """

    index: int
    name: str
    region: shapely.Geometry
    colour: tuple[float, float, float]
    load: str


def part_outlines(layout: Layout, view: View) -> list[PartOutline]:
    """Every part of one design seen in ``view``, far to near (the painting order)."""
    d = AXES[view.along]
    depth = layout.centroid_mm[0, :, d]
    nearest = layout.bbox_max_mm[0, :, d]
    order = np.lexsort((depth, nearest))
    return [PartOutline(index=int(i), name=layout.components[i].name,
                        region=outline(layout.components[i].shape,
                                       layout.components[i].placement, view.along),
                        colour=tuple(layout.components[i].colour),
                        load=layout.components[i].load)
            for i in order]
