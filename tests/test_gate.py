"""The CI gate: exact --check (foreign files), exit-code precedence, acknowledgements, `mcai explain`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.finding_ids import ids, registry

WARNED = REPO / "examples" / "gcp-aws-interconnect.yaml"  # no-cache-at-boundary (routing), no-fallback-model


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env)


def spec_with(tmp_path: Path, extra: str = "") -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(WARNED.read_text() + extra)
    return spec


def test_foreign_file_in_a_stack_fails_check_and_is_named(tmp_path: Path) -> None:
    spec, out = spec_with(tmp_path), tmp_path / "out"
    assert run("plan", str(spec), "-o", str(out)).exit_code == 0
    (out / "aws" / "extra.tf").write_text('resource "aws_s3_bucket" "x" {}\n')
    (out / "gcp" / "modules" / "notes.txt").write_text("hand-added\n")
    # Terraform's own working files and user inputs are not foreign
    (out / "aws" / ".terraform").mkdir()
    (out / "aws" / ".terraform" / "x").write_text("")
    for name in ("terraform.tfvars", "backend.hcl", ".terraform.lock.hcl", "terraform.tfstate"):
        (out / "aws" / name).write_text("")
    (out / "notes.md").write_text("outside the stacks: not mcai's business\n")
    result = run("plan", str(spec), "-o", str(out), "--check", "--format", "json")
    assert result.exit_code == 3, result.stderr
    assert f"foreign: {out / 'aws' / 'extra.tf'}" in result.stderr
    assert f"foreign: {out / 'gcp' / 'modules' / 'notes.txt'}" in result.stderr
    report = json.loads(result.stdout)
    foreign = sorted(f["path"] for f in report["files"] if f["status"] == "foreign")
    assert foreign == ["aws/extra.tf", "gcp/modules/notes.txt"]
    assert [c["condition"] for c in report["gate"]["conditions"]] == ["stale"]
    # regeneration leaves the foreign file alone but says so
    again = run("plan", str(spec), "-o", str(out))
    assert again.exit_code == 0 and "foreign: " in again.stderr and (out / "aws" / "extra.tf").exists()
    (out / "aws" / "extra.tf").unlink()
    (out / "gcp" / "modules" / "notes.txt").unlink()
    assert run("plan", str(spec), "-o", str(out), "--check").exit_code == 0


def test_stale_and_failing_findings_exit_4_and_report_both(tmp_path: Path) -> None:
    spec, out = spec_with(tmp_path), tmp_path / "out"
    result = run("plan", str(spec), "-o", str(out), "--check", "--fail-on", "warning", "--format", "json")
    assert result.exit_code == 4, result.stderr
    gate = json.loads(result.stdout)["gate"]
    assert gate["exit_code"] == 4 and gate["fail_on"] == "warning"
    assert [(c["condition"], c["exit_code"]) for c in gate["conditions"]] == [("stale", 3), ("findings", 4)]
    assert "the highest code wins" in result.stderr
    only_stale = run("plan", str(spec), "-o", str(out), "--check", "--fail-on", "error")
    assert only_stale.exit_code == 3


ACKS = """
acknowledgements:
  - {id: no-fallback-model, path: routing.chain, reason: "single-model pilot", expires: %s}
  - {id: no-cache-at-boundary, path: routing, reason: "cache comes with phase 2"}
