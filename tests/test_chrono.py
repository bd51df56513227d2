"""The Chrono::Vehicle chassis export: Chrono's ``RigidChassis`` reading the file gets the
kerb mass, centre of mass and inertia, for every built-in concept and preset.

``chrono_composite`` repeats what Chrono does with the file (``RigidChassis::Create`` in
``src/chrono_vehicle/chassis/RigidChassis.cpp``, ``CompositeInertia`` in
``src/chrono/physics/ChMassProperties.cpp``), so the checks are on what a simulation would see.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from keidesign import CabOverTruck, get_concept
from keidesign.concepts import CONCEPTS
from keidesign.concepts.presets import PRESETS
from keidesign.errors import ExportError, ParameterError
from keidesign.export.chrono import chrono_chassis, write_chrono
from keidesign.layout.component import LOAD_GROUPS, Component
from keidesign.layout.layout import Layout, VehicleFacts
from keidesign.parts import material
from keidesign.shapes import Cylinder

NAMES = sorted(CONCEPTS) + sorted(PRESETS)
COMPONENT_KEYS = {"Centroidal Frame", "Mass", "Moments of Inertia", "Products of Inertia",
                  "Void"}


@pytest.fixture(scope="module")
def designs() -> dict[str, tuple]:
    """name → (layout, kerb LoadCaseResult, chassis object), built once per name."""
    cache: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in cache:
            concept = get_concept(name)()
            layout = concept.layout()
            cache[name] = (layout, concept.analyse().load_cases["kerb"], chrono_chassis(layout))
        return cache[name]

    return get  # type: ignore[return-value]


def quaternion_matrix(q: list[float]) -> np.ndarray:
    """Chrono's ChQuaternion (e0, e1, e2, e3; e0 the scalar part) → rotation matrix."""
    e0, e1, e2, e3 = q
    return np.array([
        [e0 * e0 + e1 * e1 - e2 * e2 - e3 * e3, 2 * (e1 * e2 - e0 * e3), 2 * (e1 * e3 + e0 * e2)],
        [2 * (e1 * e2 + e0 * e3), e0 * e0 - e1 * e1 + e2 * e2 - e3 * e3, 2 * (e2 * e3 - e0 * e1)],
        [2 * (e1 * e3 - e0 * e2), 2 * (e2 * e3 + e0 * e1), e0 * e0 - e1 * e1 - e2 * e2 + e3 * e3],
    ])


def inertia_shift(v: np.ndarray) -> np.ndarray:
    """``CompositeInertia::InertiaShiftMatrix``: |v|²E − v vᵀ (off-diagonal −vᵢvⱼ)."""
    return float(v @ v) * np.eye(3) - np.outer(v, v)


def chrono_composite(chassis: dict) -> tuple[float, np.ndarray, np.ndarray]:
    """What ``RigidChassis::Create`` computes from the components: mass (kg), centre of mass
    (m) and the inertia tensor about it (kg·m²), in the chassis frame."""
    mass, com, about_ref = 0.0, np.zeros(3), np.zeros((3, 3))
    for comp in chassis["Components"]:
        loc = np.array(comp["Centroidal Frame"]["Location"])
        rot = quaternion_matrix(comp["Centroidal Frame"]["Orientation"])
        m = comp["Mass"]
        (ixx, iyy, izz), (ixy, ixz, iyz) = comp["Moments of Inertia"], comp["Products of Inertia"]
        # ChMatrix33(diag, off_diag): the products go in the off-diagonal as they are.
        own = np.array([[ixx, ixy, ixz], [ixy, iyy, iyz], [ixz, iyz, izz]])
        sign = -1.0 if comp["Void"] else 1.0
        com = (mass * com + sign * m * loc) / (mass + sign * m)
        mass += sign * m
        about_ref += sign * (rot @ own @ rot.T + inertia_shift(loc) * m)
    return mass, com, about_ref - inertia_shift(com) * mass


