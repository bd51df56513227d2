"""Ground geometry: clearance and the approach, departure and breakover angles against hand
calculations, against a plain per-design reference (which also checks that pruning never
drops the limiting part), under load, for every concept, and the Suzuki Jimny JB64's
published figures."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from keidesign import CONCEPTS, CabOverTruck, get_concept
from keidesign.analysis.ground import (
    DEFAULT_RIDE_FREQUENCY_HZ,
    GroundGeometry,
    ground_geometry,
)
from keidesign.analysis.mass import mass_properties
from keidesign.errors import ParameterError
from keidesign.layout import Component, Layout, VehicleFacts
from keidesign.layout.component import ROAD_WHEEL_PARTS
from keidesign.parts.materials import material
from keidesign.shapes import Box, Placement

DATA = Path(__file__).parent / "data"
G_MM_S2 = 9806.65
STEEL = material("steel")
CASES = ("kerb", "driver", "crew", "full")


def ramp_deg(d: float, z: float, radius: float) -> float:
    """The brief's formula: the ramp through a point ``d`` from the axle at height ``z``
    tangent to a tyre of ``radius``, degrees; +∞ inside the tyre's circle."""
    d += 0.0  # −0.0 (a point on the axle line) would take atan2 to the other branch
    rho = math.hypot(d, z - radius)
    if rho <= radius:
        return math.inf
    return math.degrees(math.acos(-radius / rho) - math.atan2(d, z - radius))


# ---- synthetic vehicles ------------------------------------------------------------------------

def box(name: str, x_lo: float, x_hi: float, z_lo: float, z_hi: float, *,
        mass_kg: float = 10.0, y: float = 0.0, width: float = 200.0, category: str = "body",
        **kw) -> Component:
    """A steel box from x_lo to x_hi and z_lo to z_hi, mm (``kw``: ``load``, ``sprung``)."""
    return Component(name, category, Box(size=(x_hi - x_lo, width, z_hi - z_lo)), STEEL,
                     Placement.at(0.5 * (x_lo + x_hi), y, 0.5 * (z_lo + z_hi)),
                     mass_kg=mass_kg, **kw)


def road_wheels(wb: float, r_front: float, r_rear: float) -> list[Component]:
    out = []
    for axle, x, r in (("front", 0.0, r_front), ("rear", -wb, r_rear)):
        for side, y in (("left", 600.0), ("right", -600.0)):
            out.append(box(f"tyre_{axle}_{side}", x - r, x + r, 0.0, 2.0 * r, y=y,
                           category="wheel", sprung=False))
            out.append(box(f"hub_{axle}_{side}", x - 80.0, x + 80.0, r - 80.0, r + 80.0,
                           y=y, category="wheel", sprung=False))
    return out


def car(*, wb: float = 2000.0, r_front: float = 300.0, r_rear: float = 300.0,
        front: float = 500.0, rear: float = 500.0, floor: float = 400.0,
        extra: tuple[Component, ...] = (), ride_hz=None) -> Layout:
    """A 500 kg body box from ``front`` ahead of the front axle to ``rear`` behind the rear
    one, its underside ``floor`` high, on four tyres and hubs (10 kg boxes; the tyres stand on
    z = 0): with the defaults 290 kg on each axle."""
    body = box("body", -wb - rear, front, floor, floor + 1000.0, mass_kg=500.0, width=1400.0)
    facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=1200.0, track_rear_mm=1200.0,
                         displacement_cc=658.0, seats=2, rated_payload_kg=0.0, is_truck=False,
                         ride_frequency_hz=ride_hz)
    return Layout.from_components("box-car", [body, *road_wheels(wb, r_front, r_rear),
                                              *extra], facts)


