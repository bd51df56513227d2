"""The HTML design report: its content (fast, no browser) and how a real browser shows it
(headless Chromium through Playwright; skipped where Chromium is not installed)."""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import re
import shutil
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from keidesign.analysis.clashes import Clash
from keidesign.analysis.report import PartRow
from keidesign.concepts import CONCEPTS
from keidesign.concepts.presets import PRESETS
from keidesign.concepts.presets.fidelity import fidelity_rows, preset_of
from keidesign.errors import ParameterError
from keidesign.export import html as report
from keidesign.export.html import SECTIONS, report_html, section_id, write_report_html

#: A standalone SVG document as a drawing module writes one: XML declaration, ids to address.
DRAWING_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="400mm" height="200mm" viewBox="0 0 400 200">
  <rect width="400" height="200" fill="#ffffff"/>
  <rect id="kei-box" x="10" y="10" width="380" height="180" fill="none" stroke="#c00000"
        stroke-width="3"/>
  <circle id="com-kerb" cx="200" cy="120" r="8" fill="#003366"/>
  <text x="20" y="30" font-size="12">3400 &amp; 2000 mm</text>
</svg>
"""
#: The inlined element: everything after the XML declaration.
SVG_ELEMENT = DRAWING_SVG.split("?>", 1)[1].strip()
#: Chromium's flags for a sandbox-less, quiet, offline run.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_XMLNS = re.compile(r'\sxmlns(?::\w+)?="[^"]*"')


@pytest.fixture(scope="module")
def png() -> bytes:
    """A tiny PNG, two colours."""
    image = Image.new("RGB", (48, 24), (200, 40, 40))
    image.paste((40, 40, 200), (24, 0, 48, 24))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def beat() -> types.SimpleNamespace:
    """The Honda Beat preset: its design, analysis, specs and published rows."""
    cls = PRESETS["beat-pp1"].concept()
    design = cls()
    return types.SimpleNamespace(design=design, analysis=design.analyse(), specs=cls.specs(),
                                 published=fidelity_rows(PRESETS["beat-pp1"], design))


def _external(page: str) -> list[str]:
    """Every reference to somewhere else in ``page``, namespaces' names aside."""
    text = _XMLNS.sub("", page)
    return re.findall(r'https?://|src="//|href="//|url\(\s*["\']?(?!data:)|@import', text)


# ---- content ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(CONCEPTS))
def test_every_section_part_and_parameter(name: str, png: bytes) -> None:
    cls = CONCEPTS[name]
    analysis = cls().analyse()
    page = report_html(analysis, cls.specs(), drawing_svg=DRAWING_SVG, preview_png=png)
    for key in SECTIONS:
        present = f'<section id="{section_id(key)}">' in page
        assert present == (key != "published"), key  # an archetype publishes nothing
    for part in analysis.components:
        assert f'<span class="code">{html.escape(part.name)}</span>' in page
    for pname, spec in cls.specs().items():
        value = analysis.parameters[pname]
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        assert (f'<span class="code">{pname}</span></td><td class="n">{html.escape(shown)}'
                f"</td><td>{spec.unit}</td>") in page, pname
    assert f"<h1>{name}</h1>" in page
    assert ("PASSES" if analysis.passes else "DOES NOT") in page
    assert _external(page) == []


def test_sections_hold_the_figures(beat: types.SimpleNamespace, png: bytes) -> None:
    a = beat.analysis
    page = report_html(a, beat.specs, drawing_svg=DRAWING_SVG, preview_png=png,
                       published=beat.published, title=PRESETS["beat-pp1"].title)
    assert '<section id="section-published">' in page
    for row in beat.published:
        assert f"<td>{html.escape(row.source)}</td>" in page
        assert f'<td class="n">{row.model_text}</td>' in page
    kerb = a.load_cases["kerb"]
    assert f'<td class="n">{kerb.mass_kg:.1f}</td>' in page
    assert f'<td class="n">{100 * kerb.front_axle_share:.1f}</td>' in page
    assert f'<td class="n">{kerb.inertia_kg_m2[2][2]:.1f}</td>' in page
    assert f'<td class="n">{a.turning["radius_m"]:.2f}</td>' in page
    assert f'<td class="n">{a.ground["full"]["ground_clearance_mm"]:.0f}</td>' in page
    assert f'<td>{a.ground["kerb"]["breakover_part"]}</td>' in page
    assert f'<td>{a.limiting_components["height"]}</td>' in page
    for header in ("mass kg", "CoM x mm", "front axle %", "Ixx kg·m²", "ground clearance mm",
                   "approach °", "kerb to kerb m", "least clearance mm", "margin mm"):
        assert f">{header}</th>" in page
    assert "None: no two parts overlap" in page
    assert "Honda Beat PP1 (1991–1996)" in page


def test_model_text_is_escaped(beat: types.SimpleNamespace) -> None:
    a = beat.analysis
    odd = PartRow(name="<b>&", category="<i>odd", material='steel"x', load="vehicle",
                  mass_kg=1.0, volume_mm3=1.0, com_mm=(0.0, 0.0, 0.0),
                  bbox_min_mm=(0.0, 0.0, 0.0), bbox_max_mm=(1.0, 1.0, 1.0), in_envelope=True)
    a = dataclasses.replace(a, components=(*a.components, odd),
                            clashes=(Clash("<b>&", "frame", 2000.0),))
    page = report_html(a, beat.specs)
    assert "<b>&" not in page and "<i>" not in page and 'steel"x' not in page
    assert '<span class="code">&lt;b&gt;&amp;</span>' in page
    assert "<td>&lt;b&gt;&amp;</td><td>frame</td>" in page  # the clash table
    assert "<td>&lt;i&gt;odd</td><td>steel&quot;x</td>" in page
    assert "DOES NOT PASS" in page


