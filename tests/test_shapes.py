"""Shape primitives: closed forms against hand formulas and against the CAD kernel, batches of
designs against single designs, degenerate shapes, and mirror images."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from keidesign.errors import GeometryError, ParameterError
from keidesign.shapes.arrays import distinct, distinct_floats, side_by_side
from keidesign.shapes import (
    Box,
    Cylinder,
    Prism,
    Revolution,
    ShapeProperties,
    TubePath,
)
from keidesign.shapes.polygon import (
    TOUCH_MM,
    crosses_itself,
    polygon_integral,
    polygon_moments,
)
from tests.strategies import KINDS, profiles, revolution_profiles, shape_batches, shapes, stack

# CAD examples are slow; a handful per primitive is enough to find a disagreement, and
# Hypothesis keeps the failing ones in its database.
CAD_SETTINGS = settings(max_examples=25, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
FAST_SETTINGS = settings(max_examples=100, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow])

# Tolerances of the CAD comparison (from the issue).
CAD_RTOL = 1e-6   # volume, and inertia relative to the tensor's largest entry
CAD_ATOL_MM = 0.01  # centroid and bounding box


def tensor(six: np.ndarray) -> np.ndarray:
    """(..., 6) (xx, yy, zz, xy, xz, yz) → (..., 3, 3)."""
    six = np.asarray(six, dtype=float)
    return six[..., [[0, 3, 4], [3, 1, 5], [4, 5, 2]]]


def reflect_y(props: ShapeProperties) -> ShapeProperties:
    """The properties of the mirror image in y = 0, worked out by hand: y → −y flips the
    centroid's y, the products of inertia with y, and the box across y = 0."""
    flip = np.array([1.0, -1.0, 1.0])
    lo, hi = props.bbox_min_mm * flip, props.bbox_max_mm * flip
    return ShapeProperties(volume_mm3=props.volume_mm3, centroid_mm=props.centroid_mm * flip,
                           unit_inertia_mm2=props.unit_inertia_mm2
                           * np.array([1, 1, 1, -1, 1, -1]),
                           bbox_min_mm=np.minimum(lo, hi), bbox_max_mm=np.maximum(lo, hi))


def assert_properties_close(actual: ShapeProperties, expected: ShapeProperties,
                            rtol: float = 1e-9) -> None:
    """Every field equal to ``rtol``: lengths relative to the shape's size and place, inertia
    relative to its largest entry."""
    scale = max(np.abs(expected.bbox_min_mm).max(), np.abs(expected.bbox_max_mm).max(), 1.0)
    np.testing.assert_allclose(actual.volume_mm3, expected.volume_mm3, rtol=rtol)
    for field in ("centroid_mm", "bbox_min_mm", "bbox_max_mm"):
        np.testing.assert_allclose(getattr(actual, field), getattr(expected, field), rtol=0,
                                   atol=rtol * scale, err_msg=field)
    np.testing.assert_allclose(actual.unit_inertia_mm2, expected.unit_inertia_mm2, rtol=0,
                               atol=rtol * np.abs(expected.unit_inertia_mm2).max(),
                               err_msg="unit_inertia_mm2")


def cad_disagreement(shape) -> dict[str, float]:
    """How far the CAD solid of ``shape``, measured by OCCT, is from its closed form: relative
    volume, centroid (mm), inertia tensor relative to its largest entry, bounding box (mm)."""
    from keidesign.geometry.cad_analysis import exact_bounds_mm, volume_properties
    from keidesign.geometry.solids import solid_for

    props = shape.properties()
    solid = solid_for(shape, name="probe")
    measured = volume_properties(solid)
    lo, hi = exact_bounds_mm(solid)
    closed = tensor(props.unit_inertia_mm2)
    return {
        "volume": abs(measured.volume_mm3 / float(props.volume_mm3) - 1.0),
        "centroid": float(np.abs(measured.centroid_mm - props.centroid_mm).max()),
        "inertia": float(np.abs(measured.second_moment_mm5 / measured.volume_mm3 - closed).max()
                         / np.abs(closed).max()),
        "bbox": float(max(np.abs(lo - props.bbox_min_mm).max(),
                          np.abs(hi - props.bbox_max_mm).max())),
    }


def assert_cad_agrees(shape) -> None:
    err = cad_disagreement(shape)
    assert err["volume"] <= CAD_RTOL, err
    assert err["inertia"] <= CAD_RTOL, err
    assert err["centroid"] <= CAD_ATOL_MM, err
    assert err["bbox"] <= CAD_ATOL_MM, err


# --- closed forms against hand formulas ------------------------------------------------------

