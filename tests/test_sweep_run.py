"""Running sweeps: the table, CSV and SQLite content, failures as rows, resume, executors."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import keidesign
from keidesign import CabOverTruck, get_concept
from keidesign.errors import ConceptError, ParameterError
from keidesign.sweep import SweepSpec, SweepStore, output_schema, read_results, run_sweep
from keidesign.sweep import evaluate as evaluate_module
from keidesign.sweep.keys import code_fingerprint, model_version, point_keys
from keidesign.sweep.plots import plot_sweep
from tests.conftest import NOT_ARRAY_SAFE_METHOD, SMALLEST_CONCEPT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def truck_spec() -> SweepSpec:
    """9 × 5 points, 19 of which break the tyre-to-frame-rail rule."""
    return SweepSpec(concept="cab-over-truck", vary=["track_front=1000:1400:9",
                                                     "tyre_width=125:225:5"],
                     fixed={"rated_payload": 300})


def test_table_columns_and_values(truck_spec):
    table = run_sweep(truck_spec).table
    specs = list(CabOverTruck.specs())
    outputs = [name for name, _ in output_schema("cab-over-truck")]
    others = [n for n in specs if n not in ("track_front", "tyre_width")]
    assert list(table.columns) == (["track_front", "tyre_width"] + others + ["era"] + outputs
                                   + ["status", "error"])
    assert len(table) == 45 and (table["rated_payload"] == 300).all()
    # Each ok row agrees with analysing that design on its own.
    for i in (20, 44):
        row = table.iloc[i]
        design = CabOverTruck(track_front=row["track_front"], tyre_width=row["tyre_width"],
                              rated_payload=300)
        result = design.analyse(era=1998).as_dict()
        assert row["status"] == "ok" and row["error"] == ""
        assert row["fits"] == result["fits"]
        assert row["full.front_axle_share"] == pytest.approx(
            result["load_cases"]["full"]["front_axle_share"], rel=1e-12)
        assert row["envelope.width_mm"] == pytest.approx(result["envelope_mm"]["width"])
        assert row["limiting.width"] == result["limiting_components"]["width"]


def test_failing_points_become_rows_with_their_error(truck_spec):
    table = run_sweep(truck_spec, chunk_size=16).table
    failed = table[table["status"] == "failed"]
    assert len(failed) == 19 and (table["status"] == "ok").sum() == 26
    assert failed["error"].str.contains(r"ParameterError: 'track_front' must leave the tyres "
                                        r"clear of the frame rails").all()
    assert failed["full.mass_kg"].isna().all() and failed["fits"].isna().all()
    # The error is the one the design gives on its own.
    row = failed.iloc[0]
    with pytest.raises(ParameterError) as info:
        CabOverTruck(track_front=row["track_front"], tyre_width=row["tyre_width"])
    assert row["error"] == f"ParameterError: {info.value}"


def test_a_point_failing_inside_a_batch_fails_alone(monkeypatch):
    """A failure the rule screen cannot see is narrowed down to its point; the rest of the
    batch keeps the values it has in a sweep without the failure."""
    spec = SweepSpec(concept="cab-over-truck", vary=["transmission_mass=15:80:66"])
    clean = run_sweep(spec, chunk_size=64).table
    real = evaluate_module.analyse_columns

    def flaky(layout, reg):
        if (layout.mass_kg[:, layout.index("transmission")] == 59.0).any():
            raise RuntimeError("kernel fell over")
        return real(layout, reg)

    monkeypatch.setattr(evaluate_module, "analyse_columns", flaky)
    table = run_sweep(spec, chunk_size=64).table
    bad = table["transmission_mass"] == 59.0
    assert table.loc[bad, "status"].tolist() == ["failed"]
    assert table.loc[bad, "error"].tolist() == ["RuntimeError: kernel fell over"]
    pd.testing.assert_frame_equal(table[~bad], clean[~bad])


def test_parquet_csv_and_store_content(truck_spec, tmp_path):
    result = run_sweep(truck_spec, tmp_path / "out", chunk_size=16, results=("parquet", "csv"))
    assert result.files == {"parquet": tmp_path / "out" / "results.parquet",
                            "csv": tmp_path / "out" / "results.csv"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "results.csv", "results.parquet", "sweep.lock", "sweep.sqlite"]
    table = result.table
    assert (result.points, result.n_ok, result.n_failed) == (45, 26, 19)
    # Both files read back to exactly the table held in memory by a run without a folder
    # (values, missing values, dtypes).
    in_memory = run_sweep(truck_spec, chunk_size=16).table
    pd.testing.assert_frame_equal(read_results(result.parquet_path), in_memory)
    pd.testing.assert_frame_equal(read_results(result.csv_path, truck_spec), in_memory)
    pd.testing.assert_frame_equal(table, in_memory)
    # The CSV is plain text any reader takes: floats in their shortest exact form.
    csv = pd.read_csv(result.csv_path)
    assert list(csv.columns) == list(table.columns) and len(csv) == len(table)
    for name in ("track_front", "full.com_height_mm", "full.ssf", "margin.width_mm",
                 "full.ixz_kg_m2", "full.corner_rl_kg"):
        np.testing.assert_array_equal(csv[name].to_numpy(), table[name].to_numpy(dtype=float))
    assert csv["status"].tolist() == table["status"].tolist()

    version = model_version(CabOverTruck)
    assert version.startswith(f"{keidesign.__version__}+")
    with sqlite3.connect(result.store_path) as con:
        rows = con.execute("SELECT concept, version, mode, era, n FROM batches").fetchall()
        fmt = con.execute("SELECT value FROM meta WHERE name='format'").fetchone()[0]
    assert fmt == "keidesign-sweep-store/2"
    assert [r[:4] for r in rows] == [("cab-over-truck", version, "fast", 1998)] * 3
    assert sorted(r[4] for r in rows) == [13, 16, 16]

    points = truck_spec.points()
    keys = point_keys(CabOverTruck, points, truck_spec.resolved_fixed(), 1998, "fast", version)
    with SweepStore(result.store_path) as store:
        found, batches, at = store.lookup(keys, "cab-over-truck", version, "fast")
        assert found.all()
        stored = {b: store.read(b) for b in np.unique(batches).tolist()}
    mass = [stored[b].column("full.mass_kg")[r].as_py() for b, r in zip(batches, at)]
    np.testing.assert_array_equal(np.array(mass, dtype=float), table["full.mass_kg"].to_numpy())


def test_rerun_reuses_every_point(truck_spec, tmp_path):
    first = run_sweep(truck_spec, tmp_path, chunk_size=16)
    second = run_sweep(truck_spec, tmp_path, chunk_size=16)
    assert (first.computed, first.reused, first.outdated) == (45, 0, 0)
    assert (second.computed, second.reused, second.outdated) == (0, 45, 0)
    pd.testing.assert_frame_equal(first.table, second.table)


def test_a_rerun_in_smaller_chunks_reads_each_stored_batch_once(truck_spec, tmp_path,
                                                                 monkeypatch):
    """Chunks of another size than the stored batches touch a batch several times in a row;
    it is read (and checked against its checksum) once."""
    first = run_sweep(truck_spec, tmp_path, chunk_size=32)         # batches of 32 and 13
    reads = []
    real = SweepStore.read
    monkeypatch.setattr(SweepStore, "read", lambda self, batch: reads.append(batch) or
                        real(self, batch))
    again = run_sweep(truck_spec, tmp_path, chunk_size=4)           # 12 chunks
    assert (again.computed, again.reused) == (0, 45)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == 2
    pd.testing.assert_frame_equal(first.table, again.table)


def test_resume_computes_only_missing_points(tmp_path):
    """A wider sweep over the same folder evaluates only the new points (keys hold every
    parameter, so a point is the same whichever parameters the sweep varies)."""
    narrow = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:7"],
                       fixed={"rated_payload": 350})
    wide = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:7",
                                                     "rated_payload=0:350:3"])
    run_sweep(narrow, tmp_path)
    result = run_sweep(wide, tmp_path)
    assert (result.computed, result.reused) == (14, 7)
    pd.testing.assert_frame_equal(result.table, run_sweep(wide).table)


@pytest.mark.parametrize("chunk_size", [1, 2, 3, None])
def test_duplicate_points_are_computed_once(chunk_size):
    """In one chunk or in several: a repeated design is evaluated once, its rows equal."""
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_position=rear,rear,midship,rear",
                                                     "rated_payload=0:350:2"])
    result = run_sweep(spec, chunk_size=chunk_size)
    assert result.computed == 4 and len(result.table) == 8
    table = result.table
    for a, b in ((0, 2), (0, 6), (1, 3), (1, 7)):
        pd.testing.assert_series_equal(table.iloc[a], table.iloc[b], check_names=False)


def test_eras_are_rows(tmp_path):
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=0:100:2"],
                     eras=(1976, 1998))
    table = run_sweep(spec, tmp_path).table
    assert table["era"].tolist() == [1976, 1976, 1998, 1998]
    assert not table.loc[table["era"] == 1976, "fits"].any()  # 3395 mm > 3200 mm
    assert table.loc[table["era"] == 1998, "fits"].all()


def test_thread_pool_executor_gives_the_same_table(truck_spec, tmp_path):
    serial = run_sweep(truck_spec, tmp_path / "serial", chunk_size=4)
    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = run_sweep(truck_spec, tmp_path / "threads", executor=pool, chunk_size=4)
    pd.testing.assert_frame_equal(serial.table, threaded.table)
    assert (tmp_path / "serial" / "results.parquet").read_bytes() == \
        (tmp_path / "threads" / "results.parquet").read_bytes()


@pytest.mark.slow
def test_process_workers_give_the_same_table(truck_spec, tmp_path):
    serial = run_sweep(truck_spec, chunk_size=8)
    parallel = run_sweep(truck_spec, tmp_path, workers=2, chunk_size=8)
    pd.testing.assert_frame_equal(serial.table, parallel.table)


def test_summary_and_ranking():
    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:13",
                                                     "rated_payload=0:350:8"])
    from keidesign.sweep import parse_condition, parse_objective, table_columns

    kinds = table_columns(spec)
    objective = parse_objective("max:engine_shift", kinds)
    where = [parse_condition("rated_payload>=350", kinds),
             parse_condition("full.front_axle_share>=0.49", kinds)]
    result = run_sweep(spec)
    summary = result.summary(objective, where)
    assert summary["points"] == 104 and summary["ok"] == 104 and summary["failed"] == 0
    assert summary["fits"] == 104
    best = summary["best"]
    assert best["parameters"]["rated_payload"] == 350.0
    # The next step back breaks the constraint.
    ranked = result.ranked(objective, where)
    assert (ranked["full.front_axle_share"] >= 0.49).all()
    assert best["parameters"]["engine_shift"] == ranked["engine_shift"].max() < 300
    table = result.table
    beyond = table[(table["rated_payload"] == 350)
                   & (table["engine_shift"] > best["parameters"]["engine_shift"])]
    assert (beyond["full.front_axle_share"] < 0.49).all()


@pytest.mark.parametrize("results", [("parquet",), ("csv",), None])
def test_best_rows_are_the_head_of_the_ranking(tmp_path, results):
    """best() reads only the columns that rank the rows and make their designs, block by
    block, from Parquet, from CSV or from the table in memory: its rows are the ranking's
    first ones, with those columns' values."""
    from keidesign.sweep import parse_condition, parse_objective, table_columns

    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:13",
                                                     "rated_payload=0:350:4"])
    kinds = table_columns(spec)
    objective = parse_objective("max:full.front_axle_share", kinds)
    where = [parse_condition("kerb.ssf>=0.8", kinds)]
    result = run_sweep(spec, None if results is None else tmp_path, results=results or
                       ("parquet",))
    best = result.best(objective, where, n=5)
    want = result.ranked(objective, where).head(5)
    assert len(best) == 5 and list(best.index) == list(want.index)
    assert {"engine_shift", "rated_payload", "era", "full.front_axle_share",
            "kerb.ssf"} <= set(best.columns)
    pd.testing.assert_frame_equal(best, want[best.columns])
    assert result.best_parameters(objective, where, n=2)[0][0]["engine_shift"] == \
        want["engine_shift"].iloc[0]


