"""Stacking components into a layout, and what it refuses."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign import ParameterError
from keidesign.layout import Box, Component, Cylinder, Layout, VehicleFacts

FACTS = VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1200.0, track_rear_mm=1200.0,
                     displacement_cc=658, seats=2, rated_payload_kg=0, is_truck=False)
GREY = (0.5, 0.5, 0.5)


def cube(name, x=0.0, mass=10.0, **kw):
    return Component(name, "test", Box((x, 0.0, 100.0), (100.0, 100.0, 100.0)), GREY,
                     mass_kg=mass, **kw)


def test_arrays_and_order():
    layout = Layout.from_components("t", [cube("a"), cube("b", x=-500.0, load="payload",
                                                          in_envelope=False)], FACTS)
    assert layout.names == ("a", "b") and layout.n_designs == 1
    assert layout.mass_kg.shape == (1, 2) and layout.centroid_mm.shape == (1, 2, 3)
    np.testing.assert_array_equal(layout.in_envelope, [True, False])
    np.testing.assert_allclose(layout.bbox_min_mm[0, 1], [-550.0, -50.0, 50.0])
    assert layout.index("b") == 1


def test_density_gives_mass():
    steel = Component("s", "test", Box((0.0, 0.0, 0.0), (100.0, 100.0, 100.0)), GREY,
                      density_kg_m3=7850.0)
    assert steel.mass() == pytest.approx(7.85)


def test_duplicate_names_refused():
    with pytest.raises(ParameterError, match="'a' is used twice"):
        Layout.from_components("t", [cube("a"), cube("a")], FACTS)


def test_negative_mass_refused():
    with pytest.raises(ParameterError, match="component 'heavy'"):
        Layout.from_components("t", [cube("heavy", mass=-1.0)], FACTS)


def test_zero_length_cylinder_refused_with_its_name():
    flat = Component("axle", "test", Cylinder((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), 10.0), GREY,
                     mass_kg=1.0)
    with pytest.raises(ParameterError, match="component 'axle'"):
        Layout.from_components("t", [cube("a"), flat], FACTS)
