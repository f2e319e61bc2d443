"""Regions per account, the estimate split per account, and a budget per account.

A two-account AWS estate with the workload account in another region than the home account (no Transit Gateway,
which is regional) is rendered in memory and read as a reviewer would: each stack's provider in its own account's
region, state in the home account's region, Bedrock ARNs and the router's region settings from the workload account,
and each account's budget scoped to its account at its own part of the estimate."""

from __future__ import annotations

import json
import re
from decimal import ROUND_CEILING, Decimal

import pytest
import yaml
from conftest import REPO

from mcai.cost import estimate_spec
from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.pipeline import budget_figures, rendered
from mcai.report.cost import cost_section
from mcai.report.cost_view import split_text
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive

EXAMPLE = REPO / "examples" / "aws-accounts.yaml"


def _multi_region(workloads_region: str = "us-west-2", profile: str = "us", tgw: bool = False) -> str:
    """The example's two AWS accounts alone (its GCP side, link and Vertex model left out, both Bedrock models in
    the workload account), the workload account in `workloads_region`, with or without the Transit Gateway."""
    spec = yaml.safe_load(EXAMPLE.read_text())
    for key in ("links", "identity"):
        spec.pop(key, None)
    del spec["clouds"]["gcp"], spec["models"]["gemini"]
    spec["routing"]["chain"] = ["claude", "haiku"]
    spec["models"]["haiku"]["account"] = "workloads"
    spec["workloads"]["inference-router"]["runs_on"].pop("oidc_issuer")  # it names the cluster's region (us-east-1)
    for pipeline in spec["bootstrap"]["ci"].values():
        pipeline.pop("roles_on", None)
    spec["budgets"].pop("gcp_billing_account", None)
    aws = spec["clouds"]["aws"]
    if not tgw:
        aws.pop("transit_gateway")
    aws["accounts"]["workloads"]["region"] = workloads_region
    for model in ("claude", "haiku"):
        spec["models"][model]["inference_profile"] = profile
    return yaml.safe_dump(spec, sort_keys=False)


def _plan(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "aws-accounts.yaml", EXAMPLE.parent)
    topology = derive(vspec, budget_figures(vspec))
    paths = derive_paths(vspec, topology)
    tree = rendered(vspec, topology, paths, EXAMPLE)
    return vspec, topology, paths, {k: v.decode() for k, v in tree.items()}


def test_each_stack_reads_its_own_accounts_region() -> None:
    _, topology, paths, files = _plan(_multi_region())
    regions = {s.name: s.provider_settings["region"] for s in topology.stacks}
    assert regions == {"bootstrap": "us-east-1", "bootstrap-aws-workloads": "us-west-2",
                       "aws-network": "us-east-1", "aws-workloads": "us-west-2"}
    # Terraform state stays in the home account's bucket and region, whichever region a stack deploys to
    assert {s.backend.settings.get("region") for s in topology.stacks} == {"us-east-1"}
    main = files["aws-workloads/main.tf"]
    assert "us-east-1" not in re.sub(r"arn:aws:bedrock:us-east-1::foundation-model/", "", main), \
        "only the inference profile's destination regions may name the home account's region"
    assert 'arn:aws:bedrock:us-west-2:222222222222:inference-profile/us.anthropic.claude-sonnet-4-6' in main
    assert 'arn:aws:eks:us-west-2:222222222222:cluster/ai-platform' in main
    assert {p.network.dns_name for p in paths} == {"bedrock-runtime.us-west-2.amazonaws.com"}
    assert set(re.findall(r"aws_region_name: (\S+)", files["handoff/inference-router/litellm-config.yaml"])) \
        == {"us-west-2"}
    assert "account 222222222222 in us-west-2" in files["README.md"]  # the invocation-logging singleton
    # a check command runs against the cluster's region, not the CLI's default (likely the home account's)
    assert "--addon-name eks-pod-identity-agent --region us-west-2`" in files["README.md"]


def test_inference_profile_geography_is_the_models_account_region() -> None:
    _plan(_multi_region("eu-west-1", profile="eu"))  # an eu profile from an eu account: valid, home is us-east-1
    with pytest.raises(SpecError) as refused:
        _plan(_multi_region("eu-west-1", profile="us"))
    messages = [d.message for d in refused.value.diagnostics]
    assert sum("the 'us' inference profile is called only from us-* regions" in m and "eu-west-1" in m
               and "use 'eu' or 'global'" in m for m in messages) == 2  # claude and haiku, each at its own line


def test_a_transit_gateway_keeps_every_account_in_its_region() -> None:
    with pytest.raises(SpecError) as refused:
        _plan(_multi_region(tgw=True))
    (problem,) = refused.value.diagnostics
    assert problem.path == ("clouds", "aws", "accounts", "workloads", "region")
    assert "Transit Gateway peering, which mcai does not render" in problem.message
    _plan(_multi_region("us-east-1", tgw=True))  # same region: attached as before


