"""A drawing as a tree of plain primitives on a sheet, in millimetres of paper.

Both renderers read the same tree: :mod:`keidesign.drawing.svg` writes it as SVG (true size,
``width``/``height`` in mm) and :mod:`keidesign.drawing.raster` paints it with matplotlib into a
PNG. Coordinates are sheet mm, x to the right, y downwards (SVG's convention).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, Union

import numpy as np

__all__ = ["Circle", "Group", "Item", "Path", "Polyline", "Style", "Text", "hex_colour",
           "walk"]


@dataclass(frozen=True, slots=True)
class Style:
    """How a primitive is painted.

    Attributes:
        fill: ``"#rrggbb"``, or ``None`` for no fill.
        stroke: ``"#rrggbb"``, or ``None`` for no outline.
        width_mm: stroke width on paper, mm.
        dash: dash pattern on paper, mm (on, off, …); empty for a solid line.
        fill_opacity: 0–1.
    """

    fill: str | None = None
    stroke: str | None = "#000000"
    width_mm: float = 0.25
    dash: tuple[float, ...] = ()
    fill_opacity: float = 1.0


@dataclass(frozen=True, slots=True)
class Path:
    """Closed rings filled together (even–odd: a ring inside another is a hole).

    Attributes:
        rings: each a (M, 2) array of sheet points, mm; closed implicitly.
        style: paint.
        title: a tooltip (SVG ``<title>``): a part's name.
        data: extra ``data-*`` attributes.
    """

    rings: tuple[np.ndarray, ...]
    style: Style
    title: str | None = None
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Polyline:
    """An open line through (M, 2) sheet points, mm, with arrowheads at its ends if asked."""

    points: np.ndarray
    style: Style
    arrows: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    """A circle: centre (2,) sheet mm, radius mm."""

    centre: tuple[float, float]
    radius_mm: float
    style: Style
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Text:
    """A line of text: ``at`` its anchor point, sheet mm; ``size_mm`` the font's height."""

    at: tuple[float, float]
    text: str
    size_mm: float = 2.5
    anchor: Literal["start", "middle", "end"] = "start"
    colour: str = "#000000"
    rotate_deg: float = 0.0
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Items drawn in order, later ones on top; ``id`` and ``data`` become SVG attributes."""

    items: tuple[Item, ...]
    id: str | None = None
    data: Mapping[str, str] = field(default_factory=dict)


Item = Union[Path, Polyline, Circle, Text, Group]


def walk(item: Item) -> Iterator[Item]:
    """Every primitive under ``item`` (groups flattened), in drawing order."""
    if isinstance(item, Group):
        for child in item.items:
            yield from walk(child)
    else:
        yield item


def hex_colour(rgb: tuple[float, float, float], shade: float = 1.0) -> str:
    """``"#rrggbb"`` of an (r, g, b) 0–1 colour, each channel times ``shade``."""
    return "#" + "".join(f"{int(round(255 * min(1.0, max(0.0, c * shade)))):02x}" for c in rgb)
