"""Derive the `aws/` stack: Bedrock access, guardrails, logging, provisioned throughput, cache and data stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcai import catalog
from mcai.diagnostics import Path
from mcai.spec.aws import AwsCloud, BedrockModel
from mcai.topology import cross_account, names
from mcai.topology.builder import StackBuilder
from mcai.topology.common import provider
from mcai.topology.model import Expr, ModuleCall, Output, Resource, TrustEdge

AWS_PROVIDER = provider("aws")
STRENGTH = {"none": "NONE", "low": "LOW", "medium": "MEDIUM", "high": "HIGH"}
COMMITMENT = {"none": None, "one_month": "OneMonth", "six_months": "SixMonths"}
FILTER_TYPES = {"hate": "HATE", "insults": "INSULTS", "sexual": "SEXUAL", "violence": "VIOLENCE",
                "misconduct": "MISCONDUCT", "prompt_attack": "PROMPT_ATTACK"}


# Model access is a prerequisite, not a side effect of the workload's first call: starting the Marketplace
# subscription needs aws-marketplace permissions that the least-privilege workload role deliberately lacks.
ANTHROPIC_ACCESS_STEP = (
    "Model access (prerequisite, before the first call): Anthropic models on Bedrock ({models}) need a one-time "
    "use-case form and an AWS Marketplace subscription in account {account}. The workload role cannot start the "
    "subscription (it has no aws-marketplace permissions, on purpose), so an administrator with "
    "aws-marketplace:Subscribe, aws-marketplace:Unsubscribe and aws-marketplace:ViewSubscriptions submits the form in "
    "the Bedrock console and invokes each model once; the subscription can take up to 15 minutes. Until then the "
    "workload's calls fail with AccessDeniedException.")

@dataclass
class AwsStackBuilder(StackBuilder):
    trust_edges: list[TrustEdge] = field(default_factory=list)

    @property
    def cloud(self) -> AwsCloud:
        assert self.vspec.spec.clouds.aws is not None
        return self.vspec.spec.clouds.aws

    # -- network inputs: from the spec when given, else root variables the user supplies ------------------------
    def network(self, callers_in_vpc: bool = True) -> dict[str, Any]:
        """`callers_in_vpc`: workloads in the VPC call it (their security groups are asked for); False when only
        other clouds do (admitted by their ranges instead)."""
        net = self.cloud.network
        vpc_id: Any = net.vpc_id
        if vpc_id is None:
            vpc_id = self.input_variable("vpc_id", "string", "Id of the VPC the endpoints and the cache attach to.")
        subnets: Any = list(net.subnet_ids)
        if not subnets:
            subnets = self.input_variable(
                "private_subnet_ids", "list(string)",
                "Private subnets (one per availability zone) for interface endpoints and the cache.")
        if not callers_in_vpc and not net.client_security_group_ids:
            return {"vpc_id": vpc_id, "subnet_ids": subnets}
        # Callers are admitted by their own security group, never by the whole VPC range.
        groups: Any = list(net.client_security_group_ids) or self.input_variable(
            "client_security_group_ids", "list(string)",
            "Security groups of the callers (e.g. the EKS cluster security group of the router's pods): the only "
            "sources the endpoints and the cache admit.")
        return {"vpc_id": vpc_id, "subnet_ids": subnets, "allowed_security_group_ids": groups}

    # -- Bedrock -------------------------------------------------------------------------------------------------
    def bedrock_models(self) -> dict[str, BedrockModel]:
        return {k: m for k, m in sorted(self.vspec.spec.models.items()) if m.provider == "bedrock"}

    def bedrock(self) -> None:
        models = self.bedrock_models()
        settings = self.cloud.bedrock
        if not models and settings.invocation_logging is None and not settings.private:
            return
        guardrails = {k: self._guardrail(k, m) for k, m in models.items() if m.guardrail}
        provisioned = {k: self._provisioned(k, m) for k, m in models.items() if m.provisioned}
        resources: list[Resource] = []
        for key in guardrails:
            resources += [Resource("aws_bedrock_guardrail", f'this["{key}"]'),
                          Resource("aws_bedrock_guardrail_version", f'this["{key}"]')]
        resources += [Resource("aws_bedrock_provisioned_model_throughput", f'this["{k}"]') for k in provisioned]
        logging = self._logging(resources)
        endpoint = None
        if settings.private:
            from mcai.topology.links_into_aws import caller_cidrs

            spec = self.vspec.spec
            in_vpc = any(w.runs_on.cloud == "aws" for w in spec.workloads.values()) or not caller_cidrs(spec)
            endpoint = {"region": self.cloud.region, **self.network(in_vpc)}
            if caller_cidrs(spec):  # a router on AKS or GKE calls over its link: admitted by its cloud's range
                endpoint["allowed_cidr_blocks"] = caller_cidrs(spec)
            resources += [Resource("aws_security_group", "runtime_endpoint[0]"),
                          Resource("aws_vpc_endpoint", "runtime[0]")]
            whole = self.vspec.whole
            if any(getattr(s, "kind", None) == "bedrock_knowledge_base" for s in self.vspec.spec.data.values()) or (
                    whole is not None and cross_account.queries_knowledge_base(whole, self.vspec.account)):
                endpoint["agent_runtime"] = True  # knowledge base queries use bedrock-agent-runtime
                resources.append(Resource("aws_vpc_endpoint", "agent_runtime[0]"))
        self.modules.append(ModuleCall(
            label="bedrock", module="aws-bedrock",
            purpose="Bedrock account settings: guardrails, provisioned throughput, invocation logging, PrivateLink",
            inputs={"name_prefix": self.prefix, "guardrails": guardrails, "provisioned_throughputs": provisioned,
                    "invocation_logging": logging, "runtime_endpoint": endpoint},
            resources=tuple(resources), spec_path=("clouds", "aws", "bedrock")))
        if guardrails:
            self.outputs.append(Output(
                "bedrock_guardrails", Expr("module.bedrock.guardrails"),
                "Guardrail id, ARN and version per model: pass guardrailIdentifier = arn and guardrailVersion = "
                "version in every call (IAM refuses calls without them)."))
        if provisioned:
            self.outputs.append(Output(
                "bedrock_provisioned_model_arns", Expr("module.bedrock.provisioned_model_arns"),
                "Provisioned throughput ARN per model: call it as the model id to use the purchased model units."))
            self.manual_steps.append(
                "Bedrock provisioned throughput: request model units for "
                + ", ".join(sorted(m.model for m in models.values() if m.provisioned))
                + " through AWS Support before applying the aws stack (purchases fail without the quota).")
        anthropic = sorted(m.model for m in models.values() if m.model.startswith("anthropic."))
        if anthropic:
            self.manual_steps.append(ANTHROPIC_ACCESS_STEP.format(account=self.cloud.account_id,
                                                                  models=", ".join(anthropic)))

    def _guardrail(self, key: str, model: BedrockModel) -> dict[str, Any]:
        g = model.guardrail
        assert g is not None
        filters = {FILTER_TYPES[t]: {"input_strength": STRENGTH[s],
                                     "output_strength": "NONE" if t == "prompt_attack" else STRENGTH[s]}
                   for t, s in sorted(g.content_filters.model_dump(exclude_none=True).items())}
        return {
            "name": self.namer.name(names.AWS_GUARDRAIL, f"{self.prefix}-{key}", ("models", key, "guardrail")),
            "blocked_message": g.blocked_message,
            "content_filters": filters,
            "denied_topics": [{"name": t.name, "definition": t.definition, "examples": list(t.examples)}
                              for t in g.denied_topics],
            "pii_entities": {e: a.upper() for e, a in sorted(g.pii.items())},
            "profanity": g.profanity,
        }

    def _provisioned(self, key: str, model: BedrockModel) -> dict[str, Any]:
        p = model.provisioned
        assert p is not None
        return {
            "name": self.namer.name(names.AWS_PROVISIONED_MODEL, f"{self.prefix}-{key}", ("models", key)),
            "model_arn": f"arn:aws:bedrock:{self.cloud.region}::foundation-model/{model.model}",
            "model_units": p.model_units,
            "commitment_duration": COMMITMENT[p.commitment],
        }

    def _logging(self, resources: list[Resource]) -> dict[str, Any] | None:
        cfg = self.cloud.bedrock.invocation_logging
        if cfg is None:
            return None
        where = f"account {self.cloud.account_id} in {self.cloud.region}"
        if cfg.owned_by is not None:
            self.manual_steps.append(
                f"Bedrock model invocation logging for {where} is owned by '{cfg.owned_by}' (declared in the spec): "
                "this stack emits none; check there that it logs the models this estate calls.")
            return None
        self.manual_steps.append(
            f"Bedrock model invocation logging is one configuration per account and region: this stack owns it for "
            f"{where} and replaces any other on apply. If another stack already sets it, declare "
            "invocation_logging.owned_by instead.")
        path: Path = ("clouds", "aws", "bedrock", "invocation_logging")
        bucket = None
        if cfg.s3:
            bucket = self.namer.name(names.AWS_S3_BUCKET, f"{self.prefix}-bedrock-logs-{self.cloud.account_id}", path)
            resources += [Resource("aws_s3_bucket", "invocation_logs[0]"),
                          Resource("aws_s3_bucket_public_access_block", "invocation_logs[0]"),
                          Resource("aws_s3_bucket_server_side_encryption_configuration", "invocation_logs[0]"),
                          Resource("aws_s3_bucket_lifecycle_configuration", "invocation_logs[0]"),
                          Resource("aws_s3_bucket_policy", "invocation_logs[0]")]
        log_group = None
        if cfg.cloudwatch:
            log_group = f"/aws/bedrock/{self.prefix}/invocations"
            resources += [Resource("aws_cloudwatch_log_group", "invocation_logs[0]"),
                          Resource("aws_iam_role", "invocation_logging[0]"),
                          Resource("aws_iam_role_policy", "invocation_logging[0]")]
        resources.append(Resource("aws_bedrock_model_invocation_logging_configuration", "this[0]"))
        if cfg.customer_managed_key:
            resources += [Resource("aws_kms_key", "invocation_logs[0]"), Resource("aws_kms_alias", "invocation_logs[0]")]
        if cfg.s3:
            resources.append(Resource("aws_s3_bucket_versioning", "invocation_logs[0]"))
        return {"account_id": self.cloud.account_id, "region": self.cloud.region, "bucket_name": bucket,
                "log_group_name": log_group, "retention_days": cfg.retention_days,
                "customer_managed_key": cfg.customer_managed_key}

    def model_arns(self, model: BedrockModel) -> tuple[list[Any], list[str]]:
        """The ARNs `bedrock:InvokeModel*` must name for this model: the one called directly (the foundation model,
        or the cross-region profile), and the foundation models in the profile's destination regions (dated list in
        data/bedrock_inference_profiles.yaml), which are granted only through that profile."""
        region, account = self.cloud.region, self.cloud.account_id
        if model.inference_profile is None:
            return [f"arn:aws:bedrock:{region}::foundation-model/{model.model}"], []
        profiles = catalog.load("bedrock_inference_profiles")["profiles"]
        profile = profiles[model.inference_profile]
        direct: list[Any] = [
            f"arn:aws:bedrock:{region}:{account}:inference-profile/{model.inference_profile}.{model.model}"]
        if model.inference_profile == "global":
            return direct, [f"arn:aws:bedrock:{region}::foundation-model/{model.model}",
                            f"arn:aws:bedrock:::foundation-model/{model.model}"]
        return direct, [f"arn:aws:bedrock:{r}::foundation-model/{model.model}" for r in profile["destination_regions"]]

    def guardrail_for(self, key: str) -> str | None:
        """The model whose guardrail guards calls of `key`: its own; else, for a model in the routing chain, the
        first guarded Bedrock model of the chain (a fallback is not a way around the guardrail) unless the spec says
        why it may run unguarded."""
        models = self.bedrock_models()
        model = models[key]
        if model.guardrail is not None:
            return key
        routing = self.vspec.spec.routing
        if model.unguarded is not None or routing is None or key not in routing.chain:
            return None
        return next((k for k in routing.chain if k in models and models[k].guardrail is not None), None)
