"""The report's cost section: the typed, versioned form of the estimate (money as decimal strings)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from mcai.diagnostics import dotted

if TYPE_CHECKING:
    from mcai.cost.lines import Estimate
    from mcai.cost.money import Span

# v1.<minor>: a minor version only adds fields (a reader of v1 that ignores unknown fields reads every v1.x).
# v1.1: per-account subtotals (`monthly_by_stack_usd`), per-cloud subtotals, and each line's `cloud` and `stack`.
# v1.2: each line's `region` (prices are looked up for it: `<id>@<region>` before `<id>`).
COST_SCHEMA = "mcai.cost/v1.2"
Dec = str  # a decimal number as a string ("7.20", "0.087"): exact, never a float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use, not at import


class Amount(_Model):
    """A value or a low-high range (equal ends when the inputs are exact)."""

    low: Dec
    high: Dec


class PriceInfo(_Model):
    id: str = Field(description="Catalog price id, or genai-prices:<provider>:<model> for token prices.")
    source: str
    as_of: str
    status: str = Field(description="article, primary, dataset, third_party, derived or user.")
    catalog: str = Field(description="Which catalog supplied the price (the default one, a --prices file, genai-prices).")
    note: str | None = None


class CostLine(_Model):
    id: str
    category: Literal["inference", "egress", "link", "cache", "data"]
    description: str
    recurrence: Literal["monthly", "one_time"]
    status: Literal["estimated", "depends_on_usage", "price_not_found"] = Field(
        description="Only 'estimated' lines count in the totals; the others say what is missing.")
    spec_path: str
    quantity: Amount | None
    quantity_unit: str
    unit_price_usd: Amount | None
    price_unit: str
    cost_usd: Amount | None = Field(description="quantity x unit price, in USD (cents).")
    cache_saving_usd: Amount | None = Field(default=None, description="Already deducted from cost_usd.")
    price: PriceInfo | None
    note: str | None
    cloud: str | None = Field(default=None, description="The cloud that bills it (egress: the sending cloud).")
    stack: str | None = Field(
        default=None, description="The account billed, as its root stack: `aws-workloads` for a named account, "
                                  "`aws` for a cloud of one account (what no account's element owns: the home one).")
    region: str | None = Field(
        default=None, description="That account's region (Azure: location): its price is the catalog's "
                                  "`<id>@<region>` when there is one, else the catalog's `<id>`.")


class CacheInfo(_Model):
    hit_rate: Dec
    monthly_cost_usd: Amount | None
    monthly_saving_usd: Amount | None = Field(description="Null when the usage it depends on is not given.")
    payback_ratio: Amount | None = Field(description="Saving / cache cost (e.g. 15.7 = pays for itself 15.7x).")
    note: str


class CostSection(_Model):
    schema_: Literal["mcai.cost/v1.2"] = Field(COST_SCHEMA, alias="schema")
    currency: Literal["USD"] = "USD"
    assumptions: list[str]
    price_catalogs: list[str] = Field(description="Catalogs applied, in order (later ones override): name, as-of.")
    token_prices: str = Field(description="The token-price dataset and its data date.")
    monthly_total_usd: Amount = Field(description="Sum of the estimated monthly lines.")
    one_time_total_usd: Amount = Field(description="Sum of the estimated one-time lines (not in the monthly total).")
    monthly_by_category_usd: dict[str, Amount]
    monthly_by_cloud_usd: dict[str, Amount] = Field(
        default_factory=dict, description="Estimated monthly lines summed per cloud that bills them.")
    monthly_by_stack_usd: dict[str, Amount] = Field(
        default_factory=dict, description="Estimated monthly lines summed per account (root stack, as `stack` on the "
                                          "lines): what each account's budget is set from.")
    not_estimated: int = Field(description="Lines left out of the totals (depends on usage / price not found).")
    estimated: int = Field(0, description="Lines counted in the totals (priced components).")
    price_not_found: int = Field(0, description="Lines left out because no source gives their price.")
    lines: list[CostLine]
    cache: CacheInfo | None
    notes: list[str] = Field(description="Corrections and caveats from the catalogs (never applied silently).")


def _dec(value: Decimal, places: str | None = "0.01") -> str:
    from mcai.cost.money import cents, plain

    return format(cents(value), "f") if places else plain(value)


def _amount(span: Span | None, money: bool = True) -> Amount | None:
    if span is None:
        return None
    if money:
        return Amount(low=_dec(span.low), high=_dec(span.high))
    return Amount(low=_dec(span.low, None), high=_dec(span.high, None))


def cost_section(est: Estimate) -> CostSection:
    from mcai.cost.money import HOURS_PER_MONTH, WEEKS_PER_MONTH

    lines = [CostLine(
        id=ln.id, category=ln.category, description=ln.description, recurrence=ln.recurrence, status=ln.status,
        spec_path=dotted(ln.spec_path), quantity=_amount(ln.quantity, money=False), quantity_unit=ln.quantity_unit,
        unit_price_usd=_amount(ln.unit_price, money=False), price_unit=ln.price_unit, cost_usd=_amount(ln.cost),
        cache_saving_usd=_amount(ln.cache_saving),
        price=None if ln.price is None else PriceInfo(**ln.price.__dict__), note=ln.note, cloud=ln.cloud,
        stack=ln.stack, region=ln.region) for ln in est.lines]
    cache = None
    if est.cache is not None:
        c = est.cache
        cache = CacheInfo(hit_rate=_dec(c.hit_rate, None), monthly_cost_usd=_amount(c.monthly_cost),
                          monthly_saving_usd=_amount(c.saving),
                          payback_ratio=None if c.payback is None else Amount(
                              low=format(c.payback.low.quantize(Decimal("0.1")), "f"),
                              high=format(c.payback.high.quantize(Decimal("0.1")), "f")),
                          note=c.note)
    categories = ("inference", "egress", "link", "cache", "data")
    return CostSection(
        assumptions=[f"{HOURS_PER_MONTH} hours a month", f"{WEEKS_PER_MONTH} weeks a month for weekly volumes",
                     "decimal units: 1 GB = 1,000,000 KB", "USD, exact decimals, shown rounded to the cent",
                     "egress rates applied flat per GB, as the seed article does"],
        price_catalogs=[f"{name} (as of {as_of})" if as_of else name for name, as_of in est.catalogs],
        token_prices=est.token_dataset,
        monthly_total_usd=_amount(est.monthly), one_time_total_usd=_amount(est.one_time),  # type: ignore[arg-type]
        monthly_by_category_usd={c: _amount(est.category_total(c)) for c in categories},  # type: ignore[misc]
        monthly_by_cloud_usd={c: _amount(est.subtotal(est.for_cloud(c)))  # type: ignore[misc]
                              for c in sorted({ln.cloud for ln in est.lines if ln.cloud})},
        monthly_by_stack_usd={s: _amount(est.subtotal(est.for_stack(s))) for s in est.stacks},  # type: ignore[misc]
        not_estimated=len(est.uncounted), estimated=len(est.lines) - len(est.uncounted),
        price_not_found=sum(1 for ln in est.lines if ln.status == "price_not_found"), lines=lines, cache=cache, notes=list(est.notes))
