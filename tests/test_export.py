"""Exports: STEP, STL and GLB round trips (names, colours, placements, volumes, sharing), the
JSON report, atomic writes, format checks."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
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
from keidesign.export.mesh import Tessellation, mesh_solid, tessellate  # noqa: E402
from keidesign.export.names import shared_name, unique_names  # noqa: E402
from keidesign.export.report import write_report  # noqa: E402
from keidesign.export.step import write_step  # noqa: E402
from keidesign.export.stl import write_stl  # noqa: E402
from keidesign.export.writer import (  # noqa: E402
    FORMATS,
    SUFFIXES,
    export_design,
    export_design_timed,
    export_layout,
)
from keidesign.geometry.assembly import build_assembly, cad_model  # noqa: E402
from keidesign.geometry.cad_analysis import (  # noqa: E402
    cad_envelope,
    exact_bounds_mm,
    volume_properties,
)

pytestmark = pytest.mark.slow

#: The keys of ``keidesign check --json``.
CHECK_KEYS = {"concept", "parameters", "regulation", "envelope_mm", "margins_mm", "fits",
              "violations", "limit_checks", "limiting_components", "wheelbase_mm", "load_cases",
              "components", "turning", "passes", "clashes", "ground", "min_clearances"}


@pytest.fixture(scope="module", params=sorted(CONCEPTS), ids=sorted(CONCEPTS))
def exported(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Each concept at its defaults, exported once per module, with its model and meshes."""
    concept = CONCEPTS[request.param]()
    out_dir = tmp_path_factory.mktemp("exports") / concept.name
    result = export_design_timed(concept, out_dir)
    layout = concept.layout()
    model = cad_model(layout)
    solids = model.placed()
    return SimpleNamespace(concept=concept, out_dir=out_dir, result=result, layout=layout,
                           model=model, solids=solids, meshes=tessellate(model),
                           envelope=cad_envelope(layout, solids))


@pytest.fixture(scope="module")
def step_parts(exported) -> SimpleNamespace:
    """The STEP file of ``exported`` read back into an XCAF document."""
    return read_step(exported.result.paths["step"])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def _groups(layout) -> dict[str, tuple]:
    """Part name → (shape key, colour): parts with equal groups may share one solid."""
    return {c.name: (c.shape.key(), tuple(float(v) for v in c.colour))
            for c in layout.components}


# ---- reading a STEP file as FreeCAD does ---------------------------------------------------

