"""`mcai graph`: the Mermaid diagram is structurally valid (every node declared once inside its cloud's subgraph,
every edge between declared ids, labels quoted, subgraphs closed) and so is the DOT rendering."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, REPO
from typer.testing import CliRunner

from mcai.cli.app import app

runner = CliRunner()
NODE = re.compile(r'^    ([A-Za-z_][A-Za-z0-9_]*)(\[\[|\[\(|\{\{|\[)"([^"\n]*)"(\]\]|\)\]|\}\}|\])$')
SUBGRAPH = re.compile(r'^  subgraph (aws|azure|gcp)\["([^"\n]*)"\]$')
EDGE = re.compile(r'^  ([A-Za-z_][A-Za-z0-9_]*) (-->|-\.->|==>)\|"([^"\n]*)"\| ([A-Za-z_][A-Za-z0-9_]*)$')
CLOSE = {"[[": "]]", "[(": ")]", "{{": "}}", "[": "]"}


def check_mermaid(text: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    declared: set[str] = set()
    edges: list[tuple[str, str, str]] = []
    inside = None
    for line in lines[1:]:
        if m := SUBGRAPH.match(line):
            assert inside is None, "nested subgraph"
            inside = m.group(1)
            declared.add(inside)
        elif line == "  end":
            assert inside is not None, "end without subgraph"
            inside = None
        elif m := NODE.match(line):
            assert inside is not None, f"node outside a cloud: {line}"
            assert CLOSE[m.group(2)] == m.group(4), line
            assert m.group(1) not in declared, f"declared twice: {m.group(1)}"
            declared.add(m.group(1))
        elif m := EDGE.match(line):
            assert inside is None
            edges.append((m.group(1), m.group(4), m.group(3)))
        else:
            raise AssertionError(f"not Mermaid this check knows: {line!r}")
    assert inside is None, "unclosed subgraph"
    for src, dst, _ in edges:
        assert src in declared and dst in declared, (src, dst)
    return declared, edges


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_mermaid_is_structurally_valid_for_every_example(example) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["graph", str(example)])
    assert result.exit_code == 0, result.stderr
    check_mermaid(result.stdout)


def test_article_diagram_shows_clouds_models_stores_flows_and_trust() -> None:
    out = runner.invoke(app, ["graph", str(REPO / "examples" / "article-egress.yaml")]).stdout
    declared, edges = check_mermaid(out)
    assert {"aws", "azure", "gcp", "w_inference_router", "m_gpt51", "d_documents", "d_vectors"} <= declared
    labels = {(s, d): label for s, d, label in edges}
    assert labels[("w_inference_router", "m_gpt51")] == "primary over internet [public]"
    assert "500 GB/week over internet" in labels[("aws", "azure")]
    assert "10,000 GB once" in labels[("gcp", "aws")]
    assert any(label.startswith("trust: ") for _, _, label in edges)


def test_production_diagram_shows_fallback_spillover_and_cache() -> None:
    out = runner.invoke(app, ["graph", str(REPO / "examples" / "production-pattern.yaml")]).stdout
    _, edges = check_mermaid(out)
    labels = {label for _, _, label in edges}
    assert {"fallback 1 [same-cloud]", "spillover [private-link]", "cache lookup [same-cloud]"} <= labels


def test_labels_cannot_break_out_of_quotes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (REPO / "examples" / "article-egress.yaml").read_text().replace(
        "what: weekly re-embedding of the corpus through Azure OpenAI", 'what: "re-embed \\"all\\" | docs"')
    spec = tmp_path / "q.yaml"
    spec.write_text(text)
    out = runner.invoke(app, ["graph", str(spec)]).stdout
    check_mermaid(out)
    assert "re-embed #quot;all#quot; | docs" in out


def test_dot_output_is_a_closed_digraph_with_clusters() -> None:
    out = runner.invoke(app, ["graph", str(REPO / "examples" / "article-egress.yaml"), "--format", "dot"]).stdout
    assert out.startswith("digraph mcai {") and out.rstrip().endswith("}")
    assert out.count("{") == out.count("}")
    assert "subgraph cluster_azure {" in out and 'w_inference_router -> m_gpt51 [label="primary over internet [public]"' in out
