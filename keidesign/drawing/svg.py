"""A scene as SVG text, true to size: the sheet's ``width`` and ``height`` are in mm and the
``viewBox`` counts mm, so a drawing printed at 100 % is at its stated scale."""

from __future__ import annotations

from html import escape

import numpy as np

from keidesign.drawing.scene import Circle, Group, Item, Path, Polyline, Style, Text

__all__ = ["to_svg"]

_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def to_svg(root: Group, size_mm: tuple[float, float], title: str = "") -> str:
    """The SVG document of ``root`` on a sheet of ``size_mm`` (width, height)."""
    w, h = size_mm
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}mm" height="{h:g}mm" '
           f'viewBox="0 0 {w:g} {h:g}" font-family="{_FONT}">',
           f"<title>{escape(title)}</title>" if title else "",
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="2.4" '
           'markerHeight="2.4" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
           '<path d="M0,1.5 L10,5 L0,8.5 z" fill="#000"/></marker></defs>',
           f'<rect width="{w:g}" height="{h:g}" fill="#ffffff"/>']
    _item(root, out)
    out.append("</svg>")
    return "\n".join(s for s in out if s)


def _attrs(data: dict[str, str] | None, id_: str | None = None) -> str:
    parts = [f' id="{escape(id_)}"'] if id_ else []
    parts += [f' data-{k}="{escape(str(v))}"' for k, v in (data or {}).items()]
    return "".join(parts)


def _style(style: Style) -> str:
    parts = [f'fill="{style.fill or "none"}"']
    if style.fill and style.fill_opacity < 1:
        parts.append(f'fill-opacity="{style.fill_opacity:g}"')
    if style.stroke:
        parts.append(f'stroke="{style.stroke}" stroke-width="{style.width_mm:g}" '
                     f'stroke-linejoin="round"')
        if style.dash:
            parts.append(f'stroke-dasharray="{",".join(f"{d:g}" for d in style.dash)}"')
    else:
        parts.append('stroke="none"')
    return " ".join(parts)


def _points(points: np.ndarray) -> str:
    return " ".join(f"{x:.3f},{y:.3f}" for x, y in points)


def _item(item: Item, out: list[str]) -> None:
    if isinstance(item, Group):
        out.append(f"<g{_attrs(dict(item.data), item.id)}>")
        for child in item.items:
            _item(child, out)
        out.append("</g>")
    elif isinstance(item, Path):
        d = " ".join("M" + " L".join(f"{x:.3f},{y:.3f}" for x, y in ring) + "Z"
                     for ring in item.rings)
        title = f"<title>{escape(item.title)}</title>" if item.title else ""
        out.append(f'<path d="{d}" fill-rule="evenodd" {_style(item.style)}'
                   f'{_attrs(dict(item.data))}>{title}</path>')
    elif isinstance(item, Polyline):
        arrows = ' marker-start="url(#arrow)" marker-end="url(#arrow)"' if item.arrows else ""
        out.append(f'<polyline points="{_points(item.points)}" {_style(item.style)}{arrows}/>')
    elif isinstance(item, Circle):
        (x, y), r = item.centre, item.radius_mm
        out.append(f'<circle cx="{x:.3f}" cy="{y:.3f}" r="{r:g}" {_style(item.style)}'
                   f'{_attrs(dict(item.data))}/>')
    elif isinstance(item, Text):
        x, y = item.at
        rotate = f' transform="rotate({item.rotate_deg:g} {x:.3f} {y:.3f})"' \
            if item.rotate_deg else ""
        weight = ' font-weight="bold"' if item.bold else ""
        out.append(f'<text x="{x:.3f}" y="{y:.3f}" font-size="{item.size_mm:g}" '
                   f'text-anchor="{item.anchor}" fill="{item.colour}"{weight}{rotate}>'
                   f"{escape(item.text)}</text>")
    else:  # pragma: no cover - the scene's types are closed
        raise TypeError(f"cannot draw {type(item).__name__}")
