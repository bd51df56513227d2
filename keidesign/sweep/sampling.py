"""Designs of experiments: full grid, seeded random and Latin hypercube samples.

Random and Latin-hypercube samples are drawn in the unit cube and mapped onto each axis: a range
linearly, listed levels (categorical values included) by cutting [0, 1) into equal bins, one per
level, so a Latin hypercube of ``n`` samples gives each level ``n / k`` samples (±1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["Axis", "sample", "grid", "unit_samples"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Axis:
    """One varied parameter as the sampler sees it.

    Attributes:
        name: the parameter's name.
        low: start of a numeric range.
        high: end of a numeric range.
        count: grid values taken from the range, ends included (``None``: sampled only).
        integer: round sampled range values to whole numbers.
        levels: (k,) listed values, float or str; empty for a range.
    """

    name: str
    low: float = 0.0
    high: float = 0.0
    count: int | None = None
    integer: bool = False
    levels: np.ndarray | tuple[()] = ()

    @property
    def is_range(self) -> bool:
        """Whether the axis is a numeric range."""
        return len(self.levels) == 0

    def grid_values(self) -> np.ndarray:
        """The values a grid takes on this axis."""
        if not self.is_range:
            return np.asarray(self.levels)
        if self.count is None:
            raise ValueError(f"axis {self.name!r} has no grid count")
        values = np.linspace(self.low, self.high, self.count)
        return np.round(values) if self.integer else values

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map (n,) samples in [0, 1) onto the axis."""
        if self.is_range:
            values = self.low + u * (self.high - self.low)
            return np.round(values) if self.integer else values
        levels = np.asarray(self.levels)
        index = np.minimum((u * len(levels)).astype(np.intp), len(levels) - 1)
        return levels[index]


def grid(axes: list[Axis]) -> dict[str, np.ndarray]:
    """Every combination of the axes' grid values, the first axis varying slowest.

    Returns:
        name → (Π counts,) values.
    """
    values = [axis.grid_values() for axis in axes]
    index = np.indices([len(v) for v in values]).reshape(len(values), -1)
    return {axis.name: v[i] for axis, v, i in zip(axes, values, index)}


def unit_samples(method: Literal["random", "lhs"], n: int, d: int, seed: int) -> np.ndarray:
    """(n, d) samples in [0, 1), reproducible for a given seed.

    Args:
        method: ``"random"`` (independent uniform) or ``"lhs"`` (Latin hypercube: each axis cut
            into ``n`` equal strata, one sample in each).
        n: number of samples.
        d: number of axes.
        seed: the generator's seed.
    """
    if method == "random":
        return np.random.default_rng(seed).random((n, d))
    if method == "lhs":
        from scipy.stats import qmc  # a second to import: only when needed

        return qmc.LatinHypercube(d=d, rng=np.random.default_rng(seed)).random(n)
    raise ValueError(f"unknown sampling method {method!r}")


def sample(axes: list[Axis], method: str, samples: int | None, seed: int,
           ) -> dict[str, np.ndarray]:
    """The designs of a sweep.

    Args:
        axes: the varied parameters.
        method: ``"grid"``, ``"random"`` or ``"lhs"``.
        samples: number of designs for ``random`` and ``lhs``.
        seed: seed for ``random`` and ``lhs``.

    Returns:
        name → (n,) values (float, or str for choices).
    """
    if method == "grid":
        return grid(axes)
    if samples is None:
        raise ValueError(f"method {method!r} needs a sample count")
    u = unit_samples(method, samples, len(axes), seed)  # type: ignore[arg-type]
    return {axis.name: axis.from_unit(u[:, k]) for k, axis in enumerate(axes)}
