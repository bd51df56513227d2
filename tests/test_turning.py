"""Turning circles: the catalogue radius, kerb to kerb and wall to wall, against hand
calculations, across a batch, and for vehicles that are not symmetric."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keidesign import CabOverTruck, get_concept
from keidesign.analysis.turning import turning_circle
from keidesign.layout import Component, Layout, VehicleFacts
from keidesign.parts.materials import material
from keidesign.shapes import Box, Placement


def _box_car(steer_deg=30.0, wheelbase=2000.0, track=1300.0, tyre_width=150.0,
             extra=()) -> Layout:
    """A body box 3000 × 1400 from x = +600 back, and the front tyres as boxes."""
    steel = material("steel")
    body = Component("body", "body", Box(size=(3000.0, 1400.0, 1000.0)), steel,
                     Placement.at(600.0 - 1500.0, 0.0, 800.0))
    tyres = [Component(f"tyre_front_{side}", "wheel", Box(size=(500.0, tyre_width, 500.0)),
                       material("rubber"), Placement.at(0.0, sign * 0.5 * track, 250.0))
             for side, sign in (("left", 1.0), ("right", -1.0))]
    facts = VehicleFacts(wheelbase_mm=wheelbase, track_front_mm=track, track_rear_mm=track,
                         displacement_cc=658.0, seats=2, rated_payload_kg=0.0, is_truck=False,
                         max_steer_deg=steer_deg)
    return Layout.from_components("box-car", [body, *tyres, *extra], facts)


def test_against_a_hand_calculation():
    turn = turning_circle(_box_car())
    wb, half_track, delta = 2000.0, 650.0, math.radians(30.0)
    assert turn.radius_m[0] == pytest.approx(wb / math.sin(delta) / 1000.0)  # 4.000 m
    centre = wb / math.tan(delta) - half_track  # from the centre plane, inside the turn
    # Under Ackermann steering the outer wheel's plane is tangent to its circle: its outer
    # edge runs half a tyre width outside the wheel centre's circle.
    assert turn.kerb_to_kerb_m[0] == pytest.approx((wb / math.sin(delta) + 75.0) / 1000.0)
    # The body's outer front corner: 600 mm ahead of the front axle, 700 mm out.
    wall = math.hypot(wb + 600.0, centre + 700.0)
    assert turn.wall_to_wall_m[0] == pytest.approx(wall / 1000.0)


def test_a_part_sticking_out_on_one_side_counts_in_either_direction():
    snorkel = Component("snorkel", "body", Box(size=(100.0, 100.0, 100.0)), material("steel"),
                        Placement.at(550.0, 760.0, 1500.0))  # left side: widest turning right
    plain = turning_circle(_box_car()).wall_to_wall_m[0]
    wider = turning_circle(_box_car(extra=[snorkel])).wall_to_wall_m[0]
    centre = 2000.0 / math.tan(math.radians(30.0)) - 650.0
    assert wider == pytest.approx(max(plain, math.hypot(2600.0, centre + 810.0) / 1000.0))
    assert wider > plain


def test_no_steering_angle_no_turning_circle():
    turn = turning_circle(_box_car(steer_deg=None))
    assert np.isnan(turn.radius_m).all() and np.isnan(turn.wall_to_wall_m).all()


@settings(max_examples=40, deadline=None)
@given(st.floats(20.0, 45.0), st.floats(1600.0, 2600.0), st.floats(1000.0, 1500.0))
def test_radii_order_and_fall_with_more_lock(steer, wheelbase, track):
    turn = turning_circle(_box_car(steer, wheelbase, track))
    more = turning_circle(_box_car(steer + 2.0, wheelbase, track))
    assert wheelbase / 1000.0 < turn.radius_m[0] < turn.kerb_to_kerb_m[0] \
        <= turn.wall_to_wall_m[0]
    assert more.radius_m[0] < turn.radius_m[0]
    assert more.wall_to_wall_m[0] < turn.wall_to_wall_m[0]


def test_batch_equals_each_design():
    steer = np.array([28.0, 31.9, 36.0])
    wheelbase = np.array([1800.0, 1900.0, 2100.0])
    batch = turning_circle(CabOverTruck.layout_batch({"max_steer_deg": steer,
                                                      "wheelbase": wheelbase}))
    for i in range(3):
        one = CabOverTruck(max_steer_deg=steer[i], wheelbase=wheelbase[i]).analyse().turning
        assert batch.radius_m[i] == pytest.approx(one["radius_m"], rel=1e-12)
        assert batch.kerb_to_kerb_m[i] == pytest.approx(one["kerb_to_kerb_m"], rel=1e-12)
        assert batch.wall_to_wall_m[i] == pytest.approx(one["wall_to_wall_m"], rel=1e-12)


def test_check_reports_it_and_sweeps_have_columns():
    result = get_concept("hijet-s500p")().analyse()
    assert result.as_dict()["turning"]["radius_m"] == pytest.approx(3.6, abs=0.15)
    from keidesign.sweep import output_schema

    names = {name for name, _ in output_schema("cab-over-truck")}
    assert {"turning.radius_m", "turning.kerb_to_kerb_m", "turning.wall_to_wall_m"} <= names
