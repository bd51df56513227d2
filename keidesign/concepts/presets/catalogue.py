"""Every preset, by name: the families' modules collected."""

from __future__ import annotations

from keidesign.concepts.presets import offroad, roadsters, trucks
from keidesign.concepts.presets.base import Preset

__all__ = ["PRESETS"]

_FAMILIES: tuple[tuple[Preset, ...], ...] = (trucks.PRESETS, roadsters.PRESETS, offroad.PRESETS)

#: Every preset, by its CLI name.
PRESETS: dict[str, Preset] = {p.name: p for family in _FAMILIES for p in family}
