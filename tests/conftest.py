"""Shared fixtures: reference figures and one design of every concept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keidesign.concepts import CONCEPTS

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def reference() -> dict:
    """Published kei figures (tests/data/kei_reference.json, sources inside)."""
    return json.loads((DATA / "kei_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(params=sorted(CONCEPTS), ids=sorted(CONCEPTS))
def concept_cls(request: pytest.FixtureRequest) -> type:
    """Every concept class, one test each."""
    return CONCEPTS[request.param]
