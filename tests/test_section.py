"""Covers of prisms whose profile is not in vehicle xz (:mod:`keidesign.shapes.section`): strip
boxes that hold every point of the prism, no less volume than it and no more than its box;
exact where the profile's sides run along its axes; and the AZ-1's gullwing doors, clear of
the occupants as the CAD kernel measures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keidesign import get_concept
from keidesign.analysis.clashes import clashes, pair_clearance, part_cover
from keidesign.shapes import Placement, Prism
from keidesign.shapes.prism import PLANES
from keidesign.shapes.section import PROFILE_STRIPS, Slab, cover
from tests.strategies import ROTATIONS, points3, prisms, shape_batches

#: Rounding allowed on the unsafe side, mm (coordinates are up to a few metres).
TOL_MM = 1e-6

SETTINGS = settings(max_examples=150, deadline=None)

#: Rotations that take a shape's own y off vehicle y (an "xz" prism's profile leaves xz).
TURNED_OFF_Y = tuple(r for r in ROTATIONS if r[1][1] == 0)


def _inside(poly: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Whether each of the (P, 2) points is strictly inside the (V, 2) polygon (even-odd)."""
    u, v = poly[:, 0], poly[:, 1]
    u1, v1 = np.roll(u, -1), np.roll(v, -1)
    pu, pv = pts[:, :1], pts[:, 1:]
    crosses = (v > pv) != (v1 > pv)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = u + (pv - v) * (u1 - u) / (v1 - v)
    return (crosses & (pu < at)).sum(-1) % 2 == 1


def _solid_points(prism: Prism, rng: np.random.Generator) -> np.ndarray:
    """(P, 3) points of the prism in its own frame: its profile's vertices, points along its
    edges and random points inside, each at random places along the extrusion (its ends too)."""
    poly = np.asarray(prism.profile, dtype=float)
    lo, hi = (float(e) for e in prism.extent)
    t = rng.random((len(poly), 16))
    edges = (poly[:, None] * (1.0 - t[..., None])
             + np.roll(poly, -1, 0)[:, None] * t[..., None]).reshape(-1, 2)
    box = rng.uniform(poly.min(0), poly.max(0), (4000, 2))
    uv = np.concatenate([poly, edges, box[_inside(poly, box)]])
    w = rng.uniform(lo, hi, len(uv))
    w[: len(poly)] = lo
    w[len(poly): 2 * len(poly)] = hi
    a, b, c = PLANES[prism.plane]
    out = np.empty((len(uv), 3))
    out[:, a], out[:, b], out[:, c] = uv[:, 0], uv[:, 1], w
    return out


def _placed(points: np.ndarray, placement: Placement) -> np.ndarray:
    rot = np.asarray(placement.rotation, dtype=float)
    return points @ rot.T + np.asarray(placement.translation, dtype=float)


def _box_volume(slab: Slab) -> np.ndarray:
    lo, hi = slab.bounds()
    return np.prod(np.maximum(hi - lo, 0.0), axis=-1)


def _check_cover(prism: Prism, placement: Placement, rng: np.random.Generator) -> None:
    slabs = cover(prism, placement)
    assert all(s.box and not s.void for s in slabs)
    lo = np.concatenate([s.bounds()[0] for s in slabs])    # (S, 3)
    hi = np.concatenate([s.bounds()[1] for s in slabs])
    pts = _placed(_solid_points(prism, rng), placement)
    held = np.all((pts[:, None] >= lo - TOL_MM) & (pts[:, None] <= hi + TOL_MM), -1).any(-1)
    assert held.all(), pts[~held][:5]
    props = prism.properties()
    volume = float(sum(_box_volume(s)[0] for s in slabs))
    box = float(np.prod(np.asarray(props.bbox_max_mm) - np.asarray(props.bbox_min_mm)))
    assert volume >= float(props.volume_mm3) * (1.0 - 1e-9)
    assert volume <= box * (1.0 + 1e-9)
    # The boxes lie within the prism's own box, placed.
    corners = _placed(np.stack([np.asarray(props.bbox_min_mm), np.asarray(props.bbox_max_mm)]),
                      placement)
    assert np.all(lo >= corners.min(0) - TOL_MM) and np.all(hi <= corners.max(0) + TOL_MM)


@SETTINGS
@given(st.sampled_from(["yz", "xy"]).flatmap(lambda plane: prisms(plane=plane)),
       st.sampled_from(ROTATIONS), points3(3000.0), st.integers(0, 2**32 - 1))
def test_strips_hold_a_yz_or_xy_prism(prism, rotation, translation, seed):
    _check_cover(prism, Placement(translation=translation, rotation=rotation),
                 np.random.default_rng(seed))


