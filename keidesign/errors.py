"""The keidesign error family.

Every error the library raises on purpose derives from :class:`KeiDesignError`, so a caller can
catch the whole family in one place while still getting the standard-library base it expects
(``ValueError`` for bad input, ``RuntimeError`` for kernel failures).
"""

from __future__ import annotations

__all__ = ["KeiDesignError", "ParameterError", "GeometryError", "ExportError", "ConceptError"]


class KeiDesignError(Exception):
    """Base class of every error raised by keidesign."""


class ParameterError(KeiDesignError, ValueError):
    """A parameter is unknown, of the wrong type or outside its allowed range.

    Attributes:
        name: the parameter's name (or ``None`` when the error concerns several).
        value: the offending value.
    """

    def __init__(self, message: str, *, name: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.name = name
        self.value = value


class GeometryError(KeiDesignError, RuntimeError):
    """The CAD kernel could not build a component's solid.

    Attributes:
        part: the name of the component whose solid failed.
    """

    def __init__(self, message: str, *, part: str | None = None) -> None:
        super().__init__(message if part is None else f"{part}: {message}")
        self.part = part


class ExportError(KeiDesignError, OSError):
    """A writer failed; no partial file was left behind."""


class ConceptError(KeiDesignError, RuntimeError):
    """A concept's code cannot do what is asked of it, whatever the parameters: its
    ``place_components`` fails on arrays of designs though each design evaluates on its own, or
    the code changed while a sweep of it ran.

    Attributes:
        concept: the concept's name.
        location: ``"file:line"`` in the concept's own code where it failed, or ``None``.
    """

    def __init__(self, message: str, *, concept: str | None = None,
                 location: str | None = None) -> None:
        super().__init__(message)
        self.concept = concept
        self.location = location

    def __reduce__(self) -> tuple[object, ...]:
        # Crosses process boundaries (sweep workers); keep the attributes on the way.
        return _rebuild_concept_error, (str(self), self.concept, self.location)


def _rebuild_concept_error(message: str, concept: str | None,
                           location: str | None) -> ConceptError:
    return ConceptError(message, concept=concept, location=location)
