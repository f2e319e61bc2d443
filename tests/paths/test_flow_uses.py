"""Issue 11: a flow (`usage.flows`) is a use like any other: the workload that moves the data gets an identity path
and a network path to what it reads or calls in the other cloud, and the report prices egress per use. A flow that
is neither a use nor explicitly `outside` the spec, or whose path is broken, is a located error."""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.spec import parse_spec
from mcai.topology import derive

PRODUCTION = (REPO / "examples" / "production-pattern.yaml").read_text()
FLOW = "       by: inference-router, uses: embeddings}"


def report(example: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["plan", str(REPO / "examples" / f"{example}.yaml"), "--dry-run", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as err:
        vspec = parse_spec(text, "s.yaml")
        derive_paths(vspec, derive(vspec))
    return [d.format("s.yaml") for d in err.value.diagnostics]


@pytest.mark.parametrize("example, monthly", [("production-pattern", "40.00"), ("article-egress", "180.00")])
def test_a_flow_is_a_use_with_its_paths_and_its_egress(example: str, monthly: str) -> None:
    r = report(example)
    (flow,) = [p for p in r["paths"] if p["declared_at"] == "usage.flows[0]"]
    assert (flow["workload"], flow["uses"], flow["cloud"]) == ("inference-router", "model embeddings", "azure")
    assert flow["identity"] and flow["network_path"] and flow["dns_name"]
    line = next(ln for ln in r["cost"]["lines"] if ln["id"] == "egress.flow.0")
    assert flow["egress"] == ["egress.flow.0"] and flow["egress_monthly_usd"] == line["cost_usd"]
    assert line["cost_usd"] == {"low": monthly, "high": monthly}


def test_the_primary_model_use_carries_the_request_egress_and_other_uses_none() -> None:
    r = report("article-egress")
    primary = next(p for p in r["paths"] if p["declared_at"] == "routing.chain[0]")
    assert primary["egress"] == ["egress.requests.aws-azure", "egress.responses.azure-aws"]
    assert primary["egress_monthly_usd"] == {"low": "7.20", "high": "7.20"}  # responses depend on usage: unpriced
    assert all(not p["egress"] for p in r["paths"] if p["declared_at"] in ("data.documents", "data.vectors"))
    once = next(ln for ln in r["cost"]["lines"] if ln["id"] == "egress.flow.1.once")  # `outside`: priced, no use
    assert once["cost_usd"] == {"low": "1200.00", "high": "1200.00"}
    assert not any(p["declared_at"] == "usage.flows[1]" for p in r["paths"])


def test_the_views_show_egress_per_use() -> None:
    result = CliRunner().invoke(app, ["plan", str(REPO / "examples" / "production-pattern.yaml"), "--dry-run",
                                      "-f", "markdown"])
    assert "| Egress | Identity chain |" in result.stdout
    row = next(ln for ln in result.stdout.splitlines() if ln.startswith("| inference-router | model embeddings"))
    assert "$40.00/month" in row


@pytest.mark.parametrize("change, expected", [
    (("       by: inference-router, uses: embeddings}", "}"),
     "usage.flows[0]: a flow is a use: name the workload that moves the data ('by')"),
    ((FLOW, "       by: inference-routr, uses: embeddings}"),
     "usage.flows[0].by: unknown workload 'inference-routr'; did you mean 'inference-router'?"),
    ((FLOW, "       by: inference-router, uses: embedings}"), "usage.flows[0].uses: unknown data store or model"),
    ((FLOW, "       by: inference-router}"), "usage.flows[0]: give both 'by' and 'uses' ('uses' is missing)"),
    ((FLOW, "       by: inference-router, uses: claude}"),
     "usage.flows[0]: the flow moves data between aws and azure, but 'inference-router' runs on aws and 'claude' is "
     "on aws"),
    ((FLOW, "       by: inference-router, uses: embeddings, outside: not ours}"),
     "usage.flows[0].outside: give 'by' and 'uses', or 'outside', not both"),
    (("    azure: {openai: [gpt51, gpt51-paygo, embeddings]}", "    azure: {openai: [gpt51, gpt51-paygo]}"),
     "usage.flows[0]: workload 'inference-router' calls model 'embeddings' (Azure OpenAI, text-embedding-3-large), "
     "but its Azure identity is not granted that model"),
])
def test_a_flow_that_is_not_a_complete_use_is_a_located_error(change: tuple[str, str], expected: str) -> None:
    assert change[0] in PRODUCTION
    found = errors(PRODUCTION.replace(*change))
    assert any(expected in e for e in found), found
    assert all(e.startswith("s.yaml:") and e.split(":")[1].isdigit() for e in found)
