"""Everything ``keidesign check`` reports, for one design or as columns for many."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from keidesign.analysis.clashes import Clash, Clashes, clashes
from keidesign.analysis.envelope import AXIS_NAMES, Fit, envelope, fit_box, protrusion
from keidesign.analysis.ground import GroundGeometry, ground_geometry
from keidesign.analysis.mass import INERTIA_ENTRIES, MassProperties, mass_properties
from keidesign.analysis.regulation import Regulation
from keidesign.analysis.turning import turning_circle
from keidesign.errors import ParameterError
from keidesign.layout.layout import Layout

__all__ = ["LimitCheck", "Violation", "LoadCaseResult", "PartRow", "Analysis", "analyse",
           "analyse_columns", "parts_table"]


@dataclass(frozen=True, slots=True)
class Violation:
    """A component that sticks out of the kei box.

    Attributes:
        component: the component's name.
        axis: ``"length"``, ``"width"`` or ``"height"``.
        excess_mm: how far it reaches past the box, mm.
    """

    component: str
    axis: str
    excess_mm: float


@dataclass(frozen=True, slots=True)
class LimitCheck:
    """A non-dimensional kei limit (displacement, seats, truck payload).

    Attributes:
        limit: ``"displacement"``, ``"occupants"`` or ``"payload"``.
        value: the design's figure.
        allowed: the most the regulation allows.
        unit: ``"cc"``, ``""`` or ``"kg"``.
    """

    limit: str
    value: float
    allowed: float
    unit: str

    @property
    def ok(self) -> bool:
        """Whether the design keeps to the limit."""
        return self.value <= self.allowed


@dataclass(frozen=True, slots=True)
class PartRow:
    """One component of one design: the parts table a designer reads and a CAD viewer can
    confirm (its volume and centroid are those of the component's solid in the STEP).

    Attributes:
        name: the component's name.
        category: ``"frame"``, ``"wheel"``, ``"powertrain"`` …
        material: its material's name.
        load: the load group that brings it (``"vehicle"``, ``"driver"``, ``"passenger"``,
            ``"payload"``).
        mass_kg: kg.
        volume_mm3: material volume, mm³.
        com_mm: centre of mass (the volume centroid), mm, vehicle axes.
        bbox_min_mm: exact bounding box, lowest corner, mm.
        bbox_max_mm: highest corner, mm.
        in_envelope: whether it counts toward the regulated size.
    """

    name: str
    category: str
    material: str
    load: str
    mass_kg: float
    volume_mm3: float
    com_mm: tuple[float, float, float]
    bbox_min_mm: tuple[float, float, float]
    bbox_max_mm: tuple[float, float, float]
    in_envelope: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, lists for vectors."""
        return {"name": self.name, "category": self.category, "material": self.material,
                "load": self.load, "mass_kg": self.mass_kg, "volume_mm3": self.volume_mm3,
                "com_mm": list(self.com_mm), "bbox_min_mm": list(self.bbox_min_mm),
                "bbox_max_mm": list(self.bbox_max_mm), "in_envelope": self.in_envelope}


def parts_table(layout: Layout, design: int = 0) -> tuple[PartRow, ...]:
    """The components of design ``design`` of ``layout``, in layout order."""
    mass = layout.mass_kg[design].tolist()
    volume = layout.volume_mm3[design].tolist()
    com = layout.centroid_mm[design].tolist()
    lo = layout.bbox_min_mm[design].tolist()
    hi = layout.bbox_max_mm[design].tolist()
    envelope = layout.in_envelope.tolist()
    return tuple(
        PartRow(name=comp.name, category=comp.category, material=comp.material.name,
                load=comp.load, mass_kg=mass[i], volume_mm3=volume[i], com_mm=tuple(com[i]),
                bbox_min_mm=tuple(lo[i]), bbox_max_mm=tuple(hi[i]), in_envelope=envelope[i])
        for i, comp in enumerate(layout.components))


@dataclass(frozen=True, slots=True)
class LoadCaseResult:
    """Mass properties of one design in one load case (see
    :class:`~keidesign.analysis.mass.MassProperties` for the meaning and units of each field)."""

    mass_kg: float
    com_mm: tuple[float, float, float]
    com_height_mm: float
    com_behind_front_axle_mm: float
    front_axle_share: float
    axle_loads_kg: tuple[float, float]
    corner_loads_kg: tuple[float, float, float, float]
    inertia_kg_m2: tuple[tuple[float, float, float], ...]
    ssf: float

    @classmethod
    def from_batch(cls, props: MassProperties, i: int = 0) -> LoadCaseResult:
        """Design ``i`` of a batch."""
        return cls(
            mass_kg=float(props.mass_kg[i]),
            com_mm=tuple(float(v) for v in props.com_mm[i]),
            com_height_mm=float(props.com_mm[i, 2]),
            com_behind_front_axle_mm=float(props.com_behind_front_axle_mm[i]),
            front_axle_share=float(props.front_axle_share[i]),
            axle_loads_kg=tuple(float(v) for v in props.axle_loads_kg[i]),
            corner_loads_kg=tuple(float(v) for v in props.corner_loads_kg[i]),
            inertia_kg_m2=tuple(tuple(float(v) for v in row) for row in props.inertia_kg_m2[i]),
            ssf=float(props.ssf[i]),
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, lists for vectors."""
        return {"mass_kg": self.mass_kg, "com_mm": list(self.com_mm),
                "com_height_mm": self.com_height_mm,
                "com_behind_front_axle_mm": self.com_behind_front_axle_mm,
                "front_axle_share": self.front_axle_share,
                "axle_loads_kg": list(self.axle_loads_kg),
                "corner_loads_kg": list(self.corner_loads_kg),
                "inertia_kg_m2": [list(r) for r in self.inertia_kg_m2], "ssf": self.ssf}


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole analysis of one design: what ``keidesign check`` prints.

    Attributes:
        concept: the concept's name.
        parameters: every parameter's value.
        regulation: the kei rules checked against.
        envelope_mm: overall ``length``, ``width``, ``height``, mm.
        margins_mm: limit minus envelope on each axis, mm (negative: limit broken).
        violations: components that stick out of the box, largest first on each axis.
        limit_checks: displacement, occupant and payload limits.
        limiting_components: per axis, the component that reaches furthest.
        wheelbase_mm: mm.
        load_cases: ``kerb``, ``driver``, ``crew``, ``full`` mass properties.
        components: the parts table (see :class:`PartRow`).
        turning: the turning circle at full lock (see
            :func:`~keidesign.analysis.turning.turning_circle`): ``radius_m`` (the catalogue's
            minimum turning radius), ``kerb_to_kerb_m``, ``wall_to_wall_m`` and the
            ``max_steer_deg`` they follow from; empty when the concept declares no steering
            angle.
        clashes: the pairs of parts that overlap, largest first (see
            :mod:`~keidesign.analysis.clashes`); a design with any does not pass.
        ground: per load case, ``ground_clearance_mm``, ``approach_deg``,
            ``departure_deg``, ``breakover_deg`` and the part limiting each
            (``clearance_part`` …; see :mod:`~keidesign.analysis.ground`).
        min_clearances: per watched pair (``engine-cage``, ``tyre-body``,
            ``exhaust-fuel_tank``, ``tyre_envelope-body``) the least clearance, mm, and the
            two parts it is between; pairs the vehicle does not have are left out.
    """

    concept: str
    parameters: Mapping[str, Any]
    regulation: Regulation
    envelope_mm: Mapping[str, float]
    margins_mm: Mapping[str, float]
    violations: tuple[Violation, ...]
    limit_checks: tuple[LimitCheck, ...]
    limiting_components: Mapping[str, str]
    wheelbase_mm: float
    load_cases: Mapping[str, LoadCaseResult] = field(default_factory=dict)
    components: tuple[PartRow, ...] = ()
    turning: Mapping[str, float] = field(default_factory=dict)
    clashes: tuple[Clash, ...] = ()
    ground: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    min_clearances: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def fits(self) -> bool:
        """Whether the design is a kei vehicle under :attr:`regulation`."""
        return not self.violations and all(c.ok for c in self.limit_checks) \
            and all(m >= 0 for m in self.margins_mm.values())

    @property
    def passes(self) -> bool:
        """Whether the design fits and nothing in it clashes: what ``check`` signs off."""
        return self.fits and not self.clashes

    def headline(self) -> dict[str, tuple[Any, str]]:
        """The figures a designer reads first, label → (value, unit): size, wheelbase, masses,
        balance, centre-of-mass height, ground geometry at kerb, turning radius, verdicts.
        Figures the design lacks (no steering lock: no turning radius) are left out."""
        kerb, driver = self.load_cases.get("kerb"), self.load_cases.get("driver")
        full = self.load_cases.get("full")
        ground = self.ground.get("kerb", {})
        rows: dict[str, tuple[Any, str]] = {
            "length": (self.envelope_mm["length"], "mm"),
            "width": (self.envelope_mm["width"], "mm"),
            "height": (self.envelope_mm["height"], "mm"),
            "wheelbase": (self.wheelbase_mm, "mm"),
        }
        if kerb is not None:
            rows["kerb mass"] = (kerb.mass_kg, "kg")
            rows["kerb CoM height"] = (kerb.com_height_mm, "mm")
        if driver is not None:
            rows["front axle share, driver"] = (100.0 * driver.front_axle_share, "%")
        if full is not None:
            rows["full-load mass"] = (full.mass_kg, "kg")
            rows["front axle share, full"] = (100.0 * full.front_axle_share, "%")
        for key, label, unit in (("ground_clearance_mm", "ground clearance", "mm"),
                                 ("approach_deg", "approach angle", "°"),
                                 ("departure_deg", "departure angle", "°"),
                                 ("breakover_deg", "breakover angle", "°")):
            if key in ground:
                rows[label] = (ground[key], unit)
        if "radius_m" in self.turning:
            rows["turning radius"] = (self.turning["radius_m"], "m")
        for axis in ("length", "width", "height"):
            rows[f"{axis} margin"] = (self.margins_mm[axis], "mm")
        rows["clashes"] = (len(self.clashes), "")
        rows["fits"] = (self.fits, "")
        rows["passes"] = (self.passes, "")
        return rows

    def as_dict(self) -> dict[str, Any]:
        """The ``check --json`` object."""
        return {
            "concept": self.concept,
            "parameters": dict(self.parameters),
            "regulation": self.regulation.as_dict(),
            "envelope_mm": dict(self.envelope_mm),
            "margins_mm": dict(self.margins_mm),
            "fits": self.fits,
            "passes": self.passes,
            "violations": [{"component": v.component, "axis": v.axis, "excess_mm": v.excess_mm}
                           for v in self.violations],
            "limit_checks": [{"limit": c.limit, "value": c.value, "allowed": c.allowed,
                              "unit": c.unit, "ok": c.ok} for c in self.limit_checks],
            "limiting_components": dict(self.limiting_components),
            "wheelbase_mm": self.wheelbase_mm,
            "load_cases": {k: v.as_dict() for k, v in self.load_cases.items()},
            "turning": dict(self.turning),
            "clashes": [c.as_dict() for c in self.clashes],
            "ground": {k: dict(v) for k, v in self.ground.items()},
            "min_clearances": {k: dict(v) for k, v in self.min_clearances.items()},
            "components": [row.as_dict() for row in self.components],
        }


def _limit_arrays(layout: Layout, reg: Regulation) -> dict[str, tuple[Any, float, str]]:
    facts = layout.facts
    seats = reg.max_truck_occupants if facts.is_truck else reg.max_occupants
    out: dict[str, tuple[Any, float, str]] = {
        "displacement": (facts.displacement_cc, reg.max_displacement_cc, "cc"),
        "occupants": (facts.seats, seats, ""),
    }
    if facts.is_truck:
        out["payload"] = (facts.rated_payload_kg, reg.max_truck_payload_kg, "kg")
    return out


def analyse(layout: Layout, parameters: Mapping[str, Any], reg: Regulation) -> Analysis:
    """Analyse the single design in ``layout`` (N must be 1)."""
    if layout.n_designs != 1:
        raise ParameterError(f"analyse() takes a layout of one design (got {layout.n_designs}); "
                             f"use analyse_columns() for many", name="layout",
                             value=layout.n_designs)
    env = envelope(layout)
    fit: Fit = fit_box(layout, env, reg)
    violations = []
    reach = protrusion(layout, fit)
    for a, axis in enumerate(AXIS_NAMES):
        if fit.margins_mm[0, a] >= 0:
            continue
        excess = reach[0, :, a]
        for i in np.argsort(-excess, kind="stable"):
            if excess[i] <= 0:
                break
            violations.append(Violation(layout.names[i], axis, float(excess[i])))
    checks = tuple(LimitCheck(name, float(value), float(allowed), unit)
                   for name, (value, allowed, unit) in _limit_arrays(layout, reg).items())
    props = mass_properties(layout)
    found = clashes(layout)
    ground = ground_geometry(layout, props)
    return Analysis(
        concept=layout.concept,
        parameters=dict(parameters),
        regulation=reg,
        envelope_mm={axis: float(env.size_mm[0, a]) for a, axis in enumerate(AXIS_NAMES)},
        margins_mm={axis: float(fit.margins_mm[0, a]) for a, axis in enumerate(AXIS_NAMES)},
        violations=tuple(violations),
        limit_checks=checks,
        limiting_components={axis: layout.names[fit.limiting[0, a]]
                             for a, axis in enumerate(AXIS_NAMES)},
        wheelbase_mm=float(layout.facts.wheelbase_mm),
        load_cases={k: LoadCaseResult.from_batch(v) for k, v in props.items()},
        components=parts_table(layout),
        turning={} if layout.facts.max_steer_deg is None else
        {k: float(v[0]) for k, v in _turning_columns(layout).items()},
        clashes=found.of_design(0),
        ground={case: {name: (float(v[0]) if v.dtype.kind == "f" else str(v[0]))
                       for name, v in _ground_figures(g).items()}
                for case, g in ground.items()},
        min_clearances={name: {"clearance_mm": float(found.clearance_mm[name][0]),
                               "between": str(found.closest[name][0])}
                        for name in found.clearance_mm
                        if np.isfinite(found.clearance_mm[name][0])},
    )


def _turning_columns(layout: Layout) -> dict[str, np.ndarray]:
    turn = turning_circle(layout)
    steer = layout.facts.max_steer_deg
    return {"radius_m": turn.radius_m, "kerb_to_kerb_m": turn.kerb_to_kerb_m,
            "wall_to_wall_m": turn.wall_to_wall_m,
            "max_steer_deg": np.broadcast_to(np.asarray(np.nan if steer is None else steer,
                                                        dtype=float), turn.radius_m.shape)}


def analyse_columns(layout: Layout, reg: Regulation) -> dict[str, np.ndarray]:
    """Every figure of :func:`analyse` for N designs, flattened into (N,) columns.

    Column names: ``envelope.length_mm``, ``margin.width_mm``, ``limiting.height`` (component
    name), ``fits``, ``fits_box``, ``<limit>_ok``, and per load case ``kerb.mass_kg``,
    ``kerb.com_x_mm`` … ``kerb.com_z_mm``, ``kerb.com_height_mm``,
    ``kerb.com_behind_front_axle_mm``, ``kerb.front_axle_share``, ``kerb.front_axle_kg``,
    ``kerb.rear_axle_kg``, ``kerb.corner_fl_kg`` … ``kerb.corner_rr_kg``, ``kerb.ixx_kg_m2`` …
    ``kerb.iyz_kg_m2`` and ``kerb.ssf``; ``turning.radius_m``, ``turning.kerb_to_kerb_m``,
    ``turning.wall_to_wall_m`` and ``turning.max_steer_deg`` (NaN when the concept declares
    no steering angle); ``clashes.count``, ``clashes.overlap_mm3`` (summed), the watched
    clearances ``clearance.engine_cage_mm``, ``clearance.tyre_body_mm``,
    ``clearance.exhaust_fuel_tank_mm``, ``clearance.tyre_envelope_body_mm`` (NaN where the
    vehicle has no such pair) and ``passes`` (fits and clashes nothing); per load case
    ``kerb.ground_clearance_mm``, ``kerb.approach_deg``, ``kerb.departure_deg``,
    ``kerb.breakover_deg`` and the limiting parts ``kerb.clearance_part`` …, and the worst
    load case's ``ground.clearance_mm``, ``ground.approach_deg``, ``ground.departure_deg``,
    ``ground.breakover_deg``.

    Text columns (the limiting and ground parts) are object arrays of the layout's name
    strings, shared by every design they name (a fixed-width copy per design would cost a
    sweep more than its arithmetic).
    """
    n = layout.n_designs
    env = envelope(layout)
    fit = fit_box(layout, env, reg)
    names = np.array(layout.names, dtype=object)   # text columns: the layout's own strings
    cols: dict[str, np.ndarray] = {}
    for a, axis in enumerate(AXIS_NAMES):
        cols[f"envelope.{axis}_mm"] = env.size_mm[:, a]
    for a, axis in enumerate(AXIS_NAMES):
        cols[f"margin.{axis}_mm"] = fit.margins_mm[:, a]
    for a, axis in enumerate(AXIS_NAMES):
        cols[f"limiting.{axis}"] = names[fit.limiting[:, a]]
    fits = fit.fits_box.copy()
    cols["fits_box"] = fit.fits_box
    for name, (value, allowed, _unit) in _limit_arrays(layout, reg).items():
        ok = np.broadcast_to(np.asarray(value) <= allowed, (n,))
        cols[f"{name}_ok"] = ok
        fits &= ok
    cols["fits"] = fits
    props = mass_properties(layout)
    for case, p in props.items():
        cols[f"{case}.mass_kg"] = p.mass_kg
        for a, ax in enumerate("xyz"):
            cols[f"{case}.com_{ax}_mm"] = p.com_mm[:, a]
        cols[f"{case}.com_height_mm"] = p.com_mm[:, 2]
        cols[f"{case}.com_behind_front_axle_mm"] = p.com_behind_front_axle_mm
        cols[f"{case}.front_axle_share"] = p.front_axle_share
        cols[f"{case}.front_axle_kg"] = p.axle_loads_kg[:, 0]
        cols[f"{case}.rear_axle_kg"] = p.axle_loads_kg[:, 1]
        for k, corner in enumerate(("fl", "fr", "rl", "rr")):
            cols[f"{case}.corner_{corner}_kg"] = p.corner_loads_kg[:, k]
        for label, (i, j) in INERTIA_ENTRIES.items():
            cols[f"{case}.i{label}_kg_m2"] = p.inertia_kg_m2[:, i, j]
        cols[f"{case}.ssf"] = p.ssf
    for name, values in _turning_columns(layout).items():
        cols[f"turning.{name}"] = values
    cols.update(_clash_columns(clashes(layout)))
    cols.update(_ground_columns(ground_geometry(layout, props)))
    cols["passes"] = fits & (cols["clashes.count"] == 0)
    return cols


_GROUND_FIGURES = ("ground_clearance_mm", "approach_deg", "departure_deg", "breakover_deg",
                   "clearance_part", "approach_part", "departure_part", "breakover_part")


def _ground_figures(g: GroundGeometry) -> dict[str, np.ndarray]:
    return {name: getattr(g, name) for name in _GROUND_FIGURES}


def _ground_columns(ground: Mapping[str, GroundGeometry]) -> dict[str, np.ndarray]:
    """Per load case ``{case}.ground_clearance_mm`` … ``{case}.breakover_part``, and
    ``ground.*``: the worst load case's figures (least clearance and angles)."""
    cols: dict[str, np.ndarray] = {}
    for case, g in ground.items():
        for name, values in _ground_figures(g).items():
            cols[f"{case}.{name}"] = values
    cases = list(ground.values())
    for name in ("ground_clearance_mm", "approach_deg", "departure_deg", "breakover_deg"):
        short = "clearance_mm" if name == "ground_clearance_mm" else name
        cols[f"ground.{short}"] = np.min([getattr(g, name) for g in cases], axis=0)
    return cols


def _clash_columns(found: Clashes) -> dict[str, np.ndarray]:
    cols = {"clashes.count": found.count, "clashes.overlap_mm3": found.total_mm3}
    for name, values in found.clearance_mm.items():
        cols[f"clearance.{name.replace('-', '_')}_mm"] = values
    return cols
