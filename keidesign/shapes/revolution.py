"""A polygon profile revolved a full turn about a principal axis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from keidesign.shapes.arrays import AXES, as_points, check_choice
from keidesign.shapes.polygon import canonical_vertices, crosses_itself, polygon_moments
from keidesign.shapes.properties import CachedProperties, ShapeProperties, from_moments

__all__ = ["Revolution"]


@dataclass(frozen=True, slots=True)
class Revolution(CachedProperties):
    """A solid of revolution: tyres, rims, brake discs, a steering wheel.

    The profile is a polygon in a half-plane through the axis, given as (radius, axial
    position) pairs; revolving it a full turn about the axis (through the shape's origin) makes
    the solid. Pappus' theorems, with Green's theorem over the profile, give every property
    exactly.

    Attributes:
        profile: the polygon's vertices in order (either direction), as (V, 2) or (N, V, 2)
            array or a sequence of ``(r, a)`` pairs of floats or (N,) arrays: ``r`` ≥ 0 the
            distance from the axis, ``a`` the position along it, mm. The polygon must be
            simple (no edge crosses or touches another): a design whose profile crosses itself
            has NaN volume.
        axis: ``"x"``, ``"y"`` or ``"z"``: the axis of revolution (a wheel's is ``"y"``).

    Raises:
        ParameterError: ``profile`` is not points of two numbers (or (N,) arrays), or ``axis``
            is not ``"x"``, ``"y"`` or ``"z"``.
    """

    profile: Any
    axis: Literal["x", "y", "z"] = "y"

    def __post_init__(self) -> None:
        check_choice(self.axis, tuple(AXES), "axis", "Revolution")
        profile = as_points(self.profile, 2, "Revolution 'profile'", "profile")
        object.__setattr__(self, "profile", profile)

    def _properties(self) -> ShapeProperties:
        """Volume, centroid, inertia per kg and the exact bounding box.

        With ``Sₚ,ᵩ = ∫∫ rᵖ aᵠ dA`` over the profile: volume ``2π S₁,₀``; axial first moment
        ``2π S₁,₁``; ``∫a² dV = 2π S₁,₂``; each transverse ``∫u² dV = π S₃,₀``. The box reaches
        the largest radius across the axis and the profile's ends along it. NaN volume where
        the profile crosses the axis or itself.
        """
        r, a = self.profile[..., 0], self.profile[..., 1]
        a0 = a.mean(-1)
        da = a - a0[..., None]
        m = polygon_moments(r, da, ((0, 0), (1, 0), (1, 1), (1, 2), (3, 0)))
        sign = np.sign(m[0, 0])
        s10, s11, s12, s30 = (m[k] * sign for k in ((1, 0), (1, 1), (1, 2), (3, 0)))
        volume = 2.0 * np.pi * s10
        k = AXES[self.axis]
        zero = np.zeros(volume.shape)
        axial_first = 2.0 * np.pi * s11
        transverse = np.pi * s30
        first = np.stack([axial_first if i == k else zero for i in range(3)], axis=-1)
        diag = [2.0 * np.pi * s12 if i == k else transverse for i in range(3)]
        second = np.stack(diag + [zero, zero, zero], axis=-1)
        ref = np.stack([a0 if i == k else np.zeros(a0.shape) for i in range(3)], axis=-1)
        r_max = r.max(-1)
        lo = np.stack([a.min(-1) if i == k else -r_max for i in range(3)], axis=-1)
        hi = np.stack([a.max(-1) if i == k else r_max for i in range(3)], axis=-1)
        ok = (r >= 0).all(-1) & (volume > 0) & ~crosses_itself(r - r.mean(-1)[..., None], da)
        return from_moments(np.where(ok, volume, np.nan), first, second, ref, lo, hi)

    def mirror_y(self) -> Revolution:
        """The mirror image in the plane y = 0 of the shape's own frame (the same solid unless
        the axis is y)."""
        if self.axis != "y":
            return self
        flipped = self.profile.copy()
        flipped[..., 1] = -flipped[..., 1]
        return Revolution(profile=flipped, axis="y")

    def _memo_key(self) -> tuple[Any, ...]:
        if self.profile.ndim != 2:
            raise TypeError("a revolution of several designs has no key")
        return ("Revolution", self.axis, self.profile.tobytes(), self.profile.shape[0])

    def key(self) -> tuple[Any, ...]:
        """A hashable description of one design's solid of revolution.

        Raises:
            TypeError: the shape holds several designs.
        """
        if self.profile.ndim != 2:
            raise TypeError("a revolution of several designs has no key")
        return ("Revolution", self.axis, canonical_vertices(self.profile).tobytes(),
                self.profile.shape[0])
