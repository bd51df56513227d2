"""Property: a sweep's rows are what each design gives on its own, failures included."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keidesign.concepts import CONCEPTS
from keidesign.errors import ParameterError
from keidesign.sweep import SweepSpec, run_sweep
from tests.strategies import sweep_ranges

COLUMNS = ("full.mass_kg", "full.com_height_mm", "full.front_axle_share", "kerb.ssf",
           "envelope.width_mm", "margin.length_mm")


def _plain(value):
    """A NumPy scalar as the Python value a design is built from."""
    return value.item() if hasattr(value, "item") else value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(sorted(CONCEPTS)))
def test_rows_match_single_designs(data, name):
    cls = CONCEPTS[name]
    spec = SweepSpec(concept=name, vary=data.draw(sweep_ranges(cls)))
    table = run_sweep(spec, chunk_size=data.draw(st.sampled_from([1, 3, 64]))).table
    assert len(table) == spec.n_rows
    varied = list(spec.varied_names)
    for _, row in table.iterrows():
        params = {n: _plain(row[n]) for n in varied}
        try:
            result = cls(**params).analyse().as_dict()
        except ParameterError as err:
            assert row["status"] == "failed" and row["error"] == f"ParameterError: {err}"
            continue
        assert row["status"] == "ok" and row["error"] == ""
        assert bool(row["fits"]) == result["fits"]
        full, kerb = result["load_cases"]["full"], result["load_cases"]["kerb"]
        expected = (full["mass_kg"], full["com_mm"][2], full["front_axle_share"], kerb["ssf"],
                    result["envelope_mm"]["width"], result["margins_mm"]["length"])
        np.testing.assert_allclose([row[c] for c in COLUMNS], expected, rtol=1e-12, atol=1e-9)
        assert np.isfinite([row[c] for c in COLUMNS]).all()
