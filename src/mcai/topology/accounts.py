"""One root stack per named account: a cloud with several accounts is built once per account, each time from a view
of the spec that holds that account's settings and only the elements placed in it.

The stack builders read `spec.clouds.<cloud>` and iterate the spec's workloads, models and stores; a view gives them
exactly one account, so each stack gets what it owns and nothing else. A view also carries the whole spec and its
account's name (`ValidSpec.whole`, `.account`): the uses between two AWS accounts (topology/cross_account.py) are
what a stack reads from outside its view; the spec rules refuse every other use across two accounts of one cloud. A
workload of another cloud is in the view of the account its uses of this cloud land in (spec/federation.py: its
role, managed identity or pool is built there, trusting its own account's principal), the home account's when it
uses nothing here. Only the home view keeps what the cloud has once: private links (every account's stack gets its
own budget, topology/budgets.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mcai.spec import ValidSpec
from mcai.spec.accounts import account_stacks, accounts_of, home_of, stack_name
from mcai.spec.accounts_rules import account_of, element_of
from mcai.spec.federation import federation_account
from mcai.spec.rules import PROVIDER_CLOUD


def views(vspec: ValidSpec, cloud: str) -> list[tuple[ValidSpec, str | None]]:
    """(view, account name) per stack of `cloud`: the home account first, then the others in the order written;
    `[(vspec, None)]` for a cloud written as one account (its stack keeps its name)."""
    spec = vspec.spec
    if not accounts_of(getattr(spec.clouds, cloud)):
        return [(vspec, None)]
    home = home_of(getattr(spec.clouds, cloud))
    return [(replace(vspec, spec=_view(vspec, cloud, name, name == home), whole=spec, account=name), name)
            for _, c, name in account_stacks(spec.clouds) if c == cloud and name is not None]


def focus(spec: Any, topology: Any, cloud: str, user: Any, key: str | None = None) -> tuple[Any, Any]:
    """(spec, topology) as seen from one user (a workload, or a retrieval store's ingestion) of `cloud`, named `key`:
    each cloud with several accounts reads as the user's account (its own cloud) or the account its uses of that
    cloud land in (the others: spec/federation.py; the home account without `key`), and the topology's lookups stay
    in those accounts' stacks. The same objects for a spec without named accounts."""
    narrowed, focused = narrow(spec, cloud, user, key)
    if not focused:
        return spec, topology
    return narrowed, replace(topology, focus=focused)


def narrow(spec: Any, cloud: str, user: Any, key: str | None = None) -> tuple[Any, tuple[tuple[str, str], ...]]:
    """`focus` for the spec alone: the narrowed spec and (cloud, stack name) of each narrowed cloud."""
    update: dict[str, Any] = {}
    focused: list[tuple[str, str]] = []
    for name in ("aws", "azure", "gcp"):
        declared = getattr(spec.clouds, name)
        named = accounts_of(declared)
        if not named:
            continue
        if name == cloud:
            account = account_of(spec, name, user)
        else:
            account = federation_account(spec, key, name) if key is not None else home_of(declared)
        account = account if account in named else home_of(declared)
        update[name] = named[account]
        focused.append((name, stack_name(name, account)))
    if not update:
        return spec, ()
    return spec.model_copy(update={"clouds": spec.clouds.model_copy(update=update)}), tuple(focused)


def narrow_to(spec: Any, key: str) -> tuple[Any, tuple[tuple[str, str], ...]]:
    """`narrow` for the user named `key` (a workload or a data store)."""
    found = element_of(spec, key)
    return narrow(spec, *found, key) if found is not None else (spec, ())


def state_step(stack: str, account: str, control_plane: str, state_account: str, ci: bool = False) -> str:
    """A stack in another account than the state's: whoever applies it needs the state backend too."""
    how = {"aws": "e.g. `assume_role = { role_arn = \"<role in the state account>\" }` in backend.hcl, or a "
                  "bucket policy admitting the applying role",
           "azure": "e.g. Storage Blob Data Contributor on the state container for the applying identity",
           "gcp": "e.g. roles/storage.objectUser on the state bucket for the applying identity"}[control_plane]
    return (f"Terraform state of {stack} (account {account}) lives in the control plane's backend in {control_plane} "
            f"account {state_account}: the identity that applies this stack needs read and write access to its "
            f"state key there ({how}); mcai grants none" + (
                ". CI jobs have it through the bootstrap's identity for their pipeline, authenticated separately "
                "from this stack's provider (on AWS e.g. an `assume_role_with_web_identity` block in backend.hcl)."
                if ci else "."))


def _view(vspec: ValidSpec, cloud: str, account: str, home: bool) -> Any:
    spec = vspec.spec

    def mine(element_cloud: str, element: Any) -> bool:
        return element_cloud != cloud or account_of(spec, cloud, element) == account

    def here(key: str, workload: Any) -> bool:
        if workload.runs_on.cloud == cloud:
            return account_of(spec, cloud, workload) == account
        return federation_account(spec, key, cloud) == account  # its identity in this cloud is built here

    workloads = {k: w for k, w in spec.workloads.items() if here(k, w)}
    models = {k: m for k, m in spec.models.items() if mine(PROVIDER_CLOUD[m.provider], m)}
    data = {k: s for k, s in spec.data.items() if mine(s.cloud, s)}
    routing = spec.routing if spec.routing is not None and spec.routing.router in workloads else None
    if routing is not None and routing.cache is not None and not mine(routing.cache.cloud, routing.cache):
        routing = routing.model_copy(update={"cache": None})
    clouds = spec.clouds.model_copy(update={cloud: accounts_of(getattr(spec.clouds, cloud))[account]})
    return spec.model_copy(update={
        "clouds": clouds, "workloads": workloads, "models": models, "data": data, "routing": routing,
        "identity": {k: i for k, i in spec.identity.items() if k in workloads},
        "links": spec.links if home else (), "budgets": spec.budgets if home else None})
