"""The AWS side of each workload: its IAM role (Pod Identity or IRSA) with least-privilege statements, and the
stores and cache it reaches."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.aws import BedrockModel, EksRuntime, OpenSearchServerless, S3Store
from mcai.spec.identity import aws_role_name, kubernetes_subject
from mcai.spec.runtimes import KIND_NAME, Runtime, cluster_issuer
from mcai.topology import aws_retrieval, cross_account, identity, names
from mcai.topology.aws import AwsStackBuilder
from mcai.topology.builder import label
from mcai.topology.model import Expr, ModuleCall, Output, Resource, Stack, TrustEdge, Variable
from mcai.topology.names import Namer


def users_of(b: AwsStackBuilder, store: S3Store | OpenSearchServerless) -> tuple[str, ...]:
    if store.used_by is not None:
        return tuple(sorted(set(store.used_by)))
    routing = b.vspec.spec.routing
    return (routing.router,) if routing else ()


def stores_by_user(b: AwsStackBuilder) -> dict[str, list[tuple[str, S3Store | OpenSearchServerless]]]:
    """Workload -> the AWS stores it uses, in key order; built once per stack (per-workload scans were quadratic)."""
    cached: dict[str, list[tuple[str, S3Store | OpenSearchServerless]]] | None = getattr(b, "_stores_by_user", None)
    if cached is None:
        cached = {}
        for key, store in sorted(b.vspec.spec.data.items()):
            if store.cloud == "aws" and isinstance(store, S3Store | OpenSearchServerless):
                for user in users_of(b, store):
                    cached.setdefault(user, []).append((key, store))
        b._stores_by_user = cached  # type: ignore[attr-defined]
    return cached


def data_stores(b: AwsStackBuilder) -> None:
    for key, store in sorted(b.vspec.spec.data.items()):
        if store.cloud != "aws":
            continue
        path = ("data", key)
        if isinstance(store, S3Store):
            bucket = b.namer.name(names.AWS_S3_BUCKET, f"{b.prefix}-{key}-{b.cloud.account_id}", path)
            b.modules.append(ModuleCall(
                label=label("data", key), module="aws-documents-bucket",
                purpose=f"Documents store '{key}': encrypted, versioned, public access blocked, TLS only",
                inputs={"bucket_name": bucket},
                resources=tuple(Resource(t, "this") for t in (
                    "aws_s3_bucket", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_public_access_block",
                    "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
                    "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy")),
                spec_path=path))
            b.outputs.append(Output(f"{label('data', key)}_bucket", Expr(f"module.{label('data', key)}.bucket_name"),
                                    f"Bucket of the '{key}' document store."))
        elif isinstance(store, OpenSearchServerless):
            name = b.namer.name(names.AWS_AOSS_NAME, f"{b.prefix}-{key}", path)
            readers = [Expr(f"module.{label('workload', w)}.role_arn") for w in users_of(b, store)]
            kb = aws_retrieval.collection_inputs(b.vspec.spec, key)  # knowledge bases stored in this collection
            readers += kb.pop("ingestion_roles", [])
            resources = [Resource("aws_opensearchserverless_security_policy", "encryption"),
                         Resource("aws_opensearchserverless_security_policy", "network"),
                         Resource("aws_opensearchserverless_collection", "this"),
                         Resource("aws_opensearchserverless_access_policy", "this")]
            network = b.network()
            resources[2:2] = [Resource("aws_security_group", "this"),
                              Resource("aws_opensearchserverless_vpc_endpoint", "this")]
            b.modules.append(ModuleCall(
                label=label("data", key), module="aws-vector-collection",
                purpose=f"Vector store '{key}': OpenSearch Serverless VECTORSEARCH collection reached through a "
                        "VPC endpoint",
                inputs={"name": name, "standby_replicas": store.standby_replicas, "principal_arns": readers,
                        "network": network, **kb},
                resources=tuple(resources), spec_path=path))
            b.outputs.append(Output(f"{label('data', key)}_endpoint",
                                    Expr(f"module.{label('data', key)}.collection_endpoint"),
                                    f"Endpoint of the '{key}' vector collection."))


def response_cache(b: AwsStackBuilder) -> None:
    routing = b.vspec.spec.routing
    if routing is None or routing.cache is None or routing.cache.cloud != "aws":
        return
    cache = routing.cache
    path = ("routing", "cache")
    group_id = b.namer.name(names.AWS_ELASTICACHE_ID, f"{b.prefix}-cache", path)
    user_id = b.namer.name(names.AWS_ELASTICACHE_USER, f"{b.prefix}-{routing.router}", ("routing", "router"))
    b.modules.append(ModuleCall(
        label="response_cache", module="aws-response-cache",
        purpose="Response cache at the cloud boundary: repeated prompts never cross clouds (IAM auth, TLS, "
                "encrypted at rest)",
        inputs={"replication_group_id": group_id, "engine": cache.engine, "node_type": cache.node_type,
                "replicas": cache.replicas, "iam_user_id": user_id, "network": b.network()},
        resources=tuple(Resource(t, a) for t, a in (
            ("aws_elasticache_subnet_group", "this"), ("aws_security_group", "this"),
            ("aws_elasticache_user", "default"), ("aws_elasticache_user", "iam"),
            ("aws_elasticache_user_group", "this"), ("aws_elasticache_replication_group", "this"))),
        spec_path=path))
    b.outputs.append(Output("response_cache_endpoint", Expr("module.response_cache.primary_endpoint"),
                            "Primary endpoint of the response cache (TLS, IAM auth)."))


def workload_roles(b: AwsStackBuilder) -> None:
    kbs = aws_retrieval.knowledge_bases(b.vspec.spec)
    for key, workload in sorted(b.vspec.spec.workloads.items()):
        runtime = workload.runs_on
        # The role is also the workload's identity towards other clouds (topology/identity.py).
        statements = (_statements(b, key) + aws_retrieval.query_statements(b.vspec.spec, key, kbs)
                      + identity.aws_statements(b.vspec.spec, key)
                      + cross_account.assume_statements(b.vspec.whole or b.vspec.spec, b.vspec.account, key))
        if not statements and not identity.aws_role_needed(b.vspec.spec, key):
            continue
        # One definition of the role name: other clouds' trust policies name this role (spec/identity.py).
        role = b.namer.name(names.AWS_IAM_ROLE, aws_role_name(b.vspec.spec.name, b.vspec.spec.environment, key),
                            ("workloads", key))
        trust = _trust(b, runtime) if isinstance(runtime, EksRuntime) else _foreign_trust(b, runtime)
        resources = [Resource("aws_iam_role", "this")]
        if statements:
            resources.append(Resource("aws_iam_role_policy", "this[0]"))
        if trust["type"] == "pod_identity":
            resources.append(Resource("aws_eks_pod_identity_association", "this[0]"))
        b.modules.append(ModuleCall(
            label=label("workload", key), module="aws-workload-role",
            purpose=f"IAM role of workload '{key}' ({runtime.namespace}/{runtime.service_account} on "
                    f"{KIND_NAME[runtime.kind]} {runtime.cluster}): least privilege, no access keys",
            inputs={"role_name": role, "trust": trust, "statements": statements},
            resources=tuple(resources), spec_path=("workloads", key)))
        b.outputs.append(Output(f"{label('workload', key)}_role_arn", Expr(f"module.{label('workload', key)}.role_arn"),
                                f"IAM role assumed by workload '{key}'."))
        if trust["type"] == "oidc":
            b.manual_steps.append(
                f"Workload '{key}' on AWS: mount a projected service-account token with audience {STS_AUDIENCE} "
                f"into its pods ({runtime.namespace}/{runtime.service_account} on {KIND_NAME[runtime.kind]} "
                f"{runtime.cluster}) and set AWS_WEB_IDENTITY_TOKEN_FILE to its path and AWS_ROLE_ARN to the aws "
                f"stack's output `{label('workload', key)}_role_arn`: the AWS SDKs exchange it with "
                "sts:AssumeRoleWithWebIdentity and refresh it; no access key is involved.")
            b.trust_edges.append(TrustEdge(
                key, runtime.cloud, "aws", f"aws_web_identity_{runtime.kind}",
                f"arn:aws:iam::{b.cloud.account_id}:role/{role}",
                tuple(f"{s['sid']}: {', '.join(s['actions'])}" for s in statements),
                issuer=str(cluster_issuer(b.vspec.spec, runtime)),
                subject=kubernetes_subject(runtime.namespace, runtime.service_account), audience=STS_AUDIENCE))
            continue
        for s in statements:
            b.trust_edges.append(TrustEdge(key, "aws", "aws", trust["type"],
                                           f"arn:aws:iam::{b.cloud.account_id}:role/{role}",
                                           tuple(s["actions"])))


def cross_account_roles(b: AwsStackBuilder) -> None:
    """The target side of uses from other accounts (topology/cross_account.py): per calling workload, a role that
    trusts exactly its role's ARN and holds the statements that workload's own role would hold for these uses in
    one account, built by the same code from this account's view plus the caller and the routing chain."""
    whole = b.vspec.whole
    crossings = cross_account.into(whole, b.vspec.account) if whole is not None else ()
    if whole is None or not crossings:
        return
    spec = b.vspec.spec
    switch = None
    if any(cross_account.applied_first(whole, c) for c in crossings):
        switch = Expr(f"var.{cross_account.SWITCH} ? 1 : 0")
        b.variables[cross_account.SWITCH] = Variable(
            cross_account.SWITCH, "bool", "The roles of the workloads in other accounts that use this account "
            "exist (their stacks are applied): IAM refuses a trust policy naming a role that does not exist, so the "
            "cross-account roles here are created only once this is true (see the numbered steps).", False,
            required=False)
        b.manual_steps.append(cross_account.switch_step(
            tuple(c for c in crossings if cross_account.applied_first(whole, c)), "aws-" + str(b.vspec.account)))
    b.manual_steps.append(cross_account.recreated_note(crossings, "aws-" + str(b.vspec.account)))
    for c in crossings:
        workload = whole.workloads[c.workload]
        routing = whole.routing.model_copy(update={"cache": None}) if whole.routing is not None else None
        seen = replace(b.vspec, spec=spec.model_copy(update={
            "workloads": {**spec.workloads, c.workload: workload}, "routing": routing}))
        caller = AwsStackBuilder(seen, b.namer)
        statements = _statements(caller, c.workload) + aws_retrieval.query_statements(seen.spec, c.workload)
        role = b.namer.name(names.AWS_IAM_ROLE, c.target_role, ("workloads", c.workload))
        runtime = workload.runs_on
        gated = switch is not None and cross_account.applied_first(whole, c)
        b.modules.append(ModuleCall(
            label=c.label, module="aws-workload-role",
            purpose=f"Role that workload '{c.workload}' (account {c.caller_account}) assumes in this account: trusts "
                    f"exactly its role {c.caller_role_arn}; least privilege for what it uses here",
            inputs={"role_name": role,
                    "trust": {"type": "role", "role_arn": c.caller_role_arn, "session_tags": c.session_tags,
                              "cluster_name": runtime.cluster, "namespace": runtime.namespace,
                              "service_account": runtime.service_account},
                    "statements": statements},
            resources=(Resource("aws_iam_role", "this"), Resource("aws_iam_role_policy", "this[0]")),
            spec_path=("workloads", c.workload), count=switch if gated else None))
        ref = f"one(module.{c.label}[*].role_arn)" if gated else f"module.{c.label}.role_arn"
        b.outputs.append(Output(f"{c.label}_role_arn", Expr(ref),
                                f"Role workload '{c.workload}' of account {c.caller_account} assumes here (null until "
                                f"{cross_account.SWITCH} is true)." if gated else
                                f"Role workload '{c.workload}' of account {c.caller_account} assumes here."))
        for s in statements:
            b.trust_edges.append(TrustEdge(c.workload, "aws", "aws", "sts_assume_role", c.target_role_arn,
                                           tuple(s["actions"])))


