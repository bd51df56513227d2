"""The design report: one self-contained HTML file.

Everything is in the file: inline CSS, the drawing as inline SVG, the preview as a base64
``data:`` image. Nothing is loaded from elsewhere (a Content-Security-Policy in the page forbids
it), so the file opens offline, from a mail attachment or an archive, as it was written.

:func:`report_html` turns an analysis into the page (a pure function); :func:`write_report_html`
analyses a concept, draws it (:mod:`keidesign.drawing`), renders its preview
(:mod:`keidesign.export.preview`, which imports the CAD kernel) and writes
``<out_dir>/<name>.html`` atomically. ``build --formats html`` writes the same page from the
drawing and preview it makes anyway.
"""

from __future__ import annotations

import base64
import html
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from keidesign import __version__
from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.analysis.report import Analysis, analyse
from keidesign.concepts.base import Concept
from keidesign.concepts.presets.fidelity import FidelityRow, fidelity_rows, preset_of
from keidesign.errors import ExportError, ParameterError
from keidesign.drawing import three_view
from keidesign.export.atomic import remove_stale_temps, write_bytes_atomic
from keidesign.export.names import file_stem
from keidesign.parameters.spec import ParameterSpec, quote

__all__ = ["SECTIONS", "report_for", "report_html", "section_id", "write_report_html"]

#: The report's sections, in page order, with their headings (element ids: :func:`section_id`).
#: ``published`` appears for presets only.
SECTIONS: dict[str, str] = {
    "parameters": "Parameters",
    "drawing": "Drawing",
    "preview": "Preview",
    "fit": "Fit in the kei box",
    "mass": "Mass properties",
    "parts": "Parts",
    "clashes": "Clashes",
    "ground": "Ground geometry",
    "turning": "Turning circle",
    "clearances": "Watched clearances",
    "published": "Published figures beside the model's",
}

#: What each load case holds (the README's definitions).
_LOAD_CASES = {
    "kerb": "full fuel and fluids, no occupants",
    "driver": "kerb + one 55 kg occupant",
    "crew": "kerb + an occupant in every seat",
    "full": "every occupant and the rated payload",
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: What may stand before the ``<svg`` element of a standalone SVG file: an XML declaration, a
#: doctype, comments.
_SVG_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?"
                           r"((?:<!--.*?-->\s*)*)(?=<svg[\s>/])", re.DOTALL | re.IGNORECASE)

#: Forbids every load from elsewhere: styles and images only from the page itself.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root { --ok: #1a7f37; --bad: #c62828; --warn: #b26a00; --line: #d0d7de; --head: #f3f5f7;
        --ink: #1f2328; --muted: #59636e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; padding: 1.5rem; max-width: 1200px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
     border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.sub, .note, caption, footer { color: var(--muted); }