@pytest.mark.parametrize("name", NAMES)
def test_masses_and_centroid_are_the_kerb_figures(designs, name: str) -> None:
    _, kerb, chassis = designs(name)
    masses = np.array([c["Mass"] for c in chassis["Components"]])
    locations = np.array([c["Centroidal Frame"]["Location"] for c in chassis["Components"]])
    assert masses.sum() == pytest.approx(kerb.mass_kg, rel=1e-9)
    centroid = (masses[:, None] * locations).sum(0) / masses.sum()
    np.testing.assert_allclose(centroid, np.array(kerb.com_mm) / 1000.0, rtol=0, atol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_chrono_composite_is_the_kerb_inertia(designs, name: str) -> None:
    _, kerb, chassis = designs(name)
    mass, com, inertia = chrono_composite(chassis)
    assert mass == pytest.approx(kerb.mass_kg, rel=1e-9)
    np.testing.assert_allclose(com, np.array(kerb.com_mm) / 1000.0, rtol=0, atol=1e-6)
    expected = np.array(kerb.inertia_kg_m2)  # about the kerb centre of mass, vehicle axes
    np.testing.assert_allclose(inertia, expected, rtol=0, atol=1e-9 * np.abs(expected).max())
    np.testing.assert_allclose(inertia, inertia.T)


@pytest.mark.parametrize("name", NAMES)
def test_every_component_is_physical(designs, name: str) -> None:
    _, _, chassis = designs(name)
    assert chassis["Type"] == "Chassis" and chassis["Template"] == "RigidChassis"
    assert isinstance(chassis["Name"], str) and chassis["Name"]
    for comp in chassis["Components"]:
        assert set(comp) == COMPONENT_KEYS
        assert set(comp["Centroidal Frame"]) == {"Location", "Orientation"}
        assert len(comp["Centroidal Frame"]["Location"]) == 3
        assert comp["Centroidal Frame"]["Orientation"] == [1.0, 0.0, 0.0, 0.0]
        assert comp["Void"] is False
        assert comp["Mass"] > 0
        moments = sorted(comp["Moments of Inertia"])
        assert len(moments) == 3 and len(comp["Products of Inertia"]) == 3
        assert moments[0] > 0
        # The sum of the two smaller moments reaches the largest (2∫(axis)² dm ≥ 0).
        assert moments[0] + moments[1] >= moments[2] * (1 - 1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_occupants_and_payload_are_left_out(designs, name: str) -> None:
    layout, _, chassis = designs(name)
    meta = chassis["keidesign"]
    group = dict(zip(layout.names, (LOAD_GROUPS[g] for g in layout.load_group)))
    assert len(meta["components"]) == len(chassis["Components"])
    assert all(group[n] == "vehicle" for n in meta["components"])
    assert {n for n, g in group.items() if g != "vehicle"} == set(meta["excluded"])
    assert set(meta["unsprung"]) <= set(meta["components"])
    # The driver occupant's centre of mass, in metres.
    driver = layout.index("driver")
    assert group["driver"] == "driver"
    np.testing.assert_allclose(chassis["Driver Position"]["Location"],
                               layout.centroid_mm[0, driver] / 1000.0, rtol=0, atol=1e-12)
    assert chassis["Driver Position"]["Orientation"] == [1.0, 0.0, 0.0, 0.0]
    assert chassis["Driver Position"]["Location"][1] < 0  # Japan: the driver sits on the right


def _reject_constant(token: str) -> None:
    raise ValueError(f"non-standard JSON constant {token}")


@pytest.mark.parametrize("name", NAMES)
def test_file_is_strict_json(designs, name: str, tmp_path: Path) -> None:
    layout, _, chassis = designs(name)
    path = write_chrono(layout, tmp_path / f"{name}.chrono.json")
    text = path.read_bytes().decode("utf-8")
    loaded = json.loads(text, parse_constant=_reject_constant)
    assert loaded == chassis
    assert not list(tmp_path.glob(".*.tmp*"))


def _one_part_layout(part: Component) -> Layout:
    facts = VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1300.0, track_rear_mm=1300.0,
                         displacement_cc=660.0, seats=2, rated_payload_kg=350.0, is_truck=False)
    return Layout.from_components("rod", [part], facts)


def test_products_of_inertia_sign_on_a_slanted_cylinder() -> None:
    # A solid rod rising forward at 30°: 1 m long, 50 mm radius, 10 kg. Per kg, its spread is
    # L²/12 along the axis d and r²/4 across it, so ∫xz dm = m (L²/12 − r²/4) dx dz > 0 and
    # Chrono's Ixz, the tensor entry −∫xz dm, is negative.
    length, radius, mass, angle = 1000.0, 50.0, 10.0, math.radians(30.0)
    dx, dz = math.cos(angle), math.sin(angle)
    rod = Component("rod", "test", Cylinder((0.0, 0.0, 0.0), (length * dx, 0.0, length * dz),
                                           radius), material("steel"), mass_kg=mass)
    chassis = chrono_chassis(_one_part_layout(rod))
    (comp,) = chassis["Components"]
    along, across = length**2 / 12.0 * 1e-6, radius**2 / 4.0 * 1e-6   # m² per kg
    assert comp["Mass"] == mass
    np.testing.assert_allclose(comp["Centroidal Frame"]["Location"],
                               [0.5 * dx, 0.0, 0.5 * dz], rtol=0, atol=1e-12)
    ixy, ixz, iyz = comp["Products of Inertia"]
    assert ixz == pytest.approx(-mass * (along - across) * dx * dz, rel=1e-12)
    assert ixz < 0
    assert ixy == pytest.approx(0.0, abs=1e-15) and iyz == pytest.approx(0.0, abs=1e-15)
    ixx, iyy, izz = comp["Moments of Inertia"]
    assert ixx == pytest.approx(mass * (across + along * dz**2 + across * dx**2), rel=1e-12)
    assert iyy == pytest.approx(mass * (along + across), rel=1e-12)
    assert izz == pytest.approx(mass * (across + along * dx**2 + across * dz**2), rel=1e-12)
    # No driver in this layout: the driver position falls back to the centre of mass.
    np.testing.assert_allclose(chassis["Driver Position"]["Location"],
                               comp["Centroidal Frame"]["Location"], rtol=1e-15, atol=0)


def test_several_designs_are_refused() -> None:
    layout = CabOverTruck.layout_batch({"wheelbase": [1800.0, 1900.0]})
    with pytest.raises(ParameterError, match="one design; the layout holds 2"):
        chrono_chassis(layout)


def test_name_and_failed_write(designs, tmp_path: Path) -> None:
    layout, _, _ = designs("cab-over-truck")
    assert chrono_chassis(layout)["Name"] == "cab-over-truck chassis"
    assert chrono_chassis(layout, name="my truck")["Name"] == "my truck"
    with pytest.raises(ExportError, match="temporary file"):
        write_chrono(layout, tmp_path / "missing" / "truck.chrono.json")
