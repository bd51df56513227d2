"""Concepts by reference, as the CLI and sweeps refer to them.

A reference is resolved, in order, as:

1. the name of a built-in concept, an archetype (:data:`CONCEPTS`);
2. the name of a preset, a real vehicle as a parameter set of an archetype
   (:data:`~keidesign.concepts.presets.PRESETS`);
3. the name a package registers in the entry point group ``keidesign.concepts``
   (:func:`registered_concepts`);
4. a Python file, ``FILE.py`` or ``FILE.py:ClassName`` (:mod:`keidesign.concepts.loader`).

Each kind is one resolver in :data:`RESOLVERS`: another kind of reference is one more function
there. The first resolver that recognises the reference decides; the class it returns has a
:meth:`~keidesign.concepts.base.Concept.locator` that resolves to it again in another process.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from keidesign.concepts.base import Concept
from keidesign.concepts.cab_over_truck import CabOverTruck
from keidesign.concepts.front_engine_roadster import FrontEngineRoadster
from keidesign.concepts.loader import (
    find_entry_points,
    is_file_reference,
    load_entry_point,
    load_file,
    quote,
)
from keidesign.concepts.mid_engine_concept import MidEngineConcept
from keidesign.concepts.mid_engine_roadster import MidEngineRoadster
from keidesign.concepts.offroad_4x4 import Offroad4x4
from keidesign.concepts.presets import PRESETS
from keidesign.concepts.rear_engine_360 import RearEngine360
from keidesign.errors import ParameterError
from keidesign.parameters.spec import did_you_mean

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = ["CONCEPTS", "RESOLVERS", "concept_names", "get_concept", "registered_concepts"]

logger = logging.getLogger("keidesign")

#: Every built-in concept, by its CLI name.
CONCEPTS: dict[str, type[Concept]] = {c.name: c for c in (
    CabOverTruck, MidEngineConcept, Offroad4x4, RearEngine360, MidEngineRoadster,
    FrontEngineRoadster)}


@functools.cache
def registered_concepts() -> dict[str, EntryPoint]:
    """The concepts installed packages register (entry point group ``keidesign.concepts``), by
    name, not yet imported. A name a built-in concept has is left out (the built-in wins), with
    a warning. Looked up once per process."""
    out: dict[str, EntryPoint] = {}
    for name, ep in find_entry_points().items():
        if name in CONCEPTS or name in PRESETS:
            logger.warning("concept %r registered as %s is shadowed by the built-in concept of "
                           "that name", name, ep.value)
        elif is_file_reference(name):
            logger.warning("concept %r registered as %s is ignored: its name reads as a file",
                           name, ep.value)
        else:
            out[name] = ep
    return out


def concept_names() -> list[str]:
    """Every concept name: the built-in ones, the presets, then the registered ones."""
    return [*CONCEPTS, *PRESETS, *registered_concepts()]


def _built_in(reference: str) -> type[Concept] | None:
    return CONCEPTS.get(reference)


def _preset(reference: str) -> type[Concept] | None:
    preset = PRESETS.get(reference)
    return None if preset is None else preset.concept()


def _registered(reference: str) -> type[Concept] | None:
    ep = registered_concepts().get(reference)
    return None if ep is None else load_entry_point(ep)


def _from_file(reference: str) -> type[Concept] | None:
    return load_file(reference) if is_file_reference(reference) else None


#: How references are resolved, in order: each returns the class, or ``None`` when the
#: reference is not of its kind (and raises :class:`ParameterError` when it is, but is wrong).
RESOLVERS: list[Callable[[str], type[Concept] | None]] = [_built_in, _preset, _registered,
                                                          _from_file]


def get_concept(reference: str) -> type[Concept]:
    """The concept class a reference names.

    Args:
        reference: a concept's name (``"cab-over-truck"``, or one a package registers), or a
            Python file, ``"FILE.py"`` or ``"FILE.py:ClassName"``.

    Returns:
        The class.

    Raises:
        ParameterError: (about ``concept``) no concept has that name, with a did-you-mean; or
            the file or registered package cannot give a concept (see
            :func:`~keidesign.concepts.loader.load_file`).
    """
    if not isinstance(reference, str):
        raise ParameterError(f"'concept' must be a concept name or a Python file, as text "
                             f"(got {quote(reference)})", name="concept", value=reference)
    for resolve in RESOLVERS:
        cls = resolve(reference)
        if cls is not None:
            return cls
    raise _unknown(reference)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte: not a file
        return False


def _unknown(reference: str) -> ParameterError:
    names = concept_names()
    hint = did_you_mean(reference, names)
    if not hint and reference and _is_file(f"{reference}.py"):
        hint = f" (did you mean {quote(f'{reference}.py')}?)"
    file_note = ""
    if not hint and (_is_file(reference) or "/" in reference or "\\" in reference):
        file_note = " (a concept file's name ends in .py)"
    concepts = [n for n in names if n not in PRESETS]
    return ParameterError(
        f"unknown concept {quote(reference)}{hint}{file_note}: 'concept' must be a concept "
        f"name ({', '.join(concepts)}; or one of {len(PRESETS)} presets of real vehicles; "
        f"see `keidesign list`) or a Python file, FILE.py or FILE.py:ClassName",
        name="concept", value=reference)