def test_embedding_availability_is_checked_in_the_stores_account_region() -> None:
    text = _multi_region("us-east-2").replace("routing:\n", (
        "data:\n  articles: {account: workloads, cloud: aws, kind: s3, size_gb: 40}\n"
        "  help-kb:\n    account: workloads\n    cloud: aws\n    kind: bedrock_knowledge_base\n"
        "    documents: articles\n    embedding: {model: cohere.embed-english-v3}\n\nrouting:\n"))
    with pytest.raises(SpecError) as refused:
        parse_spec(text, "aws-accounts.yaml", EXAMPLE.parent)
    assert [d.path for d in refused.value.diagnostics if "is not offered in us-east-2" in d.message] == [
        ("data", "help-kb", "embedding", "model")]
    parse_spec(text.replace("region: us-east-2", "region: us-east-1"), "aws-accounts.yaml", EXAMPLE.parent)


def test_estimate_is_split_per_account_and_adds_up() -> None:
    vspec = parse_spec(_multi_region("us-east-1", tgw=True), "aws-accounts.yaml", EXAMPLE.parent)
    est = estimate_spec(vspec)
    assert est.stacks == ("aws-network", "aws-workloads")
    by_stack = {ln.id: ln.stack for ln in est.lines}
    assert by_stack["inference.claude.input_tokens"] == "aws-workloads"
    assert by_stack["network.aws.transit_gateway.network"] == "aws-network"
    assert by_stack["network.aws.transit_gateway.workloads"] == "aws-workloads"
    assert sum(est.subtotal(est.for_stack(s)).high for s in est.stacks) == est.monthly.high
    section = cost_section(est)
    assert section.schema_ == "mcai.cost/v1.2"
    assert list(section.monthly_by_stack_usd) == ["aws-network", "aws-workloads"]
    # the network account pays for its own VPC's Transit Gateway attachment, and nothing of the workloads'
    assert section.monthly_by_stack_usd["aws-network"].high == "36.50"
    assert section.monthly_by_cloud_usd["aws"] == section.monthly_total_usd
    assert {ln.stack for ln in section.lines} == {"aws-network", "aws-workloads"}
    text = split_text(section)
    assert text is not None and text.startswith("Priced monthly by account: aws-network $36.50, aws-workloads $")
    two = cost_section(estimate_spec(parse_spec(_multi_region(), "aws-accounts.yaml", EXAMPLE.parent)))
    assert two.monthly_by_stack_usd["aws-network"].high == "0.00"  # every account gets a subtotal, even $0
    one = cost_section(estimate_spec(load_spec(REPO / "examples" / "aws-bedrock.yaml")))
    assert split_text(one) is None and list(one.monthly_by_stack_usd) == ["aws"]


def test_each_account_gets_its_own_budget_scoped_to_it() -> None:
    vspec, topology, _, files = _plan(_multi_region())
    est = estimate_spec(vspec)
    budgets = {s.name: m.inputs for s in topology.stacks for m in s.modules if m.label == "budget"}
    assert sorted(budgets) == ["aws-network", "aws-workloads"]
    assert {k: v["account_id"] for k, v in budgets.items()} == {"aws-network": "111111111111",
                                                                 "aws-workloads": "222222222222"}
    subtotal = est.subtotal(est.for_stack("aws-workloads")).high
    assert subtotal > 0
    assert budgets["aws-workloads"]["amount_usd"] == int((subtotal * Decimal("1.25")).to_integral_value(
        rounding=ROUND_CEILING))
    assert budgets["aws-network"]["amount_usd"] == 10  # nothing priced there: the spec's minimum
    assert budgets["aws-workloads"]["name"] == "support-assistant-prod-aws-workloads-monthly"
    assert 'account_id     = "222222222222"' in files["aws-workloads/main.tf"]
    module = files["aws-workloads/modules/aws-budget/main.tf"]
    assert re.search(r'cost_filter \{\s+name\s+= "LinkedAccount"\s+values = \[var.account_id\]', module)