def test_solid_box():
    props = Box(size=(100.0, 200.0, 300.0), centre=(1.0, 2.0, 3.0)).properties()
    assert props.volume_mm3 == pytest.approx(6e6)
    np.testing.assert_allclose(props.centroid_mm, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(tensor(props.unit_inertia_mm2),
                               np.diag([(200**2 + 300**2) / 12, (100**2 + 300**2) / 12,
                                        (100**2 + 200**2) / 12]))
    np.testing.assert_allclose(props.bbox_min_mm, [-49.0, -98.0, -147.0])
    np.testing.assert_allclose(props.bbox_max_mm, [51.0, 102.0, 153.0])


@pytest.mark.parametrize("axis", ["x", "y", "z"])
def test_box_tube_is_outer_box_minus_the_opening(axis):
    """A rectangular tube: the outer box less an inner box as long as the tube, ``wall`` in from
    each side across it."""
    size = np.array([1000.0, 50.0, 100.0])
    k = "xyz".index(axis)
    inner = size - 6.0 * (np.arange(3) != k)
    tube = Box(size=tuple(size), wall=3.0, hollow_axis=axis).properties()
    v_out, v_in = size.prod(), inner.prod()
    assert tube.volume_mm3 == pytest.approx(v_out - v_in)

    def solid(s):
        return np.diag([s[1]**2 + s[2]**2, s[0]**2 + s[2]**2, s[0]**2 + s[1]**2]) / 12.0

    expected = (v_out * solid(size) - v_in * solid(inner)) / (v_out - v_in)
    np.testing.assert_allclose(tensor(tube.unit_inertia_mm2), expected)
    np.testing.assert_allclose(tube.bbox_max_mm, size / 2)


def test_cylinder_with_a_bore_along_y():
    r, ri, length = 200.0, 150.0, 100.0
    props = Cylinder(start=(0.0, -50.0, 200.0), end=(0.0, 50.0, 200.0), radius=r,
                     inner_radius=ri).properties()
    assert props.volume_mm3 == pytest.approx(math.pi * (r**2 - ri**2) * length)
    np.testing.assert_allclose(props.centroid_mm, [0.0, 0.0, 200.0])
    transverse = (3 * (r**2 + ri**2) + length**2) / 12
    np.testing.assert_allclose(tensor(props.unit_inertia_mm2),
                               np.diag([transverse, (r**2 + ri**2) / 2, transverse]), atol=1e-9)
    np.testing.assert_allclose(props.bbox_min_mm, [-200.0, -50.0, 0.0])
    np.testing.assert_allclose(props.bbox_max_mm, [200.0, 50.0, 400.0])


@settings(max_examples=50, deadline=None)
@given(st.floats(-1, 1), st.floats(-1, 1), st.floats(-1, 1), st.floats(5, 500),
       st.floats(1, 100), st.floats(0, 0.9))
def test_tilted_cylinder_is_the_rotated_cylinder_along_z(dx, dy, dz, length, radius, bore):
    """Inertia of a tilted tube is R I Rᵀ of the same tube along z; its box holds both rims and
    touches them."""
    d = np.array([dx, dy, dz])
    if np.linalg.norm(d) < 1e-3:
        d = np.array([0.0, 0.0, 1.0])
    d /= np.linalg.norm(d)
    start = -0.5 * length * d
    tube = Cylinder(start=tuple(start), end=tuple(-start), radius=radius,
                    inner_radius=bore * radius).properties()
    along_z = Cylinder(start=(0, 0, -0.5 * length), end=(0, 0, 0.5 * length), radius=radius,
                       inner_radius=bore * radius).properties()
    # A rotation taking z to d: columns u, w = d × u, d (right-handed, u across d).
    u = np.cross(d, np.eye(3)[np.abs(d).argmin()])
    u /= np.linalg.norm(u)
    rot = np.stack([u, np.cross(d, u), d], axis=-1)
    np.testing.assert_allclose(tensor(tube.unit_inertia_mm2),
                               rot @ tensor(along_z.unit_inertia_mm2) @ rot.T,
                               rtol=1e-9, atol=1e-9 * (radius**2 + length**2))
    angles = np.linspace(0, 2 * np.pi, 721)
    u, w = rot @ np.array([1.0, 0.0, 0.0]), rot @ np.array([0.0, 1.0, 0.0])
    rims = np.concatenate([e + radius * (np.cos(angles)[:, None] * u
                                         + np.sin(angles)[:, None] * w) for e in (start, -start)])
    assert np.all(rims <= tube.bbox_max_mm + 1e-9) and np.all(rims >= tube.bbox_min_mm - 1e-9)
    np.testing.assert_allclose(rims.max(axis=0), tube.bbox_max_mm, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("plane", ["xz", "xy", "yz"])
def test_rectangular_prism_is_a_box(plane):
    """A rectangle (u 10–110, v −20–40) extruded over 5–305 is the box with those sides."""
    prism = Prism(profile=[(10.0, -20.0), (110.0, -20.0), (110.0, 40.0), (10.0, 40.0)],
                  plane=plane, extent=(5.0, 305.0))
    a, b, c = {"xz": (0, 2, 1), "xy": (0, 1, 2), "yz": (1, 2, 0)}[plane]
    size, centre = np.zeros(3), np.zeros(3)
    size[[a, b, c]] = 100.0, 60.0, 300.0
    centre[[a, b, c]] = 60.0, 10.0, 155.0
    assert_properties_close(prism.properties(),
                            Box(size=tuple(size), centre=tuple(centre)).properties())


@pytest.mark.parametrize("plane", ["xz", "xy", "yz"])
def test_prism_shell_is_the_box_less_the_box_inside_its_walls(plane):
    """A closed shell: outer box minus the box ``wall`` in from every face, ends included."""
    wall = 4.0
    shell = Prism(profile=[(0.0, 0.0), (100.0, 0.0), (100.0, 60.0), (0.0, 60.0)], plane=plane,
                  extent=(0.0, 300.0), wall=wall).properties()
    a, b, c = {"xz": (0, 2, 1), "xy": (0, 1, 2), "yz": (1, 2, 0)}[plane]
    size = np.zeros(3)
    size[[a, b, c]] = 100.0, 60.0, 300.0
    outer = Box(size=tuple(size), centre=tuple(size / 2)).properties()
    inner = Box(size=tuple(size - 2 * wall), centre=tuple(size / 2)).properties()
    volume = outer.volume_mm3 - inner.volume_mm3
    assert shell.volume_mm3 == pytest.approx(volume)
    np.testing.assert_allclose(shell.centroid_mm, size / 2)
    np.testing.assert_allclose(shell.unit_inertia_mm2,
                               (outer.volume_mm3 * outer.unit_inertia_mm2
                                - inner.volume_mm3 * inner.unit_inertia_mm2) / volume,
                               atol=1e-9)


@pytest.mark.parametrize("axis", ["x", "y", "z"])
@pytest.mark.parametrize("bore", [0.0, 30.0])
def test_rectangle_revolved_is_a_cylinder(axis, bore):
    """The rectangle r bore–80, a −10–50 revolved is the cylinder (or tube) along that axis."""
    revolved = Revolution(profile=[(bore, -10.0), (80.0, -10.0), (80.0, 50.0), (bore, 50.0)],
                          axis=axis)
    start, end = np.zeros(3), np.zeros(3)
    k = "xyz".index(axis)
    start[k], end[k] = -10.0, 50.0
    cylinder = Cylinder(start=tuple(start), end=tuple(end), radius=80.0, inner_radius=bore)
    assert_properties_close(revolved.properties(), cylinder.properties())


def test_profile_touching_the_axis_at_one_vertex():
    """The triangle (0, 0), (R, −h), (R, h) about y: a cylinder less two cones tip to tip
    (per unit volume about the tip: ⟨x² + z²⟩ = 3R²/10, ⟨y²⟩ = 3h²/5 for a cone)."""
    r, h = 10.0, 5.0
    props = Revolution(profile=[(0.0, 0.0), (r, -h), (r, h)], axis="y").properties()
    v_cyl, v_cone = math.pi * r**2 * 2 * h, math.pi * r**2 * h / 3
    volume = v_cyl - 2 * v_cone
    assert props.volume_mm3 == pytest.approx(volume)
    np.testing.assert_allclose(props.centroid_mm, 0.0, atol=1e-12)
    axial = (v_cyl * r**2 / 2 - 2 * v_cone * 3 * r**2 / 10) / volume
    along = (v_cyl * (2 * h)**2 / 12 - 2 * v_cone * 3 * h**2 / 5) / volume   # ⟨y²⟩
    across = along + axial / 2                                                # ⟨y²⟩ + ⟨z²⟩
    np.testing.assert_allclose(tensor(props.unit_inertia_mm2),
                               np.diag([across, axial, across]), atol=1e-9)
    np.testing.assert_allclose(props.bbox_min_mm, [-r, -h, -r])
    np.testing.assert_allclose(props.bbox_max_mm, [r, h, r])


@pytest.mark.parametrize("wall", [0.0, 3.0])
@pytest.mark.parametrize("points", [
    [(0.0, 0.0, 0.0), (300.0, 400.0, 0.0)],
    [(0.0, 0.0, 0.0), (150.0, 200.0, 0.0), (300.0, 400.0, 0.0)],  # straight on: no bend
], ids=["two_points", "straight_on"])
def test_straight_tube_path_is_a_cylinder(points, wall):
    path = TubePath(points=points, outer_diameter=40.0, wall=wall)
    cylinder = Cylinder(start=points[0], end=points[-1], radius=20.0,
                        inner_radius=20.0 - wall if wall else 0.0)
    assert_properties_close(path.properties(), cylinder.properties())


@pytest.mark.parametrize("wall", [0.0, 4.0])
def test_quarter_bend_is_a_torus_sector(wall):
    """A 90° corner whose runs the bend uses up exactly: a quarter torus about the z axis
    through (0, −R, 0), its centreline from (R, −R, 0) heading +y round to (0, 0, 0) heading
    −x; its end faces are discs of radius r across y and across x."""
    r, big = 10.0, 50.0
    ri = r - wall if wall else 0.0
    path = TubePath(points=[(big, -big, 0.0), (big, 0.0, 0.0), (0.0, 0.0, 0.0)],
                    outer_diameter=2 * r, wall=wall, bend_radius=big)
    np.testing.assert_allclose(path.pieces().run, 0.0, atol=1e-9)
    props = path.properties()
    area = math.pi * (r**2 - ri**2)
    assert props.volume_mm3 == pytest.approx(math.pi / 2 * big * area)
    # Centroid of a quarter torus: (2/π)(R + (r² + rᵢ²)/(4R)) from the centre along each leg.
    reach = 2 / math.pi * (big + (r**2 + ri**2) / (4 * big))
    np.testing.assert_allclose(props.centroid_mm, [reach, -big + reach, 0.0])
    np.testing.assert_allclose(props.bbox_min_mm, [0.0, -big, -r], atol=1e-9)
    np.testing.assert_allclose(props.bbox_max_mm, [big + r, r, r], atol=1e-9)


@pytest.mark.parametrize("wall", [0.0, 4.0])
def test_four_quarter_bends_make_a_torus(wall):
    """Round a square of side 2R with bends of radius R and nothing is left straight: the torus
    with its textbook figures (per kg: R² + ¾(r² + rᵢ²) about its axis, R²/2 + ⅝(r² + rᵢ²)
    across it)."""
    r, big = 10.0, 60.0
    ri = r - wall if wall else 0.0
    path = TubePath(points=[(0.0, -big, 0.0), (big, -big, 0.0), (big, big, 0.0),
                            (-big, big, 0.0), (-big, -big, 0.0), (0.0, -big, 0.0)],
                    outer_diameter=2 * r, wall=wall, bend_radius=big)
    np.testing.assert_allclose(path.pieces().run, 0.0, atol=1e-9)
    props = path.properties()
    assert props.volume_mm3 == pytest.approx(2 * math.pi**2 * big * (r**2 - ri**2))
    np.testing.assert_allclose(props.centroid_mm, 0.0, atol=1e-9)
    s = r**2 + ri**2
    np.testing.assert_allclose(tensor(props.unit_inertia_mm2),
                               np.diag([big**2 / 2 + 5 * s / 8, big**2 / 2 + 5 * s / 8,
                                        big**2 + 3 * s / 4]), atol=1e-9)
    np.testing.assert_allclose(props.bbox_max_mm, [big + r, big + r, r])
    np.testing.assert_allclose(props.bbox_min_mm, [-big - r, -big - r, -r])


# --- N designs at once --------------------------------------------------------------------------

_TRAILING = {"volume_mm3": (), "centroid_mm": (3,), "unit_inertia_mm2": (6,),
             "bbox_min_mm": (3,), "bbox_max_mm": (3,)}


def design_of(props: ShapeProperties, i: int, n: int) -> ShapeProperties:
    """Design i of N. A figure the designs share may come out once for all (a float or a
    3-vector), as broadcasting allows."""
    fields = {}
    for name, trailing in _TRAILING.items():
        value = getattr(props, name)
        assert value.shape in (trailing, (n,) + trailing), (name, value.shape)
        fields[name] = np.broadcast_to(value, (n,) + trailing)[i]
    return ShapeProperties(**fields)


@FAST_SETTINGS
@given(shape_batches())
def test_a_batch_equals_its_designs_one_by_one(batch):
    together, designs = batch
    props = together.properties()
    for i, design in enumerate(designs):
        alone = design.properties()
        one = design_of(props, i, len(designs))
        assert np.isnan(one.volume_mm3) == np.isnan(alone.volume_mm3)
        if not np.isnan(alone.volume_mm3):
            assert_properties_close(one, alone, rtol=1e-9)


def _degenerate(shape):
    """The same kind of shape, with the choices a batch shares, gone out of existence."""
    if isinstance(shape, Box):
        return Box(size=(0.0,) + tuple(shape.size[1:]), centre=shape.centre, wall=shape.wall,
                   hollow_axis=shape.hollow_axis)
    if isinstance(shape, Cylinder):
        return Cylinder(start=shape.start, end=shape.start, radius=shape.radius,
                        inner_radius=shape.inner_radius)
    if isinstance(shape, Prism):
        lo = shape.extent[0]
        return Prism(profile=shape.profile, plane=shape.plane, extent=(lo, lo), wall=shape.wall)
    if isinstance(shape, Revolution):
        profile = shape.profile.copy()
        profile[:, 0] -= 0.5 * (profile[:, 0].min() + profile[:, 0].max())  # across the axis
        return Revolution(profile=profile, axis=shape.axis)
    return TubePath(points=shape.points, outer_diameter=0.0, wall=0.0,
                    bend_radius=shape.bend_radius)


@FAST_SETTINGS
@given(st.sampled_from(KINDS).flatmap(lambda k: shape_batches(k, min_size=2, max_size=2)))
def test_a_degenerate_design_is_nan_in_a_batch_as_alone(batch):
    _, (first, last) = batch
    assume(all(np.isfinite(d.properties().volume_mm3) for d in (first, last)))
    bad = _degenerate(first)
    assert np.isnan(bad.properties().volume_mm3)
    props = stack([first, bad, last]).properties()
    assert np.isnan(props.volume_mm3[1])
    assert_properties_close(design_of(props, 0, 3), first.properties())
    assert_properties_close(design_of(props, 2, 3), last.properties())


@settings(max_examples=30, deadline=None)
@given(shape_batches())
def test_a_shape_of_several_designs_has_no_key(batch):
    """Keys name one design's solid (CAD builds and the cache go by them); N designs have
    none."""
    together, designs = batch
    with pytest.raises(TypeError):
        together.key()
    for design in designs:
        hash(design.key())


@FAST_SETTINGS
@given(shapes(), st.integers(2, 5))
def test_a_batch_of_one_design_repeated_is_that_design(design, n):
    """A shape given as (n, …) arrays that hold one value in every design is that one
    design's shape (its key, so its figures are computed and remembered once)."""
    together = stack([design] * n)
    one = together.one_design(n)
    assert one is not None and one.key() == design.key()
    assert one._memo_key() == design._memo_key()


@settings(max_examples=50, deadline=None)
@given(shape_batches())
def test_a_batch_whose_designs_differ_is_not_one_design(batch):
    together, designs = batch
    assume(any(d._memo_key() != designs[0]._memo_key() for d in designs))
    assert together.one_design(len(designs)) is None


def test_a_large_batch_of_a_few_distinct_tubes_equals_its_designs_one_by_one():
    """A tube path of ≥ 64 designs is evaluated once per distinct tube (a pipe stretched by
    a wheelbase sweep); every design still gets its own figures."""
    reach = np.repeat([900.0, 1100.0, 1300.0], 30)                   # 90 designs, 3 tubes
    points = [(0.0, 0.0, 0.0), (400.0, 0.0, 0.0), (reach, 150.0, -60.0)]
    together = TubePath(points, outer_diameter=40.0, wall=2.0).properties()
    for i in (0, 29, 30, 89):
        alone = TubePath([(0.0, 0.0, 0.0), (400.0, 0.0, 0.0), (float(reach[i]), 150.0, -60.0)],
                         outer_diameter=40.0, wall=2.0).properties()
        assert_properties_close(design_of(together, i, len(reach)), alone, rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(-3, 3), min_size=4, max_size=4), min_size=1,
                max_size=40))
