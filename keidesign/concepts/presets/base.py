"""A preset: a named real vehicle, as a parameter set of an archetype, with its sources."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from keidesign.analysis import analyse, regulation
from keidesign.concepts.base import Concept

__all__ = ["FIGURES", "Figure", "Preset", "model_figures"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A published figure of a real vehicle.

    Attributes:
        value: the figure, in the unit its name says (``mm``, ``kg``, ``share`` 0–1, ``deg``,
            ``m``).
        source: where it is published (page title and address, as in the shared reference).
    """

    value: float
    source: str


#: Figures a preset may publish, by name, with what each is (:func:`model_figures` gives the
#: model's). Load-case figures name their case after the dot.
FIGURES: dict[str, str] = {
    "length_mm": "overall length, mm",
    "width_mm": "overall width (mirrors excluded), mm",
    "height_mm": "overall height, mm",
    "wheelbase_mm": "wheelbase, mm",
    "track_front_mm": "front track, mm",
    "track_rear_mm": "rear track, mm",
    "kerb_mass_kg": "kerb mass (full fuel and fluids, no occupants), kg",
    "front_axle_share.kerb": "share of the kerb mass on the front axle",
    "front_axle_share.driver": "share on the front axle with a 55 kg driver",
    "front_axle_share.crew": "share on the front axle with every seat taken",
    "com_height_mm.kerb": "centre-of-mass height, kerb, mm",
    "displacement_cc": "engine displacement, cm³",
    "turning_radius_m": "minimum turning radius (outer front wheel at full lock), m",
}


def model_figures(concept: Concept) -> dict[str, float]:
    """The figures of :data:`FIGURES` as the model gives them for one design."""
    layout = concept.layout()  # laid out once, for the analysis and the facts
    result = analyse(layout, concept.parameters(), regulation())
    cases = result.load_cases
    facts = layout.facts
    out = {
        "length_mm": result.envelope_mm["length"],
        "width_mm": result.envelope_mm["width"],
        "height_mm": result.envelope_mm["height"],
        "wheelbase_mm": float(facts.wheelbase_mm),
        "track_front_mm": float(facts.track_front_mm),
        "track_rear_mm": float(facts.track_rear_mm),
        "kerb_mass_kg": cases["kerb"].mass_kg,
        "com_height_mm.kerb": cases["kerb"].com_height_mm,
        "displacement_cc": float(facts.displacement_cc),
    }
    for case in ("kerb", "driver", "crew"):
        if case in cases:
            out[f"front_axle_share.{case}"] = cases[case].front_axle_share
    if result.turning:
        out["turning_radius_m"] = result.turning["radius_m"]
    return out


_CLASSES: dict[str, type[Concept]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Preset:
    """A real vehicle: an archetype's parameters set to its figures.

    A preset is usable wherever a concept name is (``keidesign check beat-pp1``, sweeps with
    workers): :meth:`concept` gives a subclass of the archetype, named after the preset, whose
    defaults are the preset's parameters.

    Attributes:
        name: the CLI's name (``"beat-pp1"``).
        archetype: the concept class it is a parameter set of.
        title: one line: maker, model, code, year.
        parameters: parameter name → value (the rest keep the archetype's defaults).
        sources: parameter name → what its value rests on: a published source, or
            ``"estimate: …"`` and why.
        published: figure name (see :data:`FIGURES`) → the published :class:`Figure`, for
            the fidelity table: what the model is held to.
        notes: anything else a reader of the preset should know (which masses are estimates).
    """

    name: str
    archetype: type[Concept]
    title: str
    parameters: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)
    published: Mapping[str, Figure] = field(default_factory=dict)
    notes: str = ""

    def concept(self) -> type[Concept]:
        """The preset as a concept class (one per process, made on first use).

        Raises:
            ParameterError: a preset parameter is not one of the archetype's or out of range.
        """
        with _LOCK:
            cls = _CLASSES.get(self.name)
            if cls is None:
                class_name = "".join(part.capitalize() for part in
                                     self.name.replace("_", "-").split("-"))
                cls = type(class_name, (self.archetype,), {
                    "__doc__": f"{self.title}: a preset of {self.archetype.name}.",
                    "__module__": self.archetype.__module__,
                    "name": self.name, "title": self.title,
                    "defaults": dict(self.parameters), "reference": self.name})
                _CLASSES[self.name] = cls
            return cls