def test_report_names_the_estimate_of_each_accounts_budget(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mcai.pipeline import plan

    result = plan(EXAMPLE, tmp_path / "out", mode="dry-run")
    sources = {f.message.split(":")[0]: f.message for f in result.report.findings if f.id == "budget-from-estimate"}
    assert sorted(sources) == ["aws-network budget", "aws-workloads budget", "gcp budget"]  # one per account
    assert "= aws-workloads priced monthly subtotal $" in sources["aws-workloads budget"]
    report = json.loads(result.report.to_json())
    assert report["cost"]["schema"] == "mcai.cost/v1.2"
    assert set(report["cost"]["monthly_by_stack_usd"]) == {"aws-network", "aws-workloads", "gcp"}


GCP_AND_AZURE = """version: 1
name: acme
environment: prod
control_plane: gcp
clouds:
  gcp:
    home: shared
    accounts:
      shared: {project_id: acme-shared-prod, project_number: "123456789012", region: us-east4}
      ml: {project_id: acme-ml-prod, project_number: "223456789012", region: europe-west4}
  azure:
    home: hub
    accounts:
      hub: {subscription_id: 00000000-0000-0000-0000-000000000000, tenant_id: 11111111-1111-1111-1111-111111111111,
            location: swedencentral, network: {cidr: 10.40.0.0/22}}
      ai: {subscription_id: 00000000-0000-0000-0000-000000000001, tenant_id: 11111111-1111-1111-1111-111111111111,
           location: eastus2, network: {cidr: 10.41.0.0/22}, openai: {subdomain: acme-ai-prod}}
workloads:
  router:
    account: ml
    runs_on: {cloud: gcp, kind: gke, cluster: ai, namespace: router, service_account: router, location: europe-west4}
models:
  gemini: {account: ml, provider: vertex, model: gemini-2.5-pro}
  gpt51: {account: ai, provider: azure_openai, model: gpt-5.1, version: "2025-11-13",
          deployment: {type: global_standard, tpm_thousands: 10}}
routing: {router: router, chain: [gemini]}
budgets:
  notify: {emails: [finops@example.com]}
  gcp_billing_account: 012345-6789AB-CDEF01
  start_month: 2027-01
"""


def test_projects_and_subscriptions_in_their_own_regions_with_their_own_budgets() -> None:
    vspec = parse_spec(GCP_AND_AZURE, "spec.yaml")
    topology = derive(vspec, budget_figures(vspec))
    stacks = {s.name: s for s in topology.workload_stacks}
    assert {n: s.provider_settings.get("region") for n, s in stacks.items() if s.cloud == "gcp"} == {
        "gcp-shared": "us-east4", "gcp-ml": "europe-west4"}
    calls = {(s.name, m.label): m.inputs for s in topology.workload_stacks for m in s.modules}
    # the Vertex model without 'region' is called in its own project's region, not the home project's
    assert [p.network.dns_name for p in derive_paths(vspec, topology)] == ["europe-west4-aiplatform.googleapis.com"]
    assert calls[("azure-ai", "openai")]["location"] == "eastus2"
    budgets = {s: i for (s, label), i in calls.items() if label == "budget"}
    assert sorted(budgets) == ["azure-ai", "azure-hub", "gcp-ml", "gcp-shared"]
    assert (budgets["gcp-ml"]["project_id"], budgets["gcp-ml"]["project_number"]) == ("acme-ml-prod", "223456789012")
    assert budgets["gcp-shared"]["project_number"] == "123456789012"
    assert budgets["azure-ai"]["subscription_id"] == "00000000-0000-0000-0000-000000000001"
    assert budgets["azure-hub"]["subscription_id"] == "00000000-0000-0000-0000-000000000000"
    assert len({i["display_name" if "display_name" in i else "name"] for i in budgets.values()}) == 4
    # no home region leaks into another account's stack or its hand-off files
    tree = rendered(vspec, topology, derive_paths(vspec, topology), EXAMPLE)
    for stack, home in (("gcp-ml/", "us-east4"), ("azure-ai/", "swedencentral"), ("handoff/", "us-east4")):
        leaks = [name for name, data in tree.items() if name.startswith(stack) and home in data.decode()]
        assert leaks == [], f"{home} (the home account's region) in {leaks}"


def test_each_line_is_priced_in_its_accounts_region(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mcai.cost import load_prices

    prices = tmp_path / "prices.yaml"
    entry = "    unit: usd_per_1m_tokens\n    source: our rate card\n    as_of: 2026-12-01\n"
    prices.write_text("version: 1\nname: mine\nprices:\n"
                      f"  tokens.bedrock.anthropic.claude-sonnet-4-6.input:\n    value: 3\n{entry}"
                      f"  tokens.bedrock.anthropic.claude-sonnet-4-6.input@us-west-2:\n    value: 4\n{entry}"
                      "  network.transit_gateway.attachment@us-east-1:\n    value: 0.07\n    unit: usd_per_hour\n"
                      "    source: our rate card\n    as_of: 2026-12-01\n")
    catalog = load_prices(prices)

    def line(text: str, line_id: str):  # type: ignore[no-untyped-def]
        est = estimate_spec(parse_spec(text, "aws-accounts.yaml", EXAMPLE.parent), catalog)
        return next(ln for ln in est.lines if ln.id == line_id)

    west = line(_multi_region(), "inference.claude.input_tokens")
    assert (west.region, west.price.id, west.unit_price.low) == (
        "us-west-2", "tokens.bedrock.anthropic.claude-sonnet-4-6.input@us-west-2", 4)
    east = line(_multi_region("us-east-1"), "inference.claude.input_tokens")
    assert (east.region, east.price.id, east.unit_price.low) == (
        "us-east-1", "tokens.bedrock.anthropic.claude-sonnet-4-6.input", 3)
    attachment = line(EXAMPLE.read_text(), "network.aws.transit_gateway.workloads")
    assert attachment.price.id == "network.transit_gateway.attachment@us-east-1"
    assert attachment.cost.low == Decimal("51.10")  # 730 h x the us-east-1 rate
    assert cost_section(estimate_spec(load_spec(EXAMPLE))).lines[0].region == "us-east-1"