def test_distinct_rows_are_exactly_numpys_unique_rows(rows):
    keys = np.array(rows, dtype=np.int64)
    first, inverse = distinct(keys)
    np.testing.assert_array_equal(keys[first][inverse], keys)         # each row its group's
    assert len(first) == len(np.unique(keys, axis=0))                 # one group per row value


@st.composite
def _grid_rows(draw):
    """(n, m) float rows as a grid's batch gives them: each column the same in every row,
    moved by the slow parameter (runs), by the fast one (a period), by both, or at random;
    0.0 and −0.0 among the values (apart bit for bit)."""
    slow, fast = draw(st.integers(1, 24)), draw(st.integers(1, 24))   # a period from 64 rows
    n = slow * fast
    values = st.sampled_from([0.0, -0.0, 1.0, -2.5, 1.0 + 1e-12, 1e3 / 3.0])
    columns = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["fixed", "slow", "fast", "both", "random"]))
        count = {"fixed": 1, "slow": slow, "fast": fast, "both": n, "random": n}[kind]
        column = np.array([draw(values) for _ in range(count)])
        if kind == "slow":
            column = np.repeat(column, fast)
        elif kind == "fast":
            column = np.tile(column, slow)
        columns.append(np.broadcast_to(column, (n,)))
    return np.stack(columns, axis=1)


