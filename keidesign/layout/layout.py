"""A vehicle layout as arrays: the numbers that analysis and sweeps run on.

A :class:`Layout` holds ``N`` designs of one concept at once (``N == 1`` for a single design),
each a set of ``C`` components in the same order. Every array is in millimetres and kilograms,
vehicle axes (ISO 8855: x forward, y left, z up; origin on the ground plane below the centre of
the front axle).

The arrays are shown design-major, ``(N, C, …)``, but stored coordinate- and component-major
(``(…, C, N)``: each coordinate of each component contiguous over the designs), the order in
which a batch is filled and summed: :meth:`Layout.stored` gives those arrays to the analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import LOAD_GROUPS, Component
from keidesign.parameters.spec import did_you_mean
from keidesign.shapes import ShapeProperties

__all__ = ["Layout", "StoredArrays", "VehicleFacts"]


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


@dataclass(frozen=True, slots=True)
class StoredArrays:
    """A layout's arrays as stored (see :meth:`Layout.stored`).

    Attributes:
        mass_kg: (C, N) kg.
        centroid_mm: (3, C, N) mm.
        unit_inertia_mm2: (6, C, N) kg·mm²/kg.
        bbox_min_mm: (3, C, N) mm.
        bbox_max_mm: (3, C, N) mm.
    """

    mass_kg: np.ndarray
    centroid_mm: np.ndarray
    unit_inertia_mm2: np.ndarray
    bbox_min_mm: np.ndarray
    bbox_max_mm: np.ndarray


def _stored(a: np.ndarray) -> np.ndarray:
    """The view back in stored order; contiguous unless someone built a layout by hand."""
    return a if a.flags.c_contiguous else np.ascontiguousarray(a)


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
        volume_mm3: (N, C) float, each component's material volume, mm³.
        centroid_mm: (N, C, 3) float, volume centroid of each component, mm.
        unit_inertia_mm2: (N, C, 6) float, inertia per kg about each centroid
            (Ixx, Iyy, Izz, Ixy, Ixz, Iyz: tensor entries), kg·mm²/kg.
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
    volume_mm3: np.ndarray
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
        """Evaluate each component's closed-form properties, place them and stack them.

        Args:
            concept: the concept's name.
            components: the placed components, floats (one design) or (N,) arrays.
            facts: the design's non-component figures.
            n_designs: N; 1 for scalar fields.

        Raises:
            ParameterError: two components share a name, or a component has a negative mass
                or no size (the parameters put it out of existence), naming the component (and
                the design, in a batch).
        """
        names = tuple(c.name for c in components)
        if len(set(names)) != len(names):
            seen: set[str] = set()
            dup = next(n for n in names if n in seen or seen.add(n))  # type: ignore[func-returns-value]
            raise ParameterError(f"component name {dup!r:.200} is used twice", name=dup)
        n, c = n_designs, len(components)
        # Component-major buffers: filling component i writes contiguous rows.
        mass = np.empty((c, n))
        volume = np.empty((c, n))
        centroid = np.empty((3, c, n))
        inertia = np.empty((6, c, n))
        lo = np.empty((3, c, n))
        hi = np.empty((3, c, n))
        # Parts that share one shape object (four wheels of one size) are evaluated once: in
        # a batch their figures are arrays, which no cache holds.
        local: dict[int, ShapeProperties] = {}
        with np.errstate(divide="ignore", invalid="ignore"):
            for i, comp in enumerate(components):
                own = local.get(id(comp.shape))
                if own is None:
                    own = local[id(comp.shape)] = comp.shape.properties()
                props = comp.placement.apply(own)
                volume[i] = props.volume_mm3
                mass[i] = comp.mass(props.volume_mm3)
                for buf, value in ((centroid, props.centroid_mm), (lo, props.bbox_min_mm),
                                   (hi, props.bbox_max_mm),
                                   (inertia, props.unit_inertia_mm2)):
                    buf[:, i] = value.T if value.ndim > 1 else value[:, None]
        # One sum finds any NaN or infinity in a design (short-axis reductions are slow).
        finite = np.isfinite(centroid.sum(0) + inertia.sum(0) + lo.sum(0) + hi.sum(0))
        bad = ~((mass >= 0) & (volume > 0) & finite)
        if bad.any():
            i, design = np.argwhere(bad)[0]
            where = f" in design {design}" if n > 1 else ""
            raise ParameterError(
                f"component {names[i]!r} has a negative mass or no size with these "
                f"parameters{where}", name=names[i])
        return cls(
            concept=concept,
            components=tuple(components),
            names=names,
            categories=tuple(comp.category for comp in components),
            load_group=np.array([LOAD_GROUPS.index(comp.load) for comp in components],
                                dtype=np.int8),
            in_envelope=np.array([comp.in_envelope for comp in components], dtype=bool),
            mass_kg=mass.T,
            volume_mm3=volume.T,
            centroid_mm=centroid.transpose(2, 1, 0),
            unit_inertia_mm2=inertia.transpose(2, 1, 0),
            bbox_min_mm=lo.transpose(2, 1, 0),
            bbox_max_mm=hi.transpose(2, 1, 0),
            facts=facts,
        )

    def stored(self) -> StoredArrays:
        """The arrays in the order they are stored (no copy): component- and coordinate-major,
        each contiguous over the designs."""
        return StoredArrays(mass_kg=_stored(self.mass_kg.T),
                            centroid_mm=_stored(self.centroid_mm.transpose(2, 1, 0)),
                            unit_inertia_mm2=_stored(self.unit_inertia_mm2.transpose(2, 1, 0)),
                            bbox_min_mm=_stored(self.bbox_min_mm.transpose(2, 1, 0)),
                            bbox_max_mm=_stored(self.bbox_max_mm.transpose(2, 1, 0)))

    def index(self, name: str) -> int:
        """Position of the component called ``name``.

        Raises:
            ParameterError: no such component (the message suggests the closest name).
        """
        try:
            return self.names.index(name)
        except ValueError:
            raise ParameterError(f"no component {name!r:.200} in the layout"
                                 f"{did_you_mean(str(name), self.names)}", name="name",
                                 value=name) from None
