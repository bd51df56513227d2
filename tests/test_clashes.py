"""Clashes on the fast path: every rule (allowed contacts ignored, real overlaps found and
sized, clearances measured), the tyres' envelope, the closed-form kernels against Shapely, and
batches against single designs."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from keidesign import get_concept
from keidesign.analysis import clashes as clash_module
from keidesign.analysis.clashes import clashes, pair_clearance, pair_overlap, part_cover
from keidesign.cli import main
from keidesign.layout import Component, Layout, VehicleFacts
from keidesign.parts.materials import material
from keidesign.parts.wheels import wheel
from keidesign.shapes import Box, Cylinder, Placement, Prism
from keidesign.shapes import overlap as ov
from keidesign.shapes.section import Slab

shapely = pytest.importorskip("shapely")

STEEL = material("steel")


def _facts(**extra) -> VehicleFacts:
    return VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1300.0, track_rear_mm=1300.0,
                        displacement_cc=658.0, seats=2, rated_payload_kg=0.0, is_truck=False,
                        **extra)


def _layout(*components, **facts) -> Layout:
    return Layout.from_components("test", list(components), _facts(**facts))


def _box(name, size, at, category="powertrain", **kw) -> Component:
    return Component(name, category, Box(size=size), STEEL, Placement.at(*at), **kw)


# ---- the rules ------------------------------------------------------------------------------
def test_a_real_overlap_is_found_and_sized():
    a = _box("engine", (400.0, 500.0, 300.0), (0.0, 0.0, 500.0))
    b = _box("seat", (300.0, 300.0, 300.0), (300.0, 100.0, 600.0), category="interior")
    found = clashes(_layout(a, b)).of_design(0)
    # x: [-200, 200] ∩ [150, 450] = 50; y: [-250, 250] ∩ [-50, 250] = 300; z: [350, 650] ∩
    # [450, 750] = 200
    assert [(c.a, c.b) for c in found] == [("engine", "seat")]
    assert found[0].overlap_mm3 == pytest.approx(50.0 * 300.0 * 200.0)
    assert found[0].clearance_mm == 0.0


def test_an_allowed_contact_is_ignored_both_ways():
    a = _box("engine", (400.0, 500.0, 300.0), (0.0, 0.0, 500.0), touches=("seat",))
    b = _box("seat", (300.0, 300.0, 300.0), (300.0, 100.0, 600.0), category="interior")
    assert clashes(_layout(a, b)).of_design(0) == ()
    a2 = a.replace(touches=())
    assert clashes(_layout(a2, b.touching("power*"))).of_design(0) == ()  # by category


def test_joined_categories_do_not_clash_but_an_engine_in_the_frame_does():
    rail = _box("rail", (2000.0, 50.0, 100.0), (0.0, 400.0, 300.0), category="frame")
    member = _box("member", (50.0, 850.0, 80.0), (0.0, 0.0, 300.0), category="frame")
    engine = _box("engine", (400.0, 500.0, 300.0), (0.0, 200.0, 400.0))
    found = clashes(_layout(rail, member, engine)).of_design(0)
    assert {(c.a, c.b) for c in found} == {("rail", "engine"), ("member", "engine")}


def test_a_pair_of_parts_fills_in_its_side():
    left, right = wheel("front_left", width=145, aspect=80, rim_in=12, x=0.0, y=650.0,
                        side="left", hub_mass_kg=3.0), \
        wheel("front_right", width=145, aspect=80, rim_in=12, x=0.0, y=-650.0, side="right",
              hub_mass_kg=3.0)
    assert clashes(_layout(*left, *right)).of_design(0) == ()
    assert left[1].touches == ("tyre_front_left", "hub_front_left")


def test_clearance_between_separated_boxes_and_inside_a_hollow_shell():
    a = part_cover(_box("a", (100.0, 100.0, 100.0), (0.0, 0.0, 0.0)))
    b = part_cover(_box("b", (100.0, 100.0, 100.0), (130.0, 40.0, 0.0)))
    assert pair_clearance(a, b)[0] == pytest.approx(30.0)
    c = part_cover(_box("c", (100.0, 100.0, 100.0), (130.0, 0.0, 140.0)))
    assert pair_clearance(a, c)[0] == pytest.approx(math.hypot(30.0, 40.0))
    # A 25 mm shell 1000 × 800 × 600 outside; a box inside it 100 mm from the floor's top face.
    shell = Component("shell", "body", Prism([(0, 0), (1000, 0), (1000, 600), (0, 600)],
                                             extent=(-400.0, 400.0), wall=25.0),
                      STEEL, Placement())
    inside = _box("box", (200.0, 200.0, 100.0), (500.0, 0.0, 175.0))
    assert pair_overlap(part_cover(shell), part_cover(inside))[0] == pytest.approx(0.0, abs=1e-6)
    assert pair_clearance(part_cover(shell), part_cover(inside))[0] == pytest.approx(100.0)
    through = _box("box", (200.0, 200.0, 100.0), (990.0, 0.0, 300.0))  # through the front wall
    assert pair_overlap(part_cover(shell), part_cover(through))[0] == \
        pytest.approx(25.0 * 200.0 * 100.0)


def test_the_watched_clearances_are_measured():
    engine = _box("engine", (400.0, 500.0, 300.0), (-1500.0, 0.0, 500.0))
    cage = Component("cage_hoop", "cage", Cylinder((0, -600, 0), (0, 600, 0), radius=20.0),
                     STEEL, Placement.at(-1000.0, 0.0, 600.0))
    found = clashes(_layout(engine, cage))
    # The engine's back face at x = −1300, the tube's front at −1000 − 20.
    assert found.clearance_mm["engine-cage"][0] == pytest.approx(280.0)
    assert found.closest["engine-cage"][0] == "engine / cage_hoop"
    assert np.isnan(found.clearance_mm["exhaust-fuel_tank"][0])  # no such parts


def test_the_tyre_envelope_at_full_bump_and_full_lock():
    tyre = wheel("front_left", width=145, aspect=80, rim_in=12, x=0.0, y=650.0, side="left",
                 hub_mass_kg=3.0)
    top = float(tyre[0].properties().bbox_max_mm[2])
    arch = _box("arch", (700.0, 200.0, 20.0), (0.0, 650.0, top + 50.0), category="body")
    free = clashes(_layout(*tyre, arch, bump_travel_mm=30.0))
    assert free.of_design(0) == ()
    # The arch's underside is 40 mm over the tyre's top: 10 mm left at 30 mm of bump.
    assert free.clearance_mm["tyre_envelope-body"][0] == pytest.approx(10.0, abs=1e-6)
    hit = clashes(_layout(*tyre, arch, bump_travel_mm=80.0)).of_design(0)
    assert [c.a for c in hit] == ["tyre_front_left (full bump)"]
    # A frame rail 150 mm inboard of the tyre's inner face clears it straight ahead, not at
    # 40° of lock.
    rail = _box("rail", (2000.0, 50.0, 100.0), (0.0, 650.0 - 72.5 - 175.0, 300.0),
                category="frame")
    assert clashes(_layout(*tyre, rail, max_steer_deg=10.0)).of_design(0) == ()
    locked = clashes(_layout(*tyre, rail, max_steer_deg=40.0)).of_design(0)
    assert [(c.a, c.b) for c in locked] == [("tyre_front_left (full bump and lock)", "rail")]


# ---- the concepts ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["cab-over-truck", "front-engine-roadster", "mid-engine-roadster",
                                  "offroad-4x4", "rear-engine-360"])
def test_the_archetypes_clash_nowhere(name):
    result = get_concept(name)().analyse()
    assert result.clashes == (), [c.as_dict() for c in result.clashes]
    assert result.passes


def test_the_mid_engine_concept_has_its_one_known_clash():
    """The front struts run through the occupants' feet: with the seats set back for the
    weight balance the feet are on the front axle line, beside the strut towers. A finding,
    left in the open until the concept gets a suspension without towers in the footwell."""
    found = {(c.a, c.b) for c in get_concept("mid-engine-concept")().analyse().clashes}
    assert found == {("front_strut_left", "passenger"), ("front_strut_right", "driver")}


def test_the_engine_moved_into_the_seats_is_a_named_sized_clash(capsys):
    concept = get_concept("mid-engine-concept")
    seat_x = float(concept().parts()["seat_driver"].properties().centroid_mm[0])
    engine_x = float(concept().parts()["engine"].properties().centroid_mm[0])
    setback = concept().engine_setback + (engine_x - seat_x)  # the engine where the seats are
    code = main(["check", "mid-engine-concept", "--set", f"engine_setback={setback:.0f}",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["fits"] is True and data["passes"] is False
    hits = {frozenset((c["a"], c["b"])): c for c in data["clashes"]}
    engine_hits = [c for pair, c in hits.items() if "engine" in pair]
    assert any({"seat_driver", "driver"} & set(pair) for pair in hits if "engine" in pair)
    assert all(c["overlap_mm3"] > 1e5 and c["clearance_mm"] == 0.0 for c in engine_hits)
    assert main(["check", "mid-engine-concept", "--set", f"engine_setback={setback:.0f}"]) == 1
    table = capsys.readouterr().out
    assert "CLASH" in table and "engine" in table and "DOES NOT PASS" in table


def test_a_batch_gives_each_design_its_own_clashes():
    cls = get_concept("mid-engine-concept")
    setbacks = np.array([cls().engine_setback, cls().engine_setback - 400.0])
    batch = clashes(cls.layout_batch({"engine_setback": setbacks}))
    for i, value in enumerate(setbacks):
        single = clashes(cls(engine_setback=float(value)).layout())
        assert batch.count[i] == single.count[0]
        assert {(c.a, c.b): pytest.approx(c.overlap_mm3) for c in single.of_design(0)} == \
            {(c.a, c.b): c.overlap_mm3 for c in batch.of_design(i)}
        for name, values in single.clearance_mm.items():
            np.testing.assert_allclose(batch.clearance_mm[name][i], values[0], rtol=1e-9)


def test_a_grid_sweep_shares_evaluations_without_changing_any_figure():
    """A 2-parameter grid repeats each pair's relative geometry (and the exhaust's bent
    shape) design after design: evaluated once per distinct one, from the process's memo or
    not, every design still gets the figures it gets alone."""
    cls = get_concept("cab-over-truck")
    wheelbase, track = (a.ravel() for a in np.meshgrid([1800.0, 1950.0], np.linspace(
        1200.0, 1320.0, 40), indexing="ij"))                          # 80 designs: ≥ 64
    clash_module._MEMO.clear()
    cold = clashes(cls.layout_batch({"wheelbase": wheelbase, "track_rear": track}))
    warm = clashes(cls.layout_batch({"wheelbase": wheelbase, "track_rear": track}))
    np.testing.assert_array_equal(cold.overlap_mm3, warm.overlap_mm3)
    for name in cold.clearance_mm:
        np.testing.assert_array_equal(cold.clearance_mm[name], warm.clearance_mm[name])
    clash_module._MEMO.clear()
    for i in (0, 17, 40, 79):
        alone = clashes(cls(wheelbase=float(wheelbase[i]), track_rear=float(track[i])).layout())
        assert cold.count[i] == alone.count[0]
        for name, values in alone.clearance_mm.items():
            # Relative positions equal to 1e-6 mm share one evaluation.
            np.testing.assert_allclose(cold.clearance_mm[name][i], values[0], atol=1e-5)
            assert cold.closest[name][i] == alone.closest[name][0]


def test_a_batch_of_distinct_designs_gives_each_its_own_clearances():
    """Designs drawn at random share no pair geometry, so every kernel runs design by design
    (the tests below hold the designs a pair of slabs is worked out in to account): each
    design of a real concept still gets the figures it gets alone."""
    cls = get_concept("cab-over-truck")
    rng = np.random.default_rng(23)
    wheelbase, track = rng.uniform(1750.0, 2050.0, 80), rng.uniform(1200.0, 1330.0, 80)
    batch = clashes(cls.layout_batch({"wheelbase": wheelbase, "track_front": track}))
    for i in (0, 9, 31, 57, 79):
        alone = clashes(cls(wheelbase=float(wheelbase[i]), track_front=float(track[i])).layout())
        np.testing.assert_allclose(batch.overlap_mm3[:, i].sum(), alone.overlap_mm3.sum(),
                                   rtol=1e-9, atol=1e-6)
        for name, values in alone.clearance_mm.items():
            np.testing.assert_allclose(batch.clearance_mm[name][i], values[0], rtol=1e-9,
                                       atol=1e-9, err_msg=name)
            assert batch.closest[name][i] == alone.closest[name][0]


def test_a_pair_clearance_gets_each_designs_nearest_slabs_where_they_differ():
    """Of two slabs moving in opposite directions past a third, the first is nearer in some
    designs, the second in the others: the second pair of slabs, worked out only in the
    designs where it may come nearer, gives those designs their clearance."""
    k = 70
    s = np.linspace(0.0, 300.0, k)
    square = np.array([[0.0, 0.0], [60.0, 0.0], [60.0, 60.0], [0.0, 60.0]])
    y = np.tile([0.0, 50.0], (k, 1))
    first = Slab(square[None] + np.stack([200.0 + s, np.zeros(k)], -1)[:, None], None, None, y)
    second = Slab(square[None] + np.stack([-160.0 - s[::-1], np.zeros(k)], -1)[:, None], None,
                  None, y)
    fixed = Slab(square[None], None, None, np.array([[0.0, 50.0]]))
    together = pair_clearance(((first, None), (second, None)), ((fixed, None),))
    alone = [pair_clearance(((first.take(np.array([i])), None),
                             (second.take(np.array([i])), None)), ((fixed, None),))[0]
             for i in range(k)]
    nearer = [min(140.0 + v, 100.0 + (300.0 - v)) for v in s]   # the two gaps, mm
    np.testing.assert_allclose(alone, nearer, rtol=1e-12)
    np.testing.assert_allclose(together, alone, rtol=1e-12)


def test_a_body_counts_as_inside_a_cavity_only_in_designs_where_the_solids_overlap():
    """A slab of no thickness far from a hollow solid is not inside its cavity (0 ≥ 0) in a
    design just because another design overlaps the solid: each design's clearance is its
    own, in a batch and alone."""
    def box(x0, z0, x1, z1, y0, y1, void=False):
        x0, z0, x1, z1, y0, y1 = (np.atleast_1d(np.asarray(v, float))
                                  for v in (x0, z0, x1, z1, y0, y1))
        pts = np.stack([np.stack([x0, z0], -1), np.stack([x1, z0], -1),
                        np.stack([x1, z1], -1), np.stack([x0, z1], -1)], 1)
        return Slab(pts, None, None, np.stack([y0, y1], -1), void=void, box=True)

    shell = (box(0, 0, 100, 100, 0, 100), box(10, 10, 90, 90, 10, 90, void=True))
    inner = box([1000, 20], [1000, 20], [1010, 80], [1010, 80], [40, 40], [60, 60])
    flat = box([-20, 300], [-20, 0], [5, 400], [100, 100], [0, 50], [90, 50])  # y: no depth
    together = pair_clearance([shell], [(inner, None), (flat, None)])
    np.testing.assert_array_equal(together, [0.0, 10.0])        # 10 mm inside the cavity
    np.testing.assert_array_equal(pair_clearance([shell], [(flat, None)]), [0.0, 200.0])


def test_a_gap_works_out_boundaries_only_where_the_side_views_are_apart():
    """Slabs overlapping in the side view in some designs (apart across the car only) and
    apart in others: the batch's gaps are each design's own."""
    k = 70
    x = np.linspace(-150.0, 150.0, k)                  # the polygon slides through the disc
    square = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 80.0], [0.0, 80.0]])
    poly = Slab(square[None] + np.stack([x, np.zeros(k)], -1)[:, None], None, None,
                np.tile([0.0, 40.0], (k, 1)))
    disc = Slab(None, np.array([[50.0, 40.0]]), np.array([45.0]), np.array([[60.0, 90.0]]))
    together = ov.gap(poly, disc)
    assert (together > 20.0).any() and np.isclose(together, 20.0).any()   # both kinds
    for i in range(k):
        alone = ov.gap(poly.take(np.array([i])), disc)[0]
        assert together[i] == pytest.approx(alone, rel=1e-12, abs=1e-9)


def test_a_large_batch_repeating_its_side_view_gives_each_design_its_own_figures():
    rng = np.random.default_rng(7)
    k = 100                                                          # ≥ 64: shared kernels
    square = np.array([[0.0, 0.0], [120.0, 0.0], [120.0, 90.0], [0.0, 90.0]])
    shift = rng.choice([0.0, 35.0, 70.0], size=k)                     # three side views
    poly = Slab(np.broadcast_to(square, (k, 4, 2)) + np.stack([shift, 0.5 * shift], -1)[:, None],
                None, None, np.stack([np.zeros(k), np.full(k, 50.0)], -1))
    disc = Slab(None, np.broadcast_to([150.0, 60.0], (k, 2)), np.full(k, 40.0),
                np.stack([rng.uniform(-80, 40, k), np.full(k, 60.0)], -1))
    together = (ov.overlap_volume(poly, disc), ov.gap(poly, disc))
    # One side moving, the other the same in every design (k 1): keys stay one row a design.
    fixed = Slab(square[None] + 60.0, None, None, np.array([[0.0, 50.0]]))
    mixed = ov.overlap_volume(poly, fixed), ov.overlap_volume(fixed, poly)
    for i in (0, k - 1):
        one = np.array([i])
        assert mixed[0][i] == pytest.approx(ov.overlap_volume(poly.take(one), fixed)[0])
        assert mixed[1][i] == pytest.approx(ov.overlap_volume(fixed, poly.take(one))[0])
    for i in range(k):
        one = np.array([i])
        alone = (ov.overlap_volume(poly.take(one), disc.take(one)),
                 ov.gap(poly.take(one), disc.take(one)))
        for batch, single in zip(together, alone):
            assert batch[i] == pytest.approx(single[0], rel=1e-12, abs=1e-9)


# ---- the kernels against Shapely ---------------------------------------------------------------
def _star(draw, centre):
    n = draw(st.integers(3, 9))
    angles = np.sort(draw(st.lists(st.floats(0, 2 * np.pi), min_size=n, max_size=n,
                                   unique=True)))
    radii = draw(st.lists(st.floats(10, 100), min_size=n, max_size=n))
    pts = np.stack([centre[0] + np.array(radii) * np.cos(angles),
                    centre[1] + np.array(radii) * np.sin(angles)], -1)
    # To a nanometre: a coordinate like 2.6e-143 beside a shared vertex sends Shapely's
    # intersection (the oracle) wrong, to an empty overlap of a triangle inside a polygon.
    return np.round(pts, 6)


@st.composite
def polygons(draw):
    centre = draw(st.tuples(st.floats(-80, 80), st.floats(-80, 80)))
    pts = _star(draw, centre)
    poly = shapely.Polygon(pts)
    assume(poly.is_valid and poly.area > 1.0)
    if draw(st.booleans()):
        pts = pts[::-1]
    return pts, poly


def _slab(points=None, centre=None, radius=None):
    y = np.array([[0.0, 10.0]])
    if points is not None:
        return Slab(points[None], None, None, y)
    return Slab(None, np.asarray(centre, dtype=float)[None], np.array([radius]), y)


@settings(max_examples=150, deadline=None)
@given(polygons(), polygons())
def test_polygon_overlap_and_distance_match_shapely(a, b):
    (pa, sa), (pb, sb) = a, b
    got = ov.overlap_area(_slab(pa), _slab(pb))[0]
    assert got == pytest.approx(sa.intersection(sb).area, rel=1e-9, abs=1e-6)
    if not sa.intersects(sb):
        assert ov.gap(_slab(pa), _slab(pb))[0] == pytest.approx(sa.distance(sb), abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(polygons(), st.tuples(st.floats(-150, 150), st.floats(-150, 150)),
       st.floats(5, 90))
def test_disc_overlap_and_distance_match_shapely(a, centre, radius):
    pa, sa = a
    disc = shapely.Point(centre).buffer(radius, quad_segs=2048)
    got = ov.overlap_area(_slab(pa), _slab(centre=centre, radius=radius))[0]
    # The buffered circle is a 8192-gon: its area is short by ~1e-7 of the disc's.
    assert got == pytest.approx(sa.intersection(disc).area, rel=1e-5, abs=1e-3)
    if not sa.intersects(disc):
        assert ov.gap(_slab(pa), _slab(centre=centre, radius=radius))[0] == \
            pytest.approx(sa.distance(disc), abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(polygons(), polygons(), st.integers(0, 8))
def test_a_polygon_with_a_repeated_vertex_keeps_its_distance(a, b, at):
    """An edge of no length (a vertex given twice) is a point: the distance is the
    polygon's."""
    (pa, sa), (pb, sb) = a, b
    assume(not sa.intersects(sb))
    at = at % len(pa)
    twice = np.insert(pa, at, pa[at], axis=0)
    assert ov.gap(_slab(twice), _slab(pb))[0] == pytest.approx(sa.distance(sb), abs=1e-6)