def test_plots_are_png_files(tmp_path):
    from PIL import Image

    spec = SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:7",
                                                     "rated_payload=0:500:6"])
    result = run_sweep(spec)
    written = plot_sweep(result.table, spec, tmp_path / "plots", outputs=["full.ssf"])
    names = sorted(p.name for p in written)
    assert names == ["contour_full.ssf.png", "engine_shift.png", "rated_payload.png"]
    for path in written:
        assert path.read_bytes()[:8] == PNG_SIGNATURE
        with Image.open(path) as image:
            image.verify()
            assert image.size[0] > 300 and image.size[1] > 300
    assert not [p for p in (tmp_path / "plots").iterdir() if p.name.startswith(".")]


def test_categorical_and_sampled_plots(tmp_path):
    spec = SweepSpec(concept="mid-engine-concept", method="lhs", samples=40, seed=1,
                     vary=["track_rear=1150:1450", "cage_material=carbon,steel"])
    written = plot_sweep(run_sweep(spec).table, spec, tmp_path)
    assert sorted(p.name for p in written) == ["cage_material.png", "track_rear.png"]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"workers": 0}, r"'workers' must be"),
    ({"chunk_size": 0}, r"'chunk_size' must be"),
    ({"timeout_s": -1.0}, r"'timeout_s' must be a positive number"),
    ({"results": ("xlsx",)}, r"'results' must be one or more of 'parquet', 'csv'"),
    ({"executor": object(), "scheduler": "tcp://x:1"}, r"not both"),
])
def test_bad_run_options_write_nothing(truck_spec, tmp_path, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        run_sweep(truck_spec, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_keys_depend_on_everything_that_changes_results():
    points = {"engine_shift": np.array([0.0, -0.0, 10.0])}
    fixed = SweepSpec(concept="cab-over-truck", vary=["engine_shift=0:10:2"]).resolved_fixed()
    keys = point_keys(CabOverTruck, points, fixed, 1998, "fast", "1")
    assert keys[0] == keys[1] and keys[0] != keys[2]  # −0.0 is 0.0
    for other in (point_keys(CabOverTruck, points, fixed, 1990, "fast", "1"),
                  point_keys(CabOverTruck, points, fixed, 1998, "cad", "1"),
                  point_keys(CabOverTruck, points, fixed, 1998, "fast", "2"),
                  point_keys(CabOverTruck, points, {**fixed, "rated_payload": 349.0}, 1998,
                             "fast", "1")):
        assert not np.isin(other, keys).any()


@pytest.mark.parametrize(("spec", "expected"), [
    # Every design fits: no boundary, nothing hatched.
    (SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:5",
                                               "rated_payload=0:350:5"]), set()),
    # Wide tracks break the width limit; an engine set back past the transaxle's place at a
    # short wheelbase is no design at all.
    (SweepSpec(concept="mid-engine-concept", vary=["track_rear=1150:1450:7",
                                                   "wheelbase=1800:1950:7"]),
     {"kei box boundary", "does not fit", "blank: not a valid design (see its error)"}),
    # Sampled points are triangulated.
    (SweepSpec(concept="mid-engine-concept", method="lhs", samples=60, seed=3,
               vary=["track_rear=1250:1450", "track_front=1250:1450"]),
     {"kei box boundary", "does not fit"}),
])
def test_contour_legend_names_what_is_drawn(tmp_path, monkeypatch, spec, expected):
    from keidesign.sweep import plots

    figures = {}

    def keep(fig, path):
        figures[path.name] = fig
        return path

    monkeypatch.setattr(plots, "_save", keep)
    plots.plot_sweep(run_sweep(spec).table, spec, tmp_path, outputs=["full.ssf"])
    (ax, _colourbar) = figures["contour_full.ssf.png"].axes
    legend = ax.get_legend()
    labels = {t.get_text() for t in legend.get_texts()} if legend else set()
    assert labels == expected
    units = spec.concept_class.specs()
    x_name, y_name = spec.varied_names
    assert ax.get_xlabel() == f"{x_name} ({units[x_name].unit})"
    assert ax.get_ylabel() == f"{y_name} ({units[y_name].unit})"