def read_step(path: Path) -> SimpleNamespace:
    """A STEP file read with OCCT's XCAF reader and walked the way FreeCAD 0.20's importer
    (``Mod/Import/App/ImportOCAF2.cpp``) walks it: the free shape is the assembly; each of its
    instances is shown under the name of the product it places (``UseBaseName``), and a
    product that holds one instance and no colour is shown as that instance, in the colour
    of the solid it places.

    Returns:
        ``name`` (the root product's), ``parts`` (part name → ``label_name``,
        ``instance_name``, ``inner_count``, ``product_coloured``, ``solid`` (the entry of
        the shape label it places), ``solid_name``, ``colour`` (sRGB) and ``shape`` (the
        part's solid located in the vehicle)), in file order.
    """
    from OCP.IFSelect import IFSelect_RetDone
    from OCP.Quantity import Quantity_Color, Quantity_TOC_sRGB
    from OCP.STEPCAFControl import STEPCAFControl_Reader
    from OCP.TCollection import TCollection_AsciiString, TCollection_ExtendedString
    from OCP.TDataStd import TDataStd_Name
    from OCP.TDF import TDF_Label, TDF_LabelSequence, TDF_Tool
    from OCP.TDocStd import TDocStd_Document
    from OCP.XCAFDoc import (
        XCAFDoc_ColorGen,
        XCAFDoc_ColorSurf,
        XCAFDoc_ColorTool,
        XCAFDoc_DocumentTool,
    )

    reader = STEPCAFControl_Reader()
    reader.SetColorMode(True)
    reader.SetNameMode(True)
    assert reader.ReadFile(str(path)) == IFSelect_RetDone
    doc = TDocStd_Document(TCollection_ExtendedString("XmlXCAF"))
    assert reader.Transfer(doc)
    shapes = XCAFDoc_DocumentTool.ShapeTool_s(doc.Main())
    colours = XCAFDoc_DocumentTool.ColorTool_s(doc.Main())

    def name(label: TDF_Label) -> str | None:
        attr = TDataStd_Name()
        if not label.FindAttribute(TDataStd_Name.GetID_s(), attr):
            return None
        return attr.Get().ToExtString()

    def components(label: TDF_Label) -> list[TDF_Label]:
        seq = TDF_LabelSequence()
        shapes.GetComponents_s(label, seq, False)
        return [seq.Value(i) for i in range(1, seq.Length() + 1)]

    def referred(label: TDF_Label) -> TDF_Label:
        ref = TDF_Label()
        assert shapes.GetReferredShape_s(label, ref)
        return ref

    free = TDF_LabelSequence()
    shapes.GetFreeShapes(free)
    assert free.Length() == 1, "one free shape: the assembly"
    root = free.Value(1)
    assert shapes.IsAssembly_s(root)
    parts = {}
    for instance in components(root):
        product = referred(instance)
        inner = components(product)
        solid = referred(inner[0]) if inner else product
        colour = Quantity_Color()
        coloured = XCAFDoc_ColorTool.GetColor_s(solid, XCAFDoc_ColorSurf, colour) or \
            XCAFDoc_ColorTool.GetColor_s(solid, XCAFDoc_ColorGen, colour)
        entry = TCollection_AsciiString()
        TDF_Tool.Entry_s(solid, entry)
        part = SimpleNamespace(
            label_name=name(product), instance_name=name(instance), inner_count=len(inner),
            product_coloured=colours.IsSet(product, XCAFDoc_ColorSurf)
            or colours.IsSet(product, XCAFDoc_ColorGen),
            solid=entry.ToCString(), solid_name=name(solid), simple=shapes.IsSimpleShape_s(solid),
            colour=colour.Values(Quantity_TOC_sRGB) if coloured else None,
            shape=cq.Shape.cast(shapes.GetShape_s(instance)))
        parts[part.label_name] = part
    return SimpleNamespace(name=name(root), parts=parts)


# ---- the whole export --------------------------------------------------------------------

def test_export_writes_every_format(exported):
    name = exported.concept.name
    assert list(exported.result.paths) == list(FORMATS)
    for fmt, path in exported.result.paths.items():
        assert path == exported.out_dir / f"{name}{SUFFIXES.get(fmt, '.' + fmt)}"
        assert path.stat().st_size > 0
    assert sorted(p.name for p in exported.out_dir.iterdir()) == sorted(
        f"{name}{SUFFIXES.get(fmt, '.' + fmt)}" for fmt in FORMATS)
    timings = exported.result.timings_s
    assert {"layout", "solids", "assembly", "step", "tessellate", "stl", "glb", "preview",
            "json", "drawing", "svg", "png", "html", "chrono"} <= set(timings)
    assert all(t >= 0 for t in timings.values())
    assert timings["total"] >= sum(t for k, t in timings.items() if k != "total") - 1e-6


def test_variant_name_names_the_files_and_the_step_assembly(tmp_path):
    concept = CONCEPTS["cab-over-truck"](engine_position="rear")
    paths = concept.export(tmp_path, formats=("step",), name="truck-rear-engine")
    assert paths == {"step": tmp_path / "truck-rear-engine.step"}
    assert read_step(paths["step"]).name == "truck-rear-engine"
    assert cq.Assembly.importStep(str(paths["step"])).name == "truck-rear-engine"


def test_concept_export_writes_only_what_is_asked(tmp_path):
    concept = CONCEPTS["cab-over-truck"]()
    paths = concept.export(tmp_path, formats=("JSON", "json"))
    assert paths == {"json": tmp_path / "cab-over-truck.json"}
    assert [p.name for p in tmp_path.iterdir()] == ["cab-over-truck.json"]