def _trust(b: AwsStackBuilder, runtime: EksRuntime) -> dict[str, Any]:
    if runtime.aws_identity == "pod_identity":
        # the cluster's own region when its issuer names one (oidc.eks.<region>.amazonaws.com), else the stack's
        issuer = (runtime.oidc_issuer or "").removeprefix("https://").split(".")
        region = issuer[2] if issuer[:2] == ["oidc", "eks"] and len(issuer) > 2 else b.cloud.region
        step = (f"EKS cluster {runtime.cluster}: the EKS Pod Identity Agent add-on (eks-pod-identity-agent) must run "
                "on it before its workloads' pods start (check: `aws eks describe-addon --cluster-name "
                f"{runtime.cluster} --addon-name eks-pod-identity-agent --region {region}`); without it they get no AWS "
                "credentials.")
        if step not in b.manual_steps:
            b.manual_steps.append(step)
        return {"type": "pod_identity", "cluster_name": runtime.cluster, "namespace": runtime.namespace,
                "service_account": runtime.service_account, "oidc_provider_arn": None,
                "cluster_arn": f"arn:aws:eks:{region}:{b.cloud.account_id}:cluster/{runtime.cluster}"}
    assert runtime.oidc_issuer is not None
    host = runtime.oidc_issuer.removeprefix("https://")
    return {"type": "irsa", "cluster_name": runtime.cluster, "namespace": runtime.namespace,
            "service_account": runtime.service_account,
            "oidc_provider_arn": f"arn:aws:iam::{b.cloud.account_id}:oidc-provider/{host}"}