@settings(max_examples=200, deadline=None)
@given(_grid_rows())
def test_distinct_floats_of_a_grid_are_those_of_sorting_every_row(rows):
    """Runs and a period are shortcuts: the groups are those :func:`distinct` finds over
    every row compared bit for bit, and ``None`` exactly when more than half the rows
    differ."""
    want_first, want_inverse = distinct(rows.view(np.int64))
    got = distinct_floats(rows)
    if len(want_first) > len(rows) // 2:
        assert got is None
    else:
        np.testing.assert_array_equal(got[0], want_first)
        np.testing.assert_array_equal(got[1], want_inverse)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=3), min_size=1,
                max_size=6), st.integers(1, 20))
def test_side_by_side_is_concatenating_the_broadcast_columns(widths_and_values, n):
    columns = [np.array(v, dtype=float)[None] if len(v) % 2 else
               np.arange(n * len(v), dtype=float).reshape(n, len(v)) for v in widths_and_values]
    want = np.concatenate([np.broadcast_to(c, (n, c.shape[1])) for c in columns], axis=1)
    np.testing.assert_array_equal(side_by_side(columns, n), want)


def test_distinct_rows_that_share_a_hash_stay_apart():
    from keidesign.shapes import arrays
    w0, w1 = (int(v) for v in arrays._WEIGHTS[:2])
    # r + (w1, −w0) has r's weighted sum (w0 w1 − w1 w0 = 0): a hash collision by design.
    keys = np.array([[5, 7], [5 + w1, 7 - w0], [5, 7]], dtype=np.int64)
    first, inverse = distinct(keys)
    assert len(first) == 2 and inverse[0] == inverse[2] != inverse[1]


def test_properties_are_memoised_by_key():
    a = Box(size=(10.0, 20.0, 30.0))
    b = Box(size=(10.0, 20.0, 30.0), centre=(0.0, -0.0, 0.0))
    assert a.key() == b.key()
    assert a.properties() is b.properties()
    with pytest.raises(ValueError):
        a.properties().centroid_mm[0] = 1.0  # shared, so read-only


# --- bad arguments ---------------------------------------------------------------------------

_LONG = "q" * 100_000

