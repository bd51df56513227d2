"""Kei-box fit: envelope, margins, which components stick out."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign import CabOverTruck, MidEngineConcept
from keidesign.analysis import envelope, fit_box, regulation


def test_mirrors_do_not_count_toward_width(reference):
    truck = CabOverTruck()
    layout = truck.layout()
    lo, hi = layout.bbox_min_mm[0], layout.bbox_max_mm[0]
    over_mirrors = hi[:, 1].max() - lo[:, 1].min()
    assert over_mirrors == pytest.approx(reference["hijet_truck_s500p"]["width_over_mirrors_mm"])
    assert truck.analyse().envelope_mm["width"] == pytest.approx(
        reference["hijet_truck_s500p"]["width_mm"])


def test_widening_the_track_names_the_tyres():
    result = CabOverTruck(track_front=1500, track_rear=1500).analyse()
    assert not result.fits
    width = [v for v in result.violations if v.axis == "width"]
    # The tyres reach furthest; rims and hubs outboard of 740 mm stick out too.
    assert {v.component for v in width[:4]} == {"tyre_front_left", "tyre_front_right",
                                                "tyre_rear_left", "tyre_rear_right"}
    assert {v.component.split("_")[0] for v in width} == {"tyre", "rim", "hub"}
    for v in width[:4]:
        # 1500 + 145 = 1645 overall, 165 over 1480: 82.5 mm a side.
        assert v.excess_mm == pytest.approx(82.5)
    assert result.margins_mm["width"] == pytest.approx(1480 - 1645)


def test_a_tall_cab_breaks_height_only():
    result = CabOverTruck(cab_height=2100).analyse()
    assert {v.axis for v in result.violations} == {"height"}
    assert (result.violations[0].component, result.violations[0].excess_mm) == (
        "cab_shell", pytest.approx(100.0))
    # The windscreen's top edge sits a roof chamfer (60 mm) below the roof.
    rest = {v.component: v.excess_mm for v in result.violations[1:]}
    assert rest == {"cab_windscreen": pytest.approx(40.0)}


def test_long_bed_breaks_length_and_names_the_ends():
    result = CabOverTruck(bed_length=2300).analyse()
    length = {v.component: v.excess_mm for v in result.violations if v.axis == "length"}
    assert result.margins_mm["length"] == pytest.approx(3400 - 3665)
    # Centred box: the cab front and the bed's rear parts each stick out by half the excess.
    assert length["cab_shell"] == pytest.approx(132.5)
    assert length["tailgate"] == pytest.approx(132.5)
    assert max(length.values()) == pytest.approx(132.5)
    assert {v.axis for v in result.violations} == {"length"}


def test_older_eras_are_stricter():
    truck = CabOverTruck()
    assert truck.analyse(era=1998).fits
    old = truck.analyse(era=1976)
    assert not old.fits
    assert old.margins_mm["length"] == pytest.approx(3200 - 3395)
    assert {c.limit for c in old.limit_checks if not c.ok} == {"displacement"}


def test_displacement_and_payload_limits():
    big = CabOverTruck(engine="K15B").analyse()
    assert [c.limit for c in big.limit_checks if not c.ok] == ["displacement"]
    assert not CabOverTruck(rated_payload=400).analyse().fits
    # The concept is not a truck: its payload rating is its own.
    assert MidEngineConcept(rated_payload=350).analyse().fits


def test_batch_envelope_matches_single():
    tracks = np.array([1200.0, 1305.0, 1500.0])
    batch = CabOverTruck.layout_batch({"track_front": tracks})
    env = envelope(batch)
    fit = fit_box(batch, env, regulation())
    for i, t in enumerate(tracks):
        single = CabOverTruck(track_front=t).analyse()
        assert env.size_mm[i, 1] == pytest.approx(single.envelope_mm["width"])
        assert bool(fit.fits_box[i]) == single.fits


@pytest.mark.parametrize("upper", [True, False])
def test_one_component_reaching_furthest_is_the_one_argmax_names(upper):
    """The shortcut for a component that reaches furthest in every design names what
    argmax (argmin) does, or leaves it to them: ties, ±0 included, and rows that differ."""
    from keidesign.analysis.envelope import _same_first

    rng = np.random.default_rng(3)
    cases = [rng.normal(size=(6, 50)).round(1) for _ in range(200)]
    lead = rng.normal(size=(5, 40))
    lead[2] = 10.0 if upper else -10.0                   # one row reaches furthest everywhere
    cases.append(lead)
    tied = lead.copy()
    tied[4] = tied[2]                                    # a later row ties it
    cases.append(tied)
    cases.append(np.array([[-0.0, 0.0], [0.0, -0.0], [-1.0, -1.0]]) * (1 if upper else -1))
    found = 0
    for values in cases:
        i = _same_first(values, upper)
        expected = values.argmax(axis=0) if upper else values.argmin(axis=0)
        if i is not None:
            found += 1
            assert (expected == i).all()
    assert found >= 2


@pytest.mark.parametrize("upper", [True, False])
def test_a_moved_part_that_ties_the_reach_of_a_fixed_one_is_named_if_it_comes_first(upper):
    """The search skips moved parts that cannot reach the fixed parts' extreme; one that
    only ties it still counts, and the first in layout order is named (as argmax finds it
    over every component)."""
    from keidesign.analysis.envelope import _extremes
    from keidesign.layout import Component, Layout, Material, VehicleFacts
    from keidesign.shapes import Box, Placement

    facts = VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1200.0, track_rear_mm=1200.0,
                         displacement_cc=658, seats=2, rated_payload_kg=0, is_truck=False)
    grey = Material("grey", 1000.0, (0.5, 0.5, 0.5))
    cube = Box(size=(100.0, 100.0, 100.0))
    moved = Component("moved", "test", cube, grey, mass_kg=1.0,
                      placement=Placement.at(np.array([0.0, 10.0, 20.0]), 0.0, 100.0))
    fixed = Component("fixed", "test", cube, grey, mass_kg=1.0,
                      placement=Placement.at(500.0, 0.0, 100.0))
    layout = Layout.from_components("t", [moved, fixed], facts, n_designs=3)
    (bottoms, bottoms_at), (tops, tops_at) = _extremes(layout)
    reach, at = (tops, tops_at) if upper else (bottoms, bottoms_at)
    boxes = layout.bbox_max_mm if upper else layout.bbox_min_mm           # (N, C, 3)
    for a in (1, 2):                          # y and z: the two cubes tie in every design
        expected = boxes[:, :, a].argmax(1) if upper else boxes[:, :, a].argmin(1)
        np.testing.assert_array_equal(at[a], expected)
        np.testing.assert_array_equal(at[a], [0, 0, 0])
