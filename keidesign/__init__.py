"""keidesign: a design-concept sandbox for Japanese kei vehicles.

Units everywhere: millimetres, kilograms, seconds, degrees. Axes: ISO 8855 vehicle axes
(x forward, y left, z up), origin on the ground plane below the centre of the front axle.
"""

from __future__ import annotations

from keidesign.analysis import Analysis, Regulation, regulation
from keidesign.concepts import CONCEPTS, CabOverTruck, Concept, MidEngineConcept, get_concept
from keidesign.errors import (
    ConceptError,
    ExportError,
    GeometryError,
    KeiDesignError,
    ParameterError,
)

__version__ = "0.1.0"

__all__ = ["CONCEPTS", "Analysis", "CabOverTruck", "Concept", "ConceptError", "ExportError",
           "GeometryError", "KeiDesignError", "MidEngineConcept", "ParameterError", "Regulation",
           "__version__", "get_concept", "regulation"]