BAD_ARGUMENTS = {
    "prism_plane": (lambda: Prism(profile=[(0, 0), (1, 0), (0, 1)], plane="xw"), "plane",
                    r"Prism 'plane' must be one of 'xz', 'xy', 'yz' \(got 'xw'\)"),
    "prism_extent": (lambda: Prism(profile=[(0, 0), (1, 0), (0, 1)], extent=(0, 1, 2)),
                     "extent", r"Prism 'extent' must be \(low, high\) \(got \(0, 1, 2\)\)"),
    "prism_profile_of_3d_points": (lambda: Prism(profile=[(0, 0, 0), (1, 0, 0), (0, 1, 0)]),
                                   "profile", r"Prism 'profile' must be points of 2 "),
    "prism_profile_of_words": (lambda: Prism(profile=["ab", "cd", "ef"]), "profile",
                               r"Prism 'profile' must be points of 2 coordinates each"),
    "prism_profile_not_points": (lambda: Prism(profile=5), "profile",
                                 r"Prism 'profile' must be a sequence of points"),
    "prism_profile_array": (lambda: Prism(profile=np.zeros((4, 3))), "profile",
                            r"Prism 'profile' must be a \(V, 2\) or \(N, V, 2\) array, not "
                            r"shape \(4, 3\)"),
    "prism_profile_designs_disagree": (
        lambda: Prism(profile=[(np.zeros(2), 0), (1, np.zeros(3)), (0, 1)]), "profile",
        r"Prism 'profile' must be points whose coordinates are numbers or \(N,\) arrays of "
        r"one N \(these hold \[2, 3\] designs\)"),
    "revolution_axis": (lambda: Revolution(profile=[(0, 0), (1, 0), (0, 1)], axis="w"), "axis",
                        r"Revolution 'axis' must be one of 'x', 'y', 'z' \(got 'w'\)"),
    "tube_path_one_point": (lambda: TubePath(points=[(0, 0, 0)], outer_diameter=10.0), "points",
                            r"TubePath 'points' must be at least 2 points"),
    "tube_path_2d_points": (lambda: TubePath(points=[(0, 0), (1, 1)], outer_diameter=10.0),
                            "points", r"TubePath 'points' must be points of 3 coordinates"),
    "box_hollow_axis": (lambda: Box(size=(1, 1, 1), wall=0.1, hollow_axis="w"), "hollow_axis",
                        r"Box 'hollow_axis' must be one of 'x', 'y', 'z' \(got 'w'\)"),
    "box_size": (lambda: Box(size=(1, 1)), "size", r"Box 'size' must be \(x, y, z\)"),
    "cylinder_end": (lambda: Cylinder(start=(0, 0, 0), end=(1, 1), radius=1.0), "end",
                     r"Cylinder 'end' must be \(x, y, z\) \(got \(1, 1\)\)"),
    "long_value_quoted_short": (lambda: Prism(profile=[(0, 0), (1, 0), (0, 1)], plane=_LONG),
                                "plane", r"Prism 'plane' must be one of .* \(got 'qqq"),
    "long_profile_quoted_short": (lambda: Prism(profile=[_LONG] * 3), "profile",
                                  r"Prism 'profile' must be"),
}


@pytest.mark.parametrize(("make", "name", "match"), BAD_ARGUMENTS.values(),
                         ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_are_parameter_errors_naming_the_argument(make, name, match):
    """What a user's concept file passes wrongly is a ParameterError (``keidesign check``
    exits 2 with its message), naming the argument, saying what is allowed, quoting at most
    200 characters of the value."""
    with pytest.raises(ParameterError, match=match) as info:
        make()
    assert info.value.name == name
    assert len(str(info.value)) < 500


# --- degenerate shapes -------------------------------------------------------------------------

_STAR = np.array([5.0, 5.0, 2.5, 1.25, 5.0, 5.0, 1.25, 5.0])[:, None] * np.stack(
    [np.cos(np.radians(45.0 * np.arange(8))), np.sin(np.radians(45.0 * np.arange(8)))], -1)

# Each degenerate shape, and what the CAD path says is wrong with it.
DEGENERATE = {
    "zero_size_box": (Box(size=(0.0, 10.0, 10.0)), "size must be positive"),
    "box_wall_fills_section": (Box(size=(100.0, 10.0, 10.0), wall=5.0, hollow_axis="x"),
                               "wall 5 mm fills"),
    "zero_length_cylinder": (Cylinder(start=(1.0, 2.0, 3.0), end=(1.0, 2.0, 3.0), radius=10.0),
                             "start and end coincide"),
    "negative_radius": (Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 100.0), radius=-10.0),
                        "radius must be positive"),
    "bore_wider_than_cylinder": (Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 100.0),
                                          radius=10.0, inner_radius=12.0),
                                 "inner_radius must be 0 or more and less than the radius"),
    "prism_wall_too_thick": (Prism(profile=[(0.0, 0.0), (100.0, 0.0), (100.0, 20.0),
                                            (0.0, 20.0)], extent=(0.0, 300.0), wall=10.0),
                             "wall 10 mm does not fit"),
    "prism_wall_thicker_than_extent": (Prism(profile=[(0.0, 0.0), (100.0, 0.0), (100.0, 60.0),
                                                      (0.0, 60.0)], extent=(0.0, 6.0),
                                             wall=3.0),
                                       "wall 3 mm does not fit"),
    # The arm is 2.5500000000000007 thick: the inner polygon's arm is 7e-16 wide.
    "prism_wall_just_fills_an_arm": (Prism(profile=[(0.0, 6.0), (0.0, 14.5), (4.5, 14.5),
                                                    (4.5, 8.55), (9.0, 8.55), (9.0, 6.0)],
                                           plane="xy", extent=(0.0, 3.0), wall=1.275),
                                     "wall 1.275 mm does not fit"),
    # Past the star's reflex corners the inner polygon folds over itself.
    "prism_wall_folds_a_star": (Prism(profile=_STAR, plane="xy", extent=(0.0, 3.0), wall=1.33),
                                "wall 1.33 mm does not fit"),
    # The review's example: the closed form said 5000 mm³, the kernel built an invalid solid.
    "prism_profile_crosses_itself": (Prism(profile=[(0.0, 0.0), (100.0, 0.0), (0.0, 50.0),
                                                    (80.0, 150.0)], extent=(0.0, 10.0)),
                                     "the prism profile crosses itself"),
    # A vertex on an edge it is not an end of: also an invalid solid from the kernel.
    "prism_profile_touches_itself": (Prism(profile=[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0),
                                                    (5.0, 0.0), (0.0, 10.0)], plane="yz",
                                           extent=(0.0, 10.0), wall=1.0),
                                     "the prism profile crosses itself"),
    "revolution_profile_crosses_itself": (Revolution(profile=[(10.0, 0.0), (110.0, 0.0),
                                                              (10.0, 50.0), (90.0, 150.0)],
                                                     axis="z"),
                                          "the revolution profile crosses itself"),
    "prism_empty_extent": (Prism(profile=[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)],
                                 extent=(5.0, 5.0)), "extent must run upwards"),
    "flat_prism_profile": (Prism(profile=[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]),
                           "encloses no area"),
    "profile_across_the_axis": (Revolution(profile=[(-5.0, 0.0), (10.0, 0.0), (10.0, 10.0)]),
                                "one side of its axis"),
    "bend_does_not_fit": (TubePath(points=[(0.0, 0.0, 0.0), (100.0, 0.0, 0.0),
                                           (100.0, 30.0, 0.0)], outer_diameter=20.0),
                          "does not fit its bends"),
    "bend_tighter_than_tube": (TubePath(points=[(0.0, 0.0, 0.0), (500.0, 0.0, 0.0),
                                                (500.0, 500.0, 0.0)], outer_diameter=20.0,
                                        bend_radius=8.0), "does not fit its bends"),
    "tube_turns_back": (TubePath(points=[(0.0, 0.0, 0.0), (500.0, 0.0, 0.0), (0.0, 0.0, 0.0)],
                                 outer_diameter=20.0), "does not fit its bends"),
    # The kernel path gives the bends' message for a wall problem too.
    "tube_wall_over_its_radius": (TubePath(points=[(0.0, 0.0, 0.0), (500.0, 0.0, 0.0)],
                                           outer_diameter=20.0, wall=12.0), "wall under its radius"),
}


