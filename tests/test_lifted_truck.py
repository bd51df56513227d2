"""concepts/lifted_truck.py, the proof that a build is short: analysed, checked, built, swept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keidesign import CabOverTruck, get_concept
from keidesign.cli import main
from keidesign.parts import parse_tyre

FILE = Path(__file__).resolve().parents[1] / "concepts" / "lifted_truck.py"


@pytest.fixture(scope="module")
def lifted() -> type:
    return get_concept(str(FILE))


def test_written_in_at_most_60_lines():
    assert len(FILE.read_text(encoding="utf-8").splitlines()) <= 60


def test_lift_and_tyres_raise_the_truck_by_their_sum(lifted):
    truck, stock = lifted(), CabOverTruck()
    assert (truck.lift, truck.tyre_width, truck.tyre_aspect, truck.rim_diameter) == (
        100.0, 175.0, 80.0, 16.0)
    rise = 100.0 + parse_tyre("175/80R16").radius_mm - parse_tyre("145R12").radius_mm
    result, base = truck.analyse(), stock.analyse()
    assert result.envelope_mm["height"] == pytest.approx(base.envelope_mm["height"] + rise)
    assert result.envelope_mm["length"] == pytest.approx(base.envelope_mm["length"])
    # 1305 mm track + 175 mm tyres: exactly the 1480 mm limit.
    assert result.envelope_mm["width"] == pytest.approx(1480.0)


def test_bed_seats_with_occupants_inside_a_cage(lifted):
    layout = lifted().layout()
    names = set(layout.names)
    assert {"bed_seat_left", "bed_seat_right", "bed_occupant_left",
            "bed_occupant_right"} <= names
    cage = [i for i, c in enumerate(layout.categories) if c == "cage"]
    assert len(cage) == 6
    lo = layout.bbox_min_mm[0, cage].min(0)
    hi = layout.bbox_max_mm[0, cage].max(0)
    floor = layout.bbox_max_mm[0, layout.index("bed_floor")]
    headboard = layout.bbox_min_mm[0, layout.index("headboard")]
    tailgate = layout.bbox_max_mm[0, layout.index("tailgate")]
    for name in ("bed_occupant_left", "bed_occupant_right"):
        i = layout.index(name)
        c = layout.centroid_mm[0, i]
        assert (lo < c).all() and (c < hi).all()
        # The whole body sits in the bed: behind the headboard, ahead of the tailgate, above
        # the floor and under the cage's top.
        assert tailgate[0] < layout.bbox_min_mm[0, i, 0] < layout.bbox_max_mm[0, i, 0] \
            < headboard[0]
        assert floor[2] <= layout.bbox_min_mm[0, i, 2] + 0.01  # heels on the floor
        assert layout.bbox_max_mm[0, i, 2] < hi[2]
    cases = lifted().analyse().load_cases
    assert cases["full"].mass_kg - cases["kerb"].mass_kg == pytest.approx(4 * 55.0 + 100.0)


def test_check_says_four_seats_are_two_too_many_for_a_kei_truck(lifted, capsys):
    assert main(["check", str(FILE), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["concept"] == "lifted-truck"
    assert report["violations"] == []
    failed = [c for c in report["limit_checks"] if not c["ok"]]
    assert [(c["limit"], c["value"], c["allowed"]) for c in failed] == [("occupants", 4, 2)]


@pytest.mark.slow
def test_builds_its_files(tmp_path, capsys):
    assert main(["build", str(FILE), "--out", str(tmp_path), "--formats", "step,glb,json"]) == 0
    folder = tmp_path / "lifted-truck"
    assert sorted(p.name for p in folder.iterdir()) == [
        "lifted-truck.glb", "lifted-truck.json", "lifted-truck.step"]


def test_sweeps_over_its_lift(tmp_path, capsys):
    out = tmp_path / "sweep"
    assert main(["sweep", str(FILE), "--vary", "lift=0:200:3", "--out", str(out),
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["points"], summary["ok"]) == (3, 3)
    import pandas as pd

    table = pd.read_parquet(out / "results.parquet")
    heights = table.sort_values("lift")["envelope.height_mm"].to_numpy()
    assert heights[1] - heights[0] == pytest.approx(100.0)
    assert heights[2] - heights[1] == pytest.approx(100.0)
