"""The parts kit: each part's shape, mass and placement, and the editing of a build."""

from __future__ import annotations

import math

import numpy as np
import pytest

from keidesign import ParameterError
from keidesign.layout import Component, Layout, Material, Parts, VehicleFacts, pair
from keidesign.parts import (
    ENGINES,
    MATERIALS,
    OCCUPANT_COM_OFFSET_MM,
    bucket_seat,
    cab,
    fuel_tank,
    ladder_frame,
    material,
    occupant,
    parse_tyre,
    powertrain,
    roll_cage,
    tyre_parameters,
    wheels,
)
from keidesign.shapes import Box, Prism, TubePath
from keidesign.units import INCH_MM, OCCUPANT_MASS_KG

FACTS = VehicleFacts(wheelbase_mm=1900.0, track_front_mm=1300.0, track_rear_mm=1300.0,
                     displacement_cc=658, seats=2, rated_payload_kg=0, is_truck=False)


def layout_of(components, n=1) -> Layout:
    return Layout.from_components("parts", list(components), FACTS, n_designs=n)


# ---- tyres ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,width,aspect,rim,lt", [
    ("145R12", 145, 82, 12, False),
    ("145R12 6PR LT", 145, 82, 12, True),
    ("145/80R12 80/78N LT", 145, 80, 12, True),
    ("LT145R12", 145, 82, 12, True),
    ("175/80R16", 175, 80, 16, False),
    ("165/55R15 75V", 165, 55, 15, False),
    ("195/45ZR16", 195, 45, 16, False),
    ("155R12C", 155, 82, 12, True),
])
def test_tyre_sizes_read_as_marked(text, width, aspect, rim, lt):
    size = parse_tyre(text)
    assert (size.width_mm, size.aspect_pct, size.rim_in, size.light_truck) == (
        width, aspect, rim, lt)
    # ETRTO: radius = rim / 2 + width × aspect.
    assert size.radius_mm == pytest.approx(0.5 * rim * INCH_MM + width * aspect / 100.0)
    assert tyre_parameters(text) == {"tyre_width": width, "tyre_aspect": aspect,
                                     "rim_diameter": rim}


@pytest.mark.parametrize("text", ["", "145", "R12", "145/80", "ABC/80R12", "145/80R40",
                                  "45/80R12", 145])
def test_bad_tyre_size_is_a_clear_error(text):
    with pytest.raises(ParameterError, match="'tyre size' must look like|outside car") as err:
        parse_tyre(text)
    assert err.value.name == "tyre size"


def test_tyre_size_errors_quote_at_most_200_characters():
    with pytest.raises(ParameterError) as err:
        parse_tyre("9" * 100_000)
    assert len(str(err.value)) < 400


def test_wheels_stand_on_the_ground_and_share_their_solids():
    parts = wheels(wheelbase=1900.0, track_front=1305.0, track_rear=1300.0, front="145R12")
    layout = layout_of(parts)
    radius = parse_tyre("145R12").radius_mm
    for corner in ("front_left", "front_right", "rear_left", "rear_right"):
        i = layout.index(f"tyre_{corner}")
        lo, hi = layout.bbox_min_mm[0, i], layout.bbox_max_mm[0, i]
        assert lo[2] == pytest.approx(0.0, abs=1e-9)
        assert hi[2] == pytest.approx(2 * radius)
        assert hi[1] - lo[1] == pytest.approx(145.0)  # the section width
    tyres = {c.shape.key() for c in parts if c.name.startswith("tyre_")}
    rims = {c.shape.key() for c in parts if c.name.startswith("rim_")}
    assert len(tyres) == 1 and len(rims) == 1  # four corners, one solid each
    # The right wheels are the left ones turned about the vertical: outboard faces outwards.
    left = layout.centroid_mm[0, layout.index("rim_front_left")]
    right = layout.centroid_mm[0, layout.index("rim_front_right")]
    assert left[1] > 0.5 * 1305 and right[1] < -0.5 * 1305
    assert left[1] == pytest.approx(-right[1])


def test_tyre_mass_follows_its_rubber():
    small, big = (layout_of(wheels(wheelbase=1900.0, track_front=1300.0, track_rear=1300.0,
                                   front=size)) for size in ("145R12", "175/80R16"))
    i = small.index("tyre_front_left")
    rubber = MATERIALS["rubber"].density_kg_m3 * 1e-9
    assert small.mass_kg[0, i] == pytest.approx(rubber * small.volume_mm3[0, i])
    assert 4.0 < small.mass_kg[0, i] < 10.0  # a 145R12 light-truck tyre weighs ~6–8 kg
    assert big.mass_kg[0, i] > small.mass_kg[0, i]