@pytest.mark.parametrize(("shape", "reason"), DEGENERATE.values(), ids=DEGENERATE.keys())
def test_degenerate_shape_has_nan_volume(shape, reason):
    assert np.isnan(shape.properties().volume_mm3)


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "reason"), DEGENERATE.values(), ids=DEGENERATE.keys())
def test_degenerate_shape_has_no_solid_and_the_error_names_the_part(shape, reason):
    from keidesign.geometry.solids import solid_for

    with pytest.raises(GeometryError, match=f"^bracket_left: .*{re.escape(reason)}") as info:
        solid_for(shape, name="bracket_left")
    assert info.value.part == "bracket_left"


def test_only_the_design_whose_profile_crosses_itself_is_nan():
    square = [(0.0, 0.0), (100.0, 0.0), (100.0, 50.0), (0.0, 50.0)]
    bowtie = [(0.0, 0.0), (100.0, 0.0), (0.0, 50.0), (80.0, 150.0)]  # 5000 mm² "area"
    prisms = Prism(profile=np.array([square, bowtie, square]), extent=(0.0, 10.0)).properties()
    np.testing.assert_array_equal(np.isnan(prisms.volume_mm3), [False, True, False])
    assert prisms.volume_mm3[0] == pytest.approx(50_000.0)
    rings = Revolution(profile=np.array([bowtie, square]) + [10.0, 0.0]).properties()
    np.testing.assert_array_equal(np.isnan(rings.volume_mm3), [True, False])


@pytest.mark.slow
def test_cad_refuses_a_shape_of_several_designs():
    from keidesign.geometry.solids import solid_for

    batch = Box(size=(np.array([10.0, 20.0]), 10.0, 10.0))
    with pytest.raises(GeometryError, match="one design at a time"):
        solid_for(batch, name="crate")


# --- CAD against closed form -------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@CAD_SETTINGS
@given(data=st.data())
def test_cad_solid_matches_closed_form(kind, data):
    assert_cad_agrees(data.draw(shapes(kind, for_cad=True), label="shape"))


@pytest.mark.slow
@pytest.mark.parametrize("wall", [0.0, 3.0])
def test_cad_of_bends_back_to_back(wall):
    """Bends that use up their runs entirely (here a whole torus) still build one solid."""
    big = 60.0
    path = TubePath(points=[(0.0, -big, 0.0), (big, -big, 0.0), (big, big, 0.0),
                            (-big, big, 0.0), (-big, -big, 0.0), (0.0, -big, 0.0)],
                    outer_diameter=20.0, wall=wall, bend_radius=big)
    assert_cad_agrees(path)


@pytest.mark.slow
def test_cad_of_a_profile_touching_the_axis_at_one_vertex():
    """OCCT's volume integration gets such a solid's volume and box right but its inertia
    wrong by per cents (it breaks the symmetry about the axis); a fine mesh of the same solid
    agrees with the closed form, so the solid is the right one."""
    trimesh = pytest.importorskip("trimesh")
    from keidesign.geometry.solids import solid_for

    shape = Revolution(profile=[(0.0, 0.0), (10.0, -5.0), (10.0, 5.0)], axis="y")
    err = cad_disagreement(shape)
    assert err["volume"] <= CAD_RTOL and err["centroid"] <= CAD_ATOL_MM
    assert err["bbox"] <= CAD_ATOL_MM
    vertices, triangles = solid_for(shape).tessellate(1e-3, 0.05)
    mesh = trimesh.Trimesh(np.array([v.toTuple() for v in vertices]), np.array(triangles),
                           process=True)
    closed = tensor(shape.properties().unit_inertia_mm2)
    np.testing.assert_allclose(mesh.moment_inertia / mesh.volume, closed, rtol=0,
                               atol=1e-3 * np.abs(closed).max())


# --- mirror images -----------------------------------------------------------------------------

@FAST_SETTINGS
@given(shapes())
def test_mirror_y_is_the_reflection(shape):
    mirror = shape.mirror_y()
    assert type(mirror) is type(shape)
    assert_properties_close(mirror.properties(), reflect_y(shape.properties()))
    assert mirror.mirror_y().key() == shape.key()


@FAST_SETTINGS
@given(shape_batches())
def test_mirror_y_of_a_batch_is_each_designs_mirror(batch):
    together, designs = batch
    props = together.mirror_y().properties()
    for i, design in enumerate(designs):
        alone = design.mirror_y().properties()
        if not np.isnan(alone.volume_mm3):
            assert_properties_close(design_of(props, i, len(designs)), alone)


