"""Export: STEP, STL, GLB and the JSON report, each written atomically.

This package imports no CAD kernel itself: :func:`export_design` imports CadQuery when a CAD
format is asked for. The writers live in their modules (:mod:`~keidesign.export.step`,
:mod:`~keidesign.export.stl`, :mod:`~keidesign.export.glb`, :mod:`~keidesign.export.report`),
with the tessellation they share in :mod:`~keidesign.export.mesh` and the temporary-file
discipline in :mod:`~keidesign.export.atomic`.
"""

from __future__ import annotations

from keidesign.export.writer import (
    FORMATS,
    STAGES,
    ExportResult,
    export_design,
    export_design_timed,
)

__all__ = ["FORMATS", "STAGES", "ExportResult", "export_design", "export_design_timed"]
