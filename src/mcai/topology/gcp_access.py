"""The GCP side of each workload: one service account per workload that calls Vertex AI or uses a GCP data store,
with roles/aiplatform.user at project level only when it calls Vertex models (publisher models have no narrower
resource to grant on), BigQuery's job and read-session roles at project level when it uses a dataset, and data
access granted on the dataset or bucket itself. No key is ever created: workloads
outside GCP will impersonate the account through workload identity federation (the module takes the principals).
`build_stack` composes the GCP stack: the builder (`gcp.py`), these accounts, retrieval stores and the cache."""

from __future__ import annotations

from dataclasses import replace

from mcai.spec import ValidSpec
from mcai.spec.accounts import accounts_of
from mcai.spec.gcp import BigQueryDataset, GcsBucket, VertexModel
from mcai.spec.runtimes import GkeRuntime, home
from mcai.topology import cross_account, gcp_retrieval, identity
from mcai.topology.caches import gcp_cache
from mcai.topology.gcp import GCP_SERVICE_ACCOUNT_ID, GcpStackBuilder, dataset_writers, label
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack
from mcai.topology.names import Namer

VERTEX_ROLE = "roles/aiplatform.user"
# Dataset roles cover the data only: running a query or load job needs bigquery.jobs.create, and reading results
# through the Storage Read API bigquery.readsessions.create, both granted on the project (the job runs there).
BIGQUERY_JOB_ROLES = ("roles/bigquery.jobUser", "roles/bigquery.readSessionUser")


def bigquery_users(b: GcpStackBuilder) -> set[str]:
    users: set[str] = set()
    for key, store in b.vspec.spec.data.items():
        if isinstance(store, BigQueryDataset):
            users |= set(dataset_writers(b.vspec, store, key))
    return users


def vertex_callers(b: GcpStackBuilder) -> set[str]:
    """Workloads that call a Vertex model: the router, when the routing chain holds one."""
    routing = b.vspec.spec.routing
    if routing is None:
        return set()
    models = b.vspec.spec.models
    if any(isinstance(models.get(m), VertexModel) for m in routing.chain):
        return {routing.router}
    return set()


def data_users(b: GcpStackBuilder) -> set[str]:
    users: set[str] = set()
    for key, store in b.vspec.spec.data.items():
        if isinstance(store, BigQueryDataset):
            users |= set(dataset_writers(b.vspec, store, key))
        elif isinstance(store, GcsBucket):
            users |= set(store.used_by)
    return users | gcp_retrieval.readers(b.vspec.spec)


def account_id(b: GcpStackBuilder, workload: str) -> str:
    """`<name>-<env>-<workload>` when it fits the 30-character limit, else `<workload>-<env>` (the project already
    scopes the account to the estate); a name that still breaks the limit is reported against the workload."""
    full = f"{b.prefix}-{workload}"
    short = full if 6 <= len(full) <= 30 else f"{workload}-{b.vspec.spec.environment}"
    return b.namer.name(GCP_SERVICE_ACCOUNT_ID, short, ("workloads", workload))


def workload_service_accounts(b: GcpStackBuilder, federated: dict[str, Expr] | None = None) -> dict[str, Expr]:
    """Add a service account per workload that uses GCP; return workload -> IAM member expression. `federated` maps
    workload -> the workload identity principal allowed to impersonate its account (topology/identity.py)."""
    federated = federated or {}
    callers = vertex_callers(b) | identity.impersonation_extras(b.vspec.spec)[0]
    # A workload federated with direct grants holds its roles itself: a service account would be a second identity.
    direct = set(identity.gcp_identities(b.vspec.spec, "direct"))
    routing = b.vspec.spec.routing
    cache_user = {routing.router} if routing and routing.cache and routing.cache.cloud == "gcp" else set()
    users = sorted((callers | data_users(b) | cache_user) & set(b.vspec.spec.workloads) - direct)
    members: dict[str, Expr] = {}
    for workload in users:
        ref = label("workload", workload)
        roles = ([VERTEX_ROLE] if workload in callers else []) + \
            (list(BIGQUERY_JOB_ROLES) if workload in bigquery_users(b) else [])
        runtime = b.vspec.spec.workloads[workload].runs_on
        if isinstance(runtime, GkeRuntime):
            members[workload] = _gke_principal(b, workload, runtime, roles)
            continue
        resources = [Resource("google_service_account", "this")]
        resources += [Resource("google_project_iam_member", f'this["{r}"]') for r in roles]
        if workload in federated:
            resources.append(Resource("google_service_account_iam_member", 'workload_identity["federation"]'))
        b.modules.append(ModuleCall(
            label=ref, module="gcp-workload-sa",
            purpose=f"Service account of workload '{workload}' ({runtime.cloud}): "
                    + (", ".join(roles) if roles else "data access only") + "; no keys, federation-ready",
            inputs={"project_id": Expr("module.project_services.project_id"),
                    "account_id": account_id(b, workload), "display_name": f"{b.prefix} {workload}",
                    "description": f"Identity of workload '{workload}' in GCP (managed by mcai; no keys)",
                    "project_roles": roles,
                    **({"workload_identity_members": {"federation": federated[workload]}}
                       if workload in federated else {})},
            resources=tuple(resources), spec_path=("workloads", workload)))
        b.outputs.append(Output(f"{ref}_service_account", Expr(f"module.{ref}.email"),
                                f"Service account of workload '{workload}' (impersonate it; it has no keys)."))
        members[workload] = Expr(f"module.{ref}.member")
    return members