def test_drawing_inlined_as_is_and_preview_embedded(beat: types.SimpleNamespace,
                                                    png: bytes) -> None:
    page = report_html(beat.analysis, beat.specs, drawing_svg=DRAWING_SVG, preview_png=png)
    assert SVG_ELEMENT in page  # ids, entities and namespaces untouched
    assert "<?xml" not in page
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in page
    bare = report_html(beat.analysis, beat.specs)
    assert "No drawing" in bare and "No preview" in bare and "<svg" not in bare


@pytest.mark.parametrize("svg", ["<html><svg/></html>", "", "<?xml version='1.0'?><g/>",
                                 b"<svg/>"])
def test_not_an_svg(beat: types.SimpleNamespace, svg: object) -> None:
    with pytest.raises(ParameterError, match="'drawing_svg' must be an SVG document"):
        report_html(beat.analysis, beat.specs, drawing_svg=svg)


def test_not_a_png(beat: types.SimpleNamespace) -> None:
    with pytest.raises(ParameterError, match="'preview_png' must be the bytes of a PNG"):
        report_html(beat.analysis, beat.specs, preview_png=b"GIF89a")


# ---- writing ------------------------------------------------------------------------------
def test_write_preset(tmp_path: Path, png: bytes) -> None:
    design = PRESETS["beat-pp1"].concept()(wheelbase=2300.0)
    path = write_report_html(design, tmp_path / "out", era=1990, drawing_svg=DRAWING_SVG,
                             preview_png=png)
    assert path == tmp_path / "out" / "beat-pp1.html"
    page = path.read_text(encoding="utf-8")
    assert '<section id="section-published">' in page  # a preset, even with a change
    assert "1 parameter changed from the defaults" in page
    assert "the kei rules of 1990" in page
    assert [p.name for p in path.parent.iterdir()] == ["beat-pp1.html"]  # no temporary left


def test_write_archetype_and_name(tmp_path: Path, png: bytes) -> None:
    design = CONCEPTS["mid-engine-concept"]()
    path = write_report_html(design, tmp_path, name="variant", drawing_svg=DRAWING_SVG,
                             preview_png=png)
    page = path.read_text(encoding="utf-8")
    assert path.name == "variant.html"
    assert '<section id="section-published">' not in page
    assert "DOES NOT PASS" in page  # its struts stand in the footwell
    with pytest.raises(ParameterError, match="'name' must be a plain file name"):
        write_report_html(design, tmp_path, name="../x", drawing_svg=DRAWING_SVG)


def test_preset_recognised_by_its_class() -> None:
    cls = PRESETS["s660-jw5"].concept()
    assert preset_of(cls()) is PRESETS["s660-jw5"]
    assert preset_of(cls) is PRESETS["s660-jw5"]
    assert preset_of(CONCEPTS["mid-engine-roadster"]()) is None

    class Derived(cls):  # a build of one's own from a preset is not the preset
        name = "my-s660"

    assert preset_of(Derived()) is None


def test_the_drawing_is_drawn_when_not_given(tmp_path: Path, png: bytes,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def three_view(layout, analysis):
        calls.append((layout.concept, analysis.concept))
        return types.SimpleNamespace(svg=lambda: DRAWING_SVG)

    monkeypatch.setattr(report, "three_view", three_view)
    page = write_report_html(CONCEPTS["cab-over-truck"](), tmp_path,
                             preview_png=png).read_text("utf-8")
    assert calls == [("cab-over-truck", "cab-over-truck")]
    assert SVG_ELEMENT in page and base64.b64encode(png).decode() in page

    def broken(layout, analysis):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(report, "three_view", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        write_report_html(CONCEPTS["cab-over-truck"](), tmp_path, preview_png=png)


def test_a_page_without_drawing_or_preview_says_so() -> None:
    design = CONCEPTS["cab-over-truck"]()
    page = report_html(design.analyse(), type(design).specs())
    assert "No drawing" in page and "No preview" in page


# ---- in a browser -------------------------------------------------------------------------
def _chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("Chromium is not installed (CI installs Debian's chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no downloaded browser)."""
    executable = _chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (test extras)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.mark.parametrize("drawing", ["hand-made", "keidesign.drawing"])
def test_opens_in_chromium(browser, drawing: str, tmp_path: Path, png: bytes) -> None:
    design = PRESETS["beat-pp1"].concept()()
    svg = DRAWING_SVG if drawing == "hand-made" else None
    path = write_report_html(design, tmp_path, drawing_svg=svg, preview_png=png)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda err: errors.append(str(err)))

    def only_local(route, request) -> None:
        if request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            elsewhere.append(request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
            else elsewhere.append(r.url))
    try:
        page.goto(path.as_uri(), wait_until="load")
        assert errors == []
        assert elsewhere == []
        box = page.locator("#kei-box")
        assert box.count() == 1 and box.is_visible()
        assert page.evaluate("document.getElementById('kei-box').namespaceURI") == \
            "http://www.w3.org/2000/svg"
        bounds = box.bounding_box()
        assert bounds is not None and bounds["width"] > 0 and bounds["height"] > 0
        assert page.evaluate("document.querySelector('#report-preview img').naturalWidth") == 48
        for key in SECTIONS:
            assert page.locator(f"#{section_id(key)} h2").is_visible(), key
        shot = page.locator("#report-drawing svg").screenshot()
        colours = Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 1  # not blank: the drawing is there
    finally:
        page.close()
