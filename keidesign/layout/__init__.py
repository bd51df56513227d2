"""Layout: placed components, and N designs of them as arrays (no CAD kernel)."""

from __future__ import annotations

from keidesign.layout.collection import Parts
from keidesign.layout.component import LOAD_GROUPS, Component, LoadGroup, pair
from keidesign.layout.layout import Layout, VehicleFacts
from keidesign.layout.material import Colour, Material

__all__ = ["LOAD_GROUPS", "Colour", "Component", "Layout", "LoadGroup", "Material", "Parts",
           "VehicleFacts", "pair"]
