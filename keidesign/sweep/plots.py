"""Plots of a sweep's table (PNG, matplotlib's Agg canvas, written atomically).

- For each varied parameter, one figure with a panel per output of interest: every point that
  evaluated, coloured by whether it fits the kei box, and the feasible region shaded (for each
  value of the parameter, the band of outputs reached by designs that fit).
- For two varied numeric parameters, a contour map of a chosen output over them, with the box
  boundary (where ``fits`` changes) drawn and the side that does not fit hatched; designs that
  are not valid (their row's ``error`` says why) are left blank.

Parameters are labelled with their unit (``track_rear (mm)``); outputs by their column name,
which carries its unit (``full.com_height_mm``) and is what ``--objective`` and ``--where`` take.

Figures are built on :class:`matplotlib.figure.Figure` with an Agg canvas, not ``pyplot``, so
plotting touches no global state and needs no display.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from keidesign.export.atomic import atomic_write, remove_stale_temps
from keidesign.sweep.spec import SweepSpec

__all__ = ["DEFAULT_OUTPUTS", "MAX_PANELS", "plot_columns", "plot_sweep", "plot_outputs",
           "plot_contour"]

logger = logging.getLogger("keidesign")

#: Outputs plotted when none are asked for.
DEFAULT_OUTPUTS: tuple[str, ...] = ("full.front_axle_share", "full.com_height_mm", "full.ssf",
                                    "full.mass_kg", "margin.length_mm", "margin.width_mm",
                                    "margin.height_mm", "ground.approach_deg",
                                    "clashes.overlap_mm3")
_FIT_COLOUR, _MISS_COLOUR, _BAND_COLOUR = "#2a9d8f", "#b0b0b0", "#2a9d8f"
#: Most output panels per figure.
MAX_PANELS = 9
_BINS = 24  # bins along a sampled (random / LHS) range for the feasible band


def _save(fig: Figure, path: Path) -> Path:
    FigureCanvasAgg(fig)
    with atomic_write(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    return path


_HATCH = "////"


def _axis_label(name: str, units: Mapping[str, str]) -> str:
    """A column's axis label: a parameter with its unit, an output by its column name."""
    unit = units.get(name, "")
    return f"{name} ({unit})" if unit else name


def _fits(table: pd.DataFrame) -> np.ndarray:
    return table["fits"].fillna(False).to_numpy(dtype=bool)


def _positions(values: pd.Series) -> tuple[np.ndarray, list[str] | None]:
    """x positions of a parameter's values, and tick labels for a choice."""
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.to_numpy(dtype=float), None
    codes, labels = pd.factorize(values, sort=True)
    return codes.astype(float), [str(v) for v in labels]


