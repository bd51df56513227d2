"""Wheels: a tyre of a given size on its rim, with its hub and brake, at four corners.

Each wheel is defined in its own frame: centre at the origin, axis along y, outboard face
towards +y. The left wheels (y > 0) are placed as defined; the right wheels are the same parts
turned half a turn about the vertical, so all four corners share one solid per part.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import Component
from keidesign.layout.material import Material
from keidesign.parts.materials import PAINT, material
from keidesign.parts.tyres import parse_tyre, tyre_radius_mm
from keidesign.shapes import Placement, Revolution
from keidesign.shapes.arrays import Scalar
from keidesign.units import INCH_MM

__all__ = ["tyre_profile", "rim_profile", "wheel", "wheel_shapes", "wheels", "RIM_WIDTH_RATIO"]

#: Rim width (between the bead seats) over the tyre's section width: a common fitment.
RIM_WIDTH_RATIO = 0.70
# Shape of the tyre section, as fractions of the section height H and width W (estimates from
# published section drawings of radial tyres): tread half-width, height of the widest point,
# tread and sidewall rubber, bead width; the rim flange rises 12 mm (less on a very low
# profile: at most 18 % of the section height, so the sidewall always clears it).
_TREAD = 0.40
_WIDEST = 0.55
_TREAD_RUBBER = 0.10
_SIDE_RUBBER = 0.07
_BEAD = 0.14
_FLANGE_MM = 12.0
_SHOULDER_STEPS = 4


def _flange_mm(width: Scalar, aspect: Scalar) -> Scalar:
    """Height of the rim flange that holds this tyre's bead, mm."""
    return np.minimum(_FLANGE_MM, 0.18 * width * aspect / 100.0)


def tyre_profile(width: Scalar, aspect: Scalar, rim_in: Scalar) -> list[tuple[Any, Any]]:
    """The tyre's rubber section as (r, a) vertices, mm: tread, round shoulders and sidewalls,
    hollow (the air cavity is open towards the rim); a simple polygon for every size with a
    section height over 30 mm. Floats or (N,) arrays."""
    h = width * aspect / 100.0
    bead_top = 0.5 * rim_in * INCH_MM + _flange_mm(width, aspect) + 2.0
    rb = 0.5 * rim_in * INCH_MM
    ro = rb + h
    rm = rb + _WIDEST * h
    half = 0.5 * width
    bead = 0.5 * RIM_WIDTH_RATIO * width
    t, ts, tt, tb = _TREAD * width, _SIDE_RUBBER * width, _TREAD_RUBBER * h, _BEAD * width
    phis = np.linspace(0.5 * np.pi, 0.0, _SHOULDER_STEPS + 1)[1:]
    outer = [(rb, bead), (bead_top, bead), (rb + 0.25 * h, 0.93 * half), (rm, half)]
    outer += [(rm + (ro - rm) * np.cos(f), t + (half - t) * np.sin(f)) for f in phis]
    inner = [(rb, bead - tb), (bead_top, bead - tb),
             (rb + 0.25 * h, 0.93 * half - ts), (rm, half - ts)]
    inner += [(rm + (ro - tt - rm) * np.cos(f), t + (half - ts - t) * np.sin(f)) for f in phis]
    right_outer = outer
    left_outer = [(r, -a) for r, a in reversed(outer)]
    left_inner = [(r, -a) for r, a in inner]
    right_inner = list(reversed(inner))
    return right_outer + left_outer + left_inner + right_inner


def rim_profile(width: Scalar, aspect: Scalar, rim_in: Scalar, *, wall: float = 3.0,
                disc: float = 5.0, hub_radius: float = 30.0,
                disc_offset: float = 0.2) -> list[tuple[Any, Any]]:
    """A pressed rim's section for a tyre of this size as (r, a) vertices, mm: barrel between
    two flanges, and the disc set ``disc_offset`` × rim width outboard of the centre. Floats
    or (N,) arrays."""
    rb = 0.5 * rim_in * INCH_MM
    w = 0.5 * RIM_WIDTH_RATIO * width
    d = disc_offset * 2.0 * w
    top = rb + _flange_mm(width, aspect)
    return [(top, -w - wall), (top, -w), (rb, -w), (rb, w), (top, w), (top, w + wall),
            (rb - wall, w + wall), (rb - wall, d + disc), (hub_radius, d + disc),
            (hub_radius, d), (rb - wall, d), (rb - wall, -w - wall)]


def _hub_profile(width: Scalar, rim_in: Scalar,
                 disc_offset: float = 0.2) -> list[tuple[Any, Any]]:
    """Hub with its brake disc or drum, as one solid of revolution from the rim's disc
    inboard."""
    r = 0.5 * rim_in * INCH_MM - 35.0
    d = disc_offset * RIM_WIDTH_RATIO * width
    return [(25.0, -90.0), (r, -90.0), (r, -40.0), (0.55 * r, -40.0), (0.55 * r, d),
            (25.0, d)]


