"""Materials as data: a name, a density and a display colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

from keidesign.errors import ParameterError

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

    Raises:
        ParameterError: no name, a density that is not a positive number, or a colour that is
            not three numbers 0–1.
    """

    name: str
    density_kg_m3: float
    colour: Colour
    source: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ParameterError(f"Material 'name' must be a non-empty string (got "
                                 f"{self.name!r:.200})", name="name", value=self.name)
        density = self.density_kg_m3
        if isinstance(density, bool) or not isinstance(density, (int, float)) \
                or not math.isfinite(density) or density <= 0:
            raise ParameterError(f"material {self.name!r:.200}: 'density_kg_m3' must be a "
                                 f"positive number, kg/m³ (got {density!r:.200})",
                                 name="density_kg_m3", value=density)
        try:
            colour = tuple(self.colour)
        except TypeError:
            colour = ()
        if len(colour) != 3 or not all(isinstance(c, (int, float)) and not isinstance(c, bool)
                                       and 0 <= c <= 1 for c in colour):
            raise ParameterError(f"material {self.name!r:.200}: 'colour' must be (r, g, b), "
                                 f"each a number 0–1 (got {self.colour!r:.200})", name="colour",
                                 value=self.colour)
        object.__setattr__(self, "colour", tuple(float(c) for c in colour))
