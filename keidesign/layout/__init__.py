"""Layout: components placed as numbers (no CAD kernel)."""

from __future__ import annotations

from keidesign.layout.component import LOAD_GROUPS, Colour, Component, LoadGroup
from keidesign.layout.layout import Layout, VehicleFacts
from keidesign.layout.shapes import AXES, Box, Cylinder, Shape

__all__ = ["AXES", "LOAD_GROUPS", "Box", "Colour", "Component", "Cylinder", "Layout",
           "LoadGroup", "Shape", "VehicleFacts"]
