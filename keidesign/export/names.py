"""Names for geometry that several parts share in the STEP and GLB files.

A part keeps its own name; the one solid (STEP) or mesh (glTF) that identical parts share is
named after what their names have in common: the four ``tyre_…`` parts share ``tyre``,
``cross_member_1`` … ``cross_member_4`` share ``cross_member``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from keidesign.errors import ParameterError
from keidesign.parameters.spec import quote

__all__ = ["file_stem", "shared_name", "unique_names"]

_NOT_IN_A_FILE_NAME = set('/\\:*?"<>|')


def file_stem(default: str, name: object = None) -> str:
    """The stem of a design's files: ``name``, or ``default`` (the concept's name) if ``None``.

    Raises:
        ParameterError: the stem is not a plain file name (empty, hidden, or holding a path
            separator or a character Windows refuses).
    """
    stem = default if name is None else name
    if not isinstance(stem, str) or not stem or stem.startswith(".") \
            or any(c in _NOT_IN_A_FILE_NAME for c in stem):
        raise ParameterError(f"'name' must be a plain file name (got {quote(name)})",
                             name="name", value=name)
    return stem


def shared_name(names: Sequence[str], separator: str = "_") -> str:
    """The name of geometry shared by parts called ``names``.

    Args:
        names: the parts' names, at least one, first-used first.
        separator: what separates the words of a name.

    Returns:
        The words of the first name that every name holds, in order (``tyre_front_left``,
        ``tyre_rear_right`` → ``tyre``); the names joined by ``+`` when they have no word in
        common (``driver+passenger``); the name itself when there is only one.
    """
    first = names[0]
    words = [set(name.split(separator)) for name in names[1:]]
    common = [w for w in first.split(separator) if all(w in other for other in words)]
    return separator.join(common) or "+".join(dict.fromkeys(names))


def unique_names(names: Iterable[str]) -> list[str]:
    """``names`` with repeats made distinct by a suffix (``tyre``, ``tyre.1``, …), in order."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 0
        while candidate in seen:
            n += 1
            candidate = f"{name}.{n}"
        seen.add(candidate)
        out.append(candidate)
    return out
