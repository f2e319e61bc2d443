"""Expected usage: what the cost estimate and the sizing findings work from. Nothing here is ever guessed: a
missing figure makes the dependent cost show as "depends on usage"."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcai.spec.base import LAX, StrictModel

# A figure or a [low, high] range (e.g. tokens per request 1000-1500): costs then come out as low-high ranges.
Amount = float | Annotated[tuple[float, float], LAX]
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
