"""Where a use across clouds lands when a cloud has several named accounts.

A workload of one cloud reaches another cloud through exactly one identity there: an IAM role (AWS), a managed
identity with federated credentials (Azure), a workload identity pool (GCP). That identity lives in the account of
what the workload uses in that cloud (its models, stores, cache and identity grants), which may be any account, home
or not; the trusted principal is built from the workload's own account (its account id, its cluster's issuer).
One identity per cloud means one account per cloud: a workload whose uses in another cloud span two of its accounts
is refused where the second use is written. Private links still end in the home accounts: whether a use can ride
one is the path model's question (`paths/`), not a spec rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcai.spec.accounts import accounts_of, home_of
from mcai.spec.accounts_rules import ACCOUNT_WORD, _known, _uses, account_of, element_of
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, rule

CLOUDS = ("aws", "azure", "gcp")
IDENTITY_WORD = {"aws": "IAM role", "azure": "managed identity", "gcp": "workload identity pool"}

_cache: tuple[Any, dict[tuple[str, str], dict[str, tuple[str | int, ...]]]] | None = None


def landings(spec: Spec) -> dict[tuple[str, str], dict[str, tuple[str | int, ...]]]:
    """(user key, other cloud) -> {account of that cloud: spec path of the first use there}, for every user of one
    cloud using something in another cloud that declares several accounts. Computed once per spec object."""
    global _cache
    if _cache is not None and _cache[0] is spec:
        return _cache[1]
    out: dict[tuple[str, str], dict[str, tuple[str | int, ...]]] = {}
    if any(accounts_of(getattr(spec.clouds, c, None)) for c in CLOUDS):
        for path, user_key, used_key in _all_uses(spec):
            user, used = element_of(spec, user_key), element_of(spec, used_key)
            if user is None or used is None or user[0] == used[0]:
                continue
            cloud, obj = used
            account = account_of(spec, cloud, obj)
            if account is not None and _known(spec, cloud, account):
                out.setdefault((user_key, cloud), {}).setdefault(account, path)
    _cache = (spec, out)
    return out


def _all_uses(spec: Spec) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """The uses of `accounts_rules._uses` plus what `identity` grants by name (Azure OpenAI models, BigQuery
    datasets): each is a use of the granted thing by the workload."""
    yield from _uses(spec)
    for key, ident in spec.identity.items():
        if ident.azure is not None:
            for i, model in enumerate(ident.azure.openai):
                yield ("identity", key, "azure", "openai", i), key, model
        if ident.gcp is not None:
            for i, dataset in enumerate(ident.gcp.bigquery):
                yield ("identity", key, "gcp", "bigquery", i), key, dataset


def federation_account(spec: Spec, user_key: str, cloud: str) -> str | None:
    """The account of `cloud` holding the identity `user_key` (of another cloud) reaches it with: the account of
    what it uses there, else the home account; None for a cloud written as one account."""
    declared = getattr(spec.clouds, cloud, None)
    named = accounts_of(declared)
    if not named:
        return None
    found = landings(spec).get((user_key, cloud))
    return next(iter(found)) if found else home_of(declared)


@rule
def one_account_per_cloud_reached(spec: Spec) -> Iterator[Finding]:
    """A workload reaches each other cloud through one identity, so what it uses there sits in one account."""
    for (user_key, cloud), found in landings(spec).items():
        if len(found) < 2:
            continue
        (first, _), *rest = found.items()
        for account, path in rest:
            word = ACCOUNT_WORD[cloud]
            yield path, (f"'{user_key}' reaches {cloud} through one {IDENTITY_WORD[cloud]}, in {word} '{first}' "
                         f"(where its first use there is), but this use is in {word} '{account}': a workload of "
                         f"another cloud federates into one {word} in this version; place what it uses in {cloud} "
                         f"in one {word}")