STS_AUDIENCE = "sts.amazonaws.com"


def oidc_provider_label(b: AwsStackBuilder, issuer: str) -> str:
    """Module label of the IAM OIDC provider for a GKE or AKS cluster's issuer: one per issuer (IAM allows no
    second), named after the cluster; clusters whose names collide once normalised get a counter, in issuer order."""
    labels: dict[str, str] | None = getattr(b, "_oidc_labels", None)
    if labels is None:
        labels = {}
        for _, w in sorted(b.vspec.spec.workloads.items()):
            issuer_of = cluster_issuer(b.vspec.spec, w.runs_on)
            if isinstance(w.runs_on, EksRuntime) or issuer_of is None or issuer_of in labels:
                continue
            base = label("oidc", f"{w.runs_on.kind}-{w.runs_on.cluster.lower()}")
            taken = set(labels.values())
            labels[issuer_of] = base if base not in taken else next(
                f"{base}_{n}" for n in range(2, 100) if f"{base}_{n}" not in taken)
        b._oidc_labels = labels  # type: ignore[attr-defined]
    return labels[issuer]


def _foreign_trust(b: AwsStackBuilder, runtime: Runtime) -> dict[str, Any]:
    """A GKE or AKS cluster: the role trusts the IAM OIDC provider of the cluster's issuer, created in this stack
    once per issuer, for the one namespace/service account and the audience sts.amazonaws.com."""
    issuer = cluster_issuer(b.vspec.spec, runtime)
    assert issuer is not None
    ref = oidc_provider_label(b, issuer)
    if not any(m.label == ref for m in b.modules):
        b.modules.append(ModuleCall(
            label=ref, module="aws-oidc-provider",
            purpose=f"IAM OIDC provider for the {KIND_NAME[runtime.kind]} cluster {runtime.cluster}'s token issuer: "
                    "roles trust its service-account tokens (audience sts.amazonaws.com), never a key",
            inputs={"issuer_url": issuer, "audience": STS_AUDIENCE},
            resources=(Resource("aws_iam_openid_connect_provider", "this"),), spec_path=("workloads",)))
    return {"type": "oidc", "cluster_name": runtime.cluster, "namespace": runtime.namespace,
            "service_account": runtime.service_account, "oidc_provider_arn": Expr(f"module.{ref}.arn")}


