"""Workload identity federation, derived in one place: for each `identity` entry, the trust edges (issuer, subject,
audience, mechanism, exact permissions) and the module inputs every side needs. The AWS, Azure and GCP builders call
the `*_side` functions here; the report reads `trust_edges`. No function here can produce a key or a secret: every
credential is a short-lived token exchanged at run time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mcai.spec.accounts import accounts_of, settings_of
from mcai.spec.accounts_rules import account_of
from mcai.spec.federation import federation_account
from mcai.spec.identity import (
    AZURE_TOKEN_EXCHANGE_AUDIENCE,
    AzureAccess,
    GcpAccess,
    assumed_role_arn,
    aws_role_name,
    kubernetes_subject,
)
from mcai.spec.identity_rules import default_pool_id, primary_credential_name
from mcai.spec.models import Spec
from mcai.spec.runtimes import cluster_issuer
from mcai.topology.accounts import narrow_to, stack_name
from mcai.topology.common import provider
from mcai.topology.gcp_issuers import extra_issuers
from mcai.topology.handovers import step_text
from mcai.topology.model import Expr, ModuleCall, Output, ProviderRequirement, Resource, TrustEdge, Variable
from mcai.topology.names import NameRule

OPENAI_USER_ROLE = "Cognitive Services OpenAI User"
VERTEX_ROLE = "roles/aiplatform.user"
BIGQUERY_WRITER_ROLE = "roles/bigquery.dataEditor"
# Queries and load jobs run in the project: a dataset role alone cannot create them (see topology/gcp_access.py).
BIGQUERY_JOB_ROLES = ("roles/bigquery.jobUser", "roles/bigquery.readSessionUser")
IMPERSONATION_ROLE = "roles/iam.workloadIdentityUser"
# aws_iam_outbound_web_identity_federation and sts:GetWebIdentityToken arrived in aws 6.26.0.
OUTBOUND_AWS = ProviderRequirement(
    "aws", "hashicorp/aws", ">= 6.26, < 7.0",
    min_version_reason="identity via aws_outbound: aws_iam_outbound_web_identity_federation is new in aws 6.26.0")
OUTBOUND_ISSUER_VAR = "aws_outbound_issuer"
OUTBOUND_ISSUER_OUTPUT = "outbound_identity_issuer"

AZURE_MANAGED_IDENTITY = NameRule("user-assigned managed identity name", 3, 128, r"[A-Za-z0-9][A-Za-z0-9_-]*",
                                  "letters, digits, '-' and '_', starting with a letter or digit")
AZURE_FEDERATED_CREDENTIAL = NameRule("federated credential name", 3, 120, r"[A-Za-z0-9][A-Za-z0-9_-]*",
                                      "letters, digits, '-' and '_', starting with a letter or digit")
GCP_WIF_ID = NameRule("workload identity pool or provider id", 4, 32, r"(?!gcp-)[a-z0-9-]+",
                      "lowercase letters, digits and '-', not starting with 'gcp-' (reserved by Google)")


def label(workload: str) -> str:
    return f"identity_{workload.replace('-', '_')}"


def aws_account_id(spec: Spec, workload: str) -> str:
    """The AWS account id of an AWS workload: its own account's, never the home account's."""
    assert spec.clouds.aws is not None
    return str(settings_of(spec, "aws", spec.workloads.get(workload)).account_id)


def role_arn(spec: Spec, workload: str) -> str:
    return f"arn:aws:iam::{aws_account_id(spec, workload)}:role/{aws_role_name(spec.name, spec.environment, workload)}"


def outbound_issuer_var(spec: Spec, workload: str) -> str:
    """The azure input holding the outbound token issuer of the workload's AWS account (the issuer is account-wide,
    so one input per AWS account: `aws_outbound_issuer_<account>` when the workload names its account)."""
    account = getattr(spec.workloads[workload], "account", None)
    return OUTBOUND_ISSUER_VAR if account is None else f"{OUTBOUND_ISSUER_VAR}_{account.replace('-', '_')}"


# -- AWS side -------------------------------------------------------------------------------------------------------
def uses_outbound(spec: Spec) -> bool:
    return any(i.azure is not None and i.azure.via == "aws_outbound" for i in spec.identity.values())


def aws_provider(spec: Spec) -> ProviderRequirement:
    """The aws constraint of the aws stack: raised to >= 6.26 only when a workload federates via aws_outbound."""
    return OUTBOUND_AWS if uses_outbound(spec) else provider("aws")


def aws_role_needed(spec: Spec, workload: str) -> bool:
    """The workload's IAM role is its identity to another cloud, even when it holds no AWS permission itself."""
    ident = spec.identity.get(workload)
    return ident is not None and ((ident.gcp is not None and ident.gcp.via == "aws")
                                  or (ident.azure is not None and ident.azure.via == "aws_outbound"))


