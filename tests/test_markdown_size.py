"""The PR comment fits: `--format markdown` stays under 60,000 characters for a large estate, with the delta first
and long tables truncated with a count and a pointer to the JSON report."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.report.markdown import LIMIT

MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"  # the id examples/aws-bedrock.yaml uses


def large_spec(workloads: int = 50, models: int = 200) -> str:
    lines = ["version: 1", "name: big", "environment: prod", "control_plane: aws", "clouds:", "  aws:",
             '    account_id: "111122223333"', "    region: us-east-1",
             "    network: {cidr: 10.10.0.0/16, vpc_id: vpc-0a1b2c3d, subnet_ids: [subnet-0a1b2c3d]}",
             "    bedrock: {private: true, invocation_logging: {}}", "workloads:"]
    lines += [f"  w{w:03d}: {{runs_on: {{cloud: aws, kind: eks, cluster: c, namespace: n{w}, service_account: sa}}}}"
              for w in range(workloads)]
    lines.append("models:")
    lines += [f"  m{m:03d}: {{provider: bedrock, model: {MODEL}, inference_profile: us}}" for m in range(models)]
    lines.append("routing: {router: w000, chain: [m000], cache: {cloud: aws}}")
    lines.append("data:")
    lines += [f"  d{w:03d}: {{cloud: aws, kind: s3, used_by: [w{w:03d}]}}" for w in range(workloads)]
    return "\n".join(lines) + "\n"


def test_markdown_fits_a_pr_comment_for_200_models(tmp_path: Path) -> None:
    spec = tmp_path / "big.yaml"
    spec.write_text(large_spec())
    empty = tmp_path / "base"
    empty.mkdir()
    runner = CliRunner()
    for extra in ([], ["--baseline", str(empty)]):
        result = runner.invoke(app, ["plan", str(spec), "--dry-run", "--format", "markdown", *extra])
        assert result.exit_code == 0, result.stderr
        md = result.stdout
        assert len(md) < LIMIT <= 60_000, len(md)
        assert md.startswith("## mcai plan: big (prod)")
        assert "361 more components not shown; see the JSON report" in md  # 401 cost lines, 40 shown
        if extra:
            assert md.index("### Changes against the baseline") < md.index("### Findings")
            assert "more resources not shown; see the JSON report" in md
        assert md.count("<details>") == md.count("</details>")


def test_sections_fold_away_last_first_when_still_too_long() -> None:
    from conftest import REPO

    from mcai import pipeline
    from mcai.report.markdown import markdown

    result = pipeline.plan(REPO / "examples" / "aws-bedrock.yaml", Path("unused"), mode="dry-run")
    huge = "graph LR\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(5000))
    md = markdown(result.report, huge)
    assert len(md) < LIMIT
    assert "_Omitted to fit a PR comment (60,000 characters): Topology; see the JSON report" in md
    assert "### Findings" in md and "### Cost" in md


def test_spec_text_cannot_inject_markdown(tmp_path: Path) -> None:
    from conftest import REPO

    spec = tmp_path / "spec.yaml"
    spec.write_text((REPO / "examples" / "gcp-aws-interconnect.yaml").read_text() + (
        "\nacknowledgements:\n  - {id: no-fallback-model, path: routing.chain, "
        "reason: \"ok | <img src=x onerror=alert(1)> [click](http://evil) @org/team **loud** `tick`\"}\n"))
    md = CliRunner().invoke(app, ["plan", str(spec), "--dry-run", "--format", "markdown"]).stdout
    row = next(line for line in md.splitlines() if "no-fallback-model" in line and line.startswith("|"))
    assert row.count(" | ") == 4 and "\\|" in row, "the reason cannot open a new cell"
    for raw, shown in (("<img", "\\<img"), ("[click](", "\\[click\\]("), ("@org", "@\u200borg"),
                       ("**loud**", "\\*\\*loud\\*\\*"), ("`tick`", "\\`tick\\`")):
        assert shown in row and raw not in row.replace(shown, ""), raw
    bad = spec.read_text().replace("single", "x").replace("reason: \"ok", "reason: \"ok\\u001b[31m")
    spec.write_text(bad)
    assert CliRunner().invoke(app, ["validate", str(spec)]).exit_code == 1, "control characters are refused"
