"""The roadster archetypes: gullwing doors, roofs that stow, front and rear drive, their rules,
and one code path for one design and many."""

from __future__ import annotations

import numpy as np
import pytest

from keidesign import ParameterError, get_concept
from keidesign.analysis import mass_properties
from keidesign.concepts import FrontEngineRoadster, MidEngineRoadster
from keidesign.sweep import SweepSpec, run_sweep

KEI_HEIGHT_MM = 2000.0


def _box(layout, name):
    i = layout.index(name)
    return layout.bbox_min_mm[0, i], layout.bbox_max_mm[0, i]


def _x(layout, name):
    return float(layout.centroid_mm[0, layout.index(name), 0])


def _roof_parts(layout):
    return [n for n in layout.names if n.startswith("roof_")]


def test_gullwing_doors_are_hinged_on_the_roof_and_open_upward_within_the_box():
    az1 = get_concept("az1-pg6sa")()
    assert az1.doors == "gullwing" and az1.roof == "fixed"
    closed = az1.layout()
    half = 0.5 * az1.body_width
    for side, sign in (("left", 1), ("right", -1)):
        lo, hi = _box(closed, f"door_{side}")
        # Closed: on the body side, from the sill to the roof, within the body's width.
        assert hi[2] == pytest.approx(az1.roof_height)
        assert lo[2] == pytest.approx(az1.sill_height)
        assert max(abs(lo[1]), abs(hi[1])) == pytest.approx(half)
        assert sign * lo[1] > 0 or sign * hi[1] > 0
    opened = az1.replace(door_open_angle=70.0)
    layout = opened.layout()
    lo, hi = _box(layout, "door_left")
    assert hi[2] > az1.roof_height + 300.0  # swung up over the roof
    assert hi[2] < KEI_HEIGHT_MM
    assert lo[2] > az1.sill_height  # the bottom edge lifts too
    # Opening the doors moves mass; it neither adds nor removes any.
    kerb = az1.analyse().load_cases["kerb"]
    kerb_open = opened.analyse().load_cases["kerb"]
    assert kerb_open.mass_kg == pytest.approx(kerb.mass_kg)
    assert kerb_open.com_height_mm > kerb.com_height_mm


def test_conventional_doors_are_slabs_below_the_beltline():
    beat = get_concept("beat-pp1")()
    layout = beat.layout()
    _, hi = _box(layout, "door_left")
    assert hi[2] == pytest.approx(beat.beltline_height)
    assert hi[1] == pytest.approx(0.5 * beat.body_width)


@pytest.mark.parametrize("kw, parameter", [
    ({"doors": "gullwing"}, "doors"),                                  # needs a fixed roof
    ({"roof": "fixed", "top": "open"}, "top"),
    ({"door_open_angle": 30.0}, "door_open_angle"),                    # conventional doors
    ({"engine_ahead": 500.0}, "engine_ahead"),                         # into the seats
    ({"tyre_width_rear": 245.0}, "track_rear"),                        # outside the body
    ({"deck_height": 700.0}, "deck_height"),                           # on the engine
])
def test_mid_engine_rules_name_their_parameter(kw, parameter):
    with pytest.raises(ParameterError) as err:
        MidEngineRoadster(**kw)
    assert err.value.name == parameter
    assert f"'{parameter}' must" in str(err.value)


@pytest.mark.parametrize("kw, parameter", [
    ({"drive": "fwd"}, "engine_setback"),            # a transverse fwd engine is not behind
    ({"engine_setback": -100.0}, "engine_setback"),  # an rwd engine is
    ({"rear_overhang": 320.0}, "rear_overhang"),     # no boot left for the roof
    ({"nose_height": 500.0}, "nose_height"),         # the bonnet on the engine
])
def test_front_engine_rules_name_their_parameter(kw, parameter):
    with pytest.raises(ParameterError) as err:
        FrontEngineRoadster(**kw)
    assert err.value.name == parameter


def test_mid_engine_layout_puts_seats_between_the_axles_and_the_engine_behind_them():
    beat = MidEngineRoadster()
    layout = beat.layout()
    engine = _x(layout, "engine")
    seat_back = float(layout.bbox_min_mm[0, layout.index("seat_driver"), 0])
    assert -beat.wheelbase < engine < seat_back
    assert -beat.wheelbase < _x(layout, "seat_driver") < 0.0
    assert "frame_rail_left" not in layout.names  # a monocoque
    # Rear drive: more than half the kerb mass on the rear wheels.
    assert beat.analyse().load_cases["kerb"].front_axle_share < 0.5


def test_staggered_tyres():
    s660 = get_concept("s660-jw5")()
    layout = s660.layout()
    width = {axle: float(np.subtract(*_box(layout, f"tyre_{axle}_left")[::-1])[1])
             for axle in ("front", "rear")}
    assert width["front"] == pytest.approx(165.0) and width["rear"] == pytest.approx(195.0)
    # The rear tyres reach the body's side: the car's width is the published 1475 mm.
    assert s660.analyse().envelope_mm["width"] == pytest.approx(1475.0)


def test_fwd_has_its_engine_ahead_of_the_seats_and_more_weight_in_front():
    rwd = FrontEngineRoadster()
    fwd = rwd.replace(drive="fwd", engine="JB", engine_setback=-100.0, nose_height=720.0)
    rwd_layout, fwd_layout = rwd.layout(), fwd.layout()
    assert _x(fwd_layout, "engine") > 0.0 > _x(rwd_layout, "engine")  # ahead of the axle
    assert _x(fwd_layout, "engine") > _x(fwd_layout, "seat_driver")
    assert {"propshaft", "differential"} <= set(rwd_layout.names)
    assert not {"propshaft", "differential"} & set(fwd_layout.names)
    assert "transaxle" in fwd_layout.names
    shares = {name: design.analyse().load_cases["kerb"].front_axle_share
              for name, design in (("rwd", rwd), ("fwd", fwd))}
    assert shares["fwd"] > shares["rwd"] + 0.03


