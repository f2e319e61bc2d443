"""Acknowledged findings: a team accepts a finding at one spec path, says why, and (optionally) until when.

The id must be one mcai knows (a typo is a located error with a "did you mean"); an expired acknowledgement stops
applying, so the finding gates again.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from mcai.spec.base import LAX, StrictModel


class Acknowledgement(StrictModel):
    """A finding the team has reviewed and accepts (shown in the report; it no longer fails `--fail-on`)."""

    id: str = Field(min_length=1, max_length=80)
    """The finding id (`mcai explain ID`)."""
    path: str = Field(min_length=1, max_length=300)
    """The finding's spec path, as the report shows it (e.g. `routing.chain`)."""
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")
    """Why it is accepted (shown in the report); one line, no control characters."""
    expires: Annotated[date, LAX] | None = None
    """Last day the acknowledgement applies (YYYY-MM-DD); after it the finding gates again."""

