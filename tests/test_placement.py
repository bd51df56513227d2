"""Placements: the 24 quarter-turn rotations, moving mass properties exactly (against trimesh
and against the placed CAD solid), mirror images in y = 0, and left/right pairs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keidesign.errors import ParameterError
from keidesign.layout import Component, Material, pair
from keidesign.shapes import IDENTITY, Box, Cylinder, Placement, Prism, quarter_turns
from tests.strategies import ROTATIONS, placements, shape_batches, shapes
from tests.test_shapes import (
    CAD_ATOL_MM,
    CAD_RTOL,
    CAD_SETTINGS,
    FAST_SETTINGS,
    assert_properties_close,
    design_of,
    reflect_y,
    tensor,
)

trimesh = pytest.importorskip("trimesh")

STEEL = Material("steel", 7850.0, (0.5, 0.5, 0.5))
S = np.diag([1.0, -1.0, 1.0])  # reflection in y = 0


def turn(axis: int, quarters: int) -> np.ndarray:
    """Rotation by ``quarters`` × 90° about a principal axis, from cos and sin."""
    a = quarters * math.pi / 2
    c, s = round(math.cos(a)), round(math.sin(a))
    i, j = [k for k in range(3) if k != axis]
    m = np.eye(3)
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    if axis == 1:  # about y the plane is (z, x): x' = c x + s z
        m = m.T
    return m


# --- quarter-turns -------------------------------------------------------------------------------

def test_one_quarter_turn_about_each_axis_is_anticlockwise():
    np.testing.assert_array_equal(np.array(quarter_turns(1, 0, 0)) @ [0, 1, 0], [0, 0, 1])
    np.testing.assert_array_equal(np.array(quarter_turns(0, 1, 0)) @ [0, 0, 1], [1, 0, 0])
    np.testing.assert_array_equal(np.array(quarter_turns(0, 0, 1)) @ [1, 0, 0], [0, 1, 0])


@given(st.integers(-9, 9), st.integers(-9, 9), st.integers(-9, 9))
def test_quarter_turns_are_about_x_then_y_then_z(a, b, c):
    expected = turn(2, c) @ turn(1, b) @ turn(0, a)
    np.testing.assert_array_equal(quarter_turns(a, b, c), expected)
    assert quarter_turns(a, b, c) == quarter_turns(a % 4, b % 4, c % 4)


def test_the_24_proper_rotations():
    """Every (a, b, c) gives a signed permutation with determinant +1, and all 24 of those
    (half of the 48 signed permutations) are reached."""
    proper = set()
    for perm in itertools.permutations(range(3)):
        for signs in itertools.product((-1, 1), repeat=3):
            m = np.zeros((3, 3), dtype=int)
            m[range(3), perm] = signs
            if round(np.linalg.det(m)) == 1:
                proper.add(tuple(map(tuple, m.tolist())))
    assert len(proper) == 24
    assert set(ROTATIONS) == proper
    reached = {quarter_turns(a, b, c) for a in range(4) for b in range(4) for c in range(4)}
    assert reached == proper


@pytest.mark.parametrize("bad", [0.5, 1.0, True, "1", None])
def test_quarter_turns_are_whole_numbers(bad):
    with pytest.raises(ParameterError, match=r"'y', the quarter-turns about y, must be a whole "
                                             r"number \(got ") as info:
        quarter_turns(0, bad)
    assert info.value.name == "y" and info.value.value is bad


@pytest.mark.parametrize("rotation", [
    ((1, 0, 0), (0, -1, 0), (0, 0, 1)),                   # the mirror in y = 0
    ((-1, 0, 0), (0, -1, 0), (0, 0, -1)),                 # point inversion
    ((1, 0, 0), (0, 0, 1), (0, 1, 0)),                    # swap of y and z
    ((0.7071, -0.7071, 0), (0.7071, 0.7071, 0), (0, 0, 1)),  # 45° about z
    ((1, 0, 0), (0, 1, 0), (0, 0, 2)),
    ((1, 1, 0), (0, 1, 0), (0, 0, 1)),
], ids=["mirror", "inversion", "swap", "eighth_turn", "scale", "shear"])
def test_placement_refuses_anything_but_quarter_turns(rotation):
    with pytest.raises(ParameterError, match=r"Placement 'rotation' must be quarter-turns, .*"
                                             r"determinant \+1") as info:
        Placement(rotation=rotation)
    assert info.value.name == "rotation" and info.value.value == rotation


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"rotation": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}, "rotation"),  # a list: not hashable
    ({"rotation": np.eye(3, dtype=int)}, "rotation"),
    ({"translation": (1.0, 2.0)}, "translation"),
    ({"translation": "x" * 100_000}, "translation"),
])
def test_placement_arguments_of_the_wrong_kind(kwargs, name):
    with pytest.raises(ParameterError, match=f"Placement '{name}' must be") as info:
        Placement(**kwargs)
    assert info.value.name == name and len(str(info.value)) < 500


def test_placement_at_is_turns_then_translation():
    p = Placement.at(10.0, -20.0, 30.0, turns=(1, 0, 3))
    assert p == Placement(translation=(10.0, -20.0, 30.0), rotation=quarter_turns(1, 0, 3))
    np.testing.assert_array_equal(p.apply_points([[1.0, 2.0, 3.0]])[0],
                                  np.array(quarter_turns(1, 0, 3)) @ [1, 2, 3] + [10, -20, 30])
    assert Placement() == Placement.at() and Placement().rotation == IDENTITY
    assert Placement.at(0.0, 0.0, 0.0, turns=(0, 0, 1)).rotation != IDENTITY


@given(placements(), placements(), st.lists(st.tuples(*[st.floats(-500, 500)] * 3),
                                            min_size=1, max_size=5))
def test_then_moved_and_matrix_compose(p, q, points):
    pts = np.array(points)
    homogeneous = np.c_[pts, np.ones(len(pts))]
    np.testing.assert_allclose(p.apply_points(pts), (homogeneous @ p.matrix().T)[:, :3])
    both = p.then(q)
    np.testing.assert_allclose(both.apply_points(pts), q.apply_points(p.apply_points(pts)),
                               atol=1e-9)
    np.testing.assert_allclose(both.matrix(), q.matrix() @ p.matrix(), atol=1e-9)
    np.testing.assert_allclose(p.moved(1.0, -2.0, 3.0).apply_points(pts),
                               p.apply_points(pts) + [1.0, -2.0, 3.0], atol=1e-9)


# --- moving mass properties ----------------------------------------------------------------------

def _box_corners(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return np.array(list(itertools.product(*zip(lo, hi))))


@FAST_SETTINGS
@given(shapes(), placements())
def test_apply_against_trimesh(shape, placement):
    """Centroid by R c + t, inertia by trimesh's R I Rᵀ, box by placing its eight corners, and
    the parallel-axis shift: about the placement's origin the placed inertia is the shape's
    inertia about its own origin, rotated."""
    own = shape.properties()
    placed = placement.apply(own)
    m = placement.matrix()
    rot = m[:3, :3]
    assert placed.volume_mm3 == own.volume_mm3
    np.testing.assert_allclose(placed.centroid_mm, rot @ own.centroid_mm + m[:3, 3], atol=1e-9)
    i_own = tensor(own.unit_inertia_mm2)
    np.testing.assert_allclose(tensor(placed.unit_inertia_mm2),
                               trimesh.inertia.transform_inertia(m, i_own),
                               rtol=0, atol=1e-12 * np.abs(i_own).max())
    corners = placement.apply_points(_box_corners(own.bbox_min_mm, own.bbox_max_mm))
    np.testing.assert_allclose(placed.bbox_min_mm, corners.min(0), atol=1e-9)
    np.testing.assert_allclose(placed.bbox_max_mm, corners.max(0), atol=1e-9)

    def about(point, centroid, inertia):  # per kg, moved from the centroid to ``point``
        shift = np.eye(4)
        shift[:3, 3] = centroid - point
        return trimesh.inertia.transform_inertia(shift, inertia, parallel_axis=True, mass=1.0)

    origin = np.asarray(placement.translation, dtype=float)
    scale = np.abs(about(np.zeros(3), own.centroid_mm, i_own)).max()
    np.testing.assert_allclose(
        about(origin, placed.centroid_mm, tensor(placed.unit_inertia_mm2)),
        trimesh.inertia.transform_inertia(rot, about(np.zeros(3), own.centroid_mm, i_own)),
        rtol=0, atol=1e-9 * scale)


@FAST_SETTINGS
@given(shape_batches(), st.sampled_from(ROTATIONS), st.data())
def test_placing_a_batch_places_each_design(batch, rotation, data):
    together, designs = batch
    n = len(designs)
    t = data.draw(st.lists(st.tuples(*[st.floats(-3000, 3000)] * 3), min_size=n, max_size=n))
    t = np.array(t)
    placed = Placement(translation=tuple(t.T), rotation=rotation).apply(together.properties())
    for i, design in enumerate(designs):
        one = Placement(translation=tuple(t[i]), rotation=rotation).apply(design.properties())
        if not np.isnan(one.volume_mm3):
            assert_properties_close(design_of(placed, i, n), one)


def _cad_location(placement: Placement):
    """The placement's 4 × 4 matrix as a CadQuery location, built here from the matrix alone."""
    import cadquery as cq
    from OCP.gp import gp_Trsf

    trsf = gp_Trsf()
    trsf.SetValues(*(float(v) for v in placement.matrix()[:3].ravel()))
    return cq.Location(trsf)