# ---- materials ------------------------------------------------------------------------------
def test_materials_are_data_with_sources():
    assert {"steel", "aluminium", "carbon", "rubber", "glass", "petrol"} <= set(MATERIALS)
    for mat in MATERIALS.values():
        assert mat.density_kg_m3 > 0 and mat.source
    assert material("steel") is MATERIALS["steel"]
    with pytest.raises(ParameterError, match="did you mean 'steel'"):
        material("steeel")


def test_a_users_material_needs_no_package_edit():
    titanium = Material("titanium", 4430.0, (0.62, 0.62, 0.66), source="Ti-6Al-4V")
    cage = roll_cage(hoop_x=-700.0, half_width=500.0, base_z=400.0, top_z=1300.0,
                     tube_material=titanium)
    layout = layout_of(cage)
    assert {c.material.name for c in cage} == {"titanium"}
    np.testing.assert_allclose(layout.mass_kg[0], 4430.0 * 1e-9 * layout.volume_mm3[0])
    with pytest.raises(ValueError, match="density_kg_m3"):
        Material("unobtainium", -1.0, (0.5, 0.5, 0.5))


# ---- frame, cab, seats, occupants ------------------------------------------------------------
def test_c_section_rails_open_inwards_and_weigh_their_steel():
    parts = ladder_frame(x_front=500.0, x_rear=-2500.0, spacing=900.0, z_bottom=300.0,
                         height=100.0, flange=50.0, thickness=3.2, cross_members=(0.0, -1000.0))
    layout = layout_of(parts)
    left, right = layout.index("frame_rail_left"), layout.index("frame_rail_right")
    area = 100.0 * 50.0 - (100.0 - 2 * 3.2) * (50.0 - 3.2)
    assert layout.volume_mm3[0, left] == pytest.approx(area * 3000.0)
    # The web is outboard, so each rail's centroid lies outboard of its centre line.
    assert layout.centroid_mm[0, left, 1] > 450.0
    assert layout.centroid_mm[0, right, 1] == pytest.approx(-layout.centroid_mm[0, left, 1])
    assert isinstance(parts[0].shape, Prism) and parts[1].shape.key() != parts[0].shape.key()
    assert [c.name for c in parts[2:]] == ["cross_member_1", "cross_member_2"]


def test_cab_is_a_hollow_shell_with_its_glass_and_its_mass():
    parts = cab(front_x=660.0, back_x=-685.0, floor_z=600.0, belt_z=1040.0, roof_z=1780.0,
                width=1475.0, rake_deg=22.0, mass_kg=190.0)
    layout = layout_of(parts)
    assert layout.mass_kg[0].sum() == pytest.approx(190.0)
    shell = layout.index("cab_shell")
    assert parts[shell].shape.wall > 0
    # A thin-walled body, not a block: far less volume than its box.
    box = np.prod(layout.bbox_max_mm[0, shell] - layout.bbox_min_mm[0, shell])
    assert layout.volume_mm3[0, shell] < 0.2 * box
    glass = [c.name for c in parts if c.category == "glass"]
    assert glass == ["cab_windscreen", "cab_window_left", "cab_window_right", "cab_rear_window"]
    # The windscreen leans back by the rake: its top is (height × tan rake) behind its base.
    ws = layout.index("cab_windscreen")
    lo, hi = layout.bbox_min_mm[0, ws], layout.bbox_max_mm[0, ws]
    assert hi[0] == pytest.approx(660.0)
    run = (1780.0 - 60.0 - 1040.0) * math.tan(math.radians(22.0))
    assert lo[0] == pytest.approx(660.0 - run - 5.0 * math.cos(math.radians(22.0)))
    # Glass sits in the shell's wall: the cab's box is the shell's.
    assert (layout.bbox_max_mm[0].max(0) == layout.bbox_max_mm[0, shell]).all()


