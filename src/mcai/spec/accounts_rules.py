"""Rules for clouds with several named accounts (spec/accounts.py): `home` names one of them, every element of such
a cloud is placed in one (`account:`, with "did you mean"), and what is not rendered across accounts yet is refused
where it is written instead of being rendered against the wrong account."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

from mcai import catalog
from mcai.spec.accounts import accounts_of, home_of, home_settings, placed_in, region_for
from mcai.spec.errors import suggest
from mcai.spec.models import Spec
from mcai.spec.rules import PROVIDER_CLOUD, Finding, rule
from mcai.spec.values_rules import known_regions

ACCOUNT_ID_FIELD = {"aws": "account_id", "azure": "subscription_id", "gcp": "project_id"}
CROSS_ACCOUNT_GRANT = {"aws": "a role in '{account}' that trusts exactly the caller's role",
                      "azure": "a role assignment in subscription '{account}' for the caller's identity",
                      "gcp": "an IAM grant in project '{account}' to the caller's principal"}
ACCOUNT_WORD = {"aws": "AWS account", "azure": "Azure subscription", "gcp": "GCP project"}


def placed_elements(spec: Spec) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """(spec path, cloud, object) of every element placed in an account: workloads, models, data stores, cache."""
    for key, workload in spec.workloads.items():
        yield ("workloads", key), workload.runs_on.cloud, workload
    for key, model in spec.models.items():
        yield ("models", key), PROVIDER_CLOUD[model.provider], model
    for key, store in spec.data.items():
        yield ("data", key), store.cloud, store
    if spec.routing is not None and spec.routing.cache is not None:
        yield ("routing", "cache"), spec.routing.cache.cloud, spec.routing.cache


def account_of(spec: Spec, cloud: str, element: Any) -> str | None:
    """The named account an element is in (None in a one-account cloud)."""
    return placed_in(getattr(spec.clouds, cloud, None), getattr(element, "account", None))


def region_of(spec: Spec, cloud: str, element: Any = None) -> str | None:
    """The region (Azure: location) of the account an element is in; of the home account without an element."""
    declared = getattr(spec.clouds, cloud, None)
    return region_for(declared, cloud, account_of(spec, cloud, element) if element is not None else None)


def outside_home(spec: Spec, cloud: str, element: Any) -> str | None:
    """The element's account when it is not its cloud's home account (what is not rendered across accounts yet)."""
    declared = getattr(spec.clouds, cloud, None)
    account = account_of(spec, cloud, element)
    return account if account is not None and account != home_of(declared) else None


@rule
def home_is_an_account(spec: Spec) -> Iterator[Finding]:
    for cloud in ("aws", "azure", "gcp"):
        declared = getattr(spec.clouds, cloud)
        names = list(accounts_of(declared))
        if names and declared.home not in names:
            yield ("clouds", cloud, "home"), (f"unknown account '{declared.home}'{suggest(declared.home, names)} "
                                              f"(accounts of {cloud}: {', '.join(names)})")


@rule
def transit_gateway_is_regional(spec: Spec) -> Iterator[Finding]:
    """A Transit Gateway is regional: a VPC in another region attaches only through TGW peering (a second gateway
    in that region, a peering attachment and static routes both ways), which mcai does not render."""
    declared = spec.clouds.aws
    if getattr(declared, "transit_gateway", None) is None:
        return
    home, wanted = home_of(declared), home_settings(declared).region
    for name, settings in accounts_of(declared).items():
        unknown = settings.region not in known_regions("aws") and not settings.unlisted_region
        if settings.region != wanted and not unknown:  # an unknown region is reported (with a suggestion) once
            yield ("clouds", "aws", "accounts", name, "region"), (
                f"'{settings.region}' differs from the region of the Transit Gateway in the home account '{home}' "
                f"({wanted}): a Transit Gateway is regional, and a VPC in another region attaches only through "
                "Transit Gateway peering, which mcai does not render; put this account in "
                f"{wanted}, or remove 'transit_gateway'")


@rule
def inference_profile_fits_region(spec: Spec) -> Iterator[Finding]:
    """A geography's cross-region inference profile is called from a source region of that geography (dated table
    `data/bedrock_inference_profiles.yaml`): the region of the model's own account decides."""
    profiles = catalog.load("bedrock_inference_profiles")["profiles"]
    for key, model in spec.models.items():
        profile = getattr(model, "inference_profile", None)
        if model.provider != "bedrock" or profile is None or spec.clouds.aws is None:
            continue
        region = region_of(spec, "aws", model)
        prefix = profiles[profile]["source_region_prefix"]
        if region is not None and not region.startswith(prefix):
            fits = sorted(n for n, p in profiles.items() if p["source_region_prefix"] and
                          region.startswith(p["source_region_prefix"]))
            where = f"account '{a}'" if (a := account_of(spec, "aws", model)) else "clouds.aws"
            yield ("models", key, "inference_profile"), (
                f"the '{profile}' inference profile is called only from {prefix}* regions, and this model's "
                f"{where} is in {region}: use " + (f"'{fits[0]}' or 'global'" if fits else "'global'") +
                " (data/bedrock_inference_profiles.yaml), or place the model in an account of that geography")


