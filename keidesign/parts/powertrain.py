"""Kei engines and their gearboxes: a small catalogue with sources, and their parts.

An engine is defined in its own frame: crankshaft along y through the origin, the gearbox at
one end; :func:`powertrain` mounts it transverse (as defined) or longitudinal (a quarter-turn
about the vertical).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import Component
from keidesign.parameters.spec import did_you_mean
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Placement, Prism, Revolution
from keidesign.shapes.arrays import Scalar

__all__ = ["Engine", "ENGINES", "engine", "catalogue_figure", "installed_mass_kg", "powertrain",
           "ANCILLARIES_KG", "TURBO_KG"]

#: Mass an engine gains from its dry figure once installed: oil (3 kg), coolant in the block
#: (2 kg), alternator (4 kg), starter (2.5 kg), manifolds and catalyst (4 kg) — estimates.
ANCILLARIES_KG = 15.5
#: Turbocharger, intercooler and their pipes (estimate).
TURBO_KG = 7.0


@dataclass(frozen=True, slots=True)
class Engine:
    """A kei engine.

    Attributes:
        code: the maker's engine code (``"KF"``).
        maker: who builds it.
        displacement_cc: cm³.
        cylinders: how many, in line.
        bore_mm: mm.
        stroke_mm: mm.
        dry_mass_kg: the bare engine, dry, kg.
        mass_source: where ``dry_mass_kg`` comes from, or ``"estimate: …"`` and why.
        length_mm: the block's rough size along the crankshaft, mm (estimate from the bore
            pitch).
        width_mm: across the crankshaft, manifolds included, mm (estimate).
        height_mm: sump to cam cover, mm (estimate from the stroke and valvetrain).
        used_in: vehicles it powers.
    """

    code: str
    maker: str
    displacement_cc: float
    cylinders: int
    bore_mm: float
    stroke_mm: float
    dry_mass_kg: float
    mass_source: str
    length_mm: float
    width_mm: float
    height_mm: float
    used_in: str

    def installed_mass_kg(self, turbo: bool = False) -> float:
        """Dry mass plus :data:`ANCILLARIES_KG` (and :data:`TURBO_KG` with a turbo), kg."""
        return float(installed_mass_kg(self, turbo))


_EST = "estimate: not published; "
#: The catalogue, by code. Displacements, bores and strokes are the makers' published figures.
ENGINES: dict[str, Engine] = {e.code: e for e in (
    Engine("KF", "Daihatsu", 658, 3, 63.0, 70.4, 47.0,
           "Daihatsu (JA Wikipedia ダイハツ・KF型エンジン: 47 kg, engine alone, dry, 2011)",
           390, 440, 520, "Hijet Truck S500P, Copen LA400K, Mira, Move"),
    Engine("EF", "Daihatsu", 659, 3, 68.0, 60.5, 59.0,
           "Daihatsu via en.wikipedia Daihatsu K-series engine (EF 59 kg against KF 47 kg)",
           410, 450, 560, "Hijet S200P, Mira L500"),
    Engine("JB", "Daihatsu", 659, 4, 61.0, 56.4, 62.0,
           _EST + "aluminium-head four, between the EF (59 kg) and a four's extra cylinder",
           420, 450, 560, "Copen L880K (JB-DET)"),
    Engine("K6A", "Suzuki", 658, 3, 68.0, 60.4, 55.0,
           _EST + "all-aluminium DOHC three, between the KF (47 kg) and the iron-block F6A",
           400, 450, 560, "Jimny JB23, Carry DA63T, Cappuccino EA21R, Alto Works"),
    Engine("F6A", "Suzuki", 657, 3, 65.0, 66.0, 73.0,
           "about 80 kg as a turbo, iron block (yamamotosinya.livedoor.blog/archives/"
           "52132868; unsure), less the turbo's TURBO_KG (a turbocharged installation adds "
           "it back)", 400, 460, 580, "Cappuccino EA11R, Carry DA52T, Jimny JA22"),
    Engine("R06A", "Suzuki", 658, 3, 64.0, 68.2, 50.0,
           _EST + "lighter successor of the K6A (aluminium block, resin parts)",
           390, 440, 560, "Carry DA16T, Jimny JB64, Alto"),
    Engine("E07A", "Honda", 656, 3, 66.0, 64.0, 62.0,
           _EST + "SOHC three of 1988, aluminium block, heavier than the later S07A",
           400, 450, 540, "Beat PP1 (MTREC), Acty HA3/HA4 (E07Z in the HA8)"),
    Engine("S07A", "Honda", 658, 3, 64.0, 68.2, 50.0,
           _EST + "Honda: about 15 % lighter than the P07A it replaced",
           380, 440, 560, "S660 JW5 (turbo), N-Box, N-One"),
    Engine("EN07", "Subaru", 658, 4, 56.0, 66.8, 65.0,
           _EST + "SOHC four, one cylinder more than its rivals",
           430, 450, 540, "Sambar TT1/TT2, Vivio, R2"),
    Engine("K15B", "Suzuki", 1462, 4, 74.0, 85.0, 85.0,
           _EST + "1.5 L aluminium four; not a kei engine (Jimny Sierra, the counter-example)",
           470, 520, 620, "Jimny Sierra JB74"),
    Engine("EK31", "Fuji Heavy Industries", 356, 2, 61.5, 60.0, 35.0,
           _EST + "air-cooled two-stroke twin (no valvetrain, no water jacket), iron "
           "cylinders on an aluminium crankcase; its installed mass is the concept's",
           300, 420, 430, "Subaru 360 K111 (1958)"),
)}


def engine(code: str | Engine) -> Engine:
    """An engine of the catalogue by code (or the engine itself).

    Raises:
        ParameterError: no such code.
    """
    if isinstance(code, Engine):
        return code
    try:
        return ENGINES[code]
    except (KeyError, TypeError):
        raise ParameterError(f"'engine' must be one of {', '.join(map(repr, ENGINES))} "
                             f"(got {code!r:.200}){did_you_mean(str(code), ENGINES)}",
                             name="engine", value=code) from None


def _block_profile(width: Scalar, height: Scalar) -> list[tuple[Scalar, Scalar]]:
    """The engine seen along its crankshaft, (x, z) vertices about the crank centre: sump,
    crankcase, block, head and cam cover."""
    w, h = width, height
    return [(-0.28 * w, -0.30 * h), (0.20 * w, -0.30 * h), (0.36 * w, -0.12 * h),
            (0.34 * w, 0.42 * h), (0.20 * w, 0.70 * h), (-0.20 * w, 0.70 * h),
            (-0.36 * w, 0.42 * h), (-0.36 * w, -0.12 * h)]


def catalogue_figure(code: Any, field: str) -> Any:
    """A figure of the catalogue (an :class:`Engine` field: ``"displacement_cc"``,
    ``"dry_mass_kg"`` …) for one engine code, or (N,) figures for an array of codes.

    Raises:
        ParameterError: a code is not in the catalogue.
    """
    if isinstance(code, (str, Engine)):
        return getattr(engine(code), field)
    codes = np.asarray(code)
    unknown = set(codes.ravel().tolist()) - set(ENGINES)
    if unknown:
        engine(sorted(unknown)[0])  # raises, naming it
    return np.select([codes == k for k in ENGINES], [getattr(e, field) for e in ENGINES.values()])


def installed_mass_kg(code: Any, turbo: Any = False) -> Any:
    """An engine's installed mass: dry mass plus :data:`ANCILLARIES_KG` (and
    :data:`TURBO_KG` with a turbo), kg; codes and ``turbo`` may be (N,) arrays."""
    return catalogue_figure(code, "dry_mass_kg") + ANCILLARIES_KG \
        + np.where(turbo, TURBO_KG, 0.0)


def powertrain(code: Any, *, x: Scalar, z: Scalar, y: Scalar = 0.0,
               mounting: Literal["transverse", "longitudinal"] = "longitudinal",
               gearbox_side: Scalar = 1.0, turbo: Any = False,
               engine_mass_kg: Scalar | None = None, gearbox_mass_kg: Scalar = 32.0,
               gearbox_length: Scalar = 330.0,
               gearbox_name: str = "transmission", lean: Any = 0) -> list[Component]:
    """An engine of the catalogue and its gearbox, crank centre at (x, y, z).

    Args:
        code: engine code (or an (N,) array of codes) or an :class:`Engine`.
        x: crank centre, mm (vehicle axes).
        z: crank centre height, mm.
        y: crank centre across, mm.
        mounting: ``"transverse"`` (crank across the vehicle) or ``"longitudinal"``.
        gearbox_side: +1 or −1 (floats or an (N,) array): the gearbox on the engine's left
            (+1) or right (−1) when transverse, behind (+1) or ahead (−1) when longitudinal.
        turbo: add the turbo's mass (bool or (N,) bool array).
        engine_mass_kg: installed engine mass, kg; default the catalogue's
            :meth:`Engine.installed_mass_kg`.
        gearbox_mass_kg: gearbox (and transfer case or final drive), kg.
        gearbox_length: along the crank axis, mm.
        gearbox_name: ``"transmission"`` or ``"transaxle"``.
        lean: quarter-turns of the block about its crankshaft (right-hand about the engine's
            own crank axis; an int or an (N,) array of −1, 0, 1): 0 upright; 1 or −1 laid on
            its side, for an engine that must lie under a floor. Laid longitudinal, 1 turns
            the head to the left (+y), −1 to the right; laid transverse, 1 turns it forwards.
            The gearbox, round about the same axis, is the same either way.

    Returns:
        ``engine`` and the gearbox.
    """
    if mounting not in ("transverse", "longitudinal"):
        raise ParameterError(f"'mounting' must be 'transverse' or 'longitudinal' (got "
                             f"{mounting!r:.200})", name="mounting", value=mounting)
    turn = np.asarray(lean)
    if turn.dtype.kind not in "iu" or not np.isin(turn, (-1, 0, 1)).all():
        raise ParameterError(f"'lean' must be -1, 0 or 1 quarter-turns (got {lean!r:.200})",
                             name="lean", value=lean)
    length = catalogue_figure(code, "length_mm")
    width = catalogue_figure(code, "width_mm")
    height = catalogue_figure(code, "height_mm")
    half = 0.5 * length
    # Laid over, the side view turns a quarter about the crank: (x, z) → (±z, ∓x).
    block = Prism([(np.where(turn == 0, u, turn * v), np.where(turn == 0, v, -turn * u))
                   for u, v in _block_profile(width, height)] if turn.any()
                  else _block_profile(width, height), plane="xz", extent=(-half, half))
    bell = 0.30 * height
    s = gearbox_side
    gearbox = Revolution([(0.0, s * half), (bell, s * half),
                          (bell, s * (half + 0.35 * gearbox_length)),
                          (0.55 * bell, s * (half + gearbox_length)),
                          (0.0, s * (half + gearbox_length))], axis="y")
    turns = (0, 0, 0) if mounting == "transverse" else (0, 0, 1)
    at = Placement.at(x, y, z, turns=turns)
    if engine_mass_kg is None:
        engine_mass_kg = installed_mass_kg(code, turbo)
    return [Component("engine", "powertrain", block, material("aluminium"), at,
                      mass_kg=engine_mass_kg, colour=PAINT["engine"]),
            Component(gearbox_name, "powertrain", gearbox, material("aluminium"), at,
                      mass_kg=gearbox_mass_kg, colour=PAINT["transmission"])]
