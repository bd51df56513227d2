"""The kei regulation table against the reference figures."""

from __future__ import annotations

import pytest

from keidesign import ParameterError, regulation
from keidesign.analysis import REGULATIONS


def test_every_reference_era_is_selectable(reference):
    eras = reference["regulations"]["eras"]
    assert [r.era for r in REGULATIONS] == [e["era"] for e in eras]
    for row in eras:
        reg = regulation(row["era"])
        assert reg.as_dict() == row


def test_current_box_is_the_default(reference):
    reg = regulation()
    assert (reg.max_length_mm, reg.max_width_mm, reg.max_height_mm) == (3400, 1480, 2000)
    assert reg.max_truck_payload_kg == reference["regulations"]["max_truck_payload_kg"]


@pytest.mark.parametrize("year,era", [(1980, 1976), (1954, 1951), (2026, 1998), (1990, 1990)])
def test_a_year_gives_the_rules_in_force(year, era):
    assert regulation(year).era == era


@pytest.mark.parametrize("bad", [1900, 1948, "1998", 1998.0, True])
def test_bad_era(bad):
    with pytest.raises(ParameterError, match=r"'era' must be a year from 1949 on"):
        regulation(bad)
