"""CAD solids and assembly: each solid against its closed form, the CAD path against the fast
path, and identical parts sharing one solid."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

cq = pytest.importorskip("cadquery")

from keidesign.analysis import LOAD_CASES, envelope, mass_properties  # noqa: E402
from keidesign.concepts import CONCEPTS, get_concept  # noqa: E402
from keidesign.errors import GeometryError, ParameterError  # noqa: E402
from keidesign.geometry.assembly import (  # noqa: E402
    build_assembly,
    cad_model,
    component_solids,
)
from keidesign.geometry.cad_analysis import (  # noqa: E402
    cad_envelope,
    cad_mass_properties,
    exact_bounds_mm,
    volume_properties,
)
from keidesign.geometry.solids import solid_for  # noqa: E402
from keidesign.shapes import Box, Cylinder, TubePath  # noqa: E402

pytestmark = pytest.mark.slow


#: Every archetype, and the presets with every optional part (the show trucks' equipment).
BUILT = [*sorted(CONCEPTS), "gr-hijet-k-trail", "hijet-jumbo-star-climber"]


@pytest.fixture(scope="module", params=BUILT, ids=BUILT)
def built(request: pytest.FixtureRequest) -> SimpleNamespace:
    """Each concept at its defaults, built once per module: layout, model, located solids,
    assembly."""
    concept = get_concept(request.param)()
    layout = concept.layout()
    model = cad_model(layout)
    return SimpleNamespace(concept=concept, layout=layout, model=model,
                           solids=component_solids(layout, model),
                           assembly=build_assembly(layout, model))


def _shape_report(shape, solid) -> tuple[float, float, float]:
    """(relative volume error, centroid error mm, bbox error mm) of ``solid`` against the
    closed form of ``shape`` (both in the shape's own frame)."""
    props = volume_properties(solid)
    closed = shape.properties()
    lo, hi = exact_bounds_mm(solid)
    return (abs(props.volume_mm3 / float(closed.volume_mm3) - 1.0),
            float(np.abs(props.centroid_mm - closed.centroid_mm).max()),
            float(max(np.abs(lo - closed.bbox_min_mm).max(),
                      np.abs(hi - closed.bbox_max_mm).max())))


def test_every_solid_matches_its_closed_form(built):
    """Each distinct solid in its own frame against its shape's closed form, and each located
    solid against the layout's placed figures."""
    layout = built.layout
    assert list(built.solids) == list(layout.names)
    bad = []
    for i, component in enumerate(layout.components):
        own = built.model.solids[built.model.keys[component.name]]
        dv, dc, db = _shape_report(component.shape, own)
        placed = built.solids[component.name]
        props = volume_properties(placed)
        lo, hi = exact_bounds_mm(placed)
        dv_layout = abs(props.volume_mm3 / layout.volume_mm3[0, i] - 1.0)
        dc_layout = np.abs(props.centroid_mm - layout.centroid_mm[0, i]).max()
        db_layout = max(np.abs(lo - layout.bbox_min_mm[0, i]).max(),
                        np.abs(hi - layout.bbox_max_mm[0, i]).max())
        if not (own.isValid() and dv <= 1e-6 and dc <= 0.01 and db <= 0.01
                and dv_layout <= 1e-6 and dc_layout <= 0.01 and db_layout <= 0.01):
            bad.append((component.name, own.isValid(), dv, dc, db, dv_layout, dc_layout,
                        db_layout))
    assert not bad, ("(name, valid, dV/V, centroid mm, bbox mm; placed: dV/V, centroid mm, "
                     f"bbox mm): {bad}")


def test_identical_parts_share_one_solid(built):
    """One solid per distinct shape key; every part placing it is a located copy of it."""
    layout, model = built.layout, built.model
    keys = [c.shape.key() for c in layout.components]
    assert list(model.keys.values()) == keys
    assert set(model.solids) == set(keys)
    assert len(model.solids) < len(layout.names)
    for name, key in model.keys.items():
        base = built.solids[name].located(cq.Location())
        assert base.isSame(model.solids[key]), name
    # Left and right wheels: one tyre solid, the right one turned about z by a half turn.
    tyres = ["tyre_front_left", "tyre_front_right"]
    assert model.keys[tyres[0]] == model.keys[tyres[1]]


def test_the_cab_over_trucks_wheels_share_one_tyre():
    layout = CONCEPTS["cab-over-truck"]().layout()
    model = cad_model(layout)
    tyres = [n for n in layout.names if n.startswith("tyre_")]
    assert len(tyres) == 5  # four wheels and the spare
    assert len({model.keys[n] for n in tyres}) == 1


def test_matrices_are_the_placements(built):
    matrices = built.model.matrices()
    assert list(matrices) == list(built.layout.names)
    for component in built.layout.components:
        m = matrices[component.name]
        assert m == pytest.approx(component.placement.matrix(), abs=1e-12), component.name
        rotation = m[:3, :3]
        assert rotation @ rotation.T == pytest.approx(np.eye(3), abs=1e-12)
        assert np.linalg.det(rotation) == pytest.approx(1.0)


def test_assembly_children_are_the_layout_components(built):
    assembly, layout, model = built.assembly, built.layout, built.model
    names = [child.name for child in assembly.children]
    assert assembly.name == layout.concept == built.concept.name
    assert names == list(layout.names)
    for child, component in zip(assembly.children, layout.components):
        assert child.color.toTuple() == pytest.approx((*component.colour, 1.0), abs=1e-6)
        # The shared solid itself, placed by the child's location.
        assert child.obj is model.solids[model.keys[component.name]]
        assert child.loc.wrapped.Transformation().TranslationPart().Coord() == \
            pytest.approx(component.placement.matrix()[:3, 3], abs=1e-9)


@pytest.mark.parametrize("case", list(LOAD_CASES))
def test_cad_centre_of_mass_matches_fast_path(built, case):
    cad = cad_mass_properties(built.layout, built.solids)[case]
    fast = mass_properties(built.layout)[case]
    assert cad.load_case == case
    assert cad.mass_kg == pytest.approx(fast.mass_kg[0], rel=1e-12)
    assert np.abs(cad.com_mm - fast.com_mm[0]).max() <= 0.01
    # Inertia too: the same masses, so only the integration can differ.
    scale = np.abs(fast.inertia_kg_m2[0]).max()
    assert np.abs(cad.inertia_kg_m2 - fast.inertia_kg_m2[0]).max() <= 1e-6 * scale


def test_cad_envelope_matches_fast_envelope(built):
    cad = cad_envelope(built.layout, built.solids)
    fast = envelope(built.layout)
    assert np.abs(cad.size_mm - fast.size_mm[0]).max() <= 0.01
    assert np.abs(cad.min_mm - fast.min_mm[0]).max() <= 0.01
    assert np.abs(cad.max_mm - fast.max_mm[0]).max() <= 0.01
    everything_lo = built.layout.bbox_min_mm[0].min(axis=0)
    everything_hi = built.layout.bbox_max_mm[0].max(axis=0)
    assert cad.model_min_mm == pytest.approx(everything_lo, abs=0.01)
    assert cad.model_max_mm == pytest.approx(everything_hi, abs=0.01)


def test_cad_functions_build_solids_when_not_given():
    layout = CONCEPTS["cab-over-truck"]().layout()
    assert cad_envelope(layout).size_mm == pytest.approx(envelope(layout).size_mm[0], abs=0.01)
    assert set(cad_mass_properties(layout)) == set(LOAD_CASES)


@pytest.mark.parametrize("shape", [
    Cylinder(start=(0.0, 0.0, 0.0), end=(300.0, 120.0, 800.0), radius=20.0, inner_radius=17.5),
    Cylinder(start=(-1200.0, 540.0, 600.0), end=(-700.0, 540.0, 1350.0), radius=20.0,
             inner_radius=17.5),
    Cylinder(start=(10.0, -20.0, 30.0), end=(-400.0, 250.0, -90.0), radius=55.0),
    Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 500.0), radius=10.0, inner_radius=9.0),
], ids=["roll-cage-diagonal", "a-pillar", "solid-oblique", "axis-aligned-tube"])
def test_tilted_cylinder_matches_its_closed_form(shape):
    dv, dc, db = _shape_report(shape, solid_for(shape, name="tube"))
    assert dv <= 1e-6
    assert dc <= 0.01
    assert db <= 0.01