@pytest.mark.parametrize("formats, match", [
    (("step", "stp"), r"'formats' must each be one of 'step', 'stl', 'glb', 'preview', 'json', "
                      r"'svg', 'png', 'html', 'chrono' \(got 'stp' \(did you mean 'step'\?\)\)"),
    (("obj",), r"'formats' .*'step', 'stl', 'glb', .*'chrono' \(got 'obj'\)"),
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


def test_export_layout_reuses_the_model_it_is_given(exported, tmp_path, monkeypatch):
    """A caller that built the solids already (a CAD sweep point) gets the same files, and
    nothing is built again."""
    import keidesign.geometry.assembly as assembly_module

    def no_rebuild(*args, **kwargs):
        raise AssertionError("solids built again")

    monkeypatch.setattr(assembly_module, "cad_model", no_rebuild)
    monkeypatch.setattr(assembly_module, "solid_for", no_rebuild)
    paths = export_layout(exported.layout, exported.concept.parameters(), tmp_path,
                          formats=("step", "glb", "json"), model=exported.model)
    assert list(paths) == ["step", "glb", "json"]
    assert json.loads(paths["json"].read_text()) == \
        json.loads(exported.result.paths["json"].read_text())
    glb = trimesh.load(paths["glb"], force="scene")
    assert set(glb.graph.nodes_geometry) == set(exported.layout.names)
    assert list(read_step(paths["step"]).parts) == list(exported.layout.names)


def test_bad_era_raises_before_writing(tmp_path):
    with pytest.raises(ParameterError, match="'era'"):
        export_design(CONCEPTS["cab-over-truck"](), tmp_path / "out", era=1900)
    assert not (tmp_path / "out").exists()


# ---- STEP --------------------------------------------------------------------------------

def test_step_is_ap214_in_millimetres(exported):
    head = exported.result.paths["step"].read_text(encoding="ascii", errors="replace")
    assert "AUTOMOTIVE_DESIGN" in head  # AP214
    assert "SI_UNIT(.MILLI.,.METRE.)" in head


def test_step_lists_every_part_with_its_own_name_and_colour(exported, step_parts):
    """What FreeCAD's importer shows: one object per part, named after it, in its colour."""
    assert step_parts.name == exported.concept.name
    assert list(step_parts.parts) == list(exported.layout.names)
    for component in exported.layout.components:
        part = step_parts.parts[component.name]
        assert part.instance_name == component.name
        # One instance, no colour of its own: FreeCAD folds the part's product into the
        # instance and names it after the part.
        assert part.inner_count == 1 and not part.product_coloured, component.name
        assert part.simple, component.name
        assert part.colour == pytest.approx(component.colour, abs=1e-6), component.name


def test_step_parts_have_the_layouts_volumes_centroids_and_box(exported, step_parts):
    layout = exported.layout
    for i, name in enumerate(layout.names):
        props = volume_properties(step_parts.parts[name].shape)
        assert props.volume_mm3 == pytest.approx(layout.volume_mm3[0, i], rel=1e-6), name
        assert props.centroid_mm == pytest.approx(layout.centroid_mm[0, i], abs=0.01), name
        lo, hi = exact_bounds_mm(step_parts.parts[name].shape)
        assert lo == pytest.approx(layout.bbox_min_mm[0, i], abs=0.01), name
        assert hi == pytest.approx(layout.bbox_max_mm[0, i], abs=0.01), name
    whole = cq.Compound.makeCompound([p.shape for p in step_parts.parts.values()])
    lo, hi = exact_bounds_mm(whole)
    assert lo == pytest.approx(exported.envelope.model_min_mm, abs=0.01)
    assert hi == pytest.approx(exported.envelope.model_max_mm, abs=0.01)


def test_step_parts_agree_with_the_reports_components(exported, step_parts):
    """The JSON report's components table and the STEP file describe the same solids."""
    report = json.loads(exported.result.paths["json"].read_text(encoding="utf-8"))
    rows = {row["name"]: row for row in report["components"]}
    assert list(rows) == list(exported.layout.names)
    for name, part in step_parts.parts.items():
        props = volume_properties(part.shape)
        assert props.volume_mm3 == pytest.approx(rows[name]["volume_mm3"], rel=1e-6), name
        assert props.centroid_mm == pytest.approx(rows[name]["com_mm"], abs=0.01), name


def test_step_holds_each_distinct_solid_once(exported, step_parts):
    groups = _groups(exported.layout)
    solid_of = {name: part.solid for name, part in step_parts.parts.items()}
    # Parts share a solid in the file exactly when they share a shape and a colour.
    for a in groups:
        for b in groups:
            assert (solid_of[a] == solid_of[b]) == (groups[a] == groups[b]), (a, b)
    assert len(set(solid_of.values())) == len(set(groups.values())) < len(groups)
    text = exported.result.paths["step"].read_text(encoding="ascii", errors="replace")
    breps = text.count("MANIFOLD_SOLID_BREP(") + text.count("BREP_WITH_VOIDS(")
    assert breps == len(set(groups.values()))
    # Shared solids are named after what their parts share.
    assert step_parts.parts["tyre_front_left"].solid_name.startswith("tyre")


def test_step_truck_wheels_are_one_tyre_solid(tmp_path):
    path = export_design(CONCEPTS["cab-over-truck"](), tmp_path, formats=("step",))["step"]
    parts = read_step(path).parts
    tyres = ["tyre_front_left", "tyre_front_right", "tyre_rear_left", "tyre_rear_right"]
    assert len({parts[name].solid for name in tyres}) == 1
    assert parts["tyre_front_left"].solid_name == "tyre"


def test_step_reads_back_into_cadquery_as_one_child_per_part(exported):
    """CadQuery's reader keeps the parts flat: each child holds its solid, placed and
    coloured (the ``<part>_part`` instance is CadQuery's own convention)."""
    imported = cq.Assembly.importStep(str(exported.result.paths["step"]))
    assert imported.name == exported.concept.name
    children = {child.name: child for child in imported.children}
    assert list(children) == list(exported.layout.names)
    for i, component in enumerate(exported.layout.components):
        child = children[component.name]
        assert child.obj is not None and not child.children, component.name
        assert child.color.toTuple() == pytest.approx((*component.colour, 1.0), abs=1e-6)
        located = child.obj.located(child.loc)
        assert volume_properties(located).centroid_mm == \
            pytest.approx(exported.layout.centroid_mm[0, i], abs=0.01), component.name


_FREECAD_SCRIPT = """
import json, os, FreeCAD, Import
# FreeCAD 0.20 merges a STEP file into one compound unless this preference is off.
FreeCAD.ParamGet("User parameter:BaseApp/Preferences/Mod/Import/hSTEP").SetBool(
    "ReadShapeCompoundMode", False)
doc = FreeCAD.newDocument("step")
Import.insert({step!r}, doc.Name)
roots = [o for o in doc.Objects if not o.InList]
out = {{"roots": [o.Label for o in roots], "parts": []}}
for o in roots[0].ElementList:
    m = o.Placement.toMatrix()
    out["parts"].append({{"label": o.Label, "type": o.TypeId,
                         "linked": o.LinkedObject.Label if o.TypeId == "App::Link" else None,
                         "matrix": [m.A11, m.A12, m.A13, m.A14, m.A21, m.A22, m.A23, m.A24,
                                    m.A31, m.A32, m.A33, m.A34]}})
json.dump(out, open({out!r}, "w"))
os._exit(0)
"""


@pytest.mark.skipif(shutil.which("freecadcmd") is None, reason="FreeCAD is not installed")
def test_freecad_lists_every_part_by_its_name(tmp_path):
    """FreeCAD's own STEP import (Part workbench, compound merge off) shows one object per
    part, named after it and placed where the layout puts it; parts sharing a solid are
    links to one object."""
    layout = CONCEPTS["cab-over-truck"]().layout()
    step = export_design(CONCEPTS["cab-over-truck"](), tmp_path, formats=("step",))["step"]
    script, out = tmp_path / "freecad_import.py", tmp_path / "freecad.json"
    script.write_text(_FREECAD_SCRIPT.format(step=str(step), out=str(out)))
    # A fresh user configuration: FreeCAD's defaults, not this machine's preferences.
    proc = subprocess.run(["freecadcmd", "-u", str(tmp_path / "user.cfg"),
                           "-s", str(tmp_path / "system.cfg"), str(script)],
                          capture_output=True, text=True, timeout=300)
    assert out.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    seen = json.loads(out.read_text())
    assert seen["roots"] == ["cab-over-truck"]
    parts = {p["label"]: p for p in seen["parts"]}
    assert list(parts) == list(layout.names)
    for component in layout.components:
        part = parts[component.name]
        expected = component.placement.matrix()[:3].ravel()
        assert part["matrix"] == pytest.approx(expected, abs=1e-6), component.name
    tyres = ["tyre_front_right", "tyre_rear_left", "tyre_rear_right", "tyre_spare"]
    assert parts["tyre_front_left"]["type"] == "Part::Feature"
    assert all(parts[t]["type"] == "App::Link" for t in tyres)
    assert {parts[t]["linked"] for t in tyres} == {"tyre_front_left"}


def test_write_step_restores_the_kernels_settings(exported, tmp_path):
    from OCP.Interface import Interface_Static
    from OCP.STEPControl import STEPControl_Controller

    STEPControl_Controller.Init_s()
    before = Interface_Static.CVal_s("write.step.schema")
    Interface_Static.SetCVal_s("write.step.schema", "AP203")
    try:
        write_step(build_assembly(exported.layout, exported.model), tmp_path / "car.step")
        assert Interface_Static.CVal_s("write.step.schema") == "AP203"
    finally:
        Interface_Static.SetCVal_s("write.step.schema", before)
    assert "AUTOMOTIVE_DESIGN" in (tmp_path / "car.step").read_text(errors="replace")


def test_write_step_refuses_an_empty_assembly(tmp_path):
    with pytest.raises(ExportError, match="holds no shape"):
        write_step(cq.Assembly(name="empty"), tmp_path / "empty.step")
    assert list(tmp_path.iterdir()) == []


# ---- tessellation and STL ------------------------------------------------------------------

def test_each_distinct_solid_is_tessellated_once(exported):
    meshes, model = exported.meshes, exported.model
    assert isinstance(meshes, Tessellation)
    assert set(meshes.meshes) == set(model.solids)
    assert len(meshes.meshes) < len(meshes.keys) == len(exported.layout.names)
    assert dict(meshes.keys) == dict(model.keys)
    for key, mesh in meshes.meshes.items():
        assert mesh.is_watertight and mesh.is_winding_consistent, key
        assert mesh.volume == pytest.approx(model.solids[key].Volume(), rel=5e-3), key


def test_placed_meshes_are_closed_and_where_the_layout_puts_them(exported):
    before = {key: m.vertices.copy() for key, m in exported.meshes.meshes.items()}
    placed = exported.meshes.placed()
    assert list(placed) == list(exported.layout.names)
    for i, (name, mesh) in enumerate(placed.items()):
        assert mesh.is_watertight, name
        assert mesh.volume == pytest.approx(exported.layout.volume_mm3[0, i], rel=5e-3), name
        # Chords cut inside curved surfaces by at most the tolerance (0.1 mm).
        assert mesh.bounds[0] == pytest.approx(exported.layout.bbox_min_mm[0, i], abs=0.2)
        assert mesh.bounds[1] == pytest.approx(exported.layout.bbox_max_mm[0, i], abs=0.2)
    # Moved copies: the distinct meshes stay in their solids' frames.
    for key, mesh in exported.meshes.meshes.items():
        assert np.array_equal(mesh.vertices, before[key]), key


def test_open_shape_raises_geometry_error_naming_it():
    sheet = cq.Face.makePlane(100.0, 50.0)  # a surface, not a closed solid
    with pytest.raises(GeometryError, match="^bonnet: .*not watertight") as info:
        mesh_solid(sheet, name="bonnet")
    assert info.value.part == "bonnet"


@pytest.mark.parametrize("tolerance, angle", [(0.0, 15.0), (0.1, 0.0), (0.1, 180.0)])
def test_bad_tolerances_raise_geometry_error(tolerance, angle):
    with pytest.raises(GeometryError, match="tessellation needs"):
        mesh_solid(cq.Solid.makeBox(1.0, 1.0, 1.0), tolerance_mm=tolerance,
                   angular_tolerance_deg=angle)


def test_stl_holds_every_part_closed_in_layout_order(exported):
    path = exported.result.paths["stl"]
    assert not path.read_bytes()[:5].lower().startswith(b"solid")  # binary, not ASCII
    stl = trimesh.load(path, file_type="stl", process=False)
    counts = [len(exported.meshes.meshes[key].faces) for key in exported.meshes.keys.values()]
    assert len(stl.faces) == sum(counts)
    triangles = stl.triangles
    start = 0
    for i, (name, count) in enumerate(zip(exported.layout.names, counts)):
        part = trimesh.Trimesh(**trimesh.triangles.to_kwargs(triangles[start:start + count]))
        start += count
        assert part.is_watertight and part.is_winding_consistent, name
        assert part.volume == pytest.approx(exported.layout.volume_mm3[0, i], rel=5e-3), name
        assert part.bounds[0] == pytest.approx(exported.layout.bbox_min_mm[0, i], abs=0.2)
        assert part.bounds[1] == pytest.approx(exported.layout.bbox_max_mm[0, i], abs=0.2)
    # Stored normals are the triangles' own, outward.
    normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    stored = np.frombuffer(path.read_bytes(), dtype=np.dtype(
        [("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")]), offset=84)["n"]
    assert np.einsum("ij,ij->i", normals, stored).min() > 0.999


def test_write_stl_needs_parts(tmp_path):
    empty = Tessellation(meshes={}, keys={}, matrices={})
    with pytest.raises(ExportError, match="no parts"):
        write_stl(empty, tmp_path / "empty.stl")
    assert list(tmp_path.iterdir()) == []


# ---- GLB ---------------------------------------------------------------------------------

def _glb_tree(path: Path) -> dict:
    data = path.read_bytes()
    length = struct.unpack_from("<I", data, 12)[0]
    return json.loads(data[20:20 + length])


def _linear(srgb) -> np.ndarray:
    c = np.asarray(srgb, dtype=float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def test_vehicle_to_gltf_is_a_proper_rotation():
    assert VEHICLE_TO_GLTF @ VEHICLE_TO_GLTF.T == pytest.approx(np.eye(3))
    assert np.linalg.det(VEHICLE_TO_GLTF) == pytest.approx(1.0)
    # forward → +Z, left → +X, up → +Y
    assert VEHICLE_TO_GLTF @ [1, 0, 0] == pytest.approx([0, 0, 1])
    assert VEHICLE_TO_GLTF @ [0, 1, 0] == pytest.approx([1, 0, 0])
    assert VEHICLE_TO_GLTF @ [0, 0, 1] == pytest.approx([0, 1, 0])


def test_glb_has_one_named_coloured_node_per_part(exported):
    scene = trimesh.load(exported.result.paths["glb"])
    layout = exported.layout
    names = set(layout.names)
    assert set(scene.graph.nodes_geometry) == names
    root = exported.concept.name  # one root node holds the parts
    assert set(scene.graph.transforms.children[root]) == names
    for component in layout.components:
        _, geometry = scene.graph[component.name]
        factor = np.asarray(scene.geometry[geometry].visual.material.baseColorFactor)
        assert factor[:3] / 255.0 == pytest.approx(_linear(component.colour),
                                                   abs=1.0 / 255.0), component.name


def test_glb_shares_one_mesh_per_solid_and_colour(exported):
    scene = trimesh.load(exported.result.paths["glb"])
    groups = _groups(exported.layout)
    mesh_of = {name: scene.graph[name][1] for name in groups}
    for a in groups:
        for b in groups:
            assert (mesh_of[a] == mesh_of[b]) == (groups[a] == groups[b]), (a, b)
    tree = _glb_tree(exported.result.paths["glb"])
    assert len(tree["meshes"]) == len(set(groups.values())) < len(groups)
    assert sum("mesh" in node for node in tree["nodes"]) == len(groups)
    assert mesh_of["tyre_front_left"] == mesh_of["tyre_front_right"]


def test_glb_node_matrices_are_rotations_and_translations_in_metres(exported):
    tree = _glb_tree(exported.result.paths["glb"])
    nodes = {node["name"]: node for node in tree["nodes"]}
    axes = np.asarray(nodes[exported.concept.name]["matrix"]).reshape(4, 4).T  # column-major
    assert axes[:3, :3] == pytest.approx(VEHICLE_TO_GLTF)
    assert axes[:3, 3] == pytest.approx(0.0)
    for component in exported.layout.components:
        m = np.asarray(nodes[component.name].get("matrix", np.eye(4).ravel())).reshape(4, 4).T
        rotation = m[:3, :3]
        assert rotation @ rotation.T == pytest.approx(np.eye(3), abs=1e-9), component.name
        assert np.linalg.det(rotation) == pytest.approx(1.0), component.name
        placement = component.placement.matrix()
        assert rotation == pytest.approx(placement[:3, :3], abs=1e-9), component.name
        assert m[:3, 3] == pytest.approx(placement[:3, 3] / 1000.0, abs=1e-9), component.name
        assert m[3] == pytest.approx([0, 0, 0, 1])


def test_glb_scene_is_the_model_in_metres_y_up(exported):
    scene = trimesh.load(exported.result.paths["glb"])
    lo_mm, hi_mm = exported.envelope.model_min_mm, exported.envelope.model_max_mm
    lo, hi = scene.bounds
    # glTF X = vehicle y (left), Y = z (up), Z = x (forward); chords within 0.1 mm.
    assert lo == pytest.approx(VEHICLE_TO_GLTF @ lo_mm / 1000.0, abs=2e-4)
    assert hi == pytest.approx(VEHICLE_TO_GLTF @ hi_mm / 1000.0, abs=2e-4)
    assert lo[1] == pytest.approx(0.0, abs=2e-4)  # standing on the ground
    # Each mesh is its solid in the solid's own frame, in metres.
    for key, mesh in exported.meshes.meshes.items():
        name = next(n for n, k in exported.meshes.keys.items() if k == key)
        stored = scene.geometry[scene.graph[name][1]]
        # glTF stores float32: a micrometre at a few metres.
        assert stored.bounds == pytest.approx(mesh.bounds / 1000.0, abs=1e-6), name


def test_write_glb_leaves_its_inputs_alone(exported, tmp_path):
    meshes = exported.meshes.meshes
    before = {key: (m.vertices.copy(), m.faces.copy()) for key, m in meshes.items()}
    colours = {c.name: c.colour for c in exported.layout.components}
    write_glb(exported.meshes, colours, tmp_path / "scene.glb", name="scene")
    for key, mesh in meshes.items():
        assert np.array_equal(mesh.vertices, before[key][0]), key
        assert np.array_equal(mesh.faces, before[key][1]), key


def test_glb_without_a_root_turns_each_part(exported, tmp_path):
    colours = {c.name: c.colour for c in exported.layout.components}
    path = write_glb(exported.meshes, colours, tmp_path / "scene.glb")
    scene = trimesh.load(path)
    assert set(scene.graph.transforms.children[scene.graph.base_frame]) == \
        set(exported.layout.names)
    assert scene.bounds[1] == pytest.approx(
        VEHICLE_TO_GLTF @ exported.envelope.model_max_mm / 1000.0, abs=2e-4)


def test_write_glb_needs_every_colour(exported, tmp_path):
    colours = {c.name: c.colour for c in exported.layout.components[1:]}
    first = exported.layout.names[0]
    with pytest.raises(ExportError, match=f"no colour for part.*{first}"):
        write_glb(exported.meshes, colours, tmp_path / "scene.glb")
    assert list(tmp_path.iterdir()) == []


# ---- shared names ------------------------------------------------------------------------

@pytest.mark.parametrize("names, expected", [
    (["tyre_front_left", "tyre_front_right", "tyre_rear_left", "tyre_spare"], "tyre"),
    (["cross_member_1", "cross_member_2"], "cross_member"),
    (["seat_driver", "seat_passenger"], "seat"),
    (["driver", "passenger"], "driver+passenger"),
    (["engine"], "engine"),
])
def test_shared_name(names, expected):
    assert shared_name(names) == expected


def test_unique_names():
    assert unique_names(["tyre", "rim", "tyre", "tyre"]) == ["tyre", "rim", "tyre.1", "tyre.2"]


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


class _FailingStepWriter:
    """Stands in for OCCT's STEP writer: writes half a file, then fails as told."""

    def __init__(self, *args, transfer=True, raise_on_write=None):
        self.transfer, self.raise_on_write = transfer, raise_on_write

    def SetColorMode(self, on):  # noqa: N802 (OCCT's names)
        pass

    SetNameMode = SetLayerMode = SetColorMode

    def Transfer(self, doc, mode):  # noqa: N802
        return self.transfer

    def Write(self, path):  # noqa: N802
        from OCP.IFSelect import IFSelect_RetFail

        Path(path).write_text("ISO-10303-21; half")
        if self.raise_on_write is not None:
            raise self.raise_on_write
        return IFSelect_RetFail


def test_step_writer_failure_keeps_the_old_file(exported, tmp_path, monkeypatch):
    path = tmp_path / "car.step"
    path.write_text("old")
    monkeypatch.setattr(step_module, "STEPCAFControl_Writer", _FailingStepWriter)
    assembly = build_assembly(exported.layout, exported.model)
    with pytest.raises(ExportError, match="STEP writer reported failure on car.step"):
        write_step(assembly, path)
    assert path.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_step_translation_failure_becomes_export_error(exported, tmp_path, monkeypatch):
    monkeypatch.setattr(step_module, "STEPCAFControl_Writer",
                        lambda *args: _FailingStepWriter(transfer=False))
    with pytest.raises(ExportError, match="could not translate the assembly for car.step"):
        write_step(build_assembly(exported.layout, exported.model), tmp_path / "car.step")
    assert list(tmp_path.iterdir()) == []


def test_step_writer_exception_becomes_export_error(exported, tmp_path, monkeypatch):
    from OCP.Standard import Standard_Failure

    monkeypatch.setattr(step_module, "STEPCAFControl_Writer", lambda *args: _FailingStepWriter(
        raise_on_write=Standard_Failure("simulated")))
    with pytest.raises(ExportError, match="STEP writer failed on car.step") as info:
        write_step(build_assembly(exported.layout, exported.model), tmp_path / "car.step")
    assert isinstance(info.value.__cause__, Standard_Failure)
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_earlier_files(exported, tmp_path, monkeypatch):
    """A file that fails at the last moment (its new bytes written, the move into place
    refused) leaves the previous design's file whole and no temporary file behind."""
    import keidesign.export.atomic as atomic_module

    out_dir = tmp_path / exported.concept.name
    # Another design of the same concept (100 mm longer: valid for every concept's defaults).
    first = export_design(exported.concept.replace(wheelbase=exported.concept.wheelbase + 100.0),
                          out_dir, formats=("glb", "json"))
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
