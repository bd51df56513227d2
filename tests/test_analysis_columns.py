"""The fast path as a sweep runs it: ``Concept.layout_batch`` then ``analyse_columns`` on a
grid of designs, against each design laid out and analysed alone, and batch after batch in one
process (the figures remembered from the components the same in every design must be those
of the batch at hand)."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign import get_concept
from keidesign.analysis import analyse_columns, regulation

REG = regulation()


def _grid(wheelbases: list[float], tracks: np.ndarray) -> dict[str, np.ndarray]:
    """A wheelbase × rear-track grid, wheelbase-major (as a sweep's chunk of a grid)."""
    wheelbase, track = (a.ravel() for a in np.meshgrid(wheelbases, tracks, indexing="ij"))
    return {"wheelbase": wheelbase, "track_rear": track}


def _assert_design(columns: dict[str, np.ndarray], i: int, alone: dict[str, np.ndarray]) -> None:
    """Design ``i`` of the batch's columns has the figures of the design analysed alone
    (floats to 1e-9 relative: a batch and one design may sum in another order)."""
    assert columns.keys() == alone.keys()
    for name, values in columns.items():
        got, want = values[i], alone[name][0]
        if np.asarray(values).dtype.kind == "f":
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-6, err_msg=name)
        else:
            assert got == want, name


@pytest.mark.parametrize("name", ["cab-over-truck", "mid-engine-concept"])
def test_a_grid_batch_matches_each_design_alone(name):
    """80 designs (enough for every per-distinct-design shortcut), 4 wheelbases × 20 tracks:
    each design's columns are those it gets alone."""
    cls = get_concept(name)
    varied = _grid([1900.0, 1975.0, 2050.0, 2200.0], np.linspace(1250.0, 1320.0, 20))
    columns = analyse_columns(cls.layout_batch(varied), REG)
    for i in (0, 7, 19, 20, 41, 63, 79):
        alone = cls(wheelbase=float(varied["wheelbase"][i]),
                    track_rear=float(varied["track_rear"][i])).layout()
        _assert_design(columns, i, analyse_columns(alone, REG))


def test_batches_in_turn_keep_to_their_own_fixed_parts():
    """Chunks of one sweep share their fixed components (remembered from one to the next);
    another fixed parameter makes other fixed components, whose figures are their own."""
    cls = get_concept("cab-over-truck")
    varied = _grid([1900.0, 2000.0], np.linspace(1260.0, 1310.0, 40))
    first = analyse_columns(cls.layout_batch(varied), REG)
    again = analyse_columns(cls.layout_batch(varied), REG)
    for key, values in first.items():
        np.testing.assert_array_equal(values, again[key], err_msg=key)
    for fixed in ({"cab_height": 1850.0, "bed_floor_height": 700.0}, {"lift": 60.0}):
        columns = analyse_columns(cls.layout_batch(varied, fixed), REG)
        for i in (3, 52):
            alone = cls(wheelbase=float(varied["wheelbase"][i]),
                        track_rear=float(varied["track_rear"][i]), **fixed).layout()
            _assert_design(columns, i, analyse_columns(alone, REG))
        assert not np.array_equal(columns["envelope.height_mm"], first["envelope.height_mm"])


def test_stored_groups_broadcast_to_the_full_arrays():
    """Components the same in every design, moved alone, or reshaped: the (N, C, …) arrays
    assembled from the groups are those of the designs laid out one by one."""
    cls = get_concept("cab-over-truck")
    varied = _grid([1900.0, 2100.0], np.array([1260.0, 1300.0]))
    layout = cls.layout_batch(varied)
    assert len(layout.groups()) == 3
    for i in range(4):
        alone = cls(wheelbase=float(varied["wheelbase"][i]),
                    track_rear=float(varied["track_rear"][i])).layout()
        for figure in ("mass_kg", "volume_mm3", "centroid_mm", "unit_inertia_mm2",
                       "bbox_min_mm", "bbox_max_mm"):
            np.testing.assert_array_equal(getattr(layout, figure)[i],
                                          getattr(alone, figure)[0], err_msg=figure)


def test_designs_alike_to_the_ground_but_not_in_their_boxes():
    """Four lifts, twenty designs each: the same wheelbase, tyres and sinking (a lift moves
    nothing along the car, so the axle loads are the same) but higher underside boxes, so
    the ground figures are grouped on every number; each design still gets its own."""
    cls = get_concept("cab-over-truck")
    lifts = np.repeat([0.0, 20.0, 40.0, 60.0], 20)
    columns = analyse_columns(cls.layout_batch({"lift": lifts}), REG)
    for i in (0, 25, 47, 79):
        alone = cls(lift=float(lifts[i])).layout()
        _assert_design(columns, i, analyse_columns(alone, REG))
