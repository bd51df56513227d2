"""Objectives and constraints on a sweep's table: ``min:full.com_height_mm``,
``full.front_axle_share>=0.40``.

Parsed with a small grammar, never ``eval``: a column name, an operator (``<``, ``<=``, ``>``,
``>=``, ``==``, ``=``, ``!=``) and a value. Numeric columns compare with numbers; text and bool
columns (``limiting.width``, ``engine_position``, ``fits``) only with ``==`` and ``!=``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from keidesign.errors import ParameterError
from keidesign.parameters.spec import did_you_mean, quote

if TYPE_CHECKING:  # tables are pandas DataFrames; parsing an objective needs no pandas
    import pandas as pd

__all__ = ["Objective", "Condition", "parse_objective", "parse_condition", "rank"]

_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"
_CONDITION = re.compile(rf"^\s*({_NAME})\s*(<=|>=|==|!=|<|>|=)\s*(.*?)\s*$")
_OBJECTIVE = re.compile(rf"^\s*(min|max)\s*:\s*({_NAME})\s*$")
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne,
}


def _check_column(name: str, kinds: Mapping[str, str], text: str) -> str:
    if name not in kinds:
        raise ParameterError(
            f"{quote(text)}: no column {quote(name)}{did_you_mean(name, kinds)}", name=name,
            value=text)
    return kinds[name]


@dataclass(frozen=True, slots=True)
class Objective:
    """What "best" means: the smallest or largest value of a numeric column.

    Attributes:
        sense: ``"min"`` or ``"max"``.
        column: the column, e.g. ``"full.com_height_mm"``.
    """

    sense: str
    column: str

    def __str__(self) -> str:
        return f"{self.sense}:{self.column}"


@dataclass(frozen=True, slots=True)
class Condition:
    """A constraint on a column, e.g. ``full.front_axle_share >= 0.4``.

    Attributes:
        column: the column.
        op: ``"<"``, ``"<="``, ``">"``, ``">="``, ``"=="`` or ``"!="``.
        value: a float, a bool or a str.
    """

    column: str
    op: str
    value: Any

    def __str__(self) -> str:
        return f"{self.column}{self.op}{self.value}"

    def mask(self, table: pd.DataFrame) -> np.ndarray:
        """(n,) bool: which rows satisfy the condition (missing values never do)."""
        series = table[self.column]
        present = series.notna().to_numpy()
        if isinstance(self.value, bool):
            values = series.to_numpy(dtype=object, na_value=None)
            result = np.array([v is not None and bool(v) == self.value for v in values])
            return result if self.op == "==" else present & ~result
        if isinstance(self.value, str):
            values = series.astype(object).to_numpy()
            result = np.array([v == self.value for v in values.tolist()], dtype=bool)
            return result if self.op == "==" else present & ~result
        values = series.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            return np.asarray(_OPERATORS[self.op](values, self.value), dtype=bool) & present


def parse_objective(text: str, kinds: Mapping[str, str]) -> Objective:
    """Parse ``min:COLUMN`` or ``max:COLUMN``.

    Args:
        text: the expression.
        kinds: column name → ``"f"`` (numeric), ``"b"`` (bool) or ``"U"`` (text).

    Raises:
        ParameterError: malformed, an unknown column (with a did-you-mean) or not numeric.
    """
    match = _OBJECTIVE.match(text)
    if not match:
        raise ParameterError(
            f"objective must be min:COLUMN or max:COLUMN (got {quote(text)})",
            name="objective", value=text)
    sense, column = match.groups()
    if _check_column(column, kinds, text) != "f":
        raise ParameterError(f"objective {quote(text)}: column {quote(column)} is not numeric",
                             name="objective", value=text)
    return Objective(sense=sense, column=column)


def parse_condition(text: str, kinds: Mapping[str, str]) -> Condition:
    """Parse ``COLUMN OP VALUE`` (``full.front_axle_share>=0.40``, ``limiting.width==cab_shell``).

    Args:
        text: the expression.
        kinds: column name → ``"f"``, ``"b"`` or ``"U"``.

    Raises:
        ParameterError: malformed, an unknown column, or a value or operator that does not suit
            the column.
    """
    match = _CONDITION.match(text)
    if not match or not match.group(3):
        raise ParameterError(f"condition must be COLUMN OP VALUE with OP one of "
                             f"{', '.join(_OPERATORS)} (got {quote(text)})", name="where",
                             value=text)
    column, op, raw = match.groups()
    op = "==" if op == "=" else op
    kind = _check_column(column, kinds, text)
    if kind == "f":
        try:
            value: Any = float(raw)
        except ValueError:
            raise ParameterError(f"condition {quote(text)}: {quote(column)} is numeric; "
                                 f"compare it with a number (got {quote(raw)})", name="where",
                                 value=text) from None
        if not np.isfinite(value):
            raise ParameterError(f"condition {quote(text)}: the value must be finite",
                                 name="where", value=text)
        return Condition(column=column, op=op, value=value)
    if op not in ("==", "!="):
        raise ParameterError(f"condition {quote(text)}: {quote(column)} is not numeric; use == "
                             f"or !=", name="where", value=text)
    if kind == "b":
        lowered = raw.lower()
        if lowered not in ("true", "false", "1", "0"):
            raise ParameterError(f"condition {quote(text)}: {quote(column)} is true or false "
                                 f"(got {quote(raw)})", name="where", value=text)
        return Condition(column=column, op=op, value=lowered in ("true", "1"))
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    return Condition(column=column, op=op, value=raw)


def rank(table: pd.DataFrame, objective: Objective, where: Sequence[Condition] = (),
         feasible_only: bool = True) -> pd.DataFrame:
    """The rows that qualify, best first.

    Rows qualify when they evaluated (``status == "ok"``), fit the kei box (``fits``; unless
    ``feasible_only`` is false) and satisfy every condition. Ties keep table order.

    Returns:
        The qualifying rows, sorted by the objective (index kept).
    """
    mask = (table["status"] == "ok").to_numpy(dtype=bool, copy=True)
    if feasible_only and "fits" in table:
        mask &= table["fits"].fillna(False).to_numpy(dtype=bool)
    for condition in where:
        mask &= condition.mask(table)
    qualifying = table[mask]
    values = qualifying[objective.column].to_numpy(dtype=float)
    order = np.argsort(values if objective.sense == "min" else -values, kind="stable")
    return qualifying.iloc[order]