def aws_statements(spec: Spec, workload: str) -> list[dict[str, Any]]:
    """What the workload's IAM role needs for the chain: outbound tokens for the Entra ID audience only."""
    ident = spec.identity.get(workload)
    if ident is None or ident.azure is None or ident.azure.via != "aws_outbound":
        return []
    return [{"sid": "FederateToAzure", "actions": ["sts:GetWebIdentityToken"], "resources": ["*"],
             "conditions": [{"test": "StringEquals", "variable": "sts:IdentityTokenAudience",
                             "values": [AZURE_TOKEN_EXCHANGE_AUDIENCE]}]}]


def aws_side(modules: list[ModuleCall], outputs: list[Output], manual_steps: list[str], spec: Spec) -> None:
    """The account-wide outbound federation switch, when a workload uses it."""
    if not uses_outbound(spec):
        return
    hand = sorted({(stack_name("aws", spec.workloads[w].account), stack_name("azure", federation_account(spec, w, "azure")),
                    outbound_issuer_var(spec, w)) for w, i in spec.identity.items()
                   if i.azure is not None and i.azure.via == "aws_outbound"})
    modules.append(ModuleCall(
        label="outbound_identity_federation", module="aws-outbound-identity-federation",
        purpose="AWS IAM outbound identity federation (account-wide): roles may request short-lived JWTs that "
                "Entra ID trusts; destroying it turns the feature off for the whole account",
        inputs={}, resources=(Resource("aws_iam_outbound_web_identity_federation", "this"),),
        spec_path=("identity",)))
    inputs = ", ".join(f"the {target} stack's input `{var}`" for _, target, var in hand)
    outputs.append(Output(OUTBOUND_ISSUER_OUTPUT, Expr("module.outbound_identity_federation.issuer"),
                          f"Issuer of this account's outbound tokens; {inputs}."))
    copies = "; ".join(step_text(spec, source, OUTBOUND_ISSUER_OUTPUT, target, var) for source, target, var in hand)
    manual_steps.append(
        f"AWS outbound identity federation is account-wide and needs the aws provider >= 6.26: after applying the "
        f"{hand[0][0]} stack, {copies}. Workloads "
        "must call sts:GetWebIdentityToken on a regional STS endpoint (it is not on the global one) with audience "
        f"{AZURE_TOKEN_EXCHANGE_AUDIENCE} and signing algorithm RS256.")


# -- Azure side -----------------------------------------------------------------------------------------------------
def azure_credentials(spec: Spec, workload: str, azure: AzureAccess) -> list[dict[str, Any]]:
    """Federated credentials of the workload's managed identity, in creation order (its own first)."""
    runtime = spec.workloads[workload].runs_on
    if azure.via != "aws_outbound":
        issuer: Any = cluster_issuer(spec, runtime)
        subject = kubernetes_subject(runtime.namespace, runtime.service_account)
    else:
        issuer, subject = Expr(f"var.{outbound_issuer_var(spec, workload)}"), role_arn(spec, workload)
    creds = [{"name": primary_credential_name(workload, azure.via), "issuer": issuer, "subject": subject}]
    creds += [{"name": c.name, "issuer": c.issuer, "subject": c.subject} for c in azure.extra_credentials]
    return creds


