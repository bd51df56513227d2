"""Presets of the off-road 4x4 and the rear-engine 360 cc car: Suzuki Jimny JB64 and its non-kei
counterpart the Jimny Sierra JB74, and the Subaru 360 of 1958."""

from __future__ import annotations

from keidesign.concepts.presets.base import Preset

__all__ = ["PRESETS"]

#: This family's presets (collected by :mod:`keidesign.concepts.presets.catalogue`).
PRESETS: tuple[Preset, ...] = ()
