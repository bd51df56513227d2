"""Systems: fuel tank (with its fuel), battery, radiator, exhaust, dashboard and steering."""

from __future__ import annotations

import functools
import numpy as np

from keidesign.layout.component import Component
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Placement, Prism, Revolution, TubePath
from keidesign.shapes.arrays import Scalar, as_points
from keidesign.shapes.polygon import offset_inward, polygon_integral
from keidesign.units import L_TO_MM3

__all__ = ["fuel_tank", "battery", "radiator", "exhaust", "dashboard"]


def fuel_tank(*, litres: Scalar, x_front: Scalar, y: Scalar, z_top: Scalar,
              length: Scalar = 600.0, height: Scalar = 240.0,
              sheet: Scalar = 1.2) -> list[Component]:
    """A pressed-steel tank holding ``litres`` of petrol, and the petrol in it (full in every
    load case). The tank's side profile (x, z) has its lower corners chamfered; its width
    across y is whatever holds ``litres`` inside the ``sheet``-thick walls, so the fuel's mass
    is exactly its density × litres.

    Args:
        litres: capacity, L.
        x_front: front face, mm (vehicle axes).
        y: centre across, mm.
        z_top: top face, mm.
        length: along x, mm.
        height: mm.
        sheet: wall, mm.

    Returns:
        ``fuel_tank`` (steel shell) and ``fuel`` (the petrol filling it).
    """
    profile, inner, width = _tank_section(litres, length, height, sheet)
    at = Placement.at(x_front, y, z_top)
    shell = Prism(profile, plane="xz", extent=(-0.5 * width, 0.5 * width), wall=sheet)
    fuel = Prism(inner, plane="xz",
                 extent=(-0.5 * width + sheet, 0.5 * width - sheet))
    return [Component("fuel_tank", "fuel", shell, material("steel"), at,
                      colour=PAINT["fuel_tank"]),
            Component("fuel", "fuel", fuel, material("petrol"), at)]


def _tank_section(litres: Scalar, length: Scalar, height: Scalar, sheet: Scalar
                  ) -> tuple[np.ndarray, np.ndarray, Scalar]:
    """The tank's side profile, its inside (offset by the sheet) and the width across y that
    holds ``litres`` inside the walls; memoised for one design."""
    if all(np.ndim(v) == 0 for v in (litres, length, height, sheet)):
        return _tank_section_one(float(litres), float(length), float(height), float(sheet))
    return _tank_section_any(litres, length, height, sheet)


@functools.lru_cache(maxsize=256)
def _tank_section_one(litres: float, length: float, height: float, sheet: float
                      ) -> tuple[np.ndarray, np.ndarray, float]:
    profile, inner, width = _tank_section_any(litres, length, height, sheet)
    profile.setflags(write=False)
    inner.setflags(write=False)
    return profile, inner, float(width)


def _tank_section_any(litres: Scalar, length: Scalar, height: Scalar, sheet: Scalar
                      ) -> tuple[np.ndarray, np.ndarray, Scalar]:
    c = 0.25 * height
    profile = as_points([(0.0, 0.0), (0.0, -height + c), (-c, -height), (-length + c, -height),
                         (-length, -height + c), (-length, 0.0)], 2, "the fuel tank's profile")
    iu, iv, _ = offset_inward(profile[..., 0], profile[..., 1], np.asarray(sheet, dtype=float))
    inner_area = abs(polygon_integral(iu, iv, 0, 0))
    width = litres * L_TO_MM3 / inner_area + 2.0 * sheet
    return profile, np.stack([iu, iv], axis=-1), width


def battery(*, x: Scalar, y: Scalar, z_bottom: Scalar, mass_kg: Scalar = 9.5,
            size: tuple[float, float, float] = (187.0, 127.0, 227.0)) -> Component:
    """A lead-acid battery, JIS 40B19 size by default (187 × 127 × 227 mm; about 9.5 kg,
    typical catalogue figure)."""
    return Component("battery", "electrical", Box(size=size, centre=(0.0, 0.0, 0.5 * size[2])),
                     material("plastic"), Placement.at(x, y, z_bottom), mass_kg=mass_kg,
                     colour=PAINT["battery"])


