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


#: The smallest concept a user can write: a built-in one under another name.
SMALLEST_CONCEPT = '''\
from keidesign import CabOverTruck


class MyTruck(CabOverTruck):
    name = "my-truck"
'''


#: A ``place_components`` that works for one design and fails for arrays of them (an ``if`` on
#: a parameter); append it to a concept class's text.
NOT_ARRAY_SAFE_METHOD = """
    @classmethod
    def place_components(cls, p):
        parts, facts = super().place_components(p)
        if p.wheelbase > 1800:
            parts.move("battery", dx=-100.0)
        return parts, facts
"""


@pytest.fixture
def write_concept(tmp_path: Path):
    """Write a concept file into ``tmp_path``: ``write_concept(text, "name.py") -> Path``."""

    def write(text: str = SMALLEST_CONCEPT, file_name: str = "my_truck.py") -> Path:
        path = tmp_path / file_name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def smallest_concept(write_concept) -> Path:
    """The smallest user file (:data:`SMALLEST_CONCEPT`), as ``tmp_path/my_truck.py``."""
    return write_concept()


#: A package's module that registers a concept through the entry point group.
PLUGIN_MODULE = '''\
from keidesign import CabOverTruck


class Van(CabOverTruck):
    name = "van"
    title = "A kei van from a package"
    defaults = {"rated_payload": 250}
'''


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    """A folder holding an "installed" package without pip: ``keivans/`` (a module) and
    ``keivans-1.0.dist-info/`` whose entry points register ``van`` (a concept) and ``broken``
    (one that raises on import) in ``keidesign.concepts``. Put it on ``PYTHONPATH`` (or
    ``sys.path``) and ``importlib.metadata`` finds them."""
    root = tmp_path / "site"
    (root / "keivans").mkdir(parents=True)
    (root / "keivans" / "__init__.py").write_text("", encoding="utf-8")
    (root / "keivans" / "concepts.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    (root / "keivans" / "broken.py").write_text("raise RuntimeError('plugin is broken')\n",
                                                encoding="utf-8")
    info = root / "keivans-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: keivans\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[keidesign.concepts]\nvan = keivans.concepts:Van\nbroken = keivans.broken:Van\n",
        encoding="utf-8")
    return root
