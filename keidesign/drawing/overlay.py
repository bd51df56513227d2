"""Several designs' side views drawn over each other, front axles and ground in common."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

from keidesign.analysis.envelope import envelope
from keidesign.analysis.report import Analysis
from keidesign.drawing.scene import Circle, Group, Item, Path, Polyline, Style, Text
from keidesign.drawing.sheet import Drawing, rings
from keidesign.drawing.views import VIEWS, part_outlines
from keidesign.layout.component import ROAD_TYRES
from keidesign.layout.layout import Layout

__all__ = ["DESIGN_COLOURS", "overlay"]

#: Colour of the first, second … design.
DESIGN_COLOURS = ("#1f5fbf", "#c0392b", "#1a8a3a", "#8e44ad", "#d35400", "#16a085")

_MARGIN = 12.0


def overlay(designs: Sequence[tuple[str, Layout, Analysis]], scale: float = 20.0) -> Drawing:
    """The side views of ``designs`` (label, layout, analysis) over each other at 1:``scale``:
    each design's silhouette (its regulated parts), its road wheels and its kerb centre of mass
    in its own colour, the kei box of the first design's era, and a legend.

    The vehicle origin (ground below the front axle) is common, so wheelbases, overhangs and
    heights compare directly.
    """
    view = VIEWS["side"]
    lo = np.min([lay.bbox_min_mm[0].min(0) for _, lay, _ in designs], axis=0)
    hi = np.max([lay.bbox_max_mm[0].max(0) for _, lay, _ in designs], axis=0)
    reg = designs[0][2].regulation
    hi[2] = max(hi[2], reg.max_height_mm)
    legend_h = 6.0 + 4.0 * len(designs)
    origin = (_MARGIN + hi[0] / scale, _MARGIN + 6.0 + hi[2] / scale)
    width = 2 * _MARGIN + (hi[0] - lo[0]) / scale
    height = origin[1] + 8.0 + legend_h + _MARGIN
    items: list[Item] = []
    for k, (label, layout, analysis) in enumerate(designs):
        colour = DESIGN_COLOURS[k % len(DESIGN_COLOURS)]
        outlines = part_outlines(layout, view)
        body = shapely.union_all([p.region for p in outlines if layout.in_envelope[p.index]])
        wheels = [p.region for p in outlines if p.name in ROAD_TYRES]
        group: list[Item] = [Path(tuple(view.plane_to_sheet(r, origin, scale) for r in rings(body)),
                                  Style(fill=colour, stroke=colour, width_mm=0.35,
                                        fill_opacity=0.08), title=label)]
        group += [Path(tuple(view.plane_to_sheet(r, origin, scale) for r in rings(w)),
                       Style(stroke=colour, width_mm=0.25)) for w in wheels]
        com = np.asarray(analysis.load_cases["kerb"].com_mm)
        cx, cy = (float(v) for v in view.to_sheet(com, origin, scale))
        group.append(Circle((cx, cy), 1.5, Style(fill=colour, stroke="#ffffff", width_mm=0.2),
                            data={"view": "side"}))
        items.append(Group(tuple(group), id=f"design-{k}", data={"label": label}))
    # The ground, the front axle line and the kei box (centred as the fit check places it on
    # the first design).
    a, b = view.to_sheet(np.array([[lo[0] - 100, 0, 0], [hi[0] + 100, 0, 0]]), origin, scale)
    items.append(Polyline(np.stack([a, b]), Style(width_mm=0.3)))
    env = envelope(designs[0][1])
    centre = (env.min_mm[0, 0] + env.max_mm[0, 0]) / 2
    box = np.array([[centre + reg.max_length_mm / 2, 0, 0], [centre - reg.max_length_mm / 2, 0, 0],
                    [centre - reg.max_length_mm / 2, 0, reg.max_height_mm],
                    [centre + reg.max_length_mm / 2, 0, reg.max_height_mm]])
    items.append(Path((view.to_sheet(box, origin, scale),),
                      Style(stroke="#0a6ebd", width_mm=0.3, dash=(5.0, 1.0, 1.0, 1.0)),
                      title="kei box", data={"view": "side"}))
    y = origin[1] + 8.0
    items.append(Text((_MARGIN, y), f"side views over each other, 1:{scale:g}, front axles "
                      f"aligned; kei box of {reg.era} around the first", 2.4, bold=True))
    for k, (label, _, analysis) in enumerate(designs):
        y += 4.0
        colour = DESIGN_COLOURS[k % len(DESIGN_COLOURS)]
        kerb = analysis.load_cases["kerb"]
        env = analysis.envelope_mm
        items.append(Text((_MARGIN, y), f"■ {label}: {env['length']:,.0f} × {env['width']:,.0f} "
                          f"× {env['height']:,.0f} mm, wheelbase {analysis.wheelbase_mm:,.0f} mm, "
                          f"kerb {kerb.mass_kg:,.0f} kg (● its centre of mass)", 2.4,
                          colour=colour))
    title = "compare: " + " vs ".join(label for label, _, _ in designs)
    return Drawing(Group(tuple(items), id="overlay"), (float(width), float(height)),
                   float(scale), title)
