"""Clashes on the CAD solids against the fast path's covers: equal where the covers are exact
(boxes, side-view prisms and shells, cylinders across the car), never a smaller overlap or a
larger clearance where they are conservative (tyres, slanted tubes, bent tubes, prisms whose
profile is not in vehicle xz), and the
mid-engine concept with its engine pushed forward into the seats."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

cq = pytest.importorskip("cadquery")

from keidesign.analysis.clashes import clashes  # noqa: E402
from keidesign.concepts.registry import get_concept  # noqa: E402
from keidesign.errors import GeometryError, ParameterError  # noqa: E402
from keidesign.geometry import CadClash, cad_clashes, cad_clearance, component_solids  # noqa: E402
from keidesign.layout import Component  # noqa: E402
from keidesign.layout.layout import Layout, VehicleFacts  # noqa: E402
from keidesign.parts.materials import material  # noqa: E402
from keidesign.shapes import (  # noqa: E402
    Box,
    Cylinder,
    Placement,
    Prism,
    Revolution,
    Shape,
)
from tests.strategies import ROTATIONS, prisms, tube_paths  # noqa: E402

pytestmark = pytest.mark.slow

FACTS = VehicleFacts(wheelbase_mm=1900.0, track_front_mm=1280.0, track_rear_mm=1270.0,
                     displacement_cc=658, seats=2, rated_payload_kg=0, is_truck=False)
STEEL = material("steel")

#: Where both covers are exact: fast and CAD agree to these (volume relative, distance mm).
EXACT_RTOL = 1e-6
EXACT_ATOL_MM = 1e-6
#: Where a cover is conservative, the fast figure may be on the safe side of the CAD one by
#: any amount, and on the wrong side by rounding only.
SLACK_RTOL = 1e-6
SLACK_ATOL = 1e-6

# Each example builds two solids and intersects them: a few tens of milliseconds.
CAD_SETTINGS = settings(max_examples=20, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def part(name: str, shape: Shape, x: float = 0.0, y: float = 0.0, z: float = 0.0,
         turns: tuple[int, int, int] = (0, 0, 0), rotation=None) -> Component:
    placement = (Placement.at(x, y, z, turns=turns) if rotation is None
                 else Placement(translation=(x, y, z), rotation=rotation))
    return Component(name, "test", shape, STEEL, placement)


def measure(a: Component, b: Component) -> CadClash:
    """The pair's CAD and fast figures (the components renamed ``a`` and ``b``)."""
    layout = Layout.from_components("test", [a.replace(name="a"), b.replace(name="b")], FACTS)
    (result,) = cad_clashes(layout, [("a", "b")])
    return result


def assert_agree(result: CadClash) -> None:
    assert result.fast_overlap_mm3 == pytest.approx(result.overlap_mm3, rel=EXACT_RTOL,
                                                    abs=EXACT_ATOL_MM)
    assert result.fast_clearance_mm == pytest.approx(result.clearance_mm, abs=EXACT_ATOL_MM)


def assert_conservative(result: CadClash) -> None:
    assert result.fast_overlap_mm3 >= result.overlap_mm3 * (1.0 - SLACK_RTOL) - SLACK_ATOL
    assert result.fast_clearance_mm <= result.clearance_mm + SLACK_ATOL


# ---- exact covers: the two paths agree ---------------------------------------------------------
BLOCK = Box(size=(100.0, 200.0, 300.0))
SMALL = Box(size=(50.0, 60.0, 70.0))
CUBE = Box(size=(100.0, 100.0, 100.0))
AXLE = Cylinder(start=(0.0, -100.0, 0.0), end=(0.0, 150.0, 0.0), radius=120.0)
AXLE_TUBE = Cylinder(start=(0.0, -400.0, 0.0), end=(0.0, 400.0, 0.0), radius=120.0,
                     inner_radius=90.0)
TUBE_X = Box(size=(1000.0, 400.0, 300.0), wall=20.0, hollow_axis="x")
TUBE_Y = Box(size=(300.0, 1000.0, 400.0), wall=15.0, hollow_axis="y")
CAB = Prism([(0.0, 0.0), (800.0, 0.0), (700.0, 500.0), (100.0, 600.0)], plane="xz",
            extent=(-300.0, 300.0), wall=25.0)