def test_every_figure_against_a_hand_calculation():
    g = ground_geometry(car())["kerb"]
    assert isinstance(g, GroundGeometry)
    assert g.ground_clearance_mm[0] == pytest.approx(400.0)
    # The body's front-bottom corner, 500 ahead of the axle at 400 mm, R = 300 mm:
    # ρ = hypot(500, 100) = 509.9, acos(−300 / 509.9) − atan2(500, 100) = 126.04° − 78.69°.
    assert g.approach_deg[0] == pytest.approx(ramp_deg(500.0, 400.0, 300.0), abs=1e-9)
    assert g.approach_deg[0] == pytest.approx(47.35, abs=0.01)
    assert g.departure_deg[0] == pytest.approx(ramp_deg(500.0, 400.0, 300.0), abs=1e-9)
    # A flat underside: the crest at the middle, two equal ramps 1000 mm from each axle.
    assert g.breakover_deg[0] == pytest.approx(2.0 * ramp_deg(1000.0, 400.0, 300.0), abs=1e-9)
    # 2 × (acos(−300 / 1005.0) − atan2(1000, 100)) = 2 × (107.37° − 84.29°).
    assert g.breakover_deg[0] == pytest.approx(46.16, abs=0.01)
    for part in (g.clearance_part, g.approach_part, g.departure_part, g.breakover_part):
        assert part.dtype == object and part[0] == "body" and isinstance(part[0], str)
    assert g.sag_mm.shape == (1, 2) and not g.sag_mm.any()


def test_breakover_of_point_like_tyres_is_the_textbook_figure():
    """A flat underside at height h midway between point-like tyres: 2 atan(2h / wb)."""
    g = ground_geometry(car(r_front=1e-3, r_rear=1e-3, floor=300.0))["kerb"]
    assert g.breakover_deg[0] == pytest.approx(math.degrees(2.0 * math.atan(600.0 / 2000.0)),
                                               abs=1e-4)


def test_unequal_tyres_and_a_low_part_off_centre():
    """A skid plate 600–900 mm behind the front axle, unequal tyres: its front end and its end
    nearest the middle are evaluated, the crest at the better one."""
    skid = box("skid_plate", -900.0, -600.0, 250.0, 260.0)
    g = ground_geometry(car(r_front=320.0, r_rear=280.0, extra=(skid,)))["kerb"]
    expected = min(ramp_deg(a, 250.0, 320.0) + ramp_deg(2000.0 - a, 250.0, 280.0)
                   for a in (600.0, 900.0))
    assert g.breakover_deg[0] == pytest.approx(expected, abs=1e-9)
    assert g.breakover_part[0] == "skid_plate"
    assert g.ground_clearance_mm[0] == 250.0 and g.clearance_part[0] == "skid_plate"


def test_what_does_not_count():
    """Occupants and payload ride inside; road wheels (and their hubs) are not underside; a
    part inside a tyre's circle does not limit; the spare wheel is underside like any part."""
    driver = box("driver", -1200.0, -800.0, 50.0, 900.0, load="driver", mass_kg=55.0)
    inside = box("tow_eye", 100.0, 150.0, 150.0, 200.0)  # ahead of the axle, in the circle
    g = ground_geometry(car(extra=(driver, inside)))
    assert all(g[c].ground_clearance_mm[0] > 350.0 for c in CASES)  # the body, sunk
    assert g["kerb"].approach_part[0] == "body"
    assert {f"hub_{a}_{s}" for a in ("front", "rear") for s in ("left", "right")} \
        <= ROAD_WHEEL_PARTS
    spare = box("tyre_spare", -2650.0, -2500.0, 350.0, 950.0, category="wheel", sprung=False)
    g = ground_geometry(car(extra=(spare,)))["kerb"]
    assert g.departure_part[0] == "tyre_spare"
    assert g.departure_deg[0] == pytest.approx(ramp_deg(650.0, 350.0, 300.0), abs=1e-9)


def test_nothing_ahead_or_behind_gives_a_right_angle():
    g = ground_geometry(car(front=-400.0, rear=-400.0))["kerb"]
    assert g.approach_deg[0] == 90.0 and g.approach_part[0] == ""
    assert g.departure_deg[0] == 90.0 and g.departure_part[0] == ""


