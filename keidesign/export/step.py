"""STEP export: the assembly as STEP AP214 with part names and colours, in millimetres."""

from __future__ import annotations

import os
from pathlib import Path

import cadquery as cq
from cadquery.occ_impl.exporters.assembly import exportAssembly
from OCP.Interface import Interface_Static
from OCP.STEPControl import STEPControl_Controller

from keidesign.errors import ExportError
from keidesign.export.atomic import atomic_write

__all__ = ["write_step"]

_SCHEMA = "AP214IS"


def write_step(assembly: cq.Assembly, path: str | os.PathLike[str]) -> Path:
    """Write ``assembly`` as a STEP AP214 file, atomically.

    One product per child, named after it and carrying its colour; lengths in millimetres
    (the model's unit, declared in the file).

    Args:
        assembly: the assembly (see :func:`keidesign.geometry.assembly.build_assembly`).
        path: the ``.step`` file to write; its folder must exist.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: the STEP writer failed or wrote nothing; ``path`` is left as it was.
    """
    target = Path(path)
    # The schema is process-wide OCCT state: set it for this write and put it back after.
    STEPControl_Controller.Init_s()
    previous = Interface_Static.CVal_s("write.step.schema")
    Interface_Static.SetCVal_s("write.step.schema", _SCHEMA)
    try:
        with atomic_write(target) as tmp:
            try:
                ok = exportAssembly(assembly, str(tmp), mode="default", unit="MM")
            except Exception as err:  # OCCT raises Standard_Failure subclasses
                raise ExportError(f"the STEP writer failed on {target.name}: "
                                  f"{type(err).__name__}: {err}") from err
            if not ok:
                raise ExportError(f"the STEP writer reported failure on {target.name}")
    finally:
        if previous:
            Interface_Static.SetCVal_s("write.step.schema", previous)
    return target
