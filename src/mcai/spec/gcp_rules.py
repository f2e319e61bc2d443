"""Google Cloud rules that need the whole spec: tags that must also be valid GCP labels, Vertex locations known from
the dated table in `data/vertex_regions.yaml`, references from endpoints and training to data stores, and the
Private Service Connect address plan."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from mcai import catalog
from mcai.spec.accounts import accounts_of, each_account, placed_in
from mcai.spec.errors import suggest
from mcai.spec.gcp import BigQueryDataset, VertexModel
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, declared_clouds, rule

REGIONS_TABLE = "src/mcai/data/vertex_regions.yaml"
# GCP label rules (keys and values): lowercase letters, digits, '_' and '-'; keys start with a letter; <= 63 chars.
# mcai rejects rather than normalises: lowering case or replacing characters could merge two tags into one label
# and would make the label differ from the tag the other clouds carry.
LABEL_KEY = re.compile(r"[a-z][a-z0-9_-]{0,62}")
LABEL_VALUE = re.compile(r"[a-z0-9_-]{0,63}")
LABEL_HINT = "lowercase letters, digits, '_' and '-'"


def vertex_models(spec: Spec) -> dict[str, VertexModel]:
    return {k: m for k, m in spec.models.items() if isinstance(m, VertexModel)}


def vertex_regions() -> list[str]:
    regions: list[str] = catalog.load("vertex_regions")["regions"]
    return regions


def default_psc_endpoint_name(spec: Spec) -> str:
    """The Private Service Connect endpoint name when the spec sets none: estate name and environment, no hyphens."""
    return f"{spec.name}{spec.environment}".replace("-", "")


@rule
def tags_are_gcp_labels(spec: Spec) -> Iterator[Finding]:
    if "gcp" not in declared_clouds(spec):
        return
    why = "every tag becomes a label on GCP resources"
    for key, value in spec.tags.items():
        if not LABEL_KEY.fullmatch(key):
            yield ("tags", key), (f"tag key '{key}' is not a valid GCP label key ({LABEL_HINT}, starting with a "
                                  f"lowercase letter, at most 63 characters); {why}")
        if not LABEL_VALUE.fullmatch(value):
            yield ("tags", key), (f"tag value '{value}' is not a valid GCP label value ({LABEL_HINT}, at most 63 "
                                  f"characters); {why}")


def inheriting_accounts(spec: Spec) -> set[tuple[str, ...]]:
    """Spec paths of the GCP accounts (`clouds.gcp`, or `clouds.gcp.accounts.<name>`) holding a Vertex model that
    takes its project's region (no `region` of its own)."""
    named = accounts_of(spec.clouds.gcp)
    out = set()
    for model in vertex_models(spec).values():
        if model.region is None:
            account = placed_in(spec.clouds.gcp, model.account)
            out.add(("clouds", "gcp", "accounts", account) if named and account in named else ("clouds", "gcp"))
    return out


@rule
def vertex_locations_are_known(spec: Spec) -> Iterator[Finding]:
    gcp = spec.clouds.gcp
    if gcp is None:
        return
    known = vertex_regions()
    table = catalog.load("vertex_regions")
    for key, model in vertex_models(spec).items():
        if model.region is None:
            continue
        if model.region == table["global_location"]:
            if model.endpoint is not None:
                yield (("models", key, "region"),
                       "a Vertex AI endpoint lives in a region; 'global' is only for publisher models")
        elif model.region not in known:
            yield ("models", key, "region"), _unknown_region(model.region, known, table["as_of"])
    # models without 'region' use their project's: each such project's region, where it is written
    for base, settings in each_account(gcp, "gcp"):
        if base in inheriting_accounts(spec) and settings.region not in known and not settings.unlisted_region:
            yield base + ("region",), _unknown_region(settings.region, known, table["as_of"]) + \
                " (vertex models without 'region' use this one)"


def _unknown_region(region: str, known: list[str], as_of: str) -> str:
    return (f"'{region}' is not a Vertex AI region{suggest(region, known)} (regions known as of {as_of} are listed "
            f"in {REGIONS_TABLE})")


@rule
def endpoint_logging_goes_to_bigquery(spec: Spec) -> Iterator[Finding]:
    for key, model in vertex_models(spec).items():
        if model.endpoint is None or model.endpoint.logging is None:
            continue
        target = model.endpoint.logging.dataset
        store = spec.data.get(target)
        path = ("models", key, "endpoint", "logging", "dataset")
        datasets = [k for k, s in spec.data.items() if isinstance(s, BigQueryDataset)]
        if store is None:
            listed = ", ".join(sorted(datasets)) or "none declared"
            yield path, f"unknown data store '{target}'{suggest(target, datasets)} (bigquery datasets: {listed})"
        elif not isinstance(store, BigQueryDataset):
            yield path, f"data store '{target}' is kind '{store.kind}'; endpoint logs go to a 'bigquery' dataset"


@rule
def training_facts_are_complete(spec: Spec) -> Iterator[Finding]:
    for key, model in vertex_models(spec).items():
        if model.training is None:
            continue
        path = ("models", key, "training")
        if model.endpoint is None:
            yield path, "training describes a tuned or self-deployed model; give it an 'endpoint' to serve it"
        for i, store in enumerate(model.training.data):
            if store not in spec.data:
                listed = ", ".join(sorted(spec.data)) or "none declared"
                hint = suggest(store, list(spec.data))
                yield path + ("data", i), f"unknown data store '{store}'{hint} (known: {listed})"
        if model.training.runs_in not in declared_clouds(spec):
            have = ", ".join(declared_clouds(spec))
            yield path + ("runs_in",), \
                f"cloud '{model.training.runs_in}' is not declared under 'clouds' (declared: {have})"


@rule
def private_google_apis_fit_the_network(spec: Spec) -> Iterator[Finding]:
    gcp = spec.clouds.gcp
    if gcp is None or gcp.private_google_apis is None:
        return
    psc = gcp.private_google_apis
    path = ("clouds", "gcp", "private_google_apis")
    address = ipaddress.IPv4Address(psc.address)
    for cloud in declared_clouds(spec):
        network = getattr(getattr(spec.clouds, cloud), "network", None)
        cidr = getattr(network, "cidr", None)
        if cidr and address in ipaddress.IPv4Network(cidr):
            yield path + ("address",), (f"{psc.address} lies in {cloud} network {cidr}; the endpoint address must "
                                        "be outside every subnet range, in GCP and in linked clouds")
    if psc.endpoint_name is None:
        name = default_psc_endpoint_name(spec)
        if len(name) > 20:
            yield path, (f"the default endpoint name '{name}' is {len(name)} characters; Private Service Connect "
                         "endpoints for Google APIs allow 1-20 lowercase letters and digits: set 'endpoint_name'")
