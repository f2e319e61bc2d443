"""Base model: strict, frozen, unknown keys rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Strict

# Lists arrive from YAML as lists; a strict tuple would refuse them, so tuple fields relax only the container.
LAX = Strict(False)


class StrictModel(BaseModel):
    """Every spec object: unknown keys are errors, values are not coerced, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, validate_default=True,
                              defer_build=True)  # one validator is built for the whole Spec, not one per class
    # Field docs are the docstrings under each field; `spec.docs` puts them in the JSON Schema when one is asked
    # for (pydantic's `use_attribute_docstrings` would parse every class's source on every command).
