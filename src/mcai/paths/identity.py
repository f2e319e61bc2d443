"""The identity path of a use, hop by hop: the workload's home identity (its IAM role through EKS Pod Identity or
IRSA), the token exchange into the target's cloud (issuer, subject, audience), and the grant scoped to the target.
Everything is read back from the derived topology (module inputs, trust edges), so the path shows exactly what the
rendered Terraform grants; a missing hop raises `Broken` with how to add it."""

from __future__ import annotations

from typing import Any

from mcai.paths.across import Crossed, aws_sid, crossed, other_project, waits_for
from mcai.paths.model import Broken, Use
from mcai.spec.identity import kubernetes_subject
from mcai.spec.models import Spec
from mcai.spec.runtimes import GkeRuntime, cluster_issuer
from mcai.spec.runtimes import home as home_of
from mcai.topology.identity import vector_query_grant
from mcai.topology.model import ModuleCall, Topology, TrustEdge


def identity_path(spec: Spec, topology: Topology, use: Use) -> tuple[str, ...]:
    if use.kind == "ingestion":
        from mcai.paths.retrieval import ingestion_identity

        return ingestion_identity(spec, topology, use)
    runtime = spec.workloads[use.workload].runs_on
    home = home_of(runtime)
    if use.kind == "cache" and use.target_cloud != runtime.cloud:
        return ()  # the network check refuses a cache in another cloud; an identity hint there would mislead
    if use.target_cloud == "aws":
        return _aws(spec, topology, use, home)
    if use.target_cloud == "azure":
        return _azure(spec, topology, use, home)
    if isinstance(runtime, GkeRuntime):
        return _gke(spec, topology, use, home, runtime)
    return _gcp(spec, topology, use, home)


def _slug(key: str) -> str:
    return key.replace("-", "_")


def _aws(spec: Spec, topology: Topology, use: Use, home: str) -> tuple[str, ...]:
    role = topology.call("aws", f"workload_{_slug(use.workload)}")
    if role is None:
        raise Broken(f"workload '{use.workload}' has no IAM role in the aws stack, so nothing grants it "
                     f"{use.what}")
    sid = aws_sid(spec, use)
    statement = next((s for s in role.inputs["statements"] if s["sid"] == sid), None)
    crossing = crossed(spec, topology, use) if statement is None else None
    if statement is None and crossing is None:
        raise Broken(f"the IAM role of workload '{use.workload}' has no statement granting "
                     f"{use.what}")
    trust = role.inputs["trust"]
    runtime = spec.workloads[use.workload].runs_on
    if trust["type"] == "oidc":
        how = (f"STS AssumeRoleWithWebIdentity with its projected token (issuer {cluster_issuer(spec, runtime)}, "
               f"subject {kubernetes_subject(runtime.namespace, runtime.service_account)}, audience "
               f"sts.amazonaws.com) through the stack's IAM OIDC provider for that issuer")
    else:
        how = "EKS Pod Identity" if trust["type"] == "pod_identity" else f"IRSA ({trust['oidc_provider_arn']})"
    hops = [f"{home} -> IAM role {role.inputs['role_name']} via {how}"]
    if crossing is not None:
        hops += _assumed(topology, use, role, crossing)
        sid, statement = crossing.statement["sid"], crossing.statement
    guarded = any(c["variable"] == "bedrock:GuardrailIdentifier" for c in statement.get("conditions", ()))
    return (*hops, f"role policy {sid}: {', '.join(statement['actions'])} on {_scope(use)}"
            + (" (only with its guardrail: bedrock:GuardrailIdentifier)" if guarded else ""))


def _assumed(topology: Topology, use: Use, role: ModuleCall, crossing: Crossed) -> list[str]:
    """The hop into another account: the caller's sts:AssumeRole on exactly the role there, which trusts exactly the
    caller's role."""
    caller = next(s for s in topology.stacks_of("aws"))
    caller_arn = f"arn:aws:iam::{caller.account}:role/{role.inputs['role_name']}"
    assume = next((s for s in role.inputs["statements"] if "sts:AssumeRole" in s["actions"]
                   and crossing.role_arn in s["resources"]), None)
    if assume is None or crossing.role.inputs["trust"].get("role_arn") != caller_arn:
        raise Broken(f"workload '{use.workload}' uses {use.what} in account {crossing.stack.account}, but its role "
                     f"may not assume {crossing.role_arn} or that role does not trust {caller_arn}")
    waits = waits_for(topology, crossing)
    return [f"role policy {assume['sid']}: {', '.join(assume['actions'])} on {crossing.role_arn} only"
            + (" (Pod Identity's session tags are transitive)" if "sts:TagSession" in assume["actions"] else ""),
            f"account {crossing.stack.account} ({crossing.stack.name}): IAM role {crossing.role.inputs['role_name']} "
            f"trusts exactly {caller_arn} (principal and aws:PrincipalArn)" + (f", created at {waits}" if waits else "")]


