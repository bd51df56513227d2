"""Export a design: build it once, write STEP, STL, GLB, the JSON report, the drawing (SVG,
PNG), the shaded preview, the HTML report and the Chrono chassis, time each stage.

The pipeline, each stage run only when a requested format needs it::

    layout → solids → assembly → STEP
                    → tessellation → STL
                                   → GLB
    layout → solids → tessellation → preview PNG
    layout → analysis → JSON
                      → drawing → SVG, PNG
                                → HTML report (with the preview)
    layout → Chrono chassis JSON

Identical parts share one solid (see :class:`~keidesign.geometry.assembly.CadModel`): each
distinct solid is built once, written once into the STEP file, and tessellated once; the STL
and the GLB share the meshes. Files are named after the concept
(``<out_dir>/<concept.name>.step`` …) and each is written atomically.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keidesign.analysis.regulation import CURRENT_ERA, regulation
from keidesign.analysis.report import analyse
from keidesign.errors import ExportError, ParameterError
from keidesign.export.atomic import remove_stale_temps, write_bytes_atomic
from keidesign.export.names import file_stem
from keidesign.parameters.spec import did_you_mean, quote

if TYPE_CHECKING:
    from keidesign.concepts.base import Concept
    from keidesign.geometry.assembly import CadModel
    from keidesign.layout.layout import Layout

__all__ = ["FORMATS", "STAGES", "ExportResult", "check_formats", "export_design",
           "export_design_timed", "export_layout"]

#: Every format :func:`export_design` writes, in the order it writes them.
FORMATS: tuple[str, ...] = ("step", "stl", "glb", "preview", "json", "svg", "png", "html",
                            "chrono")

#: Format → the file's suffix after the stem (``.<format>`` otherwise).
SUFFIXES: dict[str, str] = {"chrono": ".chrono.json", "preview": ".preview.png"}

#: Stages :attr:`ExportResult.timings_s` may hold, in pipeline order.
STAGES: tuple[str, ...] = ("layout", "imports", "solids", "assembly", "step", "tessellate",
                           "stl", "glb", "preview", "analysis", "json", "drawing", "svg", "png",
                           "html", "chrono")

logger = logging.getLogger("keidesign")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export_design_timed` wrote and how long each stage took.

    Attributes:
        paths: format → file written, in the order of :data:`FORMATS`.
        timings_s: stage → wall-clock seconds, for the stages that ran, in pipeline order:
            ``layout`` (placing components), ``imports`` (loading CadQuery, OCP and trimesh
            on the first CAD export of a process), ``solids`` (CadQuery solids), ``assembly``,
            ``step``, ``tessellate`` (meshing each distinct solid once), ``stl``, ``glb``,
            ``preview`` (the shaded image), ``analysis`` (mass properties and kei fit),
            ``json``, ``drawing`` (the three views), ``svg``, ``png``, ``html`` and
            ``chrono``; ``total`` is the whole call.
    """

    paths: dict[str, Path]
    timings_s: dict[str, float]


def export_design(concept: Concept, out_dir: str | os.PathLike[str],
                  formats: Sequence[str] = FORMATS, era: int = CURRENT_ERA,
                  name: str | None = None) -> dict[str, Path]:
    """Build ``concept`` and write the requested formats into ``out_dir``.

    Args:
        concept: the design (a concept instance: its parameters).
        out_dir: the design's folder (e.g. ``exports/cab-over-truck/``); created if missing.
        formats: any of :data:`FORMATS` (case-insensitive): ``"svg"`` and ``"png"`` are the
            three-view drawing, ``"preview"`` the shaded image (``<name>.preview.png``),
            ``"html"`` the design report, ``"chrono"`` the Chrono::Vehicle chassis
            (``<name>.chrono.json``).
        era: the kei rules the JSON report checks against.
        name: the files' stem and the assembly's name; the concept's name by default (give
            variants their own, e.g. ``"cab-over-truck-rear-engine"``).

    Returns:
        format → path written (``<out_dir>/<name>.<format>``).

    Raises:
        ParameterError: an unknown or empty ``formats``, or an unknown ``era``.
        GeometryError: a part's solid or mesh could not be built.
        ExportError: a file could not be written; no partial file is left.
    """
    return export_design_timed(concept, out_dir, formats=formats, era=era, name=name).paths


