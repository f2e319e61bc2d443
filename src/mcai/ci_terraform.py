"""GitHub Actions workflows that run Terraform for every stack with the keyless CI identities the bootstrap stacks
create (`mcai init --ci github` on a spec with `bootstrap.ci`): one workflow per GitHub identity, one job per stack in
apply order, each job authenticated with the pipeline's own OIDC token twice, to the control plane for state and to
the stack's account for its resources. No secret is read or stored; the only values not derivable from the spec are
Azure client ids (GUIDs Entra assigns), read from repository variables the header names.

Pure: the topology in, file contents out (the writer puts them on disk). Every value written comes from the
validated spec and is JSON-quoted (a YAML double-quoted scalar) or is a fixed `${{ vars.NAME }}` expression.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from mcai.spec import Spec
from mcai.spec.accounts import accounts_of
from mcai.spec.bootstrap import CiIdentity
from mcai.topology.model import Stack, Topology

AWS_AUDIENCE = "sts.amazonaws.com"


def workflows(spec: Spec, topology: Topology, out: str) -> dict[str, bytes]:
    """path in the repository -> workflow, for each GitHub CI identity of the spec's bootstrap (none without one)."""
    boot = spec.bootstrap
    if boot is None:
        return {}
    return {f".github/workflows/mcai-terraform-{key}.yml": _workflow(spec, topology, out, key, ci).encode()
            for key, ci in sorted(boot.ci.items()) if ci.provider == "github"}


def variable(stack: str, key: str) -> str:
    """The repository variable holding identity `key`'s Azure client id, an output of bootstrap stack `stack`."""
    return re.sub(r"[^A-Z0-9]", "_", f"MCAI_{stack}_{key}_CLIENT_ID".upper())


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def _workflow(spec: Spec, topology: Topology, out: str, key: str, ci: CiIdentity) -> str:
    stacks = [s for s in topology.stacks if not s.bootstrap]
    state = topology.stack("bootstrap")
    jobs = []
    needed: set[str] = set()
    previous = None
    for stack in stacks:
        job = re.sub(r"[^a-z0-9-]", "-", stack.name)
        env, setup = _auth(spec, topology, key, stack, state)
        needed |= {v.split("vars.")[1].split(" ")[0] for _, v in env if "vars." in v}
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
        lines += ["      - name: init", "        run: terraform init -input=false -backend-config=backend.hcl"]
        if ci.access == "plan":
            lines += ["      - name: plan", "        run: terraform plan -input=false -lock-timeout=5m"]
        else:
            lines += ["      - name: plan", "        run: terraform plan -input=false -lock-timeout=5m -out=tfplan",
                      "      - name: apply", "        run: terraform apply -input=false -lock-timeout=5m tfplan"]
        jobs += lines
        previous = job
    trigger = (["on:", "  push:", f"    branches: [{_q(ci.branch)}]", "  workflow_dispatch: {}"] if ci.branch else
               ["on:", "  workflow_dispatch: {}"])
    header = [
        f"# Written by `mcai init --ci github`: Terraform {ci.access} of every stack in {out}, in apply order, as CI",
        f"# identity '{key}' (token subject {ci.subject}). Each job uses its own OIDC token only (no stored secret):",
        "# to the control plane for state, to the stack's account for its resources. Apply the bootstrap stacks",
        "# first, by hand (their READMEs); commit *.auto.tfvars beside a stack for the inputs its steps ask for.",
    ]
    if needed:
        header.append(f"# Repository variables to set from the bootstrap outputs ci_client_ids[\"{key}\"]: "
                      f"{', '.join(sorted(needed))}.")
    return "\n".join(header + [f"name: {_q('mcai terraform ' + key)}"] + trigger + [
        "permissions:", "  contents: read", "  id-token: write",
        f"concurrency: {{group: {_q('mcai-terraform-' + key)}, cancel-in-progress: false}}", "jobs:"] + jobs) + "\n"


def _ci_stack(topology: Topology, cloud: str, account: str) -> Stack:
    """The bootstrap stack holding the CI identities of one account."""
    return next(s for s in topology.stacks if s.bootstrap and s.cloud == cloud and s.account == account)


def _identity(stack: Stack, key: str) -> dict[str, Any]:
    for call in stack.modules:
        for field in ("ci_roles", "ci_identities", "ci_pipelines"):
            if field in call.inputs:
                return {**call.inputs[field][key], "pool_id": call.inputs.get("pool_id")}
    raise KeyError(key)


