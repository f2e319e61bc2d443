"""Expected usage: what the cost estimate and the sizing findings work from. Nothing here is ever guessed: a
missing figure makes the dependent cost show as "depends on usage"."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mcai.spec.base import LAX, StrictModel

# A figure or a [low, high] range (e.g. tokens per request 1000-1500): costs then come out as low-high ranges.
Amount = float | Annotated[tuple[float, float], LAX]


class Flow(StrictModel):
    """A declared bulk data movement between clouds (re-embedding, training data, log shipping)."""

    from_: str = Field(alias="from")
    """Source cloud."""
    to: str
    """Destination cloud."""
    what: str = Field(max_length=200)
    """What moves, for the report."""
    gb_per_month: Amount | None = None
    """Recurring volume in decimal GB per month."""
    gb_once: Amount | None = None
    """One-time volume in decimal GB (shown apart from monthly costs)."""
    via: str | None = None
    """Path: 'internet' or the name of a private link type; default: the link between the clouds if any."""


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
