"""CI files that run Terraform for every stack with the keyless CI identities the bootstrap stacks create (`mcai
init --ci github|gitlab` on a spec with `bootstrap.ci`): per identity of that CI system, one job per stack in apply
order, each authenticated with the pipeline's own OIDC token twice, to the control plane for state and to the stack's
account for its resources. No secret is read or stored; the only values not derivable from the spec are Azure
client ids (GUIDs Entra assigns), read from CI variables the header names.

Pure: the topology in, file contents out (the writer puts them on disk). Every value written comes from the
validated spec and is JSON-quoted (a YAML double-quoted scalar) or names a CI variable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from mcai.spec import Spec
from mcai.spec.accounts import accounts_of
from mcai.spec.bootstrap import CiIdentity
from mcai.topology.model import Stack, Topology

AWS_AUDIENCE = "sts.amazonaws.com"


@dataclass
class Host:
    """What differs between GitHub Actions and GitLab CI: where files go, how a CI variable is named, and how a job
    gets its OIDC token (GitHub: fetched from the runner's endpoint on demand; GitLab: `id_tokens` per audience)."""

    name: str
    temp: str  # in scripts
    env_temp: str  # in the job's environment block
    tokens: dict[str, str] = field(default_factory=dict)  # GitLab id_tokens of the job being built: name -> aud

    def var(self, name: str) -> str:
        return f"${{{{ vars.{name} }}}}" if self.name == "github" else f"${name}"

    def token(self, audience: str, file: str, name: str) -> list[str]:
        """Script lines writing the job's token for `audience` into TEMP/file."""
        if self.name == "github":
            return [f'curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" '
                    f'"$ACTIONS_ID_TOKEN_REQUEST_URL&audience={quote(audience, safe="")}" | python3 -c '
                    f'"import json,sys; print(json.load(sys.stdin)[\'value\'])" > "{self.temp}/{file}"']
        self.tokens[name] = audience
        return [f'printf \'%s\' "${name}" > "{self.temp}/{file}"']


GITHUB = ("github", "$RUNNER_TEMP", "${{ runner.temp }}")
GITLAB = ("gitlab", "$CI_PROJECT_DIR/.mcai-oidc", "$CI_PROJECT_DIR/.mcai-oidc")  # the job's own checkout


def workflows(spec: Spec, topology: Topology, out: str, system: str = "github") -> dict[str, bytes]:
    """path in the repository -> CI file, for each CI identity of `system` in the spec's bootstrap (none without)."""
    boot = spec.bootstrap
    if boot is None:
        return {}
    render, path = ((_workflow, ".github/workflows/mcai-terraform-{}.yml") if system == "github" else
                    (_gitlab, ".gitlab/mcai-terraform-{}.gitlab-ci.yml"))
    return {path.format(key): render(spec, topology, out, key, ci).encode()
            for key, ci in sorted(boot.ci.items()) if ci.provider == system}


def variable(stack: str, key: str) -> str:
    """The repository variable holding identity `key`'s Azure client id, an output of bootstrap stack `stack`."""
    return re.sub(r"[^A-Z0-9]", "_", f"MCAI_{stack}_{key}_CLIENT_ID".upper())


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def _stacks(topology: Topology) -> list[Stack]:
    return [s for s in topology.stacks if not s.bootstrap]  # the bootstrap stacks are applied by hand, never by CI


def _header(system: str, out: str, key: str, ci: CiIdentity, needed: set[str]) -> list[str]:
    lines = [
        f"# Written by `mcai init --ci {system}`: Terraform {ci.access} of every stack in {out}, in apply order, as",
        f"# CI identity '{key}' (token subject {ci.subject}). Each job uses its own OIDC token only (no stored",
        "# secret): to the control plane for state, to the stack's account for its resources. Apply the bootstrap",
        "# stacks first, by hand (their READMEs); commit *.auto.tfvars beside a stack for the inputs its steps ask",
        "# for.",
    ]
    if ci.access == "apply":
        lines.append("# Each job applies the plan it just made: whoever starts or approves it (environment reviewers,"
                     " a manual job)")
        lines.append("# approves before that plan exists, so review the plan pipeline's output for the same commit "
                     "first.")
    if needed:
        lines.append(f"# CI variables to set from the bootstrap outputs ci_client_ids[\"{key}\"]: "
                     f"{', '.join(sorted(needed))}.")
    return lines


def _commands(ci: CiIdentity) -> list[tuple[str, str]]:
    init = ("init", "terraform init -input=false -backend-config=backend.hcl")
    if ci.access == "plan":
        return [init, ("plan", "terraform plan -input=false -lock-timeout=5m")]
    return [init, ("plan", "terraform plan -input=false -lock-timeout=5m -out=tfplan"),
            ("apply", "terraform apply -input=false -lock-timeout=5m tfplan")]


def _workflow(spec: Spec, topology: Topology, out: str, key: str, ci: CiIdentity) -> str:
    state = topology.stack("bootstrap")
    jobs: list[str] = []
    needed: set[str] = set()
    previous = None
    for stack in _stacks(topology):
        job = re.sub(r"[^a-z0-9-]", "-", stack.name)
        host = Host(*GITHUB)
        env, setup, variables = _auth(spec, topology, key, stack, state, host)
        needed |= variables
        lines = [f"  {job}:", "    runs-on: ubuntu-latest"]
        if ci.environment:
            lines.append(f"    environment: {_q(ci.environment)}")
        if previous:
            lines.append(f"    needs: [{previous}]")
        lines += ["    defaults:", f"      run: {{working-directory: {_q(out + '/' + stack.name)}}}",
                  "    env:", '      TF_IN_AUTOMATION: "1"']
        lines += [f"      {name}: {value}" for name, value in env]
        lines += ["    steps:", "      - uses: actions/checkout@v4", "      - uses: hashicorp/setup-terraform@v3",
                  "        with: {terraform_wrapper: false}", "      - name: credentials (OIDC, no secret)",
                  "        run: |"] + [f"          {line}" for line in setup]
        lines += [part for name, command in _commands(ci) for part in (f"      - name: {name}",
                                                                       f"        run: {command}")]
        jobs += lines
        previous = job
    trigger = (["on:", "  push:", f"    branches: [{_q(ci.branch)}]", "  workflow_dispatch: {}"] if ci.branch else
               ["on:", "  workflow_dispatch: {}"])
    return "\n".join(_header("github", out, key, ci, needed) + [f"name: {_q('mcai terraform ' + key)}"] + trigger + [
        "permissions:", "  contents: read", "  id-token: write",
        f"concurrency: {{group: {_q('mcai-terraform-' + key)}, cancel-in-progress: false}}", "jobs:"] + jobs) + "\n"


TERRAFORM_IMAGE = "hashicorp/terraform:1.11"


def _gitlab(spec: Spec, topology: Topology, out: str, key: str, ci: CiIdentity) -> str:
    """GitLab jobs: a pipeline on the identity's branch (the subject its tokens carry); an apply waits for a person
    to start its first job."""
    state = topology.stack("bootstrap")
    jobs: list[str] = []
    needed: set[str] = set()
    previous = None
    for i, stack in enumerate(_stacks(topology)):
        job = f"mcai-terraform-{key}-{re.sub(r'[^a-z0-9-]', '-', stack.name)}"
        host = Host(*GITLAB)
        env, setup, variables = _auth(spec, topology, key, stack, state, host)
        needed |= variables
        rule = f"    - if: '$CI_COMMIT_BRANCH == {_q(ci.branch or '')}'"
        lines = [f"{job}:", "  stage: deploy", f"  image: {{name: {_q(TERRAFORM_IMAGE)}, entrypoint: [\"\"]}}",
                 "  rules:", rule]
        if ci.access == "apply" and i == 0:
            lines.append("      when: manual")
        if previous:
            lines.append(f"  needs: [{_q(previous)}]")
        lines += ["  resource_group: " + _q(f"mcai-terraform-{key}")]
        if host.tokens:
            lines += ["  id_tokens:"] + [f"    {name}: {{aud: {_q(aud)}}}" for name, aud in sorted(host.tokens.items())]
        lines += ["  variables:", '    TF_IN_AUTOMATION: "1"'] + [f"    {name}: {value}" for name, value in env]
        lines += ["  script:", f"    - cd {_q(out + '/' + stack.name)}", f"    - mkdir -p \"{host.temp}\"", "    - |"]
        lines += [f"      {line}" for line in setup]
        lines += [f"    - {command}" for _, command in _commands(ci)]
        jobs += lines
        previous = job
    header = _header("gitlab", out, key, ci, needed)
    header.append(f"# Include it from .gitlab-ci.yml: include: [{{local: .gitlab/mcai-terraform-{key}.gitlab-ci.yml}}]")
    return "\n".join(header + jobs) + "\n"


def _ci_stack(topology: Topology, cloud: str, account: str) -> Stack:
    """The bootstrap stack holding the CI identities of one account."""
    return next(s for s in topology.stacks if s.bootstrap and s.cloud == cloud and s.account == account)


def _identity(stack: Stack, key: str) -> dict[str, Any]:
    for call in stack.modules:
        for field_name in ("ci_roles", "ci_identities", "ci_pipelines"):
            if field_name in call.inputs:
                return {**call.inputs[field_name][key], "pool_id": call.inputs.get("pool_id")}
    raise KeyError(key)


def _auth(spec: Spec, topology: Topology, key: str, stack: Stack, state: Stack,
          host: Host) -> tuple[list[tuple[str, str]], list[str], set[str]]:
    """(job env, setup script, CI variables it reads). The environment carries the identity of the stack's own
    account (its provider's credentials; the backend's too when the state is in another cloud or the same account);
    when the stack is in another account of the state's cloud, backend.hcl names the state's identity explicitly."""
    own = _ci_stack(topology, stack.cloud, stack.account)
    env: list[tuple[str, str]] = []
    variables: set[str] = set()
    setup = ["cp backend.hcl.example backend.hcl"]
    for cloud, ci_stack in sorted({state.cloud: state, stack.cloud: own}.items()):  # the stack's own wins
        if cloud == "aws":
            setup += host.token(AWS_AUDIENCE, "oidc-aws.jwt", "MCAI_AWS_TOKEN")
            env += [("AWS_ROLE_ARN", _q(_aws_role(ci_stack, key))),
                    ("AWS_WEB_IDENTITY_TOKEN_FILE", _q(f"{host.env_temp}/oidc-aws.jwt")),
                    ("AWS_REGION", _q(ci_stack.provider_settings["region"]))]
        elif cloud == "azure":
            variables.add(variable(ci_stack.name, key))
            env += [("ARM_USE_OIDC", '"true"'), ("ARM_CLIENT_ID", host.var(variable(ci_stack.name, key))),
                    ("ARM_TENANT_ID", _q(ci_stack.provider_settings["tenant_id"])),
                    ("ARM_SUBSCRIPTION_ID", _q(ci_stack.provider_settings["subscription_id"]))]
            if host.name == "gitlab":  # azurerm reads the token from ARM_OIDC_TOKEN
                host.tokens["ARM_OIDC_TOKEN"] = "api://AzureADTokenExchange"
        else:
            setup += _gcp_credentials(spec, ci_stack, key, "gcp", host)
            env.append(("GOOGLE_APPLICATION_CREDENTIALS", _q(f"{host.env_temp}/gcp.json")))
    if stack.cloud == state.cloud and stack.account != state.account:
        setup += _backend_as_state(spec, state, key, host)
        if state.cloud == "azure":
            variables.add(variable(state.name, key))
            env.append(("MCAI_STATE_CLIENT_ID", host.var(variable(state.name, key))))
    return env, setup, variables


def _aws_role(ci_stack: Stack, key: str) -> str:
    return f"arn:aws:iam::{ci_stack.account}:role/{_identity(ci_stack, key)['name']}"


def _gcp_credentials(spec: Spec, ci_stack: Stack, key: str, name: str, host: Host) -> list[str]:
    """An external_account credential file: the job's token exchanged for the pipeline's own principal in the
    project's pool (direct workload identity federation: no service account, no key). On GitHub the token is
    fetched from the runner's endpoint at every refresh (a URL source, as google-github-actions/auth writes it), so
    an apply longer than one access token never presents an expired job token; GitLab's lasts the job."""
    gcp = spec.clouds.gcp
    assert gcp is not None
    numbers = {a.project_id: a.project_number for a in accounts_of(gcp).values()} or {
        gcp.project_id: gcp.project_number}  # type: ignore[union-attr]
    audience = (f"//iam.googleapis.com/projects/{numbers[ci_stack.account]}/locations/global/workloadIdentityPools/"
                f"{_identity(ci_stack, key)['pool_id']}/providers/{host.name}")
    config: dict[str, Any] = {"type": "external_account", "audience": audience,
                              "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                              "token_url": "https://sts.googleapis.com/v1/token"}
    lines = []
    if host.name == "github":
        config["credential_source"] = {
            "url": "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=" + quote("https:" + audience, safe=""),
            "headers": {"Authorization": "bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN"},
            "format": {"type": "json", "subject_token_field_name": "value"}}
    else:
        token = re.sub(r"[^A-Z0-9]", "_", f"MCAI_{name}_TOKEN".upper())
        lines = host.token("https:" + audience, f"oidc-{name}.jwt", token)
        config["credential_source"] = {"file": f"{host.temp}/oidc-{name}.jwt"}
    return lines + [f'cat > "{host.temp}/{name}.json" <<EOF', json.dumps(config, sort_keys=True), "EOF"]


def _backend_as_state(spec: Spec, state: Stack, key: str, host: Host) -> list[str]:
    """backend.hcl lines authenticating the backend as the state's identity when the provider's (in the same cloud,
    another account) is in the environment."""
    if state.cloud == "aws":
        lines = [f'assume_role_with_web_identity = {{ role_arn = "{_aws_role(state, key)}", '
                 f'web_identity_token_file = "{host.temp}/oidc-aws.jwt" }}']
    elif state.cloud == "azure":
        lines = ["use_oidc        = true", 'client_id       = "$MCAI_STATE_CLIENT_ID"',
                 f'tenant_id       = "{state.provider_settings["tenant_id"]}"',
                 f'subscription_id = "{state.provider_settings["subscription_id"]}"']
    else:
        return _gcp_credentials(spec, state, key, "gcp-state", host) + [
            "cat >> backend.hcl <<EOF", f'credentials = "{host.temp}/gcp-state.json"', "EOF"]
    return ["cat >> backend.hcl <<EOF", *lines, "EOF"]