def test_no_road_wheels_is_an_error():
    facts = VehicleFacts(wheelbase_mm=2000.0, track_front_mm=1200.0, track_rear_mm=1200.0,
                         displacement_cc=658.0, seats=2, rated_payload_kg=0.0, is_truck=False)
    layout = Layout.from_components("sled", [box("body", -2500.0, 500.0, 400.0, 1400.0)],
                                    facts)
    with pytest.raises(ParameterError, match="no front tyre"):
        ground_geometry(layout)


# ---- sag ---------------------------------------------------------------------------------------

def test_sag_against_a_hand_calculation():
    """A 110 kg driver midway between the axles adds 55 kg to each; the body (centred midway),
    tyres and hubs put 290 kg on each at kerb; at 1.5 Hz the static deflection is
    g / (2π · 1.5)² = 110.4 mm, so the body sinks 55 / 290 of it, 20.9 mm, all along."""
    driver = box("driver", -1100.0, -900.0, 600.0, 1200.0, load="driver", mass_kg=110.0)
    layout = car(extra=(driver,), ride_hz=(1.5, 1.5))
    kerb = mass_properties(layout)["kerb"].axle_loads_kg[0]
    assert kerb == pytest.approx([290.0, 290.0])
    g = ground_geometry(layout)
    sink = 55.0 / 290.0 * G_MM_S2 / (2.0 * math.pi * 1.5) ** 2
    assert sink == pytest.approx(20.9, abs=0.05)
    assert g["driver"].sag_mm[0] == pytest.approx([sink, sink])
    assert g["driver"].ground_clearance_mm[0] == pytest.approx(400.0 - sink)
    assert g["driver"].approach_deg[0] == pytest.approx(ramp_deg(500.0, 400.0 - sink, 300.0))


def test_the_body_pitches_about_the_axles():
    """A load on the rear axle line: the body sinks at the rear only and pitches; the default
    ride frequencies apply. A sprung part 500 mm ahead of the front axle then rises."""
    load = box("luggage", -2100.0, -1900.0, 600.0, 800.0, load="payload", mass_kg=100.0)
    g = ground_geometry(car(extra=(load,)))["full"]
    front, rear = g.sag_mm[0]
    assert front == pytest.approx(0.0, abs=1e-9)
    assert rear == pytest.approx(100.0 / 290.0 * G_MM_S2
                                 / (2.0 * math.pi * DEFAULT_RIDE_FREQUENCY_HZ[1]) ** 2)
    rise = 500.0 / 2000.0 * rear  # the front corner rises as the rear sinks
    assert g.approach_deg[0] == pytest.approx(ramp_deg(500.0, 400.0 + rise, 300.0))
    assert g.departure_deg[0] == pytest.approx(ramp_deg(500.0, 400.0 - rear - rise, 300.0))
    assert g.ground_clearance_mm[0] == pytest.approx(400.0 - rear)


def test_unsprung_parts_keep_their_height():
    diff = box("differential", -2120.0, -1880.0, 180.0, 420.0, sprung=False)
    load = box("luggage", -1100.0, -900.0, 600.0, 800.0, load="payload", mass_kg=300.0)
    g = ground_geometry(car(extra=(diff, load)))
    assert all(g[c].ground_clearance_mm[0] == 180.0 for c in CASES)
    assert all(g[c].clearance_part[0] == "differential" for c in CASES)


# ---- a per-design reference --------------------------------------------------------------------

