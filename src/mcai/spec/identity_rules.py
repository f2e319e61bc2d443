"""Workload identity rules that need the whole spec: the workload exists and runs where its tokens come from, every
cloud it reaches is declared, every model and dataset it is trusted on exists there, and the Entra ID limits on
federated credentials (at most 20 per identity, issuer+subject unique, names unique) hold."""

from __future__ import annotations

from collections.abc import Iterator

from mcai.spec.accounts import settings_of
from mcai.spec.errors import suggest
from mcai.spec.identity import (
    MAX_AWS_SESSION_NAME,
    MAX_FEDERATED_CREDENTIALS,
    MAX_GOOGLE_SUBJECT,
    AzureAccess,
    GcpAccess,
    assumed_role_arn,
    aws_role_name,
    kubernetes_subject,
)
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, declared_clouds, rule
from mcai.spec.runtimes import CLUSTER_VIA, KIND_NAME, cluster_issuer


def _known(kind: str, name: str, known: list[str]) -> str:
    listed = ", ".join(sorted(known)) if known else "none declared"
    return f"unknown {kind} '{name}'{suggest(name, known)} (known: {listed})"


def _not_declared(workload: str, cloud: str, spec: Spec) -> str:
    listed = ", ".join(declared_clouds(spec)) or "none"
    return (f"workload '{workload}' reaches {cloud}, but cloud '{cloud}' is not declared under 'clouds' "
            f"(declared: {listed})")


@rule
def identities_name_workloads_and_clouds(spec: Spec) -> Iterator[Finding]:
    for workload, ident in spec.identity.items():
        path = ("identity", workload)
        if workload not in spec.workloads:
            yield path, _known("workload", workload, list(spec.workloads))
        if ident.azure is None and ident.gcp is None:
            yield path, "say which cloud the workload reaches: 'azure' and/or 'gcp'"
        for cloud in ("azure", "gcp"):
            if getattr(ident, cloud) is not None and cloud not in declared_clouds(spec):
                yield path + (cloud,), _not_declared(workload, cloud, spec)


@rule
def azure_trust_targets_exist(spec: Spec) -> Iterator[Finding]:
    for workload, ident in spec.identity.items():
        if ident.azure is None or "azure" not in declared_clouds(spec):
            continue
        path = ("identity", workload, "azure")
        openai = sorted(k for k, m in spec.models.items() if m.provider == "azure_openai")
        seen: set[str] = set()
        for i, key in enumerate(ident.azure.openai):
            model = spec.models.get(key)
            if model is None:
                yield path + ("openai", i), (_known("model", key, list(spec.models))
                                             + "; the role is granted on the Azure OpenAI account serving it")
            elif model.provider != "azure_openai":
                listed = ", ".join(openai) or "none declared"
                yield path + ("openai", i), (f"model '{key}' is a {model.provider} model, not served by the Azure "
                                             f"OpenAI account (azure_openai models: {listed})")
            if key in seen:
                yield path + ("openai", i), f"model '{key}' is listed twice"
            seen.add(key)
        yield from _runtime_supports(spec, workload, ident.azure.via, path + ("via",))
        yield from _credentials_fit(spec, workload, ident.azure, path)
        yield from _same_clusters_everywhere(spec, workload, path)


@rule
def gcp_trust_targets_exist(spec: Spec) -> Iterator[Finding]:
    for workload, ident in spec.identity.items():
        if ident.gcp is None or "gcp" not in declared_clouds(spec):
            continue
        path = ("identity", workload, "gcp")
        gcp = ident.gcp
        reads_buckets = any(d.kind in ("gcs", "vertex_vector_search") and workload in (d.used_by or ())
                            for d in spec.data.values())
        if not gcp.vertex and not gcp.bigquery and not reads_buckets:
            yield path, ("grant something: 'vertex: true' and/or 'bigquery: [<dataset>]' (or list the workload in a "
                         "gcs or vertex_vector_search store's 'used_by')")
        if gcp.vertex and not any(m.provider == "vertex" for m in spec.models.values()):
            yield path + ("vertex",), ("'vertex: true' grants roles/aiplatform.user, but no vertex model is declared "
                                       "under 'models'")
        datasets = sorted(k for k, d in spec.data.items() if d.kind == "bigquery")
        seen: set[str] = set()
        for i, key in enumerate(gcp.bigquery):
            store = spec.data.get(key)
            if store is None:
                yield path + ("bigquery", i), _known("data store", key, list(spec.data))
            elif store.kind != "bigquery":
                listed = ", ".join(datasets) or "none declared"
                yield path + ("bigquery", i), (f"data store '{key}' is {store.kind}, not a BigQuery dataset "
                                               f"(bigquery datasets: {listed})")
            if key in seen:
                yield path + ("bigquery", i), f"dataset '{key}' is listed twice"
            seen.add(key)
        yield from _runtime_supports(spec, workload, gcp.via, path + ("via",))
        yield from _oidc_subject_fits(spec, workload, gcp, path)
        yield from _aws_subject_impossible(spec, workload, gcp, path + ("via",))
        yield from _extra_issuers_fit(spec, workload, gcp, path + ("extra_issuers",))


