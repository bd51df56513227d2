"""Exports: STEP, STL and GLB round trips, the JSON report, atomic writes, format checks."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

cq = pytest.importorskip("cadquery")
trimesh = pytest.importorskip("trimesh")

import keidesign.export.step as step_module  # noqa: E402
from keidesign.concepts import CONCEPTS  # noqa: E402
from keidesign.errors import ExportError, GeometryError, ParameterError  # noqa: E402
from keidesign.export.atomic import atomic_write, write_bytes_atomic  # noqa: E402
from keidesign.export.glb import VEHICLE_TO_GLTF, write_glb  # noqa: E402
from keidesign.export.mesh import part_meshes  # noqa: E402
from keidesign.export.report import write_report  # noqa: E402
from keidesign.export.step import write_step  # noqa: E402
from keidesign.export.stl import write_stl  # noqa: E402
from keidesign.export.writer import (  # noqa: E402
    FORMATS,
    export_design,
    export_design_timed,
    export_layout,
)
from keidesign.geometry.assembly import build_assembly, component_solids  # noqa: E402
from keidesign.geometry.cad_analysis import cad_envelope, exact_bounds_mm  # noqa: E402

pytestmark = pytest.mark.slow

#: The keys of ``keidesign check --json``.
CHECK_KEYS = {"concept", "parameters", "regulation", "envelope_mm", "margins_mm", "fits",
              "violations", "limit_checks", "limiting_components", "wheelbase_mm", "load_cases"}


@pytest.fixture(scope="module", params=sorted(CONCEPTS), ids=sorted(CONCEPTS))
def exported(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Each concept at its defaults, exported once per module, with its solids and meshes."""
    concept = CONCEPTS[request.param]()
    out_dir = tmp_path_factory.mktemp("exports") / concept.name
    result = export_design_timed(concept, out_dir)
    layout = concept.layout()
    solids = component_solids(layout)
    return SimpleNamespace(concept=concept, out_dir=out_dir, result=result, layout=layout,
                           solids=solids, meshes=part_meshes(solids),
                           envelope=cad_envelope(layout, solids))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


# ---- the whole export --------------------------------------------------------------------

def test_export_writes_every_format(exported):
    name = exported.concept.name
    assert list(exported.result.paths) == list(FORMATS)
    for fmt, path in exported.result.paths.items():
        assert path == exported.out_dir / f"{name}.{fmt}"
        assert path.stat().st_size > 0
    assert sorted(p.name for p in exported.out_dir.iterdir()) == sorted(
        f"{name}.{fmt}" for fmt in FORMATS)
    timings = exported.result.timings_s
    assert {"layout", "solids", "assembly", "step", "tessellate", "stl", "glb",
            "json"} <= set(timings)
    assert all(t >= 0 for t in timings.values())
    assert timings["total"] >= sum(t for k, t in timings.items() if k != "total") - 1e-6


def test_variant_name_names_the_files_and_the_step_assembly(tmp_path):
    concept = CONCEPTS["cab-over-truck"](engine_position="rear")
    paths = concept.export(tmp_path, formats=("step",), name="truck-rear-engine")
    assert paths == {"step": tmp_path / "truck-rear-engine.step"}
    assert cq.Assembly.importStep(str(paths["step"])).name == "truck-rear-engine"


def test_concept_export_writes_only_what_is_asked(tmp_path):
    concept = CONCEPTS["cab-over-truck"]()
    paths = concept.export(tmp_path, formats=("JSON", "json"))
    assert paths == {"json": tmp_path / "cab-over-truck.json"}
    assert [p.name for p in tmp_path.iterdir()] == ["cab-over-truck.json"]