nav { margin: .75rem 0 0; font-size: .9rem; }
nav a { margin-right: .8rem; color: #0550ae; text-decoration: none; }
.verdict { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; color: #fff;
           font-weight: 600; margin-right: .4rem; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
.verdict.warn { background: var(--warn); }
table { border-collapse: collapse; margin: .3rem 0 1rem; font-size: .9rem; }
caption { text-align: left; padding: .2rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; }
th { background: var(--head); text-align: left; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
          font-size: .85rem; }
tr.changed td { background: #fff8c5; }
td.bad { color: var(--bad); font-weight: 600; } td.ok { color: var(--ok); }
figure { margin: .5rem 0; }
#report-drawing svg { display: block; max-width: 100%; height: auto; background: #fff; }
#report-preview img { display: block; max-width: 100%; height: auto;
                      border: 1px solid var(--line); }
.scroll { overflow-x: auto; }
footer { margin-top: 2rem; font-size: .8rem; }
@media print { nav { display: none; } h2 { break-after: avoid; } }
"""


class _Html(str):
    """Text that is already HTML: table cells of this type are not escaped again."""


def _e(text: Any) -> str:
    """``text`` as HTML text, every ``<``, ``&`` and quote escaped."""
    return html.escape(str(text), quote=True)


def _num(value: Any, digits: int = 0) -> str:
    """A number with ``digits`` decimals; ``"—"`` for NaN, infinity or ``None``."""
    if value is None:
        return "—"
    value = float(value)
    if not math.isfinite(value):
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:  # -0 reads as a sign that is not there
        text = text[1:]
    return text


def _value(value: Any) -> str:
    """A parameter's value as text: whole numbers without a decimal point, others to six
    significant figures, choices as they are."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if math.isfinite(value) and float(value) == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]], *, right: Iterable[int] = (),
           caption: str | None = None, row_class: Sequence[str] | None = None,
           cell_class: Mapping[tuple[int, int], str] | None = None) -> str:
    """An HTML table; every cell escaped unless it is :class:`_Html`.

    Args:
        header: column headings (units in them).
        rows: the cells, row by row.
        right: indices of the columns to right-align (numbers).
        caption: a line above the table.
        row_class: a CSS class per row (``""`` for none).
        cell_class: extra CSS classes by (row, column).
    """
    right = set(right)
    cell_class = cell_class or {}

    def cell(tag: str, i: int, j: int, text: Any) -> str:
        classes = " ".join(c for c in ("n" if j in right else "", cell_class.get((i, j), ""))
                           if c)
        attr = f' class="{classes}"' if classes else ""
        body = text if isinstance(text, _Html) else _e(text)
        return f"<{tag}{attr}>{body}</{tag}>"

    out = ['<div class="scroll"><table>']
    if caption:
        out.append(f"<caption>{_e(caption)}</caption>")
    out.append("<thead><tr>" + "".join(cell("th", -1, j, h) for j, h in enumerate(header))
               + "</tr></thead><tbody>")
    for i, row in enumerate(rows):
        cls = row_class[i] if row_class and row_class[i] else ""
        attr = f' class="{cls}"' if cls else ""
        out.append(f"<tr{attr}>" + "".join(cell("td", i, j, c) for j, c in enumerate(row))
                   + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def section_id(key: str) -> str:
    """The element id of section ``key`` of :data:`SECTIONS` (``"section-parts"``): prefixed,
    so that ids inside the inlined drawing (``ground``, ``arrow`` …) cannot collide with it."""
    return f"section-{key}"


def _section(key: str, body: str) -> str:
    return f'<section id="{section_id(key)}"><h2>{_e(SECTIONS[key])}</h2>{body}</section>'


def _note(text: str) -> str:
    return f'<p class="note">{_e(text)}</p>'


def _inline_svg(svg: str) -> str:
    """The ``<svg>`` element of a standalone SVG document, as is: the XML declaration and
    doctype dropped (they are not allowed inside HTML), everything else untouched."""
    match = _SVG_PROLOGUE.match(svg) if isinstance(svg, str) else None
    if match is None:
        raise ParameterError("'drawing_svg' must be an SVG document whose root element is "
                             f"<svg> (got {quote(svg)[:60]})", name="drawing_svg",
                             value=svg)
    return match.group(1) + svg[match.end():].strip()


def _verdict(analysis: Analysis) -> str:
    era = analysis.regulation.era
    if analysis.passes:
        return (f'<span class="verdict ok">PASSES</span>fits the kei box of {era} and nothing '
                "clashes")
    if analysis.fits:
        n = len(analysis.clashes)
        return (f'<span class="verdict warn">DOES NOT PASS</span>fits the kei box of {era}, '
                f"but {n} pair{'s' if n != 1 else ''} of parts clash")
    return (f'<span class="verdict bad">DOES NOT FIT</span>the kei box of {era}'
            + ("" if not analysis.clashes else f"; {len(analysis.clashes)} clashing pairs"))


def _parameters(analysis: Analysis, specs: Mapping[str, ParameterSpec]) -> str:
    values = dict(analysis.parameters)
    rows, classes = [], []
    for name, spec in specs.items():
        value = values.pop(name, None)
        changed = value is not None and value != spec.default
        rows.append((_Html(f'<span class="code">{_e(name)}</span>'),
                     "—" if value is None else _value(value), spec.unit,
                     _value(spec.default), spec.allowed, spec.description))
        classes.append("changed" if changed else "")
    for name, value in values.items():  # a value without a spec: shown, not dropped
        rows.append((name, _value(value), "", "", "", ""))
        classes.append("")
    changed = sum(1 for c in classes if c)
    note = (f"{changed} parameter{'s' if changed != 1 else ''} changed from the defaults "
            "(highlighted)." if changed else "Every parameter at its default.")
    return _note(note) + _table(("parameter", "value", "unit", "default", "allowed",
                                 "description"), rows, right=(1, 3), row_class=classes)


def _drawing(svg: str | None) -> str:
    if svg is None:
        return _note("No drawing: keidesign.drawing was not available when this report was "
                     "written.")
    return ('<figure id="report-drawing">' + _inline_svg(svg) + "<figcaption class=\"note\">"
            "Three views, mm; vehicle axes x forward, y left, z up, origin on the ground below "
            "the front axle.</figcaption></figure>")


def _preview(png: bytes | None) -> str:
    if png is None:
        return _note("No preview: keidesign.export.preview was not available when this report "
                     "was written.")
    if not isinstance(png, (bytes, bytearray)) or not bytes(png).startswith(_PNG_SIGNATURE):
        raise ParameterError("'preview_png' must be the bytes of a PNG image",
                             name="preview_png", value=type(png).__name__)
    data = base64.b64encode(bytes(png)).decode("ascii")
    return (f'<figure id="report-preview"><img alt="preview of the design" '
            f'src="data:image/png;base64,{data}"></figure>')


def _fit(analysis: Analysis) -> str:
    reg = analysis.regulation
    limits = {"length": reg.max_length_mm, "width": reg.max_width_mm,
              "height": reg.max_height_mm}
    rows, cells = [], {}
    for i, (axis, limit) in enumerate(limits.items()):
        margin = analysis.margins_mm[axis]
        rows.append((axis, _num(analysis.envelope_mm[axis]), _num(limit), f"{margin:+.0f}",
                     analysis.limiting_components[axis], "ok" if margin >= 0 else "OVER"))
        cells[(i, 5)] = "ok" if margin >= 0 else "bad"
    out = [_note(f"The kei rules of {reg.era} (effective {reg.effective}). Door mirrors, "
                 "occupants and payload do not count toward the regulated size."),
           _table(("axis", "vehicle mm", "limit mm", "margin mm", "limiting part", ""), rows,
                  right=(1, 2, 3), cell_class=cells)]
    checks, cells = [], {}
    for i, c in enumerate(analysis.limit_checks):
        unit = f" {c.unit}" if c.unit else ""
        checks.append((c.limit, f"{c.value:g}{unit}", f"{c.allowed:g}{unit}",
                       "ok" if c.ok else "EXCEEDED"))
        cells[(i, 3)] = "ok" if c.ok else "bad"
    out.append(_table(("limit", "value", "allowed", ""), checks, right=(1, 2),
                      caption="Limits other than size", cell_class=cells))
    if analysis.violations:
        out.append(_table(("part", "axis", "past the box mm"),
                          [(v.component, v.axis, _num(v.excess_mm, 1))
                           for v in analysis.violations], right=(2,),
                          caption="Parts that stick out of the box"))
    return "".join(out)


def _case(name: str) -> _Html:
    what = _LOAD_CASES.get(name)
    title = f' title="{_e(what)}"' if what else ""
    return _Html(f"<strong{title}>{_e(name)}</strong>")


def _mass(analysis: Analysis) -> str:
    cases = analysis.load_cases
    defined = "; ".join(f"{k}: {_LOAD_CASES[k]}" for k in cases if k in _LOAD_CASES)
    note = _note(f"Load cases — {defined}. CoM in vehicle axes (x forward, y left, z up), "
                 "origin on the ground below the front axle centre.") if defined else ""
    main = _table(
        ("load case", "mass kg", "CoM x mm", "CoM y mm", "CoM z mm", "behind front axle mm",
         "front axle %", "SSF"),
        [(_case(k), _num(lc.mass_kg, 1), *(_num(v) for v in lc.com_mm),
          _num(lc.com_behind_front_axle_mm), _num(100 * lc.front_axle_share, 1),
          _num(lc.ssf, 2)) for k, lc in cases.items()],
        right=range(1, 8), caption="Mass and centre of mass (SSF: static stability factor, "
                                   "half the mean track over the CoM height)")
    loads = _table(
        ("load case", "front axle kg", "rear axle kg", "FL kg", "FR kg", "RL kg", "RR kg",
         "Ixx kg·m²", "Iyy kg·m²", "Izz kg·m²"),
        [(_case(k), *(_num(v, 1) for v in lc.axle_loads_kg),
          *(_num(v, 1) for v in lc.corner_loads_kg),
          *(_num(lc.inertia_kg_m2[a][a], 1) for a in range(3))) for k, lc in cases.items()],
        right=range(1, 10), caption="Axle and corner loads (front/rear, left/right); inertia "
                                    "about the centre of mass, vehicle axes")
    return note + main + loads


def _parts(analysis: Analysis) -> str:
    rows = [(_Html(f'<span class="code">{_e(p.name)}</span>'), p.category, p.material, p.load,
             _num(p.mass_kg, 2), _num(p.com_mm[0]), _num(p.com_mm[1]), _num(p.com_mm[2]),
             "yes" if p.in_envelope else "no") for p in analysis.components]
    total = sum(p.mass_kg for p in analysis.components)
    return (_note(f"{len(rows)} parts, {total:.1f} kg with every occupant and the payload; "
                  "CoM is each part's volume centroid, mm.")
            + _table(("part", "category", "material", "load", "mass kg", "CoM x mm",
                      "CoM y mm", "CoM z mm", "counts toward size"), rows, right=range(4, 8)))


def _clashes(analysis: Analysis) -> str:
    if not analysis.clashes:
        return _note("None: no two parts overlap (joined parts and declared contacts "
                     "excepted).")
    return _table(("part", "clashes with", "overlap cm³"),
                  [(c.a, c.b, _num(c.overlap_mm3 / 1000.0, 1)) for c in analysis.clashes],
                  right=(2,), caption=f"{len(analysis.clashes)} clashing pairs, largest "
                                      "overlap first")


def _ground(analysis: Analysis) -> str:
    if not analysis.ground:
        return _note("Not computed for this design.")
    rows = [(_case(k), _num(g.get("ground_clearance_mm")), _num(g.get("approach_deg"), 1),
             _num(g.get("departure_deg"), 1), _num(g.get("breakover_deg"), 1),
             g.get("clearance_part") or "—", g.get("approach_part") or "—",
             g.get("departure_part") or "—", g.get("breakover_part") or "—")
            for k, g in analysis.ground.items()]
    return _table(("load case", "ground clearance mm", "approach °", "departure °",
                   "breakover °", "clearance limited by", "approach limited by",
                   "departure limited by", "breakover limited by"), rows, right=range(1, 5),
                  caption="Per load case, the body settled on its springs; angles SAE J1100")


def _turning(analysis: Analysis) -> str:
    t = analysis.turning
    if not t:
        return _note("The concept declares no steering angle: no turning circle.")
    return _table(("max steer °", "radius m (outer front wheel)", "kerb to kerb m",
                   "wall to wall m"),
                  [(_num(t.get("max_steer_deg"), 1), _num(t.get("radius_m"), 2),
                    _num(t.get("kerb_to_kerb_m"), 2), _num(t.get("wall_to_wall_m"), 2))],
                  right=range(4), caption="At full lock; the radius is the catalogue's "
                                          "minimum turning radius")


def _clearances(analysis: Analysis) -> str:
    if not analysis.min_clearances:
        return _note("The vehicle has none of the watched pairs.")
    return _table(("watched pair", "least clearance mm", "between"),
                  [(k, _num(c.get("clearance_mm")), c.get("between", ""))
                   for k, c in analysis.min_clearances.items()], right=(1,))


def _published(rows: Sequence[FidelityRow]) -> str:
    if not rows:
        return _note("The preset publishes no figures.")
    return _table(("figure", "what", "published", "model", "model − published", "source"),
                  [(_Html(f'<span class="code">{_e(r.figure)}</span>'), r.description,
                    r.published_text, r.model_text, r.difference_text, r.source)
                   for r in rows], right=(2, 3, 4))


def report_html(analysis: Analysis, specs: Mapping[str, ParameterSpec], *,
                drawing_svg: str | None = None, preview_png: bytes | None = None,
                published: Sequence[FidelityRow] | None = None,
                title: str | None = None) -> str:
    """The design report as one self-contained HTML page.

    Every text from the model (part names, materials, parameter values) is escaped; the page
    refers to nothing outside itself and says so in its Content-Security-Policy.

    Args:
        analysis: the design's analysis (``concept.analyse(era)``).
        specs: the concept's parameter specs (``type(concept).specs()``): units, defaults,
            allowed ranges, descriptions.
        drawing_svg: a standalone SVG document or ``<svg>`` element, inlined as is (its
            element ids stay addressable); an XML declaration or doctype before it is dropped.
            ``None``: the drawing section says there is none.
        preview_png: PNG bytes, embedded as a ``data:`` image; ``None``: no preview.
        published: for a preset, its published figures beside the model's
            (:func:`~keidesign.concepts.presets.fidelity.fidelity_rows`); ``None`` leaves the
            section out.
        title: one line under the concept's name saying what the design is (a preset's
            title, e.g. ``"Honda Beat PP1 (1991–1996)"``).

    Returns:
        The page, UTF-8 text.

    Raises:
        ParameterError: ``drawing_svg`` is not an SVG document, or ``preview_png`` not PNG
            bytes.
    """
    sections = {
        "parameters": _parameters(analysis, specs),
        "drawing": _drawing(drawing_svg),
        "preview": _preview(preview_png),
        "fit": _fit(analysis),
        "mass": _mass(analysis),
        "parts": _parts(analysis),
        "clashes": _clashes(analysis),
        "ground": _ground(analysis),
        "turning": _turning(analysis),
        "clearances": _clearances(analysis),
    }
    if published is not None:
        sections["published"] = _published(published)
    reg = analysis.regulation
    kerb = analysis.load_cases.get("kerb")
    facts = [f"wheelbase {analysis.wheelbase_mm:.0f} mm",
             " × ".join(f"{analysis.envelope_mm[a]:.0f}" for a in ("length", "width", "height"))
             + " mm (length × width × height)"]
    if kerb is not None:
        facts.append(f"kerb {kerb.mass_kg:.0f} kg, {100 * kerb.front_axle_share:.1f} % front")
    nav = "".join(f'<a href="#{section_id(k)}">{_e(SECTIONS[k])}</a>' for k in sections)
    head = (f"<h1>{_e(analysis.concept)}</h1>"
            + (f'<p class="sub">{_e(title)}</p>' if title else "")
            + f'<p id="report-verdict">{_verdict(analysis)}</p>'
            + f'<p class="sub">Checked against the kei rules of {reg.era} (effective '
              f'{_e(reg.effective)}); {_e(", ".join(facts))}.</p>'
            + f"<nav>{nav}</nav>")
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(analysis.concept)} — keidesign report ({reg.era})</title>"
            f"<style>{_CSS}</style></head>\n<body>\n<header>{head}</header>\n<main>\n"
            + "\n".join(_section(k, body) for k, body in sections.items())
            + f"\n</main>\n<footer>Written by keidesign {_e(__version__)}. Units: mm, kg, "
              "degrees; inertia kg·m².</footer>\n</body></html>\n")


