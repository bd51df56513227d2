"""Presets of the cab-over truck: the kei trucks (Daihatsu Hijet, Suzuki Carry, Honda Acty, Subaru
Sambar) and the two Tokyo Auto Salon 2026 Hijet builds."""

from __future__ import annotations

from keidesign.concepts.presets.base import Preset

__all__ = ["PRESETS"]

#: This family's presets (collected by :mod:`keidesign.concepts.presets.catalogue`).
PRESETS: tuple[Preset, ...] = ()