def _scope(use: Use) -> str:
    if use.kind == "model":
        return f"model '{use.target}' only"
    if use.kind == "cache":
        return "the response cache's replication group and its IAM user only"
    return f"{use.what} only"


def _edges(topology: Topology, workload: str, cloud: str) -> list[TrustEdge]:
    return [e for e in topology.trust_edges if e.workload == workload and e.to_cloud == cloud]


def _exchange(edge: TrustEdge) -> str:
    return f"token (issuer {edge.issuer}, subject {edge.subject}, audience {edge.audience})"


def _azure(spec: Spec, topology: Topology, use: Use, home: str) -> tuple[str, ...]:
    ident = spec.identity.get(use.workload)
    access = ident.azure if ident else None
    if access is None:
        hint = f"openai: [{use.target}]" if use.kind == "model" else "openai: [<a deployment it calls>]"
        raise Broken(f"workload '{use.workload}' uses {use.what} but has no identity in Azure "
                     f"(it accepts Entra ID tokens only): add 'identity.{use.workload}.azure: {{{hint}}}' (a managed "
                     "identity trusted through federation)")
    if use.kind == "cache":
        return _azure_cache(topology, use, home)
    if use.kind == "data" and use.target in spec.data:
        from mcai.paths.retrieval_azure import query_identity_grant

        grant = query_identity_grant(topology, use)
        edges = _edges(topology, use.workload, "azure")
        if not edges:
            raise Broken(f"workload '{use.workload}' has no federated credential in Azure")
        return _entra_path(edges[0], home, grant)
    if use.target not in access.openai:
        raise Broken(f"workload '{use.workload}' calls {use.what}, but its Azure identity is not "
                     f"granted that model: add '{use.target}' to 'identity.{use.workload}.azure.openai'")
    edges = _edges(topology, use.workload, "azure")
    if not edges:
        raise Broken(f"workload '{use.workload}' has no federated credential in Azure")
    return _entra_path(edges[0], home, *edges[0].permissions)


def _azure_cache(topology: Topology, use: Use, home: str) -> tuple[str, ...]:
    cache = topology.call("azure", "response_cache")
    edges = _edges(topology, use.workload, "azure")
    if cache is None or use.workload not in cache.inputs["users"] or not edges:
        raise Broken(f"nothing in the azure stack admits workload '{use.workload}' to {use.what}")
    return _entra_path(edges[0], home,
                       f"default data access policy on Azure Managed Redis {cache.inputs['name']} (access keys off)")


