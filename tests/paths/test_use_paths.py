"""The use graph (issue 11): every use of every example has a complete identity and network path, a broken path
is a located spec error, and the report, its views and the diagram show the same paths."""

from __future__ import annotations

import io
import json
import re

import pytest
from conftest import EXAMPLES, REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.pipeline import derive_all, plan
from mcai.report import markdown, report_json_schema, table
from mcai.spec import parse_spec
from mcai.topology import derive

USES = {"article-egress": 4, "aws-accounts": 3, "aws-bedrock": 7, "aws-knowledge-base": 3, "azure-openai": 0,
        "gcp-aws-interconnect": 1, "gcp-vertex": 4, "identity-federation": 3, "production-pattern": 12, "gcp-primary": 9,
        "azure-primary": 9}  # azure-primary: 7 workload uses and Sentinel's landings of AWS's trail and GCP's logs


def paths_of(text: str, name: str = "s.yaml"):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, name)
    return derive_paths(vspec, derive(vspec))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_use_of_every_example_has_a_complete_path(example) -> None:  # type: ignore[no-untyped-def]
    _, _, paths = derive_all(example)
    assert len(paths) == USES[example.stem]
    for p in paths:
        assert p.identity and p.network.description and p.network.dns_name and p.works_after, p
        assert p.network.kind in ("same-cloud", "private-link", "public")


def test_production_pattern_has_no_public_path() -> None:
    _, _, paths = derive_all(REPO / "examples" / "production-pattern.yaml")
    kinds = {(p.use.target, p.network.kind) for p in paths if p.use.kind != "landing"}
    # the public paths are no workload's: GCP's audit logs pushed by Pub/Sub, which cannot reach into a VPC, and
    # Azure's posted by a Consumption Logic App, which runs outside the VNet
    assert [p.network.kind for p in paths if p.use.kind == "landing"] == ["public", "public"]
    assert kinds == {("gpt51", "private-link"), ("gpt51-paygo", "private-link"), ("claude", "same-cloud"),
                     ("analytics", "private-link"), ("documents", "same-cloud"), ("vectors", "same-cloud"),
                     ("cache", "same-cloud"), ("embeddings", "private-link"), ("knowledge", "same-cloud")}
    analytics = next(p for p in paths if p.use.target == "analytics")
    assert analytics.network.dns_name == "bigquery.googleapis.com -> 10.31.255.254"
    assert analytics.identity[-1].startswith("roles/bigquery.dataEditor on dataset support_assistant_prod_analytics")


def test_public_paths_carry_the_reason_the_spec_gives() -> None:
    _, _, paths = derive_all(REPO / "examples" / "article-egress.yaml")
    gpt = next(p for p in paths if p.use.target == "gpt51")
    assert gpt.network.kind == "public" and "internet-egress scenario" in gpt.network.description


# item 7: uses with no identity path were rendered without complaint before -----------------------------------------
def test_gcp_vertex_without_federation_is_refused_at_each_use() -> None:
    source = (REPO / "examples" / "gcp-vertex.yaml").read_text()
    broken = re.sub(r"\nidentity:\n  inference-router:\n    gcp: .*\n", "\n", source)
    assert broken != source
    with pytest.raises(SpecError) as err:
        paths_of(broken, "v.yaml")
    assert [d.dotted_path for d in err.value.diagnostics] == ["routing.chain[0]", "routing.chain[1]",
                                                              "data.analytics.used_by[0]"]
    assert all("has no identity in Google Cloud" in d.message for d in err.value.diagnostics)


def test_article_egress_as_it_was_is_unreachable_and_unauthenticated() -> None:
    source = (REPO / "examples" / "article-egress.yaml").read_text()
    broken = source.replace("    openai: {public_network_access: true}\n", "")
    broken = re.sub(r"\nidentity:\n  inference-router:\n    azure: .*\n", "\n", broken)
    with pytest.raises(SpecError) as err:
        paths_of(broken, "a.yaml")
    by_path: dict[str, list[str]] = {}
    for d in err.value.diagnostics:
        by_path.setdefault(d.dotted_path, []).append(d.message)
    assert sorted(by_path) == ["routing.chain[0]", "usage.flows[0]"]  # the re-embedding flow is a use too
    messages = by_path["routing.chain[0]"]
    assert len(messages) == 2 and len(by_path["usage.flows[0]"]) == 2
    assert "has no identity in Azure" in messages[0] or "has no identity in Azure" in messages[1]
    assert any("public network access off and there is no private link" in m for m in messages)


def test_a_broken_path_writes_nothing_and_exits_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "s.yaml"
    spec.write_text((REPO / "tests" / "invalid" / "paths-bigquery-no-identity.yaml").read_text())
    result = CliRunner().invoke(app, ["plan", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert re.search(r"s\.yaml:\d+:\d+: data\.analytics\.used_by\[0\]: workload 'logger'", result.stderr)


# the report, its views and the diagram --------------------------------------------------------------------------
def test_report_views_and_graph_show_the_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = plan(REPO / "examples" / "production-pattern.yaml", tmp_path / "out", mode="dry-run")
    data = json.loads(result.report.to_json())
    assert [p["uses"] for p in data["paths"]] == ["model gpt51", "model gpt51-paygo", "model claude",
                                                   "data analytics", "data documents", "data knowledge",
                                                   "data vectors", "cache", "model embeddings", "ingestion knowledge",
                                                   "landing gcp", "landing azure"]
    assert "paths" in report_json_schema()["properties"]
    md = markdown(result.report)
    assert "### Paths" in md and "`bigquery.googleapis.com -> 10.31.255.254`" in md
    out = io.StringIO()
    table(result.report, out)
    assert "Paths (every use" in out.getvalue()
    graph = CliRunner().invoke(app, ["graph", str(REPO / "examples" / "production-pattern.yaml")])
    assert '"reads/writes [private-link]"| d_analytics' in graph.stdout
    assert '"primary over expressroute [private-link]"| m_gpt51' in graph.stdout
