"""A dimensioned drawing of one design: side, front and top views on one sheet, to scale.

What the sheet shows (sheet mm, the vehicle at 1:``scale``):

- every part's outline in its colour, hidden outlines dashed (see :mod:`.views`);
- the kei box of the chosen era around the vehicle (centred on the regulated envelope
  lengthwise and across, standing on the ground, as the fit check places it), its margins
  written on it; the parts that reach furthest on each axis outlined in magenta;
- each load case's centre of mass (the usual quartered circle);
- the axle loads of each load case under the wheels;
- dimension lines: overall length, width and height, wheelbase, overhangs, both tracks and
  the ground clearance (the kerb load case, at the part that limits it).

Tools find the labelled elements by id: ``kei-box`` (a rectangle per view), ``com-kerb``,
``com-driver``, ``com-crew`` and ``com-full`` (a marker per view, ``data-view`` naming it, the
case's CoM in ``data-x-mm`` …), ``view-side`` … (``data-scale``, ``data-origin`` the sheet point
of the vehicle origin, ``data-right``/``data-down`` the vehicle axes running right and down),
``dim-length`` … (``data-value-mm``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath

import numpy as np
import shapely

from keidesign.analysis.envelope import envelope
from keidesign.analysis.report import Analysis
from keidesign.drawing.scene import Circle, Group, Item, Path, Polyline, Style, Text, hex_colour
from keidesign.drawing.views import VIEWS, PartOutline, View, part_outlines
from keidesign.errors import ParameterError
from keidesign.layout.layout import Layout
from keidesign.parameters.spec import quote

__all__ = ["CASE_COLOURS", "SCALES", "SHEET_MM", "Drawing", "drawing", "rings"]

#: Scales tried, largest drawing first (1:10 … 1:50).
SCALES: tuple[int, ...] = (10, 15, 20, 25, 30, 40, 50)
#: The largest scale a drawing takes (1:10,000: a 3.4 m vehicle 0.34 mm long).
_MAX_SCALE = 10_000

#: The sheet of a three-view drawing: A3 landscape, mm.
SHEET_MM = (420.0, 297.0)

#: Load case → its marker's colour.
CASE_COLOURS: dict[str, str] = {"kerb": "#000000", "driver": "#1f5fbf", "crew": "#1a8a3a",
                                "full": "#c0392b"}

_MARGIN = 10.0
_HIGHLIGHT = "#e6007e"
_BOX = "#0a6ebd"
_LINE = Style(stroke="#000000", width_mm=0.13)
_DIM_TEXT = 2.2
# Room around a view on the sheet, mm of paper: for the title above, the axle loads and two
# rows of dimensions below, the height dimension beside.
_ABOVE, _BELOW, _BESIDE = 9.0, 30.0, 16.0
_AXES = "xyz"


@dataclass(frozen=True, slots=True)
class Drawing:
    """A finished drawing: a scene on a sheet.

    Attributes:
        root: the scene (see :mod:`keidesign.drawing.scene`).
        size_mm: the sheet's (width, height), mm.
        scale: the vehicle is drawn at 1:``scale``.
        title: the document title.
    """

    root: Group
    size_mm: tuple[float, float]
    scale: float
    title: str

    def svg(self) -> str:
        """The drawing as an SVG document (true size: width and height in mm)."""
        from keidesign.drawing.svg import to_svg

        return to_svg(self.root, self.size_mm, self.title)

    def png(self, dpi: float = 150.0) -> bytes:
        """The drawing as PNG bytes at ``dpi`` (dots per inch of the sheet)."""
        from keidesign.drawing.raster import to_png

        return to_png(self.root, self.size_mm, dpi)

    def write(self, path: str | os.PathLike[str], dpi: float = 150.0) -> FilePath:
        """Write the drawing atomically as SVG or PNG, by ``path``'s suffix.

        Raises:
            ParameterError: the suffix is neither ``.svg`` nor ``.png``.
            ExportError: the file could not be written; nothing is left behind.
        """
        from keidesign.export.atomic import write_bytes_atomic

        target = FilePath(path)
        suffix = target.suffix.lower()
        if suffix not in (".svg", ".png"):
            raise ParameterError(f"a drawing's file must end in .svg or .png (got "
                                 f"{quote(str(target))})", name="path", value=str(target))
        data = self.svg().encode("utf-8") if suffix == ".svg" else self.png(dpi)
        return write_bytes_atomic(target, data)

    def _repr_svg_(self) -> str:
        return self.svg()


def rings(region: shapely.Geometry) -> list[np.ndarray]:
    """The rings of a (Multi)Polygon, or of the polygons in a collection: (M, 2) arrays,
    outlines and holes alike (an even–odd fill tells them apart)."""
    out: list[np.ndarray] = []
    for polygon in getattr(region, "geoms", [region]):
        if isinstance(polygon, shapely.Polygon) and not polygon.is_empty:
            out.append(np.asarray(polygon.exterior.coords)[:-1, :2])
            out += [np.asarray(hole.coords)[:-1, :2] for hole in polygon.interiors]
        elif hasattr(polygon, "geoms"):
            out += rings(polygon)
    return out


@dataclass(frozen=True, slots=True)
class _Placed:
    """A view placed on the sheet."""

    view: View
    origin: tuple[float, float]
    scale: float

    def sheet(self, points: np.ndarray) -> np.ndarray:
        return self.view.to_sheet(points, self.origin, self.scale)

    def plane(self, points: np.ndarray) -> np.ndarray:
        return self.view.plane_to_sheet(points, self.origin, self.scale)


def drawing(layout: Layout, analysis: Analysis, views: Sequence[str] = ("side", "front", "top"),
            scale: float | None = None, notes: bool = True) -> Drawing:
    """The dimensioned drawing of the first design of ``layout``.

    Args:
        layout: the design's layout (``concept.layout()``).
        analysis: its analysis (``concept.analyse(era)``): the kei box, load cases, ground.
        views: which of ``"side"``, ``"front"``, ``"top"`` to draw; the sheet is A3 landscape
            for all three, trimmed to the views otherwise.
        scale: draw at 1:``scale``; by default the largest of :data:`SCALES` that fits.
        notes: add the title block and the load-case table.

    Raises:
        ParameterError: an unknown view, or a ``scale`` that is not a positive number.
    """
    for name in views:
        if name not in VIEWS:
            raise ParameterError(f"'views' must each be one of {', '.join(map(repr, VIEWS))} "
                                 f"(got {quote(name)})", name="views", value=name)
    if scale is not None and not (isinstance(scale, (int, float)) and not isinstance(scale, bool)
                                  and 0 < scale <= _MAX_SCALE):
        raise ParameterError(f"'scale' must be a number above 0 and up to {_MAX_SCALE:,} "
                             f"(1:scale; got {quote(scale)})", name="scale", value=scale)
    lo, hi, box_lo, box_hi = _extents(layout, analysis)
    placed, size, scale = _arrange(views, lo, hi, scale, notes)
    items: list[Item] = []
    limiting = _limiting_parts(layout)
    for name, view in placed.items():
        items.append(_view_group(layout, view, limiting))
    items.append(Group(tuple(_box_rect(view, box_lo, box_hi) for view in placed.values()),
                       id="kei-box", data={"length-mm": f"{box_hi[0] - box_lo[0]:g}",
                                           "width-mm": f"{box_hi[1] - box_lo[1]:g}",
                                           "height-mm": f"{box_hi[2]:g}",
                                           "era": str(analysis.regulation.era)}))
    items.append(_box_labels(placed, analysis, box_lo, box_hi))
    items.append(_dimensions(placed, layout, analysis, lo, hi))
    if "side" in placed:
        items.append(_axle_loads(placed["side"], layout, analysis))
    for case, result in analysis.load_cases.items():
        items.append(_com_marker(placed, case, np.asarray(result.com_mm)))
    if notes:
        items.append(_notes(placed, size, layout, analysis, scale, limiting))
    title = f"{analysis.concept}: {', '.join(views)} view{'s' if len(views) > 1 else ''}, " \
            f"1:{scale:g}"
    return Drawing(Group(tuple(items)), size, float(scale), title)


# ---- geometry of the sheet ------------------------------------------------------------------

def _extents(layout: Layout, analysis: Analysis
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Everything drawn (parts and the kei box) and the kei box itself: lowest and highest
    (x, y, z), mm."""
    parts_lo = layout.bbox_min_mm[0].min(0)
    parts_hi = layout.bbox_max_mm[0].max(0)
    env_lo, env_hi = _regulated(layout)
    reg = analysis.regulation
    half = np.array([reg.max_length_mm, reg.max_width_mm]) / 2.0
    centre = (env_lo[:2] + env_hi[:2]) / 2.0
    box_lo = np.array([*(centre - half), 0.0])
    box_hi = np.array([*(centre + half), reg.max_height_mm])
    drawn_lo = np.minimum(parts_lo, box_lo)
    drawn_lo[2] = min(drawn_lo[2], 0.0)        # the ground is drawn
    return drawn_lo, np.maximum(parts_hi, box_hi), box_lo, box_hi


