"""Concepts: parametric kei vehicle layouts, and the registry that finds them by reference."""

from __future__ import annotations

from keidesign.concepts.base import Concept, ParameterBatch, pick
from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.loader import ENTRY_POINT_GROUP, load_file
from keidesign.concepts.mid_engine_concept import MidEngineConcept
from keidesign.concepts.registry import (
    CONCEPTS,
    concept_names,
    get_concept,
    registered_concepts,
)

__all__ = ["CONCEPTS", "CabOverTruck", "Concept", "ENTRY_POINT_GROUP", "MidEngineConcept",
           "ParameterBatch", "concept_names", "get_concept", "load_file", "pick",
           "registered_concepts"]
