"""Stacking components into a layout, and what it refuses."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from keidesign import CONCEPTS, ParameterError
from keidesign.layout import Component, Layout, Material, VehicleFacts
from keidesign.parts.materials import material
from keidesign.shapes import Box, Cylinder, Placement, Prism
from tests.strategies import placements, shape_batches, shapes, stack
from tests.test_shapes import FAST_SETTINGS

FACTS = VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1200.0, track_rear_mm=1200.0,
                     displacement_cc=658, seats=2, rated_payload_kg=0, is_truck=False)
GREY = Material("grey", 1000.0, (0.5, 0.5, 0.5))
CUBE = Box(size=(100.0, 100.0, 100.0))


def cube(name, x=0.0, mass=10.0, **kw):
    """A 100 mm cube centred at (x, 0, 100)."""
    return Component(name, "test", CUBE, GREY, placement=Placement.at(x, 0.0, 100.0),
                     mass_kg=mass, **kw)


def test_arrays_and_order():
    layout = Layout.from_components("t", [cube("a"), cube("b", x=-500.0, load="payload",
                                                          in_envelope=False)], FACTS)
    assert layout.names == ("a", "b") and layout.n_designs == 1
    assert layout.mass_kg.shape == (1, 2) and layout.centroid_mm.shape == (1, 2, 3)
    assert layout.unit_inertia_mm2.shape == (1, 2, 6) and layout.bbox_max_mm.shape == (1, 2, 3)
    np.testing.assert_array_equal(layout.in_envelope, [True, False])
    np.testing.assert_allclose(layout.bbox_min_mm[0, 1], [-550.0, -50.0, 50.0])
    assert layout.index("b") == 1
    assert layout.categories == ("test", "test")


def test_density_gives_mass():
    steel = Component("s", "test", CUBE, material("steel"))
    assert steel.mass_kg is None
    assert steel.mass() == pytest.approx(7.85)  # 1 litre of steel at 7850 kg/m³
    layout = Layout.from_components("t", [steel, cube("explicit", mass=3.0)], FACTS)
    np.testing.assert_allclose(layout.mass_kg[0], [7.85, 3.0])


@FAST_SETTINGS
@given(st.lists(st.tuples(shapes(), placements(), st.one_of(st.none(), st.floats(0.1, 500.0))),
                min_size=1, max_size=6))
def test_layout_arrays_are_the_components_placed_properties(parts):
    """Row i of every (N, C, …) array is component i's shape, placed; its mass is explicit or
    the material's density × the shape's volume."""
    steel = material("steel")
    components = [Component(f"c{i}", "test", shape, steel, placement=placement, mass_kg=mass)
                  for i, (shape, placement, mass) in enumerate(parts)]
    layout = Layout.from_components("t", components, FACTS)
    for i, (shape, placement, mass) in enumerate(parts):
        props = placement.apply(shape.properties())
        assert layout.volume_mm3[0, i] == props.volume_mm3
        np.testing.assert_array_equal(layout.centroid_mm[0, i], props.centroid_mm)
        np.testing.assert_array_equal(layout.unit_inertia_mm2[0, i], props.unit_inertia_mm2)
        np.testing.assert_array_equal(layout.bbox_min_mm[0, i], props.bbox_min_mm)
        np.testing.assert_array_equal(layout.bbox_max_mm[0, i], props.bbox_max_mm)
        expected = mass if mass is not None else 7850.0 * props.volume_mm3 * 1e-9
        assert layout.mass_kg[0, i] == pytest.approx(expected, rel=1e-12)


@FAST_SETTINGS
@given(shape_batches(min_size=3, max_size=3), st.one_of(st.none(), st.just("explicit")))
def test_a_batch_layout_holds_each_design(batch, mass):
    together, designs = batch
    assume(all(np.isfinite(d.properties().volume_mm3) for d in designs))  # else refused
    masses = np.array([1.0, 2.0, 3.0]) if mass else None
    shift = np.array([0.0, 10.0, -20.0])
    at = Placement.at(shift, 5.0, 300.0, turns=(0, 0, 1))
    layout = Layout.from_components(
        "t", [cube("fixed"), Component("varied", "test", together, GREY, placement=at,
                                       mass_kg=masses)], FACTS, n_designs=3)
    assert layout.n_designs == 3 and layout.mass_kg.shape == (3, 2)
    for i, design in enumerate(designs):
        one = Layout.from_components(
            "t", [cube("fixed"), Component("varied", "test", design, GREY,
                                           placement=Placement.at(shift[i], 5.0, 300.0,
                                                                  turns=(0, 0, 1)),
                                           mass_kg=None if masses is None else masses[i])],
            FACTS)
        for field in ("mass_kg", "volume_mm3", "centroid_mm", "unit_inertia_mm2",
                      "bbox_min_mm", "bbox_max_mm"):
            np.testing.assert_allclose(getattr(layout, field)[i], getattr(one, field)[0],
                                       rtol=1e-9, atol=1e-9, err_msg=field)


def test_parts_the_same_in_every_design_are_laid_out_as_one_design():
    """A cross-member whose width comes from ``np.where`` over two fixed widths is an array
    of one value, as is a sill placed (and weighed) the same way: the layout holds each as
    one design's part (the cross-member moved, the sill fixed), with the figures they had as
    arrays."""
    x = np.array([-800.0, -815.0, -830.0])
    width = np.where(x < 0.0, 850.0, 700.0)                                  # (3,) of 850
    tube = Box(size=(40.0, width, 60.0), wall=2.3, hollow_axis="y")
    sill_x = np.where(x < 0.0, -1070.0, -900.0)                              # (3,) of −1070
    parts = [cube("fixed"),
             Component("cross_member", "frame", tube, GREY, placement=Placement.at(x, 0.0, 350.0)),
             cube("sill", x=sill_x, mass=np.full(3, 5.0))]
    layout = Layout.from_components("t", parts, FACTS, n_designs=3)
    member, sill = layout.components[1], layout.components[2]
    assert member.shape == Box(size=(40.0, 850.0, 60.0), wall=2.3, hollow_axis="y")
    assert sill.placement.translation == (-1070.0, 0.0, 100.0) and sill.mass_kg == 5.0
    for i in range(3):
        one = Layout.from_components(
            "t", [cube("fixed"), member.replace(placement=Placement.at(x[i], 0.0, 350.0)),
                  cube("sill", x=-1070.0, mass=5.0)], FACTS)
        for field in ("mass_kg", "volume_mm3", "centroid_mm", "unit_inertia_mm2",
                      "bbox_min_mm", "bbox_max_mm"):
            np.testing.assert_array_equal(getattr(layout, field)[i], getattr(one, field)[0],
                                          err_msg=field)


def test_parts_moved_alone_keep_their_centroids_as_shifts():
    """Parts only moved store no (3, c, N) centroids: read, they are the base plus the move,
    read-only, as each design laid out alone places them; a group with neither is refused."""
    x = np.array([-800.0, -815.0, -830.0])
    layout = Layout.from_components("t", [cube("fixed"), cube("moved", x=x)], FACTS,
                                    n_designs=3)
    moved = next(g for g in layout.groups() if g.shifts is not None)
    assert moved.placed_centroid_mm is None
    assert not moved.centroid_mm.flags.writeable
    for i in range(3):
        one = Layout.from_components("t", [cube("fixed"), cube("moved", x=x[i])], FACTS)
        np.testing.assert_array_equal(layout.centroid_mm[i], one.centroid_mm[0])
    with pytest.raises(ParameterError, match="placed_centroid_mm and shifts are both None"):
        dataclasses.replace(moved, shifts=None)


def test_duplicate_names_refused():
    with pytest.raises(ParameterError, match="'a' is used twice"):
        Layout.from_components("t", [cube("a"), cube("a")], FACTS)


def test_negative_mass_refused():
    with pytest.raises(ParameterError, match="component 'heavy'"):
        Layout.from_components("t", [cube("heavy", mass=-1.0)], FACTS)


def test_zero_length_cylinder_refused_with_its_name():
    flat = Component("axle", "test", Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 0.0),
                                              radius=10.0), GREY, mass_kg=1.0)
    with pytest.raises(ParameterError, match="component 'axle'"):
        Layout.from_components("t", [cube("a"), flat], FACTS)


def test_a_profile_that_crosses_itself_is_refused_with_its_name():
    """The review's example: the closed form gave it 5000 mm³; now it has no volume."""
    bowtie = Component("panel", "test", Prism([(0, 0), (100, 0), (0, 50), (80, 150)],
                                              extent=(0, 10)), GREY)
    with pytest.raises(ParameterError, match="component 'panel'"):
        Layout.from_components("t", [cube("a"), bowtie], FACTS)