def azure_side(b: Any) -> None:
    """Add one managed identity per federated workload to the azure stack (`b` is the AzureStackBuilder)."""
    spec: Spec = b.vspec.spec
    for workload, ident in sorted(spec.identity.items()):
        if ident.azure is None:
            continue
        path = ("identity", workload, "azure")
        name = b.namer.name(AZURE_MANAGED_IDENTITY, f"id-{spec.prefix}-{workload}", path)
        creds = azure_credentials(spec, workload, ident.azure)
        for i, cred in enumerate(creds):
            where = path if i == 0 else path + ("extra_credentials", i - 1, "name")
            b.namer.name(AZURE_FEDERATED_CREDENTIAL, cred["name"], where)
        if ident.azure.via == "aws_outbound":
            source = stack_name("aws", account_of(spec, "aws", spec.workloads[workload]))
            var = outbound_issuer_var(spec, workload)
            b.variables.setdefault(var, Variable(
                var, "string",
                f"Issuer URL of the AWS account's outbound identity tokens: the {source} stack's output "
                f"`{OUTBOUND_ISSUER_OUTPUT}` (https://<id>.tokens.sts.global.api.aws).",
                handover=(source, OUTBOUND_ISSUER_OUTPUT)))
        ref = label(workload)
        resources = [Resource("azurerm_user_assigned_identity", "this"),
                     Resource("azurerm_federated_identity_credential", "primary")]
        resources += [Resource("azurerm_federated_identity_credential", f'additional["{c["name"]}"]')
                      for c in creds[1:]]
        resources.append(Resource("azurerm_role_assignment", 'this["openai"]'))
        b.modules.append(ModuleCall(
            label=ref, module="azure-workload-identity",
            purpose=f"Managed identity of workload '{workload}' trusted through federation ({ident.azure.via}): "
                    f"{OPENAI_USER_ROLE} on the Azure OpenAI account only; no secret exists",
            inputs={"name": name, "resource_group_name": Expr("module.foundation.resource_group_name"),
                    "location": b.cloud.location, "federated_credentials": creds,
                    "role_assignments": {"openai": {"scope": Expr("module.openai.account_id"),
                                                    "role_definition_name": OPENAI_USER_ROLE}},
                    "tags": Expr("local.default_tags")},
            resources=tuple(resources), spec_path=path))
        b.outputs.append(Output(f"{ref}_client_id", Expr(f"module.{ref}.client_id"),
                                f"Client id of workload '{workload}' in Entra ID (AZURE_CLIENT_ID; not a secret)."))
        b.manual_steps.append(_azure_runtime_step(spec, workload, ident.azure, ref))


def _azure_runtime_step(spec: Spec, workload: str, azure: AzureAccess, ref: str) -> str:
    tenant = spec.clouds.azure.tenant_id if spec.clouds.azure else "<tenant>"
    common = (f"set AZURE_CLIENT_ID to the azure stack's output `{ref}_client_id` and AZURE_TENANT_ID to {tenant}; "
              "a new federated credential can take a minute to be accepted (AADSTS70021), so callers retry.")
    runtime = spec.workloads[workload].runs_on
    if runtime.kind == "aks":
        return (f"Workload '{workload}' on Azure: label its pods ({runtime.namespace}/{runtime.service_account}) "
                "azure.workload.identity/use=true and annotate the service account azure.workload.identity/client-id "
                f"with the azure stack's output `{ref}_client_id`: the AKS workload identity webhook then projects a "
                f"token with audience {AZURE_TOKEN_EXCHANGE_AUDIENCE} (AZURE_FEDERATED_TOKEN_FILE) and sets "
                "AZURE_CLIENT_ID and AZURE_TENANT_ID; a new federated credential can take a minute to be accepted "
                "(AADSTS70021), so callers retry.")
    if azure.via != "aws_outbound":
        return (f"Workload '{workload}' on Azure: give its pods ({runtime.namespace}/{runtime.service_account}) a "
                f"projected service-account token with audience {AZURE_TOKEN_EXCHANGE_AUDIENCE} "
                f"(AZURE_FEDERATED_TOKEN_FILE) and " + common)
    return (f"Workload '{workload}' on Azure: it requests its token with sts:GetWebIdentityToken (audience "
            f"{AZURE_TOKEN_EXCHANGE_AUDIENCE}) and presents it as the client assertion; " + common)


# -- GCP side -------------------------------------------------------------------------------------------------------
def gcp_identities(spec: Spec, grant: str | None = None) -> dict[str, GcpAccess]:
    """Workloads federated into GCP (optionally only those with the given grant mode)."""
    return {w: i.gcp for w, i in sorted(spec.identity.items())
            if i.gcp is not None and (grant is None or i.gcp.grant == grant)}