def wheel_shapes(width: Scalar, aspect: Scalar, rim_in: Scalar
                 ) -> tuple[Revolution, Revolution, Revolution]:
    """The tyre, rim and hub of one size, in the wheel's frame (centre at the origin, axis y,
    outboard face towards +y); share them between the corners that use this size."""
    return (Revolution(tyre_profile(width, aspect, rim_in)),
            Revolution(rim_profile(width, aspect, rim_in)),
            Revolution(_hub_profile(width, rim_in)))


def wheel(name: str, *, width: Scalar, aspect: Scalar, rim_in: Scalar, x: Scalar, y: Scalar,
          side: str, hub_mass_kg: Scalar, rim_material: Material | str = "steel",
          tyre_material: Material | str = "rubber",
          shapes: tuple[Revolution, Revolution, Revolution] | None = None) -> list[Component]:
    """One corner: tyre, rim and hub with brake, centred at (x, y, radius).

    Args:
        name: the corner's name (``"front_left"``): parts are ``tyre_<name>``, ``rim_<name>``,
            ``hub_<name>``.
        width: tyre section width, mm.
        aspect: tyre aspect ratio, %.
        rim_in: rim diameter, inches.
        x: wheel centre, mm (vehicle axes).
        y: wheel centre, mm.
        side: ``"left"`` (y > 0, outboard face towards +y) or ``"right"``.
        hub_mass_kg: hub, bearing and brake (disc and caliper, or drum), kg (explicit).
        rim_material: the rim's material (steel for a pressed rim, aluminium for an alloy).
        tyre_material: the tyre's material; the tyre's mass is its rubber's.
        shapes: the size's :func:`wheel_shapes`, if already made (corners of one size share
            them, and a batch computes each once).

    Returns:
        The tyre, rim and hub, standing on the ground (z = 0).

    Raises:
        ParameterError: ``side`` is neither left nor right.
    """
    if side not in ("left", "right"):
        raise ParameterError(f"'side' must be 'left' or 'right' (got {side!r:.200})",
                             name="side", value=side)
    radius = tyre_radius_mm(width, aspect, rim_in)
    turns = (0, 0, 0) if side == "left" else (0, 0, 2)
    at = Placement.at(x, y, radius, turns=turns)
    tyre, rim, hub = shapes or wheel_shapes(width, aspect, rim_in)
    return [
        Component(f"tyre_{name}", "wheel", tyre, material(tyre_material), at, sprung=False),
        Component(f"rim_{name}", "wheel", rim, material(rim_material), at,
                  colour=PAINT["rim"], touches=(f"tyre_{name}", f"hub_{name}"), sprung=False),
        Component(f"hub_{name}", "wheel", hub, material("cast_iron"), at, mass_kg=hub_mass_kg,
                  sprung=False),
    ]


def wheels(*, wheelbase: Scalar, track_front: Scalar, track_rear: Scalar,
           front: tuple[Scalar, Scalar, Scalar] | str, rear: tuple[Scalar, Scalar, Scalar] | str
           | None = None, hub_mass_front_kg: Scalar = 5.0, hub_mass_rear_kg: Scalar = 6.0,
           rim_material: Material | str = "steel") -> list[Component]:
    """Four corners: front axle at x = 0, rear axle at x = −wheelbase.

    Args:
        wheelbase: mm.
        track_front: front wheel centre-to-centre distance, mm.
        track_rear: rear, mm.
        front: front tyres as a size marking (``"145R12"``) or (width mm, aspect %, rim in).
        rear: rear tyres, the front ones when ``None``.
        hub_mass_front_kg: one front hub with its brake, kg (estimate: disc, caliper, hub).
        hub_mass_rear_kg: one rear hub with its brake, kg (estimate: drum and hub).
        rim_material: steel or aluminium rims.
    """
    def size(value: Any) -> tuple[Scalar, Scalar, Scalar]:
        if isinstance(value, str):
            s = parse_tyre(value)
            return s.width_mm, s.aspect_pct, s.rim_in
        return value

    front_size = size(front)
    rear_size = front_size if rear is None else size(rear)
    front_shapes = wheel_shapes(*front_size)
    rear_shapes = front_shapes if rear_size is front_size else wheel_shapes(*rear_size)
    out: list[Component] = []
    for axle, x, track, (w, a, r), hub, shapes in (
            ("front", 0.0, track_front, front_size, hub_mass_front_kg, front_shapes),
            ("rear", -wheelbase, track_rear, rear_size, hub_mass_rear_kg, rear_shapes)):
        for side, sign in (("left", 1.0), ("right", -1.0)):
            out += wheel(f"{axle}_{side}", width=w, aspect=a, rim_in=r, x=x,
                         y=sign * 0.5 * track, side=side, hub_mass_kg=hub,
                         rim_material=rim_material, shapes=shapes)
    return out
