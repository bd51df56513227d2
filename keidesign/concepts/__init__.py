"""Concepts: parametric kei vehicle layouts, and the registry that names them."""

from __future__ import annotations

from keidesign.concepts.base import Concept, ParameterBatch, pick
from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.mid_engine_concept import MidEngineConcept
from keidesign.concepts.registry import CONCEPTS, get_concept

__all__ = ["CONCEPTS", "CabOverTruck", "Concept", "MidEngineConcept", "ParameterBatch", "get_concept", "pick"]
