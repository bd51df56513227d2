"""Concepts by name, as the CLI and sweeps refer to them."""

from __future__ import annotations

from keidesign.concepts.base import Concept
from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.mid_engine_concept import MidEngineConcept
from keidesign.errors import ParameterError
from keidesign.parameters.spec import did_you_mean

__all__ = ["CONCEPTS", "get_concept"]

#: Every concept, by its CLI name.
CONCEPTS: dict[str, type[Concept]] = {c.name: c for c in (CabOverTruck, MidEngineConcept)}


def get_concept(name: str) -> type[Concept]:
    """The concept class called ``name`` (``"cab-over-truck"`` …).

    Raises:
        ParameterError: no concept has that name.
    """
    try:
        return CONCEPTS[name]
    except KeyError:
        known = ", ".join(CONCEPTS)
        raise ParameterError(f"unknown concept {name!r}{did_you_mean(name, CONCEPTS)} "
                             f"(known: {known})", name="concept", value=name) from None