# ---- concepts from files: the code's fingerprint, array safety ---------------------------------
#: A user's truck whose battery weighs BATTERY kg (the file is edited to add 100 kg).
HEAVY_BATTERY = """\
from keidesign import CabOverTruck


class Hauler(CabOverTruck):
    name = "hauler"

    @classmethod
    def place_components(cls, p):
        parts, facts = super().place_components(p)
        parts.replace("battery", lambda c: c.replace(mass_kg=BATTERY))
        return parts, facts
"""

#: place_components that works for one design and fails for arrays of them.
NOT_ARRAY_SAFE = """\
from keidesign import CabOverTruck


class LongTruck(CabOverTruck):
    name = "long-truck"
""" + NOT_ARRAY_SAFE_METHOD


def test_a_user_file_sweeps_like_the_built_in_concept(smallest_concept, tmp_path):
    spec = SweepSpec(concept=str(smallest_concept), vary=["engine_shift=-300:300:7"])
    assert spec.concept == f"{smallest_concept.resolve()}:MyTruck"  # what workers resolve
    assert spec.concept_name == "my-truck"
    result = run_sweep(spec, tmp_path / "out")
    built_in = run_sweep(SweepSpec(concept="cab-over-truck", vary=["engine_shift=-300:300:7"]))
    pd.testing.assert_frame_equal(result.table, built_in.table)
    assert result.summary()["concept"] == "my-truck"
    assert result.summary()["reference"] == spec.concept
    with sqlite3.connect(result.store_path) as con:
        assert con.execute("SELECT DISTINCT concept FROM batches").fetchall() == [("my-truck",)]