def gcp_ids(spec: Spec, workload: str, gcp: GcpAccess) -> tuple[str, str]:
    """(pool id, provider id), defaults included."""
    default_provider = f"aws-{aws_account_id(spec, workload)}" if gcp.via == "aws" and spec.clouds.aws else \
        str(gcp.via).replace("_", "-")
    return default_pool_id(spec, workload, gcp), gcp.provider_id or default_provider


def gcp_pool_name(spec: Spec, pool: str) -> str:
    assert spec.clouds.gcp is not None
    return f"projects/{spec.clouds.gcp.project_number}/locations/global/workloadIdentityPools/{pool}"


def gcp_principal(spec: Spec, workload: str, gcp: GcpAccess) -> tuple[str, str, str]:
    """(issuer, subject, principal) of the federated workload as Google sees it."""
    pool, _ = gcp_ids(spec, workload, gcp)
    base = f"//iam.googleapis.com/{gcp_pool_name(spec, pool)}"
    if gcp.via == "aws":
        assert spec.clouds.aws is not None
        role = assumed_role_arn(aws_account_id(spec, workload), aws_role_name(spec.name, spec.environment, workload))
        return ("AWS STS (a signed sts:GetCallerIdentity request)", f"{role}/<session>",
                f"principalSet:{base}/attribute.aws_role/{role}")
    runtime = spec.workloads[workload].runs_on
    subject = kubernetes_subject(runtime.namespace, runtime.service_account)
    return cluster_issuer(spec, runtime) or "", subject, f"principal:{base}/subject/{subject}"


def gcp_side(b: Any) -> dict[str, Expr]:
    """Add a pool and provider per federated workload to the gcp stack (`b` is the GcpStackBuilder); return
    workload -> principal expression for the service accounts that impersonation workloads may use."""
    spec: Spec = b.vspec.spec
    principals: dict[str, Expr] = {}
    for workload, gcp in gcp_identities(spec).items():
        path = ("identity", workload, "gcp")
        pool, provider_id = gcp_ids(spec, workload, gcp)
        b.namer.name(GCP_WIF_ID, pool, path + ("pool_id",) if gcp.pool_id else path)
        b.namer.name(GCP_WIF_ID, provider_id, path + ("provider_id",) if gcp.provider_id else path)
        ref = label(workload)
        inputs: dict[str, Any] = {
            "project_id": Expr("module.project_services.project_id"), "pool_id": pool, "provider_id": provider_id,
            "display_name": workload[:32],
            "description": f"Workload '{workload}' of {spec.prefix} from {gcp.via} (managed by mcai; no keys)"}
        runtime = spec.workloads[workload].runs_on
        if gcp.via == "aws":
            assert spec.clouds.aws is not None
            inputs["aws"] = {"account_id": aws_account_id(spec, workload),
                             "role_name": aws_role_name(spec.name, spec.environment, workload)}
        else:
            inputs["oidc"] = {"issuer_uri": cluster_issuer(spec, runtime),
                              "subject": kubernetes_subject(runtime.namespace, runtime.service_account)}
        more = extra_issuers(spec, workload, gcp)
        if more:
            inputs["more_oidc_issuers"] = more
        resources = [Resource("google_iam_workload_identity_pool", "this"),
                     Resource("google_iam_workload_identity_pool_provider", "this")]
        resources += [Resource("google_iam_workload_identity_pool_provider", f'more["{p}"]') for p in more]
        if gcp.grant == "direct":
            roles = ([VERTEX_ROLE] if gcp.vertex else []) + (list(BIGQUERY_JOB_ROLES) if gcp.bigquery else [])
            datasets = {k: {"dataset_id": Expr(f"module.data_{k.replace('-', '_')}.dataset_id"),
                            "role": BIGQUERY_WRITER_ROLE} for k in sorted(set(gcp.bigquery))}
            inputs["direct_grants"] = {"project_roles": roles, "bigquery_datasets": datasets}
            resources += [Resource("google_project_iam_member", f'direct["{r}"]') for r in roles]
            resources += [Resource("google_bigquery_dataset_iam_member", f'direct["{k}"]') for k in datasets]
        else:
            principals[workload] = Expr(f"module.{ref}.principal")
        b.modules.append(ModuleCall(
            label=ref, module="gcp-workload-identity",
            purpose=f"Workload identity pool and {gcp.via} provider for workload '{workload}': only its "
                    + ("IAM role" if gcp.via == "aws" else "service account token") + f" is admitted ({gcp.grant})",
            inputs=inputs, resources=tuple(resources), spec_path=path))
        b.outputs.append(Output(f"{ref}_provider", Expr(f"module.{ref}.provider_name"),
                                f"Pool provider of workload '{workload}': the audience of its credential "
                                "configuration."))
        if more:
            b.outputs.append(Output(f"{ref}_more_providers", Expr(f"module.{ref}.more_provider_names"),
                                    f"Provider id -> pool provider of workload '{workload}' on its other clusters "
                                    f"({', '.join(sorted(more.values()))}): the audience there."))
        b.manual_steps.append(
            f"Workload '{workload}' on GCP: generate its credential configuration (not a key: it only says where to "
            f"exchange tokens) with `gcloud iam workload-identity-pools create-cred-config` for the gcp stack's "
            f"output `{ref}_provider`"
            + (" and --service-account set to the output `"
               f"workload_{workload.replace('-', '_')}_service_account`" if gcp.grant == "impersonation" else "")
            + (" (--aws)" if gcp.via == "aws" else
               f" (--credential-source-file pointing at a projected service-account token of "
               f"{runtime.namespace}/{runtime.service_account} whose audience is exactly "
               f"//iam.googleapis.com/{gcp_pool_name(spec, pool)}/providers/{provider_id}: with no allowed "
               "audiences on the provider, Google accepts only the provider's full resource name)")
            + (f"; on its other clusters the same, with that cluster's provider from the output `{ref}_more_providers`"
               if more else "")
            + ". Pool and provider ids stay reserved for about 30 days after deletion.")
    return principals