@rule
def pool_ids_are_unique(spec: Spec) -> Iterator[Finding]:
    owners: dict[str, str] = {}
    for workload, ident in spec.identity.items():
        if ident.gcp is None:
            continue
        pool = default_pool_id(spec, workload, ident.gcp)
        if pool in owners:
            yield (("identity", workload, "gcp", "pool_id"),
                   f"pool id '{pool}' is already used by workload '{owners[pool]}'; each workload gets its own pool")
        owners.setdefault(pool, workload)


def default_pool_id(spec: Spec, workload: str, gcp: GcpAccess) -> str:
    return gcp.pool_id or f"{workload}-{spec.environment}"


def _runtime_supports(spec: Spec, workload: str, via: str, path: tuple[str | int, ...]) -> Iterator[Finding]:
    declared = spec.workloads.get(workload)
    if declared is None:
        return
    runtime = declared.runs_on
    own = CLUSTER_VIA[runtime.kind]
    runs = f"workload '{workload}' runs on {KIND_NAME[runtime.kind]} (cluster {runtime.cluster})"
    if via in CLUSTER_VIA.values() and via != own:
        kind = next(k for k, v in CLUSTER_VIA.items() if v == via)
        yield path, (f"via '{via}' trusts an {KIND_NAME[kind]} cluster's issuer, but {runs}: use '{own}' or leave "
                     "'via' out (the default is the workload's own cluster)")
    elif via == "eks_oidc" and runtime.oidc_issuer is None:
        yield path, (f"via 'eks_oidc' needs the workload's 'runs_on.oidc_issuer' (the EKS cluster's OIDC issuer "
                     f"URL that the other cloud trusts); set it on workload '{workload}'")
    if via in ("aws", "aws_outbound") and runtime.kind != "eks":
        yield path, (f"via '{via}' presents an AWS IAM role's credentials, but {runs} and holds none: leave 'via' "
                     f"out (the other cloud trusts its cluster's issuer, '{own}')")
    elif via in ("aws", "aws_outbound") and spec.clouds.aws is None:
        yield path, f"via '{via}' trusts the workload's AWS IAM role, but cloud 'aws' is not declared under 'clouds'"


@rule
def gke_needs_no_gcp_federation(spec: Spec) -> Iterator[Finding]:
    """Workload Identity Federation for GKE already makes the service account a principal in the project."""
    for workload, ident in spec.identity.items():
        declared = spec.workloads.get(workload)
        if ident.gcp is not None and declared is not None and declared.runs_on.kind == "gke":
            project = settings_of(spec, "gcp", declared).project_id if spec.clouds.gcp else "the gcp project"
            yield ("identity", workload, "gcp"), (
                f"workload '{workload}' runs on GKE in {project}: Workload Identity Federation for GKE makes its "
                "Kubernetes service account a principal there, and its Vertex AI, BigQuery and Cloud Storage grants "
                f"follow from 'routing' and 'used_by'; remove 'identity.{workload}.gcp'")


def _credentials_fit(spec: Spec, workload: str, azure: AzureAccess, path: tuple[str | int, ...]) -> Iterator[Finding]:
    """Entra ID: at most 20 credentials per identity; names unique; each issuer+subject pair unique."""
    total = 1 + len(azure.extra_credentials)
    if total > MAX_FEDERATED_CREDENTIALS:
        yield path + ("extra_credentials",), (
            f"workload '{workload}' would have {total} federated credentials on its managed identity (its own plus "
            f"{len(azure.extra_credentials)} extra); Entra ID allows at most {MAX_FEDERATED_CREDENTIALS} per identity")
    names = {primary_credential_name(workload, azure.via)}
    pairs = {_primary_pair(spec, workload, azure.via)}
    for i, extra in enumerate(azure.extra_credentials):
        where = path + ("extra_credentials", i)
        if extra.name in names:
            yield where + ("name",), f"federated credential name '{extra.name}' is used twice on this identity"
        if (extra.issuer, extra.subject) in pairs:
            yield where, (f"issuer '{extra.issuer}' with subject '{extra.subject}' is already trusted by this "
                          "identity; Entra ID needs each issuer+subject pair once")
        names.add(extra.name)
        pairs.add((extra.issuer, extra.subject))


