"""Tyre sizes: from the marking on the sidewall to radius and section width (ETRTO rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from keidesign.errors import ParameterError
from keidesign.units import INCH_MM

__all__ = ["TyreSize", "parse_tyre", "tyre_parameters", "tyre_radius_mm", "DEFAULT_ASPECT_PCT",
           "BIAS_ASPECT_PCT"]

#: ETRTO: a size marked without an aspect ratio (``145R12``) is of the 82 series.
DEFAULT_ASPECT_PCT = 82.0
#: A numeric bias-ply size marked in inches (``4.80-10``: 4.80 in wide on a 10 in rim) gives no
#: aspect ratio. Estimate, not from a standard: the conventional bias tyres of the 1950s were
#: built close to square (section height near the section width; lower-profile series came in
#: the 1960s), so 95 % is taken, the low end of a 95–100 % guess and the most the metric sizes
#: accept.
BIAS_ASPECT_PCT = 95.0

_SIZE = re.compile(
    r"""^\s*(?P<prefix>P|LT|T)?\s*
        (?P<width>\d{3})
        (?:\s*/\s*(?P<aspect>\d{2}))?
        \s*(?P<construction>ZR|R|D|B|-)\s*
        (?P<rim>\d{2}(?:\.\d)?)
        \s*(?P<suffix>LT|C)?
        (?P<rest>(?:\s+[0-9A-Z/]+)*)\s*$""", re.IGNORECASE | re.VERBOSE)
# Numeric bias sizes in inches: ``4.80-10``, ``5.20-10 4PR``, ``6.00-16 LT``.
_INCH_SIZE = re.compile(
    r"""^\s*(?P<width>\d{1,2}\.\d{1,2})\s*-\s*(?P<rim>\d{1,2})
        \s*(?P<suffix>LT|C)?
        (?P<rest>(?:\s+[0-9A-Z/]+)*)\s*$""", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True, slots=True)
class TyreSize:
    """A tyre size as marked: ``145R12 6PR LT``, ``175/80R16``, ``165/55R15 75V``, ``4.80-10``.

    Attributes:
        text: the marking as given.
        width_mm: nominal section width, mm (the first number; inches × 25.4 for a numeric
            bias size).
        aspect_pct: nominal aspect ratio, % (section height / width; 82 when not marked, 95
            for a numeric bias size, see :data:`BIAS_ASPECT_PCT`).
        rim_in: nominal rim diameter, inches.
        light_truck: marked LT (or C): a light-truck/commercial tyre.
    """

    text: str
    width_mm: float
    aspect_pct: float
    rim_in: float
    light_truck: bool

    @property
    def radius_mm(self) -> float:
        """Nominal unloaded radius, mm: half the rim diameter plus the section height."""
        return tyre_radius_mm(self.width_mm, self.aspect_pct, self.rim_in)

    def parameters(self) -> dict[str, float]:
        """The size as concept parameters: ``tyre_width``, ``tyre_aspect``, ``rim_diameter``."""
        return {"tyre_width": self.width_mm, "tyre_aspect": self.aspect_pct,
                "rim_diameter": self.rim_in}


def parse_tyre(text: str) -> TyreSize:
    """Read a tyre size marking.

    Accepts ``WWW/AARDD`` and ``WWWRDD`` (82 series) with an optional ``P``/``LT`` prefix, an
    ``LT`` or ``C`` suffix and trailing service or ply marks (``6PR``, ``80/78N``, ``75V``);
    and numeric bias sizes in inches, ``W.WW-DD`` (``4.80-10``: width 4.80 in = 121.9 mm, rim
    10 in, aspect :data:`BIAS_ASPECT_PCT`).

    Raises:
        ParameterError: the text is not a tyre size.
    """
    match = _SIZE.match(text) if isinstance(text, str) else None
    inches = _INCH_SIZE.match(text) if isinstance(text, str) and match is None else None
    if inches is not None:
        return _inch_size(text, inches)
    if match is None:
        raise ParameterError(f"'tyre size' must look like 145R12, 145/80R12, 175/80R16 or "
                             f"145R12 6PR LT, or in inches 4.80-10 (got {text!r:.200})",
                             name="tyre size", value=text)
    width = float(match["width"])
    aspect = float(match["aspect"]) if match["aspect"] else DEFAULT_ASPECT_PCT
    rim = float(match["rim"])
    if not (20.0 <= aspect <= 95.0 and 8.0 <= rim <= 24.0 and 100.0 <= width <= 400.0):
        raise ParameterError(f"'tyre size' {text!r:.200} is outside car and light-truck sizes "
                             f"(width 100–400 mm, aspect 20–95 %, rim 8–24 in)",
                             name="tyre size", value=text)
    light_truck = (match["prefix"] or "").upper() == "LT" or bool(match["suffix"]) \
        or " LT" in (match["rest"] or "").upper()
    return TyreSize(text=text.strip(), width_mm=width, aspect_pct=aspect, rim_in=rim,
                    light_truck=light_truck)


def _inch_size(text: str, match: re.Match[str]) -> TyreSize:
    """A numeric bias size (``4.80-10``) as a :class:`TyreSize`."""
    width = float(match["width"]) * INCH_MM
    rim = float(match["rim"])
    if not (8.0 <= rim <= 24.0 and 100.0 <= width <= 400.0):
        raise ParameterError(f"'tyre size' {text!r:.200} is outside car and light-truck sizes "
                             f"(width 100–400 mm, aspect 20–95 %, rim 8–24 in)",
                             name="tyre size", value=text)
    light_truck = bool(match["suffix"]) or " LT" in (match["rest"] or "").upper()
    return TyreSize(text=text.strip(), width_mm=width, aspect_pct=BIAS_ASPECT_PCT, rim_in=rim,
                    light_truck=light_truck)


def tyre_parameters(text: str) -> dict[str, float]:
    """``tyre_parameters("175/80R16")`` → ``{"tyre_width": 175, "tyre_aspect": 80,
    "rim_diameter": 16}``: a size as a concept's tyre parameters."""
    return parse_tyre(text).parameters()


def tyre_radius_mm(width_mm: Any, aspect_pct: Any, rim_in: Any) -> Any:
    """Nominal unloaded radius from a size's numbers (145/80R12 → 268.4 mm); floats or (N,)
    arrays."""
    return 0.5 * rim_in * INCH_MM + width_mm * aspect_pct / 100.0
