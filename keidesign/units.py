"""Unit conversion factors, kept in one place.

The public API speaks millimetres, kilograms, seconds and degrees. These factors convert to the
SI base units where a formula or a file format needs them (glTF is in metres, inertia is reported
in kg·m²).
"""

from __future__ import annotations

__all__ = ["MM", "M", "KG", "MM_TO_M", "MM2_TO_M2", "MM3_TO_M3", "L_TO_MM3", "INCH_MM",
           "OCCUPANT_MASS_KG"]

#: One millimetre in millimetres (the library's length unit).
MM = 1.0
#: One metre in millimetres.
M = 1000.0
#: One kilogram in kilograms (the library's mass unit).
KG = 1.0
#: Multiply a length in mm by this to get metres.
MM_TO_M = 1e-3
#: Multiply an area (or a second moment such as kg·mm²) by this to get m².
MM2_TO_M2 = 1e-6
#: Multiply a volume in mm³ by this to get m³.
MM3_TO_M3 = 1e-9
#: One litre in mm³.
L_TO_MM3 = 1e6
#: One inch in millimetres (rim diameters are quoted in inches).
INCH_MM = 25.4
#: Mass of one occupant in Japanese weight calculations (保安基準 細目告示), kg.
OCCUPANT_MASS_KG = 55.0