@pytest.mark.parametrize("formats, match", [
    (("step", "stp"), r"'formats' must each be one of 'step', 'stl', 'glb', 'json' "
                      r"\(got 'stp' \(did you mean 'step'\?\)\)"),
    (("obj",), r"'formats' .*'step', 'stl', 'glb', 'json' \(got 'obj'\)"),
    ((), r"'formats' must name at least one"),
    ("step", r"'formats' must be a sequence .*got the string 'step'"),
    ((3,), r"'formats' .*got 3"),
    (None, r"'formats' must be a sequence"),
], ids=["misspelt", "unknown", "empty", "bare-string", "not-a-string", "none"])
def test_bad_formats_raise_parameter_error(tmp_path, formats, match):
    out_dir = tmp_path / "out"
    with pytest.raises(ParameterError, match=match) as info:
        export_design(CONCEPTS["cab-over-truck"](), out_dir, formats=formats)
    assert info.value.name == "formats"
    assert not out_dir.exists()


def test_export_layout_reuses_the_solids_it_is_given(exported, tmp_path, monkeypatch):
    """A caller that built the solids already (a CAD sweep point) gets the same files, and
    nothing is built again."""
    import keidesign.geometry.assembly as assembly_module

    def no_rebuild(layout):
        raise AssertionError("component_solids called again")

    monkeypatch.setattr(assembly_module, "component_solids", no_rebuild)
    paths = export_layout(exported.layout, exported.concept.parameters(), tmp_path,
                          formats=("step", "glb", "json"), solids=exported.solids)
    assert list(paths) == ["step", "glb", "json"]
    assert json.loads(paths["json"].read_text()) == \
        json.loads(exported.result.paths["json"].read_text())
    glb = trimesh.load(paths["glb"], force="scene")
    assert set(glb.geometry) == set(exported.layout.names)
    assert paths["step"].stat().st_size > 0


def test_bad_era_raises_before_writing(tmp_path):
    with pytest.raises(ParameterError, match="'era'"):
        export_design(CONCEPTS["cab-over-truck"](), tmp_path / "out", era=1900)
    assert not (tmp_path / "out").exists()


# ---- STEP --------------------------------------------------------------------------------

def test_step_round_trip_keeps_names_colours_and_box(exported):
    path = exported.result.paths["step"]
    head = path.read_text(encoding="ascii", errors="replace")
    assert "AUTOMOTIVE_DESIGN" in head  # AP214
    assert "SI_UNIT(.MILLI.,.METRE.)" in head
    imported = cq.Assembly.importStep(str(path))
    assert imported.name == exported.concept.name
    children = {child.name: child for child in imported.children}
    assert sorted(children) == sorted(exported.layout.names)
    for component in exported.layout.components:
        colour = children[component.name].color.toTuple()
        assert colour == pytest.approx((*component.colour, 1.0), abs=1e-3)
    lo, hi = exact_bounds_mm(imported.toCompound())
    assert lo == pytest.approx(exported.envelope.model_min_mm, abs=0.1)
    assert hi == pytest.approx(exported.envelope.model_max_mm, abs=0.1)
    volume = sum(s.Volume() for s in imported.toCompound().Solids())
    assert volume == pytest.approx(sum(s.Volume() for s in exported.solids.values()), rel=1e-6)


# ---- STL ---------------------------------------------------------------------------------

def test_part_meshes_are_watertight_and_close_to_the_solids(exported):
    assert list(exported.meshes) == list(exported.layout.names)
    for name, mesh in exported.meshes.items():
        assert mesh.is_watertight, name
        assert mesh.volume == pytest.approx(exported.solids[name].Volume(), rel=5e-3), name


def test_open_part_raises_geometry_error_naming_it():
    sheet = cq.Face.makePlane(100.0, 50.0)  # a surface, not a closed solid
    with pytest.raises(GeometryError, match="^bonnet: .*not watertight") as info:
        part_meshes({"engine": cq.Solid.makeBox(1.0, 1.0, 1.0), "bonnet": sheet})
    assert info.value.part == "bonnet"


