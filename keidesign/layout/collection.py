"""An editable, ordered set of components: what a build starts from and changes."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from typing import Union

from keidesign.errors import ParameterError
from keidesign.layout.component import Component
from keidesign.parameters.spec import did_you_mean
from keidesign.shapes.arrays import Scalar

__all__ = ["Parts"]

_Items = Union[Component, Iterable[Component]]


class Parts:
    """Components by name, in order, with the edits a derived build makes.

    A concept's ``place_components`` returns one; a build that starts from another concept
    edits it::

        parts, facts = super().place_components(p)
        parts.remove("spare_wheel")
        parts.move("engine", "transmission", dx=-700)
        parts.add(bucket_seat("bed_seat_{side}", …))

    Names may be patterns (``"cage_*"``, ``fnmatch`` rules); a pattern that matches nothing is
    an error, so a misspelt name never passes silently.
    """

    def __init__(self, components: _Items = ()) -> None:
        self._items: dict[str, Component] = {}
        self.add(components)

    # ---- reading ----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Component]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __getitem__(self, name: str) -> Component:
        try:
            return self._items[name]
        except KeyError:
            raise self._unknown(name) from None

    def __repr__(self) -> str:
        return f"Parts({len(self)} components: {', '.join(list(self._items)[:6])}…)"

    @property
    def names(self) -> tuple[str, ...]:
        """Component names, in order."""
        return tuple(self._items)

    def select(self, *patterns: str) -> list[str]:
        """Names matching any of ``patterns`` (``fnmatch`` rules), in order.

        Raises:
            ParameterError: a pattern matches nothing.
        """
        out: list[str] = []
        for pattern in patterns:
            found = fnmatch.filter(self._items, pattern)
            if not found:
                raise self._unknown(pattern)
            out += [n for n in found if n not in out]
        return [n for n in self._items if n in out]

    # ---- editing (each returns self, so edits chain) ----------------------------------------
    def add(self, *components: _Items) -> Parts:
        """Append components (or lists of them).

        Raises:
            ParameterError: a name is already taken.
        """
        for item in components:
            for comp in ([item] if isinstance(item, Component) else item):
                if comp.name in self._items:
                    raise ParameterError(f"a component called {comp.name!r:.200} is already "
                                         f"there; remove or replace it first", name=comp.name)
                self._items[comp.name] = comp
        return self

    def remove(self, *patterns: str) -> Parts:
        """Drop the components matching ``patterns``."""
        for name in self.select(*patterns):
            del self._items[name]
        return self

    def move(self, *patterns: str, dx: Scalar = 0.0, dy: Scalar = 0.0,
             dz: Scalar = 0.0) -> Parts:
        """Move the components matching ``patterns`` by (dx, dy, dz), mm, vehicle axes."""
        for name in self.select(*patterns):
            self._items[name] = self._items[name].moved(dx, dy, dz)
        return self

    def replace(self, name: str, new: Component | Callable[[Component], Component]) -> Parts:
        """Put ``new`` in place of the component ``name`` (same position in the order).

        Args:
            name: an existing component's name.
            new: the replacement, or a function of the old component that returns it.
        """
        old = self[name]
        comp = new(old) if callable(new) and not isinstance(new, Component) else new
        items = {}
        for key, value in self._items.items():
            if key == name:
                items[comp.name] = comp
            elif key == comp.name:
                raise ParameterError(f"a component called {comp.name!r:.200} is already there",
                                     name=comp.name)
            else:
                items[key] = value
        self._items = items
        return self

    def _unknown(self, name: str) -> ParameterError:
        return ParameterError(f"no component matches {name!r:.200}"
                              f"{did_you_mean(name, self._items)}", name="component",
                              value=name)
