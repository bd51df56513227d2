"""A component: what a packaging engineer places in a vehicle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from keidesign.layout.shapes import Shape

__all__ = ["Component", "LoadGroup", "LOAD_GROUPS", "Colour"]

#: Which load case first includes a component: the vehicle itself (kerb: full fuel and fluids,
#: no occupants), the driver, the other occupants, the payload.
LoadGroup = Literal["vehicle", "driver", "passenger", "payload"]
LOAD_GROUPS: tuple[LoadGroup, ...] = ("vehicle", "driver", "passenger", "payload")

#: An (r, g, b) colour, each channel 0–1.
Colour = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Component:
    """One placed part of a vehicle.

    Attributes:
        name: unique name within the vehicle (``"wheel_front_left"``); it names the part in STEP,
            GLB and reports.
        category: what kind of part it is (``"frame"``, ``"wheel"``, ``"powertrain"`` …), for
            grouping in reports and sweeps.
        shape: where it is and how big, as a :class:`~keidesign.layout.shapes.Box` or
            :class:`~keidesign.layout.shapes.Cylinder` in mm, vehicle axes.
        colour: display colour, (r, g, b) 0–1.
        mass_kg: explicit mass, kg; ``None`` to take ``density_kg_m3`` × volume.
        density_kg_m3: material density, kg/m³, used when ``mass_kg`` is ``None``.
        load: the load group that brings the component (see :data:`LOAD_GROUPS`).
        in_envelope: whether it counts toward the regulated envelope (door mirrors, occupants
            and payload do not).
    """

    name: str
    category: str
    shape: Shape
    colour: Colour
    mass_kg: Any = None
    density_kg_m3: float | None = None
    load: LoadGroup = "vehicle"
    in_envelope: bool = True

    def mass(self) -> Any:
        """The component's mass, kg (explicit, or density × volume)."""
        if self.mass_kg is not None:
            return self.mass_kg
        return self.density_kg_m3 * self.shape.volume_mm3() * 1e-9