def _auth(spec: Spec, topology: Topology, key: str, stack: Stack,
          state: Stack) -> tuple[list[tuple[str, str]], list[str]]:
    """(job env, setup script). The environment carries the identity of the stack's own account (its provider's
    credentials; the backend's too when the state is in that cloud and another account is not involved); when the
    stack is in another account of the state's cloud, backend.hcl names the state's identity explicitly."""
    own = _ci_stack(topology, stack.cloud, stack.account)
    env: list[tuple[str, str]] = []
    setup = ["cp backend.hcl.example backend.hcl"]
    for cloud, ci_stack in sorted({state.cloud: state, stack.cloud: own}.items()):  # the stack's own wins
        if cloud == "aws":
            setup += _fetch(AWS_AUDIENCE, "oidc-aws.jwt")
            env += [("AWS_ROLE_ARN", _q(_aws_role(ci_stack, key))),
                    ("AWS_WEB_IDENTITY_TOKEN_FILE", _q("${{ runner.temp }}/oidc-aws.jwt")),
                    ("AWS_REGION", _q(ci_stack.provider_settings["region"]))]
        elif cloud == "azure":
            env += [("ARM_USE_OIDC", '"true"'), ("ARM_CLIENT_ID", f"${{{{ vars.{variable(ci_stack.name, key)} }}}}"),
                    ("ARM_TENANT_ID", _q(ci_stack.provider_settings["tenant_id"])),
                    ("ARM_SUBSCRIPTION_ID", _q(ci_stack.provider_settings["subscription_id"]))]
        else:
            setup += _gcp_credentials(spec, ci_stack, key, "gcp")
            env.append(("GOOGLE_APPLICATION_CREDENTIALS", _q("${{ runner.temp }}/gcp.json")))
    if stack.cloud == state.cloud and stack.account != state.account:
        setup += _backend_as_state(spec, state, key)
        if state.cloud == "azure":
            env.append(("MCAI_STATE_CLIENT_ID", f"${{{{ vars.{variable(state.name, key)} }}}}"))
    return env, setup


def _aws_role(ci_stack: Stack, key: str) -> str:
    return f"arn:aws:iam::{ci_stack.account}:role/{_identity(ci_stack, key)['name']}"


def _fetch(audience: str, file: str) -> list[str]:
    """The job's OIDC token for one audience into a file (GitHub sets both variables with `id-token: write`)."""
    return [f'curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" '
            f'"$ACTIONS_ID_TOKEN_REQUEST_URL&audience={audience}" | python3 -c '
            f'"import json,sys; print(json.load(sys.stdin)[\'value\'])" > "$RUNNER_TEMP/{file}"']


def _gcp_credentials(spec: Spec, ci_stack: Stack, key: str, name: str) -> list[str]:
    """An external_account credential file: the job's token exchanged for the pipeline's own principal in the
    project's pool (direct workload identity federation: no service account, no key). The token is fetched from
    GitHub's endpoint at every refresh (a URL source, as google-github-actions/auth writes it), so an apply longer
    than the one-hour access token never presents an expired job token."""
    gcp = spec.clouds.gcp
    assert gcp is not None
    numbers = {a.project_id: a.project_number for a in accounts_of(gcp).values()} or {
        gcp.project_id: gcp.project_number}  # type: ignore[union-attr]
    audience = (f"//iam.googleapis.com/projects/{numbers[ci_stack.account]}/locations/global/workloadIdentityPools/"
                f"{_identity(ci_stack, key)['pool_id']}/providers/github")
    config = {"type": "external_account", "audience": audience,
              "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
              "token_url": "https://sts.googleapis.com/v1/token",
              "credential_source": {
                  "url": "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=" + quote("https:" + audience, safe=""),
                  "headers": {"Authorization": "bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN"},
                  "format": {"type": "json", "subject_token_field_name": "value"}}}
    return [f'cat > "$RUNNER_TEMP/{name}.json" <<EOF', json.dumps(config, sort_keys=True), "EOF"]


def _backend_as_state(spec: Spec, state: Stack, key: str) -> list[str]:
    """backend.hcl lines authenticating the backend as the state's identity when the provider's (in the same cloud,
    another account) is in the environment."""
    if state.cloud == "aws":
        lines = [f'assume_role_with_web_identity = {{ role_arn = "{_aws_role(state, key)}", '
                 'web_identity_token_file = "$RUNNER_TEMP/oidc-aws.jwt" }']
    elif state.cloud == "azure":
        lines = ["use_oidc        = true", 'client_id       = "$MCAI_STATE_CLIENT_ID"',
                 f'tenant_id       = "{state.provider_settings["tenant_id"]}"',
                 f'subscription_id = "{state.provider_settings["subscription_id"]}"']
    else:
        lines = _gcp_credentials(spec, state, key, "gcp-state") + ['cat >> backend.hcl <<EOF',
                                                                   'credentials = "$RUNNER_TEMP/gcp-state.json"',
                                                                   "EOF"]
        return lines
    return ["cat >> backend.hcl <<EOF", *lines, "EOF"]
