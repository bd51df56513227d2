"""Drawings of a design, from the parts' own shapes in closed form (no CAD kernel).

- :func:`three_view`: the dimensioned side, front and top views on an A3 sheet, to scale;
- :func:`side_view`: the side view alone (what a notebook shows for a concept);
- :class:`Drawing`: a finished drawing, written as SVG or PNG.
"""

from __future__ import annotations

from keidesign.analysis.report import Analysis
from keidesign.drawing.sheet import CASE_COLOURS, SCALES, Drawing, drawing
from keidesign.layout.layout import Layout

__all__ = ["CASE_COLOURS", "SCALES", "Drawing", "side_view", "three_view"]


def three_view(layout: Layout, analysis: Analysis, scale: float | None = None) -> Drawing:
    """The dimensioned three-view drawing of one design (see :mod:`keidesign.drawing.sheet`).

    Args:
        layout: the design's layout (``concept.layout()``).
        analysis: its analysis (``concept.analyse(era)``), for the kei box of that era.
        scale: draw at 1:``scale``; by default the largest standard scale that fits A3.
    """
    return drawing(layout, analysis, ("side", "front", "top"), scale=scale)


def side_view(layout: Layout, analysis: Analysis, scale: float | None = 25) -> Drawing:
    """The side view alone, with the kei box, centres of mass, axle loads and dimensions."""
    return drawing(layout, analysis, ("side",), scale=scale, notes=False)