def _regulated(layout: Layout) -> tuple[np.ndarray, np.ndarray]:
    """The regulated envelope of the design: lowest and highest (x, y, z), mm (mirrors,
    occupants and payload left out; see :func:`~keidesign.analysis.envelope.envelope`)."""
    env = envelope(layout)
    return env.min_mm[0], env.max_mm[0]


def _arrange(views: Sequence[str], lo: np.ndarray, hi: np.ndarray, scale: float | None,
             notes: bool) -> tuple[dict[str, _Placed], tuple[float, float], float]:
    """Where each view goes on the sheet, the sheet's size and the scale."""
    span = hi - lo
    candidates = (scale,) if scale else SCALES
    for s in candidates:
        w = {"side": span[0] / s, "front": span[1] / s, "top": span[0] / s}
        h = {"side": span[2] / s, "front": span[2] / s, "top": span[1] / s}
        left = _MARGIN + _BESIDE
        col2 = left + (w["side"] if "side" in views or "top" in views else 0.0) \
            + (2 * _BESIDE if "front" in views else 0.0)
        row2 = _MARGIN + _ABOVE + (h["side"] if "side" in views or "front" in views else 0.0) \
            + (_BELOW + _ABOVE if "top" in views else 0.0)
        width = col2 + (w["front"] + _BESIDE + _MARGIN if "front" in views else _BESIDE)
        height = row2 + (h["top"] + _BELOW / 2 if "top" in views else _BELOW) + _MARGIN
        full = len(views) == 3
        sheet = SHEET_MM if full else (width, height)
        notes_fit = not (full and notes) or (SHEET_MM[0] - col2 > 120)
        if (width <= sheet[0] and height <= sheet[1] and notes_fit) or s == candidates[-1]:
            break
    if full:
        sheet = (max(SHEET_MM[0], width), max(SHEET_MM[1], height))
    top = _MARGIN + _ABOVE
    placed: dict[str, _Placed] = {}
    for name in views:
        view = VIEWS[name]
        if name == "side":      # right = −x, down = −z
            origin = (left + hi[0] / s, top + hi[2] / s)
        elif name == "front":   # right = +y, down = −z
            origin = (col2 - lo[1] / s, top + hi[2] / s)
        else:                   # top: right = −x, down = +y
            row = row2 if ("side" in views or "front" in views) else top
            origin = (left + hi[0] / s, row - lo[1] / s)
        placed[name] = _Placed(view, origin, float(s))
    return placed, (float(sheet[0]), float(sheet[1])), float(s)