"""


def test_acknowledged_findings_stop_gating_and_show_in_the_report(tmp_path: Path) -> None:
    spec = spec_with(tmp_path, ACKS % "2999-12-31")
    result = run("plan", str(spec), "--dry-run", "--fail-on", "warning", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    acked = {f["id"]: f["acknowledgement"] for f in report["findings"]}
    assert acked["no-fallback-model"]["reason"] == "single-model pilot"
    assert acked["no-fallback-model"]["status"] == "active" and acked["no-fallback-model"]["expires"] == "2999-12-31"
    assert acked["no-fallback-model"]["location"].startswith(f"{spec}:")
    assert report["summary"]["acknowledged"] == 2
    markdown = run("plan", str(spec), "--dry-run", "--format", "markdown").stdout
    assert "single-model pilot" in markdown


def test_expired_acknowledgement_gates_again(tmp_path: Path) -> None:
    spec = spec_with(tmp_path, ACKS % "2026-01-31")
    result = run("plan", str(spec), "--dry-run", "--fail-on", "warning", "--format", "json",
                 env={"MCAI_TODAY": "2026-02-01"})
    assert result.exit_code == 4
    report = json.loads(result.stdout)
    expired = next(f for f in report["findings"] if f["id"] == "no-fallback-model")
    assert expired["acknowledgement"]["status"] == "expired"
    assert report["gate"]["conditions"][0]["items"] == ["warning no-fallback-model at routing.chain"]
    on_the_day = run("plan", str(spec), "--dry-run", "--fail-on", "warning", env={"MCAI_TODAY": "2026-01-31"})
    assert on_the_day.exit_code == 0


def test_wrong_id_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    spec = spec_with(tmp_path, "\nacknowledgements:\n  - {id: no-fallback-modle, path: routing.chain, reason: x}\n")
    result = run("plan", str(spec), "--dry-run")
    assert result.exit_code == 1
    lines = WARNED.read_text().count("\n")
    assert re.search(rf"{re.escape(str(spec))}:{lines + 3}:\d+: acknowledgements\[0\]\.id: unknown finding id "
                     r"'no-fallback-modle'; did you mean 'no-fallback-model'\?", result.stderr), result.stderr


def test_unused_acknowledgement_is_reported(tmp_path: Path) -> None:
    spec = spec_with(tmp_path, "\nacknowledgements:\n  - {id: no-fallback-model, path: routing, reason: x}\n")
    report = json.loads(run("plan", str(spec), "--dry-run", "--format", "json").stdout)
    unused = [f for f in report["findings"] if f["id"] == "acknowledgement-unused"]
    assert len(unused) == 1 and unused[0]["severity"] == "info" and unused[0]["spec_path"] == "acknowledgements[0]"
    assert next(f for f in report["findings"] if f["id"] == "no-fallback-model")["acknowledgement"] is None


def test_explain_every_id_and_unknown_ids() -> None:
    listing = run("explain")
    assert listing.exit_code == 0
    for finding_id in ids():
        assert finding_id in listing.stdout
        text = run("explain", finding_id)
        assert text.exit_code == 0 and "How to fix it:" in text.stdout and "acknowledgements:" in text.stdout
    wrong = run("explain", "no-fallback-modle")
    assert wrong.exit_code == 1 and "did you mean 'no-fallback-model'" in wrong.stderr


def test_every_emitted_id_is_catalogued_with_its_severity_and_in_the_readme() -> None:
    emitted: dict[str, set[str]] = {}
    call = re.compile(r'finding\(\s*vspec,\s*(?:"([a-z0-9-]+)"|(\w+)),\s*"(error|warning|info)"', re.S)
    for path in (REPO / "src" / "mcai" / "findings").glob("*.py"):
        text = path.read_text()
        for literal, name, severity in call.findall(text):
            if name:  # a module constant such as FINDING_ID = "azure-ptu-sizing" (others are checked at run time)
                constant = re.search(rf'^{name} = "([a-z0-9-]+)"', text, re.M)
                if constant is None:
                    continue
                literal = constant.group(1)
            emitted.setdefault(literal, set()).add(severity)
    assert emitted, "the pattern finds the rules"
    known = registry()
    for finding_id, severities in emitted.items():
        assert finding_id in known, f"{finding_id}: add it to src/mcai/data/findings.yaml"
        assert severities <= set(known[finding_id]["severities"]), finding_id
    readme = (REPO / "README.md").read_text()
    missing = [i for i in ids() if f"`{i}`" not in readme]
    assert not missing, f"README's finding list lacks {missing}"


def test_replacement_of_a_deployment_is_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    shutil.copy(REPO / "examples" / "azure-openai.yaml", spec)
    out = tmp_path / "out"
    assert run("plan", str(spec), "-o", str(out)).exit_code == 0
    text = spec.read_text()
    assert "type: data_zone_provisioned, ptu: 15" in text
    spec.write_text(text.replace("type: data_zone_provisioned, ptu: 15", "type: global_provisioned, ptu: 15", 1)
                    .replace("type: data_zone_standard, tpm_thousands: 100", "type: global_standard, tpm_thousands: 100"))
    result = run("plan", str(spec), "-o", str(out), "--dry-run", "--fail-on", "error", "--format", "json")
    assert result.exit_code == 4, result.stderr
    found = json.loads(result.stdout)["findings"]
    assert any(f["id"] == "azure-deployment-replaced" and f["severity"] == "error" for f in found)