def test_an_edited_concept_file_is_recomputed_not_read_back_stale(write_concept, tmp_path):
    """The reported bug: a user added 100 kg to a part; analyse() said the new mass, the
    resumed sweep still gave the old one. Now the key holds the code's fingerprint."""
    path = write_concept(HEAVY_BATTERY.replace("BATTERY", "9.5"), "hauler.py")
    spec = SweepSpec(concept=str(path), vary=["engine_shift=-300:300:7"])
    out = tmp_path / "sweep"
    before = run_sweep(spec, out)
    light = get_concept(str(path))().analyse().load_cases["kerb"].mass_kg
    # (Moving the engine moves a bed sill out of its way: the kerb mass shifts by a fraction of a kilogram.)
    assert before.table["kerb.mass_kg"].tolist() == pytest.approx([light] * 7, abs=1.0)

    write_concept(HEAVY_BATTERY.replace("BATTERY", "109.5"), "hauler.py")  # +100 kg
    heavy = get_concept(str(path))().analyse().load_cases["kerb"].mass_kg
    assert heavy == pytest.approx(light + 100.0)
    after = run_sweep(SweepSpec(concept=str(path), vary=["engine_shift=-300:300:7"]), out)
    assert (after.computed, after.reused, after.outdated) == (7, 0, 7)
    assert (after.table["kerb.mass_kg"] - before.table["kerb.mass_kg"]).tolist() == \
        pytest.approx([100.0] * 7)
    assert after.summary()["outdated"] == 7

    again = run_sweep(SweepSpec(concept=str(path), vary=["engine_shift=-300:300:7"]), out)
    assert (again.computed, again.reused, again.outdated) == (0, 7, 0)
    pd.testing.assert_frame_equal(again.table, after.table)