def test_concepts_have_tilted_cage_tubes():
    """The mid-engine roll cage gives oblique tube runs real use."""
    layout = CONCEPTS["mid-engine-concept"]().layout()
    tilted = [c.name for c in layout.components if isinstance(c.shape, TubePath)
              and (np.count_nonzero(np.diff(np.asarray(c.shape.points), axis=0), axis=1)
                   > 1).any()]
    assert tilted


@pytest.mark.parametrize("shape, match", [
    (Box(centre=(0.0, 0.0, 0.0), size=(100.0, 0.0, 50.0)), "size must be positive"),
    (Box(centre=(0.0, 0.0, 0.0), size=(100.0, 40.0, 50.0), wall=20.0, hollow_axis="x"),
     "fills the"),
    (Box(centre=(0.0, 0.0, 0.0), size=(100.0, 40.0, 50.0), wall=-1.0), "wall must be"),
    (Cylinder(start=(5.0, 5.0, 5.0), end=(5.0, 5.0, 5.0), radius=10.0), "coincide"),
    (Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 50.0), radius=10.0, inner_radius=10.0),
     "inner_radius"),
    (Cylinder(start=(0.0, 0.0, 0.0), end=(0.0, 0.0, 50.0), radius=float("nan")), "finite"),
], ids=["flat-box", "wall-fills-section", "negative-wall", "zero-length", "no-material",
        "nan-radius"])
