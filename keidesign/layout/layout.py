"""A vehicle layout as arrays: the numbers that analysis and sweeps run on.

A :class:`Layout` holds ``N`` designs of one concept at once (``N == 1`` for a single design),
each a set of ``C`` components in the same order. Every array is in millimetres and kilograms,
vehicle axes (ISO 8855: x forward, y left, z up; origin on the ground plane below the centre of
the front axle).

The arrays are shown design-major, ``(N, C, …)``. They are stored as two
:class:`ComponentGroup` blocks, coordinate- and component-major (``(…, c, k)``): the components
whose figures are the same in every design (``k = 1``, most of a vehicle in a sweep that
varies two parameters) and those that vary (``k = N``). The analysis sums each block once
(:meth:`Layout.groups`), so what does not vary is computed once, not N times; the ``(N, C, …)``
arrays are assembled on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import LOAD_GROUPS, Component
from keidesign.parameters.spec import did_you_mean
from keidesign.shapes import ShapeProperties

__all__ = ["ComponentGroup", "Layout", "VehicleFacts"]


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
        max_steer_deg: the outer front wheel's angle at full steering lock, degrees (``None``:
            not declared, and no turning circle).
        bump_travel_mm: how far a wheel rises from its static height to full bump, mm
            (``None``: not declared; the tyres' envelope is then checked at static height).
        ride_frequency_hz: (front, rear) natural frequency of the sprung mass on each axle at
            kerb, Hz, which sets the wheel rates and so how far the body sinks under load
            (``None``: the defaults of :mod:`keidesign.analysis.ground`).
    """

    wheelbase_mm: Any
    track_front_mm: Any
    track_rear_mm: Any
    displacement_cc: Any
    seats: int
    rated_payload_kg: Any
    is_truck: bool
    max_steer_deg: Any = None
    bump_travel_mm: Any = None
    ride_frequency_hz: Any = None


@dataclass(frozen=True, slots=True)
class ComponentGroup:
    """Some components of a layout, stored coordinate- and component-major.

    Attributes:
        index: (c,) int, the components' positions in the layout.
        mass_kg: (c, k) kg; ``k`` is 1 for components that are the same in every design, N
            for those that vary.
        volume_mm3: (c, k) mm³.
        centroid_mm: (3, c, k) mm.
        unit_inertia_mm2: (6, c, k) kg·mm²/kg.
        bbox_min_mm: (3, c, k) mm.
        bbox_max_mm: (3, c, k) mm.
    """

    index: np.ndarray
    mass_kg: np.ndarray
    volume_mm3: np.ndarray
    centroid_mm: np.ndarray
    unit_inertia_mm2: np.ndarray
    bbox_min_mm: np.ndarray
    bbox_max_mm: np.ndarray


