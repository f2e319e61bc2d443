"""Kubernetes objects per workload: its ServiceAccount (annotations per kind, see `kinds`), a ConfigMap with its GCP
credential configuration, and a strategic-merge patch for its Deployment that mounts the projected tokens and sets
the environment the cloud SDKs read. No Secret: nothing here is secret."""

from __future__ import annotations

from typing import Any

from mcai.handoff import kinds
from mcai.handoff.credentials import azure_environment, gcp_credential_config
from mcai.handoff.identities import WorkloadIdentities

TOKEN_SECONDS = 3600


def labels(ident: WorkloadIdentities) -> dict[str, str]:
    return {"app.kubernetes.io/name": ident.workload, "app.kubernetes.io/managed-by": "mcai"}


def _gcp_config_map(ident: WorkloadIdentities) -> str:
    return f"{ident.service_account}-gcp-credentials"


def objects(ident: WorkloadIdentities) -> list[dict[str, Any]]:
    """The ServiceAccount and, when the workload reaches GCP, the ConfigMap holding its credential configuration."""
    meta: dict[str, Any] = {"name": ident.service_account, "namespace": ident.namespace, "labels": labels(ident)}
    annotations = kinds.service_account_annotations(ident)
    if annotations:
        meta["annotations"] = annotations
    out: list[dict[str, Any]] = [{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta}]
    config = gcp_credential_config(ident, kinds.projections(ident))
    if config is not None:
        import json

        out.append({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": _gcp_config_map(ident), "namespace": ident.namespace,
                                 "labels": labels(ident)},
                    "data": {kinds.GCP_CONFIG_FILE: json.dumps(config, indent=2, sort_keys=True) + "\n"}})
    return out


def deployment_patch(ident: WorkloadIdentities) -> dict[str, Any]:
    """A strategic-merge patch (kubectl patch / kustomize) for the workload's Deployment, named after the workload,
    whose container is named after the workload too."""
    volumes: list[dict[str, Any]] = []
    mounts: list[dict[str, Any]] = []
    for p in kinds.projections(ident):
        name = f"mcai-{p.cloud}-token"
        volumes.append({"name": name, "projected": {"sources": [{"serviceAccountToken": {
            "audience": p.audience, "expirationSeconds": TOKEN_SECONDS, "path": "token"}}]}})
        mounts.append({"name": name, "mountPath": p.path.rsplit("/", 1)[0], "readOnly": True})
    env = [{"name": k, "value": v} for k, v in azure_environment(ident, kinds.projections(ident)).items()]
    if gcp_credential_config(ident, kinds.projections(ident)) is not None:
        volumes.append({"name": "mcai-gcp-credentials", "configMap": {"name": _gcp_config_map(ident)}})
        mounts.append({"name": "mcai-gcp-credentials", "mountPath": kinds.GCP_CONFIG_DIR, "readOnly": True})
        env.append({"name": "GOOGLE_APPLICATION_CREDENTIALS",
                    "value": f"{kinds.GCP_CONFIG_DIR}/{kinds.GCP_CONFIG_FILE}"})
    env += [{"name": k, "value": v} for k, v in kinds.aws_environment(ident).items()]
    container: dict[str, Any] = {"name": ident.workload}
    if env:
        container["env"] = env
    if mounts:
        container["volumeMounts"] = mounts
    pod: dict[str, Any] = {"serviceAccountName": ident.service_account, "containers": [container]}
    if volumes:
        pod["volumes"] = volumes
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": ident.workload, "namespace": ident.namespace},
            "spec": {"template": {"metadata": {"labels": labels(ident) | kinds.pod_labels(ident)}, "spec": pod}}}
