"""The report states the source and date of every dated table whose facts are written into the Terraform
(issue 13, item 3: cross-region inference grants follow a dated list of destination regions)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app


def _plan(spec: Path, fmt: str, tmp_path: Path) -> str:
    result = CliRunner().invoke(app, ["plan", str(spec), "--dry-run", "--format", fmt, "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_inference_profile_grants_state_the_region_table_date(tmp_path: Path) -> None:
    table = yaml.safe_load((REPO / "src/mcai/data/bedrock_inference_profiles.yaml").read_text())
    report = json.loads(_plan(REPO / "examples/production-pattern.yaml", "json", tmp_path))
    ref = next(r for r in report["reference_data"] if r["name"] == "bedrock_inference_profiles")
    assert ref["as_of"] == str(table["as_of"]) and ref["source"] == table["source"]
    assert "bedrock:InferenceProfileArn" in ref["used_for"]
    assert f"as of {table['as_of']}" in _plan(REPO / "examples/production-pattern.yaml", "markdown", tmp_path)
    assert f"as of {table['as_of']}" in _plan(REPO / "examples/production-pattern.yaml", "table", tmp_path)


def test_no_reference_data_without_an_inference_profile(tmp_path: Path) -> None:
    report = json.loads(_plan(REPO / "examples/azure-openai.yaml", "json", tmp_path))
    assert report["reference_data"] == []