def export_design_timed(concept: Concept, out_dir: str | os.PathLike[str],
                        formats: Sequence[str] = FORMATS,
                        era: int = CURRENT_ERA, name: str | None = None) -> ExportResult:
    """:func:`export_design`, also returning the time each stage took (for ``bench/``).

    Returns:
        The paths written and the stage timings.

    Raises:
        ParameterError, GeometryError, ExportError: as :func:`export_design`.
    """
    wanted = check_formats(formats)  # before any work, as the era is
    regulation(era)
    start = time.perf_counter()
    layout = concept.layout()
    return _export(layout, concept.parameters(), out_dir, wanted, era, name, model=None,
                   timings={"layout": time.perf_counter() - start}, start=start,
                   concept_class=type(concept))


def export_layout(layout: Layout, parameters: Mapping[str, Any],
                  out_dir: str | os.PathLike[str], formats: Sequence[str] = FORMATS,
                  era: int = CURRENT_ERA, name: str | None = None,
                  model: CadModel | None = None,
                  concept_class: type[Concept] | None = None) -> dict[str, Path]:
    """:func:`export_design` for a design already laid out, and perhaps already built.

    For callers that hold the layout and the solids anyway (a CAD sweep point): nothing is
    laid out or built twice.

    Args:
        layout: the design's layout (one design).
        parameters: its parameters, for the JSON report.
        out_dir: the design's folder; created if missing.
        formats: any of :data:`FORMATS`.
        era: the kei rules the JSON report checks against.
        name: the files' stem; the concept's name by default.
        model: the design's solids from :func:`~keidesign.geometry.assembly.cad_model`;
            built here if ``None``.
        concept_class: the design's concept, for the HTML report's parameter table (its
            units and ranges) and a preset's published figures; needed for ``"html"``.

    Returns:
        format → path written.

    Raises:
        ParameterError, GeometryError, ExportError: as :func:`export_design`.
    """
    return _export(layout, parameters, out_dir, check_formats(formats), era, name,
                   model=model, timings={}, start=time.perf_counter(),
                   concept_class=concept_class).paths


