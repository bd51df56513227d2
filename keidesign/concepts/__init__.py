"""Concepts: parametric kei vehicle layouts, and the registry that finds them by reference."""

from __future__ import annotations

from keidesign.concepts.base import Concept, ParameterBatch, option, pick
from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.front_engine_roadster import FrontEngineRoadster
from keidesign.concepts.loader import ENTRY_POINT_GROUP, load_file
from keidesign.concepts.mid_engine_concept import MidEngineConcept
from keidesign.concepts.mid_engine_roadster import MidEngineRoadster
from keidesign.concepts.offroad_4x4 import Offroad4x4
from keidesign.concepts.rear_engine_360 import RearEngine360
from keidesign.concepts.registry import (
    CONCEPTS,
    concept_names,
    get_concept,
    registered_concepts,
)

__all__ = ["CONCEPTS", "CabOverTruck", "Concept", "ENTRY_POINT_GROUP", "FrontEngineRoadster",
           "MidEngineConcept", "MidEngineRoadster", "Offroad4x4", "ParameterBatch",
           "RearEngine360", "concept_names", "get_concept", "load_file", "option", "pick",
           "registered_concepts"]