def radiator(*, x_front: Scalar, z_bottom: Scalar, width: Scalar = 500.0,
             height: Scalar = 320.0, mass_kg: Scalar = 9.0) -> Component:
    """A radiator core 60 mm deep, full of coolant (mass an estimate)."""
    core = Box(size=(60.0, width, height), centre=(-30.0, 0.0, 0.5 * height))
    return Component("radiator", "cooling", core, material("aluminium"),
                     Placement.at(x_front, 0.0, z_bottom), mass_kg=mass_kg,
                     colour=PAINT["radiator"])


def exhaust(*, points: list[tuple[Scalar, Scalar, Scalar]], muffler_x: Scalar,
            muffler_y: Scalar, muffler_z: Scalar, muffler_length: Scalar = 400.0,
            muffler_radius: Scalar = 85.0, muffler_mass_kg: Scalar = 7.0,
            pipe_diameter: Scalar = 42.7, pipe_wall: Scalar = 1.5) -> list[Component]:
    """An exhaust: a bent steel pipe along ``points`` (from the manifold to the muffler) and
    a round muffler along x centred at (``muffler_x``, ``muffler_y``, ``muffler_z``).

    Returns:
        ``exhaust_pipe`` (mass from its steel) and ``exhaust_muffler`` (mass explicit).
    """
    steel = material("steel")
    pipe = TubePath(points, outer_diameter=pipe_diameter, wall=pipe_wall)
    r, half = muffler_radius, 0.5 * muffler_length
    can = Revolution([(0.0, -half), (0.7 * r, -half), (r, -half + 0.3 * r), (r, half - 0.3 * r),
                      (0.7 * r, half), (0.0, half)], axis="x")
    return [Component("exhaust_pipe", "powertrain", pipe, steel, colour=PAINT["exhaust"]),
            Component("exhaust_muffler", "powertrain", can, steel,
                      Placement.at(muffler_x, muffler_y, muffler_z),
                      mass_kg=muffler_mass_kg, colour=PAINT["exhaust"])]


def dashboard(*, front_x: Scalar, width: Scalar, z_bottom: Scalar, wheel_x: Scalar,
              wheel_y: Scalar, wheel_z: Scalar, depth: Scalar = 300.0, height: Scalar = 300.0,
              mass_kg: Scalar = 22.0, wheel_mass_kg: Scalar = 3.0,
              wheel_diameter: Scalar = 360.0) -> list[Component]:
    """The dashboard (with its crossbeam, heater and instruments; a sloped-top block behind
    the front face) and the steering wheel (a ring facing the driver, its rim section a
    hexagon). Masses are estimates.

    Returns:
        ``dashboard`` and ``steering_wheel``.
    """
    profile = [(0.0, 0.0), (0.0, height), (-0.6 * depth, height), (-depth, 0.55 * height),
               (-depth, 0.0)]
    dash = Prism(profile, plane="xz", extent=(-0.5 * width, 0.5 * width))
    r, t = 0.5 * wheel_diameter, 14.0
    ring = Revolution([(r - t, -0.5 * t), (r, -t), (r + t, -0.5 * t), (r + t, 0.5 * t), (r, t),
                       (r - t, 0.5 * t)], axis="x")
    return [Component("dashboard", "interior", dash, material("plastic"),
                      Placement.at(front_x, 0.0, z_bottom), mass_kg=mass_kg,
                      colour=PAINT["chassis"]),
            Component("steering_wheel", "interior", ring, material("plastic"),
                      Placement.at(wheel_x, wheel_y, wheel_z), mass_kg=wheel_mass_kg,
                      colour=PAINT["seat"])]