SYMMETRIC = {
    "box_on_the_centre_plane": Box(size=(100.0, 60.0, 30.0), centre=(5.0, 0.0, 7.0), wall=2.0,
                                   hollow_axis="y"),
    "cylinder_along_x": Cylinder(start=(-50.0, 0.0, 10.0), end=(80.0, 0.0, 10.0), radius=5.0),
    "axle_along_y": Cylinder(start=(0.0, -600.0, 250.0), end=(0.0, 600.0, 250.0), radius=20.0),
    "side_profile_across_y_0": Prism(profile=[(0.0, 0.0), (500.0, 0.0), (400.0, 300.0),
                                              (0.0, 300.0)], plane="xz", extent=(-700.0, 700.0),
                                     wall=1.0),
    "plan_symmetric_in_y": Prism(profile=[(0.0, -300.0), (800.0, -250.0), (800.0, 250.0),
                                          (0.0, 300.0)], plane="xy", extent=(0.0, 2.0)),
    "section_symmetric_in_y": Prism(profile=[(-400.0, 0.0), (400.0, 0.0), (300.0, 200.0),
                                             (-300.0, 200.0)], plane="yz", extent=(0.0, 900.0)),
    "wheel_about_x": Revolution(profile=[(0.0, -10.0), (100.0, -10.0), (100.0, 10.0),
                                         (0.0, 10.0)], axis="x"),
    "wheel_about_y": Revolution(profile=[(150.0, -70.0), (250.0, -70.0), (270.0, 0.0),
                                         (250.0, 70.0), (150.0, 70.0)], axis="y"),
    "hoop_across_the_car": TubePath(points=[(0.0, 600.0, 0.0), (0.0, 600.0, 1000.0),
                                            (0.0, -600.0, 1000.0), (0.0, -600.0, 0.0)],
                                    outer_diameter=40.0, wall=2.0),
    "bar_on_the_centre_plane": TubePath(points=[(0.0, 0.0, 0.0), (500.0, 0.0, 0.0),
                                                (500.0, 0.0, 500.0)], outer_diameter=30.0),
}


@pytest.mark.parametrize("shape", SYMMETRIC.values(), ids=SYMMETRIC.keys())
def test_a_mirror_symmetric_shape_is_its_own_mirror(shape):
    """Same key, so a symmetric part and its mirror image share one CAD solid."""
    assert shape.mirror_y().key() == shape.key()
    assert_properties_close(shape.mirror_y().properties(), shape.properties())


@pytest.mark.slow
@CAD_SETTINGS
@given(shapes(for_cad=True))
def test_cad_of_mirror_y_is_the_mirror_image_of_the_solid(shape):
    """The solid built from ``mirror_y`` measures as the kernel's own mirror of the solid."""
    from keidesign.geometry.cad_analysis import exact_bounds_mm, volume_properties
    from keidesign.geometry.solids import solid_for

    reflected = solid_for(shape).mirror("XZ")
    mirrored = solid_for(shape.mirror_y())
    want, got = volume_properties(reflected), volume_properties(mirrored)
    assert got.volume_mm3 == pytest.approx(want.volume_mm3, rel=CAD_RTOL)
    np.testing.assert_allclose(got.centroid_mm, want.centroid_mm, rtol=0, atol=CAD_ATOL_MM)
    np.testing.assert_allclose(got.second_moment_mm5, want.second_moment_mm5, rtol=0,
                               atol=CAD_RTOL * np.abs(want.second_moment_mm5).max())
    for a, b in zip(exact_bounds_mm(mirrored), exact_bounds_mm(reflected)):
        np.testing.assert_allclose(a, b, rtol=0, atol=CAD_ATOL_MM)


# --- simple polygons -------------------------------------------------------------------------

def crosses_by_hand(points: list[tuple[float, float]], tol: float = TOUCH_MM) -> bool:
    """The definition of :func:`crosses_itself`, edge pair by edge pair in plain floats."""
    p = [np.asarray(q, dtype=float) for q in points]
    v = len(p)

    def offsets(i: int, q: np.ndarray) -> tuple[float, float, float]:
        """q's distance left of edge i's line, how far along edge i, the edge's length."""
        a, b = p[i], p[(i + 1) % v]
        length = math.hypot(*(b - a))
        if length == 0:
            return 0.0, 0.0, 0.0
        u, d = (b - a) / length, q - a
        return float(u[0] * d[1] - u[1] * d[0]), float(u @ d), length

    def apart(i: int, j: int) -> bool:  # edge j's ends beyond tol on either side of i's line
        s1, s2 = offsets(i, p[j])[0], offsets(i, p[(j + 1) % v])[0]
        return (s1 > tol and s2 < -tol) or (s1 < -tol and s2 > tol)

    for i in range(v):
        for k in range(v):
            if k not in (i, (i + 1) % v):
                across, along, length = offsets(i, p[k])
                if length > 0 and abs(across) <= tol and tol < along < length - tol:
                    return True
    return any(apart(i, j) and apart(j, i) for i in range(v) for j in range(i + 2, v)
               if not (i == 0 and j == v - 1))


SIMPLE_OR_NOT = {
    "square": ([(0, 0), (1, 0), (1, 1), (0, 1)], False),
    "bowtie": ([(0, 0), (100, 0), (0, 50), (80, 150)], True),
    "vertex_on_an_edge": ([(0, 0), (10, 0), (10, 10), (5, 0), (0, 10)], True),
    "edge_folding_back_over_its_neighbour": ([(0, 0), (10, 0), (15, 0), (12, 0), (12, 10),
                                              (0, 10)], True),
    "collinear_edges_overlapping": ([(0, 0), (10, 0), (10, 1), (2, 1), (2, 0), (8, 0),
                                     (8, -1), (0, -1)], True),
    "pinched_at_a_vertex": ([(0, 0), (10, 0), (5, 5), (10, 10), (0, 10), (5, 5)], False),
    "a_vertex_given_twice": ([(0, 0), (10, 0), (10, 0), (10, 10), (0, 10)], False),
    "vertices_along_an_edge": ([(0, 0), (5, 0), (10, 0), (10, 10), (0, 10)], False),
    "c_section": ([(0, 0), (60, 0), (60, 5), (5, 5), (5, 195), (60, 195), (60, 200),
                   (0, 200)], False),
    # The same segment there and back: the kernel builds it, with the area the closed form has.
    "a_slit_of_no_width": ([(0, 0), (60, 0), (60, 100), (5, 100), (60, 100), (60, 200),
                            (0, 200)], False),
    "a_vertex_a_micrometre_off_an_edge": ([(0, 0), (10, 0), (10, 10), (5, 1e-3), (0, 10)],
                                          False),
    "a_vertex_within_the_kernels_tolerance": ([(0, 0), (10, 0), (10, 10), (5, 5e-8),
                                               (0, 10)], True),
    "triangle": ([(0, 0), (3, 0), (0, 4)], False),
    "nan": ([(0, 0), (100, 0), (np.nan, 50), (80, 150)], False),
}


