"""Imports and overrides: merge rules, provenance of every error through imports, `validate --explain-value`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.spec import load_spec
from mcai.topology import derive

ENVIRONMENTS = REPO / "examples" / "environments"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


ORG = "tags:\n  owner: platform\n  cost-center: ai-1\nclouds:\n  aws:\n    region: us-east-1\n"
BASE = ("imports: [../org.yaml]\nversion: 1\nname: demo\ncontrol_plane: aws\nclouds:\n  aws:\n"
        "    account_id: \"111122223333\"\n    network: {cidr: 10.0.0.0/16}\n"
        "models:\n  claude: {provider: bedrock, model: anthropic.claude-sonnet-4-6, inference_profile: us}\n"
        "  haiku: {provider: bedrock, model: anthropic.claude-haiku-4-5-20251001-v1:0, inference_profile: us}\n"
        "workloads:\n  router: {runs_on: {cloud: aws, kind: eks, cluster: c, namespace: n, service_account: s}}\n"
        "routing: {router: router, chain: [claude, haiku]}\n")
DEV = "imports: [shared/base.yaml]\nenvironment: dev\ntags: {owner: dev-team}\nrouting: {chain: [haiku]}\n"


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {"org.yaml": ORG, "shared/base.yaml": BASE, "dev.yaml": DEV})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_mappings_merge_lists_and_scalars_replace(estate: Path) -> None:
    spec = load_spec(Path("dev.yaml")).spec
    assert spec.tags == {"owner": "dev-team", "cost-center": "ai-1"}  # merged key by key, dev's owner wins
    assert spec.routing is not None and spec.routing.chain == ("haiku",)  # the list replaced whole, not appended
    assert spec.routing.router == "router"  # the rest of the imported mapping stays
    assert spec.clouds.aws is not None and spec.clouds.aws.region == "us-east-1"  # two levels down
    assert spec.environment == "dev" and spec.imports == ()


def test_later_import_wins_and_the_importing_file_wins_over_all(estate: Path) -> None:
    write(estate, {"a.yaml": "tags: {x: a, y: a}\n", "b.yaml": "tags: {x: b}\n",
                   "s.yaml": DEV.replace("imports: [shared/base.yaml]", "imports: [shared/base.yaml, a.yaml, b.yaml]")
                   + "models:\n  haiku: {inference_profile: null, provisioned: {model_units: 1, commitment: one_month}}\n"})
    spec = load_spec(Path("s.yaml")).spec
    assert spec.tags == {"owner": "dev-team", "cost-center": "ai-1", "x": "b", "y": "a"}
    haiku = spec.models["haiku"]
    assert haiku.inference_profile is None and haiku.provisioned is not None  # null replaces, like any scalar


def test_errors_point_at_the_file_line_and_column_where_the_value_was_written(estate: Path) -> None:
    # one bad value per level: two imports deep (org.yaml), one deep (shared/base.yaml), the spec itself
    write(estate, {"org.yaml": ORG.replace("us-east-1", "us-east-42"),
                   "shared/base.yaml": BASE.replace("10.0.0.0/16", "10.0.0.0/33"),
                   "dev.yaml": DEV.replace("environment: dev", "environment: Dev")})
    result = run("validate", "dev.yaml")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("dev.yaml:2:14: environment: must be")
    assert lines[1].startswith("org.yaml:6:13: clouds.aws.region: ")
    assert lines[2].startswith("shared/base.yaml:8:21: clouds.aws.network.cidr: must be an IPv4 CIDR block")
    assert lines[3] == "dev.yaml: 3 problems found; nothing was written."


def test_an_override_moves_the_error_to_the_overriding_file(estate: Path) -> None:
    write(estate, {"dev.yaml": DEV + "clouds:\n  aws:\n    region: moon-1\n"})
    result = run("validate", "dev.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("dev.yaml:7:13: clouds.aws.region: ")


def test_broken_imports_are_located_all_at_once(estate: Path) -> None:
    write(estate, {"loop-a.yaml": "imports: [loop-b.yaml]\n", "loop-b.yaml": "imports: [loop-a.yaml]\n",
                   "bad.yaml": "tags: [unclosed\n", "list.yaml": "- 1\n",
                   "s.yaml": "imports: [missing.yaml, /etc/hosts, loop-a.yaml, bad.yaml, list.yaml, shared]\n"})
    result = run("validate", "s.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "s.yaml:1:11: imports[0]: imported file 'missing.yaml' does not exist",
        "s.yaml:1:25: imports[1]: import '/etc/hosts': give a relative path with '/' (relative to this file), so "
        "the estate reads the same on every machine",
        "bad.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        "list.yaml:1:1: an imported file must be a mapping of spec keys",
        "loop-b.yaml:1:11: imports[0]: import 'loop-a.yaml' is a cycle: s.yaml -> loop-a.yaml -> loop-b.yaml -> "
        "loop-a.yaml",
        "shared:1:1: the imported file is a directory, not a regular file",
        "s.yaml: 6 problems found; nothing was written.",
    ]


def test_explain_value_shows_where_a_value_was_written_and_what_it_overrode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ENVIRONMENTS)
    result = run("validate", "dev.yaml", "--explain-value", "clouds.aws.bedrock.invocation_logging.retention_days")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "clouds.aws.bedrock.invocation_logging.retention_days = 7",
        "  written at dev.yaml:15:44",
        "  overrides base.yaml:14:72",
    ]
    result = run("validate", "dev.yaml", "--explain-value", "tags")
    assert result.stdout.splitlines() == [
        'tags = {"owner": "platform-team", "cost-center": "ai-123-dev"}',
        "  written at dev.yaml:5:3",
        "  merged over org.yaml:5:3",
        "    owner: from org.yaml:5:10",
        "    cost-center: from dev.yaml:5:16",
    ]


def test_explain_value_of_a_path_nobody_wrote_is_a_problem_with_a_suggestion(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ENVIRONMENTS)
    result = run("validate", "prod.yaml", "--explain-value", "clouds.aws.regoin")
    assert result.exit_code == 1 and result.stdout == ""
    assert "clouds.aws has no 'regoin'; did you mean 'region'?" in result.stderr
    result = run("validate", "prod.yaml", "--explain-value", "clouds..aws")
    assert result.exit_code == 1 and "is not a spec path" in result.stderr


def test_a_change_in_an_imported_file_makes_the_generated_tree_stale(tmp_path: Path) -> None:
    copy = tmp_path / "environments"
    shutil.copytree(ENVIRONMENTS, copy)
    out = tmp_path / "out"
    assert run("plan", str(copy / "dev.yaml"), "-o", str(out), "-q").exit_code == 0
    assert run("plan", str(copy / "dev.yaml"), "-o", str(out), "--check", "-q").exit_code == 0
    org = copy / "org.yaml"
    org.write_text(org.read_text().replace("owner: platform-team", "owner: ml-platform"))
    assert run("plan", str(copy / "dev.yaml"), "-o", str(out), "--check", "-q").exit_code == 3


def test_the_digest_of_an_imported_spec_does_not_depend_on_the_directory_it_is_read_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from_repo = derive(load_spec(ENVIRONMENTS / "prod.yaml")).spec_sha256
    monkeypatch.chdir(ENVIRONMENTS)
    assert derive(load_spec(Path("prod.yaml"))).spec_sha256 == from_repo


def test_the_schema_describes_imports() -> None:
    import json

    schema = json.loads(run("schema").stdout)
    imports = schema["properties"]["imports"]
    assert imports["type"] == "array" and "relative" in imports["description"]


def test_a_diamond_of_imports_cannot_blow_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # level i imports level i+1 twice: 2**8 routes to the last file; the resolver stops at its budget
    files = {f"l{i}.yaml": f"imports: [l{i + 1}.yaml, l{i + 1}.yaml]\n" for i in range(8)}
    files["l8.yaml"] = "tags: {a: b}\n"
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "l0.yaml")
    assert result.exit_code == 1
    assert "imports along every route) are imported" in result.stderr


def test_imports_stay_inside_the_repository_or_the_spec_s_directory(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("tags: {token: hunter2}\n")
    repo = tmp_path / "repo"
    write(repo, {"envs/dev.yaml": "imports: [../../secret.yaml, ../shared.yaml]\n", "shared.yaml": "tags: {a: b}\n",
                 "envs/link.yaml": "imports: [escape.yaml]\n"})
    (repo / "envs" / "escape.yaml").symlink_to(outside)
    monkeypatch.chdir(repo)
    result = run("validate", "envs/dev.yaml")  # no .git: only envs/ is in bounds
    assert result.exit_code == 1
    assert "import '../../secret.yaml' leaves" in result.stderr and "import '../shared.yaml' leaves" in result.stderr
    (repo / ".git").mkdir()  # inside a repository: anything in it, nothing outside it, links resolved first
    result = run("validate", "envs/dev.yaml")
    assert "import '../../secret.yaml' leaves" in result.stderr and "'../shared.yaml'" not in result.stderr
    result = run("validate", "envs/link.yaml")
    assert "import 'escape.yaml' leaves" in result.stderr and "hunter2" not in result.output


def test_findings_about_imported_values_are_located_in_the_imported_file_in_json_and_sarif(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    write(tmp_path, {"base.yaml": (REPO / "examples" / "aws-bedrock.yaml").read_text(),
                     "acks.yaml": "acknowledgements:\n  - {id: no-fallback-model, path: routing, reason: stale one}\n",
                     "s.yaml": "imports: [base.yaml, acks.yaml]\n"})
    monkeypatch.chdir(tmp_path)
    report = json.loads(run("plan", "s.yaml", "--dry-run", "-f", "json").stdout)
    (unused,) = [f for f in report["findings"] if f["id"] == "acknowledgement-unused"]
    assert unused["location"] == "acks.yaml:2:5"
    sarif = json.loads(run("plan", "s.yaml", "--dry-run", "-f", "sarif").stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "acknowledgement-unused"]
    assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "acks.yaml"},
                                                          "region": {"startLine": 2, "startColumn": 5}}
    others = [r for r in sarif["runs"][0]["results"] if r["ruleId"] != "acknowledgement-unused"]
    assert others and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "base.yaml"
                          for r in others if "region" in r["locations"][0]["physicalLocation"])


def test_hostile_imported_files_are_located_problems_never_hangs_or_crashes(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "latin1.yaml").write_bytes(b"tags: {a: \xe9}\n")
    (tmp_path / "huge.yaml").write_bytes(b"#" * 2_000_001)
    (tmp_path / "bomb.yaml").write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdef", "bcdefg")))
    write(tmp_path, {"s.yaml": "imports: [fifo.yaml, latin1.yaml, huge.yaml, bomb.yaml]\n"})
    monkeypatch.chdir(tmp_path)
    result = run("validate", "s.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines()[:-1] == [
        "bomb.yaml:1:1: the document expands to more than 150000 values (anchors/aliases nested too deep?)",
        "fifo.yaml:1:1: the imported file is a FIFO, device or socket, not a regular file",
        "huge.yaml:1:1: the imported file is larger than 2000000 bytes",
        "latin1.yaml:1:1: the file is not UTF-8 text",
    ]