@pytest.mark.parametrize("cls, roof", [(FrontEngineRoadster, "removable_panels"),
                                       (FrontEngineRoadster, "hardtop_folding"),
                                       (MidEngineRoadster, "soft_top"),
                                       (MidEngineRoadster, "targa")])
def test_opening_the_roof_stows_its_parts_and_keeps_the_mass(cls, roof):
    closed = cls(roof=roof)
    opened = closed.replace(top="open")
    up, down = closed.layout(), opened.layout()
    assert _roof_parts(up) == _roof_parts(down) and _roof_parts(up)
    kerb_up = closed.analyse().load_cases["kerb"]
    kerb_down = opened.analyse().load_cases["kerb"]
    assert kerb_down.mass_kg == pytest.approx(kerb_up.mass_kg, rel=1e-12)
    assert kerb_down.com_height_mm < kerb_up.com_height_mm
    assert opened.analyse().envelope_mm["height"] <= closed.analyse().envelope_mm["height"]
    stowed = [n for n in _roof_parts(down)
              if not (roof == "targa" and n == "roof_rear_section")]  # the S660's fixed hoop
    for name in stowed:
        lo, hi = _box(down, name)
        assert hi[2] <= closed.deck_height + 100.0, name  # below or on the deck
        assert lo[0] > -closed.wheelbase - closed.rear_overhang, name
        assert hi[0] < closed.front_overhang, name


def test_boot_stowed_panels_lie_behind_the_seats_targa_panel_in_front():
    cap = FrontEngineRoadster(top="open").layout()
    assert all(_x(cap, n) < _x(cap, "seat_driver") for n in _roof_parts(cap))
    # The two panels lie stacked on the centre line, the left one on the right one.
    (l_lo, l_hi), (r_lo, r_hi) = _box(cap, "roof_panel_left"), _box(cap, "roof_panel_right")
    assert l_lo[1] == pytest.approx(-l_hi[1]) and r_lo[1] == pytest.approx(-r_hi[1])
    assert l_lo[2] == pytest.approx(r_hi[2])
    targa = MidEngineRoadster(roof="targa", top="open")
    lo, hi = _box(targa.layout(), "roof_panel")  # rolled up in the front compartment
    assert -targa.cowl_setback <= lo[0] and hi[0] < targa.front_overhang


@pytest.mark.parametrize("cls, varied", [
    (MidEngineRoadster, {"wheelbase": [2200.0, 2280.0, 2350.0],
                         "engine_ahead": [150.0, 170.0, 190.0],
                         "tyre_width_rear": [165.0, 175.0, 185.0],
                         "engine": ["E07A", "S07A", "F6A"], "turbo": ["no", "yes", "yes"]}),
    (FrontEngineRoadster, {"wheelbase": [2000.0, 2060.0, 2150.0],
                           "seat_h_point_setback": [1300.0, 1320.0, 1360.0],
                           "body_mass": [180.0, 190.0, 230.0]}),
])
def test_batch_equals_each_design_alone(cls, varied):
    batch = mass_properties(cls.layout_batch(varied))
    for i in range(3):
        alone = cls(**{k: v[i] for k, v in varied.items()}).analyse().load_cases
        for case in ("kerb", "driver", "crew", "full"):
            assert batch[case].mass_kg[i] == pytest.approx(alone[case].mass_kg, rel=1e-12)
            np.testing.assert_allclose(batch[case].com_mm[i], alone[case].com_mm, rtol=1e-12,
                                       atol=1e-9)


def test_a_batch_of_gullwing_doors_opens_each_to_its_own_angle():
    angles = [0.0, 45.0, 80.0]
    layout = MidEngineRoadster.layout_batch({"door_open_angle": angles},
                                            {"doors": "gullwing", "roof": "fixed"})
    i = layout.index("door_left")
    for k, angle in enumerate(angles):
        alone = MidEngineRoadster(doors="gullwing", roof="fixed",
                                  door_open_angle=angle).layout()
        np.testing.assert_allclose(layout.bbox_max_mm[k, i], _box(alone, "door_left")[1])


@pytest.mark.parametrize("cls, name", [(MidEngineRoadster, "roof"),
                                       (FrontEngineRoadster, "drive")])
def test_a_batch_mixing_an_option_that_adds_parts_is_refused_by_name(cls, name):
    values = list(cls.specs()[name].choices[:2])
    with pytest.raises(ParameterError, match=f"'{name}' adds or removes parts") as err:
        cls.layout_batch({name: values}, {"engine_setback": 0.0, "nose_height": 760.0}
                         if name == "drive" else None)
    assert err.value.name == name


def test_sweep_over_the_roof_and_drive_equals_each_design_alone():
    spec = SweepSpec(concept="front-engine-roadster",
                     vary=["top=closed,open", "wheelbase=2000:2100:2"],
                     fixed={"roof": "hardtop_folding"})
    table = run_sweep(spec).table
    assert (table["status"] == "ok").all() and len(table) == 4
    for i in range(4):
        row = table.iloc[i]
        alone = FrontEngineRoadster(roof="hardtop_folding", top=row["top"],
                                    wheelbase=row["wheelbase"]).analyse()
        assert row["kerb.mass_kg"] == pytest.approx(alone.load_cases["kerb"].mass_kg,
                                                    rel=1e-12)
