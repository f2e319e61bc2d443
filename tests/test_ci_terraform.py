"""`mcai init --ci github` on a spec with `bootstrap.ci`: Terraform workflows that run every stack with the keyless CI
identities of the bootstrap stacks (src/mcai/ci_terraform.py).

The credential script of each job is run for real with bash against a local stand-in for GitHub's token endpoint;
what it writes (token files, Google credential configuration, backend.hcl) is parsed and checked. Terraform's own
acceptance of those backend settings was checked by hand (`terraform init` reaching the token exchange of s3
`assume_role_with_web_identity`, a gcs `credentials` external_account file, and azurerm `use_oidc` reading GitHub's
token request variables); the CI test cannot reach the clouds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import hcl2
import pytest
import yaml
from conftest import REPO
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.spec import parse_spec
from mcai.topology import derive

GOLDEN = REPO / "tests" / "golden"


def _init(tmp_path: Path, example: str) -> dict[str, dict[str, Any]]:
    shutil.copy(REPO / "examples" / f"{example}.yaml", tmp_path / "topology.yaml")
    result = CliRunner().invoke(app, ["init", "topology.yaml", "--ci", "github", "--package", "mcai==0.1.0",
                                      "-C", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return {p.name: yaml.safe_load(p.read_text()) for p in (tmp_path / ".github" / "workflows").glob("mcai-terraform-*")}


def _topology(example: str):  # type: ignore[no-untyped-def]
    return derive(parse_spec((REPO / "examples" / f"{example}.yaml").read_text(), f"{example}.yaml",
                             REPO / "examples"))


def test_one_workflow_per_github_identity_with_one_job_per_stack_in_apply_order(tmp_path: Path) -> None:
    flows = _init(tmp_path, "production-pattern")
    assert sorted(flows) == ["mcai-terraform-apply-prod.yml", "mcai-terraform-plan.yml"]
    plan, apply = flows["mcai-terraform-plan.yml"], flows["mcai-terraform-apply-prod.yml"]
    assert list(plan["jobs"]) == ["aws", "azure", "gcp"]  # the bootstrap stacks are applied by hand, never by CI
    assert [job.get("needs") for job in plan["jobs"].values()] == [None, ["aws"], ["azure"]]
    # the subject each identity admits is the one the trigger produces: a push to main, or a job in the environment
    assert plan[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": {}}  # YAML reads `on` as True
    assert apply[True] == {"workflow_dispatch": {}}
    assert {job["environment"] for job in apply["jobs"].values()} == {"production"}
    for flow in flows.values():
        assert flow["permissions"] == {"contents": "read", "id-token": "write"}
        text = json.dumps(flow)
        assert "secrets." not in text and "ACCESS_KEY" not in text and "client_secret" not in text
        for job in flow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), "expressions belong in env, never inside a script"
    steps = [s.get("name") for s in apply["jobs"]["gcp"]["steps"]]
    assert steps[-2:] == ["plan", "apply"] and "tfplan" in apply["jobs"]["gcp"]["steps"][-1]["run"]


def test_each_job_uses_the_identity_of_its_own_account_and_the_state_s_for_the_backend(tmp_path: Path) -> None:
    topology = _topology("production-pattern")
    plan = _init(tmp_path, "production-pattern")["mcai-terraform-plan.yml"]["jobs"]
    role = topology.stack("bootstrap").modules[-1].inputs["ci_roles"]["plan"]["name"]
    # AWS is the control plane: its role reads state in every job, and is the aws stack's provider too
    for job in plan.values():
        assert job["env"]["AWS_ROLE_ARN"] == f"arn:aws:iam::111122223333:role/{role}"
    assert plan["azure"]["env"]["ARM_CLIENT_ID"] == "${{ vars.MCAI_BOOTSTRAP_AZURE_PLAN_CLIENT_ID }}"
    assert plan["azure"]["env"]["ARM_SUBSCRIPTION_ID"] == "00000000-0000-0000-0000-000000000000"
    assert "ARM_CLIENT_ID" not in plan["aws"]["env"] and "GOOGLE_APPLICATION_CREDENTIALS" in plan["gcp"]["env"]


class _TokenEndpoint(BaseHTTPRequestHandler):
    """GitHub's OIDC token endpoint, answering `{"value": "<audience>.jwt"}` to a bearer request."""

    def do_GET(self) -> None:
        assert self.headers["Authorization"] == "bearer request-token"
        audience = parse_qs(urlparse(self.path).query)["audience"][0]
        body = json.dumps({"value": f"token-for-{audience}"}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def token_endpoint():  # type: ignore[no-untyped-def]
    server = HTTPServer(("127.0.0.1", 0), _TokenEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/token?api-version=2.0"
    server.shutdown()


def _run_credentials(job: dict[str, Any], stack_dir: Path, temp: Path, url: str) -> None:
    script = next(s["run"] for s in job["steps"] if s.get("name", "").startswith("credentials"))
    work = temp / "work"
    shutil.copytree(stack_dir, work)
    env = {"PATH": os.environ["PATH"], "RUNNER_TEMP": str(temp), "ACTIONS_ID_TOKEN_REQUEST_URL": url,
           "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "request-token", "MCAI_STATE_CLIENT_ID": "client-of-state"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_stack_in_another_account_of_the_state_s_cloud_reads_state_as_the_state_s_role(
        tmp_path: Path, token_endpoint: str) -> None:
    jobs = _init(tmp_path, "aws-accounts")["mcai-terraform-plan.yml"]["jobs"]
    workloads = jobs["aws-workloads"]
    assert workloads["env"]["AWS_ROLE_ARN"] == "arn:aws:iam::222222222222:role/support-assistant-prod-ci-plan"
    temp = tmp_path / "runner"
    temp.mkdir()
    _run_credentials(workloads, GOLDEN / "aws-accounts" / "aws-workloads", temp, token_endpoint)
    assert (temp / "oidc-aws.jwt").read_text().strip() == "token-for-sts.amazonaws.com"
    backend = hcl2.loads((temp / "work" / "backend.hcl").read_text())
    assert {k: v.strip('"') for k, v in backend["assume_role_with_web_identity"].items()} == {
        "role_arn": "arn:aws:iam::111111111111:role/support-assistant-prod-ci-plan",
        "web_identity_token_file": f"{temp}/oidc-aws.jwt"}
    assert backend["bucket"].strip('"') == "support-assistant-prod-tfstate-111111111111"
    # the network account holds the state: its job needs nothing but the environment
    network = jobs["aws-network"]
    assert network["env"]["AWS_ROLE_ARN"] == "arn:aws:iam::111111111111:role/support-assistant-prod-ci-plan"
    assert "backend.hcl <<" not in next(s["run"] for s in network["steps"] if s.get("name", "").startswith("cred"))


def test_gcp_jobs_exchange_the_token_for_the_pipeline_s_own_principal(tmp_path: Path, token_endpoint: str) -> None:
    job = _init(tmp_path, "production-pattern")["mcai-terraform-plan.yml"]["jobs"]["gcp"]
    temp = tmp_path / "runner"
    temp.mkdir()
    _run_credentials(job, GOLDEN / "production-pattern" / "gcp", temp, token_endpoint)
    config = json.loads((temp / "gcp.json").read_text())
    provider = ("//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/"
                "support-assistant-prod-ci/providers/github")
    source = config.pop("credential_source")
    assert config == {"type": "external_account", "audience": provider,
                      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                      "token_url": "https://sts.googleapis.com/v1/token"}
    # fetched from GitHub at every refresh (an apply may outlast one token), as Google's libraries read a URL source
    assert source["format"] == {"type": "json", "subject_token_field_name": "value"}
    request = urllib.request.Request(source["url"], headers=source["headers"])
    with urllib.request.urlopen(request, timeout=10) as answer:
        token = json.load(answer)[source["format"]["subject_token_field_name"]]
    # no service account to impersonate: the token's audience is the provider's own resource name
    assert token == f"token-for-https:{provider}"


def test_gitlab_identities_and_specs_without_bootstrap_get_no_terraform_workflow(tmp_path: Path) -> None:
    assert _init(tmp_path, "aws-bedrock") == {}


@pytest.mark.parametrize("example", ["azure-primary", "gcp-primary"])
def test_every_job_s_credential_script_runs_and_leaves_a_backend_config_terraform_can_parse(
        tmp_path: Path, token_endpoint: str, example: str) -> None:
    flows = _init(tmp_path, example)
    assert flows
    for name, flow in sorted(flows.items()):
        for stack, job in flow["jobs"].items():
            temp = tmp_path / "runner" / name / stack
            temp.mkdir(parents=True)
            _run_credentials(job, GOLDEN / example / stack, temp, token_endpoint)
            hcl2.loads((temp / "work" / "backend.hcl").read_text())
            for key, value in job["env"].items():  # every file the environment names was written
                if key in ("GOOGLE_APPLICATION_CREDENTIALS", "AWS_WEB_IDENTITY_TOKEN_FILE"):
                    assert Path(value.replace("${{ runner.temp }}", str(temp))).is_file(), (name, stack, key)


def test_gitlab_jobs_request_one_id_token_per_audience_and_run_on_the_admitted_branch(tmp_path: Path) -> None:
    text = (REPO / "examples" / "gcp-primary.yaml").read_text()
    github = "provider: github\n      repository: acme/support-assistant\n      branch: main"
    assert text.count(github) == 1
    (tmp_path / "topology.yaml").write_text(text.replace(github, github.replace("github", "gitlab")))
    result = CliRunner().invoke(app, ["init", "topology.yaml", "--ci", "gitlab", "--package", "mcai==0.1.0",
                                      "-C", str(tmp_path)])
    assert result.exit_code == 0, result.output
    jobs = yaml.safe_load((tmp_path / ".gitlab" / "mcai-terraform-plan.gitlab-ci.yml").read_text())
    assert list(jobs) == ["mcai-terraform-plan-aws", "mcai-terraform-plan-azure", "mcai-terraform-plan-gcp"]
    provider = ("https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/"
                "support-assistant-prod-ci/providers/gitlab")
    aws, azure, gcp = jobs.values()
    # GCP holds the state: every job exchanges a token for it; each cloud's token carries that cloud's audience
    assert aws["id_tokens"] == {"MCAI_AWS_TOKEN": {"aud": "sts.amazonaws.com"}, "MCAI_GCP_TOKEN": {"aud": provider}}
    assert azure["id_tokens"] == {"ARM_OIDC_TOKEN": {"aud": "api://AzureADTokenExchange"},
                                  "MCAI_GCP_TOKEN": {"aud": provider}}
    assert azure["variables"]["ARM_CLIENT_ID"] == "$MCAI_BOOTSTRAP_AZURE_PLAN_CLIENT_ID"
    assert gcp["id_tokens"] == {"MCAI_GCP_TOKEN": {"aud": provider}}
    assert [j["rules"] for j in jobs.values()] == [[{"if": "$CI_COMMIT_BRANCH == \"main\""}]] * 3
    assert [j.get("needs") for j in jobs.values()] == [None, ["mcai-terraform-plan-aws"],
                                                        ["mcai-terraform-plan-azure"]]
    # the scripts run under the image's POSIX sh and write what the variables name
    for name, job in jobs.items():
        project = tmp_path / "project" / name
        temp = project / ".mcai-oidc"
        work = project / "stack"
        shutil.copytree(GOLDEN / "gcp-primary" / name.rsplit("-", 1)[1], work)
        env = {"PATH": os.environ["PATH"], "CI_PROJECT_DIR": str(project),
               **{k: f"jwt-{k}" for k in job["id_tokens"]}}
        script = "\n".join(line for line in job["script"] if not line.startswith(("cd ", "terraform")))
        done = subprocess.run(["sh", "-eu", "-c", script], cwd=work, env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        config = json.loads((temp / "gcp.json").read_text())
        assert config["audience"] == provider.removeprefix("https:")
        assert config["credential_source"] == {"file": f"{temp}/oidc-gcp.jwt"}
        assert (temp / "oidc-gcp.jwt").read_text() == "jwt-MCAI_GCP_TOKEN"
        if "MCAI_AWS_TOKEN" in job["id_tokens"]:
            assert (temp / "oidc-aws.jwt").read_text() == "jwt-MCAI_AWS_TOKEN"
            assert job["variables"]["AWS_WEB_IDENTITY_TOKEN_FILE"] == "$CI_PROJECT_DIR/.mcai-oidc/oidc-aws.jwt"
        hcl2.loads((work / "backend.hcl").read_text())