def test_the_fingerprint_follows_the_code_not_the_path(write_concept, tmp_path):
    first = get_concept(str(write_concept(file_name="a.py")))
    copy = get_concept(str(write_concept(file_name="b.py")))  # same text elsewhere
    assert first is not copy and code_fingerprint(first) == code_fingerprint(copy)
    assert code_fingerprint(first) != code_fingerprint(CabOverTruck)
    assert code_fingerprint(first, cad=True) != code_fingerprint(first)
    assert model_version(first, "cad+step") == model_version(first, "cad")
    edited = get_concept(str(write_concept("# a comment\n" + SMALLEST_CONCEPT, "a.py")))
    assert code_fingerprint(edited) != code_fingerprint(first)


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """keidesign's files copied to ``tmp_path/keidesign``, fingerprinted in place of the real
    ones (the caches of digests and fingerprints emptied before and after)."""
    import shutil
    from pathlib import Path

    from keidesign.sweep import keys

    root = Path(keidesign.__file__).resolve().parent
    copy = tmp_path / "keidesign"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(keidesign, "__file__", str(copy / "__init__.py"))
    keys._package_digest.cache_clear()
    keys._FINGERPRINTS.clear()
    yield copy
    keys._package_digest.cache_clear()
    keys._FINGERPRINTS.clear()


