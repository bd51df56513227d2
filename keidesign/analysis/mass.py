"""Mass properties of a layout for each load case, vectorised over designs.

Load cases (Japanese 車両重量 conventions):

- ``kerb``: the vehicle with full fuel and fluids, no occupants;
- ``driver``: kerb plus one 55 kg occupant in the driver's seat;
- ``crew``: kerb plus an occupant in every seat, no payload (published weight distributions
  are often given with one or two occupants);
- ``full``: kerb plus every rated occupant and the rated payload spread over the bed floor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keidesign.layout.component import LOAD_GROUPS
from keidesign.layout.layout import ComponentGroup, Layout
from keidesign.shapes.properties import INERTIA_ORDER, INERTIA_PAIRS
from keidesign.units import MM2_TO_M2

__all__ = ["INERTIA_ENTRIES", "LOAD_CASES", "MassProperties", "mass_properties"]

#: Load case → the load groups it includes.
LOAD_CASES: dict[str, tuple[str, ...]] = {
    "kerb": ("vehicle",),
    "driver": ("vehicle", "driver"),
    "crew": ("vehicle", "driver", "passenger"),
    "full": ("vehicle", "driver", "passenger", "payload"),
}

#: The six independent entries of an inertia tensor, in the order of the 6-vectors here:
#: label → (row, column) (:data:`keidesign.shapes.INERTIA_ORDER` →
#: :data:`~keidesign.shapes.properties.INERTIA_PAIRS`).
INERTIA_ENTRIES: dict[str, tuple[int, int]] = dict(zip(INERTIA_ORDER, INERTIA_PAIRS))


@dataclass(frozen=True, slots=True)
class MassProperties:
    """Mass properties of N designs in one load case.

    Attributes:
        load_case: ``"kerb"``, ``"driver"``, ``"crew"`` or ``"full"``.
        mass_kg: (N,) total mass, kg.
        com_mm: (N, 3) centre of mass, mm, vehicle axes.
        com_behind_front_axle_mm: (N,) how far the centre of mass is behind the front axle, mm.
        front_axle_share: (N,) share of the weight on the front axle, 0–1.
        axle_loads_kg: (N, 2) static load on the front and rear axle, kg.
        corner_loads_kg: (N, 4) static wheel loads, front-left, front-right, rear-left,
            rear-right, kg (each axle's load split by the lateral centre of mass).
        inertia_kg_m2: (N, 3, 3) inertia tensor about the centre of mass, kg·m², vehicle axes.
        ssf: (N,) static stability factor, mean track / (2 × centre-of-mass height).
    """

    load_case: str
    mass_kg: np.ndarray
    com_mm: np.ndarray
    com_behind_front_axle_mm: np.ndarray
    front_axle_share: np.ndarray
    axle_loads_kg: np.ndarray
    corner_loads_kg: np.ndarray
    inertia_kg_m2: np.ndarray
    ssf: np.ndarray

    @property
    def com_height_mm(self) -> np.ndarray:
        """(N,) height of the centre of mass above the ground, mm."""
        return self.com_mm[:, 2]


def _case_matrix(layout: Layout) -> np.ndarray:
    """(C, L) 0/1 matrix: whether load case l includes component c."""
    included = np.array([[group in groups for groups in LOAD_CASES.values()]
                         for group in LOAD_GROUPS], dtype=float)
    return included[layout.load_group]


# (3, 3) index of each tensor element in the 6-vector, from the one table of pairs.
_SIX_TO_3X3 = np.empty((3, 3), dtype=int)
for _k, (_r, _c) in enumerate(INERTIA_PAIRS):
    _SIX_TO_3X3[_r, _c] = _SIX_TO_3X3[_c, _r] = _k
_I, _J = np.array(list(INERTIA_ENTRIES.values())).T


def _terms(group: ComponentGroup, shape: tuple[int, int],
           out: np.ndarray | None = None) -> np.ndarray:
    """(10, c, k) what each component adds to the sums: mass, first moments, and inertia
    about the origin (own + m(|r|²E − r rᵀ)) as a 6-vector (``shape``: (c, k), the figures
    broadcast to it), written into ``out`` if given. Few temporaries: the arrays are large
    (c × N) and each pass over them costs."""
    m = group.mass_kg                                              # (c, k) or (c, 1)
    x, y, z = group.centroid_mm                                    # (c, k) each
    u = group.unit_inertia_mm2                                     # (6, c, k) or (6, c, 1)
    terms = np.empty((10,) + shape) if out is None else out
    terms[0] = m
    mx, my, mz = (np.multiply(m, v, out=terms[1 + a]) for a, v in enumerate((x, y, z)))
    sxx, syy, szz = mx * x, my * y, mz * z
    for k, (a, b) in enumerate(((syy, szz), (sxx, szz), (sxx, syy))):
        np.multiply(m, u[k], out=terms[4 + k])
        terms[4 + k] += a
        terms[4 + k] += b
    cross = sxx                                      # no longer needed: room for m_i r_i r_j
    for k, (a, b) in enumerate(((mx, y), (mx, z), (my, z))):
        np.multiply(a, b, out=cross)
        np.multiply(m, u[3 + k], out=terms[7 + k])
        terms[7 + k] -= cross
    return terms


#: Designs per block of :func:`_sum_varying`: its buffers, (10, c, block) and the figures,
#: fit in a core's cache for a vehicle's few dozen varying components.
_BLOCK = 256


class _Block:
    """One block of designs of the varying components, in layout order: the fields
    :func:`_terms` reads, (c, b), (3, c, b) and (6, c, b)."""

    __slots__ = ("centroid_mm", "mass_kg", "unit_inertia_mm2")


def _sum_varying(groups: list[ComponentGroup], rows: list[np.ndarray], weights: np.ndarray,
                 sums: np.ndarray) -> None:
    """Add the load cases' sums of the varying ``groups`` to ``sums`` (10, C, N), block by
    block of designs. ``rows``: each group's components' rows in layout order; ``weights``:
    (C, c) which load case includes each, in layout order."""
    c, n = weights.shape[1], sums.shape[-1]
    block = _Block()

    def buffers(b: int) -> tuple[np.ndarray, ...]:
        return np.empty((c, b)), np.empty((3, c, b)), np.empty((6, c, b)), np.empty((10, c, b))

    full = buffers(min(_BLOCK, n))
    for lo in range(0, n, _BLOCK):
        hi = min(lo + _BLOCK, n)
        reused = lo > 0 and hi - lo == full[0].shape[1]
        mass, centroid, inertia, terms = full if hi - lo == full[0].shape[1] else buffers(hi - lo)
        for group, r in zip(groups, rows):
            # A figure the same in every design is in a reused buffer already.
            if group.mass_kg.shape[-1] > 1:
                mass[r] = group.mass_kg[:, lo:hi]
            elif not reused:
                mass[r] = group.mass_kg
            centroid[:, r] = group.centroid_mm[..., lo:hi]
            u = group.unit_inertia_mm2
            if u.shape[-1] > 1:
                inertia[:, r] = u[..., lo:hi]
            elif not reused:
                inertia[:, r] = u
        block.mass_kg, block.centroid_mm, block.unit_inertia_mm2 = mass, centroid, inertia
        sums[..., lo:hi] += weights @ _terms(block, mass.shape, out=terms)  # type: ignore[arg-type]


def mass_properties(layout: Layout) -> dict[str, MassProperties]:
    """Mass properties of every design in ``layout`` for each load case.

    All load cases are computed together: sums over components weighted by which load case
    includes them (one matrix product per group of components: those the same in every
    design are summed once), then the parallel-axis theorem back to each case's centre of
    mass.

    Returns:
        ``{"kerb": …, "driver": …, "crew": …, "full": …}``.
    """
    cases = _case_matrix(layout)                                   # (C, L)
    sums = np.zeros((10, cases.shape[1], layout.n_designs))        # (10, L, N)
    # Each group of components (those the same in every design, those that vary) is summed
    # once: ten sums weighted by load case in one matrix product — mass, first moments, and
    # inertia about the origin (own + m(|r|²E − r rᵀ)) as a 6-vector.
    groups = layout.groups()
    fixed = [g for g in groups if g.centroid_mm.shape[-1] == 1 and g.mass_kg.shape[-1] == 1
             and g.unit_inertia_mm2.shape[-1] == 1]
    varying = [g for g in groups if not any(g is f for f in fixed)]
    for group in fixed:
        sums += np.ascontiguousarray(cases[group.index].T) @ _terms(group, group.mass_kg.shape)
    if varying:
        # The groups that vary are summed as one block, in layout order, a few hundred designs
        # at a time: each block's figures are gathered into layout order and its ten terms
        # worked out in buffers that stay in the cache (the whole batch's terms are megabytes,
        # and a fresh buffer of them costs its page faults). Each sum is the same product, the
        # components in the same order, so the figures are the same to the bit.
        index = np.concatenate([g.index for g in varying])
        order = np.argsort(index, kind="stable")
        where = np.empty_like(order)
        where[order] = np.arange(len(order))      # each component's row in layout order
        weights = np.ascontiguousarray(cases[index[order]].T)        # (C, c)
        rows, at = [], 0
        for group in varying:
            rows.append(where[at:at + len(group.index)])
            at += len(group.index)
        _sum_varying(varying, rows, weights, sums)
    mass = sums[0]                                                 # (L, N)
    com = sums[1:4] / mass                                         # (3, L, N)
    inertia = sums[4:10]                                           # (6, L, N)
    # Back to the centre of mass: − M(|c|²E − c cᵀ).
    com_second = mass * com[_I] * com[_J]                          # (6, L, N)
    inertia += com_second
    inertia[:3] -= com_second[0] + com_second[1] + com_second[2]

    facts = layout.facts
    wheelbase = np.asarray(facts.wheelbase_mm, dtype=float)
    track_f = np.asarray(facts.track_front_mm, dtype=float)
    track_r = np.asarray(facts.track_rear_mm, dtype=float)
    behind = -com[0]                                               # (L, N)
    rear = mass * behind / wheelbase
    front = mass - rear
    lateral = com[1]
    corners = np.stack([front * (0.5 + lateral / track_f), front * (0.5 - lateral / track_f),
                        rear * (0.5 + lateral / track_r), rear * (0.5 - lateral / track_r)],
                       axis=-1)                                    # (L, N, 4)
    with np.errstate(divide="ignore"):  # a centre of mass on the ground: SSF is infinite
        ssf = 0.5 * (track_f + track_r) / (2.0 * com[2])
    # (3, 3, L, N) gathered from the contiguous 6-vectors, seen as (L, N, 3, 3).
    tensor = (inertia * MM2_TO_M2)[_SIX_TO_3X3].transpose(2, 3, 0, 1)
    return {
        case: MassProperties(
            load_case=case,
            mass_kg=mass[k],
            com_mm=com[:, k].T,
            com_behind_front_axle_mm=behind[k],
            front_axle_share=front[k] / mass[k],
            axle_loads_kg=np.stack([front[k], rear[k]], axis=-1),
            corner_loads_kg=corners[k],
            inertia_kg_m2=tensor[k],
            ssf=ssf[k],
        )
        for k, case in enumerate(LOAD_CASES)
    }
