"""The keidesign error family.

Every error the library raises on purpose derives from :class:`KeiDesignError`, so a caller can
catch the whole family in one place while still getting the standard-library base it expects
(``ValueError`` for bad input, ``RuntimeError`` for kernel failures).
"""

from __future__ import annotations

__all__ = ["KeiDesignError", "ParameterError", "GeometryError", "ExportError"]


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