def test_index_of_an_unknown_name_suggests_the_closest():
    layout = Layout.from_components("t", [cube("battery"), cube("fuel_tank", x=500.0)], FACTS)
    assert layout.index("fuel_tank") == 1
    with pytest.raises(ParameterError, match=r"no component 'fuel_tnak' in the layout \(did you "
                                             r"mean 'fuel_tank'\?\)") as info:
        layout.index("fuel_tnak")
    assert info.value.name == "name" and info.value.value == "fuel_tnak"
    with pytest.raises(ValueError, match="no component 'x"):  # still a ValueError
        layout.index("x" * 100_000)


@pytest.mark.parametrize(("make", "name", "match"), [
    (lambda: Material("titanium", -4430, (0.6, 0.6, 0.7)), "density_kg_m3",
     r"material 'titanium': 'density_kg_m3' must be a positive number, kg/m³ \(got -4430\)"),
    (lambda: Material("titanium", "heavy", (0.6, 0.6, 0.7)), "density_kg_m3",
     r"'density_kg_m3' must be a positive number"),
    (lambda: Material("", 4430, (0.6, 0.6, 0.7)), "name",
     r"Material 'name' must be a non-empty string \(got ''\)"),
    (lambda: Material("titanium", 4430, (0.6, 0.6)), "colour",
     r"'colour' must be \(r, g, b\), each a number 0–1 \(got \(0\.6, 0\.6\)\)"),
    (lambda: Material("titanium", 4430, 7), "colour", r"'colour' must be \(r, g, b\)"),
    (lambda: Material("titanium", 4430, "r" * 100_000), "colour",
     r"'colour' must be \(r, g, b\)"),
    (lambda: cube("a", load="cargo"), "load",
     r"component 'a': 'load' must be one of 'vehicle', 'driver', 'passenger', 'payload' "
     r"\(got 'cargo'\)"),
    (lambda: cube("a", load=["payload"]), "load", r"'load' must be one of"),
], ids=["negative_density", "density_not_a_number", "no_name", "two_channels",
        "colour_not_a_sequence", "long_colour", "unknown_load", "load_not_a_name"])