SEAT = Prism([(0.0, 0.0), (450.0, 0.0), (450.0, 120.0), (120.0, 160.0), (60.0, 650.0),
              (-40.0, 640.0)], plane="xz", extent=(-250.0, 250.0))

# (case, a, b, the CAD figures where known by hand: (overlap mm³, clearance mm) or None)
EXACT_CASES = [
    ("box-box-overlap", part("a", BLOCK), part("b", SMALL, 60.0, 90.0, 140.0),
     (15.0 * 40.0 * 45.0, 0.0)),
    ("box-box-apart", part("a", BLOCK), part("b", SMALL, 120.0, 150.0, 200.0),
     (0.0, float(np.sqrt(45.0**2 + 20.0**2 + 15.0**2)))),
    ("box-box-contained", part("a", BLOCK), part("b", SMALL, 5.0, -10.0, 20.0),
     (50.0 * 60.0 * 70.0, 0.0)),
    ("box-box-face-to-face", part("a", BLOCK), part("b", SMALL, 75.0, 0.0, 0.0), (0.0, 0.0)),
    ("box-box-turned-overlap", part("a", BLOCK, turns=(1, 0, 0)),
     part("b", Box(size=(50.0, 60.0, 70.0), centre=(10.0, 20.0, 5.0)), 60.0, 120.0, 90.0,
          turns=(0, 1, 1)), None),
    ("box-box-turned-apart", part("a", Box(size=(100.0, 200.0, 300.0), centre=(30.0, 0.0, -20.0)),
                                  turns=(0, 0, 1)),
     part("b", SMALL, 260.0, 140.0, -230.0, turns=(1, 2, 3)), None),
    ("cylinder-box-partial", part("a", AXLE, 10.0, 5.0, 300.0),
     part("b", CUBE, 100.0, 0.0, 340.0), None),
    ("cylinder-box-contained", part("a", AXLE, 10.0, 5.0, 300.0),
     part("b", Box(size=(60.0, 60.0, 60.0)), 10.0, 0.0, 300.0), (60.0**3, 0.0)),
    ("cylinder-box-apart-across", part("a", AXLE, 10.0, 5.0, 300.0),
     part("b", Box(size=(60.0, 60.0, 60.0)), 200.0, 0.0, 450.0), None),
    ("cylinder-box-apart-along", part("a", AXLE, 10.0, 5.0, 300.0),
     part("b", Box(size=(60.0, 60.0, 60.0)), 10.0, 300.0, 300.0), (0.0, 115.0)),
    ("cylinder-turned-about-y", part("a", AXLE, 10.0, 5.0, 300.0, turns=(0, 1, 0)),
     part("b", CUBE, 100.0, 120.0, 200.0, turns=(0, 0, 1)), None),
    ("tube-about-y-box-in-bore", part("a", AXLE_TUBE, 0.0, 0.0, 400.0),
     part("b", Box(size=(80.0, 100.0, 60.0)), 20.0, 0.0, 410.0), None),
    ("tube-about-y-box-through-wall", part("a", AXLE_TUBE, 0.0, 0.0, 400.0),
     part("b", Box(size=(80.0, 100.0, 60.0)), 100.0, 0.0, 410.0), None),
    ("box-tube-box-in-cavity", part("a", TUBE_X), part("b", CUBE, 0.0, 0.0, 50.0), (0.0, 30.0)),
    ("box-tube-box-through-wall", part("a", TUBE_X), part("b", CUBE, 0.0, 0.0, 150.0),
     (100.0 * 100.0 * 20.0, 0.0)),
    ("y-tube-box-in-cavity", part("a", TUBE_Y, 50.0, 0.0, 500.0),
     part("b", CUBE, 40.0, 30.0, 600.0), (0.0, 35.0)),
    ("shell-box-in-cavity", part("a", CAB, 0.0, 0.0, 100.0), part("b", CUBE, 400.0, 0.0, 400.0),
     None),
    ("shell-box-near-end-wall", part("a", CAB, 0.0, 0.0, 100.0),
     part("b", CUBE, 400.0, 200.0, 400.0), (0.0, 25.0)),
    ("shell-box-through-side-wall", part("a", CAB, 0.0, 0.0, 100.0),
     part("b", CUBE, 0.0, 0.0, 400.0), None),
    ("shell-box-through-end-wall", part("a", CAB, 0.0, 0.0, 100.0),
     part("b", CUBE, 400.0, 280.0, 400.0), (100.0 * 100.0 * 25.0, 0.0)),
    ("prism-box-overlap", part("a", SEAT, -700.0, 280.0, 430.0),
     part("b", Box(size=(200.0, 300.0, 400.0)), -800.0, 200.0, 900.0), None),
    ("prism-box-apart", part("a", SEAT, -700.0, 280.0, 430.0),
     part("b", Box(size=(200.0, 300.0, 400.0)), -900.0, 380.0, 1100.0), None),
    ("prism-turned-about-y-box", part("a", SEAT, -700.0, 280.0, 430.0, turns=(0, 2, 0)),
     part("b", Box(size=(200.0, 300.0, 400.0)), -800.0, 200.0, 300.0), None),
]


