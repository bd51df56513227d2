"""Project Chrono::Vehicle export: the kerb vehicle as a ``RigidChassis`` JSON file.

The file follows Chrono's own chassis template (``data/vehicle/hmmwv/chassis/HMMWV_Chassis.json``)
and is read by ``RigidChassis::Create`` (``src/chrono_vehicle/chassis/RigidChassis.cpp``), which
sums the ``"Components"`` with ``CompositeInertia`` (``src/chrono/physics/ChMassProperties.cpp``)
into one chassis body. The mapping:

- **Units**: SI, as Chrono expects: metres, kilograms, kg·m² (keidesign's millimetres divided
  by 1000, kg·mm² by 10⁶; factors from :mod:`keidesign.units`).
- **Frame**: Chrono::Vehicle's ISO frame (x forward, y left, z up; ``ChWorldFrame``'s default)
  is keidesign's vehicle frame, so no axis changes. The chassis reference frame is keidesign's
  origin: on the ground plane below the centre of the front axle, so the rear axle is at
  x = −wheelbase and the tyres stand on z = 0. Subsystems attached to this chassis are placed
  relative to that origin, and the vehicle is initialised with the frame on the ground.
- **Components**: one per part of the ``kerb`` load case (load group ``"vehicle"``, see
  :data:`keidesign.analysis.mass.LOAD_CASES`): ``"Centroidal Frame"`` at the part's volume
  centroid (``"Location"``, m) with identity ``"Orientation"`` (quaternion e0, e1, e2, e3 =
  1, 0, 0, 0: the part's inertia is given in vehicle axes), ``"Mass"`` (kg), ``"Moments of
  Inertia"`` [Ixx, Iyy, Izz] and ``"Products of Inertia"`` [Ixy, Ixz, Iyz] about that centroid
  (kg·m²), ``"Void": false``. Occupants (``"driver"``, ``"passenger"``) and payload are left
  out: the chassis is the kerb vehicle. Parts without mass are left out too (Chrono's
  composite centre of mass would divide zero by zero if one came first).
- **Products of inertia** are the inertia tensor's off-diagonal entries, −∫xy dm (and −∫xz dm,
  −∫yz dm): Chrono builds the tensor with ``ChMatrix33(diag, off_diag)``, which puts them in the
  off-diagonal as given, shifts it with ``CompositeInertia::InertiaShiftMatrix`` (off-diagonal
  −m·x·y), and documents ``ChBody::SetInertiaXY`` as ``[-int{xy}dm, -int{xz}dm, -int{yz}dm]``.
  keidesign stores the same entries (:class:`keidesign.shapes.ShapeProperties`), so they are
  written unchanged: a rod rising forward (x and z growing together) has a negative Ixz.
- **Driver Position**: the centre of mass of the driver occupant (load group ``"driver"``),
  identity orientation; Chrono places its "Inside" camera and the ``"driver position"``
  marker there. A layout without a driver gets the kerb centre of mass instead.
- The top-level ``"keidesign"`` object (ignored by Chrono, whose rapidjson reader looks members
  up by name) names the components in order, lists those marked unsprung
  (:attr:`Component.sprung <keidesign.layout.component.Component.sprung>` false: wheels, hubs,
  beam axles, which a full Chrono vehicle models as its own wheel and suspension bodies; the
  chassis carries the whole kerb mass, so drop them there to avoid counting them twice) and the
  parts left out.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from keidesign.analysis.mass import LOAD_CASES
from keidesign.errors import ExportError, ParameterError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.layout.component import LOAD_GROUPS
from keidesign.layout.layout import Layout
from keidesign.units import MM2_TO_M2, MM_TO_M

__all__ = ["KERB_LOAD_CASE", "chrono_chassis", "write_chrono"]

#: The load case the chassis carries: the vehicle with fuel and fluids, no occupants.
KERB_LOAD_CASE = "kerb"

_IDENTITY = [1.0, 0.0, 0.0, 0.0]
# An indented JSON array holding numbers only (no strings, objects or arrays inside).
_NUMBER_LIST = re.compile(r"\[\s+([-+0-9.eE,\s]+?)\s+\]")


def chrono_chassis(layout: Layout, name: str | None = None) -> dict[str, Any]:
    """The design's kerb mass properties as a Chrono::Vehicle ``RigidChassis`` JSON object.

    Args:
        layout: one design (``concept.layout()``; ``n_designs == 1``), mm and kg, vehicle axes.
        name: the chassis ``"Name"``; ``"<concept> chassis"`` if not given.

    Returns:
        The JSON object (plain ``dict``, ``list``, ``str``, ``float`` and ``bool``): ``"Name"``,
        ``"Type": "Chassis"``, ``"Template": "RigidChassis"``, ``"Components"`` (one per kerb
        part with mass, in layout order: centroid in m, mass in kg, moments and products of
        inertia about the centroid in kg·m², vehicle axes), ``"Driver Position"`` (m) and the
        ``"keidesign"`` metadata object. See the module docstring for the mapping.

    Raises:
        ParameterError: the layout holds several designs, has no kerb part with mass, or a
            figure is not finite.
    """
    from keidesign import __version__  # the package is loaded by the time a layout exists

    if layout.n_designs != 1:
        raise ParameterError(f"a Chrono chassis is one design; the layout holds "
                             f"{layout.n_designs} (take one with concept.layout())",
                             name="layout", value=layout.n_designs)
    mass = layout.mass_kg[0]                                   # (C,) kg
    centroid = layout.centroid_mm[0]                           # (C, 3) mm
    inertia = layout.unit_inertia_mm2[0] * mass[:, None]       # (C, 6) kg·mm², about centroids
    if not (np.isfinite(mass).all() and np.isfinite(centroid).all()
            and np.isfinite(inertia).all()):
        raise ParameterError(f"the layout of {layout.concept!r} has a figure that is not finite",
                             name="layout")
    kerb_groups = [LOAD_GROUPS.index(g) for g in LOAD_CASES[KERB_LOAD_CASE]]
    in_kerb = np.isin(layout.load_group, kerb_groups)
    kept = np.flatnonzero(in_kerb & (mass > 0))
    if not len(kept):
        raise ParameterError(f"the layout of {layout.concept!r} has no kerb part with mass",
                             name="layout")

    components = []
    for i in kept:
        location = centroid[i] * MM_TO_M
        six = inertia[i] * MM2_TO_M2
        components.append({
            "Centroidal Frame": {"Location": _floats(location), "Orientation": list(_IDENTITY)},
            "Mass": float(mass[i]),
            "Moments of Inertia": _floats(six[:3]),
            # Tensor entries (−∫xy dm, −∫xz dm, −∫yz dm), Chrono's convention and keidesign's.
            "Products of Inertia": _floats(six[3:]),
            "Void": False,
        })

    kerb_mass = float(mass[kept].sum())
    kerb_com_mm = (mass[kept, None] * centroid[kept]).sum(0) / kerb_mass
    driver = np.flatnonzero((layout.load_group == LOAD_GROUPS.index("driver")) & (mass > 0))
    if len(driver):
        driver_mm = (mass[driver, None] * centroid[driver]).sum(0) / mass[driver].sum()
        driver_note = ("centre of mass of the driver occupant "
                       + ", ".join(repr(layout.names[i]) for i in driver))
    else:
        driver_mm = kerb_com_mm
        driver_note = "no driver in the layout: the kerb centre of mass"

    return {
        "Name": name if name is not None else f"{layout.concept} chassis",
        "Type": "Chassis",
        "Template": "RigidChassis",
        "Components": components,
        "Driver Position": {"Location": _floats(driver_mm * MM_TO_M),
                            "Orientation": list(_IDENTITY)},
        "keidesign": {
            "generator": f"keidesign {__version__}",
            "concept": layout.concept,
            "load_case": KERB_LOAD_CASE,
            "units": "m, kg, kg m^2",
            "frame": "ISO vehicle axes: x forward, y left, z up",
            "origin": "on the ground plane below the centre of the front axle",
            "products_of_inertia": "inertia tensor entries: Ixy = -integral(x y dm), "
                                   "likewise Ixz, Iyz (Chrono ChBody::SetInertiaXY)",
            "driver_position": driver_note,
            "mass_kg": kerb_mass,
            "com_m": _floats(kerb_com_mm * MM_TO_M),
            "components": [layout.names[i] for i in kept],
            "unsprung": [layout.names[i] for i in kept if not layout.components[i].sprung],
            "excluded": [layout.names[i] for i in np.flatnonzero(~np.isin(
                np.arange(len(mass)), kept))],
        },
    }


def write_chrono(layout: Layout, path: str | os.PathLike[str], name: str | None = None) -> Path:
    """Write the design's Chrono::Vehicle chassis (:func:`chrono_chassis`) as indented UTF-8
    JSON, atomically.

    Args:
        layout: one design (``concept.layout()``).
        path: the file to write (``<stem>.chrono.json``); its folder must exist.
        name: the chassis ``"Name"``; ``"<concept> chassis"`` if not given.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ParameterError: see :func:`chrono_chassis`.
        ExportError: the object cannot be written as strict JSON, or the file could not be
            written; ``path`` is left as it was.
    """
    target = Path(path)
    chassis = chrono_chassis(layout, name)
    try:
        text = json.dumps(chassis, indent=2, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise ExportError(f"cannot write the Chrono chassis {target.name} as JSON: {err}") \
            from err
    # Vectors and quaternions on one line, as in Chrono's own files.
    text = _NUMBER_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m[1].split(",")) + "]",
                            text)
    return write_bytes_atomic(target, (text + "\n").encode("utf-8"))


def _floats(values: np.ndarray) -> list[float]:
    """(k,) array → list of Python floats (Chrono reads every number with ``GetDouble``); a
    negative zero is written as 0.0."""
    return [float(v) + 0.0 for v in values]