def test_stl_holds_every_part_with_the_brep_volume(exported):
    stl = trimesh.load(exported.result.paths["stl"], file_type="stl", process=False)
    brep_volume = sum(s.Volume() for s in exported.solids.values())
    assert stl.volume == pytest.approx(brep_volume, rel=0.01)
    # Parts were written one after another: each run of triangles closes on itself.
    counts = [len(m.faces) for m in exported.meshes.values()]
    assert len(stl.faces) == sum(counts)
    triangles = stl.triangles
    start = 0
    for name, count in zip(exported.meshes, counts):
        part = trimesh.Trimesh(**trimesh.triangles.to_kwargs(triangles[start:start + count]))
        assert part.is_watertight, name
        start += count
    # Tessellation stays on the surfaces (chords cut inside by at most the tolerance).
    assert stl.bounds[0] == pytest.approx(exported.envelope.model_min_mm, abs=0.2)
    assert stl.bounds[1] == pytest.approx(exported.envelope.model_max_mm, abs=0.2)


def test_write_stl_tessellates_solids_itself(exported, tmp_path):
    path = write_stl(exported.solids, tmp_path / "parts.stl", tolerance_mm=0.5,
                     angular_tolerance_deg=10.0)
    stl = trimesh.load(path, file_type="stl")
    brep_volume = sum(s.Volume() for s in exported.solids.values())
    assert stl.volume == pytest.approx(brep_volume, rel=0.01)


# ---- GLB ---------------------------------------------------------------------------------

def test_vehicle_to_gltf_is_a_proper_rotation():
    assert VEHICLE_TO_GLTF @ VEHICLE_TO_GLTF.T == pytest.approx(np.eye(3))
    assert np.linalg.det(VEHICLE_TO_GLTF) == pytest.approx(1.0)
    # forward → +Z, left → +X, up → +Y
    assert VEHICLE_TO_GLTF @ [1, 0, 0] == pytest.approx([0, 0, 1])
    assert VEHICLE_TO_GLTF @ [0, 1, 0] == pytest.approx([1, 0, 0])
    assert VEHICLE_TO_GLTF @ [0, 0, 1] == pytest.approx([0, 1, 0])


def test_glb_has_named_coloured_parts_in_metres_y_up(exported):
    scene = trimesh.load(exported.result.paths["glb"])
    names = set(exported.layout.names)
    assert set(scene.geometry) == names
    assert set(scene.graph.nodes_geometry) == names
    root = exported.concept.name  # one root node holds the parts
    assert set(scene.graph.transforms.children[root]) == names
    lo_mm, hi_mm = exported.envelope.model_min_mm, exported.envelope.model_max_mm
    lo, hi = scene.bounds
    size = hi - lo
    assert size[1] == pytest.approx((hi_mm[2] - lo_mm[2]) / 1000.0, abs=2e-4)  # height on Y
    assert size[2] == pytest.approx((hi_mm[0] - lo_mm[0]) / 1000.0, abs=2e-4)  # length on Z
    assert size[0] == pytest.approx((hi_mm[1] - lo_mm[1]) / 1000.0, abs=2e-4)  # width on X
    assert hi[2] == pytest.approx(hi_mm[0] / 1000.0, abs=2e-4)  # the front faces +Z
    assert lo[1] == pytest.approx(0.0, abs=2e-4)  # standing on the ground
    for component in exported.layout.components:
        factor = np.asarray(scene.geometry[component.name].visual.material.baseColorFactor)
        srgb = np.asarray(component.colour)
        linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
        assert factor[:3] / 255.0 == pytest.approx(linear, abs=1.0 / 255.0), component.name


def test_write_glb_leaves_its_inputs_alone(exported, tmp_path):
    before = {name: (m.vertices.copy(), m.faces.copy()) for name, m in exported.meshes.items()}
    colours = {c.name: c.colour for c in exported.layout.components}
    write_glb(exported.meshes, colours, tmp_path / "scene.glb", name="scene")
    for name, mesh in exported.meshes.items():
        assert np.array_equal(mesh.vertices, before[name][0]), name
        assert np.array_equal(mesh.faces, before[name][1]), name


def test_write_glb_needs_every_colour(exported, tmp_path):
    colours = {c.name: c.colour for c in exported.layout.components[1:]}
    first = exported.layout.names[0]
    with pytest.raises(ExportError, match=f"no colour for part.*{first}"):
        write_glb(exported.meshes, colours, tmp_path / "scene.glb")
    assert list(tmp_path.iterdir()) == []


