"""PTU sizing: compare each provisioned Azure OpenAI deployment's PTUs with what the declared usage needs at peak.

Formula (Microsoft's PTU sizing guidance, table in `data/azure_openai_ptu.yaml`):
    PTU = (input TPM x (1 - cache hit rate) + output weight x output TPM) / input TPM per PTU,
rounded up to the increment and raised to the minimum. Requests per minute = requests per month / (730 h x 60) x
peak factor; ranges are sized on their high end. The routing cache's expected hit rate reduces input tokens only
(the formula's cached-input term); output tokens are not reduced, which errs on the safe side.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.azure import PROVISIONED_TYPES, AzureOpenAIModel
from mcai.spec.azure_rules import ptu_row, ptu_rules
from mcai.spec.usage import Amount
from mcai.topology.model import Topology

FINDING_ID = "azure-ptu-sizing"
MINUTES_PER_MONTH = 730 * 60
HEADROOM = 0.25  # more than this above the need is over-provisioned


@dataclass(frozen=True)
class Sizing:
    requests_per_minute: float
    input_tpm: float
    output_tpm: float
    weighted_tpm: float
    exact_ptu: float
    needed_ptu: int
    step: int
    minimum: int
    input_tpm_per_ptu: int
    output_weight: int


def high(amount: Amount) -> float:
    return float(max(amount)) if isinstance(amount, tuple) else float(amount)


def size(requests_per_month: float, input_tokens: float, output_tokens: float, peak_factor: float,
         cache_hit_rate: float, input_tpm_per_ptu: int, output_weight: int, minimum: int, step: int) -> Sizing:
    rpm = requests_per_month / MINUTES_PER_MONTH * peak_factor
    input_tpm = rpm * input_tokens * (1 - cache_hit_rate)
    output_tpm = rpm * output_tokens
    weighted = input_tpm + output_weight * output_tpm
    exact = weighted / input_tpm_per_ptu
    # Valid sizes are the minimum plus whole steps. Round before ceil so float noise (255.00000001) never adds a step.
    needed = minimum if exact <= minimum else minimum + math.ceil(round((exact - minimum) / step, 6)) * step
    return Sizing(rpm, input_tpm, output_tpm, weighted, exact, needed, step, minimum, input_tpm_per_ptu,
                  output_weight)


def _sized_deployments(vspec: ValidSpec) -> dict[str, AzureOpenAIModel]:
    """The provisioned deployments the declared usage flows into: the routing chain's primary, or without routing,
    the spec's only provisioned deployment."""
    spec = vspec.spec
    provisioned = {k: m for k, m in sorted(spec.models.items())
                   if isinstance(m, AzureOpenAIModel) and m.deployment.type in PROVISIONED_TYPES}
    if spec.routing is not None:
        primary = spec.routing.chain[0]
        return {primary: provisioned[primary]} if primary in provisioned else {}
    return provisioned if len(provisioned) == 1 else {}


def _n(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


@finding_rule
def ptu_sizing(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    spec = vspec.spec
    usage = spec.usage
    if usage is None:
        return
    for key, model in _sized_deployments(vspec).items():
        path = ("models", key, "deployment", "ptu")
        missing = [f for f in ("requests_per_month", "input_tokens", "output_tokens") if getattr(usage, f) is None]
        if missing:
            yield finding(vspec, FINDING_ID, "info",
                          f"{key}: PTUs not sized; usage lacks {', '.join(missing)}", path)
            continue
        row, rules = ptu_row(model.model), ptu_rules(model.model, model.deployment.type)
        configured = model.deployment.ptu
        if row is None or rules is None or configured is None:
            continue  # the spec rules already rejected it
        assert usage.requests_per_month is not None and usage.input_tokens is not None \
            and usage.output_tokens is not None
        hit_rate = spec.routing.cache.expected_hit_rate if spec.routing and spec.routing.cache else 0.0
        s = size(high(usage.requests_per_month), high(usage.input_tokens), high(usage.output_tokens),
                 usage.peak_factor, hit_rate, row["input_tpm_per_ptu"], row["output_weight"], rules["min"],
                 rules["step"])
        if s.needed_ptu <= configured <= s.needed_ptu * (1 + HEADROOM):
            continue
        workings = (f"{_n(s.requests_per_minute)} requests/min at peak ({_n(high(usage.requests_per_month))}/month "
                    f"over 730 h x peak factor {usage.peak_factor:g}); {_n(s.input_tpm)} input TPM (after a "
                    f"{hit_rate:g} cache hit rate) + {s.output_weight} x {_n(s.output_tpm)} output TPM = "
                    f"{_n(s.weighted_tpm)} / {s.input_tpm_per_ptu:,} per PTU = {s.exact_ptu:.1f}, rounded up to a "
                    f"valid size (minimum {s.minimum}, step {s.step})")
        if configured < s.needed_ptu:
            overflow = (f"Traffic above {configured} PTU spills over to '{model.spillover}' at pay-as-you-go token "
                        "rates" if model.spillover else
                        f"Requests above {configured} PTU get HTTP 429 (add 'spillover' to a pay-as-you-go deployment)")
            yield finding(vspec, FINDING_ID, "warning",
                          f"{key}: {configured} PTU configured, {s.needed_ptu} needed at peak "
                          f"({s.needed_ptu - configured} short): {workings}. {overflow}.", path)
        else:
            yield finding(vspec, FINDING_ID, "warning",
                          f"{key}: {configured} PTU configured, {s.needed_ptu} needed at peak "
                          f"({configured - s.needed_ptu} PTU or {configured / s.needed_ptu - 1:.0%} over, more than "
                          f"{HEADROOM:.0%} headroom): {workings}. PTUs bill whether used or not.", path)