def _entra_path(edge, home: str, *grants: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """An Azure use's identity path: the token exchange, the Entra ID principal it yields, then what it is granted."""
    return (f"{home} -> {_exchange(edge)}", f"Entra ID: {edge.principal}", *grants)


def _gcp(spec: Spec, topology: Topology, use: Use, home: str) -> tuple[str, ...]:
    ident = spec.identity.get(use.workload)
    access = ident.gcp if ident else None
    what = _gcp_grant_hint(use)
    if access is None:
        raise Broken(f"workload '{use.workload}' uses {use.what} but has no identity in Google "
                     f"Cloud, so no token it holds is accepted there: add 'identity.{use.workload}.gcp: {what}' "
                     "(workload identity federation through its cluster's OIDC issuer)")
    model = spec.models.get(use.target) if use.kind == "model" else None
    if model is not None and not access.vertex:
        raise Broken(f"workload '{use.workload}' calls {use.what}, but its GCP identity may not "
                     f"call Vertex AI: set 'identity.{use.workload}.gcp.vertex: true'")
    store = spec.data.get(use.target) if use.kind == "data" else None
    if store is not None and access.grant == "direct":
        if store.kind != "bigquery":
            raise Broken(f"workload '{use.workload}' reads {use.what}, but direct grants cover "
                         f"Vertex AI and BigQuery only: use 'identity.{use.workload}.gcp.grant: impersonation'")
        if use.target not in access.bigquery:
            raise Broken(f"workload '{use.workload}' writes {use.what}, but its direct grants do "
                         f"not include it: add '{use.target}' to 'identity.{use.workload}.gcp.bigquery'")
    edges = _edges(topology, use.workload, "gcp")
    if not edges:
        raise Broken(f"workload '{use.workload}' has no workload identity pool in the gcp stack")
    edge = edges[0]
    grants = [p for p in edge.permissions if _covers(p, use, topology)]
    if not grants:
        raise Broken(f"nothing in the gcp stack grants workload '{use.workload}' {use.what}")
    hops = [f"{home} -> {_exchange(edge)}", f"Google STS: {edge.principal}"]
    impersonate = next((p for p in edge.permissions if p.startswith("roles/iam.workloadIdentityUser")), None)
    if impersonate:
        hops.append(impersonate)
    return (*hops, *grants)


def _gcp_grant_hint(use: Use) -> str:
    return "{vertex: true}" if use.kind == "model" else (
        "{bigquery: [" + use.target + "]}" if "BigQuery" in use.service else "{grant: impersonation}")


def _covers(permission: str, use: Use, topology: Topology) -> bool:
    if use.kind == "model":
        return permission.startswith("roles/aiplatform.user")
    if "BigQuery" in use.service and permission.startswith(("roles/bigquery.jobUser", "roles/bigquery.readSessionUser")):
        return True  # the project-level roles its queries and reads need
    call: Any = topology.call("gcp", f"data_{_slug(use.target)}")
    if call is None:
        return False
    name = call.inputs.get("dataset_id") or call.inputs.get("bucket_name") or call.inputs["name"]
    return f" {name} " in f"{permission} "


def _gke(spec: Spec, topology: Topology, use: Use, home: str, runtime: GkeRuntime) -> tuple[str, ...]:
    """In its own project a GKE workload is a principal itself (Workload Identity Federation for GKE)."""
    assert spec.clouds.gcp is not None
    principal = (f"principal://iam.googleapis.com/projects/{spec.clouds.gcp.project_number}/locations/global/"
                 f"workloadIdentityPools/{spec.clouds.gcp.project_id}.svc.id.goog/subject/ns/{runtime.namespace}/"
                 f"sa/{runtime.service_account}")
    hops = [f"{home} -> Workload Identity Federation for GKE (the GKE metadata server exchanges the pod's token)",
            f"Google IAM: {principal} (no Google service account)"]
    project = other_project(spec, topology, use)
    if project is not None:  # a model in another project, which grants the workload's own principal
        grant = project.calls_by_label.get(f"caller_{_slug(use.workload)}")
        if grant is None or "roles/aiplatform.user" not in grant.inputs["project_roles"] \
                or grant.inputs.get("pool_project_id") != spec.clouds.gcp.project_id:
            raise Broken(f"nothing in the {project.name} stack grants workload '{use.workload}' {use.what}")
        return (*hops, f"roles/aiplatform.user on project {project.account} ({project.name}: the model's project "
                "grants the workload's own principal)")
    call = topology.call("gcp", f"workload_{_slug(use.workload)}")
    if call is None or call.module != "gcp-gke-workload":
        raise Broken(f"workload '{use.workload}' has no principal in the gcp stack, so nothing grants it {use.what}")
    if use.kind == "cache":
        cache = topology.call("gcp", "response_cache")
        if cache is None or use.workload not in cache.inputs["users"]:
            raise Broken(f"nothing in the gcp stack admits workload '{use.workload}' to {use.what}")
        return (*hops, f"roles/memorystore.dbConnectionUser on project {spec.clouds.gcp.project_id} (IAM auth to "
                f"Memorystore instance {cache.inputs['instance_id']}; Memorystore has no instance-level IAM)")
    if use.kind == "model":
        if "roles/aiplatform.user" not in call.inputs["project_roles"]:
            raise Broken(f"nothing in the gcp stack grants workload '{use.workload}' {use.what}")
        return (*hops, f"roles/aiplatform.user on project {spec.clouds.gcp.project_id}")
    store: Any = topology.call("gcp", f"data_{_slug(use.target)}")
    grantees = (store.inputs.get("writers") or store.inputs.get("readers") or {}) if store else {}
    if use.workload not in grantees:
        raise Broken(f"nothing in the gcp stack grants workload '{use.workload}' {use.what}")
    if store.module == "gcp-vector-search":
        return (*hops, vector_query_grant(store.inputs, spec.clouds.gcp.project_id))
    if "dataset_id" in store.inputs:
        return (*hops, f"roles/bigquery.dataEditor on dataset {store.inputs['dataset_id']}")
    return (*hops, f"roles/storage.objectViewer on bucket {store.inputs['bucket_name']}")