def _measure(solid):
    from keidesign.geometry.cad_analysis import exact_bounds_mm, volume_properties

    vp = volume_properties(solid)
    lo, hi = exact_bounds_mm(solid)
    return vp.volume_mm3, vp.centroid_mm, vp.second_moment_mm5 / vp.volume_mm3, lo, hi


def _assert_measured(measured, props) -> None:
    volume, centroid, inertia, lo, hi = measured
    assert volume == pytest.approx(float(props.volume_mm3), rel=CAD_RTOL)
    np.testing.assert_allclose(centroid, props.centroid_mm, rtol=0, atol=CAD_ATOL_MM)
    closed = tensor(props.unit_inertia_mm2)
    np.testing.assert_allclose(inertia, closed, rtol=0, atol=CAD_RTOL * np.abs(closed).max())
    np.testing.assert_allclose(lo, props.bbox_min_mm, rtol=0, atol=CAD_ATOL_MM)
    np.testing.assert_allclose(hi, props.bbox_max_mm, rtol=0, atol=CAD_ATOL_MM)


@pytest.mark.slow
@CAD_SETTINGS
@given(shapes(for_cad=True), placements())
def test_apply_matches_the_placed_cad_solid(shape, placement):
    """The solid moved by the placement's matrix (as the assembly places it), measured by OCCT,
    against the closed form moved by :meth:`Placement.apply`."""
    from keidesign.geometry.assembly import location
    from keidesign.geometry.solids import solid_for

    solid = solid_for(shape)
    expected = placement.apply(shape.properties())
    _assert_measured(_measure(solid.moved(_cad_location(placement))), expected)
    _assert_measured(_measure(solid.located(location(placement))), expected)


