"""A vehicle layout as arrays: the numbers that analysis and sweeps run on.

A :class:`Layout` holds ``N`` designs of one concept at once (``N == 1`` for a single design),
each a set of ``C`` components in the same order. Every array is in millimetres and kilograms,
vehicle axes (ISO 8855: x forward, y left, z up; origin on the ground plane below the centre of
the front axle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import LOAD_GROUPS, Component
from keidesign.layout.shapes import shape_row

__all__ = ["Layout", "VehicleFacts"]


@dataclass(frozen=True, slots=True)
class VehicleFacts:
    """Figures of a design that are not components: what regulation and axle loads need.

    Each field is a float or an ``(N,)`` array.

    Attributes:
        wheelbase_mm: front-axle to rear-axle distance, mm (the rear axle is at x = −wheelbase).
        track_front_mm: front wheel centre-to-centre distance, mm.
        track_rear_mm: rear wheel centre-to-centre distance, mm.
        displacement_cc: engine displacement, cm³.
        seats: number of occupants the vehicle is rated for.
        rated_payload_kg: the payload the ``full`` load case carries, kg.
        is_truck: kei trucks are held to 2 seats and 350 kg payload.
    """

    wheelbase_mm: Any
    track_front_mm: Any
    track_rear_mm: Any
    displacement_cc: Any
    seats: int
    rated_payload_kg: Any
    is_truck: bool


def _column(values: Sequence[Any], n: int) -> np.ndarray:
    """Stack per-component values (floats or (N,) arrays) into an (N, C) array."""
    if n == 1:
        return np.asarray(values, dtype=float).reshape(1, -1)
    return np.stack([np.broadcast_to(np.asarray(v, dtype=float), (n,)) for v in values], axis=1)


def _row_or_nan(component: Component) -> tuple[float, ...]:
    try:
        return shape_row(component.shape)
    except ZeroDivisionError:
        return (np.nan,) * 12


@dataclass(frozen=True, slots=True)
class Layout:
    """``N`` designs of one concept, as arrays.

    Attributes:
        concept: the concept's name.
        components: the placed components (their fields are arrays in a batch).
        names: component names, length C.
        categories: component categories, length C.
        load_group: (C,) int, index into :data:`~keidesign.layout.component.LOAD_GROUPS`.
        in_envelope: (C,) bool, whether each component counts toward the regulated envelope.
        mass_kg: (N, C) float, kg.
        centroid_mm: (N, C, 3) float, volume centroid of each component, mm.
        unit_inertia_mm2: (N, C, 6) float, inertia per kg about each centroid
            (Ixx, Iyy, Izz, Ixy, Ixz, Iyz), kg·mm²/kg.
        bbox_min_mm: (N, C, 3) float, exact bounding-box minimum corner, mm.
        bbox_max_mm: (N, C, 3) float, exact bounding-box maximum corner, mm.
        facts: wheelbase, tracks, displacement, seats and payload rating.
    """

    concept: str
    components: tuple[Component, ...]
    names: tuple[str, ...]
    categories: tuple[str, ...]
    load_group: np.ndarray
    in_envelope: np.ndarray
    mass_kg: np.ndarray
    centroid_mm: np.ndarray
    unit_inertia_mm2: np.ndarray
    bbox_min_mm: np.ndarray
    bbox_max_mm: np.ndarray
    facts: VehicleFacts

    @property
    def n_designs(self) -> int:
        """How many designs the layout holds (N)."""
        return self.mass_kg.shape[0]

    @classmethod
    def from_components(cls, concept: str, components: Sequence[Component],
                        facts: VehicleFacts, n_designs: int = 1) -> Layout:
        """Evaluate each component's closed-form properties and stack them.

        Args:
            concept: the concept's name.
            components: the placed components, floats (one design) or (N,) arrays.
            facts: the design's non-component figures.
            n_designs: N; 1 for scalar fields.

        Raises:
            ParameterError: two components share a name, or a component has a negative mass
                or no size (the parameters put it out of existence).
        """
        names = tuple(c.name for c in components)
        if len(set(names)) != len(names):
            seen: set[str] = set()
            dup = next(n for n in names if n in seen or seen.add(n))  # type: ignore[func-returns-value]
            raise ParameterError(f"component name {dup!r} is used twice", name=dup)
        n = n_designs
        masses = _column([c.mass() for c in components], n)
        if n == 1:
            # One design: plain floats, stacked once (the per-design fast path).
            try:
                rows = np.array([shape_row(c.shape) for c in components], dtype=float)[None]
            except ZeroDivisionError:  # a zero-length cylinder: find it below
                rows = np.array([_row_or_nan(c) for c in components], dtype=float)[None]
        else:
            rows = np.empty((n, len(components), 12))
            with np.errstate(divide="ignore", invalid="ignore"):
                for i, comp in enumerate(components):
                    for k, value in enumerate(shape_row(comp.shape)):
                        rows[:, i, k] = value
        centroids, half, inertia = rows[..., 0:3], rows[..., 3:6], rows[..., 6:12]
        # One product finds any NaN or infinity in a row (short-axis reductions are slow).
        finite = np.isfinite(rows @ np.ones(rows.shape[-1]))
        bad = ~((masses >= 0) & (half[..., 0] > 0) & (half[..., 1] > 0) & (half[..., 2] > 0)
                & finite)
        if bad.any():
            _, i = np.argwhere(bad)[0]
            raise ParameterError(
                f"component {names[i]!r} has a negative mass or no size with these parameters",
                name=names[i])
        return cls(
            concept=concept,
            components=tuple(components),
            names=names,
            categories=tuple(c.category for c in components),
            load_group=np.array([LOAD_GROUPS.index(c.load) for c in components], dtype=np.int8),
            in_envelope=np.array([c.in_envelope for c in components], dtype=bool),
            mass_kg=masses,
            centroid_mm=centroids,
            unit_inertia_mm2=inertia,
            bbox_min_mm=centroids - half,
            bbox_max_mm=centroids + half,
            facts=facts,
        )

    def index(self, name: str) -> int:
        """Position of the component called ``name``.

        Raises:
            KeyError: no such component.
        """
        return self.names.index(name)
