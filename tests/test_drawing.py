"""Drawings: outlines from the parts' shapes, the three-view sheet checked against
``check --json``, the notebook view, ``draw``, ``compare`` and the drawing formats of ``build``."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import escape

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from keidesign.cli import main
from keidesign.concepts.presets import PRESETS
from keidesign.concepts.registry import CONCEPTS, get_concept
from keidesign.drawing import three_view
from keidesign.drawing.sheet import SHEET_MM, drawing
from keidesign.errors import ParameterError
from keidesign.shapes import Box, Cylinder, Placement, Prism, Revolution, TubePath, quarter_turns
from keidesign.shapes.projection import VIEW_PLANES, outline

ALL = list(CONCEPTS) + list(PRESETS)
SVG = "{http://www.w3.org/2000/svg}"


# ---- outlines ---------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=ALL)
def layout(request):
    return get_concept(request.param)().layout()


def test_every_outline_spans_its_parts_exact_box(layout):
    """Seen along each axis, a part's outline reaches its exact box (to the polygons standing
    for circles: 0.5 mm) and never beyond it."""
    for i, comp in enumerate(layout.components):
        lo, hi = layout.bbox_min_mm[0, i], layout.bbox_max_mm[0, i]
        for along, plane in VIEW_PLANES.items():
            region = outline(comp.shape, comp.placement, along)
            assert region.is_valid and region.area > 0, (comp.name, along)
            x0, y0, x1, y1 = region.bounds
            want_lo, want_hi = lo[list(plane)], hi[list(plane)]
            assert np.all(np.array([x0, y0]) >= want_lo - 1e-6), (comp.name, along)
            assert np.all(np.array([x1, y1]) <= want_hi + 1e-6), (comp.name, along)
            assert np.all(np.array([x0, y0]) <= want_lo + 0.5), (comp.name, along)
            assert np.all(np.array([x1, y1]) >= want_hi - 0.5), (comp.name, along)


def test_outline_areas_in_closed_form():
    box = Box(size=(400.0, 200.0, 100.0), wall=10.0, hollow_axis="x")
    assert outline(box, along="x").area == pytest.approx(200 * 100 - 180 * 80)
    assert outline(box, along="y").area == pytest.approx(400 * 100)
    profile = [(0, 0), (1000, 0), (1000, 800), (300, 1200), (0, 1200)]
    prism = Prism(profile, plane="xz", extent=(-600, 600), wall=2.0)
    assert outline(prism, along="y").area == pytest.approx(1000 * 800 + (1000 + 300) / 2 * 400)
    assert outline(prism, along="x").area == pytest.approx(1200 * 1200)   # y extent × z extent
    assert outline(prism, along="z").area == pytest.approx(1000 * 1200)
    tyre = Revolution([(200, -70), (280, -70), (280, 70), (200, 70)], axis="y")
    assert outline(tyre, along="y").area == pytest.approx(np.pi * (280**2 - 200**2), rel=2e-3)
    assert outline(tyre, along="x").area == pytest.approx(560 * 140)
    rod = Cylinder((0, 0, 0), (500, 0, 0), radius=20)
    assert outline(rod, along="z").area == pytest.approx(500 * 40, rel=1e-3)
    # A tube path: the union of its pieces, seen from above a U in the xy plane.
    tube = TubePath([(0, 0, 0), (500, 0, 0), (500, 400, 0), (0, 400, 0)], outer_diameter=40)
    area = outline(tube, along="z").area
    centreline = 500 + 400 + 500 - 4 * 80 + 2 * np.pi * 80 / 2   # runs trimmed by the bends
    assert area == pytest.approx(40 * centreline, rel=5e-3)


def test_a_revolution_seen_across_its_axis_is_its_upper_envelope_mirrored():
    # A profile with a step: radius 300 over a = 0…100, 200 over 100…200; bore 100.
    profile = [(100, 0), (300, 0), (300, 100), (200, 100), (200, 200), (100, 200)]
    region = outline(Revolution(profile, axis="y"), along="x")
    assert region.area == pytest.approx(600 * 100 + 400 * 100)


@settings(max_examples=60, deadline=None)
@given(turns=st.tuples(*[st.integers(0, 3)] * 3),
       size=st.tuples(*[st.floats(1, 500)] * 3), centre=st.tuples(*[st.floats(-300, 300)] * 3),
       move=st.tuples(*[st.floats(-2000, 2000)] * 3), along=st.sampled_from("xyz"))
def test_a_placed_box_outline_is_its_placed_box(turns, size, centre, move, along):
    box = Box(size=size, centre=centre)
    placement = Placement(translation=move, rotation=quarter_turns(*turns))
    placed = placement.apply(box.properties())
    plane = list(VIEW_PLANES[along])
    expected = shapely.box(*placed.bbox_min_mm[plane], *placed.bbox_max_mm[plane])
    region = outline(box, placement, along)
    assert region.symmetric_difference(expected).area == pytest.approx(0.0, abs=1e-6 * expected.area)


def test_a_batch_of_designs_has_no_outline():
    with pytest.raises(TypeError, match="several designs"):
        outline(Box(size=(np.array([1.0, 2.0]), 1.0, 1.0)), along="y")


# ---- the sheet against check --json -----------------------------------------------------------

def _check_json(name: str, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    main(["check", name, "--json", *extra])
    return json.loads(capsys.readouterr().out)


def _views(root: ET.Element) -> dict[str, dict[str, object]]:
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("id", "").startswith("view-"):
            ox, oy = (float(v) for v in g.get("data-origin").split(","))
            out[g.get("data-view")] = {"origin": (ox, oy), "scale": float(g.get("data-scale")),
                                       "right": g.get("data-right"), "down": g.get("data-down")}
    return out


def _to_vehicle(view: dict[str, object], sx: float, sy: float) -> dict[str, float]:
    """A sheet point back to the two vehicle coordinates the view shows, mm."""
    (ox, oy), scale = view["origin"], view["scale"]
    out = {}
    for axis, value, origin in ((view["right"], sx, ox), (view["down"], sy, oy)):
        sign = 1.0 if axis[0] == "+" else -1.0
        out[axis[1]] = sign * (value - origin) * scale
    return out


def _rect_size(path: ET.Element) -> tuple[float, float]:
    pts = np.array([[float(v) for v in p.split(",")]
                    for p in path.get("d").strip("MZ").replace("L", "").split()])
    return tuple(pts.max(0) - pts.min(0))


@pytest.mark.parametrize("name", ALL)
def test_the_drawing_agrees_with_check_json(name, tmp_path, capsys):
    era = "1955" if name == "subaru-360" else "1998"
    assert main(["draw", name, "--era", era, "--out", str(tmp_path), "--formats", "svg"]) == 0
    capsys.readouterr()
    report = _check_json(name, capsys, "--era", era)
    root = ET.parse(tmp_path / f"{name}.svg").getroot()
    assert root.get("width") == f"{SHEET_MM[0]:g}mm" and root.get("height") == f"{SHEET_MM[1]:g}mm"
    views = _views(root)
    assert set(views) == {"side", "front", "top"}
    reg = report["regulation"]
    box = root.find(f".//{SVG}g[@id='kei-box']")
    sizes = {p.get("data-view"): _rect_size(p) for p in box.iter(f"{SVG}path")}
    want = {"side": (reg["max_length_mm"], reg["max_height_mm"]),
            "front": (reg["max_width_mm"], reg["max_height_mm"]),
            "top": (reg["max_length_mm"], reg["max_width_mm"])}
    for view, (w, h) in want.items():
        scale = views[view]["scale"]
        assert sizes[view][0] * scale == pytest.approx(w, abs=0.05)
        assert sizes[view][1] * scale == pytest.approx(h, abs=0.05)
    for case, result in report["load_cases"].items():
        group = root.find(f".//{SVG}g[@id='com-{case}']")
        assert group is not None, case
        markers = {c.get("data-view"): c for c in group.iter(f"{SVG}circle")}
        assert set(markers) == {"side", "front", "top"}
        for view, marker in markers.items():
            got = _to_vehicle(views[view], float(marker.get("cx")), float(marker.get("cy")))
            for axis, value in got.items():
                # Within 1 mm of the vehicle at the drawing's scale.
                assert value == pytest.approx(result["com_mm"]["xyz".index(axis)], abs=1.0), \
                    (case, view, axis)
    dims = {g.get("id")[4:]: float(g.get("data-value-mm")) for g in root.iter(f"{SVG}g")
            if g.get("id", "").startswith("dim-")}
    assert dims["length"] == pytest.approx(report["envelope_mm"]["length"], abs=0.05)
    assert dims["width"] == pytest.approx(report["envelope_mm"]["width"], abs=0.05)
    assert dims["height"] == pytest.approx(report["envelope_mm"]["height"], abs=0.05)
    assert dims["wheelbase"] == pytest.approx(report["wheelbase_mm"], abs=0.05)
    assert dims["front-overhang"] + dims["wheelbase"] + dims["rear-overhang"] \
        == pytest.approx(dims["length"], abs=0.2)
    assert dims["ground-clearance"] == pytest.approx(
        report["ground"]["kerb"]["ground_clearance_mm"], abs=0.05)
    # Every part is drawn in every view, and its hidden outline is dashed.
    names = {c["name"] for c in report["components"]}
    for view in views:
        drawn = {p.get("data-part") for p in
                 root.find(f".//{SVG}g[@id='parts-{view}']").iter(f"{SVG}path")}
        assert drawn == names, view
        hidden = root.find(f".//{SVG}g[@id='hidden-{view}']")
        assert all(p.get("stroke-dasharray") for p in hidden.iter(f"{SVG}path"))


def test_the_limiting_parts_are_outlined(tmp_path, capsys):
    main(["draw", "hijet-jumbo-star-climber", "--out", str(tmp_path), "--formats", "svg"])
    capsys.readouterr()
    root = ET.parse(tmp_path / "hijet-jumbo-star-climber.svg").getroot()
    report = _check_json("hijet-jumbo-star-climber", capsys)
    top = max(report["components"], key=lambda c: c["bbox_max_mm"][2] if c["in_envelope"]
              else -1e9)
    marked = {(p.get("data-part"), p.get("data-limits")) for p in
              root.find(f".//{SVG}g[@id='limiting-side']").iter(f"{SVG}path")}
    assert any(part == top["name"] and "top" in limits for part, limits in marked)
    text = ET.tostring(root, encoding="unicode")
    assert "height 59 mm over" in text     # the margin written on the box


def test_png_and_suffixes(tmp_path):
    concept = get_concept("beat-pp1")()
    sheet = three_view(concept.layout(), concept.analyse())
    path = sheet.write(tmp_path / "beat.png", dpi=60)
    with Image.open(path) as image:
        assert image.size[0] == pytest.approx(SHEET_MM[0] / 25.4 * 60, abs=1)
        assert image.size[1] == pytest.approx(SHEET_MM[1] / 25.4 * 60, abs=1)
        assert len(image.convert("RGB").getcolors(1 << 20)) > 10
    with pytest.raises(ParameterError, match=r"\.svg or \.png"):
        sheet.write(tmp_path / "beat.pdf")
    assert list(tmp_path.iterdir()) == [path]


def test_a_notebook_shows_a_design_without_the_cad_kernel():
    code = ("import sys\n"
            "from keidesign import CabOverTruck\n"
            "t = CabOverTruck()\n"
            "html, svg = t._repr_html_(), t._repr_svg_()\n"
            "assert 'com-kerb' in svg and 'kei-box' in svg and 'kerb mass' in html\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cadquery', 'OCP')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


# ---- compare and build -----------------------------------------------------------------------

def test_compare_prints_the_table_and_writes_the_overlay(tmp_path, capsys):
    assert main(["compare", "hijet-s500p", "gr-hijet-k-trail", "--set", "lift=50",
                 "mid-engine-concept", "--out", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["designs"] == ["hijet-s500p", "gr-hijet-k-trail lift=50", "mid-engine-concept"]
    heights = out["figures"]["height"]["values"]
    assert heights[0] == _check_json("hijet-s500p", capsys)["envelope_mm"]["height"]
    assert heights[1] == _check_json("gr-hijet-k-trail", capsys, "--set", "lift=50"
                                     )["envelope_mm"]["height"]
    root = ET.parse(out["drawings"]["svg"]).getroot()
    labels = [g.get("data-label") for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("design-")]
    assert labels == out["designs"]
    killed = tmp_path / ".beat-pp1-vs-s660-jw5.svg.4242-0123abcd.tmp.svg"  # a killed compare's
    killed.write_bytes(b"<svg")
    assert main(["compare", "beat-pp1", "s660-jw5", "--out", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    assert "beat-pp1" in table and "s660-jw5" in table and "kerb mass (kg)" in table
    assert not killed.exists()


@pytest.mark.parametrize("argv, message", [
    (["compare", "beat-pp1"], "two or more designs"),
    (["compare", "beat-pp1", "s660-jw5", "--set", "wheelbase=1"], "design 2"),
    (["compare", "beat-pp1", "nope", "--out", "x"], "design 2"),
    (["compare", "beat-pp1", "s660-jw5", "--colour", "red"], "unknown option"),
    (["draw", "beat-pp1", "--formats", "pdf"], "svg, png or both"),
])
def test_bad_input_is_refused(argv, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("options, name", [
    ({"views": ("side", 10 ** 5000)}, "views"),
    ({"scale": 10 ** 5000}, "scale"),
    ({"scale": True}, "scale"),
    ({"scale": 0.0}, "scale"),
])
def test_a_drawing_refuses_odd_options_by_name(options, name):
    """A huge whole number (whose repr Python refuses) or a bool is a ParameterError naming
    the option, its value quoted short."""
    design = get_concept("cab-over-truck")()
    with pytest.raises(ParameterError, match=rf"^'{name}' must") as err:
        drawing(design.layout(), design.analyse(), **options)
    assert len(str(err.value)) < 300


def test_build_writes_the_drawing_and_the_chrono_chassis_without_cad(tmp_path, capsys):
    code = ("import sys\n"
            "from keidesign.cli import main\n"
            f"assert main(['build', 'acty-ha8', '--formats', 'svg,png,chrono', '--out', "
            f"{str(tmp_path)!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cadquery', 'OCP')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    folder = tmp_path / "acty-ha8"
    assert sorted(p.name for p in folder.iterdir()) == ["acty-ha8.chrono.json", "acty-ha8.png",
                                                        "acty-ha8.svg"]


def test_every_design_reports_and_all_compare_at_once(tmp_path, capsys):
    """Every built-in concept and preset in one report page each (drawing included, the CAD
    preview left out to keep this fast: tests/test_preview.py covers it) and all of them in one
    comparison."""
    from keidesign.export.html import report_for

    for name in ALL:
        design = get_concept(name)()
        layout, analysis = design.layout(), design.analyse()
        page = report_for(type(design), analysis,
                          drawing_svg=three_view(layout, analysis).svg())
        assert 'id="kei-box"' in page and 'id="com-full"' in page, name
        assert all(f'<span class="code">{escape(row.name)}</span>' in page
                   for row in analysis.components), name
    assert main(["compare", *ALL, "--out", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["designs"] == ALL
    assert all(len(v["values"]) == len(ALL) for v in out["figures"].values())