def test_degenerate_shape_raises_geometry_error_naming_the_part(shape, match):
    with pytest.raises(GeometryError, match=f"^bad_part: .*{match}") as info:
        solid_for(shape, name="bad_part")
    assert info.value.part == "bad_part"


def test_kernel_failure_is_wrapped_with_the_part_name(monkeypatch):
    from OCP.Standard import Standard_ConstructionError

    def fail(*args, **kwargs):
        raise Standard_ConstructionError("simulated kernel failure")

    monkeypatch.setattr(cq.Solid, "makeBox", fail)
    with pytest.raises(GeometryError, match="engine: the CAD kernel failed") as info:
        solid_for(Box(centre=(0.0, 0.0, 0.0), size=(1.0, 1.0, 1.0)), name="engine")
    assert info.value.part == "engine"
    assert isinstance(info.value.__cause__, Standard_ConstructionError)


def test_invalid_kernel_result_is_rejected(monkeypatch):
    """Booleans and tube sweeps are checked with the kernel's validity check."""
    monkeypatch.setattr(cq.Shape, "isValid", lambda self: False)
    with pytest.raises(GeometryError, match="rail: .*invalid solid"):
        solid_for(Box(size=(100.0, 50.0, 80.0), wall=3.0), name="rail")
    with pytest.raises(GeometryError, match="hoop: .*invalid solid"):
        solid_for(TubePath(points=[(0.0, 0.0, 0.0), (0.0, 0.0, 500.0), (300.0, 0.0, 500.0)],
                           outer_diameter=40.0, wall=2.0), name="hoop")


def test_cad_builds_one_design_at_a_time():
    layout = CONCEPTS["cab-over-truck"].layout_batch({"wheelbase": [1800.0, 1900.0]})
    with pytest.raises(ParameterError, match="one design at a time.*holds 2"):
        cad_model(layout)
    with pytest.raises(ParameterError, match="one design at a time.*holds 2"):
        component_solids(layout)
    with pytest.raises(ParameterError, match="one design at a time"):
        build_assembly(layout)


def test_cad_checks_refuse_many_designs_even_with_solids(built):
    layout = CONCEPTS["cab-over-truck"].layout_batch({"wheelbase": [1800.0, 1900.0]})
    for check in (cad_mass_properties, cad_envelope):
        with pytest.raises(ParameterError, match="one design at a time.*holds 2"):
            check(layout, built.solids)


def test_build_assembly_checks_the_model_it_is_given(built):
    first = built.layout.names[0]
    keys = {name: key for name, key in built.model.keys.items() if name != first}
    partial = dataclasses.replace(built.model, keys=keys)
    with pytest.raises(ParameterError, match=f"missing \\['{first}'\\]"):
        build_assembly(built.layout, partial)


def test_concept_build_returns_the_assembly():
    assembly = CONCEPTS["cab-over-truck"]().build()
    assert assembly.name == "cab-over-truck"
    assert len(assembly.children) == len(CONCEPTS["cab-over-truck"]().layout().names)


def test_importing_keidesign_does_not_import_the_cad_kernel():
    code = ("import sys, keidesign, keidesign.export, keidesign.export.writer\n"
            "keidesign.get_concept('cab-over-truck')().analyse()\n"
            "print(' '.join(m for m in ('cadquery', 'OCP', 'trimesh') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"imported by keidesign: {proc.stdout.strip()}"
