"""Pieces every cloud's stack shares: provider pins and the control-plane state backend."""

from __future__ import annotations

from collections.abc import Iterable

from mcai.topology.model import Backend, ProviderRequirement

# The provider versions every rendered stack admits; offline validation runs against each pinned version in range.
PROVIDER_CONSTRAINTS = {
    "aws": ProviderRequirement("aws", "hashicorp/aws", ">= 5.100, < 7.0"),
    "azurerm": ProviderRequirement("azurerm", "hashicorp/azurerm", "~> 5.0"),
    "azuread": ProviderRequirement("azuread", "hashicorp/azuread", "~> 3.0"),
    "google": ProviderRequirement("google", "hashicorp/google", ">= 7.40, < 9.0"),
}
TERRAFORM_VERSION = ">= 1.9"


def terraform_floor(modules: Iterable[str]) -> tuple[str, str]:
    """`(required_version, reason)` for a root stack calling `modules`: the usual floor, or the highest one a module
    declares in its `mcai-module.json` (`terraform` and `terraform_reason`), so `terraform init` never accepts a
    version one of its modules refuses."""
    from mcai import assets

    best, reason = _floor(TERRAFORM_VERSION), ""
    for module in sorted(set(modules)):
        declared = assets.module_declaration(module)
        if "terraform" in declared and _floor(declared["terraform"]) > best:
            best, reason = _floor(declared["terraform"]), f"{module}: {declared['terraform_reason']}"
    return ">= " + ".".join(str(part) for part in best), reason


def _floor(constraint: str) -> tuple[int, ...]:
    return tuple(int(part) for part in constraint.removeprefix(">=").strip().split("."))


def provider(name: str) -> ProviderRequirement:
    return PROVIDER_CONSTRAINTS[name]


def backend_for(control_plane: str, name: str, environment: str, stack: str, region: str | None) -> Backend:
    """State for every stack lives in the control-plane cloud (one control plane), one state file per stack."""
    key = f"{name}/{environment}/{stack}.tfstate"
    if control_plane == "aws":
        settings = {"bucket": "<state bucket>", "key": key, "region": region or "<state region>",
                    "use_lockfile": "true", "encrypt": "true"}
        return Backend("s3", key, settings)
    if control_plane == "azure":
        settings = {"resource_group_name": "<state resource group>", "storage_account_name": "<state account>",
                    "container_name": "tfstate", "key": key, "use_azuread_auth": "true"}
        return Backend("azurerm", key, settings)
    settings = {"bucket": "<state bucket>", "prefix": f"{name}/{environment}/{stack}"}
    return Backend("gcs", key, settings)
