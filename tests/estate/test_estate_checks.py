"""Estate-level checks: every conflict no single spec can show, each triggered and not triggered."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app

EXAMPLES = REPO / "examples"


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text())


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def estate(tmp_path: Path, specs: dict[str, dict[str, Any]]) -> tuple[int, list[str]]:
    """`mcai validate` over the specs written to tmp_path: exit code and the problem lines."""
    for name, data in specs.items():
        (tmp_path / name).write_text(yaml.safe_dump(data, sort_keys=False))
    result = run("validate", *(str(tmp_path / n) for n in specs))
    assert "Traceback" not in result.output
    return result.exit_code, [line.removeprefix(f"{tmp_path}/") for line in result.stderr.splitlines()
                              if ": valid" not in line and not line.startswith("estate:")]


def env(data: dict[str, Any], environment: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["environment"] = environment
    return out


def other_vpc(data: dict[str, Any], cidr: str, vpc: str = "vpc-0fedcba987654321f") -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["clouds"]["aws"]["network"].update(cidr=cidr, vpc_id=vpc)
    return out


BEDROCK = load("aws-bedrock.yaml")


def test_invocation_logging_owned_twice_in_one_account_and_region(tmp_path: Path) -> None:
    code, lines = estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": other_vpc(env(BEDROCK, "stg"), "10.11.0.0/16")})
    assert code == 1
    assert [line for line in lines if "invocation logging" in line] == [
        "a.yaml:19:7: clouds.aws.bedrock: Bedrock model invocation logging exists once per account and region "
        f"(111122223333 us-east-1); {tmp_path}/b.yaml:19:7 creates it too: keep one owner (for invocation logging, "
        "`owned_by` in the others)",
        "b.yaml:19:7: clouds.aws.bedrock: Bedrock model invocation logging exists once per account and region "
        f"(111122223333 us-east-1); {tmp_path}/a.yaml:19:7 creates it too: keep one owner (for invocation logging, "
        "`owned_by` in the others)"]
    assert len(lines) == 2, "nothing else collides between two environments in other VPCs"


def test_invocation_logging_with_one_owner_or_in_another_region_is_fine(tmp_path: Path) -> None:
    owned = other_vpc(env(BEDROCK, "stg"), "10.11.0.0/16")
    owned["clouds"]["aws"]["bedrock"]["invocation_logging"] = {"owned_by": "support-assistant-prod"}
    assert estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": owned}) == (0, [])
    elsewhere = other_vpc(env(BEDROCK, "stg"), "10.11.0.0/16")
    elsewhere["clouds"]["aws"]["region"] = "us-west-2"
    elsewhere["models"]["claude"]["inference_profile"] = "us"
    for w in elsewhere["workloads"].values():
        if "oidc_issuer" in w["runs_on"]:
            w["runs_on"]["oidc_issuer"] = w["runs_on"]["oidc_issuer"].replace("us-east-1", "us-west-2")
    assert estate(tmp_path, {"a.yaml": BEDROCK, "c.yaml": elsewhere}) == (0, [])


def test_overlapping_networks_are_reported_on_both_sides(tmp_path: Path) -> None:
    logging_off = copy.deepcopy(BEDROCK)
    logging_off["clouds"]["aws"]["bedrock"].pop("invocation_logging")
    overlap = other_vpc(env(logging_off, "stg"), "10.10.128.0/17")
    code, lines = estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": overlap})
    assert code == 1
    assert lines == [
        f"a.yaml:13:13: clouds.aws.network.cidr: 10.10.0.0/16 overlaps 10.10.128.0/17 at {tmp_path}/b.yaml:13:13: an "
        "estate has one address plan (links and peering cannot route overlapping ranges); give each network its "
        "own range",
        f"b.yaml:13:13: clouds.aws.network.cidr: 10.10.128.0/17 overlaps 10.10.0.0/16 at {tmp_path}/a.yaml:13:13: an "
        "estate has one address plan (links and peering cannot route overlapping ranges); give each network its "
        "own range"]
    # the same VPC in the same account is one network, not an overlap; disjoint ranges are fine
    same_vpc = env(logging_off, "stg")
    assert estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": same_vpc}) == (0, [])
    assert estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": other_vpc(env(logging_off, "s"), "10.11.0.0/16")}) == (0, [])


def test_duplicate_names_in_one_account(tmp_path: Path) -> None:
    twin = other_vpc(BEDROCK, "10.11.0.0/16")  # same name and environment, another VPC of the same account
    twin["clouds"]["aws"]["bedrock"].pop("invocation_logging")
    code, lines = estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": twin})
    assert code == 1
    kinds = {line.split(": ", 2)[2].split(" '")[0] for line in lines}
    assert kinds == {"IAM role name", "Bedrock guardrail name", "Bedrock provisioned model name", "S3 bucket name",
                     "ElastiCache replication group id", "ElastiCache user id",
                     "OpenSearch Serverless collection name"}
    assert all(line.startswith(("a.yaml:", "b.yaml:")) for line in lines)
    # the same names in another account (and bucket names carry the account id) are fine
    moved = copy.deepcopy(twin)
    moved["clouds"]["aws"]["account_id"] = "444455556666"
    assert estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": moved}) == (0, [])


PROD = load("production-pattern.yaml")


def test_two_vpn_gateways_on_one_vpc(tmp_path: Path) -> None:
    staging = env(PROD, "stg")
    for cloud, cidr in (("azure", "10.21.0.0/16"), ("gcp", "10.32.0.0/16")):
        staging["clouds"][cloud]["network"]["cidr"] = cidr
    staging["clouds"]["gcp"]["project_id"] = "acme-ai-staging"
    staging["clouds"]["gcp"]["project_number"] = "223456789012"
    staging["clouds"]["azure"]["subscription_id"] = "22222222-0000-0000-0000-000000000000"
    staging["clouds"]["aws"]["bedrock"]["invocation_logging"] = {"owned_by": "prod"}
    staging["bootstrap"]["existing_aws_oidc_providers"] = ["github"]  # prod's bootstrap creates it in the account
    code, lines = estate(tmp_path, {"prod.yaml": PROD, "staging.yaml": staging})
    assert code == 1
    vgw = [line for line in lines if "virtual private gateway" in line]
    assert len(vgw) == 2 and all("exists once per VPC (111122223333 vpc-0a1b2c3d4e5f67890)" in line for line in vgw)
    assert lines == vgw, "nothing else collides"
    staging["clouds"]["aws"]["network"].update(cidr="10.11.0.0/16", vpc_id="vpc-0fedcba987654321f")
    assert estate(tmp_path, {"prod.yaml": PROD, "staging.yaml": staging}) == (0, [])


def test_one_iam_oidc_provider_per_issuer_in_an_account(tmp_path: Path) -> None:
    """Two specs' CI bootstraps in one AWS account would each create the GitHub provider; IAM allows one."""
    staging = copy.deepcopy(load("aws-accounts.yaml"))
    staging["environment"] = "stg"
    for name, cidr, vpc in (("network", "10.50.0.0/16", "vpc-0a1b2c3d4e5f70000"),
                            ("workloads", "10.51.0.0/16", "vpc-0a1b2c3d4e5f71000")):
        staging["clouds"]["aws"]["accounts"][name]["network"].update(cidr=cidr, vpc_id=vpc)
    for name in ("network", "workloads"):  # both accounts hold a model, so both log invocations
        staging["clouds"]["aws"]["accounts"][name]["bedrock"]["invocation_logging"] = {"owned_by": "prod"}
    staging["clouds"]["gcp"].update(project_id="acme-ai-stg", project_number="223456789012",
                                    network={"cidr": "10.60.0.0/16", "name": "ai-vpc"},
                                    private_google_apis={"address": "10.61.255.254"})
    code, lines = estate(tmp_path, {"prod.yaml": load("aws-accounts.yaml"), "staging.yaml": staging})
    assert code == 1
    oidc = [line for line in lines if "IAM OIDC provider" in line]
    assert len(oidc) == 4 and lines == oidc, "one per account and spec, nothing else collides"
    assert all("exists once per account and issuer" in line and "existing_aws_oidc_providers" in line
               for line in oidc)
    assert {line.split("(")[1].split(")")[0] for line in oidc} == {
        "111111111111 https://token.actions.githubusercontent.com",
        "222222222222 https://token.actions.githubusercontent.com"}
    staging["bootstrap"]["existing_aws_oidc_providers"] = ["github"]
    assert estate(tmp_path, {"prod.yaml": load("aws-accounts.yaml"), "staging.yaml": staging}) == (0, [])


