"""Closed-form properties of the layout primitives."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keidesign.layout.shapes import Box, Cylinder, shape_row


def tensor(six):
    xx, yy, zz, xy, xz, yz = six
    return np.array([[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]], dtype=float)


def test_solid_box():
    b = Box(centre=(1.0, 2.0, 3.0), size=(100.0, 200.0, 300.0))
    assert b.volume_mm3() == pytest.approx(6e6)
    np.testing.assert_allclose(tensor(b.unit_inertia_mm2()),
                               np.diag([(200**2 + 300**2) / 12, (100**2 + 300**2) / 12,
                                        (100**2 + 200**2) / 12]))
    assert b.half_extents_mm() == (50.0, 100.0, 150.0)


def test_box_tube_is_outer_minus_inner():
    tube = Box(centre=(0.0, 0.0, 0.0), size=(1000.0, 50.0, 100.0), wall=3.0, hollow_axis="x")
    outer = Box(centre=(0.0, 0.0, 0.0), size=(1000.0, 50.0, 100.0))
    inner = Box(centre=(0.0, 0.0, 0.0), size=(1000.0, 44.0, 94.0))
    assert tube.volume_mm3() == pytest.approx(outer.volume_mm3() - inner.volume_mm3())
    expected = (outer.volume_mm3() * tensor(outer.unit_inertia_mm2())
                - inner.volume_mm3() * tensor(inner.unit_inertia_mm2())) / tube.volume_mm3()
    np.testing.assert_allclose(tensor(tube.unit_inertia_mm2()), expected)


def test_cylinder_along_y():
    c = Cylinder(start=(0.0, -50.0, 200.0), end=(0.0, 50.0, 200.0), radius=200.0)
    assert c.volume_mm3() == pytest.approx(math.pi * 200**2 * 100)
    assert c.centroid_mm() == (0.0, 0.0, 200.0)
    t = tensor(c.unit_inertia_mm2())
    assert t[1, 1] == pytest.approx(200**2 / 2)
    assert t[0, 0] == pytest.approx((3 * 200**2 + 100**2) / 12)
    np.testing.assert_allclose(c.half_extents_mm(), (200.0, 50.0, 200.0))


@settings(max_examples=50, deadline=None)
@given(st.floats(-1, 1), st.floats(-1, 1), st.floats(-1, 1), st.floats(5, 500),
       st.floats(1, 100), st.floats(0, 0.9))
def test_tilted_tube_matches_rotated_axis_aligned_tube(dx, dy, dz, length, radius, bore):
    """Inertia of a tilted tube is R I Rᵀ of the same tube along z; its bbox holds its rims."""
    d = np.array([dx, dy, dz])
    if np.linalg.norm(d) < 1e-3:
        d = np.array([0.0, 0.0, 1.0])
    d /= np.linalg.norm(d)
    start = -0.5 * length * d
    tube = Cylinder(start=tuple(start), end=tuple(-start), radius=radius,
                    inner_radius=bore * radius)
    along_z = Cylinder(start=(0, 0, -0.5 * length), end=(0, 0, 0.5 * length), radius=radius,
                       inner_radius=bore * radius)
    # Rotation taking z to d (Rodrigues).
    z = np.array([0.0, 0.0, 1.0])
    v, c = np.cross(z, d), float(z @ d)
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    rot = np.eye(3) + vx + vx @ vx / (1 + c) if c > -1 + 1e-9 else np.diag([1.0, -1.0, -1.0])
    np.testing.assert_allclose(tensor(tube.unit_inertia_mm2()),
                               rot @ tensor(along_z.unit_inertia_mm2()) @ rot.T,
                               rtol=1e-9, atol=1e-6 * (radius**2 + length**2))
    # Points on both rims reach the bbox but never pass it.
    angles = np.linspace(0, 2 * np.pi, 721)
    u = rot @ np.array([1.0, 0.0, 0.0])
    w = rot @ np.array([0.0, 1.0, 0.0])
    rims = np.concatenate([e + radius * (np.cos(angles)[:, None] * u + np.sin(angles)[:, None] * w)
                           for e in (start, -start)])
    half = np.array(tube.half_extents_mm())
    assert np.all(np.abs(rims) <= half + 1e-6)
    np.testing.assert_allclose(np.abs(rims).max(axis=0), half, rtol=1e-4, atol=1e-6)


def test_shapes_broadcast_over_designs():
    widths = np.array([100.0, 200.0, 300.0])
    b = Box(centre=(0.0, 0.0, 0.0), size=(widths, 10.0, 10.0))
    rows = shape_row(b)
    np.testing.assert_allclose(rows[3], widths / 2)
    for w, vol in zip(widths, np.broadcast_to(b.volume_mm3(), (3,))):
        assert vol == pytest.approx(w * 100)