@pytest.mark.parametrize("heel_drop", [150.0, 250.0, 330.0])
def test_occupant_mass_centre_sits_at_the_stated_offset(heel_drop):
    h = (-150.0, -300.0, 930.0)
    person = occupant("driver", h_point=h, load="driver", heel_drop=heel_drop)
    layout = layout_of([person])
    assert layout.mass_kg[0, 0] == OCCUPANT_MASS_KG
    np.testing.assert_allclose(layout.centroid_mm[0, 0],
                               [h[0] + OCCUPANT_COM_OFFSET_MM[0], h[1],
                                h[2] + OCCUPANT_COM_OFFSET_MM[1]], atol=1e-9)
    assert not person.in_envelope and person.load == "driver"
    # The heels reach the floor: the body's lowest point is the heel.
    assert layout.bbox_min_mm[0, 0, 2] == pytest.approx(h[2] - heel_drop, abs=0.01)


def test_seat_is_placed_by_its_h_point():
    seat = bucket_seat("seat", h_point=(-250.0, 280.0, 620.0), mass_kg=8.0)
    layout = layout_of([seat])
    lo, hi = layout.bbox_min_mm[0, 0], layout.bbox_max_mm[0, 0]
    assert lo[0] < -250.0 < hi[0] and lo[2] < 620.0 < hi[2]
    assert hi[1] - lo[1] == pytest.approx(440.0)


# ---- powertrain, tank, cage ------------------------------------------------------------------
def test_engine_catalogue_is_consistent_and_sourced():
    for code, eng in ENGINES.items():
        swept = eng.cylinders * math.pi / 4 * eng.bore_mm ** 2 * eng.stroke_mm / 1000.0
        assert swept == pytest.approx(eng.displacement_cc, rel=0.01), code
        assert eng.mass_source
    assert not ENGINES["KF"].mass_source.startswith("estimate")
    assert ENGINES["KF"].dry_mass_kg == 47.0
    assert ENGINES["KF"].installed_mass_kg(turbo=True) > ENGINES["KF"].installed_mass_kg()
    with pytest.raises(ParameterError, match="did you mean 'KF'"):
        powertrain("KFF", x=0.0, z=300.0)


def test_engine_mounting_turns_the_block():
    across = layout_of(powertrain("KF", x=-1200.0, z=400.0, mounting="transverse"))
    along = layout_of(powertrain("KF", x=-1200.0, z=400.0, mounting="longitudinal"))
    e = across.index("engine")
    size_across = across.bbox_max_mm[0, e] - across.bbox_min_mm[0, e]
    size_along = along.bbox_max_mm[0, e] - along.bbox_min_mm[0, e]
    assert size_across[1] == pytest.approx(ENGINES["KF"].length_mm)  # crank across
    assert size_along[0] == pytest.approx(ENGINES["KF"].length_mm)   # crank along
    # Longitudinal with the gearbox behind (+1) or ahead (−1) of the engine.
    behind = layout_of(powertrain("KF", x=0.0, z=400.0, gearbox_side=1.0))
    ahead = layout_of(powertrain("KF", x=0.0, z=400.0, gearbox_side=-1.0))
    g = behind.index("transmission")
    assert behind.centroid_mm[0, g, 0] < 0 < ahead.centroid_mm[0, g, 0]


def test_engine_codes_vary_across_a_batch():
    codes = np.array(["KF", "EN07", "K15B"])
    batch = layout_of(powertrain(codes, x=0.0, z=400.0), n=3)
    for k, code in enumerate(codes):
        single = layout_of(powertrain(str(code), x=0.0, z=400.0))
        np.testing.assert_allclose(batch.mass_kg[k], single.mass_kg[0])
        np.testing.assert_allclose(batch.bbox_max_mm[k], single.bbox_max_mm[0])


@pytest.mark.parametrize("litres", [20.0, 35.0, 60.0])
def test_fuel_tank_holds_its_litres(litres):
    tank, fuel = fuel_tank(litres=litres, x_front=-1000.0, y=270.0, z_top=380.0)
    layout = layout_of([tank, fuel])
    assert layout.volume_mm3[0, 1] == pytest.approx(litres * 1e6)
    assert layout.mass_kg[0, 1] == pytest.approx(0.74 * litres)
    assert 2.0 < layout.mass_kg[0, 0] < 15.0  # a 1.2 mm pressed-steel tank
    # The fuel fills the tank's inside: it is inside the shell's box.
    assert (layout.bbox_min_mm[0, 1] > layout.bbox_min_mm[0, 0]).all()
    assert (layout.bbox_max_mm[0, 1] < layout.bbox_max_mm[0, 0]).all()


