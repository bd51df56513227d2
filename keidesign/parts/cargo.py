"""The payload: cargo spread evenly over a bed or box floor."""

from __future__ import annotations

from keidesign.layout.component import Component
from keidesign.parts.materials import material
from keidesign.shapes import Box, Placement
from keidesign.shapes.arrays import Scalar

__all__ = ["payload"]


def payload(*, x: tuple[Scalar, Scalar], width: Scalar, floor_z: Scalar, mass_kg: Scalar,
            depth: Scalar = 100.0, name: str = "payload") -> Component:
    """The rated payload spread evenly over a floor (Japanese 積載状態), as a uniform layer
    ``depth`` mm deep from x[0] to x[1], centred across; in the ``payload`` load group and
    not part of the regulated envelope."""
    x0, x1 = x
    return Component(name, "payload", Box(size=(x1 - x0, width, depth)), material("cargo"),
                     Placement.at(0.5 * (x0 + x1), 0.0, floor_z + 0.5 * depth),
                     mass_kg=mass_kg, load="payload", in_envelope=False)
