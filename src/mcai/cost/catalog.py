"""The price catalog: data, not code. Every price has a value, a unit, a source and an as-of date.

mcai ships `src/mcai/data/prices.yaml`; `--prices FILE` (same format) replaces or adds entries by id, and is validated
like a spec: every problem reported at once as `file:line:col: prices.<id>.<field>: message`.

Price ids name what they price, most specific first when looked up:
  egress.<from>.<to>.<path>   egress.<from>.<path>        per GB leaving a cloud over a path (internet, expressroute...)
  cache.<service>.<engine>.<node type>                    per node-hour
  ptu.azure_openai.<deployment type>                      per PTU-hour; ptu_reservation.azure_openai.<term> per PTU-month
  model_units.bedrock.<commitment>                        per model-unit-hour
  link.<path>.<component>                                 per hour or month (ports, circuits, attachments)
  tokens.<provider>.<model>.input|output                  per 1M tokens; overrides genai-prices for that model
  store.<service>.<component>                             retrieval and vector stores (GB-months, GB, requests)

Any id may be given for one region as `<id>@<region>` (e.g. `cache.elasticache.redis.cache.r7g.xlarge@us-west-2`):
an element is priced in its own account's region, so a line looks up `<id>@<that region>` first and the plain `<id>`
(the price the catalog gives without a region, its note saying which region it was read for) after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, Strict, ValidationError, field_validator

from mcai.diagnostics import Diagnostic, SpecError
from mcai.spec.base import StrictModel
from mcai.spec.types import FormatVersion

Unit = Literal["usd_per_gb", "usd_per_hour", "usd_per_month", "usd_per_1m_tokens", "usd_per_unit_hour",
               "usd_per_unit_month", "usd_per_gb_month", "usd_per_1m_requests"]
Status = Literal["article", "primary", "dataset", "third_party", "derived", "user"]
UNIT_TEXT = {"usd_per_gb": "per GB", "usd_per_hour": "per hour", "usd_per_month": "per month",
             "usd_per_1m_tokens": "per 1M tokens", "usd_per_unit_hour": "per unit-hour",
             "usd_per_unit_month": "per unit-month", "usd_per_gb_month": "per GB-month",
             "usd_per_1m_requests": "per 1M requests"}
PriceId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[A-Za-z0-9_:.-]+)+(@[a-z0-9-]+)?$", max_length=200)]


class Price(StrictModel):
    """One price: what a unit costs, where the figure comes from and when it was read."""

    value: Annotated[Decimal, Strict(False)] = Field(ge=0, le=1_000_000, allow_inf_nan=False)
    """USD amount per `unit` (0 to 1,000,000); a number or a quoted decimal ("0.09")."""
    unit: Unit
    source: str = Field(min_length=3, max_length=400)
    """Where the figure comes from (page, document, dataset), specific enough to re-check."""
    as_of: Annotated[dt.date, Strict(False)]
    """When the figure was read or published (YYYY-MM-DD)."""
    status: Status = "user"
    """How trustworthy the figure is (labels from prices.md): article, primary, dataset, third_party, derived."""
    note: str | None = Field(default=None, max_length=600)
    """Caveats shown with the price (tiers, corrections, regions)."""

    @field_validator("value", mode="before")
    @classmethod
    def _exact(cls, v: object) -> object:
        # YAML floats arrive as binary floats; go through their repr so 0.09 is exactly 0.09.
        if isinstance(v, float):
            return str(v)
        if isinstance(v, bool):
            raise ValueError("must be a number")
        return v

    @property
    def unit_text(self) -> str:
        return UNIT_TEXT[self.unit]


class CatalogFile(StrictModel):
    """A price catalog file (the default one or a `--prices` override)."""

    version: FormatVersion
    name: str | None = Field(default=None, max_length=100)
    """Shown in the report as where prices came from."""
    source: str | None = Field(default=None, max_length=400)
    as_of: Annotated[dt.date, Strict(False)] | None = None
    notes: Annotated[tuple[str, ...], Strict(False)] = ()
    """Corrections and caveats shown in the report (never applied silently)."""
    prices: dict[PriceId, Price] = Field(default_factory=dict)


@dataclass(frozen=True)
class NamedPrice:
    id: str
    price: Price
    catalog: str


@dataclass(frozen=True)
class Catalog:
    """The default catalog with any override applied (override entries replace default entries by id)."""

    files: tuple[tuple[str, CatalogFile], ...]
    region: str | None = None  # the region lines are priced in (`in_region`): `<id>@<region>` is looked up first

    def in_region(self, region: str | None) -> Catalog:
        """The same prices, looked up for an element in `region`."""
        return replace(self, region=region)

    def get(self, price_id: str) -> NamedPrice | None:
        ids = (f"{price_id}@{self.region}", price_id) if self.region else (price_id,)
        for wanted in ids:
            for name, f in reversed(self.files):
                if wanted in f.prices:
                    return NamedPrice(wanted, f.prices[wanted], name)
        return None

    def first(self, *ids: str) -> NamedPrice | None:
        for price_id in ids:
            found = self.get(price_id)
            if found is not None:
                return found
        return None

    @property
    def notes(self) -> list[str]:
        return [n for _, f in self.files for n in f.notes]

    def with_override(self, name: str, override: CatalogFile) -> Catalog:
        return Catalog(self.files + ((name, override),), self.region)


def parse_catalog(text: str, filename: str) -> CatalogFile:
    """Validate catalog text; raise `SpecError` with every problem, located."""
    from mcai.spec.errors import diagnostics_from
    from mcai.spec.loader import load_text

    loaded = load_text(text, filename, what="price catalog")
    if not isinstance(loaded.data, dict):
        raise SpecError(filename, [Diagnostic((), "a price catalog is a mapping with 'version: 1' and 'prices'",
                                              loaded.source.value(()))])
    try:
        return CatalogFile.model_validate(loaded.data)
    except ValidationError as exc:
        raise SpecError(filename, diagnostics_from(exc, loaded.data, loaded.source, CatalogFile)) from None


def load_catalog_file(path: Path) -> CatalogFile:
    from mcai.spec.loader import display_name, read_text

    return parse_catalog(read_text(path, what="price catalog"), display_name(path))


@cache
def default_catalog() -> Catalog:
    text = resources.files("mcai.data").joinpath("prices.yaml").read_text(encoding="utf-8")
    f = parse_catalog(text, "prices.yaml")
    return Catalog((("mcai default prices" if f.name is None else f.name, f),))


def catalog_with(prices: Path | None) -> Catalog:
    """The default catalog, with `prices` (a `--prices` file) applied on top when given."""
    base = default_catalog()
    if prices is None:
        return base
    override = load_catalog_file(prices)
    return base.with_override(override.name or prices.name, override)


def json_schema() -> dict:  # type: ignore[type-arg]
    from mcai.spec.docs import add_descriptions

    schema = add_descriptions(CatalogFile.model_json_schema(mode="validation"), CatalogFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://mcai.dev/schema/prices-v1.json"
    return schema
