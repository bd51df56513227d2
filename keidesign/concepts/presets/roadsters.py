"""Presets of the roadsters: mid-engine (Honda Beat, Honda S660, Autozam AZ-1) and front-engine
(Suzuki Cappuccino, Daihatsu Copen)."""

from __future__ import annotations

from keidesign.concepts.presets.base import Preset

__all__ = ["PRESETS"]

#: This family's presets (collected by :mod:`keidesign.concepts.presets.catalogue`).
PRESETS: tuple[Preset, ...] = ()