@pytest.mark.parametrize("a, b, by_hand", [c[1:] for c in EXACT_CASES],
                         ids=[c[0] for c in EXACT_CASES])
def test_fast_and_cad_agree_where_covers_are_exact(a, b, by_hand):
    result = measure(a, b)
    assert_agree(result)
    if by_hand is not None:
        overlap, clearance = by_hand
        assert result.overlap_mm3 == pytest.approx(overlap, rel=EXACT_RTOL, abs=EXACT_ATOL_MM)
        assert result.clearance_mm == pytest.approx(clearance, abs=EXACT_ATOL_MM)


def test_the_exact_cases_both_overlap_and_keep_apart():
    """The cases above are not all of one kind: some overlap, some are apart, some touch."""
    results = [measure(a, b) for _, a, b, _ in EXACT_CASES]
    assert sum(r.is_clash for r in results) >= 8
    assert sum(r.clearance_mm > 1.0 for r in results) >= 8


# Tubes: a bore's open ends are no walls, and a rectangular tube turned off y keeps its cavity.
TUBE_CASES = [
    ("box-tube-box-near-open-end", part("a", TUBE_X), part("b", CUBE, 430.0, 0.0, 0.0)),
    ("y-tube-box-near-open-end", part("a", TUBE_Y, 50.0, 0.0, 500.0),
     part("b", CUBE, 40.0, 430.0, 500.0)),
    ("tube-about-y-box-near-open-end", part("a", AXLE_TUBE, 0.0, 0.0, 400.0),
     part("b", Box(size=(80.0, 100.0, 60.0)), 20.0, 340.0, 410.0)),
    ("box-tube-turned-off-y-box-in-cavity", part("a", TUBE_X, turns=(0, 0, 1)),
     part("b", CUBE, 0.0, 0.0, 50.0)),
]


@pytest.mark.parametrize("a, b", [c[1:] for c in TUBE_CASES], ids=[c[0] for c in TUBE_CASES])
def test_tube_covers_agree(a, b):
    assert_agree(measure(a, b))


# ---- conservative covers: the fast path never misses ---------------------------------------
@st.composite
def tyres(draw: st.DrawFn) -> Revolution:
    """A tyre-like ring about its own y: tread, sidewalls, chamfered shoulders, a bore."""
    outer = draw(st.floats(230.0, 340.0))
    width = draw(st.floats(125.0, 295.0))
    bore = draw(st.floats(0.45, 0.8)) * outer
    c = draw(st.floats(0.05, 0.45)) * min(outer - bore, 0.5 * width)
    h = 0.5 * width
    return Revolution([(bore, -h), (outer - c, -h), (outer, c - h), (outer, h - c),
                       (outer - c, h), (bore, h)], axis="y")


@st.composite
def slanted_cylinders(draw: st.DrawFn) -> Cylinder:
    """A cylinder or tube slanted off every principal axis (at least two axes' components
    over 0.1)."""
    d = np.array(draw(st.tuples(*[st.floats(-1.0, 1.0)] * 3)))
    assume(np.linalg.norm(d) > 0.1)  # a direction, not rounding noise blown up
    d = d / np.linalg.norm(d)
    assume(np.count_nonzero(np.abs(d) > 0.1) >= 2)
    start = np.array(draw(st.tuples(*[st.floats(-300.0, 300.0)] * 3)))
    end = start + draw(st.floats(100.0, 1500.0)) * d
    radius = draw(st.floats(5.0, 150.0))
    bore = draw(st.floats(0.2, 0.9)) * radius if draw(st.booleans()) else 0.0
    return Cylinder(start=tuple(start), end=tuple(end), radius=radius, inner_radius=bore)