@SETTINGS
@given(prisms(plane="xz"), st.sampled_from(TURNED_OFF_Y), points3(3000.0),
       st.integers(0, 2**32 - 1))
def test_strips_hold_an_xz_prism_turned_off_y(prism, rotation, translation, seed):
    _check_cover(prism, Placement(translation=translation, rotation=rotation),
                 np.random.default_rng(seed))


@settings(max_examples=60, deadline=None)
@given(shape_batches(kind="prism"), st.sampled_from(TURNED_OFF_Y), st.integers(0, 2**32 - 1))
def test_a_batch_covers_each_design(batch, rotation, seed):
    """A batch's strips (one set per design, cut and chosen design by design) hold each
    design's points, with no less volume than the design."""
    shape, designs = batch
    placement = Placement(translation=(10.0, -20.0, 30.0), rotation=rotation)
    slabs = cover(shape, placement)
    n = len(designs)
    lo = np.stack([np.broadcast_to(s.bounds()[0], (n, 3)) for s in slabs], 1)   # (n, S, 3)
    hi = np.stack([np.broadcast_to(s.bounds()[1], (n, 3)) for s in slabs], 1)
    rng = np.random.default_rng(seed)
    for i, design in enumerate(designs):
        volume = float(design.properties().volume_mm3)
        if not np.isfinite(volume):
            continue                                        # a degenerate design
        pts = _placed(_solid_points(design, rng), placement)
        held = np.all((pts[:, None] >= lo[i] - TOL_MM) & (pts[:, None] <= hi[i] + TOL_MM),
                      -1).any(-1)
        assert held.all(), (i, pts[~held][:5])
        boxes = np.prod(np.maximum(hi[i] - lo[i], 0.0), -1).sum()
        assert boxes >= volume * (1.0 - 1e-9)


def test_a_rectangle_stays_one_exact_box():
    rect = Prism([(0.0, 0.0), (40.0, 0.0), (40.0, 60.0), (0.0, 60.0)], plane="yz",
                 extent=(-500.0, 700.0))
    (slab,) = cover(rect, Placement.at(5.0, 6.0, 7.0))
    lo, hi = slab.bounds()
    np.testing.assert_array_equal(lo, [[-495.0, 6.0, 7.0]])
    np.testing.assert_array_equal(hi, [[705.0, 46.0, 67.0]])


@pytest.mark.parametrize("plane", ["yz", "xy"])
def test_a_c_section_is_covered_exactly(plane):
    """A frame rail's C section: strips across its height are exact (flange, web, flange)."""
    h, w, t = 120.0, 50.0, 4.0
    c = Prism([(0, 0), (w, 0), (w, t), (t, t), (t, h - t), (w, h - t), (w, h), (0, h)],
              plane=plane, extent=(0.0, 1000.0))
    slabs = cover(c, Placement.at(0.0, 0.0, 0.0))
    assert float(sum(_box_volume(s)[0] for s in slabs)) == pytest.approx(
        float(c.properties().volume_mm3), rel=1e-12)


def test_slanted_sides_are_cut_into_at_least_profile_strips():
    """A triangle: its slanted sides take the equal strips, each its exact box."""
    tri = Prism([(0.0, 0.0), (100.0, 0.0), (0.0, 100.0)], plane="yz", extent=(0.0, 10.0))
    slabs = cover(tri, Placement.at(0.0, 0.0, 0.0))
    assert len(slabs) == PROFILE_STRIPS
    n = PROFILE_STRIPS
    expected = 10.0 * 100.0 * 100.0 * (n + 1) / (2 * n)   # the staircase over the triangle
    assert float(sum(_box_volume(s)[0] for s in slabs)) == pytest.approx(expected, rel=1e-12)


# ---- the AZ-1's gullwing doors -----------------------------------------------------------------
@pytest.fixture(scope="module")
def az1():
    return get_concept("az1-pg6sa")().layout()


def test_az1_doors_clear_the_occupants(az1):
    found = {(c.a, c.b) for c in clashes(az1).of_design(0)}
    for pair in [("door_left", "passenger"), ("door_right", "driver")]:
        assert pair not in found and pair[::-1] not in found


def test_az1_doors_clearance_is_the_cad_kernels(az1):
    """The doors' roof arm is 35 mm above the occupants' heads (the CAD kernel's figure);
    the strips measure it exactly."""
    parts = {c.name: c for c in az1.components}
    for door, occupant in [("door_left", "passenger"), ("door_right", "driver")]:
        gap = pair_clearance(part_cover(parts[door]), part_cover(parts[occupant]))
        assert float(gap[0]) == pytest.approx(35.4, abs=0.1)