@pytest.mark.parametrize(("points", "crosses"), SIMPLE_OR_NOT.values(),
                         ids=SIMPLE_OR_NOT.keys())
def test_crosses_itself_by_example(points, crosses):
    a = np.array(points, dtype=float)
    assert bool(crosses_itself(a[:, 0], a[:, 1])) is crosses
    assert bool(crosses_itself(a[::-1, 0], a[::-1, 1])) is crosses  # either direction
    assert crosses_by_hand(points) is crosses or np.isnan(a).any()


_GRID = st.integers(-3, 3).map(float)  # small integers: many vertices on lines and edges


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_GRID, _GRID), min_size=3, max_size=8))
def test_crosses_itself_is_the_definition_on_a_grid(points):
    a = np.array(points)
    assert bool(crosses_itself(a[:, 0], a[:, 1])) is crosses_by_hand(points)


@settings(max_examples=20, deadline=None)
@given(st.integers(4, 40), st.integers(1, 150), st.integers(0, 2 ** 32 - 1))
def test_crosses_itself_of_many_designs_is_each_designs(v, n, seed):
    """Star polygons, every third with two vertices swapped (mostly crossing): one call for
    all of them (taken in several blocks) equals one call each and the definition."""
    rng = np.random.default_rng(seed)
    angle = np.sort(rng.uniform(0.0, 2.0 * np.pi, (n, v)), axis=-1)
    radius = rng.uniform(0.3, 1.0, (n, v)) * 400.0
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    x[::3, [1, 2]], y[::3, [1, 2]] = x[::3, [2, 1]], y[::3, [2, 1]]
    together = crosses_itself(x, y)
    assert together.shape == (n,)
    for i in range(0, n, 7):
        assert together[i] == crosses_itself(x[i], y[i]) == crosses_by_hand(
            list(zip(x[i], y[i])))
    assert crosses_itself(x.reshape(1, n, v), y.reshape(1, n, v)).tolist() == [together.tolist()]


@FAST_SETTINGS
@given(st.one_of(profiles(), revolution_profiles()))
def test_the_profiles_tests_draw_are_simple(profile):
    centred = profile - profile.mean(0)
    assert not crosses_itself(centred[:, 0], centred[:, 1])


# --- one definition of each table --------------------------------------------------------------

def test_the_six_tensor_entries_are_defined_once():
    import keidesign.shapes
    from keidesign.analysis.mass import INERTIA_ENTRIES
    from keidesign.shapes import arrays, properties

    pairs = properties.INERTIA_PAIRS
    assert pairs == ((0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2))
    assert keidesign.shapes.INERTIA_ORDER == ("xx", "yy", "zz", "xy", "xz", "yz")
    assert INERTIA_ENTRIES == dict(zip(keidesign.shapes.INERTIA_ORDER, pairs))
    # tensor() here and the rows and columns there pick the same entries.
    six = np.arange(6.0)
    full = tensor(six)
    np.testing.assert_array_equal(full[properties.INERTIA_ROWS, properties.INERTIA_COLUMNS],
                                  six)
    assert keidesign.shapes.AXES is arrays.AXES == {"x": 0, "y": 1, "z": 2}


@pytest.mark.parametrize(("p", "q", "expected"), [
    (0, 0, 6.0 * 4.0), (1, 0, 6.0 ** 2 / 2 * 4.0), (0, 1, 6.0 * 4.0 ** 2 / 2),
    (2, 0, 6.0 ** 3 / 3 * 4.0), (1, 1, 6.0 ** 2 / 2 * 4.0 ** 2 / 2),
    (3, 0, 6.0 ** 4 / 4 * 4.0), (1, 2, 6.0 ** 2 / 2 * 4.0 ** 3 / 3),
])
def test_polygon_integral_of_a_rectangle(p, q, expected):
    """∫∫ xᵖ yᵠ over [0, 6] × [0, 4], either vertex order (clockwise is negative)."""
    x, y = np.array([0.0, 6.0, 6.0, 0.0]), np.array([0.0, 0.0, 4.0, 4.0])
    assert polygon_integral(x, y, p, q) == pytest.approx(expected, rel=1e-14)
    assert polygon_integral(x[::-1], y[::-1], p, q) == pytest.approx(-expected, rel=1e-14)
    assert polygon_integral(x, y, p, q) == polygon_moments(x, y, ((p, q),))[p, q]


@pytest.mark.parametrize("plane", ["xz", "xy", "yz"])
@pytest.mark.parametrize("wall", [0.0, 3.0, "each"])
def test_a_large_batch_of_a_few_distinct_prisms_is_the_batch_evaluated_whole(plane, wall):
    """A prism of ≥ 64 designs is evaluated once per distinct prism (a cover stretched by a
    wheelbase sweep): the figures are those of the whole batch evaluated design by design,
    bit for bit, for profiles of few and many vertices, solid and shells."""
    rng = np.random.default_rng(5)
    for vertices in (4, 11):
        angle = np.sort(rng.uniform(0.0, 2.0 * np.pi, vertices))
        base = np.stack([np.cos(angle), np.sin(angle)], -1) * 300.0 + 50.0    # convex
        stretch = rng.choice([1.0, 1.1, 1.3, 1.7], size=90)                  # 4 distinct
        profile = base[None] * np.stack([stretch, np.ones(90)], -1)[:, None, :]
        walls = 2.0 + (stretch > 1.2) if wall == "each" else wall
        for prism in (Prism(profile, plane=plane, extent=(-200.0, 150.0 * stretch),
                            wall=walls),
                      # One profile, one end moved: its lowest corner is one design's.
                      Prism(base, plane=plane, extent=(-200.0, 150.0 * stretch), wall=walls)):
            whole = prism._each_properties()
            once = prism.properties()
            for figure in ("volume_mm3", "centroid_mm", "unit_inertia_mm2", "bbox_min_mm",
                           "bbox_max_mm"):
                assert np.array_equal(getattr(once, figure), getattr(whole, figure),
                                      equal_nan=True), figure
