"""Materials as data: a name, a density and a display colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Colour", "Material"]

#: An (r, g, b) colour, each channel 0–1 (sRGB).
Colour = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Material:
    """What a part is made of.

    A user adds a material by making one (``Material("titanium", 4430, (0.62, 0.62, 0.66))``)
    and passing it to any part; nothing in the package needs editing.

    Attributes:
        name: short name shown in reports (``"steel"``).
        density_kg_m3: density, kg/m³; a part without an explicit mass weighs density × volume.
        colour: default display colour, (r, g, b) 0–1.
        source: where the density comes from, or why it is an estimate.
    """

    name: str
    density_kg_m3: float
    colour: Colour
    source: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a material needs a name (got {self.name!r:.200})")
        if isinstance(self.density_kg_m3, bool) or not isinstance(self.density_kg_m3,
                                                                   (int, float)) \
                or not math.isfinite(self.density_kg_m3) or self.density_kg_m3 <= 0:
            raise ValueError(f"material {self.name!r:.200}: 'density_kg_m3' must be a positive "
                             f"number (got {self.density_kg_m3!r:.200})")
        colour = tuple(self.colour)
        if len(colour) != 3 or not all(isinstance(c, (int, float)) and 0 <= c <= 1
                                       for c in colour):
            raise ValueError(f"material {self.name!r:.200}: 'colour' must be (r, g, b), each "
                             f"0–1 (got {self.colour!r:.200})")
        object.__setattr__(self, "colour", tuple(float(c) for c in colour))
