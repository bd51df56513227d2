"""The built-in materials, read from ``materials.toml`` (data, with the source of each
density). Parts accept a :class:`~keidesign.layout.Material` or a built-in material's name."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.material import Colour, Material
from keidesign.parameters.spec import did_you_mean

__all__ = ["MATERIALS", "PAINT", "density_kg_m3", "material"]


def _load() -> dict[str, Material]:
    data = tomllib.loads(files("keidesign.parts").joinpath("materials.toml").read_text("utf-8"))
    return {name: Material(name=name, density_kg_m3=float(row["density_kg_m3"]),
                           colour=tuple(row["colour"]), source=row.get("source", ""))
            for name, row in data.items()}


#: Built-in materials by name.
MATERIALS: dict[str, Material] = _load()

#: Display colours of painted and trimmed parts, (r, g, b) 0–1.
PAINT: dict[str, Colour] = {
    "body": (0.93, 0.93, 0.92),
    "accent": (0.85, 0.10, 0.12),
    "frame": (0.20, 0.20, 0.22),
    "chassis": (0.35, 0.35, 0.38),
    "engine": (0.55, 0.57, 0.60),
    "transmission": (0.45, 0.47, 0.50),
    "exhaust": (0.60, 0.45, 0.30),
    "fuel_tank": (0.15, 0.40, 0.15),
    "battery": (0.10, 0.20, 0.60),
    "radiator": (0.30, 0.30, 0.30),
    "seat": (0.10, 0.10, 0.12),
    "bed": (0.80, 0.80, 0.80),
    "rim": (0.72, 0.73, 0.75),
}


def material(value: Material | str) -> Material:
    """A material given as itself or by a built-in name.

    Raises:
        ParameterError: no built-in material has that name.
    """
    if isinstance(value, Material):
        return value
    try:
        return MATERIALS[value]
    except (KeyError, TypeError):
        raise ParameterError(f"unknown material {value!r:.200}{did_you_mean(str(value), MATERIALS)} "
                             f"(built in: {', '.join(MATERIALS)}; or pass a Material)",
                             name="material", value=value) from None


def density_kg_m3(value: Any) -> Any:
    """The density of a material, or (N,) densities for an array of built-in names (a sweep
    that varies a part's material), kg/m³.

    Raises:
        ParameterError: a name is not a built-in material.
    """
    if isinstance(value, (str, Material)):
        return material(value).density_kg_m3
    names = np.asarray(value)
    for name in sorted(set(names.ravel().tolist()) - set(MATERIALS)):
        material(name)  # raises, naming it
    return np.select([names == k for k in MATERIALS], [m.density_kg_m3 for m in MATERIALS.values()])