def report_for(concept_class: type[Concept], analysis: Analysis, *,
               drawing_svg: str | None = None, preview_png: bytes | None = None) -> str:
    """:func:`report_html` of a design of ``concept_class``: its parameters' specs, its title
    and, for a preset, its published figures beside the model's."""
    preset = preset_of(concept_class)
    published = None if preset is None else fidelity_rows(
        preset, concept_class(**analysis.parameters))
    return report_html(analysis, concept_class.specs(), drawing_svg=drawing_svg,
                       preview_png=preview_png, published=published,
                       title=concept_class.title or None)


def write_report_html(concept: Concept, out_dir: str | os.PathLike[str],
                      era: int = CURRENT_ERA, *, name: str | None = None,
                      drawing_svg: str | None = None,
                      preview_png: bytes | None = None) -> Path:
    """Analyse ``concept`` and write its report to ``<out_dir>/<name>.html``, atomically.

    A preset (a real vehicle, :data:`~keidesign.concepts.presets.PRESETS`) gets its published
    figures beside the model's. Without ``drawing_svg`` the design is drawn with
    :func:`keidesign.drawing.three_view`, and without ``preview_png`` rendered with
    :func:`keidesign.export.preview.render_preview` (which builds the solids: the CAD
    kernel is imported).

    Args:
        concept: the design (a concept instance).
        out_dir: the folder to write into; created if missing.
        era: the kei rules to check against (any year from 1949).
        name: the file's stem; the concept's name by default.
        drawing_svg: the drawing, an SVG document (see :func:`report_html`).
        preview_png: the preview, PNG bytes.

    Returns:
        The path written.

    Raises:
        ParameterError: an unknown ``era``, ``name`` not a plain file name, or a drawing or
            preview that is not SVG or PNG.
        ExportError: the folder or the file could not be written; no partial file is left.
    """
    stem = file_stem(concept.name, name)
    reg = regulation(era)
    layout = concept.layout()
    analysis = analyse(layout, concept.parameters(), reg)
    if drawing_svg is None:
        drawing_svg = three_view(layout, analysis).svg()
    if preview_png is None:
        from keidesign.export.preview import render_preview   # imports the CAD kernel

        preview_png = render_preview(layout)
    page = report_for(type(concept), analysis, drawing_svg=drawing_svg, preview_png=preview_png)
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create the report folder {folder}: {err}") from err
    remove_stale_temps(folder)          # what a report or build killed with SIGKILL left
    return write_bytes_atomic(folder / f"{stem}.html", page.encode("utf-8"))
