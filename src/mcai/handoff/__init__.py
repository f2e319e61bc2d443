"""Hand-off stage: the files a platform team would otherwise hand-write to run the router on what the stacks build
(LiteLLM configuration, Kubernetes service accounts, SDK credential configuration), rendered as views of the derived
use paths so they match the Terraform exactly.

Sits above `paths/` and `topology/`, below `pipeline` and `cli/`. Values that exist only after apply are
`AfterApply` references: placeholders at plan time, filled from `terraform output -json` by `fill`.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from mcai import __version__
from mcai.handoff import correlation, kinds, kubernetes, litellm
from mcai.handoff.credentials import azure_environment, gcp_credential_config
from mcai.handoff.identities import workload_identities
from mcai.handoff.kinds import projections
from mcai.handoff.model import AfterApply, Resolver, placeholder, refs, resolve
from mcai.paths import UsePath
from mcai.render.hcl import comment
from mcai.spec.models import Spec
from mcai.topology.model import Topology

__all__ = ["AfterApply", "DIRECTORY", "handoff_data", "handoff_files", "after_apply_refs"]

DIRECTORY = "handoff"


def handoff_data(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> dict[str, tuple[str, Any]]:
    """Path -> (format, data with `AfterApply` references) for every hand-off file; formats: yaml, yaml-stream,
    json, env, python (the router's correlation callback, fixed text). Comments come with each file's format (see `_text`)."""
    out: dict[str, tuple[str, Any]] = {}
    router = spec.routing.router if spec.routing else None
    config = litellm.router_config(spec, topology, paths)
    if config is not None and router is not None:
        out[f"{DIRECTORY}/{router}/litellm-config.yaml"] = ("yaml", config)
        out[f"{DIRECTORY}/{router}/{correlation.FILE}"] = ("python", correlation.SOURCE)
    for ident in workload_identities(spec, topology, paths):
        base = f"{DIRECTORY}/{ident.workload}"
        out[f"{base}/kubernetes.yaml"] = ("yaml-stream", kubernetes.objects(ident))
        out[f"{base}/deployment-patch.yaml"] = ("yaml", kubernetes.deployment_patch(ident))
        gcp = gcp_credential_config(ident, projections(ident))
        if gcp is not None:
            out[f"{base}/gcp-credentials.json"] = ("json", gcp)
        env = azure_environment(ident, projections(ident))
        if env:
            out[f"{base}/azure.env"] = ("env", env)
    return out


def after_apply_refs(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> list[AfterApply]:
    """Every value the hand-off files wait for, once each, in file order."""
    seen: dict[AfterApply, None] = {}
    for _, data in handoff_data(spec, topology, paths).values():
        seen.update(dict.fromkeys(refs(data)))
    return list(seen)


def handoff_files(spec: Spec, topology: Topology, paths: tuple[UsePath, ...], spec_name: str,
                  value_of: Resolver = placeholder, command: str = "mcai plan") -> dict[str, str]:
    """Path -> text of every hand-off file; `value_of` gives each after-apply value (default: its placeholder),
    `command` is the one the header says regenerates the file."""
    notes = _notes(spec, topology, paths)
    return {path: _text(fmt, resolve(data, value_of), f"{spec_name}. Do not edit: regenerate with {command}",
                        notes.get(path, ()))
            for path, (fmt, data) in handoff_data(spec, topology, paths).items()}


def _notes(spec: Spec, topology: Topology, paths: tuple[UsePath, ...]) -> dict[str, tuple[str, ...]]:
    """Comment lines per file: what a reader must know that the data cannot say."""
    out: dict[str, tuple[str, ...]] = {}
    router = spec.routing.router if spec.routing else None
    identities = workload_identities(spec, topology, paths)
    routed = next((i for i in identities if i.workload == router), None)
    vertex = ("the GKE metadata server" if routed is not None and routed.gcp is not None and routed.gcp.native
              else "GOOGLE_APPLICATION_CREDENTIALS")
    out[f"{DIRECTORY}/{router}/litellm-config.yaml"] = (
        f"LiteLLM proxy configuration for workload '{router}': models in the order the router tries them "
        "(routing chain, each spillover right after its primary).",
        "No api_key anywhere: Bedrock uses the pod's IAM role (or, in another account, the role it assumes there "
        "with it: aws_role_name), Azure OpenAI an Entra ID token from the workload "
        f"identity, Vertex AI {vertex} (see deployment-patch.yaml).",
        f"Every provider call carries the client's {correlation.HEADER} (or LiteLLM's call id): {correlation.FILE} "
        "must sit next to this file (LiteLLM loads callbacks from the config's directory).")
    out[f"{DIRECTORY}/{router}/{correlation.FILE}"] = (
        f"Correlation callback of the router '{router}' (listed in litellm-config.yaml); its code is the same for every estate.",)
    for ident in identities:
        base = f"{DIRECTORY}/{ident.workload}"
        out[f"{base}/kubernetes.yaml"] = (
            f"Service account of workload '{ident.workload}' on {ident.kind} cluster {ident.cluster}.",
            *kinds.notes(ident))
        out[f"{base}/deployment-patch.yaml"] = (
            f"Strategic-merge patch for Deployment '{ident.workload}' (its container named '{ident.workload}'): "
            "projected service-account tokens and the variables the cloud SDKs read.",
            "kubectl patch deployment NAME --patch-file deployment-patch.yaml, or list it under kustomize patches.")
        if ident.azure is not None and ident.azure.via == "aws_outbound":
            out[f"{base}/azure.env"] = (
                "AZURE_FEDERATED_TOKEN_FILE is not set: the token comes from sts:GetWebIdentityToken (via "
                "aws_outbound); a helper must write it to a file and set the variable.",)
    return out


def _text(fmt: str, data: Any, origin: str, notes: tuple[str, ...]) -> str:
    if fmt == "json":  # JSON has no comments; the file is read by google-auth as is
        return json.dumps(data, indent=2, sort_keys=True) + "\n"
    head = comment(f"Generated by mcai {__version__} from {origin}.")
    head += "".join(comment(n) for n in notes)
    if fmt == "python":  # comment lines first, then the module (its docstring still documents it)
        return head + data
    if fmt == "env":
        return head + "".join(f"{k}={v}\n" for k, v in data.items())
    if fmt == "yaml-stream":
        return head + "---\n".join(_yaml(d) for d in data)
    return head + _yaml(data)


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (a credential file inside a ConfigMap) as literal blocks, readable in review."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and value.replace("\n", "").isprintable() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=1_000_000,
                     allow_unicode=False)
