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


def sweep_ranges(concept_cls: type, n_params: int = 2) -> st.SearchStrategy[list[str]]:
    """``--vary`` texts for ``n_params`` numeric parameters of a concept: small grids
    (2–4 values) over sub-ranges of each parameter's allowed range."""
    numeric = sorted(n for n, s in concept_cls.specs().items() if s.kind != "choice")

    @st.composite
    def build(draw: st.DrawFn) -> list[str]:
        names = draw(st.lists(st.sampled_from(numeric), min_size=n_params, max_size=n_params,
                              unique=True))
        texts = []
        for name in names:
            spec = concept_cls.specs()[name]
            lo = draw(spec_values(spec))
            hi = draw(spec_values(spec))
            texts.append(f"{name}={lo!r}:{hi!r}:{draw(st.integers(2, 4))}")
        return texts

    return build()
