"""The regulated envelope of a layout and how it fits a kei box, vectorised over designs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keidesign.analysis.regulation import Regulation
from keidesign.layout.layout import Layout

__all__ = ["AXIS_NAMES", "Envelope", "envelope", "Fit", "fit_box"]

#: Regulated dimension along each vehicle axis.
AXIS_NAMES = ("length", "width", "height")


@dataclass(frozen=True, slots=True)
class Envelope:
    """The box around the components that count toward the regulated size.

    Attributes:
        min_mm: (N, 3) lowest x, y, z of those components, mm.
        max_mm: (N, 3) highest x, y, z, mm.
        size_mm: (N, 3) overall length, width and height, mm; height is measured from the
            ground plane (z = 0), on which the tyres stand.
    """

    min_mm: np.ndarray
    max_mm: np.ndarray
    size_mm: np.ndarray


def envelope(layout: Layout) -> Envelope:
    """The regulated envelope (door mirrors, occupants and payload excluded)."""
    st = layout.stored()
    mask = layout.in_envelope
    lo = st.bbox_min_mm[:, mask].min(axis=1).T                     # (N, 3)
    hi = st.bbox_max_mm[:, mask].max(axis=1).T
    size = hi - lo
    size[:, 2] = hi[:, 2]  # height above the ground plane
    return Envelope(min_mm=lo, max_mm=hi, size_mm=size)


@dataclass(frozen=True, slots=True)
class Fit:
    """How N designs fit one regulation's box.

    The box is placed where it helps most: centred on the envelope lengthwise and across, and
    standing on the ground. A component sticks out of an axis by how far it reaches past the
    box on that axis.

    Attributes:
        margins_mm: (N, 3) limit minus envelope size for length, width, height, mm (negative
            when a limit is broken).
        fits_box: (N,) bool, every dimension within its limit.
        protrusion_mm: (N, C, 3) how far each component reaches past the box on each axis, mm
            (negative: how far inside it stays); only components in the envelope are finite,
            the rest are −inf.
        limiting: (N, 3) int, index of the component that reaches furthest on each axis.
    """

    margins_mm: np.ndarray
    fits_box: np.ndarray
    protrusion_mm: np.ndarray
    limiting: np.ndarray


def fit_box(layout: Layout, env: Envelope, reg: Regulation) -> Fit:
    """Compare the envelope of every design with the box of ``reg``."""
    st = layout.stored()
    limits = np.array([reg.max_length_mm, reg.max_width_mm, reg.max_height_mm])
    margins = limits - env.size_mm
    mid = (0.5 * (env.min_mm + env.max_mm)).T                      # (3, N)
    box_lo = mid - 0.5 * limits[:, None]
    box_hi = mid + 0.5 * limits[:, None]
    protrusion = np.empty(st.bbox_max_mm.shape)                    # (3, C, N)
    np.maximum(st.bbox_max_mm[:2] - box_hi[:2, None], box_lo[:2, None] - st.bbox_min_mm[:2],
               out=protrusion[:2])
    # The box stands on the ground: only the roof side limits height.
    protrusion[2] = st.bbox_max_mm[2] - limits[2]
    protrusion[:, ~layout.in_envelope] = -np.inf
    return Fit(margins_mm=margins, fits_box=np.all(margins >= 0, axis=1),
               protrusion_mm=protrusion.transpose(2, 1, 0),
               limiting=protrusion.argmax(axis=1).T)