@st.composite
def boxes_near(draw: st.DrawFn, target: Component) -> Component:
    """A box somewhere around ``target``: through it, grazing it or a little way off."""
    props = target.properties()
    lo, hi = (np.asarray(v, dtype=float).reshape(3) for v in (props.bbox_min_mm,
                                                              props.bbox_max_mm))
    size = np.array(draw(st.tuples(*[st.floats(20.0, 600.0)] * 3)))
    reach = 0.5 * (hi - lo) + 0.5 * size + 100.0
    fraction = np.array(draw(st.tuples(*[st.floats(-1.0, 1.0)] * 3)))
    centre = 0.5 * (lo + hi) + fraction * reach
    return part("b", Box(size=tuple(size)), *centre)


@st.composite
def pairs_with(draw: st.DrawFn, shapes: st.SearchStrategy[Shape]) -> tuple[Component, Component]:
    a = part("a", draw(shapes), *draw(st.tuples(*[st.floats(-500.0, 500.0)] * 3)),
             rotation=draw(st.sampled_from(ROTATIONS)))
    return a, draw(boxes_near(a))


@CAD_SETTINGS
@given(pairs_with(tyres()))
def test_fast_path_is_conservative_for_tyres(pair):
    assert_conservative(measure(*pair))


@CAD_SETTINGS
@given(pairs_with(slanted_cylinders()))
def test_fast_path_is_conservative_for_slanted_cylinders(pair):
    assert_conservative(measure(*pair))


@CAD_SETTINGS
@given(pairs_with(tube_paths()))
def test_fast_path_is_conservative_for_tube_paths(pair):
    assert_conservative(measure(*pair))


@CAD_SETTINGS
@given(pairs_with(st.sampled_from(["yz", "xy"]).flatmap(lambda plane: prisms(plane=plane))))
def test_fast_path_is_conservative_for_prisms_off_xz(pair):
    """Prisms in "yz" or "xy", solid or shells, turned any way: covered by strips."""
    assert_conservative(measure(*pair))


@CAD_SETTINGS
@given(pairs_with(prisms(plane="xz")))
def test_fast_path_is_conservative_for_turned_xz_prisms(pair):
    """Side-view prisms turned any way (most of the turns take their profile out of xz)."""
    assert_conservative(measure(*pair))


# ---- a concept: the mid-engine concept's engine pushed into its seats ------------------------
def exact_cover(component: Component) -> bool:
    """Whether the fast path's cover of ``component`` is its exact shape (for overlaps)."""
    shape, keeps_y = component.shape, abs(component.placement.rotation[1][1]) == 1
    if isinstance(shape, Box):
        return keeps_y or float(shape.wall) == 0.0  # off y, a tube's cavity is left out
    if isinstance(shape, Prism):
        return shape.plane == "xz" and keeps_y
    if isinstance(shape, Cylinder):
        start, end = np.asarray(shape.start, dtype=float), np.asarray(shape.end, dtype=float)
        return keeps_y and bool(np.all((start == end)[[0, 2]]))
    return False


@pytest.fixture(scope="module")
def engine_in_the_seats() -> Layout:
    """The mid-engine concept with the engine 480 mm forward of its default, into the seats."""
    return get_concept("mid-engine-concept")(engine_setback=1000.0).layout()


def test_cad_confirms_the_engine_in_the_seats(engine_in_the_seats):
    layout = engine_in_the_seats
    fast = {(c.a, c.b): c.overlap_mm3 for c in clashes(layout).of_design(0)}
    named = [pair for pair in fast if "engine" in pair
             and {"seat_driver", "seat_passenger", "driver", "passenger"} & set(pair)]
    assert ("engine", "seat_driver") in named
    for result in cad_clashes(layout, named):
        assert 0.0 < result.overlap_mm3 <= fast[result.a, result.b] * (1.0 + SLACK_RTOL)
        assert result.fast_overlap_mm3 == pytest.approx(fast[result.a, result.b], rel=1e-12)
        assert result.is_clash and result.clearance_mm == 0.0


