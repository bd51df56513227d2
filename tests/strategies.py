"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from keidesign.parameters.spec import ParameterSpec


def spec_values(spec: ParameterSpec) -> st.SearchStrategy[Any]:
    """Any value a parameter accepts."""
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        return st.integers(int(spec.minimum), int(spec.maximum))
    return st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)


def parameter_sets(concept_cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """Parameter overrides within every declared range (cross-parameter rules may still fail)."""
    specs = concept_cls.specs()
    return st.fixed_dictionaries({}, optional={n: spec_values(s) for n, s in specs.items()})