def reference(layout: Layout) -> dict[str, dict[str, list]]:
    """The definitions of :mod:`keidesign.analysis.ground` evaluated design by design, part by
    part, with the brief's acos formula: what the vectorised, pruned code must reproduce.
    Angles are not carried below 0° (a part sunk under the ground)."""
    props = mass_properties(layout)
    facts = layout.facts
    freq = facts.ride_frequency_hz or DEFAULT_RIDE_FREQUENCY_HZ
    n = layout.n_designs
    lo, hi = layout.bbox_min_mm, layout.bbox_max_mm
    counted = [i for i, c in enumerate(layout.components)
               if c.load == "vehicle" and c.name not in ROAD_WHEEL_PARTS]
    sprung = [c.sprung for c in layout.components]
    out: dict[str, dict[str, list]] = {c: {"clearance": [], "approach": [], "departure": [],
                                           "breakover": []} for c in props}
    for k in range(n):
        wb = float(np.broadcast_to(facts.wheelbase_mm, (n,))[k])
        radius = {}
        for axle in ("front", "rear"):
            i = layout.index(f"tyre_{axle}_left")
            radius[axle] = 0.5 * (hi[k, i, 2] - lo[k, i, 2])
        for case, p in props.items():
            sag = []
            for a in range(2):
                f = float(np.broadcast_to(freq[a], (n,))[k])
                kerb = props["kerb"].axle_loads_kg[k, a]
                sag.append((p.axle_loads_kg[k, a] - kerb) / kerb * G_MM_S2
                           / (2.0 * math.pi * f) ** 2)

            def height(i: int, x: float, k: int = k, wb: float = wb,
                       sag: list[float] = sag) -> float:
                drop = sag[0] + (sag[1] - sag[0]) * (-x / wb) if sprung[i] else 0.0
                return lo[k, i, 2] - drop

            clear, app, dep, brk = (math.inf, ""), (90.0, ""), (90.0, ""), (180.0, "")
            for i in counted:
                name = layout.names[i]
                x_lo, x_hi = lo[k, i, 0], hi[k, i, 0]
                for x in (x_hi, max(x_lo, 0.0)):
                    if x > 0.0:
                        app = min(app, (ramp_deg(x, height(i, x), radius["front"]), name),
                                  key=lambda v: v[0])
                for x in (x_lo, min(x_hi, -wb)):
                    if x < -wb:
                        dep = min(dep, (ramp_deg(-wb - x, height(i, x), radius["rear"]), name),
                                  key=lambda v: v[0])
                x_a, x_b = max(x_lo, -wb), min(x_hi, 0.0)
                if x_a <= x_b:
                    clear = min(clear, (min(height(i, x_a), height(i, x_b)), name),
                                key=lambda v: v[0])
                    for x in (x_a, x_b, min(max(-0.5 * wb, x_a), x_b)):
                        z = height(i, x)
                        angle = ramp_deg(-x, z, radius["front"]) + ramp_deg(wb + x, z,
                                                                           radius["rear"])
                        brk = min(brk, (angle, name), key=lambda v: v[0])
            for figure, value in (("clearance", clear), ("approach", app),
                                  ("departure", dep), ("breakover", brk)):
                if figure != "clearance":  # a part under the ground: 0°, not below
                    value = (max(value[0], 0.0), value[1])
                out[case][figure].append(value)
    return out


def assert_matches_reference(layout: Layout) -> None:
    fast = ground_geometry(layout)
    slow = reference(layout)
    fields = {"clearance": ("ground_clearance_mm", "clearance_part"),
              "approach": ("approach_deg", "approach_part"),
              "departure": ("departure_deg", "departure_part"),
              "breakover": ("breakover_deg", "breakover_part")}
    for case in CASES:
        for figure, (value, part) in fields.items():
            want = np.array([v for v, _ in slow[case][figure]])
            got = getattr(fast[case], value)
            assert got.shape == (layout.n_designs,)
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-7,
                                       err_msg=f"{case} {figure}")
            # A tie may name either twin (left/right); the named part gives the figure.
            names = getattr(fast[case], part)
            for k, (v, name) in enumerate(slow[case][figure]):
                if names[k] != name:
                    assert names[k] and name, (case, figure, k, names[k], name)


@pytest.mark.parametrize("name", sorted(CONCEPTS))
def test_every_concept_matches_the_reference(name):
    assert_matches_reference(get_concept(name)().layout())