_FIGURES = ("mass_kg", "volume_mm3", "centroid_mm", "unit_inertia_mm2", "bbox_min_mm",
            "bbox_max_mm")


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
        facts: wheelbase, tracks, displacement, seats and payload rating.
        n_designs: N.
        stored: the figures as stored (see :meth:`groups`).

    The figures, each assembled on first use (read-only):

    - ``mass_kg``: (N, C) float, kg;
    - ``volume_mm3``: (N, C) float, each component's material volume, mm³;
    - ``centroid_mm``: (N, C, 3) float, volume centroid of each component, mm;
    - ``unit_inertia_mm2``: (N, C, 6) float, inertia per kg about each centroid
      (Ixx, Iyy, Izz, Ixy, Ixz, Iyz: tensor entries), kg·mm²/kg;
    - ``bbox_min_mm``: (N, C, 3) float, exact bounding-box minimum corner, mm;
    - ``bbox_max_mm``: (N, C, 3) float, exact bounding-box maximum corner, mm.
    """

    concept: str
    components: tuple[Component, ...]
    names: tuple[str, ...]
    categories: tuple[str, ...]
    load_group: np.ndarray
    in_envelope: np.ndarray
    facts: VehicleFacts
    n_designs: int
    stored: tuple[ComponentGroup, ...]
    _full: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def groups(self) -> tuple[ComponentGroup, ...]:
        """The figures as stored: the components that are the same in every design (their
        arrays end in a length-1 axis) and those that vary (length N); either may be absent.
        Sums over components add the groups' sums, which broadcast."""
        return self.stored

    def _assemble(self, figure: str) -> np.ndarray:
        full = self._full.get(figure)
        if full is None:
            first = getattr(self.stored[0], figure)
            shape = first.shape[:-2] + (len(self.names), self.n_designs)
            buf = np.empty(shape)
            for group in self.stored:
                buf[..., group.index, :] = getattr(group, figure)
            full = buf.T if buf.ndim == 2 else buf.transpose(2, 1, 0)
            full.setflags(write=False)
            self._full[figure] = full
        return full

    @property
    def mass_kg(self) -> np.ndarray:
        """(N, C) float, kg."""
        return self._assemble("mass_kg")

    @property
    def volume_mm3(self) -> np.ndarray:
        """(N, C) float, mm³."""
        return self._assemble("volume_mm3")

    @property
    def centroid_mm(self) -> np.ndarray:
        """(N, C, 3) float, mm."""
        return self._assemble("centroid_mm")

    @property
    def unit_inertia_mm2(self) -> np.ndarray:
        """(N, C, 6) float, kg·mm²/kg."""
        return self._assemble("unit_inertia_mm2")

    @property
    def bbox_min_mm(self) -> np.ndarray:
        """(N, C, 3) float, mm."""
        return self._assemble("bbox_min_mm")

    @property
    def bbox_max_mm(self) -> np.ndarray:
        """(N, C, 3) float, mm."""
        return self._assemble("bbox_max_mm")

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
        n = n_designs
        # Parts that share one shape object (four wheels of one size) are evaluated once: in
        # a batch their figures are arrays, which no cache holds.
        local: dict[int, ShapeProperties] = {}
        rows: list[tuple[Any, ...]] = []
        with np.errstate(divide="ignore", invalid="ignore"):
            for comp in components:
                own = local.get(id(comp.shape))
                if own is None:
                    own = local[id(comp.shape)] = comp.shape.properties()
                props = comp.placement.apply(own)
                rows.append((comp.mass(props.volume_mm3), props.volume_mm3, props.centroid_mm,
                             props.unit_inertia_mm2, props.bbox_min_mm, props.bbox_max_mm))
        varies = np.array([n > 1 and any(np.ndim(v) > base for v, base in
                                         zip(row, (0, 0, 1, 1, 1, 1))) for row in rows])
        groups = []
        for mask, k in ((~varies, 1), (varies, n)):
            index = np.flatnonzero(mask)
            if len(index):
                groups.append(_group(index, [rows[i] for i in index], k))
        for group in groups:
            _check_group(group, names, n)
        return cls(
            concept=concept,
            components=tuple(components),
            names=names,
            categories=tuple(comp.category for comp in components),
            load_group=np.array([LOAD_GROUPS.index(comp.load) for comp in components],
                                dtype=np.int8),
            in_envelope=np.array([comp.in_envelope for comp in components], dtype=bool),
            facts=facts,
            n_designs=n,
            stored=tuple(groups),
        )

    def box_of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Component ``i``'s box as stored, without assembling every component's: (k, 3)
        lowest and highest corners, mm (k 1 when it is the same in every design, else N)."""
        for group in self.stored:
            at = np.flatnonzero(group.index == i)
            if len(at):
                return group.bbox_min_mm[:, at[0]].T, group.bbox_max_mm[:, at[0]].T
        raise IndexError(f"no component {i} in a layout of {len(self.names)}")

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


def _group(index: np.ndarray, rows: list[tuple[Any, ...]], k: int) -> ComponentGroup:
    """Stack some components' figures (scalars or (k,) arrays; vectors (…, 3) or (…, 6)) into
    (…, c, k) arrays, coordinate- and component-major."""
    c = len(index)
    out = [np.empty((c, k)), np.empty((c, k)), np.empty((3, c, k)), np.empty((6, c, k)),
           np.empty((3, c, k)), np.empty((3, c, k))]
    for i, row in enumerate(rows):
        out[0][i] = row[0]
        out[1][i] = row[1]
        for buf, value in zip(out[2:], row[2:]):
            buf[:, i] = value.T if value.ndim > 1 else value[:, None]
    return ComponentGroup(index, *out)


def _check_group(group: ComponentGroup, names: tuple[str, ...], n: int) -> None:
    """Refuse a component with a negative mass, no volume or a non-finite figure.

    Raises:
        ParameterError: naming the component (and the design, in a batch).
    """
    # One sum finds any NaN or infinity in a design (short-axis reductions are slow).
    finite = np.isfinite(group.centroid_mm.sum(0) + group.unit_inertia_mm2.sum(0)
                         + group.bbox_min_mm.sum(0) + group.bbox_max_mm.sum(0))
    bad = ~((group.mass_kg >= 0) & (group.volume_mm3 > 0) & finite)
    if bad.any():
        i, design = np.argwhere(bad)[0]
        where = f" in design {design}" if n > 1 and bad.shape[1] > 1 else ""
        raise ParameterError(
            f"component {names[group.index[i]]!r} has a negative mass or no size with these "
            f"parameters{where}", name=names[group.index[i]])