def test_roll_cage_tubes_are_bent_paths_weighing_their_material():
    kwargs = dict(hoop_x=-700.0, half_width=500.0, base_z=400.0, top_z=1300.0,
                  front=(300.0, 700.0), rear=(-1300.0, 800.0))
    steel = roll_cage(**kwargs, tube_material="steel")
    carbon = roll_cage(**kwargs, tube_material="carbon")
    assert [c.name for c in steel] == ["cage_hoop", "cage_a_pillar_left", "cage_a_pillar_right",
                                       "cage_rear_stay_left", "cage_rear_stay_right",
                                       "cage_diagonal"]
    assert all(isinstance(c.shape, TubePath) for c in steel)
    heavy, light = layout_of(steel), layout_of(carbon)
    assert np.isfinite(heavy.volume_mm3).all()
    np.testing.assert_allclose(heavy.mass_kg / light.mass_kg, 7850.0 / 1600.0)
    # One batch that varies the material weighs each design's own.
    batch = layout_of(roll_cage(**kwargs, tube_material=np.array(["steel", "carbon"])), n=2)
    np.testing.assert_allclose(batch.mass_kg, [heavy.mass_kg[0], light.mass_kg[0]])


# ---- pairs and editing a build ----------------------------------------------------------------
def test_pair_declares_left_and_mirrors_right():
    left, right = pair(Component("mirror_{side}", "body", Box(size=(60.0, 120.0, 150.0),
                                                                centre=(0.0, 60.0, 0.0)),
                                 material("plastic")).moved(300.0, 700.0, 1200.0))
    assert (left.name, right.name) == ("mirror_left", "mirror_right")
    a, b = left.properties(), right.properties()
    np.testing.assert_allclose(b.centroid_mm, a.centroid_mm * [1, -1, 1])
    np.testing.assert_allclose(b.bbox_min_mm[1], -a.bbox_max_mm[1])
    with pytest.raises(ValueError, match="side"):
        pair(left)


def test_parts_edits_by_name_and_pattern():
    blocks = [Component(name, "test", Box(size=(10.0, 10.0, 10.0)), material("steel"))
              for name in ("engine", "cage_hoop", "cage_diagonal", "seat")]
    parts = Parts(blocks)
    parts.move("cage_*", dz=100.0).remove("seat")
    assert parts.names == ("engine", "cage_hoop", "cage_diagonal")
    assert parts["cage_hoop"].placement.translation[2] == 100.0
    assert parts["engine"].placement.translation[2] == 0.0
    parts.replace("engine", lambda old: old.replace(name="engine_turbo"))
    assert parts.names[0] == "engine_turbo"
    with pytest.raises(ParameterError, match="no component matches 'engin'"):
        parts.remove("engin")
    with pytest.raises(ParameterError, match="already there"):
        parts.add(blocks[1])


@pytest.mark.parametrize("text,width_in,rim,lt", [
    ("4.80-10", 4.80, 10, False),
    ("5.20-10 4PR", 5.20, 10, False),
    ("6.00-16 LT", 6.00, 16, True),
    (" 4.50 - 10 ", 4.50, 10, False),
])
def test_numeric_bias_sizes_read_in_inches(text, width_in, rim, lt):
    from keidesign.parts.tyres import BIAS_ASPECT_PCT

    size = parse_tyre(text)
    assert size.width_mm == pytest.approx(width_in * INCH_MM)
    assert (size.aspect_pct, size.rim_in, size.light_truck) == (BIAS_ASPECT_PCT, rim, lt)
    assert 95.0 <= size.aspect_pct <= 100.0  # near-square 1950s bias tyres
    # 4.80-10 (Subaru 360): 254 mm rim + 2 × 0.95 × 121.92 mm sections ≈ 485.6 mm across.
    assert size.radius_mm == pytest.approx(0.5 * rim * INCH_MM
                                           + width_in * INCH_MM * size.aspect_pct / 100.0)


@pytest.mark.parametrize("text", ["4.80-40", "2.50-10", "4.80-", "4.80R10", "48.0-10.5"])
def test_bad_bias_sizes_are_clear_errors(text):
    with pytest.raises(ParameterError, match="'tyre size'") as err:
        parse_tyre(text)
    assert err.value.name == "tyre size"
