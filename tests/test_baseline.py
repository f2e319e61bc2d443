"""`mcai plan --baseline DIR`: create / change / replace / destroy per stack and resource, from the manifests alone;
replacing or destroying what holds data or committed capacity is an error-level finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.baseline.diff import compare, counts
from mcai.cli.app import app

AZURE = REPO / "examples" / "azure-openai.yaml"
AWS = REPO / "examples" / "aws-bedrock.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def against_baseline(tmp_path: Path, example: Path, edit, *extra: str):  # type: ignore[no-untyped-def]
    """Generate `example` as the baseline tree, edit the spec, plan against the baseline; (exit code, report)."""
    spec, base = tmp_path / "spec.yaml", tmp_path / "base"
    spec.write_text(example.read_text())
    assert run("plan", str(spec), "-o", str(base)).exit_code == 0
    text = spec.read_text()
    edited = edit(text)
    assert edited != text, "the edit applies"
    spec.write_text(edited)
    result = run("plan", str(spec), "--dry-run", "-o", str(tmp_path / "new"), "--baseline", str(base),
                 "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def by_action(report: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    out: dict[str, list[str]] = {}
    for c in report["baseline"]["changes"]:
        out.setdefault(c["action"], []).append(c["address"])
    return out


def test_unchanged_spec_has_no_changes(tmp_path: Path) -> None:
    code, report = against_baseline(tmp_path, AWS, lambda t: t + "\n# a comment changes nothing\n")
    assert code == 0 and report["baseline"]["changes"] == [] and report["baseline"]["comparable"]


def test_create(tmp_path: Path) -> None:
    code, report = against_baseline(
        tmp_path, AWS, lambda t: t.replace("data:\n", "data:\n  archive: {cloud: aws, kind: s3}\n", 1),
        "--fail-on", "error")
    actions = by_action(report)
    assert set(actions) <= {"create", "change"}  # the router's policy may now name the new bucket
    assert "module.data_archive.aws_s3_bucket.this" in actions["create"]
    assert all(a.startswith("module.data_archive.") for a in actions["create"])
    assert report["baseline"]["counts"]["aws"]["create"] == len(actions["create"])
    assert code == 0 and not [f for f in report["findings"] if f["id"].startswith("baseline-")]


def test_in_place_change(tmp_path: Path) -> None:
    code, report = against_baseline(tmp_path, AZURE, lambda t: t.replace("owner: ml-platform", "owner: ml-infra"),
                                    "--fail-on", "error")
    actions = by_action(report)
    assert set(actions) == {"change"} and len(actions["change"]) == report["summary"]["resources"]
    assert code == 0, "an in-place change is no error"


def test_replacement_of_a_ptu_deployment_is_an_error(tmp_path: Path) -> None:
    def edit(t: str) -> str:
        return (t.replace("type: data_zone_provisioned, ptu: 15", "type: global_provisioned, ptu: 15")
                .replace("type: data_zone_standard, tpm_thousands: 100", "type: global_standard, tpm_thousands: 100"))

    code, report = against_baseline(tmp_path, AZURE, edit, "--fail-on", "error")
    assert code == 4
    replaced = [c for c in report["baseline"]["changes"] if c["action"] == "replace"]
    assert {c["address"] for c in replaced} == {'module.openai.azurerm_cognitive_deployment.provisioned["gpt51"]',
                                                 'module.openai.azurerm_cognitive_deployment.this["gpt51-paygo"]'}
    errors = [f for f in report["findings"] if f["id"] == "baseline-replace"]
    assert {f["severity"] for f in errors} == {"error"} and len(errors) == 2
    assert {f["spec_path"] for f in errors} == {"models"}
    assert "committed" in errors[0]["message"]


def test_destroy_of_a_stateful_resource_is_an_error(tmp_path: Path) -> None:
    line = "  documents: {cloud: aws, kind: s3, size_gb: 500, used_by: [inference-router, indexer]}\n"

    def edit(t: str) -> str:
        assert line in t
        return t.replace(line, "")

    code, report = against_baseline(tmp_path, AWS, edit, "--fail-on", "error")
    assert code == 4
    destroyed = by_action(report)["destroy"]
    assert "module.data_documents.aws_s3_bucket.this" in destroyed
    errors = [f for f in report["findings"] if f["id"] == "baseline-destroy" and f["severity"] == "error"]
    assert [f["spec_path"] for f in errors] == ["data.documents"]
    assert "aws_s3_bucket.this (stateful)" in errors[0]["message"]
    minor = [f for f in report["findings"] if f["id"] == "baseline-destroy" and f["severity"] == "warning"]
    assert minor and "aws_s3_bucket_policy" in minor[0]["message"], "the bucket's companions are one warning"


def test_destroy_can_be_acknowledged(tmp_path: Path) -> None:
    line = "  documents: {cloud: aws, kind: s3, size_gb: 500, used_by: [inference-router, indexer]}\n"
    ack = ("\nacknowledgements:\n  - {id: baseline-destroy, path: data.documents, reason: \"migrated to the archive "
           "bucket\", expires: 2999-01-01}\n")
    code, report = against_baseline(tmp_path, AWS, lambda t: t.replace(line, "") + ack, "--fail-on", "error")
    assert code == 0
    acked = [f for f in report["findings"] if f["acknowledgement"]]
    assert acked and all(f["id"] == "baseline-destroy" for f in acked)


def test_markdown_puts_the_delta_first(tmp_path: Path) -> None:
    spec, base = tmp_path / "spec.yaml", tmp_path / "base"
    spec.write_text(AWS.read_text())
    assert run("plan", str(spec), "-o", str(base)).exit_code == 0
    spec.write_text(spec.read_text().replace("  documents: {cloud: aws, kind: s3, size_gb: 500, used_by: "
                                             "[inference-router, indexer]}\n", ""))
    md = run("plan", str(spec), "--dry-run", "--baseline", str(base), "--format", "markdown").stdout
    assert md.index("### Changes against the baseline") < md.index("### Findings") < md.index("### Stacks")
    assert "| **destroy** | `aws` | `module.data_documents.aws_s3_bucket.this` | stateful |" in md


def test_baseline_without_a_manifest_or_records(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("plan", str(AWS), "--dry-run", "--baseline", str(empty), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and {c["action"] for c in report["baseline"]["changes"]} == {"create"}
    assert "every resource is new" in report["baseline"]["note"]
    old = tmp_path / "old"
    old.mkdir()
    (old / "mcai-manifest.json").write_text(json.dumps({"schema": "mcai.manifest/v1", "files": {}}))
    report = json.loads(run("plan", str(AWS), "--dry-run", "--baseline", str(old), "--format", "json").stdout)
    assert report["baseline"]["comparable"] is False and "older mcai" in report["baseline"]["note"]
    missing = run("plan", str(AWS), "--dry-run", "--baseline", str(tmp_path / "nope"))
    assert missing.exit_code == 1 and f"{tmp_path / 'nope'}: no such" in missing.stderr


@pytest.mark.parametrize(("before", "after", "action"), [
    (None, {"identity": "a", "values": "b"}, "create"),
    ({"identity": "a", "values": "b"}, None, "destroy"),
    ({"identity": "a", "values": "b"}, {"identity": "z", "values": "b"}, "replace"),
    ({"identity": "a", "values": "b"}, {"identity": "z", "values": "y"}, "replace"),
    ({"identity": "a", "values": "b"}, {"identity": "a", "values": "y"}, "change"),
    ({"identity": "a", "values": "b"}, {"identity": "a", "values": "b"}, None),
])
def test_compare_classes(before, after, action) -> None:  # type: ignore[no-untyped-def]
    base = {"aws": {"module.m.t.this": before}} if before else {}
    cur = {"aws": {"module.m.t.this": after}} if after else {}
    changes = compare(base, cur)
    assert [c.action for c in changes] == ([action] if action else [])
    assert counts(changes) == ({"aws": {action: 1}} if action else {})


def test_moved_blocks_are_followed_not_destroy_and_create() -> None:
    from mcai.baseline.diff import follow_moves

    rec = {"identity": "a", "values": "b"}
    base = {"aws": {'module.o.t.with_spillover["x"]': rec, "module.w.p.this": rec, 'module.o.t.this["y"]': rec}}
    moved = {"aws": [["module.o.t.with_spillover", "module.o.t.provisioned"], ["module.w.p.this", "module.w.p.this[0]"],
                     ['module.o.t.this["y"]', 'module.o.t.provisioned["y"]']]}
    assert sorted(follow_moves(base["aws"], moved["aws"])) == [
        'module.o.t.provisioned["x"]', 'module.o.t.provisioned["y"]', "module.w.p.this[0]"]
    current = {"aws": dict.fromkeys(['module.o.t.provisioned["x"]', 'module.o.t.provisioned["y"]',
                                     "module.w.p.this[0]"], rec)}
    assert compare(base, current, moved) == []
    assert {c.action for c in compare(base, current)} == {"create", "destroy"}, "without the moves"


def test_manifest_records_the_moves_mcai_makes() -> None:
    from mcai.pipeline import generate
    from mcai.render import MANIFEST

    _, _, tree = generate(REPO / "examples" / "production-pattern.yaml")
    moved = json.loads(tree[MANIFEST])["moved"]
    assert ["module.openai.azurerm_cognitive_deployment.with_spillover",
            "module.openai.azurerm_cognitive_deployment.provisioned"] in moved["azure"]