def test_bad_material_and_component_arguments(make, name, match):
    with pytest.raises(ParameterError, match=match) as info:
        make()
    assert info.value.name == name and len(str(info.value)) < 500


def test_degenerate_design_in_a_batch_refused_with_its_name_and_design():
    sizes = np.array([100.0, 0.0, 100.0])
    shelf = Component("shelf", "test", stack([Box(size=(s, 10.0, 10.0)) for s in sizes]), GREY)
    with pytest.raises(ParameterError, match="component 'shelf'.* in design 1"):
        Layout.from_components("t", [cube("a"), shelf], FACTS, n_designs=3)


@pytest.mark.parametrize("x", [np.nan, np.inf, 1.7e308],
                         ids=["nan", "infinite", "sums_overflow"])
def test_moved_part_off_the_number_line_in_one_design_refused_with_that_design(x):
    """A part moved alone is checked from its row, its spans and its moves, not its
    (3, c, N) boxes: a NaN, an infinity, or a position so far out that the check's sums
    overflow (as the check of every figure did) is still found, and its design named; a
    far but harmless position is not refused."""
    moved = cube("moved", x=np.array([0.0, x, 10.0]))
    layout_of = lambda: Layout.from_components("t", [cube("a"), moved], FACTS,  # noqa: E731
                                               n_designs=3)
    with pytest.raises(ParameterError, match="component 'moved'.* in design 1"):
        layout_of()
    ok = cube("moved", x=np.array([0.0, 1e300, 10.0]))
    assert Layout.from_components("t", [ok], FACTS, n_designs=3).bbox_max_mm[1, 0, 0] == 1e300


def test_far_moves_either_way_do_not_cancel_out_of_the_check():
    """Moves far out in both directions in one batch are each refused as they would be
    alone (the check's sums are of magnitudes, so +x and −x do not cancel)."""
    moved = cube("moved", x=np.array([0.0, 1.7e308, -1.7e308, 1.7e308]))
    with pytest.raises(ParameterError, match="component 'moved'.* in design 1"):
        Layout.from_components("t", [cube("a"), moved], FACTS, n_designs=4)


@pytest.mark.parametrize("name", sorted(CONCEPTS))
def test_box_spans_of_moved_parts_are_the_reductions_of_their_boxes(name):
    """The spans of parts moved alone, worked out from their translations' extremes, are the
    numbers reducing their stored boxes over the designs gives, bit for bit."""
    cls = CONCEPTS[name]
    specs = cls.specs()
    wheelbase, track = specs["wheelbase"].default, specs["track_rear"].default
    rng = np.random.default_rng(11)
    layout = cls.layout_batch({"wheelbase": rng.uniform(wheelbase, wheelbase + 200.0, 300),
                               "track_rear": rng.uniform(track - 60.0, track, 300)})
    assert any(group.spans is not None for group in layout.groups())
    expected = [np.empty((len(layout.names), 3)) for _ in range(4)]
    for group in layout.groups():
        lo, hi = group.bbox_min_mm, group.bbox_max_mm
        for buf, value in zip(expected, (lo.min(-1), hi.max(-1), lo.max(-1), hi.min(-1))):
            buf[group.index] = value.T
    for got, want in zip(layout.box_spans(), expected):
        assert np.array_equal(got, want)