@rule
def accounts_are_distinct(spec: Spec) -> Iterator[Finding]:
    for cloud in ("aws", "azure", "gcp"):
        seen: dict[str, str] = {}
        for name, settings in accounts_of(getattr(spec.clouds, cloud)).items():
            value = getattr(settings, ACCOUNT_ID_FIELD[cloud])
            if value in seen:
                yield ("clouds", cloud, "accounts", name, ACCOUNT_ID_FIELD[cloud]), (
                    f"{ACCOUNT_WORD[cloud]} '{value}' is already account '{seen[value]}': each named account is "
                    "its own root stack, and two stacks owning one account would fight over its singletons")
            seen.setdefault(value, name)


@rule
def elements_are_placed(spec: Spec) -> Iterator[Finding]:
    for path, cloud, element in placed_elements(spec):
        declared = getattr(spec.clouds, cloud, None)
        names = list(accounts_of(declared))
        account = getattr(element, "account", None)
        if declared is None:
            continue  # the undeclared cloud is reported by its own rule
        if not names and account is not None:
            yield path + ("account",), (f"clouds.{cloud} declares one account, so there is nothing to choose: drop "
                                        f"'account', or declare several under clouds.{cloud}.accounts")
        elif account is None and len(names) > 1:
            yield path, (f"missing required key 'account': clouds.{cloud} declares several accounts "
                         f"({', '.join(names)}); say which one this is in")
        elif account is not None and names and account not in names:
            yield path + ("account",), (f"unknown account '{account}'{suggest(account, names)} (accounts of "
                                        f"{cloud}: {', '.join(names)})")


