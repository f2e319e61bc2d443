"""Azure OpenAI rules Azure enforces only at apply time: capacity units per deployment type, PTU minimums and
increments per model (from the dated table in `data/azure_openai_ptu.yaml`), and spillover pairing."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

from mcai import catalog
from mcai.spec.azure import PAY_AS_YOU_GO_TYPES, PROVISIONED_TYPES, SPILLOVER_TARGET, AzureOpenAIModel
from mcai.spec.errors import suggest
from mcai.spec.lifecycle import checked, lifecycle
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, rule

PTU_TABLE = "src/mcai/data/azure_openai_ptu.yaml"
# Characters Azure refuses in tag names.
AZURE_TAG_KEY_FORBIDDEN = set("<>%&\\?/")


def azure_models(spec: Spec) -> dict[str, AzureOpenAIModel]:
    return {k: m for k, m in spec.models.items() if isinstance(m, AzureOpenAIModel)}


def ptu_rules(model: str, deployment_type: str) -> dict[str, Any] | None:
    """{min, step} for a model and provisioned type; None when the table has no such offering."""
    row = catalog.load("azure_openai_ptu")["models"].get(model)
    if row is None:
        return None
    rules: dict[str, Any] | None = row["regional" if deployment_type == "regional_provisioned" else "global"]
    return rules


def ptu_row(model: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = catalog.load("azure_openai_ptu")["models"].get(model)
    return row


@rule
def capacity_matches_deployment_type(spec: Spec) -> Iterator[Finding]:
    for key, m in azure_models(spec).items():
        d, path = m.deployment, ("models", key, "deployment")
        if d.type in PROVISIONED_TYPES:
            if d.tpm_thousands is not None:
                yield (path + ("tpm_thousands",),
                       f"'{d.type}' is sized in PTUs: use 'ptu', not 'tpm_thousands' (thousands of tokens per "
                       "minute apply to pay-as-you-go types)")
            elif d.ptu is None:
                yield path, f"'{d.type}' needs 'ptu' (provisioned throughput units)"
        else:
            if d.ptu is not None:
                yield (path + ("ptu",),
                       f"'ptu' applies only to provisioned deployment types ({', '.join(PROVISIONED_TYPES)}); "
                       f"'{d.type}' is pay-as-you-go: set its rate limit with 'tpm_thousands' (thousands of tokens "
                       "per minute)")
            elif d.tpm_thousands is None:
                yield path, f"'{d.type}' needs 'tpm_thousands' (rate limit in thousands of tokens per minute)"


@rule
def ptu_minimum_and_increment(spec: Spec) -> Iterator[Finding]:
    table = catalog.load("azure_openai_ptu")
    for key, m in azure_models(spec).items():
        d = m.deployment
        if d.type not in PROVISIONED_TYPES or d.ptu is None:
            continue
        path = ("models", key, "deployment", "ptu")
        known = sorted(table["models"])
        if checked(m) and lifecycle(m) is None:
            continue  # an unknown model or version: the model catalog rule reports it (once)
        if m.model not in table["models"]:
            yield (("models", key, "model"),
                   f"no PTU rules for model '{m.model}'{suggest(m.model, known)} (known: {', '.join(known)}); if "
                   f"Azure sells it provisioned, add its row to {PTU_TABLE} (minimums, increments, input TPM per "
                   f"PTU and output weight from Microsoft's PTU sizing page)")
            continue
        rules = ptu_rules(m.model, d.type)
        if rules is None:
            yield (("models", key, "deployment", "type"),
                   f"{m.model} is not sold as regional provisioned (ProvisionedManaged); use global_provisioned or "
                   "data_zone_provisioned")
            continue
        low, step = rules["min"], rules["step"]
        if d.ptu < low or (d.ptu - low) % step:
            below = low + max(0, (d.ptu - low) // step) * step
            nearest = f"{below} or {below + step}" if d.ptu > below else f"{below}"
            yield path, f"{m.model} on {d.type} {ptu_size_rule(low, step)} (got {d.ptu}; nearest valid: {nearest})"


def ptu_size_rule(low: int, step: int) -> str:
    """Valid sizes are the minimum plus whole steps; when the minimum is itself a step multiple, say it simply."""
    if low % step == 0:
        return f"must be a multiple of {step}, minimum {low}"
    return f"must be {low} plus a multiple of {step} ({low}, {low + step}, {low + 2 * step}, ...)"


@rule
def spillover_targets_a_matching_pay_as_you_go_deployment(spec: Spec) -> Iterator[Finding]:
    models = azure_models(spec)
    for key, m in models.items():
        if m.spillover is None:
            continue
        path = ("models", key, "spillover")
        if m.deployment.type not in PROVISIONED_TYPES:
            yield path, (f"spillover catches traffic above a provisioned deployment's PTUs; '{m.deployment.type}' "
                         "is pay-as-you-go and has nothing to spill")
            continue
        target = models.get(m.spillover)
        if target is None:
            other = spec.models.get(m.spillover)
            if other is not None:
                yield path, (f"spillover target '{m.spillover}' is a {other.provider} model; it must be an "
                             "azure_openai deployment on the same account")
            else:
                yield path, (f"unknown model '{m.spillover}'{suggest(m.spillover, list(models))} (azure_openai "
                             f"models: {', '.join(sorted(models)) or 'none'})")
            continue
        wanted = SPILLOVER_TARGET[m.deployment.type]
        if target.deployment.type not in PAY_AS_YOU_GO_TYPES:
            yield path, (f"spillover target '{m.spillover}' is a provisioned deployment "
                         f"({target.deployment.type}); spillover must go to a pay-as-you-go deployment "
                         f"('{wanted}' for a {m.deployment.type} deployment)")
        elif target.deployment.type != wanted:
            yield path, (f"spillover target '{m.spillover}' is {target.deployment.type}; a {m.deployment.type} "
                         f"deployment spills only into {wanted} (same data-processing level)")
        if (target.model, target.version) != (m.model, m.version):
            yield path, (f"spillover target '{m.spillover}' runs {target.model} {target.version}; it must run the "
                         f"same model and version ({m.model} {m.version})")


@rule
def openai_access_settings(spec: Spec) -> Iterator[Finding]:
    azure = spec.clouds.azure
    if azure is None:
        return
    path = ("clouds", "azure", "openai", "allowed_ip_ranges")
    if azure.openai.allowed_ip_ranges and not azure.openai.public_network_access:
        yield path, "allowed_ip_ranges only applies with public_network_access: true (the account is private)"
    for i, value in enumerate(azure.openai.allowed_ip_ranges):
        try:
            net = ipaddress.IPv4Network(value, strict=True)
        except ValueError as exc:
            yield path + (i,), f"must be an IPv4 address or CIDR range ({exc})"
            continue
        if not net.is_global:
            yield path + (i,), f"{value} is not a public range; private clients reach the account's private endpoint"
    prefix = ipaddress.IPv4Network(azure.network.cidr).prefixlen
    if not 16 <= prefix <= 24:
        yield ("clouds", "azure", "network", "cidr"), \
            f"the Azure VNet range must be between /16 and /24 (got /{prefix}): mcai carves the private-endpoint " \
            "subnet (its first /26) and room for later subnets from it"


@rule
def tags_are_valid_in_azure(spec: Spec) -> Iterator[Finding]:
    """Tags go on every Azure resource, and Azure's tag names are stricter than AWS's."""
    if spec.clouds.azure is None:
        return
    for tag in spec.tags:
        bad = sorted(AZURE_TAG_KEY_FORBIDDEN & set(tag))
        if bad:
            yield ("tags", tag), f"Azure refuses tag names containing {' '.join(bad)} (tag '{tag}')"