AZURE = load("azure-openai.yaml")


def test_the_same_azure_openai_deployment_name_twice_on_one_account(tmp_path: Path) -> None:
    other = env(AZURE, "dev2")  # another environment that names the same account (subdomain) explicitly
    other["clouds"]["azure"]["network"]["cidr"] = "10.99.0.0/16"
    code, lines = estate(tmp_path, {"a.yaml": AZURE, "b.yaml": other})
    assert code == 1
    deployments = [line for line in lines if "Azure OpenAI deployment name" in line]
    assert len(deployments) == 2 * len(AZURE["models"])
    assert all("unique per Azure OpenAI account (contoso-ai-dev1): rename the model key" in line
               for line in deployments)
    assert any("Azure OpenAI account name (custom subdomain) 'contoso-ai-dev1'" in line for line in lines)
    other["clouds"]["azure"]["openai"]["subdomain"] = "contoso-ai-dev2"
    other["clouds"]["azure"]["resource_group"] = "rg-contoso-ai-dev2"  # also named explicitly: it clashed too
    assert estate(tmp_path, {"a.yaml": AZURE, "b.yaml": other}) == (0, [])


def test_control_planes_that_disagree(tmp_path: Path) -> None:
    gcp = load("gcp-vertex.yaml")
    gcp["clouds"]["aws"]["network"]["cidr"] = "10.50.0.0/16"
    code, lines = estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": gcp})
    planes = [line for line in lines if "control planes disagree" in line]
    assert code == 1 and len(planes) == 2
    assert f"(aws in {tmp_path}/a.yaml; gcp in {tmp_path}/b.yaml)" in planes[0]
    assert not any("control planes" in line for line in estate(tmp_path, {"a.yaml": BEDROCK, "b.yaml": other_vpc(
        env(BEDROCK, "s"), "10.11.0.0/16") | {"clouds": BEDROCK["clouds"] | {"aws": {
            **BEDROCK["clouds"]["aws"], "bedrock": {"private": True}, "network": {"cidr": "10.12.0.0/16"}}}}})[1])


