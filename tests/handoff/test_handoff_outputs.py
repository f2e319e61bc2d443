"""`mcai handoff --from-outputs`: values that exist only after apply come from `terraform output -json`, never
guessed. Every missing or unusable value is listed at once and nothing is written; values that could break out of
a YAML, JSON or env file are refused; the output directory is written like `plan` writes (contained, atomic)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO
from handoff_fixtures import write_outputs
from typer.testing import CliRunner

from mcai.cli.app import app

EXAMPLE = REPO / "examples" / "production-pattern.yaml"


def _run(*args: str):
    return CliRunner().invoke(app, ["handoff", str(EXAMPLE), *args])


def _outputs(tmp_path: Path) -> dict[str, dict]:
    return {Path(p).stem: json.loads(Path(p).read_text()) for p in write_outputs(EXAMPLE, tmp_path)}


def test_every_missing_value_is_listed_and_nothing_is_written(tmp_path: Path) -> None:
    result = _run("-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "azure output identity_inference_router_client_id: no outputs given for stack azure" in result.output
    assert "aws output response_cache_endpoint: no outputs given for stack aws" in result.output
    assert "aws output data_knowledge_knowledge_base_id: no outputs given for stack aws" in result.output
    assert "3 value(s) missing" in result.output
    assert not (tmp_path / "out").exists()


def test_filled_files_are_written_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    args = [a for p in write_outputs(EXAMPLE, tmp_path) for a in ("--from-outputs", p)]
    first = _run(*args, "-o", str(tmp_path / "out"))
    assert first.exit_code == 0, first.output
    env = (tmp_path / "out" / "inference-router" / "azure.env").read_text()
    assert "AZURE_CLIENT_ID=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n" in env
    assert "regenerate with mcai handoff --from-outputs" in env
    second = _run(*args, "-o", str(tmp_path / "out"))
    assert second.exit_code == 0 and "0 file(s) written or removed" in second.output, second.output


@pytest.mark.parametrize("bad", ["a\nAZURE_CLIENT_SECRET=x", "x' ; rm -rf /", "", "id with space", "{\"a\": 1}"])
def test_values_that_could_break_out_of_a_file_are_refused(tmp_path: Path, bad: str) -> None:
    outputs = _outputs(tmp_path)
    outputs["azure"]["identity_inference_router_client_id"]["value"] = bad
    (tmp_path / "azure.json").write_text(json.dumps(outputs["azure"]))
    result = _run("--from-outputs", str(tmp_path / "aws.json"), "--from-outputs", str(tmp_path / "azure.json"),
                  "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "not a plain id" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_sensitive_outputs_are_never_copied(tmp_path: Path) -> None:
    outputs = _outputs(tmp_path)
    outputs["aws"]["response_cache_endpoint"]["sensitive"] = True
    (tmp_path / "aws.json").write_text(json.dumps(outputs["aws"]))
    result = _run("--from-outputs", str(tmp_path / "aws.json"), "--from-outputs", str(tmp_path / "azure.json"),
                  "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "is sensitive" in result.output


def test_stack_is_named_explicitly_or_by_file_name(tmp_path: Path) -> None:
    _outputs(tmp_path)
    (tmp_path / "aws.json").rename(tmp_path / "first.json")
    unnamed = _run("--from-outputs", str(tmp_path / "first.json"), "-o", str(tmp_path / "out"))
    assert unnamed.exit_code == 1 and ("name the stack it belongs to (bootstrap, bootstrap-azure, bootstrap-gcp, aws, azure, gcp)"
                                          in unnamed.output)
    named = _run("--from-outputs", f"aws={tmp_path / 'first.json'}", "--from-outputs", str(tmp_path / "azure.json"),
                 "-o", str(tmp_path / "out"))
    assert named.exit_code == 0, named.output


@pytest.mark.parametrize("content", ["not json", "[1, 2]", "{\"x\": 1}"])
def test_a_file_that_is_not_terraform_output_json_is_refused(tmp_path: Path, content: str) -> None:
    (tmp_path / "aws.json").write_text(content)
    result = _run("--from-outputs", str(tmp_path / "aws.json"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_existing_directory_mcai_did_not_write_is_refused(tmp_path: Path) -> None:
    args = [a for p in write_outputs(EXAMPLE, tmp_path) for a in ("--from-outputs", p)]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    result = _run(*args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "mcai did not generate it" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]