def test_cad_confirms_every_exact_fast_clash_of_the_design(engine_in_the_seats):
    layout = engine_in_the_seats
    by_name = {c.name: c for c in layout.components}
    results = cad_clashes(layout)
    assert len(results) == sum(c.a in by_name for c in clashes(layout).of_design(0))
    exact = [r for r in results if exact_cover(by_name[r.a]) and exact_cover(by_name[r.b])]
    assert {("engine", "seat_driver"), ("engine", "driver")} <= {(r.a, r.b) for r in exact}
    for result in exact:
        assert result.is_clash, result
        assert result.fast_overlap_mm3 == pytest.approx(result.overlap_mm3, rel=EXACT_RTOL)
    for result in results:
        assert_conservative(result)


# ---- the API's edges --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_blocks() -> Layout:
    return Layout.from_components("test", [part("block", BLOCK),
                                           part("small", SMALL, 5.0, -10.0, 20.0),
                                           part("far", SMALL, 500.0, 0.0, 0.0)], FACTS)


def test_cad_clearance_is_zero_inside_and_the_gap_outside(two_blocks):
    assert cad_clearance(two_blocks, "block", "small") == 0.0
    assert cad_clearance(two_blocks, "far", "block") == pytest.approx(425.0, abs=EXACT_ATOL_MM)


def test_given_solids_give_the_same_figures(two_blocks):
    pairs = [("block", "small"), ("far", "block")]
    solids = component_solids(two_blocks)
    assert cad_clashes(two_blocks, pairs, solids=solids) == cad_clashes(two_blocks, pairs)
    with pytest.raises(ParameterError, match="'solids' holds no solid for 'far'"):
        cad_clashes(two_blocks, pairs, solids={"block": solids["block"],
                                                                 "small": solids["small"]})


def test_the_default_pairs_are_the_fast_paths_clashes(two_blocks):
    (result,) = cad_clashes(two_blocks)
    assert (result.a, result.b) == ("block", "small")
    assert result.as_dict()["overlap_mm3"] == pytest.approx(50.0 * 60.0 * 70.0)


@pytest.mark.parametrize("pairs, match", [
    ([("block", "smal")], "no component 'smal'.*'small'"),
    ([("block", "block")], "two components.*'block' twice"),
    (("block", "small"), "'pairs' must hold \\(name, name\\) pairs"),
    ([("block", "small", "far")], "'pairs' must hold"),
], ids=["misspelt", "twice", "not-pairs", "three"])
def test_bad_pairs_are_refused(two_blocks, pairs, match):
    with pytest.raises(ParameterError, match=match):
        cad_clashes(two_blocks, pairs)


def test_cad_clearance_refuses_unknown_names(two_blocks):
    with pytest.raises(ParameterError, match="no component 'blok'.*'block'"):
        cad_clearance(two_blocks, "blok", "small")


def test_one_design_at_a_time():
    layout = get_concept("mid-engine-concept").layout_batch({"engine_setback": [1000.0, 1480.0]})
    with pytest.raises(ParameterError, match="one design at a time.*holds 2"):
        cad_clashes(layout, [("engine", "seat_driver")])
    with pytest.raises(ParameterError, match="one design at a time.*holds 2"):
        cad_clearance(layout, "engine", "seat_driver")


def test_kernel_failures_name_the_parts(two_blocks, monkeypatch):
    from OCP.Standard import Standard_ConstructionError

    import keidesign.geometry.clash as clash

    def fail(*args, **kwargs):
        raise Standard_ConstructionError("simulated kernel failure")

    monkeypatch.setattr(clash, "BRepAlgoAPI_Common", fail)
    with pytest.raises(GeometryError, match="^block: .*failed to intersect it with 'small'") \
            as info:
        cad_clashes(two_blocks, [("block", "small")])
    assert info.value.part == "block"
    assert isinstance(info.value.__cause__, Standard_ConstructionError)
    monkeypatch.setattr(clash, "BRepExtrema_DistShapeShape", fail)
    with pytest.raises(GeometryError, match="^far: .*distance to 'block'"):
        cad_clearance(two_blocks, "far", "block")
