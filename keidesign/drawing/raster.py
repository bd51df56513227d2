"""A scene painted into a PNG with matplotlib's Agg renderer (no display, no global state)."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle as CirclePatch
from matplotlib.patches import FancyArrowPatch, PathPatch
from matplotlib.path import Path as MplPath

from keidesign.drawing.scene import Circle, Group, Item, Path, Polyline, Style, Text, walk

__all__ = ["to_png"]

_PT_PER_MM = 72.0 / 25.4


def to_png(root: Group, size_mm: tuple[float, float], dpi: float = 150.0) -> bytes:
    """PNG bytes of ``root`` on a sheet of ``size_mm`` (width, height) at ``dpi``."""
    w, h = size_mm
    fig = Figure(figsize=(w / 25.4, h / 25.4), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0.0, w)
    ax.set_ylim(h, 0.0)   # sheet y runs downwards
    ax.set_axis_off()
    for z, item in enumerate(walk(root)):
        _paint(ax, item, z)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _line_kwargs(style: Style) -> dict[str, object]:
    kwargs: dict[str, object] = {"linewidth": style.width_mm * _PT_PER_MM,
                                 "edgecolor": style.stroke or "none"}
    if style.dash and style.stroke:
        # matplotlib scales dashes by the line width; give them in points of paper.
        kwargs["linestyle"] = (0, tuple(d * _PT_PER_MM / max(style.width_mm * _PT_PER_MM, 1e-9)
                                        for d in style.dash))
    return kwargs


def _paint(ax: object, item: Item, z: int) -> None:
    if isinstance(item, Path):
        vertices, codes = [], []
        for ring in item.rings:
            vertices += [*ring, ring[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
        path = MplPath(np.asarray(vertices), codes)
        ax.add_patch(PathPatch(path, facecolor=item.style.fill or "none",
                               alpha=None, zorder=z, **_line_kwargs(item.style),
                               **({"fill": False} if not item.style.fill else {})))
        if item.style.fill and item.style.fill_opacity < 1:
            ax.patches[-1].set_facecolor((*_rgb(item.style.fill), item.style.fill_opacity))
    elif isinstance(item, Polyline):
        pts = np.asarray(item.points)
        kwargs = _line_kwargs(item.style)
        colour = kwargs.pop("edgecolor")
        ax.plot(pts[:, 0], pts[:, 1], color=colour, zorder=z,
                **{k: v for k, v in kwargs.items()})
        if item.arrows and len(pts) >= 2:
            for tip, tail in ((pts[0], pts[1]), (pts[-1], pts[-2])):
                ax.add_patch(FancyArrowPatch(tuple(tail), tuple(tip), arrowstyle="-|>",
                                             mutation_scale=6, color=colour, zorder=z,
                                             linewidth=0, shrinkA=0, shrinkB=0))
    elif isinstance(item, Circle):
        ax.add_patch(CirclePatch(item.centre, item.radius_mm, facecolor=item.style.fill or "none",
                                 zorder=z, **_line_kwargs(item.style)))
    elif isinstance(item, Text):
        ha = {"start": "left", "middle": "center", "end": "right"}[item.anchor]
        ax.text(item.at[0], item.at[1], item.text, fontsize=item.size_mm * _PT_PER_MM,
                ha=ha, va="baseline", color=item.colour, rotation=-item.rotate_deg,
                rotation_mode="anchor", zorder=z, fontweight="bold" if item.bold else "normal")


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5))  # type: ignore[return-value]