def test_a_batch_matches_the_reference_and_each_design():
    """Wheelbase and tyres vary: parts move, both tyre radii change, the pruning bounds must
    hold for every design."""
    varied = {"wheelbase": np.array([1800.0, 1950.0, 2150.0]),
              "rim_diameter": np.array([12.0, 13.0, 14.0])}
    layout = CabOverTruck.layout_batch(varied)
    assert_matches_reference(layout)
    batch = ground_geometry(layout)
    for k in range(3):
        one = ground_geometry(CabOverTruck(wheelbase=varied["wheelbase"][k],
                                           rim_diameter=varied["rim_diameter"][k]).layout())
        for case in CASES:
            assert batch[case].breakover_deg[k] == pytest.approx(one[case].breakover_deg[0])
            assert batch[case].approach_part[k] == one[case].approach_part[0]


@st.composite
def random_cars(draw: st.DrawFn) -> Layout:
    """A few boxes under and around a body on four tyres, some unsprung, a payload, in a
    batch of two designs whose wheelbases and tyres differ."""
    wb = np.array(draw(st.lists(st.floats(1600.0, 2600.0), min_size=2, max_size=2)))
    r_front = draw(st.floats(200.0, 380.0))
    r_rear = draw(st.floats(200.0, 380.0))
    extra = []
    for j in range(draw(st.integers(1, 6))):
        x0 = draw(st.floats(-3200.0, 900.0))
        length = draw(st.floats(20.0, 1500.0))
        z0 = draw(st.floats(80.0, 700.0))
        extra.append(box(f"part_{j}", x0, x0 + length, z0, z0 + 50.0,
                         sprung=draw(st.booleans())))
    payload = box("payload", -1500.0, -500.0, 600.0, 700.0, load="payload",
                  mass_kg=draw(st.floats(0.0, 400.0)))
    body = box("body", -2800.0, 600.0, 500.0, 1500.0, mass_kg=600.0, width=1400.0)
    comps = [body, payload, *extra]
    for axle, r in (("front", r_front), ("rear", r_rear)):
        x = 0.0 if axle == "front" else -wb
        for side, y in (("left", 600.0), ("right", -600.0)):
            comps.append(Component(f"tyre_{axle}_{side}", "wheel",
                                   Box(size=(2.0 * r, 150.0, 2.0 * r)), STEEL,
                                   Placement.at(x, y, r), mass_kg=15.0, sprung=False))
    facts = VehicleFacts(wheelbase_mm=wb, track_front_mm=1200.0, track_rear_mm=1200.0,
                         displacement_cc=658.0, seats=2, rated_payload_kg=0.0, is_truck=False,
                         ride_frequency_hz=(draw(st.floats(1.0, 2.5)), draw(st.floats(1.0, 2.5))))
    return Layout.from_components("random", comps, facts, n_designs=2)


@settings(max_examples=60, deadline=None)
@given(random_cars())
def test_random_vehicles_match_the_reference(layout):
    assert_matches_reference(layout)


# ---- invariants --------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.floats(-3000.0, 800.0), st.floats(10.0, 1200.0), st.floats(50.0, 900.0),
       st.floats(1.0, 300.0), st.sampled_from(CASES))
def test_raising_a_part_never_lowers_a_figure(x0, length, z0, rise, case):
    def figures(z: float) -> GroundGeometry:
        part = box("part", x0, x0 + length, z, z + 40.0)
        return ground_geometry(car(extra=(part,)))[case]

    low, high = figures(z0), figures(z0 + rise)
    for field in ("ground_clearance_mm", "approach_deg", "departure_deg", "breakover_deg"):
        assert getattr(high, field)[0] >= getattr(low, field)[0] - 1e-9, field


