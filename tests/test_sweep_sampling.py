"""Designs of experiments: grid, random and Latin hypercube (counts, bounds, seeds, levels)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from keidesign.sweep import SweepSpec
from keidesign.sweep.sampling import Axis, grid, sample, unit_samples

AXES = [Axis(name="a", low=-300.0, high=300.0, count=4),
        Axis(name="b", low=0.0, high=500.0, count=3),
        Axis(name="c", levels=np.array(["under_seat", "midship", "rear"]))]


def test_grid_is_every_combination():
    points = grid(AXES)
    assert all(len(v) == 4 * 3 * 3 for v in points.values())
    combos = set(zip(points["a"].tolist(), points["b"].tolist(), points["c"].tolist()))
    assert len(combos) == 36
    np.testing.assert_array_equal(np.unique(points["a"]), np.linspace(-300, 300, 4))
    assert points["a"][0] == points["a"][8] == -300.0  # first axis slowest
    assert list(points["c"][:3]) == ["under_seat", "midship", "rear"]  # last axis fastest


@pytest.mark.parametrize("method", ["random", "lhs"])
def test_samples_count_bounds_and_levels(method):
    points = sample(AXES, method, samples=300, seed=7)
    assert all(len(v) == 300 for v in points.values())
    assert points["a"].min() >= -300 and points["a"].max() <= 300
    assert points["b"].min() >= 0 and points["b"].max() <= 500
    assert set(points["c"]) == {"under_seat", "midship", "rear"}
    assert len(np.unique(points["a"])) == 300  # continuous, not a grid


@pytest.mark.parametrize("method", ["random", "lhs"])
def test_same_seed_same_designs(method):
    one = sample(AXES, method, samples=50, seed=3)
    two = sample(AXES, method, samples=50, seed=3)
    other = sample(AXES, method, samples=50, seed=4)
    for name in one:
        np.testing.assert_array_equal(one[name], two[name])
    assert not np.array_equal(one["a"], other["a"])


def test_lhs_puts_one_sample_in_each_stratum():
    n = 40
    u = unit_samples("lhs", n, 3, seed=11)
    for k in range(3):
        strata = np.floor(u[:, k] * n).astype(int)
        assert sorted(strata) == list(range(n))


def test_lhs_balances_categorical_levels():
    counts = Counter(sample(AXES, "lhs", samples=30, seed=0)["c"].tolist())
    assert counts == {"under_seat": 10, "midship": 10, "rear": 10}


def test_integer_axes_round():
    axis = Axis(name="n", low=1.0, high=4.0, count=7, integer=True)
    assert set(axis.grid_values()) == {1.0, 2.0, 3.0, 4.0}
    assert set(axis.from_unit(np.linspace(0, 0.999, 50))) == {1.0, 2.0, 3.0, 4.0}


def test_spec_samples_within_parameter_ranges():
    spec = SweepSpec(concept="mid-engine-concept", method="lhs", samples=64, seed=5,
                     vary=["track_rear=1150:1450", "cage_material=carbon,steel",
                           "tyre_width_rear=145:295:9"])  # a grid count is ignored by lhs
    points = spec.points()
    assert spec.n_points == 64 and len(points["track_rear"]) == 64
    assert points["track_rear"].min() >= 1150 and points["track_rear"].max() <= 1450
    assert Counter(points["cage_material"].tolist()) == {"carbon": 32, "steel": 32}
