"""The Dask backend, on a local cluster the test starts: the same table as running locally."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from keidesign.cli import main
from keidesign.sweep import SweepSpec, run_sweep
from tests.conftest import NOT_ARRAY_SAFE_METHOD, SMALLEST_CONCEPT

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")



@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """An in-process scheduler with one worker of two threads (processes would cost seconds
    of start-up each on this machine and test nothing more about our side)."""
    scratch = str(tmp_path_factory.mktemp("dask"))
    with dask.config.set({"temporary-directory": scratch}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                     dashboard_address=":0", local_directory=scratch) as local:
        yield local


@pytest.mark.slow
def test_dask_gives_the_local_table(cluster, tmp_path):
    spec = SweepSpec(concept="cab-over-truck", vary=["track_front=1000:1400:9",
                                                     "engine_position=under_seat,rear"])
    local = run_sweep(spec, tmp_path / "local", chunk_size=4)
    dask = run_sweep(spec, tmp_path / "dask", scheduler=cluster.scheduler_address,
                     chunk_size=4)
    pd.testing.assert_frame_equal(local.table, dask.table)
    assert (tmp_path / "local" / "results.parquet").read_bytes() == \
        (tmp_path / "dask" / "results.parquet").read_bytes()
    assert (dask.table["status"] == "failed").sum() == 6  # failures travel back as rows
    # Resume is the store's business, whichever backend filled it.
    again = run_sweep(spec, tmp_path / "dask", chunk_size=4)
    assert (again.computed, again.reused) == (0, 18)


@pytest.mark.slow
def test_cli_scheduler_option(cluster, tmp_path, capsys):
    code = main(["sweep", "cab-over-truck", "--vary", "engine_shift=-300:300:5",
                 "--scheduler", cluster.scheduler_address, "--out", str(tmp_path), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["points"] == 5 and summary["ok"] == 5


@pytest.mark.slow
def test_dask_sweeps_a_user_file(cluster, smallest_concept, tmp_path, capsys):
    """The tasks carry the file's absolute path and class, which the workers load."""
    spec = SweepSpec(concept=str(smallest_concept), vary=["track_front=1000:1400:9"])
    local = run_sweep(spec, chunk_size=4)
    dask = run_sweep(spec, tmp_path / "dask", scheduler=cluster.scheduler_address,
                     chunk_size=4)
    pd.testing.assert_frame_equal(local.table, dask.table)
    code = main(["sweep", str(smallest_concept), "--vary", "engine_shift=-300:300:5",
                 "--scheduler", cluster.scheduler_address, "--out", str(tmp_path / "cli"),
                 "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["concept"] == "my-truck" and summary["ok"] == 5


@pytest.mark.slow
def test_dask_reports_a_concept_that_cannot_take_arrays(cluster, write_concept, tmp_path,
                                                        capsys):
    path = write_concept(SMALLEST_CONCEPT + NOT_ARRAY_SAFE_METHOD)
    code = main(["sweep", str(path), "--vary", "wheelbase=1700:2000:4", "--scheduler",
                 cluster.scheduler_address, "--out", str(tmp_path / "out")])
    assert code == 4
    assert "cannot evaluate several designs at once" in capsys.readouterr().err