def _gke_principal(b: GcpStackBuilder, workload: str, runtime: GkeRuntime, roles: list[str]) -> Expr:
    """A GKE workload in the project needs no service account: Workload Identity Federation for GKE makes its
    Kubernetes service account the principal, which gets the project roles here and the resource grants through
    the returned member."""
    ref = label("workload", workload)
    b.modules.append(ModuleCall(
        label=ref, module="gcp-gke-workload",
        purpose=f"Workload '{workload}' ({home(runtime)}) as its own principal through Workload Identity "
                "Federation for GKE: " + (", ".join(roles) if roles else "data access only")
                + "; no Google service account, no key",
        inputs={"project_id": Expr("module.project_services.project_id"),
                "project_number": b.cloud.project_number, "namespace": runtime.namespace,
                "service_account": runtime.service_account, "project_roles": roles},
        resources=tuple(Resource("google_project_iam_member", f'this["{r}"]') for r in roles),
        spec_path=("workloads", workload)))
    b.outputs.append(Output(f"{ref}_principal", Expr(f"module.{ref}.member"),
                            f"IAM principal of workload '{workload}' (its Kubernetes service account)."))
    # The grants above name a principal that exists only where the cluster runs Workload Identity Federation for GKE
    b.manual_steps.append(gke_pool_step(workload, runtime, b.cloud.project_id))
    return Expr(f"module.{ref}.member")


def gke_pool_step(workload: str, runtime: GkeRuntime, pool_project: str) -> str:
    return (f"Workload '{workload}' on GCP: GKE cluster {runtime.cluster} ({runtime.location}) must run Workload "
            f"Identity Federation for GKE (workload pool {pool_project}.svc.id.goog) and its node pools the GKE "
            "metadata server (GKE_METADATA; Autopilot has both). Otherwise its pods call Google APIs as the node's "
            "service account, which holds none of the gcp stack's grants. Check: gcloud container clusters describe "
            f"{runtime.cluster} --location {runtime.location} --format='value(workloadIdentityConfig.workloadPool)'.")


def cross_project_grants(b: GcpStackBuilder) -> None:
    """GKE workloads of other projects calling Vertex AI models placed in this one (topology/cross_account.py): their
    own principal, from their cluster's project's workload pool, gets roles/aiplatform.user here. The principal's
    name is deterministic, and IAM accepts a grant to it before the cluster exists, so no hand-over is needed."""
    whole = b.vspec.whole
    if whole is None:
        return
    for workload, project, models in cross_account.projects_crossed(whole, b.vspec.account):
        runtime = whole.workloads[workload].runs_on
        caller = accounts_of(whole.clouds.gcp)[project]
        ref = label("caller", workload)
        b.modules.append(ModuleCall(
            label=ref, module="gcp-gke-workload",
            purpose=f"Workload '{workload}' of project {caller.project_id} ({home(runtime)}) calling Vertex AI "
                    f"models here ({', '.join(models)}): roles/aiplatform.user for its own "
                    "principal; no Google service account, no key",
            inputs={"project_id": Expr("module.project_services.project_id"),
                    "project_number": caller.project_number, "pool_project_id": caller.project_id,
                    "namespace": runtime.namespace, "service_account": runtime.service_account,
                    "project_roles": ["roles/aiplatform.user"]},
            resources=(Resource("google_project_iam_member", 'this["roles/aiplatform.user"]'),),
            spec_path=("workloads", workload)))
        b.outputs.append(Output(f"{ref}_principal", Expr(f"module.{ref}.member"),
                                f"IAM principal of workload '{workload}' of project {caller.project_id}."))
        step = gke_pool_step(workload, runtime, caller.project_id)
        if step not in b.manual_steps:
            b.manual_steps.append(step)


def build_stack(vspec: ValidSpec, namer: Namer, state_region: str | None) -> Stack:
    b = GcpStackBuilder(vspec, namer)
    b.vertex()
    principals = identity.gcp_side(b)
    members = workload_service_accounts(b, principals)
    cross_project_grants(b)
    b.data_stores(members)
    gcp_retrieval.build(b, members)
    gcp_cache(b, members)
    b.private_google_apis()
    b.audit_logs()
    return replace(b.stack(state_region), google_apis=tuple(sorted(b.services)))