# --- mirror images -------------------------------------------------------------------------------

@FAST_SETTINGS
@given(shapes(), placements(), st.lists(st.tuples(*[st.floats(-500, 500)] * 3), min_size=1,
                                        max_size=5))
def test_mirrored_placement_of_the_mirrored_shape_is_the_reflection(shape, placement, points):
    """S(R p + t) for every point p of the shape: the mirrored placement carries the mirrored
    point S p there, and the mirrored shape placed so has the reflected properties."""
    mirrored = placement.mirrored()
    assert round(np.linalg.det(mirrored.matrix()[:3, :3])) == 1
    pts = np.array(points)
    np.testing.assert_allclose(mirrored.apply_points(pts @ S), placement.apply_points(pts) @ S,
                               atol=1e-9)
    assert_properties_close(mirrored.apply(shape.mirror_y().properties()),
                            reflect_y(placement.apply(shape.properties())))
    assert mirrored.mirrored() == placement


@pytest.mark.slow
@CAD_SETTINGS
@given(shapes(for_cad=True), placements())
def test_mirrored_cad_solid_is_the_reflection_of_the_placed_solid(shape, placement):
    """The right-hand solid (mirrored shape, mirrored placement) measures as the kernel's
    mirror of the placed left-hand solid, and as the reflected closed form."""
    from keidesign.geometry.solids import solid_for

    left = solid_for(shape).moved(_cad_location(placement))
    right = _measure(solid_for(shape.mirror_y()).moved(_cad_location(placement.mirrored())))
    _assert_measured(right, reflect_y(placement.apply(shape.properties())))
    volume, centroid, inertia, lo, hi = _measure(left.mirror("XZ"))
    assert right[0] == pytest.approx(volume, rel=CAD_RTOL)
    np.testing.assert_allclose(right[2], inertia, rtol=0, atol=CAD_RTOL * np.abs(inertia).max())
    for got, want in zip((right[1], right[3], right[4]), (centroid, lo, hi)):
        np.testing.assert_allclose(got, want, rtol=0, atol=CAD_ATOL_MM)