# ---- the views ------------------------------------------------------------------------------

def _part_style(part: PartOutline) -> Style:
    see_through = part.load != "vehicle"    # occupants and payload
    return Style(fill=hex_colour(part.colour), stroke=hex_colour(part.colour, 0.55),
                 width_mm=0.15, fill_opacity=0.35 if see_through else 1.0)


def _view_group(layout: Layout, placed: _Placed, limiting: dict[int, list[str]]) -> Group:
    outlines = part_outlines(layout, placed.view)
    shown: list[Item] = []
    hidden: list[Item] = []
    marked: list[Item] = []
    view_axes = {placed.view.right[0], placed.view.down[0]}
    for part in outlines:
        sheet_rings = tuple(placed.plane(r) for r in rings(part.region))
        if not sheet_rings:
            continue
        shown.append(Path(sheet_rings, _part_style(part), title=part.name,
                          data={"part": part.name}))
        hidden.append(Path(sheet_rings, Style(stroke=hex_colour(part.colour, 0.45),
                                              width_mm=0.1, dash=(0.8, 0.6))))
        axes = [a for a in limiting.get(part.index, []) if _AXES.index(a[0]) in view_axes]
        if axes:
            marked.append(Path(sheet_rings, Style(stroke=_HIGHLIGHT, width_mm=0.4),
                               title=f"{part.name}: limits {', '.join(a[2:] for a in axes)}",
                               data={"part": part.name, "limits": " ".join(a[2:] for a in axes)}))
    ground = _ground_line(placed, layout)
    v = placed.view
    return Group((Group(tuple(shown), id=f"parts-{v.name}"),
                  Group(tuple(hidden), id=f"hidden-{v.name}"),
                  Group(tuple(marked), id=f"limiting-{v.name}"), *ground,
                  Text(tuple(_view_title_at(placed, layout)), f"{v.name} view", 3.0,
                       bold=True)),
                 id=f"view-{v.name}",
                 data={"view": v.name, "scale": f"{placed.scale:g}",
                       "origin": f"{placed.origin[0]:.4f},{placed.origin[1]:.4f}",
                       "right": ("+" if v.right[1] > 0 else "-") + _AXES[v.right[0]],
                       "down": ("+" if v.down[1] > 0 else "-") + _AXES[v.down[0]]})


