"""STEP export: the assembly as STEP AP214, millimetres, each part named and coloured, each
distinct solid written once.

The file is built from an XCAF document laid out for readers that show one object per part
(FreeCAD's STEP import among them)::

    <assembly name>                      the root product
    ├── tyre_front_left  @ location      one product per part, named after it, placed by its
    │   └── tyre_front_left_part           location; it holds one instance of …
    │       → tyre  (solid, colour)      … the shared solid, written once and coloured
    ├── tyre_front_right @ location
    │   └── tyre_front_right_part → tyre
    …

Parts that share one solid and one colour share one product of that solid (named after what
the parts' names have in common, see :func:`~keidesign.export.names.shared_name`). Each part
is a product of its own because readers name an instance after the product it places:
FreeCAD 0.20 (``Mod/Import/App/ImportOCAF2.cpp``, ``UseBaseName`` on by default) and
OCCT's XCAF both do, so four instances of one tyre product would all be called ``tyre``, and
FreeCAD would fold them into one link array. The inner instance is named ``<part>_part``,
CadQuery's own convention for "the shape of this assembly node", so
``cadquery.Assembly.importStep`` reads each part back as one child holding its solid.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cadquery as cq
from OCP.IFSelect import IFSelect_RetDone
from OCP.Interface import Interface_Static
from OCP.STEPCAFControl import STEPCAFControl_Writer
from OCP.STEPControl import STEPControl_AsIs, STEPControl_Controller
from OCP.TCollection import TCollection_ExtendedString
from OCP.TDataStd import TDataStd_Name
from OCP.TDF import TDF_Label
from OCP.TDocStd import TDocStd_Document
from OCP.TopLoc import TopLoc_Location
from OCP.XCAFApp import XCAFApp_Application
from OCP.XCAFDoc import XCAFDoc_ColorSurf, XCAFDoc_DocumentTool
from OCP.XSControl import XSControl_WorkSession

from keidesign.errors import ExportError
from keidesign.export.atomic import atomic_write
from keidesign.export.names import shared_name, unique_names

__all__ = ["step_document", "write_step"]

#: OCCT's process-wide STEP writer settings used here; each is put back after the write.
_SETTINGS = {
    "write.step.schema": "AP214IS",
    "write.step.unit": "MM",
    "xstep.cascade.unit": "MM",
}


def write_step(assembly: cq.Assembly, path: str | os.PathLike[str]) -> Path:
    """Write ``assembly`` as a STEP AP214 file, atomically.

    Every node of the assembly becomes a product named after it and placed by its location;
    every node holding a shape holds it as an instance of one product per distinct (shape,
    colour), coloured (see the module's docstring). Lengths are in millimetres, the model's
    unit, declared in the file.

    Args:
        assembly: the assembly (see :func:`keidesign.geometry.assembly.build_assembly`);
            children that hold the same shape object share one solid in the file.
        path: the ``.step`` file to write; its folder must exist.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: the assembly is empty, or the STEP writer failed or wrote nothing;
            ``path`` is left as it was.
    """
    target = Path(path)
    try:
        doc = step_document(assembly)
    except ExportError:
        raise
    except Exception as err:  # OCCT raises Standard_Failure subclasses
        raise ExportError(f"the STEP document for {target.name} could not be built: "
                          f"{type(err).__name__}: {err}") from err
    with _step_settings(), atomic_write(target) as tmp:
        try:
            writer = STEPCAFControl_Writer(XSControl_WorkSession(), False)
            writer.SetColorMode(True)
            writer.SetNameMode(True)
            writer.SetLayerMode(False)
            if not writer.Transfer(doc, STEPControl_AsIs):
                raise ExportError(f"the STEP writer could not translate the assembly for "
                                  f"{target.name}")
            status = writer.Write(str(tmp))
        except ExportError:
            raise
        except Exception as err:  # OCCT raises Standard_Failure subclasses
            raise ExportError(f"the STEP writer failed on {target.name}: "
                              f"{type(err).__name__}: {err}") from err
        if status != IFSelect_RetDone:
            raise ExportError(f"the STEP writer reported failure on {target.name} ({status})")
    return target


def step_document(assembly: cq.Assembly) -> TDocStd_Document:
    """The XCAF document of ``assembly`` as :func:`write_step` writes it.

    Args:
        assembly: a CadQuery assembly; a node without a colour takes its parent's.

    Returns:
        A new XCAF document in millimetres: the root label named after the assembly, one
        assembly label per node, one shape label per distinct (unlocated shape, colour).

    Raises:
        ExportError: the assembly holds no shape.
    """
    app = XCAFApp_Application.GetApplication_s()
    doc = TDocStd_Document(TCollection_ExtendedString("XmlXCAF"))
    app.InitDocument(doc)
    XCAFDoc_DocumentTool.SetLengthUnit_s(doc, 0.001)  # metres per model unit: mm
    shapes = XCAFDoc_DocumentTool.ShapeTool_s(doc.Main())
    shapes.SetAutoNaming_s(False)
    colours = XCAFDoc_DocumentTool.ColorTool_s(doc.Main())

    solids: dict[tuple[cq.Shape, tuple[float, ...] | None], TDF_Label] = {}
    users: dict[tuple[cq.Shape, tuple[float, ...] | None], list[str]] = {}

    def solid_label(shape: cq.Shape, colour: cq.Color | None, user: str) -> TDF_Label:
        key = (shape, None if colour is None else colour.toTuple())
        if key not in solids:
            label = shapes.AddShape(shape.wrapped, False, False)
            if colour is not None:
                colours.SetColor(label, colour.wrapped, XCAFDoc_ColorSurf)
            solids[key] = label
            users[key] = []
        users[key].append(user)
        return solids[key]

    def node_label(node: cq.Assembly, colour: cq.Color | None) -> TDF_Label:
        colour = node.color or colour
        label = shapes.NewShape()
        _set_name(label, node.name)
        if node.obj is not None:
            shape = node.obj if isinstance(node.obj, cq.Shape) else \
                cq.Compound.makeCompound(node.shapes)
            # The solid is stored unlocated, so every placement of it is one instance of it.
            # Each instance gets a location of its own (equal in value): OCCT's writer finds
            # an instance's name through its located shape, so instances of one solid at one
            # location would share one name.
            base = cq.Shape.cast(shape.wrapped.Located(TopLoc_Location()))
            own = TopLoc_Location(shape.wrapped.Location().Transformation())
            inner = shapes.AddComponent(label, solid_label(base, colour, node.name), own)
            _set_name(inner, f"{node.name}_part")
        for child in node.children:
            place(label, child, colour, TopLoc_Location())
        return label

    def place(parent: TDF_Label, node: cq.Assembly, colour: cq.Color | None,
              outer: TopLoc_Location) -> None:
        component = shapes.AddComponent(parent, node_label(node, colour),
                                        outer * node.loc.wrapped)
        _set_name(component, node.name)

    root = shapes.NewShape()
    _set_name(root, assembly.name)
    if assembly.obj is not None:
        place(root, assembly, None, TopLoc_Location())
    else:
        for child in assembly.children:
            # The root's own location moves everything: fold it into each instance.
            place(root, child, assembly.color, assembly.loc.wrapped)
    if not solids:
        raise ExportError(f"the assembly {assembly.name!r} holds no shape to write")
    for label, name in zip(solids.values(),
                           unique_names(shared_name(names) for names in users.values())):
        _set_name(label, name)
    shapes.UpdateAssemblies()
    return doc


def _set_name(label: TDF_Label, name: str) -> None:
    TDataStd_Name.Set_s(label, TCollection_ExtendedString(name, True))


@contextmanager
def _step_settings() -> Iterator[None]:
    """OCCT's process-wide STEP settings for one write, restored afterwards."""
    STEPControl_Controller.Init_s()
    previous = {key: Interface_Static.CVal_s(key) for key in _SETTINGS}
    for key, value in _SETTINGS.items():
        Interface_Static.SetCVal_s(key, value)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value:
                Interface_Static.SetCVal_s(key, value)