@settings(max_examples=40, deadline=None)
@given(st.floats(-1900.0, -100.0), st.floats(0.0, 300.0), st.floats(1.0, 300.0))
def test_more_load_between_the_axles_never_raises_the_clearance(x, mass, more):
    """A load between the axles adds to both axles: every sprung part sinks further."""
    def clearance(kg: float) -> float:
        load = box("payload", x - 50.0, x + 50.0, 600.0, 700.0, load="payload", mass_kg=kg)
        g = ground_geometry(car(extra=(load,)))["full"]
        assert (g.sag_mm >= -1e-9).all()
        return g.ground_clearance_mm[0]

    assert clearance(mass + more) <= clearance(mass) + 1e-9


@settings(max_examples=60, deadline=None)
@given(st.floats(1.0, 3000.0), st.floats(-200.0, 3000.0), st.floats(50.0, 500.0))
@example(50.00000000000001, 50.0, 50.0)   # on the circle but for the last bit
def test_the_half_angle_form_is_the_brief_formula(d, z, radius):
    """To 1e-9° and the brief formula's own rounding: its ``acos(−r/ρ)`` loses digits as the
    point nears the tyre's circle (d(acos x)/dx = −1/√(1 − x²)), which the half-angle form
    does not (a point 1e-16 outside the circle: the two differ by ~2e-7°)."""
    from keidesign.analysis.ground import _half_tan

    with np.errstate(invalid="ignore"):  # inside the circle: a masked NaN
        t = float(_half_tan(np.float64(d), np.float64(z), np.float64(radius)))
    want = ramp_deg(d, z, radius)
    if math.isinf(want):
        assert math.isinf(t)
    else:
        near = 1.0 - (radius / math.hypot(d, z - radius)) ** 2
        rounding = math.degrees(4.0 * sys.float_info.epsilon / math.sqrt(max(near, 1e-300)))
        assert math.degrees(2.0 * math.atan(t)) == pytest.approx(want, abs=1e-9 + rounding)


def test_the_crest_is_least_midway_between_equal_tyres():
    """The pruning bounds of the breakover rest on this: at a given height a point's
    breakover angle between equal tyres falls towards the middle from either side."""
    def ramps(d: np.ndarray, z: float, radius: float) -> np.ndarray:
        rho = np.hypot(d, z - radius)
        with np.errstate(invalid="ignore"):
            angle = np.arccos(-radius / rho) - np.arctan2(d, z - radius)
        return np.where(rho > radius, angle, np.inf)

    for radius in (100.0, 300.0, 450.0):
        for z in np.linspace(5.0, 2500.0, 80):
            for wb in (1200.0, 2250.0, 3500.0):
                a = np.linspace(0.0, 0.5 * wb, 2001)   # to the middle; the rest is symmetric
                angles = ramps(a, z, radius) + ramps(wb - a, z, radius)
                steps = np.diff(np.where(np.isfinite(angles), angles, 1e9))
                assert (steps <= 1e-12).all(), (radius, z, wb)


# ---- the Suzuki Jimny JB64 ---------------------------------------------------------------------

def _jimny_published() -> dict[str, dict]:
    data = json.loads((DATA / "presets_offroad.json").read_text(encoding="utf-8"))
    return data["ground_geometry"]["jimny-jb64"]


def test_jimny_jb64_reproduces_its_published_ground_geometry():
    published = _jimny_published()
    assert all(entry["source"] for entry in published.values())
    g = ground_geometry(get_concept("jimny-jb64")().layout())["kerb"]
    model = {"ground_clearance_mm": g.ground_clearance_mm[0], "approach_deg": g.approach_deg[0],
             "breakover_deg": g.breakover_deg[0], "departure_deg": g.departure_deg[0]}
    assert set(published) == set(model)
    for figure, entry in published.items():
        tolerance = 10.0 if figure.endswith("_mm") else 3.0
        assert abs(model[figure] - entry["value"]) <= tolerance, (
            f"{figure}: model {model[figure]:.1f}, published {entry['value']}")
    # What limits each, as the sources describe the car: the differentials, the bumpers.
    assert g.clearance_part[0] in ("front_differential", "differential")
    assert g.approach_part[0] == "front_bumper"