def _band(x: np.ndarray, y: np.ndarray, feasible: np.ndarray,
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each distinct x (or bin of x), the lowest and highest y of the feasible points."""
    ok = feasible & np.isfinite(y)
    if not ok.any():
        return np.empty(0), np.empty(0), np.empty(0)
    xs = np.unique(x[np.isfinite(x)])
    if len(xs) > _BINS:  # sampled: bin the range
        edges = np.linspace(xs[0], xs[-1], _BINS + 1)
        which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, _BINS - 1)
        centres = 0.5 * (edges[:-1] + edges[1:])
    else:
        which = np.searchsorted(xs, x)
        centres = xs
    lo = np.full(len(centres), np.nan)
    hi = np.full(len(centres), np.nan)
    for k in range(len(centres)):
        sel = ok & (which == k)
        if sel.any():
            lo[k], hi[k] = y[sel].min(), y[sel].max()
    return centres, lo, hi


def plot_outputs(table: pd.DataFrame, parameter: str, outputs: Sequence[str],
                 path: str | Path, title: str = "", units: Mapping[str, str] | None = None,
                 ) -> Path:
    """One panel per output against ``parameter``, fitting points coloured, feasible band
    shaded.

    Args:
        table: the sweep's table.
        parameter: the varied parameter on the x axis.
        outputs: the output columns, a panel each.
        path: the PNG to write.
        title: the figure's title.
        units: parameter name → unit, for the axis labels.

    Returns:
        The PNG written.
    """
    ok = (table["status"] == "ok").to_numpy(dtype=bool)
    rows = table[ok]
    feasible = _fits(rows)
    x, ticks = _positions(rows[parameter])
    ncols = min(3, len(outputs))
    nrows = math.ceil(len(outputs) / ncols)
    fig = Figure(figsize=(4.2 * ncols, 3.3 * nrows), layout="constrained")
    for k, name in enumerate(outputs):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        y = rows[name].to_numpy(dtype=float, na_value=np.nan)
        centres, lo, hi = _band(x, y, feasible)
        if len(centres):
            ax.fill_between(centres, lo, hi, color=_BAND_COLOUR, alpha=0.18, linewidth=0,
                            step="mid" if ticks is not None else None,
                            label="feasible (fits the box)")
        ax.scatter(x[~feasible], y[~feasible], s=6, color=_MISS_COLOUR, label="does not fit")
        ax.scatter(x[feasible], y[feasible], s=6, color=_FIT_COLOUR, label="fits")
        ax.set_xlabel(_axis_label(parameter, units or {}))
        ax.set_ylabel(name)
        if ticks is not None:
            ax.set_xticks(range(len(ticks)), ticks)
        ax.grid(alpha=0.3)
        if k == 0:
            ax.legend(fontsize="x-small", loc="best")
    if title:
        fig.suptitle(title)
    return _save(fig, Path(path))


def plot_contour(table: pd.DataFrame, x_name: str, y_name: str, output: str,
                 path: str | Path, title: str = "", units: Mapping[str, str] | None = None,
                 ) -> Path:
    """A filled contour map of ``output`` over two numeric parameters, the box boundary
    (``fits`` = 0.5) drawn as a black line and the side that does not fit hatched.

    Grids are drawn on their grid; sampled points by triangulation. Points that failed (not
    valid designs) leave their part of a grid blank.

    Args:
        table: the sweep's table.
        x_name: the parameter along x.
        y_name: the parameter along y.
        output: the output column to map.
        path: the PNG to write.
        title: the figure's title.
        units: parameter name → unit, for the axis labels.

    Returns:
        The PNG written.

    Raises:
        ValueError: fewer than three points evaluated.
    """
    rows = table[(table["status"] == "ok").to_numpy(dtype=bool)]
    x = rows[x_name].to_numpy(dtype=float)
    y = rows[y_name].to_numpy(dtype=float)
    z = rows[output].to_numpy(dtype=float, na_value=np.nan)
    fit = _fits(rows).astype(float)
    fig = Figure(figsize=(6.4, 5.0), layout="constrained")
    ax = fig.add_subplot()
    xs, ys = np.unique(x), np.unique(y)
    if len(xs) >= 2 and len(ys) >= 2 and len(xs) * len(ys) <= 4 * len(x):
        # On a grid (failed points and other varied parameters leave NaN / take the mean).
        zi = np.full((len(ys), len(xs)), np.nan)
        fi = np.full((len(ys), len(xs)), np.nan)
        frame = pd.DataFrame({"i": np.searchsorted(xs, x), "j": np.searchsorted(ys, y),
                              "z": z, "f": fit}).groupby(["j", "i"]).mean()
        j, i = (frame.index.get_level_values(k).to_numpy() for k in ("j", "i"))
        zi[j, i] = frame["z"].to_numpy()
        fi[j, i] = frame["f"].to_numpy()
        filled = ax.contourf(xs, ys, np.ma.masked_invalid(zi), levels=14, cmap="viridis")
        fits_map = np.ma.masked_invalid(fi)
        draw = ((ax.contourf, ax.contour), (xs, ys, fits_map))
        blank = bool(np.isnan(zi).any()) or len(rows) < len(table)
    elif len(x) >= 3:
        finite = np.isfinite(z)
        filled = ax.tricontourf(x[finite], y[finite], z[finite], levels=14, cmap="viridis")
        draw = ((ax.tricontourf, ax.tricontour), (x, y, fit))
        blank = False
    else:
        raise ValueError("a contour map needs at least three points that evaluated")
    fig.colorbar(filled, ax=ax, label=output)
    handles = []
    (fill_fn, line_fn), grid = draw
    if 0.0 < np.nanmean(fit) < 1.0:
        fill_fn(*grid, levels=[-0.5, 0.5], colors="none", hatches=[_HATCH])
        line_fn(*grid, levels=[0.5], colors="black", linewidths=1.6)
        handles += [Line2D([], [], color="black", label="kei box boundary"),
                    Patch(facecolor="none", edgecolor="black", hatch=_HATCH,
                          label="does not fit")]
    elif not fit.any():
        handles.append(Patch(facecolor="none", edgecolor="black", label="no design fits"))
    if blank:
        handles.append(Patch(facecolor="white", edgecolor="0.6",
                             label="blank: not a valid design (see its error)"))
    if handles:
        ax.legend(handles=handles, fontsize="x-small", loc="upper right", framealpha=0.9)
    ax.set_xlabel(_axis_label(x_name, units or {}))
    ax.set_ylabel(_axis_label(y_name, units or {}))
    if title:
        fig.suptitle(title)
    return _save(fig, Path(path))


def plot_columns(spec: SweepSpec, outputs: Sequence[str] = ()) -> list[str]:
    """The columns :func:`plot_sweep` reads of a sweep's table (read only these of a big one)."""
    from keidesign.sweep.runner import table_columns

    kinds = table_columns(spec)
    wanted = [*spec.varied_names, "era", "status", "fits", *outputs, *DEFAULT_OUTPUTS]
    return [name for name in dict.fromkeys(wanted) if name in kinds]


def plot_sweep(table: pd.DataFrame, spec: SweepSpec, out_dir: str | Path,
               outputs: Sequence[str] = (), contour_output: str | None = None) -> list[Path]:
    """Every plot of a sweep into ``out_dir`` (created).

    Args:
        table: the sweep's table.
        spec: the sweep.
        out_dir: folder for the PNGs.
        outputs: outputs of interest, plotted first, then :data:`DEFAULT_OUTPUTS`, up to
            :data:`MAX_PANELS` panels; names not in the table or not numeric are skipped.
        contour_output: the output of the contour map (default the first of ``outputs``).

    Returns:
        The PNGs written: ``<parameter>.png`` per varied parameter, and
        ``contour_<output>.png`` for two varied numeric parameters. With several eras only
        the first era is plotted.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)  # a plot a killed run was writing
    names = [n for n in dict.fromkeys([*outputs, *DEFAULT_OUTPUTS])
             if n in table.columns and pd.api.types.is_float_dtype(table[n].dtype)][:MAX_PANELS]
    rows = table[table["era"] == spec.eras[0]]
    if not (rows["status"] == "ok").any():
        logger.warning("no point of the sweep evaluated; nothing to plot")
        return []
    era = f" (kei rules of {spec.eras[0]})"
    units = {name: p.unit for name, p in spec.concept_class.specs().items()}
    written = [plot_outputs(rows, p, names, out / f"{p}.png", title=f"{spec.concept_name}{era}",
                            units=units)
               for p in spec.varied_names]
    numeric = [p for p in spec.varied_names if pd.api.types.is_numeric_dtype(rows[p].dtype)
               and rows[p].nunique() > 1]
    if len(spec.varied_names) == 2 and len(numeric) == 2:
        output = contour_output if contour_output in table.columns else names[0]
        try:
            written.append(plot_contour(rows, numeric[0], numeric[1], output,
                                        out / f"contour_{output}.png",
                                        title=f"{spec.concept_name}{era}", units=units))
        except ValueError as err:
            logger.warning("no contour map: %s", err)
    return written
