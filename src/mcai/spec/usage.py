"""Expected usage: what the cost estimate and the sizing findings work from. Nothing here is ever guessed: a
missing figure makes the dependent cost show as "depends on usage"."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from mcai.spec.base import LAX, StrictModel

MAX_AMOUNT = 1e15  # far above any real volume; beyond it money arithmetic stops being meaningful


def _amount(value: float | tuple[float, float]) -> float | tuple[float, float]:
    figures = value if isinstance(value, tuple) else (value,)
    if any(not math.isfinite(v) or v < 0 or v > MAX_AMOUNT for v in figures):
        raise PydanticCustomError("amount", "must be a finite number from 0 to {max:g} (got {value})",
                                  {"max": MAX_AMOUNT, "value": str(list(value) if isinstance(value, tuple) else value)})
    if isinstance(value, tuple) and value[0] > value[1]:
        raise PydanticCustomError("range", "a range is [low, high] with low <= high (got [{low:g}, {high:g}])",
                                  {"low": value[0], "high": value[1]})
    return value


# A figure or a [low, high] range (e.g. tokens per request 1000-1500): costs then come out as low-high ranges.
Amount = Annotated[float | Annotated[tuple[float, float], LAX], AfterValidator(_amount)]
FlowCloud = Literal["aws", "azure", "gcp"]
# How traffic crosses between clouds: the public internet, or a private path (a link the spec declares).
PathType = Literal["internet", "expressroute", "direct_connect", "interconnect", "cross_cloud_interconnect",
                   "partner_interconnect", "vpn", "ha_vpn"]


class Flow(StrictModel):
    """A declared bulk data movement between clouds (re-embedding, training data, log shipping)."""

    from_: FlowCloud = Field(alias="from")
    """Source cloud (where the data lives)."""
    to: FlowCloud
    """Destination cloud (where it is processed)."""
    what: str = Field(min_length=1, max_length=200)
    """What moves, for the report."""
    purpose: Literal["embedding", "training", "replication", "logging", "other"] = "other"
    """Why it moves; `embedding` and `training` flows are checked by the data-gravity findings."""
    gb_per_month: Amount | None = None
    """Recurring volume in decimal GB per month."""
    gb_per_week: Amount | None = None
    """Recurring volume in decimal GB per week; a month counts 4 weeks, as the article does (500 GB x 4 = 2 TB)."""
    gb_once: Amount | None = None
    """One-time volume in decimal GB (shown apart from monthly costs)."""
    via: PathType | None = None
    """Path: `internet`, or a private path type; default: the link declared between the clouds, else internet."""
    by: str | None = Field(default=None, min_length=1, max_length=64)
    """The workload that moves the data (a key under `workloads`). With `uses`, the flow is a use: it gets an
    identity path and a network path like any other, and the report's paths show its egress cost."""
    uses: str | None = Field(default=None, min_length=1, max_length=64)
    """What that workload reads or calls in the other cloud: a key under `data` or `models`."""
    outside: str | None = Field(default=None, min_length=3, max_length=300)
    """Instead of `by` and `uses`: why the other end is not part of this spec (e.g. a dataset another team owns).
    The flow is then priced, but mcai can prove no path for it."""


class Usage(StrictModel):
    """Expected traffic through the routing chain."""

    requests_per_month: Amount | None = None
    prompt_kb: Amount | None = None
    """Context sent across the cloud boundary per request, decimal KB."""
    response_kb: Amount | None = None
    input_tokens: Amount | None = None
    """Input tokens per request."""
    output_tokens: Amount | None = None
    """Output tokens per request."""
    peak_factor: float = Field(default=1.0, ge=1.0, le=100.0)
    """Peak-minute traffic over the average minute (PTU sizing sizes for the peak)."""
    flows: Annotated[tuple[Flow, ...], LAX] = ()