# ---- JSON --------------------------------------------------------------------------------

def test_json_report_is_the_check_json(exported):
    report = json.loads(exported.result.paths["json"].read_text(encoding="utf-8"))
    assert set(report) == CHECK_KEYS
    expected = json.loads(json.dumps(exported.concept.analyse(1998).as_dict()))
    assert report == expected


def test_report_refuses_nan_and_writes_nothing(tmp_path):
    path = tmp_path / "report.json"
    with pytest.raises(ExportError, match="report.json"):
        write_report({"mass_kg": float("nan")}, path)
    assert list(tmp_path.iterdir()) == []


def test_report_writes_numpy_values(tmp_path):
    path = write_report({"com_mm": np.array([1.0, 2.0]), "n": np.int64(3)}, tmp_path / "r.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {"com_mm": [1.0, 2.0], "n": 3}


# ---- atomic writes -----------------------------------------------------------------------

def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "car.step"
    path.write_text("old")
    with atomic_write(path) as tmp:
        assert tmp.parent == tmp_path and tmp != path
        tmp.write_text("new")
        assert path.read_text() == "old"  # nothing visible until the writer is done
    assert path.read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path):
    path = tmp_path / "car.step"
    path.write_text("old")
    with pytest.raises(RuntimeError, match="writer crashed"):
        with atomic_write(path) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("writer crashed")
    assert path.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_atomic_write_rejects_an_empty_result(tmp_path):
    path = tmp_path / "car.stl"
    with pytest.raises(ExportError, match="car.stl empty"):
        with atomic_write(path):
            pass
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_needs_an_existing_folder(tmp_path):
    with pytest.raises(ExportError, match="cannot create a temporary file"):
        write_bytes_atomic(tmp_path / "missing" / "car.stl", b"data")


def test_step_writer_failure_keeps_the_old_file(exported, tmp_path, monkeypatch):
    path = tmp_path / "car.step"
    path.write_text("old")

    def failing_export(assembly, file_name, **kwargs):
        Path(file_name).write_text("ISO-10303-21; half")
        return False  # what exportAssembly returns when OCCT's writer fails

    monkeypatch.setattr(step_module, "exportAssembly", failing_export)
    assembly = build_assembly(exported.layout, exported.solids)
    with pytest.raises(ExportError, match="STEP writer reported failure on car.step"):
        write_step(assembly, path)
    assert path.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_step_writer_exception_becomes_export_error(exported, tmp_path, monkeypatch):
    from OCP.Standard import Standard_Failure

    def raising_export(assembly, file_name, **kwargs):
        raise Standard_Failure("simulated")

    monkeypatch.setattr(step_module, "exportAssembly", raising_export)
    assembly = build_assembly(exported.layout, exported.solids)
    with pytest.raises(ExportError, match="STEP writer failed on car.step") as info:
        write_step(assembly, tmp_path / "car.step")
    assert isinstance(info.value.__cause__, Standard_Failure)
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_earlier_files(exported, tmp_path, monkeypatch):
    """A file that fails at the last moment (its new bytes written, the move into place
    refused) leaves the previous design's file whole and no temporary file behind."""
    import keidesign.export.atomic as atomic_module

    out_dir = tmp_path / exported.concept.name
    first = export_design(exported.concept.replace(wheelbase=1800), out_dir,
                          formats=("glb", "json"))
    old = {fmt: path.read_bytes() for fmt, path in first.items()}
    real_replace = atomic_module.os.replace

    def refuse_glb(src, dst):
        if str(dst).endswith(".glb"):
            assert Path(src).stat().st_size > 0  # the new file was written in full
            raise OSError("simulated rename failure")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_module.os, "replace", refuse_glb)
    with pytest.raises(ExportError, match="cannot move the new .*glb into place"):
        export_design(exported.concept, out_dir, formats=("glb", "json"))
    assert first["glb"].read_bytes() == old["glb"]
    assert first["json"].read_bytes() == old["json"]  # not reached: the export stopped
    assert _leftovers(out_dir) == []