def _statements(b: AwsStackBuilder, workload: str) -> list[dict[str, Any]]:
    spec = b.vspec.spec
    out: list[dict[str, Any]] = []
    routing = spec.routing
    is_router = routing is not None and routing.router == workload
    models = b.bedrock_models() if is_router else {}
    chain = set(routing.chain) if routing else set()
    guardrails: set[str] = set()
    for key, model in models.items():
        if key in chain:
            out += _invoke_statements(b, key, model)
            guard = b.guardrail_for(key)
            if guard is not None:
                guardrails.add(guard)
    if guardrails:
        out.append({"sid": "ApplyGuardrails", "actions": ["bedrock:ApplyGuardrail"],
                    "resources": [Expr(f'module.bedrock.guardrail_arns["{g}"]') for g in sorted(guardrails)]})
    if is_router and routing is not None and routing.cache and routing.cache.cloud == "aws":
        out.append({"sid": "ConnectResponseCache", "actions": ["elasticache:Connect"],
                    "resources": [Expr("module.response_cache.replication_group_arn"),
                                  Expr("module.response_cache.iam_user_arn")]})
    for key, store in stores_by_user(b).get(workload, []):
        ref = label("data", key)
        if isinstance(store, S3Store):
            out.append({"sid": f"Read{_camel(key)}", "actions": ["s3:GetObject", "s3:ListBucket"],
                        "resources": [Expr(f"module.{ref}.bucket_arn"), Expr(f'"${{module.{ref}.bucket_arn}}/*"')]})
        elif isinstance(store, OpenSearchServerless):
            out.append({"sid": f"Query{_camel(key)}", "actions": ["aoss:APIAccessAll"],
                        "resources": [Expr(f"module.{ref}.collection_arn")]})
    return out


INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]


def _invoke_statements(b: AwsStackBuilder, key: str, model: BedrockModel) -> list[dict[str, Any]]:
    """Invocation of one model. Under a guardrail, every grant requires that guardrail's pinned version in the call
    (`bedrock:GuardrailIdentifier`, AWS's documented enforcement), so the role cannot call the model without it.
    Through a cross-region profile, the foundation models in the destination regions are granted only for calls
    made through that profile (`bedrock:InferenceProfileArn`), so the role cannot bypass the profile."""
    guard = b.guardrail_for(key)
    conditions = [] if guard is None else [
        {"test": "StringEquals", "variable": "bedrock:GuardrailIdentifier",
         "values": [Expr(f'module.bedrock.guardrail_identifiers["{guard}"]')]}]
    direct, destinations = b.model_arns(model)
    if model.provisioned:
        direct.append(Expr(f'module.bedrock.provisioned_model_arns["{key}"]'))
    name = _camel(key)
    out = [{"sid": f"Invoke{name}", "actions": INVOKE, "resources": direct, **_when(conditions)}]
    if destinations:
        profile = {"test": "StringEquals", "variable": "bedrock:InferenceProfileArn", "values": [direct[0]]}
        out.append({"sid": f"Invoke{name}ThroughProfile", "actions": INVOKE, "resources": destinations,
                    "conditions": [*conditions, profile]})
    return out


def _when(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"conditions": conditions} if conditions else {}


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("-"))


# Module blocks in a stable, readable order: account settings, data, cache, then workloads.
AWS_MODULE_RANK = {"aws-bedrock": 0, "aws-documents-bucket": 1, "aws-vector-collection": 2, "aws-knowledge-base": 3,
                   "aws-knowledge-base-opensearch": 3, "aws-response-cache": 4, "aws-oidc-provider": 5,
                   "aws-workload-role": 6}


def build_stack(vspec: ValidSpec, namer: Namer, state_region: str | None) -> tuple[Stack, list[TrustEdge]]:
    """The `aws/` stack and the AWS-local trust edges; the caller checks `namer.problems`."""
    spec = vspec.spec
    b = AwsStackBuilder(vspec, namer)
    b.bedrock()
    data_stores(b)
    aws_retrieval.build(b)
    response_cache(b)
    workload_roles(b)
    cross_account_roles(b)
    identity.aws_side(b.modules, b.outputs, b.manual_steps, spec)
    settings = {"region": b.cloud.region, "account_id": b.cloud.account_id}
    stack = b.freeze("aws", b.cloud.account_id, aws_retrieval.aws_provider(spec), settings, state_region,
                     AWS_MODULE_RANK)
    return stack, b.trust_edges