def impersonation_extras(spec: Spec) -> tuple[set[str], dict[str, set[str]]]:
    """What impersonation identities add to the GCP slice's service accounts: (Vertex callers, dataset -> writers)."""
    callers: set[str] = set()
    writers: dict[str, set[str]] = {}
    for workload, gcp in gcp_identities(spec, "impersonation").items():
        if gcp.vertex:
            callers.add(workload)
        for key in gcp.bigquery:
            writers.setdefault(key, set()).add(workload)
    return callers, writers


# -- trust edges (read by the report) -------------------------------------------------------------------------------
def trust_edges(spec: Spec, stacks: list[Any]) -> list[TrustEdge]:
    """One edge per federated workload and cloud, with the permissions read back from the module calls that grant
    them, so the report shows exactly what the rendered Terraform grants."""
    named = any(accounts_of(getattr(spec.clouds, c)) for c in ("aws", "azure", "gcp"))
    every = {(s.cloud, m.label): m for s in stacks for m in s.modules} if not named else {}
    edges: list[TrustEdge] = []
    for workload, ident in sorted(spec.identity.items()):
        seen, calls = spec, every
        if named:  # the workload's own account, and the accounts its uses of the other clouds land in
            seen, focused = narrow_to(spec, workload)
            keep = dict(focused)
            calls = {(s.cloud, m.label): m for s in stacks if keep.get(s.cloud, s.name) == s.name for m in s.modules}
        if ident.azure is not None and ("azure", label(workload)) in calls:
            edges += _azure_edges(seen, workload, ident.azure, calls)
        if ident.gcp is not None and ("gcp", label(workload)) in calls:
            edge = _gcp_edge(seen, workload, ident.gcp, calls)
            edges.append(edge)
            pool_name = gcp_pool_name(seen, gcp_ids(seen, workload, ident.gcp)[0])
            edges += [replace(edge, issuer=issuer, audience=f"//iam.googleapis.com/{pool_name}/providers/{p}")
                      for p, issuer in extra_issuers(seen, workload, ident.gcp).items()]
    return edges