def _uses(spec: Spec) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(spec path, user key, used key) of what a workload (or a retrieval store) reaches: the routing chain and its
    spillovers, the cache, data stores (`used_by`, else the router), flows, a retrieval store's documents and
    collection. Keys of `workloads`, `models` and `data`; `cache` for the response cache."""
    routing = spec.routing
    if routing is not None:
        for i, key in enumerate(routing.chain):
            yield ("routing", "chain", i), routing.router, key
            spill = getattr(spec.models.get(key), "spillover", None)
            if spill:
                yield ("models", key, "spillover"), routing.router, spill
        if routing.cache is not None:
            yield ("routing", "cache"), routing.router, "cache"
    for key, store in spec.data.items():
        users = getattr(store, "used_by", None)
        if users is None:
            users = (routing.router,) if routing is not None else ()
        for j, user in enumerate(users):
            yield ("data", key) + (("used_by", j) if getattr(store, "used_by", None) is not None else ()), user, key
        for field in ("documents", "collection", "landing"):
            if getattr(store, field, None):
                yield ("data", key, field), key, getattr(store, field)
    for i, flow in enumerate(spec.usage.flows if spec.usage else ()):
        if flow.by is not None and flow.uses is not None:
            yield ("usage", "flows", i), flow.by, flow.uses


def element_of(spec: Spec, key: str) -> tuple[str, Any] | None:
    """(cloud, object) of a workload, model, data store or `cache` key; None for an unknown key (reported elsewhere)."""
    if key == "cache" and spec.routing is not None and spec.routing.cache is not None:
        return spec.routing.cache.cloud, spec.routing.cache
    if key in spec.workloads:
        return spec.workloads[key].runs_on.cloud, spec.workloads[key]
    if key in spec.models:
        return PROVIDER_CLOUD[spec.models[key].provider], spec.models[key]
    if key in spec.data:
        return spec.data[key].cloud, spec.data[key]
    return None


def _known(spec: Spec, cloud: str, account: str | None) -> bool:
    named = accounts_of(getattr(spec.clouds, cloud, None))
    return account in named if named else account is None


# What a workload may use in another account of its cloud (topology/cross_account.py renders the role in the
# target account and the caller's sts:AssumeRole): Bedrock models, and stores reached through a regional API that
# serves every account (S3 and Bedrock knowledge bases); on GCP, Vertex AI models called from GKE (an IAM grant in the
# model's project to the workload's own principal). Everything else is refused below, saying why.
CROSSES_ACCOUNTS = {"aws": ("bedrock", "s3", "bedrock_knowledge_base"), "gcp": ("vertex",)}
VPC_BOUND = {"opensearch_serverless": "an OpenSearch Serverless collection answers only through its VPC endpoint in "
                                      "that account's VPC (its network policy admits that endpoint alone, and the "
                                      "endpoint's private DNS answers in that VPC only)",
             "cache": "the response cache sits in that account's VPC and admits its callers' security groups only"}


def _across_accounts(spec: Spec, cloud: str, user_key: str, used_key: str, used: Any,
                     used_account: str) -> str | None:
    """Why a use from one account into another of the same cloud cannot be rendered; None when it can."""
    word = ACCOUNT_WORD[cloud]
    kind = "cache" if used_key == "cache" else getattr(used, "kind", None) or getattr(used, "provider", None)
    if cloud not in CROSSES_ACCOUNTS:
        grant = CROSS_ACCOUNT_GRANT[cloud].format(account=used_account)
        return (f"a use across two {word}s needs {grant}, and a network path between the two networks; mcai renders "
                "uses across two accounts of one cloud for AWS accounts and GCP projects (Vertex AI from GKE) only "
                f"in this version, so place both in one {word}")
    if user_key not in spec.workloads:
        return (f"a store's own identity reaches its documents and collection in its own {word} only: place "
                f"'{used_key}' in the same account as '{user_key}'")
    if cloud == "gcp" and getattr(spec.workloads[user_key].runs_on, "kind", None) != "gke":
        return f"only a GKE workload (its own principal) is granted across two {word}s in this version"
    if getattr(getattr(used, "endpoint", None), "private_service_connect", False):
        return ("the Vertex AI endpoint is served only through a Private Service Connect consumer in that project's "
                f"VPC, so a workload in another project cannot reach it: place both in one {word}")
    if kind in VPC_BOUND:
        return (f"{VPC_BOUND[kind]}, so a workload in another account cannot reach it: place '{user_key}' in "
                f"account '{used_account}' or '{used_key}' in the workload's account")
    if kind not in CROSSES_ACCOUNTS[cloud]:
        return f"a {kind} store is used from its own account only in this version: place both in one {word}"
    return None


@rule
def uses_stay_in_one_account(spec: Spec) -> Iterator[Finding]:
    """A use between two accounts of one cloud is rendered (AWS) as a role in the target's account trusting exactly
    the caller's role (topology/cross_account.py); what cannot be is a located error saying why. (A use across
    clouds may start or end in any account: spec/federation.py.)"""
    for path, user_key, used_key in _uses(spec):
        user, used = element_of(spec, user_key), element_of(spec, used_key)
        if user is None or used is None:
            continue
        (user_cloud, user_obj), (used_cloud, used_obj) = user, used
        user_account, used_account = account_of(spec, user_cloud, user_obj), account_of(spec, used_cloud, used_obj)
        if not (_known(spec, user_cloud, user_account) and _known(spec, used_cloud, used_account)):
            continue  # a missing or unknown `account` is reported by its own rule
        if user_cloud == used_cloud and user_account != used_account:
            why = _across_accounts(spec, user_cloud, user_key, used_key, used_obj, str(used_account))
            if why is not None:
                yield path, (f"'{user_key}' is in {user_cloud} account '{user_account}' and '{used_key}' in account "
                             f"'{used_account}': {why}")


@rule
def chain_guardrail_in_the_model_account(spec: Spec) -> Iterator[Finding]:
    """A Bedrock model of the routing chain without its own guardrail is guarded by the chain's first guarded model's
    guardrail; a guardrail is applied by calls made in its own account (using it from another account needs a
    resource-based policy on it, which mcai does not render), so that guardrail must be in the model's account."""
    routing = spec.routing
    if routing is None or len(accounts_of(spec.clouds.aws)) < 2:
        return
    bedrock = [k for k in routing.chain if getattr(spec.models.get(k), "provider", None) == "bedrock"]
    guard = next((k for k in bedrock if spec.models[k].guardrail is not None), None)
    if guard is None:
        return
    guard_account = account_of(spec, "aws", spec.models[guard])
    for key in bedrock:
        model = spec.models[key]
        if model.guardrail is None and model.unguarded is None and account_of(spec, "aws", model) != guard_account:
            yield ("models", key), (
                f"'{key}' is guarded by the guardrail of '{guard}' (the routing chain's first guarded model), which "
                f"is in account '{guard_account}', while '{key}' is called in account "
                f"'{account_of(spec, 'aws', model)}': a guardrail guards calls in its own account only; give "
                f"'{key}' its own 'guardrail', or say why it may run unguarded ('unguarded: <reason>')")


@rule
def transit_gateway_ranges(spec: Spec) -> Iterator[Finding]:
    """Attachments route by range: each account needs its VPC's range, and overlapping ranges cannot be routed."""
    declared = spec.clouds.aws
    if getattr(declared, "transit_gateway", None) is None:
        return
    seen: list[tuple[str, ipaddress.IPv4Network]] = []
    for name, settings in accounts_of(declared).items():
        path = ("clouds", "aws", "accounts", name, "network")
        if settings.network.cidr is None:
            yield path, ("missing required key 'cidr': with a transit_gateway every account's VPC range is routed "
                         "through it, so each account states it")
            continue
        net = ipaddress.IPv4Network(settings.network.cidr)
        for other, other_net in seen:
            if net.overlaps(other_net):
                yield path + ("cidr",), (f"{net} overlaps account '{other}' ({other_net}): a Transit Gateway cannot "
                                         "route overlapping ranges; give each account its own range")
        seen.append((name, net))