def _export(layout: Layout, parameters: Mapping[str, Any], out_dir: str | os.PathLike[str],
            wanted: set[str], era: int, name: str | None,
            model: CadModel | None, timings: dict[str, float],
            start: float, concept_class: type[Concept] | None = None) -> ExportResult:
    """The body of both exports: ``wanted`` formats checked, ``timings`` so far, ``start``
    the caller's clock (``total`` runs from it)."""
    reg = regulation(era)
    if "html" in wanted and concept_class is None:
        raise ParameterError("the 'html' report needs the design's concept (its parameters' "
                             "units): pass concept_class", name="formats", value="html")
    stem = file_stem(layout.concept, name)

    @contextmanager
    def stage(label: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        timings[label] = time.perf_counter() - t0
        logger.debug("%s: %s took %.3f s", layout.concept, label, timings[label])

    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create the export folder {folder}: {err}") from err
    # What a build killed with SIGKILL left; writers at work elsewhere hold locks and stay.
    remove_stale_temps(folder)
    target = {fmt: folder / f"{stem}{SUFFIXES.get(fmt, '.' + fmt)}" for fmt in wanted}
    paths: dict[str, Path] = {}

    if wanted & {"step", "stl", "glb", "preview", "html"}:
        with stage("imports"):
            # The CAD kernel is imported only when CAD output is asked for (once per process;
            # later calls find it in sys.modules).
            from keidesign.export.glb import write_glb
            from keidesign.export.mesh import tessellate
            from keidesign.export.step import write_step
            from keidesign.export.stl import write_stl
            from keidesign.geometry.assembly import build_assembly, cad_model

        if model is None:
            with stage("solids"):
                model = cad_model(layout)
        if "step" in wanted:
            with stage("assembly"):
                assembly = build_assembly(layout, model, name=stem)
            with stage("step"):
                paths["step"] = write_step(assembly, target["step"])
        if wanted & {"stl", "glb"}:
            with stage("tessellate"):
                # Each distinct solid once: four wheels cost one wheel.
                meshes = tessellate(model)
            if "stl" in wanted:
                with stage("stl"):
                    paths["stl"] = write_stl(meshes, target["stl"])
            if "glb" in wanted:
                with stage("glb"):
                    colours = {c.name: c.colour for c in layout.components}
                    paths["glb"] = write_glb(meshes, colours, target["glb"], name=stem)
        if wanted & {"preview", "html"}:
            from keidesign.export.preview import render_preview

            with stage("preview"):
                preview = render_preview(layout, model)
            if "preview" in wanted:
                paths["preview"] = write_bytes_atomic(target["preview"], preview)
    if wanted & {"json", "svg", "png", "html"}:
        with stage("analysis"):
            result = analyse(layout, parameters, reg)
    if "json" in wanted:
        from keidesign.export.report import write_report

        with stage("json"):
            paths["json"] = write_report(result.as_dict(), target["json"])
    if wanted & {"svg", "png", "html"}:
        from keidesign.drawing import three_view

        with stage("drawing"):
            sheet = three_view(layout, result)
            svg = sheet.svg() if wanted & {"svg", "html"} else None   # the PNG draws itself
        if "svg" in wanted:
            with stage("svg"):
                paths["svg"] = write_bytes_atomic(target["svg"], svg.encode("utf-8"))
        if "png" in wanted:
            with stage("png"):
                paths["png"] = sheet.write(target["png"])
    if "html" in wanted:
        from keidesign.export.html import report_for

        with stage("html"):
            page = report_for(concept_class, result, drawing_svg=svg, preview_png=preview)
            paths["html"] = write_bytes_atomic(target["html"], page.encode("utf-8"))
    if "chrono" in wanted:
        from keidesign.export.chrono import write_chrono

        with stage("chrono"):
            paths["chrono"] = write_chrono(layout, target["chrono"], name=stem)

    timings["total"] = time.perf_counter() - start
    logger.info("%s: wrote %s in %.2f s (%s)", layout.concept,
                ", ".join(str(p) for p in paths.values()), timings["total"],
                ", ".join(f"{k} {v:.2f} s" for k, v in timings.items() if k != "total"))
    return ExportResult(paths=paths, timings_s=timings)


def check_formats(formats: Any, parameter: str = "formats") -> set[str]:
    """The set of format names in ``formats`` (case-insensitive), checked against :data:`FORMATS`.

    Args:
        formats: a sequence of format names.
        parameter: the parameter's name in error messages (``"exports"`` for a sweep).

    Raises:
        ParameterError: ``formats`` is a string, not a sequence, empty, or names an unknown
            format (with a did-you-mean).
    """
    allowed = ", ".join(repr(f) for f in FORMATS)
    if isinstance(formats, str):
        raise ParameterError(f"{parameter!r} must be a sequence of format names from {allowed} "
                             f"(got the string {quote(formats)}; use ({quote(formats)},))",
                             name=parameter, value=formats)
    try:
        names = list(formats)
    except TypeError:
        raise ParameterError(f"{parameter!r} must be a sequence of format names from {allowed} "
                             f"(got {quote(formats)})", name=parameter, value=formats) from None
    if not names:
        raise ParameterError(f"{parameter!r} must name at least one of {allowed} "
                             f"(got {quote(formats)})", name=parameter, value=formats)
    wanted = set()
    for name in names:
        key = name.lower() if isinstance(name, str) else name
        if key not in FORMATS:
            hint = did_you_mean(key, FORMATS) if isinstance(key, str) else ""
            raise ParameterError(f"{parameter!r} must each be one of {allowed} (got "
                                 f"{quote(name)}{hint})", name=parameter, value=name)
        wanted.add(key)
    return wanted
