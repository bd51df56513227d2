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


def _terms(group: ComponentGroup, centroid: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(10, c, k) what each component adds to the sums: mass, first moments, and inertia
    about the origin (own + m(|r|²E − r rᵀ)) as a 6-vector (``centroid``: the group's
    (3, c, k) centroids, mm; ``shape``: (c, k), the figures broadcast to it). Few
    temporaries: the arrays may be large (c × N) and each pass over them costs."""
    m = group.mass_kg                                              # (c, k) or (c, 1)
    x, y, z = centroid                                             # (c, k) each
    u = group.unit_inertia_mm2                                     # (6, c, k) or (6, c, 1)
    terms = np.empty((10,) + shape)
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


def _sum_shifted(group: ComponentGroup, weights: np.ndarray, sums: np.ndarray) -> None:
    """Add the load cases' sums of a group of parts moved alone (one mass and inertia each,
    :attr:`ComponentGroup.shifts`) to ``sums`` (10, L, N); ``weights``: (L, c) which load case
    includes each part.

    Each centroid is ``b + t`` with ``t`` one of P shared (N,) arrays, so
    ``Σ w m (b + t) = Σ w m b + Σ_p t_p Σ_{parts moved by p} w m``, and the second moments
    ``Σ w m (b_a + t_a)(b_b + t_b)`` likewise: each sum is a constant plus a combination of
    the P arrays and the products of those that move one part along two axes (or one axis
    squared), whose coefficients are sums over the parts. One (10 L, K) × (K, N) product then
    does what ten (c, N) arrays of terms would."""
    shifts = group.shifts
    assert shifts is not None
    wm = weights * group.mass_kg[:, 0]                               # (L, c)
    base, moves, index = shifts.base_mm, shifts.moves_mm, shifts.index
    p_count = len(moves)
    moved_by = np.zeros((3, len(group.index), p_count))              # (3, c, P) one-hot
    axis, part = np.nonzero(index >= 0)
    moved_by[axis, part, index[axis, part]] = 1.0
    # Σ w m t_a t_b over the parts, by the pair of arrays (p, q) moving them: (6, L, P, P).
    pairs = np.array([(wm[:, :, None] * moved_by[a]).transpose(0, 2, 1) @ moved_by[b]
                      for a, b in INERTIA_PAIRS])
    pairs = pairs + pairs.transpose(0, 1, 3, 2)                      # (p, q) and (q, p) alike
    used = np.argwhere(np.triu(pairs.any((0, 1))))                   # (Q, 2), p ≤ q
    squares = used[:, 0] == used[:, 1]
    features = np.empty((p_count + len(used), moves.shape[1]))               # (P + Q, N)
    features[:p_count] = moves
    np.multiply(moves[used[:, 0]], moves[used[:, 1]], out=features[p_count:])
    # Each second moment as (L,) constant + (L, P + Q) coefficients of the features.
    second_const, second_coef = [], []
    for k, (a, b) in enumerate(INERTIA_PAIRS):
        linear = (wm * base[b]) @ moved_by[a] + (wm * base[a]) @ moved_by[b]
        quadratic = pairs[k][:, used[:, 0], used[:, 1]] * np.where(squares, 0.5, 1.0)
        second_const.append(wm @ (base[a] * base[b]))
        second_coef.append(np.concatenate([linear, quadratic], axis=1))
    xx, yy, zz, xy, xz, yz = range(6)
    own = (wm @ group.unit_inertia_mm2[:, :, 0].T).T                  # (6, L)
    none = np.zeros((wm.shape[0], p_count + len(used)))
    const = np.stack([wm.sum(1), *(wm @ base[a] for a in range(3)),
                      own[0] + second_const[yy] + second_const[zz],
                      own[1] + second_const[xx] + second_const[zz],
                      own[2] + second_const[xx] + second_const[yy],
                      own[3] - second_const[xy], own[4] - second_const[xz],
                      own[5] - second_const[yz]])                     # (10, L)
    first_coef = [np.concatenate([wm @ moved_by[a], none[:, p_count:]], axis=1)
                  for a in range(3)]
    coef = np.stack([none, *first_coef,
                     second_coef[yy] + second_coef[zz], second_coef[xx] + second_coef[zz],
                     second_coef[xx] + second_coef[yy],
                     -second_coef[xy], -second_coef[xz], -second_coef[yz]])  # (10, L, K)
    sums += const[..., None]
    sums += (coef.reshape(-1, coef.shape[-1]) @ features).reshape(sums.shape)


def mass_properties(layout: Layout) -> dict[str, MassProperties]:
    """Mass properties of every design in ``layout`` for each load case.

    All load cases are computed together: sums over components weighted by which load case
    includes them (one matrix product per group of components: those the same in every
    design are summed once, those moved alone through the few arrays that move them), then
    the parallel-axis theorem back to each case's centre of mass.

    Returns:
        ``{"kerb": …, "driver": …, "crew": …, "full": …}``.
    """
    cases = _case_matrix(layout)                                   # (C, L)
    sums = np.zeros((10, cases.shape[1], layout.n_designs))        # (10, L, N)
    # Each group of components is summed once: ten sums weighted by load case — mass, first
    # moments, and inertia about the origin (own + m(|r|²E − r rᵀ)) as a 6-vector.
    for group in layout.groups():
        weights = np.ascontiguousarray(cases[group.index].T)          # (L, c)
        if group.shifts is not None and group.mass_kg.shape[-1] == 1:
            _sum_shifted(group, weights, sums)
        else:
            centroid = group.centroid_mm           # (worked out, for parts moved alone)
            shape = np.broadcast_shapes(group.mass_kg.shape, centroid.shape[1:])
            sums += weights @ _terms(group, centroid, shape)
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
    # A centre of mass on (or all but on) the ground: SSF is infinite.
    with np.errstate(divide="ignore", over="ignore"):
        ssf = 0.5 * (track_f + track_r) / (2.0 * com[2])
    # (3, 3, L, N) gathered from the contiguous 6-vectors, seen as (L, N, 3, 3).
    tensor = inertia[_SIX_TO_3X3]
    tensor *= MM2_TO_M2                       # (gathered first: one pass fewer, same numbers)
    tensor = tensor.transpose(2, 3, 0, 1)
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
