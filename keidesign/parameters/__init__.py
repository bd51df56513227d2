"""Parameters: declaring, validating and parsing a concept's named values."""

from __future__ import annotations

from keidesign.parameters.spec import (
    ParameterSpec,
    choice,
    concept_parameters,
    did_you_mean,
    length,
    number,
    overrides_from_text,
    parameter_specs,
    quote,
    split_assignments,
)

__all__ = ["ParameterSpec", "choice", "concept_parameters", "did_you_mean", "length", "number",
           "overrides_from_text", "parameter_specs", "quote", "split_assignments"]