def _extra_issuers_fit(spec: Spec, workload: str, gcp: GcpAccess, path: tuple[str | int, ...]) -> Iterator[Finding]:
    """More clusters are trusted through their OIDC issuers: only with via eks_oidc, each issuer once."""
    if gcp.extra_issuers and gcp.via != "eks_oidc":
        yield path, "extra_issuers are other clusters' OIDC issuers: they need via 'eks_oidc'"
        return
    declared = spec.workloads.get(workload)
    seen = {cluster_issuer(spec, declared.runs_on)} if declared else set()
    for i, issuer in enumerate(gcp.extra_issuers):
        if issuer in seen:
            yield path + (i,), f"issuer '{issuer}' is already trusted for workload '{workload}'; list it once"
        seen.add(issuer)


def _same_clusters_everywhere(spec: Spec, workload: str, path: tuple[str | int, ...]) -> Iterator[Finding]:
    """An extra credential on another issuer says the workload also runs on another cluster. GCP trusts that issuer
    too, with a provider of its own in the workload's pool (topology/gcp_issuers.py), but it grants one subject: on
    another cluster under another service account, Google Cloud would refuse the calls."""
    ident = spec.identity[workload]
    declared = spec.workloads.get(workload)
    if ident.azure is None or ident.gcp is None or declared is None or ident.gcp.via != "eks_oidc":
        return
    runtime = declared.runs_on
    home = kubernetes_subject(runtime.namespace, runtime.service_account)
    for i, extra in enumerate(ident.azure.extra_credentials):
        if extra.issuer != runtime.oidc_issuer and extra.subject != home:
            yield path + ("extra_credentials", i, "subject"), (
                f"workload '{workload}' also runs as '{extra.subject}' under issuer '{extra.issuer}' (Azure trusts "
                f"it), but its GCP identity admits only '{home}': Google Cloud would refuse calls from there. Use "
                f"the same namespace and service account on that cluster (GCP then trusts it with a provider of its "
                "own), or declare it as its own workload")


def primary_credential_name(workload: str, via: str) -> str:
    return f"{workload}-{via.replace('_', '-')}"


def _primary_pair(spec: Spec, workload: str, via: str) -> tuple[str, str]:
    declared = spec.workloads.get(workload)
    if declared is None:
        return ("", "")
    runtime = declared.runs_on
    if via.endswith("_oidc"):
        return (cluster_issuer(spec, runtime) or "", kubernetes_subject(runtime.namespace, runtime.service_account))
    account = settings_of(spec, "aws", declared).account_id if spec.clouds.aws else ""
    return ("<aws outbound issuer>",
            f"arn:aws:iam::{account}:role/{aws_role_name(spec.name, spec.environment, workload)}")


def _aws_subject_impossible(spec: Spec, workload: str, gcp: GcpAccess,
                            path: tuple[str | int, ...]) -> Iterator[Finding]:
    """An AWS pool provider maps `google.subject` from the assumed-role ARN, session name included. EKS picks the
    session name of its pods (Pod Identity: `eks-<cluster>-<pod>-<uuid>`), so the subject of an EKS workload is
    neither known nor bounded, and Google's client libraries cannot read Pod Identity credentials: it cannot work."""
    declared = spec.workloads.get(workload)
    if gcp.via != "aws" or declared is None or spec.clouds.aws is None or declared.runs_on.kind != "eks":
        return
    role = assumed_role_arn(settings_of(spec, "aws", declared).account_id,
                            aws_role_name(spec.name, spec.environment, workload))
    worst = len(role) + 1 + MAX_AWS_SESSION_NAME
    length = (f"; up to {worst} characters where Google allows {MAX_GOOGLE_SUBJECT}" if worst > MAX_GOOGLE_SUBJECT
              else "")
    yield path, (f"via 'aws' cannot work for workload '{workload}' on EKS: google.subject would be its assumed-role "
                 f"ARN with a session name EKS or the SDK picks, not mcai{length}, and Google's client libraries "
                 "cannot read EKS Pod Identity credentials; use 'via: eks_oidc' (the "
                 "default: the cluster's OIDC issuer, google.subject = assertion.sub) and set "
                 f"'workloads.{workload}.runs_on.oidc_issuer'")


def _oidc_subject_fits(spec: Spec, workload: str, gcp: GcpAccess, path: tuple[str | int, ...]) -> Iterator[Finding]:
    declared = spec.workloads.get(workload)
    if gcp.via is None or not gcp.via.endswith("_oidc") or declared is None:
        return
    subject = kubernetes_subject(declared.runs_on.namespace, declared.runs_on.service_account)
    if len(subject) > MAX_GOOGLE_SUBJECT:
        yield path + ("via",), (f"google.subject would be '{subject}' ({len(subject)} characters); Google allows at "
                                f"most {MAX_GOOGLE_SUBJECT}: shorten the namespace or service account name")
