"""Model ids and lifecycles from the dated catalogs in `data/models_*.yaml` (Bedrock, Azure OpenAI, Vertex AI).

Errors (here, spec rules): an id the catalog does not know (with "did you mean"; `unlisted: true` accepts a model
newer than the catalog), a model past its retirement date, new provisioned throughput for a Bedrock Legacy model.
Warnings (findings/lifecycle.py): legacy, deprecated or preview models, and models retiring within 90 days.
Dates are compared with the catalog's `as_of`, never the clock, so output stays the same on every machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mcai import catalog
from mcai.spec.errors import suggest
from mcai.spec.models import ModelSpec, Spec
from mcai.spec.rules import Finding, rule

SOON_DAYS = 90
CATALOGS = {"bedrock": "models_bedrock", "azure_openai": "models_azure_openai", "vertex": "models_vertex"}


@dataclass(frozen=True)
class Lifecycle:
    """One catalog row as it applies to a spec model."""

    model: str  # the id as shown to users (`gpt-4o 2024-11-20` for Azure)
    state: str  # active | legacy | deprecated | preview | retired
    retires: dt.date | None
    as_of: dt.date
    table: str
    source: str
    replacement: str | None = None
    note: str | None = None

    @property
    def retired(self) -> bool:
        return self.state == "retired" or (self.retires is not None and self.retires <= self.as_of)

    @property
    def days_left(self) -> int | None:
        return None if self.retires is None else (self.retires - self.as_of).days

    def instead(self) -> str:
        return f"; use {self.replacement} instead" if self.replacement else ""

    def cite(self) -> str:
        """Where the fact comes from: the table (which names its sources) and its date."""
        return f"{self.table}, as of {self.as_of.isoformat()}"


def table_path(provider: str) -> str:
    return f"src/mcai/data/{CATALOGS[provider]}.yaml"


def checked(model: ModelSpec) -> bool:
    """Whether the catalog covers this model: not `unlisted`, and for Vertex only Google's own models."""
    return not model.unlisted and (model.provider != "vertex" or model.publisher == "google")  # type: ignore[union-attr]


def lifecycle(model: ModelSpec) -> Lifecycle | None:
    """The catalog row for a model (None when the catalog does not list it)."""
    table = catalog.load(CATALOGS[model.provider])
    row: dict[str, Any] | None = table["models"].get(model.model)
    shown = model.model
    if model.provider == "azure_openai" and row is not None:
        row = row.get(model.version)  # type: ignore[union-attr]
        shown = f"{model.model} {model.version}"  # type: ignore[union-attr]
    if row is None:
        return None
    retires = dt.date.fromisoformat(row["retires"]) if row.get("retires") else None
    return Lifecycle(shown, row["state"], retires, dt.date.fromisoformat(table["as_of"]), table_path(model.provider),
                     table["sources"][row["source"]], row.get("replacement"), row.get("note"))


def _unknown(key: str, model: ModelSpec) -> Finding:
    table = catalog.load(CATALOGS[model.provider])
    rows: dict[str, Any] = table["models"]
    if model.provider == "azure_openai" and model.model in rows:
        versions = sorted(rows[model.model])
        return (("models", key, "version"),
                f"{model.model} has no version {model.version!r} in mcai's catalog{suggest(model.version, versions)}"  # type: ignore[union-attr]
                f" (known: {', '.join(versions)}; {table_path(model.provider)}, as of {table['as_of']}); if Azure "
                "released it after that date, set 'unlisted: true' on this model")
    return (("models", key, "model"),
            f"unknown {model.provider} model '{model.model}'{suggest(model.model, list(rows))} (mcai's catalog "
            f"{table_path(model.provider)}, as of {table['as_of']}, lists {len(rows)}); if the model is newer than "
            "the catalog, set 'unlisted: true' on this model")


@rule
def models_are_known_and_not_retired(spec: Spec) -> Iterator[Finding]:
    for key, model in spec.models.items():
        if not checked(model):
            continue
        life = lifecycle(model)
        if life is None:
            yield _unknown(key, model)
            continue
        path = ("models", key, "version" if model.provider == "azure_openai" else "model")
        if life.retired:
            when = f" on {life.retires.isoformat()}" if life.retires else ""
            yield path, f"{life.model} was retired{when}: calls and deployments fail{life.instead()} ({life.cite()})"
        elif model.provider == "bedrock" and life.state == "legacy" and model.provisioned is not None:  # type: ignore[union-attr]
            yield (("models", key, "provisioned"),
                   f"{life.model} is Legacy on Bedrock: new provisioned throughput cannot be bought for it"
                   f"{life.instead()} ({life.cite()})")
