"""How a design shows itself in a Jupyter notebook: its side view and headline figures.

Everything here is closed form (numpy and shapely); the CAD kernel is never imported.
"""

from __future__ import annotations

from html import escape
from typing import Any

from keidesign.analysis.report import Analysis
from keidesign.drawing import side_view
from keidesign.layout.layout import Layout

__all__ = ["design_html", "design_svg", "figure_text"]


def design_svg(layout: Layout, analysis: Analysis) -> str:
    """The side view at 1:25 with the kei box, centres of mass, axle loads and dimensions."""
    return side_view(layout, analysis).svg()


def design_html(layout: Layout, analysis: Analysis, title: str = "") -> str:
    """A small HTML block: the concept's name and title, a table of headline figures and the
    side view."""
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{escape(label)}</th>"
        f"<td style='text-align:right'>{escape(figure_text(value))}</td>"
        f"<td style='text-align:left'>{escape(unit)}</td></tr>"
        for label, (value, unit) in analysis.headline().items())
    verdict = "passes" if analysis.passes else ("fits, but parts clash" if analysis.fits
                                                else "does not fit")
    return (f"<div><p><b>{escape(analysis.concept)}</b> {escape(title)} "
            f"({escape(verdict)}, kei rules of {analysis.regulation.era})</p>"
            f"<div style='display:flex;gap:1.5em;align-items:flex-start'>"
            f"<table style='font-size:90%'>{rows}</table>"
            f"<div style='max-width:720px;flex:1'>{_scalable(design_svg(layout, analysis))}"
            f"</div></div></div>")


def _scalable(svg: str) -> str:
    """The SVG sized to its container (its viewBox keeps the proportions)."""
    head, _, rest = svg.partition(">")
    head = head.replace('width="', 'data-width="', 1).replace('height="', 'data-height="', 1)
    return f'{head} style="width:100%;height:auto">{rest}'


def figure_text(value: Any) -> str:
    """A headline figure as text: yes/no, a count, or a number to three significant places
    (whole numbers from 100 up)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
