"""Leaf facts the cost inputs' slices share (the inputs, the network and retrieval slices), kept below all of them so
that imports run one way: inputs -> slices -> kinds."""

from __future__ import annotations

from dataclasses import dataclass

from mcai.cost.money import Span
from mcai.diagnostics import Path

MODEL_CLOUD = {"bedrock": "aws", "azure_openai": "azure", "vertex": "gcp"}


@dataclass(frozen=True)
class Component:
    """A billed component the spec creates that is neither a model call nor a movement (vector collections,
    dedicated model endpoints): one catalog price, a quantity when mcai can know it."""

    id: str
    category: str
    description: str
    price_id: str
    quantity: Span | None
    quantity_unit: str
    price_unit: str
    spec_path: Path
    cloud: str = ""
    stack: str = ""  # the account's root stack that is billed ("": the cloud's home account)