def test_the_fingerprint_covers_the_sweeps_evaluation_module(package_copy):
    """``sweep/evaluate.py`` computes the output schema of every mode and the CAD columns
    (``cad.margin.*``, ``cad.fits_box``): editing it must not let old rows be reused."""
    from keidesign.sweep import keys

    before = {cad: code_fingerprint(CabOverTruck, cad=cad) for cad in (False, True)}
    evaluate = package_copy / "sweep" / "evaluate.py"
    evaluate.write_text(evaluate.read_text(encoding="utf-8") + "\n# edited\n",
                        encoding="utf-8")
    keys._package_digest.cache_clear()
    keys._FINGERPRINTS.clear()
    for cad in (False, True):
        assert code_fingerprint(CabOverTruck, cad=cad) != before[cad]


def test_a_concept_that_cannot_take_arrays_is_a_clear_error(write_concept, tmp_path):
    path = write_concept(NOT_ARRAY_SAFE, "long_truck.py")
    cls = get_concept(str(path))
    assert cls(wheelbase=1900).analyse().fits  # one design at a time works
    spec = SweepSpec(concept=str(path), vary=["wheelbase=1700:2000:4"])
    with pytest.raises(ConceptError, match=r"concept 'long-truck' \(.*long_truck\.py:LongTruck\) "
                                           r"cannot evaluate several designs at once: "
                                           r"ValueError: The truth value of an array .* "
                                           r"\(raised at .*long_truck\.py:10: "
                                           r"`if p\.wheelbase > 1800:`\)") as info:
        run_sweep(spec, tmp_path / "out")
    assert info.value.concept == "long-truck"
    assert info.value.location == f"{path.resolve()}:10"
    # Sweeping a parameter the condition does not read gives arrays to nothing it tests: fine.
    fine = run_sweep(SweepSpec(concept=str(path), vary=["engine_shift=-300:300:4"]))
    assert (fine.table["status"] == "ok").all()


def test_a_task_refuses_code_other_than_its_sweeps(smallest_concept):
    spec = SweepSpec(concept=str(smallest_concept), vary=["engine_shift=0:100:2"])
    task = evaluate_module.Task(concept=spec.concept, era=1998, mode="fast",
                                columns=spec.points(), fixed=spec.resolved_fixed(),
                                version="0.0.0+0123456789abcdef")
    with pytest.raises(ConceptError, match=r"concept 'my-truck' \(.*my_truck\.py:MyTruck\) is "
                                           r"not the code the sweep started with"):
        evaluate_module.evaluate_task(task)
    good = evaluate_module.Task(concept=spec.concept, era=1998, mode="fast",
                                columns=spec.points(), fixed=spec.resolved_fixed(),
                                version=model_version(spec.concept_class))
    assert evaluate_module.evaluate_task(good).errors == {}


@pytest.mark.slow
def test_process_workers_load_a_user_file(smallest_concept, tmp_path):
    spec = SweepSpec(concept=str(smallest_concept), vary=["track_front=1000:1400:9",
                                                          "tyre_width=125:225:5"])
    serial = run_sweep(spec, chunk_size=8)
    parallel = run_sweep(spec, tmp_path, workers=2, chunk_size=8)
    pd.testing.assert_frame_equal(serial.table, parallel.table)
    assert (parallel.table["status"] == "failed").sum() == 19


@pytest.mark.slow
def test_process_workers_report_a_concept_that_cannot_take_arrays(write_concept, tmp_path):
    path = write_concept(NOT_ARRAY_SAFE, "long_truck.py")
    spec = SweepSpec(concept=str(path), vary=["wheelbase=1700:2000:4"])
    with pytest.raises(ConceptError, match=r"long_truck\.py:10: `if p\.wheelbase > 1800:`"):
        run_sweep(spec, tmp_path, workers=2)


def test_a_batch_failing_inside_keidesign_is_reported_as_keidesigns_bug():
    """No line of the concept's own code in the traceback: the error points at keidesign's
    line instead and offers one design per task until it is fixed."""
    from keidesign.parts.tyres import parse_tyre

    with pytest.raises(ParameterError) as info:
        parse_tyre(np.array(["145R12", "155R12"]))  # a parser of one size, never of arrays
    err = evaluate_module._not_array_safe(CabOverTruck, info.value)
    assert err.concept == "cab-over-truck" and "keidesign/parts/tyres.py:" in err.location
    assert "the batch fails in keidesign's code, not the concept's" in str(err)
    assert "--chunk-size 1" in str(err)