# --- components and pairs ------------------------------------------------------------------------

def _rail() -> Component:
    """A handed part: a C-section rail opening towards +y, left of the centre plane."""
    section = Prism(profile=[(0.0, 0.0), (60.0, 0.0), (60.0, 4.0), (4.0, 4.0), (4.0, 116.0),
                             (60.0, 116.0), (60.0, 120.0), (0.0, 120.0)], plane="yz",
                    extent=(-1500.0, 1500.0))
    return Component("rail_{side}", "frame", section, STEEL,
                     placement=Placement.at(-800.0, 400.0, 300.0, turns=(0, 0, 0)),
                     mass_kg=None, colour=(0.1, 0.1, 0.1))


def _same(a: Component, b: Component) -> bool:
    return (a.name == b.name and a.shape.key() == b.shape.key() and a.placement == b.placement
            and a.material == b.material and a.mass_kg == b.mass_kg and a.colour == b.colour
            and a.load == b.load and a.in_envelope == b.in_envelope
            and a.category == b.category)


def test_component_mirrored_is_its_mirror_image():
    rail = _rail().replace(name="rail")
    right = rail.mirrored("rail_right")
    assert right.name == "rail_right" and rail.mirrored().name == "rail"
    assert right.shape.key() == rail.shape.mirror_y().key()
    assert right.shape.key() != rail.shape.key()  # handed: the C opens the other way
    assert right.placement == rail.placement.mirrored()
    assert_properties_close(right.properties(), reflect_y(rail.properties()))
    assert right.mass() == pytest.approx(rail.mass())
    assert _same(rail.mirrored().mirrored(), rail)


@FAST_SETTINGS
@given(shapes(), placements())
def test_the_mirror_of_a_mirror_is_the_original(shape, placement):
    part = Component("part", "test", shape, STEEL, placement=placement, mass_kg=2.0)
    twice = part.mirrored().mirrored()
    assert _same(twice, part)
    assert_properties_close(twice.properties(), part.properties())


def test_pair_is_declared_once():
    left, right = pair(_rail())
    assert (left.name, right.name) == ("rail_left", "rail_right")
    assert _same(left, _rail().replace(name="rail_left"))
    assert _same(right, left.mirrored("rail_right"))
    assert_properties_close(right.properties(), reflect_y(left.properties()))
    assert left.properties().centroid_mm[1] > 0 > right.properties().centroid_mm[1]
    for a, b in ((left, right), (right, left)):
        assert (a.category, a.material, a.colour, a.load) == (b.category, b.material, b.colour,
                                                              b.load)


def test_a_symmetric_part_shares_its_shape_with_its_pair():
    axle = Cylinder(start=(0.0, -30.0, 0.0), end=(0.0, 30.0, 0.0), radius=15.0)
    left, right = pair(Component("hub_{side}", "wheel", axle, STEEL,
                                 placement=Placement.at(0.0, 600.0, 280.0)))
    assert left.shape.key() == right.shape.key()
    np.testing.assert_allclose(right.properties().centroid_mm, [0.0, -600.0, 280.0])


def test_pair_needs_a_side_in_the_name():
    with pytest.raises(ParameterError, match=r"a pair's 'name' needs '\{side\}'") as info:
        pair(Component("seat", "seat", Box(size=(1.0, 1.0, 1.0)), STEEL))
    assert info.value.name == "name" and info.value.value == "seat"


def test_moved_and_placed_components():
    part = Component("p", "test", Box(size=(10.0, 20.0, 30.0), centre=(1.0, 0.0, 0.0)), STEEL,
                     placement=Placement.at(100.0, 0.0, 0.0, turns=(0, 0, 1)))
    np.testing.assert_allclose(part.properties().centroid_mm, [100.0, 1.0, 0.0])
    np.testing.assert_allclose(part.moved(dz=5.0).properties().centroid_mm, [100.0, 1.0, 5.0])
    lifted = part.placed(Placement.at(0.0, 0.0, 50.0, turns=(0, 0, 2)))
    np.testing.assert_allclose(lifted.properties().centroid_mm, [-100.0, -1.0, 50.0])
    np.testing.assert_allclose(lifted.properties().bbox_max_mm, [-90.0, 4.0, 65.0])