def test_every_name_kind_has_a_scope() -> None:
    import gc

    from mcai.estate.names import CLASSIFIED
    from mcai.topology.names import NameRule

    kinds = {obj.what for obj in gc.get_objects() if isinstance(obj, NameRule)}
    assert kinds and kinds <= CLASSIFIED, f"classify these in mcai/estate/names.py: {kinds - CLASSIFIED}"


def test_a_directory_is_its_specs_without_the_files_they_import(tmp_path: Path) -> None:
    result = run("validate", str(EXAMPLES / "environments"))
    assert result.exit_code == 0, result.stderr
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        f"{EXAMPLES}/environments/dev.yaml", f"{EXAMPLES}/environments/prod.yaml", "estate"]


def test_an_estate_with_a_conflict_plans_nothing(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((EXAMPLES / "aws-bedrock.yaml").read_text())
    result = run("plan", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_estate_plans_each_spec_into_its_own_tree(tmp_path: Path) -> None:
    import json

    out = tmp_path / "out"
    result = run("plan", str(EXAMPLES / "environments"), "-o", str(out), "-f", "json")
    assert result.exit_code == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [r["spec"]["file"] for r in reports] == [str(EXAMPLES / "environments" / f"{e}.yaml") for e in ("dev", "prod")]
    assert (out / "dev" / "aws" / "main.tf").is_file() and (out / "prod" / "aws" / "main.tf").is_file()
    assert run("plan", str(EXAMPLES / "environments"), "-o", str(out), "--check", "-q").exit_code == 0
    (out / "prod" / "aws" / "main.tf").write_text("# edited\n")
    assert run("plan", str(EXAMPLES / "environments"), "-o", str(out), "--check", "-q").exit_code == 3


@pytest.mark.parametrize("fmt", ["sarif", "markdown", "table"])
def test_an_estate_report_in_every_format(fmt: str, tmp_path: Path) -> None:
    import json

    result = run("plan", str(EXAMPLES / "environments"), "--dry-run", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "sarif":
        assert len(json.loads(result.stdout)["runs"]) == 2
    else:
        assert result.stdout.count("support-assistant") >= 2


def test_an_estate_compares_each_spec_with_its_own_tree_in_the_baseline_root(tmp_path: Path) -> None:
    import json
    import shutil

    base = tmp_path / "base"
    assert run("plan", str(EXAMPLES / "environments"), "-o", str(base), "-q").exit_code == 0
    shutil.rmtree(base / "prod")  # prod is new on this branch
    result = run("plan", str(EXAMPLES / "environments"), "--dry-run", "--baseline", str(base), "-f", "json")
    assert result.exit_code == 0, result.stderr
    dev, prod = (r["baseline"] for r in json.loads(result.stdout))
    assert dev["directory"] == str(base / "dev") and dev["comparable"] and not dev["changes"]
    assert prod is None  # new on this branch: nothing to compare with (as the action does for a new spec)
    (base / "dev" / "aws" / "main.tf").unlink()
    (base / "dev" / "mcai-manifest.json").write_text('{"schema": "mcai.manifest/v1", "resources": {}}')
    result = run("plan", str(EXAMPLES / "environments"), "--dry-run", "--baseline", str(base), "-f", "json")
    dev = json.loads(result.stdout)[0]["baseline"]
    assert dev["changes"] and {c["action"] for c in dev["changes"]} == {"create"}


def test_ci_for_an_estate_directory(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLES / "environments", tmp_path / "estate")
    result = run("init", "estate", "--ci", "github", "--package", "mcai", "-o", "generated", "-C", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    workflow = (tmp_path / ".github" / "workflows" / "mcai.yml").read_text()
    assert "estate" in workflow and "generated" in workflow
    (tmp_path / "estate" / "dev.yaml").write_text("imports: [base.yaml]\nenvironment: Dev\n")
    shutil.rmtree(tmp_path / ".github")
    assert run("init", "estate", "--ci", "github", "--package", "mcai", "-C", str(tmp_path)).exit_code == 1
