"""Presets: named real vehicles, each a parameter set of an archetype, with the source of every
published figure it uses.

A preset is usable wherever a concept name is (``keidesign check beat-pp1``,
``keidesign sweep s660-jw5 --vary …``); ``keidesign list`` shows each with its archetype. The
published figures each preset is held to (see :data:`~keidesign.concepts.presets.base.FIGURES`)
are printed side by side with the model's by ``bench/bench_fidelity.py``.
"""

from __future__ import annotations

from keidesign.concepts.presets.base import FIGURES, Figure, Preset, model_figures
from keidesign.concepts.presets.catalogue import PRESETS

__all__ = ["FIGURES", "PRESETS", "Figure", "Preset", "model_figures"]
