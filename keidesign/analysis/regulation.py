"""Japanese kei-class regulations, by the date they took effect.

Figures from ``tests/data/kei_regulations.csv`` (copied from the shared reference,
``kei_reference.md``, with its sources: Kei car (Wikipedia); GAZOO kei history; 道路運送車両法施行規則).
"""

from __future__ import annotations

from dataclasses import dataclass

from keidesign.errors import ParameterError
from keidesign.parameters.spec import quote

__all__ = ["Regulation", "REGULATIONS", "regulation", "CURRENT_ERA"]


@dataclass(frozen=True, slots=True)
class Regulation:
    """One era of the kei class.

    Attributes:
        era: year the rules took effect (``1998`` is the current set).
        effective: the date they took effect, ISO 8601.
        max_length_mm: overall length limit, mm.
        max_width_mm: overall width limit, mm (door mirrors excluded).
        max_height_mm: overall height limit, mm.
        max_displacement_cc: four-stroke engine displacement limit, cm³.
        max_occupants: seating limit (4 for passenger kei, 2 for kei trucks).
        max_truck_occupants: seating limit of a kei truck.
        max_truck_payload_kg: payload limit of a kei truck, kg.
    """

    era: int
    effective: str
    max_length_mm: float
    max_width_mm: float
    max_height_mm: float
    max_displacement_cc: float
    max_occupants: int = 4
    max_truck_occupants: int = 2
    max_truck_payload_kg: float = 350.0

    def as_dict(self) -> dict[str, float | int | str]:
        """The regulation as the ``regulation`` object of ``check --json``."""
        return {"era": self.era, "effective": self.effective,
                "max_length_mm": self.max_length_mm, "max_width_mm": self.max_width_mm,
                "max_height_mm": self.max_height_mm,
                "max_displacement_cc": self.max_displacement_cc}


#: Every era, oldest first. Occupant and payload limits are the current ones for every era (the
#: reference gives no earlier figures).
REGULATIONS: tuple[Regulation, ...] = (
    Regulation(era=1949, effective="1949-07-08", max_length_mm=2800, max_width_mm=1000,
               max_height_mm=2000, max_displacement_cc=150),
    Regulation(era=1950, effective="1950-07-26", max_length_mm=3000, max_width_mm=1300,
               max_height_mm=2000, max_displacement_cc=300),
    Regulation(era=1951, effective="1951-08-16", max_length_mm=3000, max_width_mm=1300,
               max_height_mm=2000, max_displacement_cc=360),
    Regulation(era=1955, effective="1955-04-04", max_length_mm=3000, max_width_mm=1300,
               max_height_mm=2000, max_displacement_cc=360),
    Regulation(era=1976, effective="1976-01-01", max_length_mm=3200, max_width_mm=1400,
               max_height_mm=2000, max_displacement_cc=550),
    Regulation(era=1990, effective="1990-01-01", max_length_mm=3300, max_width_mm=1400,
               max_height_mm=2000, max_displacement_cc=660),
    Regulation(era=1998, effective="1998-10-01", max_length_mm=3400, max_width_mm=1480,
               max_height_mm=2000, max_displacement_cc=660),
)
CURRENT_ERA = 1998


def regulation(era: int = CURRENT_ERA) -> Regulation:
    """The kei rules in force in ``era``.

    Args:
        era: a year from 1949 on. An era's own year (1949, 1950, 1951, 1955, 1976, 1990, 1998)
            gives that era; any other year gives the latest era that began in or before it
            (1980 gives the 1976 rules).

    Raises:
        ParameterError: the year is before the kei class existed or is not a whole number.
    """
    if isinstance(era, bool) or not isinstance(era, int) or era < REGULATIONS[0].era:
        eras = ", ".join(str(r.era) for r in REGULATIONS)
        raise ParameterError(
            f"'era' must be a year from {REGULATIONS[0].era} on (eras: {eras}) (got {quote(era)})",
            name="era", value=era)
    return [r for r in REGULATIONS if r.era <= era][-1]