@st.composite
def _grid_columns(draw):
    """Columns of numbers as a grid's batch gives them: each (k, m) array the same in every
    design, or moved by the slow parameter (runs of equal rows), by the fast one (a period),
    by both, or at random; some values apart by less than the quantum."""
    slow, fast = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    n = slow * fast
    values = st.sampled_from([0.0, 1.0, -2.5, 1.0 + 1e-9, 1e3 / 3.0])
    columns = []
    for _ in range(draw(st.integers(1, 3))):
        m = draw(st.integers(1, 3))
        kind = draw(st.sampled_from(["fixed", "slow", "fast", "both", "random"]))
        if kind == "fixed":
            columns.append(np.array([[draw(values) for _ in range(m)]]))
            continue
        count = {"slow": slow, "fast": fast, "both": n, "random": n}[kind]
        table = np.array([[draw(values) for _ in range(m)] for _ in range(count)])
        if kind == "slow":
            table = np.repeat(table, fast, axis=0)
        elif kind == "fast":
            table = np.tile(table, (slow, 1))
        columns.append(table)
    return columns, n


@settings(max_examples=200, deadline=None)
@given(_grid_columns())
def test_distinct_designs_of_a_grid_are_those_of_sorting_every_row(case):
    """Runs and periods are shortcuts: the first designs, which one each design is and
    their quantised numbers are what :func:`distinct` of every design's quantised row gives."""
    columns, n = case
    rows = np.concatenate([np.broadcast_to(c, (n, c.shape[1])) for c in columns], axis=1)
    want_first, want_inverse = ov.distinct(ov.quantised(rows))
    first, inverse, numbers = ov.distinct_designs(columns, n)
    np.testing.assert_array_equal(first, want_first)
    np.testing.assert_array_equal(inverse, want_inverse)
    np.testing.assert_array_equal(numbers, ov.quantised(rows)[want_first])
