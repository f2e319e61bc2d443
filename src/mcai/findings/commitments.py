"""Committed capacity. The estimate cannot price some of it: billed whether used or not, so leaving it out of the
total hides the largest line of the bill. And Bedrock provisioned throughput with a term cannot be deleted before
the term ends while every one of its arguments forces replacement: the report says plainly which spec changes would
try to replace it."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.cost.lines import Estimate
from mcai.findings import cost_rule, finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.accounts import placed_in, stack_name
from mcai.spec.aws import BedrockModel
from mcai.topology.model import Topology

COMMITTED = (".ptu", ".model_units")
TERM = {"one_month": "one month", "six_months": "six months"}


@cost_rule
def unpriced_commitment(vspec: ValidSpec, topology: Topology, est: Estimate) -> Iterator[Finding]:
    for ln in est.lines:
        if ln.id.endswith(COMMITTED) and ln.status == "price_not_found":
            yield finding(vspec, "unpriced-commitment", "warning",
                          f"{ln.description}: committed capacity billed every hour whether used or not, but no "
                          f"source gives its price, so the monthly total leaves it out ({ln.note}). Add a quoted price or "
                          "drop the commitment until it is priced.", ln.spec_path)


@finding_rule
def committed_throughput_replacements(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    spec = vspec.spec
    for key, model in sorted(spec.models.items()):
        if not isinstance(model, BedrockModel) or model.provisioned is None or model.provisioned.commitment == "none":
            continue
        term = TERM[model.provisioned.commitment]
        account = placed_in(spec.clouds.aws, model.account)
        region_path = f"clouds.aws.accounts.{account}.region" if account else "clouds.aws.region"
        yield finding(
            vspec, "bedrock-committed-throughput", "info",
            f"provisioned throughput of '{key}' is committed for {term}: AWS refuses to delete it before the term "
            "ends, and every argument forces replacement, so any of these spec changes makes the next apply try to "
            f"replace it and fail until the term ends: models.{key}.model, models.{key}.provisioned.model_units, "
            f"models.{key}.provisioned.commitment, renaming the model key '{key}', 'name' or 'environment' (they "
            f"form its name), and {region_path}. Removing the model or destroying the "
            f"{stack_name('aws', account)} stack fails the same way. Change these only after the term ends, or add "
            "a new model key next to it.",
            ("models", key, "provisioned", "commitment"))
