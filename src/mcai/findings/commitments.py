"""Committed capacity the estimate cannot price: billed whether used or not, so leaving it out of the total hides
the largest line of the bill."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.cost.lines import Estimate
from mcai.findings import cost_rule, finding
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.topology.model import Topology

COMMITTED = (".ptu", ".model_units")


@cost_rule
def unpriced_commitment(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    for ln in est.lines:
        if ln.id.endswith(COMMITTED) and ln.status == "price_not_found":
            yield finding(vspec, "unpriced-commitment", "warning",
                          f"{ln.description}: committed capacity billed every hour whether used or not, but no "
                          f"source gives its price, so the monthly total leaves it out ({ln.note}). Add a quoted price or "
                          "drop the commitment until it is priced.", ln.spec_path)