def _azure_edges(spec: Spec, workload: str, azure: AzureAccess,
                 calls: dict[tuple[str, str], Any]) -> list[TrustEdge]:
    """One edge per federated credential: each issuer+subject pair is a separate trust a reviewer must accept."""
    inputs = calls[("azure", label(workload))].inputs
    account = calls[("azure", "openai")].inputs["name"] if ("azure", "openai") in calls else "?"
    models = ", ".join(sorted(set(azure.openai)))
    perms = tuple(f"{a['role_definition_name']} on Azure OpenAI account {account} (deployments: {models})"
                  for _, a in sorted(inputs["role_assignments"].items()))
    edges = []
    for i, cred in enumerate(inputs["federated_credentials"]):
        issuer = cred["issuer"] if isinstance(cred["issuer"], str) else (
            f"AWS outbound token issuer of account {spec.clouds.aws.account_id if spec.clouds.aws else '?'} "
            f"({stack_name('aws', spec.workloads[workload].account)} output {OUTBOUND_ISSUER_OUTPUT})")
        mechanism = f"azure_fic_{azure.via}" if i == 0 else "azure_fic_extra_credential"
        edges.append(TrustEdge(workload, spec.workloads[workload].runs_on.cloud, "azure", mechanism,
                               f"managed identity {inputs['name']} (credential {cred['name']})", perms,
                               issuer=issuer, subject=cred["subject"], audience=AZURE_TOKEN_EXCHANGE_AUDIENCE))
    return edges


def _gcp_edge(spec: Spec, workload: str, gcp: GcpAccess, calls: dict[tuple[str, str], Any]) -> TrustEdge:
    assert spec.clouds.gcp is not None
    project = spec.clouds.gcp.project_id
    issuer, subject, principal = gcp_principal(spec, workload, gcp)
    pool, provider_id = gcp_ids(spec, workload, gcp)
    audience = f"//iam.googleapis.com/{gcp_pool_name(spec, pool)}/providers/{provider_id}"
    perms: list[str] = []
    if gcp.grant == "direct":
        grants = calls[("gcp", label(workload))].inputs["direct_grants"]
        perms += [f"{r} on project {project}" for r in grants["project_roles"]]
        perms += [f"{BIGQUERY_WRITER_ROLE} on dataset {_dataset_id(calls, k)}" for k in grants["bigquery_datasets"]]
    else:
        sa = calls.get(("gcp", f"workload_{workload.replace('-', '_')}"))
        email = f"{sa.inputs['account_id']}@{project}.iam.gserviceaccount.com" if sa else "?"
        perms.append(f"{IMPERSONATION_ROLE} on service account {email}")
        held = f"(held by service account {email})"
        perms += [f"{r} on project {project} {held}" for r in (sa.inputs["project_roles"] if sa else [])]
        for (cloud, _), call in sorted(calls.items()):
            if cloud == "gcp" and call.module == "gcp-bigquery-dataset" and workload in call.inputs["writers"]:
                perms.append(f"{BIGQUERY_WRITER_ROLE} on dataset {call.inputs['dataset_id']} {held}")
            if cloud == "gcp" and call.module == "gcp-training-bucket" and workload in call.inputs["readers"]:
                perms.append(f"roles/storage.objectViewer on bucket {call.inputs['bucket_name']} {held}")
            if cloud == "gcp" and call.module == "gcp-vector-search" and workload in call.inputs["readers"]:
                perms.append(vector_query_grant(call.inputs, project) + f" {held}")
    mechanism = f"gcp_wif_{gcp.via}_{gcp.grant}"
    return TrustEdge(workload, spec.workloads[workload].runs_on.cloud, "gcp", mechanism, principal, tuple(perms),
                     issuer=issuer, subject=subject, audience=audience)


def vector_query_grant(inputs: dict[str, Any], project: str) -> str:
    """What a Vector Search reader holds: the query-only custom role, on the project (no per-endpoint IAM)."""
    return (f"custom role {inputs['role_prefix']}Query (aiplatform.indexEndpoints.queryVectors only) on project "
            f"{project}, for index endpoint {inputs['name']}")


def _dataset_id(calls: dict[tuple[str, str], Any], key: str) -> str:
    call = calls.get(("gcp", f"data_{key.replace('-', '_')}"))
    return str(call.inputs["dataset_id"]) if call else key
