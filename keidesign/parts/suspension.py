"""Suspension and axles: struts, arms, leaf springs, beam axles and differentials."""

from __future__ import annotations

import numpy as np

from keidesign.layout.component import Component, pair
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Box, Cylinder, Placement, Prism, Revolution
from keidesign.shapes.arrays import Scalar

__all__ = ["strut_suspension", "leaf_springs", "beam_axle", "trailing_arms", "steering_rack"]


def strut_suspension(*, x: Scalar, wheel_inner_y: Scalar, wheel_centre_z: Scalar,
                     top_z: Scalar, arm_mass_kg: Scalar = 10.0,
                     strut_mass_kg: Scalar = 8.0) -> list[Component]:
    """MacPherson struts at one axle: per side a lower arm with its knuckle (a block beside
    the wheel) and a strut (damper and spring) from the knuckle up to its top mount, leaning
    inboard 10°.

    Args:
        x: the axle's x, mm.
        wheel_inner_y: y of the left wheel's inner face, mm (the parts sit inboard of it).
        wheel_centre_z: wheel centre height, mm.
        top_z: height of the strut top mount, mm.
        arm_mass_kg: lower arm, knuckle and bearings of one side (estimate).
        strut_mass_kg: damper, spring and top mount of one side (estimate).

    Returns:
        ``front_arm_left/right``, ``front_strut_left/right`` (prefix from the axle: see
        :func:`trailing_arms` for the rear).
    """
    steel = material("steel")
    y = wheel_inner_y - 50.0
    arm = Box(size=(180.0, 80.0, 160.0))
    lean = (top_z - wheel_centre_z) * np.tan(np.radians(10.0))
    strut = Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, -lean, top_z - wheel_centre_z - 60.0),
                     radius=45.0)
    return (pair(Component("front_arm_{side}", "suspension", arm, steel,
                           Placement.at(x, y - 10.0, wheel_centre_z - 60.0),
                           mass_kg=arm_mass_kg, colour=PAINT["chassis"], sprung=False,
                           touches=("front_strut_{side}", "frame")))
            + pair(Component("front_strut_{side}", "suspension", strut, steel,
                             Placement.at(x, y - 40.0, wheel_centre_z + 20.0),
                             mass_kg=strut_mass_kg, colour=PAINT["chassis"],
                             touches=("frame", "body"))))


def trailing_arms(*, x_axle: Scalar, wheel_inner_y: Scalar, wheel_centre_z: Scalar,
                  length: Scalar = 440.0, mass_kg: Scalar = 19.0) -> list[Component]:
    """Independent rear suspension: per side a trailing arm block reaching forward from the
    wheel, with its coil-over (one part, ``rear_suspension_left/right``; mass an estimate)."""
    block = Box(size=(length, 60.0, 440.0), centre=(0.5 * length - 90.0, 0.0, 160.0))
    return pair(Component("rear_suspension_{side}", "suspension", block, material("steel"),
                          Placement.at(x_axle, wheel_inner_y - 70.0, wheel_centre_z),
                          mass_kg=mass_kg, colour=PAINT["chassis"], sprung=False,
                          touches=("frame", "body")))


def _leaf_profile(length: Scalar, thickness: Scalar, arch: Scalar, steps: int = 6
                  ) -> list[tuple[Scalar, Scalar]]:
    """An arched leaf pack as (x, z) vertices centred on the axle seat: the top follows a
    parabola ``arch`` high at the eyes (ends) and the pack tapers to a third at the ends."""
    xs = np.linspace(-0.5, 0.5, 2 * steps + 1)
    top = [(f * length, arch * (2.0 * f) ** 2) for f in xs]
    bottom = [(f * length, arch * (2.0 * f) ** 2 - thickness * (1.0 - 0.66 * abs(2.0 * f)))
              for f in xs[::-1]]
    return top + bottom


def leaf_springs(*, x_axle: Scalar, y: Scalar, seat_z: Scalar, length: Scalar = 900.0,
                 width: Scalar = 50.0, thickness: Scalar = 30.0,
                 arch: Scalar = 60.0) -> list[Component]:
    """A pair of semi-elliptic leaf springs along x, centred over the axle at ±y, their axle
    seat (the pack's middle, top face) at ``seat_z``; steel, mass from the volume."""
    spring = Prism(_leaf_profile(length, thickness, arch), plane="xz",
                   extent=(-0.5 * width, 0.5 * width))
    return pair(Component("leaf_spring_{side}", "suspension", spring, material("steel"),
                          Placement.at(x_axle, y, seat_z), colour=PAINT["chassis"],
                          sprung=False, touches=("frame", "*_axle_{side}", "rear_axle_{side}")))


def beam_axle(*, x: Scalar, half_length: Scalar, z: Scalar, tube_radius: Scalar = 40.0,
              mass_kg: Scalar = 28.0, differential_mass_kg: Scalar = 18.0,
              name: str = "rear_axle") -> list[Component]:
    """A live beam axle: the axle tube across the vehicle and the differential housing in
    its middle (a solid of revolution about the pinion, along x).

    Args:
        x: the axle's x, mm.
        half_length: from the centre to each hub face, mm.
        z: axle centre height (the wheel centre), mm.
        tube_radius: mm.
        mass_kg: axle tubes, shafts and hub carriers (estimate).
        differential_mass_kg: differential with its oil (estimate).
        name: the tubes' name (``rear_axle_left``, ``rear_axle_right``); the housing is
            ``differential`` (``front_differential`` for a front axle).
    """
    steel = material("steel")
    # Two tubes from the housing's sides (130 mm out) to the hubs: no part overlaps another.
    tube = Cylinder(start=(0.0, 130.0, 0.0), end=(0.0, half_length, 0.0), radius=tube_radius)
    pumpkin = Revolution([(0.0, -160.0), (60.0, -160.0), (70.0, -90.0), (130.0, -40.0),
                          (130.0, 50.0), (90.0, 110.0), (0.0, 110.0)], axis="x")
    diff_name = "differential" if name == "rear_axle" else f"{name.split('_')[0]}_differential"
    return pair(Component(f"{name}_{{side}}", "suspension", tube, steel, Placement.at(x, 0.0, z),
                          mass_kg=0.5 * mass_kg, colour=PAINT["chassis"], sprung=False,
                          touches=(diff_name, "hub_*"))) + [
            Component(diff_name, "powertrain", pumpkin, steel, Placement.at(x, 0.0, z),
                      mass_kg=differential_mass_kg, colour=PAINT["transmission"], sprung=False)]


def steering_rack(*, x: Scalar, z: Scalar, half_length: Scalar, mass_kg: Scalar = 8.0
                  ) -> Component:
    """A rack-and-pinion steering gear across the vehicle at (x, z), with its share of the
    column and tie rods (mass an estimate)."""
    rack = Cylinder(start=(0.0, -half_length, 0.0), end=(0.0, half_length, 0.0), radius=30.0)
    return Component("steering_rack", "suspension", rack, material("steel"),
                     Placement.at(x, 0.0, z), mass_kg=mass_kg, colour=PAINT["chassis"],
                     touches=("frame",))