def _view_title_at(placed: _Placed, layout: Layout) -> np.ndarray:
    """Above the view's top left corner: over the kei box's height in side and front views,
    over the vehicle's left side in the plan."""
    lo, hi = layout.bbox_min_mm[0].min(0), layout.bbox_max_mm[0].max(0)
    if placed.view.down[0] == 2:
        hi = hi.copy()
        hi[2] = max(hi[2], 2000.0)
    return _top_left(placed, lo, hi) - [0.0, 4.0]


def _top_left(placed: _Placed, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The sheet point of the top left corner of the box ``lo``–``hi`` (vehicle mm)."""
    v = placed.view
    corner = np.zeros(3)
    corner[v.right[0]] = hi[v.right[0]] if v.right[1] < 0 else lo[v.right[0]]
    corner[v.down[0]] = hi[v.down[0]] if v.down[1] < 0 else lo[v.down[0]]
    return placed.sheet(corner)


def _ground_line(placed: _Placed, layout: Layout) -> list[Item]:
    """The ground in side and front views, the axle centre lines in side and top views."""
    lo, hi = layout.bbox_min_mm[0].min(0), layout.bbox_max_mm[0].max(0)
    items: list[Item] = []
    v = placed.view.name
    if v in ("side", "front"):
        k = 0 if v == "side" else 1
        a, b = np.zeros(3), np.zeros(3)
        a[k], b[k] = lo[k] - 150.0, hi[k] + 150.0
        items.append(Polyline(placed.sheet(np.stack([a, b])), Style(width_mm=0.3)))
    if v in ("side", "top"):
        wheelbase = float(np.asarray(layout.facts.wheelbase_mm).reshape(-1)[0])
        for x in (0.0, -wheelbase):
            k = 2 if v == "side" else 1
            a, b = np.array([x, 0.0, 0.0]), np.array([x, 0.0, 0.0])
            a[k], b[k] = lo[k] - 60.0, hi[k] + 60.0
            items.append(Polyline(placed.sheet(np.stack([a, b])),
                                  Style(stroke="#555555", width_mm=0.1, dash=(4.0, 0.8, 0.8, 0.8))))
    return items


def _limiting_parts(layout: Layout) -> dict[int, list[str]]:
    """Part index → the ends it sets: ``"x-front"``, ``"x-rear"``, ``"y-left"``, ``"y-right"``,
    ``"z-top"`` (regulated parts only)."""
    inside = np.flatnonzero(layout.in_envelope)
    lo, hi = layout.bbox_min_mm[0, inside], layout.bbox_max_mm[0, inside]
    ends = {"x-front": inside[hi[:, 0].argmax()], "x-rear": inside[lo[:, 0].argmin()],
            "y-left": inside[hi[:, 1].argmax()], "y-right": inside[lo[:, 1].argmin()],
            "z-top": inside[hi[:, 2].argmax()]}
    out: dict[int, list[str]] = {}
    for end, i in ends.items():
        out.setdefault(int(i), []).append(end)
    return out


def _box_rect(placed: _Placed, box_lo: np.ndarray, box_hi: np.ndarray) -> Path:
    v = placed.view
    a, b = v.right[0], v.down[0]
    corners = []
    for ua, ub in ((box_lo[a], box_lo[b]), (box_hi[a], box_lo[b]), (box_hi[a], box_hi[b]),
                   (box_lo[a], box_hi[b])):
        p = np.zeros(3)
        p[a], p[b] = ua, ub
        corners.append(p)
    return Path((placed.sheet(np.stack(corners)),),
                Style(stroke=_BOX, width_mm=0.3, dash=(5.0, 1.0, 1.0, 1.0)),
                title="kei box", data={"view": v.name})


def _margin_text(axis: str, margin: float) -> tuple[str, str]:
    """The margin on one axis as (text, colour): in the box's colour, or magenta when over."""
    if margin >= 0:
        return f"{axis} margin {margin:,.0f} mm", _BOX
    return f"{axis} {-margin:,.0f} mm over", _HIGHLIGHT


def _box_labels(placed: dict[str, _Placed], analysis: Analysis, box_lo: np.ndarray,
                box_hi: np.ndarray) -> Group:
    reg = analysis.regulation
    margins = analysis.margins_mm
    items: list[Item] = []
    for name, p in placed.items():
        corner = _top_left(p, box_lo, box_hi)
        if name == "side":
            texts = [(f"kei box ({reg.era} rules) {reg.max_length_mm:,.0f} × "
                      f"{reg.max_height_mm:,.0f} mm", _BOX),
                     _margin_text("length", margins["length"]),
                     _margin_text("height", margins["height"])]
        elif name == "front":
            texts = [(f"{reg.max_width_mm:,.0f} × {reg.max_height_mm:,.0f} mm", _BOX),
                     _margin_text("width", margins["width"])]
        else:
            texts = [(f"{reg.max_length_mm:,.0f} × {reg.max_width_mm:,.0f} mm", _BOX),
                     _margin_text("width", margins["width"])]
        x = corner[0] + 1.0
        for text, colour in texts:
            width = 0.55 * 2.2 * len(text)
            items.append(Text((x, corner[1] - 1.0), text, 2.2, colour=colour))
            x += width + 2.0
    return Group(tuple(items), id="kei-box-labels")


# ---- dimensions ------------------------------------------------------------------------------

def _hdim(x0: float, x1: float, feature_y: float, line_y: float, label: str, key: str,
          value: float) -> Group:
    """A horizontal dimension between sheet x0 and x1, its line at ``line_y``."""
    ext = np.sign(line_y - feature_y) or 1.0
    items: list[Item] = [
        Polyline(np.array([[x0, feature_y + ext], [x0, line_y + ext * 1.2]]), _LINE),
        Polyline(np.array([[x1, feature_y + ext], [x1, line_y + ext * 1.2]]), _LINE),
        Polyline(np.array([[x0, line_y], [x1, line_y]]), _LINE, arrows=True),
        Text(((x0 + x1) / 2, line_y - 0.7), label, _DIM_TEXT, anchor="middle"),
    ]
    return Group(tuple(items), id=f"dim-{key}", data={"value-mm": f"{value:.1f}"})


def _vdim(y0: float, y1: float, feature_x: float, line_x: float, label: str, key: str,
          value: float) -> Group:
    """A vertical dimension between sheet y0 and y1, its line at ``line_x``."""
    ext = np.sign(line_x - feature_x) or 1.0
    items: list[Item] = [
        Polyline(np.array([[feature_x + ext, y0], [line_x + ext * 1.2, y0]]), _LINE),
        Polyline(np.array([[feature_x + ext, y1], [line_x + ext * 1.2, y1]]), _LINE),
        Polyline(np.array([[line_x, y0], [line_x, y1]]), _LINE, arrows=True),
        Text((line_x - 0.7, (y0 + y1) / 2), label, _DIM_TEXT, anchor="middle",
             rotate_deg=-90.0),
    ]
    return Group(tuple(items), id=f"dim-{key}", data={"value-mm": f"{value:.1f}"})


def _dimensions(placed: dict[str, _Placed], layout: Layout, analysis: Analysis,
                lo: np.ndarray, hi: np.ndarray) -> Group:
    facts = layout.facts
    wheelbase = float(np.asarray(facts.wheelbase_mm).reshape(-1)[0])
    track_f = float(np.asarray(facts.track_front_mm).reshape(-1)[0])
    track_r = float(np.asarray(facts.track_rear_mm).reshape(-1)[0])
    env_lo, env_hi = _regulated(layout)
    items: list[Item] = []
    if "side" in placed:
        p = placed["side"]
        sx = lambda x: float(p.sheet(np.array([x, 0.0, 0.0]))[0])   # noqa: E731
        ground = float(p.sheet(np.zeros(3))[1])
        row1, row2 = ground + 17.0, ground + 24.0
        front, rear = env_hi[0], env_lo[0]
        items += [
            _hdim(sx(front), sx(0.0), ground, row1, f"{front:,.0f}", "front-overhang", front),
            _hdim(sx(0.0), sx(-wheelbase), ground, row1, f"wheelbase {wheelbase:,.0f}",
                  "wheelbase", wheelbase),
            _hdim(sx(-wheelbase), sx(rear), ground, row1, f"{-wheelbase - rear:,.0f}",
                  "rear-overhang", -wheelbase - rear),
            _hdim(sx(front), sx(rear), ground, row2, f"length {front - rear:,.0f}", "length",
                  front - rear),
        ]
        top = float(p.sheet(np.array([0.0, 0.0, env_hi[2]]))[1])
        x_rear = sx(min(lo[0], rear))
        items.append(_vdim(ground, top, x_rear, x_rear + 8.0, f"height {env_hi[2]:,.0f}",
                           "height", float(env_hi[2])))
        kerb = analysis.ground.get("kerb", {})
        clearance = kerb.get("ground_clearance_mm")
        part = kerb.get("clearance_part")
        if clearance is not None and np.isfinite(clearance) and part in layout.names:
            i = layout.names.index(part)
            x = float(layout.centroid_mm[0, i, 0])
            z_sheet = float(p.sheet(np.array([x, 0.0, clearance]))[1])
            items.append(_vdim(ground, z_sheet, sx(x), sx(x),
                               f"{clearance:,.0f}", "ground-clearance", float(clearance)))
            items.append(Text((sx(x) - 1.5, z_sheet - 1.0), f"ground clearance ({part})", 1.8,
                              anchor="end"))
    if "front" in placed:
        p = placed["front"]
        sy = lambda y: float(p.sheet(np.array([0.0, y, 0.0]))[0])   # noqa: E731
        ground = float(p.sheet(np.zeros(3))[1])
        items += [
            _hdim(sy(-track_f / 2), sy(track_f / 2), ground, ground + 10.0,
                  f"track {track_f:,.0f}", "track-front", track_f),
            _hdim(sy(env_lo[1]), sy(env_hi[1]), ground, ground + 17.0,
                  f"width {env_hi[1] - env_lo[1]:,.0f}", "width", float(env_hi[1] - env_lo[1])),
        ]
    if "top" in placed:
        p = placed["top"]
        x_rear = float(p.sheet(np.array([min(lo[0], env_lo[0]), 0.0, 0.0]))[0])
        y0 = float(p.sheet(np.array([0.0, -track_r / 2, 0.0]))[1])
        y1 = float(p.sheet(np.array([0.0, track_r / 2, 0.0]))[1])
        wheel_x = float(p.sheet(np.array([-wheelbase, 0.0, 0.0]))[0])
        items.append(_vdim(y0, y1, wheel_x, x_rear + 8.0, f"rear track {track_r:,.0f}",
                           "track-rear", track_r))
    return Group(tuple(items), id="dimensions")


# ---- loads and centres of mass ---------------------------------------------------------------

def _axle_loads(p: _Placed, layout: Layout, analysis: Analysis) -> Group:
    wheelbase = float(np.asarray(layout.facts.wheelbase_mm).reshape(-1)[0])
    ground = float(p.sheet(np.zeros(3))[1])
    items: list[Item] = []
    for axle, x in enumerate((0.0, -wheelbase)):
        sx = float(p.sheet(np.array([x, 0.0, 0.0]))[0])
        for row, (case, result) in enumerate(analysis.load_cases.items()):
            items.append(Text((sx, ground + 3.2 + 2.4 * row),
                              f"{case} {result.axle_loads_kg[axle]:,.0f} kg", 1.9,
                              anchor="middle", colour=CASE_COLOURS.get(case, "#000000")))
    return Group(tuple(items), id="axle-loads")


def _com_marker(placed: dict[str, _Placed], case: str, com: np.ndarray) -> Group:
    """The quartered-circle symbol at the case's centre of mass, in every view."""
    colour = CASE_COLOURS.get(case, "#000000")
    items: list[Item] = []
    r = 1.6
    for name, p in placed.items():
        cx, cy = (float(v) for v in p.sheet(com))
        items.append(Circle((cx, cy), r, Style(fill="#ffffff", stroke=colour, width_mm=0.25),
                            data={"view": name}))
        for start in (0.0, np.pi):
            phi = np.linspace(start, start + np.pi / 2, 8)
            wedge = np.concatenate([[[cx, cy]], np.stack([cx + r * np.cos(phi),
                                                          cy - r * np.sin(phi)], 1)])
            items.append(Path((wedge,), Style(fill=colour, stroke=None)))
    x, y, z = (float(v) for v in com)
    return Group(tuple(items), id=f"com-{case}",
                 data={"case": case, "x-mm": f"{x:.2f}", "y-mm": f"{y:.2f}", "z-mm": f"{z:.2f}"})


# ---- the title block and the table ------------------------------------------------------------

def _notes(placed: dict[str, _Placed], size: tuple[float, float], layout: Layout,
           analysis: Analysis, scale: float, limiting: dict[int, list[str]]) -> Group:
    # Below the front view, beside the plan.
    x = placed["front"].origin[0] - 740.0 / scale if "front" in placed else _MARGIN
    y = placed["top"].origin[1] - 800.0 / scale if "top" in placed else size[1] - 30.0
    x = min(x, size[0] - 130.0)
    items: list[Item] = []
    reg = analysis.regulation
    verdict = ("fits" if analysis.fits else "does NOT fit") + f" the {reg.era} kei box; " + \
        (f"{len(analysis.clashes)} clash{'es' if len(analysis.clashes) != 1 else ''}"
         if analysis.clashes else "no clashes")
    lines: list[tuple[str, float, bool, str]] = [
        (analysis.concept, 4.0, True, "#000000"),
        (f"scale 1:{scale:g} on A3 · dimensions in mm · first-angle projection", 2.2, False,
         "#000000"),
        (verdict, 2.4, True, "#000000" if analysis.passes else _HIGHLIGHT),
    ]
    yy = y
    for text, size_mm, bold, colour in lines:
        items.append(Text((x, yy), text, size_mm, bold=bold, colour=colour))
        yy += size_mm + 2.0
    yy += 1.5
    header = ("case", "mass kg", "CoM x", "y", "z mm", "front %")
    cols = (x + 4.0, x + 36.0, x + 60.0, x + 78.0, x + 96.0, x + 118.0)
    for cx, text in zip(cols, header):
        items.append(Text((cx, yy), text, 2.2, anchor="start" if cx == cols[0] else "end",
                          bold=True))
    for case, result in analysis.load_cases.items():
        yy += 3.4
        colour = CASE_COLOURS.get(case, "#000000")
        items.append(Circle((x + 1.5, yy - 0.8), 1.1, Style(fill=colour, stroke=None)))
        values = (case, f"{result.mass_kg:,.1f}", f"{result.com_mm[0]:,.0f}",
                  f"{result.com_mm[1]:,.0f}", f"{result.com_mm[2]:,.0f}",
                  f"{100 * result.front_axle_share:.1f}")
        for cx, text in zip(cols, values):
            items.append(Text((cx, yy), text, 2.2, anchor="start" if cx == cols[0] else "end",
                              colour=colour))
    yy += 5.0
    names = {end: layout.names[i] for i, ends in limiting.items() for end in ends}
    items.append(Text((x, yy), "outlined in magenta: the parts that set the size", 2.2,
                      colour=_HIGHLIGHT))
    for text in (f"length: {names['x-front']} (front), {names['x-rear']} (rear)",
                 f"width: {names['y-left']} (left), {names['y-right']} (right)",
                 f"height: {names['z-top']}"):
        yy += 3.0
        items.append(Text((x + 2.0, yy), text, 2.0))
    yy += 4.0
    items.append(Text((x, yy), "hidden outlines dashed; occupants and payload see-through; "
                      "axle loads under the wheels", 1.9, colour="#555555"))
    return Group(tuple(items), id="notes")
