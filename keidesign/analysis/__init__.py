"""Analysis: mass properties, envelope, kei regulation and turning circle, on layout numbers
only."""

from __future__ import annotations

from keidesign.analysis.envelope import AXIS_NAMES, Envelope, Fit, envelope, fit_box
from keidesign.analysis.mass import LOAD_CASES, MassProperties, mass_properties
from keidesign.analysis.regulation import CURRENT_ERA, REGULATIONS, Regulation, regulation
from keidesign.analysis.report import (
    Analysis,
    LimitCheck,
    LoadCaseResult,
    PartRow,
    Violation,
    analyse,
    analyse_columns,
    parts_table,
)
from keidesign.analysis.turning import TurningCircle, turning_circle

__all__ = ["AXIS_NAMES", "CURRENT_ERA", "LOAD_CASES", "REGULATIONS", "Analysis", "Envelope",
           "Fit", "LimitCheck", "LoadCaseResult", "MassProperties", "PartRow", "Regulation",
           "TurningCircle", "Violation", "analyse", "analyse_columns", "envelope", "fit_box",
           "mass_properties", "parts_table", "regulation", "turning_circle"]
