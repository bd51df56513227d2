"""A vehicle layout as arrays: the numbers that analysis and sweeps run on.

A :class:`Layout` holds ``N`` designs of one concept at once (``N == 1`` for a single design),
each a set of ``C`` components in the same order. Every array is in millimetres and kilograms,
vehicle axes (ISO 8855: x forward, y left, z up; origin on the ground plane below the centre of
the front axle).

The arrays are shown design-major, ``(N, C, …)``. They are stored as up to three
:class:`ComponentGroup` blocks, coordinate- and component-major (``(…, c, k)``, each
component's designs contiguous): the components whose figures are the same in every design
(``k = 1``, most of a vehicle in a sweep that varies two parameters), those only moved
(centroids and boxes ``k = N``, one mass, volume and inertia each) and those whose shape varies
(``k = N``). The analysis works on each block once (:meth:`Layout.groups`), so what does not
vary is computed once, not N times; the ``(N, C, …)`` arrays are assembled on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.layout.component import LOAD_GROUPS, Component
from keidesign.parameters.spec import did_you_mean
from keidesign.shapes import IDENTITY, Placement, ShapeProperties
from keidesign.shapes.placement import _index
from keidesign.shapes.properties import DIFFERS, one_design_value
from keidesign.units import MM3_TO_M3

__all__ = ["ComponentGroup", "Layout", "Shifts", "VehicleFacts"]


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
        mass_kg: (c, k) kg; ``k`` is 1 where the figure is the same in every design for
            every component of the group, N otherwise (components moved alone keep one
            mass, volume and inertia: their figures broadcast against the others').
        volume_mm3: (c, k) mm³.
        placed_centroid_mm: (3, c, k) mm, or ``None`` for components moved alone (then
            ``shifts`` is given), whose centroids are worked out from their shifts when asked
            for: the analysis sums them through the shifts, so a sweep that only moves them
            never writes them out. Read :attr:`centroid_mm`.
        unit_inertia_mm2: (6, c, k) kg·mm²/kg.
        bbox_min_mm: (3, c, k) mm.
        bbox_max_mm: (3, c, k) mm.
        spans: ``None``, or the boxes' extremes over the designs where they are known without
            reducing the (3, c, k) boxes (components moved alone): (3, c) each, the lowest
            ``bbox_min_mm`` over the designs, the highest ``bbox_max_mm``, the highest
            ``bbox_min_mm`` and the lowest ``bbox_max_mm``, mm (see
            :meth:`Layout.box_spans`).
        shifts: ``None``, or for components moved alone, how they are moved (see
            :class:`Shifts`): their centroids without those moves and the few (N,) arrays
            that move them, so sums over the components need not pass over (3, c, N) arrays.
    """

    index: np.ndarray
    mass_kg: np.ndarray
    volume_mm3: np.ndarray
    placed_centroid_mm: np.ndarray | None
    unit_inertia_mm2: np.ndarray
    bbox_min_mm: np.ndarray
    bbox_max_mm: np.ndarray
    spans: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = field(
        default=None, repr=False, compare=False)
    shifts: Shifts | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.placed_centroid_mm is None and self.shifts is None:
            raise ParameterError("a component group needs its centroids or the shifts that "
                                 "place them: placed_centroid_mm and shifts are both None",
                                 name="placed_centroid_mm")

    @property
    def centroid_mm(self) -> np.ndarray:
        """(3, c, k) each component's centroid, mm (worked out on each call for components
        moved alone; read-only)."""
        if self.placed_centroid_mm is not None:
            return self.placed_centroid_mm
        centroids = self.shifts.centroids()  # type: ignore[union-attr]
        centroids.setflags(write=False)
        return centroids


@dataclass(frozen=True, slots=True)
class Shifts:
    """How a group's components moved alone are moved: each centroid is
    ``base_mm[a, i] + moves_mm[index[a, i]]`` on axis ``a`` (nothing added where ``index`` is
    −1). A sweep moves many parts by a few shared arrays (a rear wheel's tyre, rim and hub
    by the wheelbase), so a sum over the components is a sum over those few arrays.

    Attributes:
        base_mm: (3, c) each centroid without the moves, mm.
        moves_mm: (P, N) the distinct arrays that move them, mm.
        index: (3, c) int, which of ``moves_mm`` moves each component along each axis (−1:
            none).
    """

    base_mm: np.ndarray
    moves_mm: np.ndarray
    index: np.ndarray

    def centroids(self) -> np.ndarray:
        """(3, c, N) each centroid moved, mm: ``base + move``, the sum a layout places a
        part by."""
        out = np.empty(self.index.shape + self.moves_mm.shape[1:])
        out[...] = self.base_mm[..., None]
        axis, part = np.nonzero(self.index >= 0)
        out[axis, part] += self.moves_mm[self.index[axis, part]]
        return out


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
        fixed_key: what the components the same in every design are (names, shapes,
            placements, masses), hashable: equal keys, equal components, so figures that
            depend on those components alone may be remembered from one batch to the next
            (a sweep's chunks share them); ``None`` where a component cannot be described.

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
    _full: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    fixed_key: Any = field(default=None, repr=False, compare=False)

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
        # Each component is written straight into its group's component-major arrays: those
        # the same in every design once, as rows of one small array; those that vary row by
        # row, an (N,) translation added only on the axes where it varies.
        fixed: list[int] = []
        fixed_rows: list[np.ndarray] = []
        fixed_t: list[tuple[Any, Any, Any]] = []
        varied: list[tuple[int, Any, Any]] = []
        # What the components the same in every design are, for the caches of figures that
        # depend on them alone (see :attr:`Layout.fixed_key`).
        fixed_desc: list[tuple[Any, ...]] = []
        described = True
        # Parts that share one shape object (four wheels of one size) are evaluated once: in
        # a batch their figures are arrays, which no cache holds.
        local: dict[int, ShapeProperties | None] = {}
        seen: dict[int, tuple[Any, Any]] = {}
        components = list(components)
        with np.errstate(divide="ignore", invalid="ignore"):
            for i, comp in enumerate(components):
                placement = comp.placement
                translation = placement.translation
                shape_key, row = _placed_row(comp.shape, placement.rotation)
                moved = n > 1 and not _placed_once(comp)
                if row is None or moved:
                    # Of several designs, or arrays of one value in every design?
                    comp = components[i] = _one_design(comp, n, row is None, seen)
                    placement = comp.placement
                    translation = placement.translation
                    moved = moved and not _placed_once(comp)
                    if row is None:
                        shape_key, row = _placed_row(comp.shape, placement.rotation)
                if row is None:                       # a shape of several designs
                    own = local.get(id(comp.shape))
                    if own is None:
                        own = local[id(comp.shape)] = comp.shape.properties()
                    if n > 1 and (any(np.ndim(v) for v in translation) or any(
                            np.ndim(v) > base for v, base in zip(
                                (comp.mass_kg, own.volume_mm3, own.centroid_mm,
                                 own.unit_inertia_mm2, own.bbox_min_mm, own.bbox_max_mm),
                                (0, 0, 1, 1, 1, 1)))):
                        varied.append((i, comp, own))
                        continue
                    row, translation = _row(placement.apply(own)), (0.0, 0.0, 0.0)
                    described = False
                elif moved:
                    varied.append((i, comp, row))
                    continue
                fixed.append(i)
                fixed_rows.append(row)
                fixed_t.append(translation)
                if described:
                    fixed_desc.append((shape_key, translation, comp.mass_kg,
                                       comp.material.density_kg_m3))
            fixed_key = None
            if described:
                fixed_key = (names, tuple(fixed), tuple(fixed_desc))
                try:
                    hash(fixed_key)
                except TypeError:                     # a figure given as a 0-d array
                    fixed_key = None
            groups = []
            if fixed:
                group = None if fixed_key is None else _FIXED_GROUPS.get(fixed_key)
                if group is None:
                    group = _fixed_group(np.array(fixed, dtype=np.intp), fixed_rows, fixed_t,
                                         [components[i] for i in fixed])
                    _check_group(group, names, n)
                    if fixed_key is not None:
                        for value in (group.index, group.mass_kg, group.volume_mm3,
                                      group.centroid_mm, group.unit_inertia_mm2,
                                      group.bbox_min_mm, group.bbox_max_mm):
                            value.setflags(write=False)
                        if len(_FIXED_GROUPS) >= _FIXED_GROUPS_LIMIT:
                            _FIXED_GROUPS.clear()
                        _FIXED_GROUPS[fixed_key] = group
                groups.append(group)
            # Those moved alone (their shape the same in every design) apart from those whose
            # shape differs: the first keep one mass, volume and inertia per component.
            moved = [v for v in varied if isinstance(v[2], np.ndarray)]
            reshaped = [v for v in varied if not isinstance(v[2], np.ndarray)]
            for part, make in ((moved, _moved_group), (reshaped, _reshaped_group)):
                if part:
                    groups.append(make(part, n))
                    _check_group(groups[-1], names, n)
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
            fixed_key=fixed_key,
        )

    def box_spans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each component's boxes over every design, (C, 3) each, mm: the lowest corner of
        the box that holds all of them, its highest corner, and the lowest and highest corner
        of the box all of them hold (empty where low > high). Computed once per layout
        (read-only); what bounds over designs start from."""
        got = self._full.get("box_spans")
        if got is None:
            c = len(self.names)
            got = tuple(np.empty((c, 3)) for _ in range(4))
            for group in self.stored:
                lo, hi = group.bbox_min_mm, group.bbox_max_mm              # (3, c, k)
                if lo.shape[-1] == 1:
                    lo, hi = lo[..., 0].T, hi[..., 0].T
                    values = (lo, hi, lo, hi)
                elif group.spans is not None:
                    values = tuple(v.T for v in group.spans)
                else:  # reduced along the stored designs' axis, which is contiguous
                    values = (lo.min(-1).T, hi.max(-1).T, lo.max(-1).T, hi.min(-1).T)
                for buf, value in zip(got, values):
                    buf[group.index] = value
            for buf in got:
                buf.setflags(write=False)
            self._full["box_spans"] = got  # type: ignore[assignment]
        return got  # type: ignore[return-value]

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


# Columns of a placed shape's row (see :func:`_placed_row`): volume, centroid, inertia per
# kg, the box's lowest and highest corner.
_VOLUME, _CENTROID, _INERTIA, _LO, _HI = 0, slice(1, 4), slice(4, 10), slice(10, 13), \
    slice(13, 16)
# The groups of components the same in every design, by Layout.fixed_key (read-only).
_FIXED_GROUPS: dict[Any, ComponentGroup] = {}
_FIXED_GROUPS_LIMIT = 256
# Placed rows of one-design shapes, by the shape's definition and the rotation.
_PLACED: dict[tuple[Any, ...], np.ndarray] = {}
_PLACED_LIMIT = 50_000


def _one_design(comp: Component, n: int, shape_varies: bool,
                seen: dict[int, tuple[Any, Any]]) -> Component:
    """The component with its shape (if ``shape_varies``: given by arrays), translation and
    mass given as one design's wherever their arrays hold one value in all ``n`` designs (see
    :meth:`~keidesign.shapes.properties.CachedProperties.one_design`): a part computed with
    arrays is not always different from design to design (a sill placed by ``np.where``
    between two fixed positions), and as one design's it is computed and remembered once.
    ``seen``: what :func:`_one_value` found for the arrays met so far, by identity (a concept
    moves several parts by one array, the rear axle's x)."""
    changes: dict[str, Any] = {}
    one_design = getattr(comp.shape, "one_design", None) if shape_varies else None
    shape = None if one_design is None else one_design(n)
    if shape is not None:
        changes["shape"] = shape
    placement = comp.placement
    translation = tuple(_one_value(v, n, seen) for v in placement.translation)
    if any(a is not b for a, b in zip(translation, placement.translation)):
        changes["placement"] = Placement(translation, placement.rotation)
    mass = _one_value(comp.mass_kg, n, seen)
    if mass is not comp.mass_kg:
        changes["mass_kg"] = mass
    return comp.replace(**changes) if changes else comp


def _one_value(value: Any, n: int, seen: dict[int, tuple[Any, Any]]) -> Any:
    """A float for an (n,) array of one value, else ``value`` (``seen``: arrays met before
    and the answer for each, by ``id``; each entry keeps its array alive, so no id is
    reused while it is kept)."""
    if _one(value):
        return value
    kept = seen.get(id(value))
    if kept is not None:
        return kept[1]
    one = one_design_value(np.asarray(value), n)
    answer = value if one is DIFFERS or isinstance(one, np.ndarray) else one
    seen[id(value)] = (value, answer)
    return answer


def _placed_once(comp: Component) -> bool:
    """Whether the component's translation and mass are each one number (not arrays)."""
    t = comp.placement.translation
    return _one(t[0]) and _one(t[1]) and _one(t[2]) and _one(comp.mass_kg)


def _one(value: Any) -> bool:
    """Whether ``value`` is one number (or ``None``), not an array of designs (``np.ndim``
    is slow on plain floats, the usual case)."""
    return value is None or isinstance(value, (float, int)) or np.ndim(value) == 0


def _row(props: ShapeProperties) -> np.ndarray:
    """One design's properties as a (16,) row: volume, mm³; centroid (3), mm; inertia per kg
    (6), kg·mm²/kg; box lowest (3) and highest (3) corner, mm."""
    out = np.concatenate([np.asarray(v, dtype=float).reshape(-1) for v in (
        props.volume_mm3, props.centroid_mm, props.unit_inertia_mm2, props.bbox_min_mm,
        props.bbox_max_mm)])
    out.setflags(write=False)
    return out


def _placed_row(shape: Any, rotation: Any) -> tuple[Any, np.ndarray | None]:
    """The shape's definition and turn (hashable), and the (16,) row (see :func:`_row`) of a
    one-design shape turned by ``rotation`` and not moved, remembered for the process;
    ``(None, None)`` for a shape of several designs.

    Turning is exact (a signed re-indexing) and moving is one addition per coordinate, so
    the turned row plus a translation is bit for bit the shape placed."""
    try:
        key = (shape._memo_key(), rotation)
    except (TypeError, AttributeError):
        return None, None
    got = _PLACED.get(key)
    if got is None:
        own = shape.properties()
        got = _row(Placement(rotation=rotation).apply(own))
        if len(_PLACED) >= _PLACED_LIMIT:
            _PLACED.clear()
        _PLACED[key] = got
    return key, got


def _masses(components: Sequence[Component], volume: np.ndarray) -> np.ndarray:
    """(c,) kg: each component's explicit mass, or density × its (c,) volume, mm³ (an
    explicit mass of several designs is left to the caller)."""
    density = np.array([c.material.density_kg_m3 for c in components], dtype=float)
    mass = density * volume * MM3_TO_M3
    for k, comp in enumerate(components):
        if comp.mass_kg is not None:
            if _one(comp.mass_kg):
                mass[k] = comp.mass_kg
            elif np.size(comp.mass_kg) == 1:          # one design, as an array
                mass[k] = np.asarray(comp.mass_kg, dtype=float).reshape(-1)[0]
    return mass


def _fixed_group(index: np.ndarray, rows: list[np.ndarray], translations: list[Any],
                 components: list[Component]) -> ComponentGroup:
    """The components the same in every design: (…, c, 1) arrays from their (c, 16) turned
    rows and (c, 3) translations."""
    table = np.array(rows)                                           # (c, 16)
    t = np.array([[v if _one(v) else np.asarray(v, dtype=float).reshape(-1)[0]
                   for v in row] for row in translations], dtype=float).T   # (3, c)
    volume = table[:, _VOLUME]
    return ComponentGroup(
        index, _masses(components, volume)[:, None], volume[:, None].copy(),
        (table[:, _CENTROID].T + t)[..., None], np.ascontiguousarray(table[:, _INERTIA].T)[..., None],
        (table[:, _LO].T + t)[..., None], (table[:, _HI].T + t)[..., None])


def _moved_group(moved: list[tuple[int, Component, np.ndarray]], n: int) -> ComponentGroup:
    """Components moved alone (one shape each, moved differently in each design): (…, c, N)
    boxes, centroids as :class:`Shifts`; volume and inertia (…, c, 1), and mass too unless
    one has an explicit mass of several designs. ``moved`` holds each one's position, the
    component and its shape's turned (16,) row."""
    c = len(moved)
    index = np.array([i for i, _, _ in moved], dtype=np.intp)
    table = np.array([row for _, _, row in moved])                   # (c, 16)
    comps = [comp for _, comp, _ in moved]
    # A translation the same in every design is added to the turned row, once; one that
    # varies is added as each design's row is written.
    moving: list[tuple[int, int, Any]] = []                          # (part, axis, (N,) move)
    for r, comp in enumerate(comps):
        for a, v in enumerate(comp.placement.translation):
            if not _one(v):
                moving.append((r, a, v))
            elif v:
                table[r, [1 + a, 10 + a, 13 + a]] += float(v)
    # The boxes, (2, 3, c, N): lowest and highest corner; x, y, z. (The centroids are left
    # to the shifts: the analysis sums them through those, never reading them whole.) Each
    # axis of a part is written once: the turned row where it does not move (a part moved
    # along the car by the wheelbase keeps its y and z), the row plus the translation where
    # it does.
    place = np.empty((2, 3, c, n))
    moves = np.zeros((c, 3), dtype=bool)
    for r, a, _ in moving:
        moves[r, a] = True
    for a in range(3):
        still = np.flatnonzero(~moves[:, a])
        if len(still):
            for f, column in enumerate((10, 13)):         # lowest, highest corner
                place[f, a, still] = table[still, column + a, None]
    for r, a, v in moving:
        np.add(table[r, [10 + a, 13 + a], None], v, out=place[:, a, r])
    mass = _masses(comps, table[:, _VOLUME])[:, None]
    if not all(_one(comp.mass_kg) for comp in comps):
        mass = np.repeat(mass, n, axis=1)
        for r, comp in enumerate(comps):
            if not _one(comp.mass_kg):
                mass[r] = comp.mass_kg
    shifts = _shifts(table, moving, n)
    return ComponentGroup(index, mass, table[:, _VOLUME, None].copy(), None,
                          np.ascontiguousarray(table[:, _INERTIA].T)[..., None], place[0],
                          place[1], _moved_spans(table, shifts), shifts)


def _reshaped_group(reshaped: list[tuple[int, Component, ShapeProperties]], n: int
                    ) -> ComponentGroup:
    """Components whose shape differs between designs: (…, c, N) figures from each one's
    position, the component and its shape's own properties ((N, …) or (…))."""
    c = len(reshaped)
    index = np.array([i for i, _, _ in reshaped], dtype=np.intp)
    mass, volume = np.empty((c, n)), np.empty((c, n))
    inertia = np.empty((6, c, n))
    place = np.empty((3, 3, c, n))                     # centroid, lowest, highest; x, y, z
    for k, (_, comp, own) in enumerate(reshaped):
        _place_own(own, comp, k, place, inertia)
        volume[k] = own.volume_mm3
        mass[k] = comp.mass(own.volume_mm3)
    return ComponentGroup(index, mass, volume, place[0], inertia, place[1], place[2])


def _shifts(table: np.ndarray, moving: list[tuple[int, int, Any]], n: int) -> Shifts:
    """The :class:`Shifts` of parts moved alone, from each part's turned (16,) row in
    ``table`` and the (N,) translations in ``moving`` (told apart by identity: a concept
    moves several parts by one array)."""
    index = np.full((3, len(table)), -1, dtype=np.intp)
    arrays: dict[int, int] = {}
    shared: list[Any] = []
    for r, a, v in moving:
        got = arrays.get(id(v))
        if got is None:
            got = arrays[id(v)] = len(shared)
            shared.append(v)
        index[a, r] = got
    moves = np.empty((len(shared), n))
    for k, v in enumerate(shared):
        moves[k] = v
    base = np.ascontiguousarray(table[:, _CENTROID].T)
    return Shifts(base, moves, index)


def _moved_spans(table: np.ndarray, shifts: Shifts
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The extremes over the designs of the boxes of parts moved alone (see
    :attr:`ComponentGroup.spans`), from each part's turned (16,) row in ``table`` and their
    :class:`Shifts`: rounding is monotonic, so the least of ``row + t`` over the designs is
    ``row + min(t)``, the same number the boxes' reduction finds."""
    lo, hi = table[:, _LO].T, table[:, _HI].T                        # (3, c) each
    moved = shifts.index >= 0
    if not shifts.moves_mm.size:                   # nothing moves but a mass
        spans = (lo.copy(), hi.copy(), lo.copy(), hi.copy())
    else:
        least = shifts.moves_mm.min(axis=1)[shifts.index]             # (3, c); −1: unused
        most = shifts.moves_mm.max(axis=1)[shifts.index]
        spans = (np.where(moved, lo + least, lo), np.where(moved, hi + most, hi),
                 np.where(moved, lo + most, lo), np.where(moved, hi + least, hi))
    for value in spans:
        value.setflags(write=False)
    return spans


def _place_own(own: ShapeProperties, comp: Component, k: int, place: np.ndarray,
               inertia: np.ndarray) -> None:
    """Write a shape of several designs, its properties ``own`` ((N, …) or (…)), placed by
    ``comp``'s placement, into row ``k`` of a group's (3, 3, c, N) centroids and boxes and
    (6, c, N) inertia: axis by axis, as :meth:`~keidesign.shapes.Placement.apply` works them
    out (the same numbers), without its (N, 3) arrays."""
    rotation = comp.placement.rotation
    t = [np.asarray(v, dtype=float) for v in comp.placement.translation]
    if rotation == IDENTITY:
        for a in range(3):
            for f, figure in enumerate((own.centroid_mm, own.bbox_min_mm, own.bbox_max_mm)):
                np.add(figure[..., a], t[a], out=place[f, a, k])
        for j in range(6):
            inertia[j, k] = own.unit_inertia_mm2[..., j]
        return
    perm, sign, six, six_sign = _index(rotation)
    for a in range(3):
        p = perm[a]
        np.add(own.centroid_mm[..., p] * sign[a], t[a], out=place[0, a, k])
        lo, hi = own.bbox_min_mm[..., p], own.bbox_max_mm[..., p]
        np.add(lo if sign[a] > 0 else -hi, t[a], out=place[1, a, k])
        np.add(hi if sign[a] > 0 else -lo, t[a], out=place[2, a, k])
    for j in range(6):
        np.multiply(own.unit_inertia_mm2[..., six[j]], six_sign[j], out=inertia[j, k])


def _check_group(group: ComponentGroup, names: tuple[str, ...], n: int) -> None:
    """Refuse a component with a negative mass, no volume or a non-finite figure.

    Raises:
        ParameterError: naming the component (and the design, in a batch).
    """
    if group.shifts is not None and group.spans is not None:
        # Moved alone: each box lies within its spans over the designs, and each centroid
        # ``base + move`` is finite where the largest base and move magnitudes add to a
        # finite number (rounding is monotonic), so the (3, c, N) arrays need not be read.
        # (Magnitudes, so that far moves either way cannot cancel out of the sum; anything
        # the sums cannot vouch for is left to the design-by-design check below.)
        shifts = group.shifts
        finite = np.isfinite(sum(float(np.abs(v).sum()) for v in group.spans)
                             + np.abs(group.unit_inertia_mm2).sum()) and np.isfinite(
            np.abs(shifts.base_mm).max() + (np.abs(shifts.moves_mm).max()
                                            if shifts.moves_mm.size else 0.0))
    else:
        finite = np.isfinite(group.centroid_mm.sum() + group.unit_inertia_mm2.sum()
                             + group.bbox_min_mm.sum() + group.bbox_max_mm.sum())
    if finite and (group.mass_kg >= 0).all() and (group.volume_mm3 > 0).all():
        return                                            # the usual case, in a few sums
    # One sum finds any NaN or infinity in a design (short-axis reductions are slow); a
    # position so far out that the sum overflows is refused with them.
    with np.errstate(over="ignore"):
        finite = np.isfinite(group.centroid_mm.sum(0) + group.unit_inertia_mm2.sum(0)
                             + group.bbox_min_mm.sum(0) + group.bbox_max_mm.sum(0))
    bad = ~((group.mass_kg >= 0) & (group.volume_mm3 > 0) & finite)
    if bad.any():
        i, design = np.argwhere(bad)[0]
        where = f" in design {design}" if n > 1 and bad.shape[1] > 1 else ""
        raise ParameterError(
            f"component {names[group.index[i]]!r} has a negative mass or no size with these "
            f"parameters{where}", name=names[group.index[i]])
