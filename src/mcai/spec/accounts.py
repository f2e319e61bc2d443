"""Several named accounts per cloud: AWS accounts, Azure subscriptions, GCP projects.

A cloud is written either as one mapping (today's form: the cloud's one implicit account, stack `aws/`) or as
`accounts:` (a mapping of named accounts, each written exactly like the one-mapping form) plus `home:`, the account
that holds what the cloud has once: Terraform state when the cloud is the control plane, the ends of private links,
and the targets of workload identity federation from other clouds. Each account becomes its own root stack
(`aws-network/`, `aws-workloads/`), and every workload, model, data store and cache of that cloud names its account
(`account: NAME`, required when the cloud has several).

Each account has its own region (Azure: location). Code that reads a cloud's settings (`spec.clouds.aws.region`)
sees the home account's: the stack builders read a view holding exactly one account (topology/accounts.py), the
paths and hand-off files read the spec focused on the user's account (and, for other clouds, on the account its uses
there land in), and what must read an element's own account asks `settings_for` / `region_for` / `settings_of`
(what a trust names about a workload: its account id, its GKE cluster's project). Uses between two AWS accounts are built
per account (topology/cross_account.py); what would need another account's settings and is not built (uses between
two Azure subscriptions or GCP projects) is refused by a located rule, so no reader silently uses the wrong account.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag

from mcai.spec.aws import AwsCloud
from mcai.spec.azure import AzureCloud
from mcai.spec.base import StrictModel
from mcai.spec.gcp import GcpCloud
from mcai.spec.types import Slug

MAX_ACCOUNTS = 20
REGION_FIELD = {"aws": "region", "azure": "location", "gcp": "region"}


class TransitGateway(StrictModel):
    """A Transit Gateway in the home (network) account, shared through AWS RAM with every other account of the
    spec (within the AWS Organization); each account's VPC attaches to it and routes the other accounts' ranges
    through it. The hub's id is handed to the other accounts' stacks as the input `transit_gateway_id`."""

    amazon_side_asn: int = Field(default=64512, ge=64512, le=65534)
    """BGP ASN of the Transit Gateway (private range)."""


class AwsAccounts(StrictModel):
    """Several AWS accounts, each its own root stack `aws-<name>/`."""

    accounts: dict[Slug, AwsCloud] = Field(min_length=1, max_length=MAX_ACCOUNTS)
    """Named accounts, each written like a one-account `clouds.aws` (account id, region, network, bedrock), e.g.
    `{network: {...}, workloads: {...}}`, each in its own region. Every AWS workload, model, data store and cache names
    one (`account:`)."""
    home: Slug
    """The account that holds what AWS has once: Terraform state (when AWS is the control plane), the AWS end of
    private links, and the roles other clouds' workloads federate into. Usually the shared network account."""
    transit_gateway: TransitGateway | None = None
    """Connect the accounts' VPCs through a Transit Gateway in the home account (each account then needs
    `network.cidr`, the ranges must not overlap, and every account is in the home account's region: a Transit
    Gateway is regional)."""


class AzureAccounts(StrictModel):
    """Several Azure subscriptions, each its own root stack `azure-<name>/`."""

    accounts: dict[Slug, AzureCloud] = Field(min_length=1, max_length=MAX_ACCOUNTS)
    """Named subscriptions, each written like a one-subscription `clouds.azure`. Every Azure workload, model and
    cache names one (`account:`)."""
    home: Slug
    """The subscription that holds what Azure has once: Terraform state (when Azure is the control plane), the Azure
    end of private links, and the identities other clouds' workloads federate into."""


class GcpAccounts(StrictModel):
    """Several Google Cloud projects, each its own root stack `gcp-<name>/`."""

    accounts: dict[Slug, GcpCloud] = Field(min_length=1, max_length=MAX_ACCOUNTS)
    """Named projects, each written like a one-project `clouds.gcp`. Every GCP workload, model, data store and cache
    names one (`account:`)."""
    home: Slug
    """The project that holds what GCP has once: Terraform state (when GCP is the control plane), the GCP end of
    private links, and the workload identity pool other clouds' workloads federate into."""


def _delegate(many: type[StrictModel], one: type[StrictModel]) -> None:
    """Readers of the one-account form (`clouds.aws.region`) get the home account's value (see the module note)."""
    for field in one.model_fields:
        setattr(many, field, property(lambda self, field=field: getattr(home_settings(self), field)))


for _many, _one in ((AwsAccounts, AwsCloud), (AzureAccounts, AzureCloud), (GcpAccounts, GcpCloud)):
    _delegate(_many, _one)

AccountSet = AwsAccounts | AzureAccounts | GcpAccounts


def home_settings(declared: Any) -> Any:
    """The home account's settings of an accounts form (the first account while `home` names none: the spec
    rules report that)."""
    return declared.accounts.get(declared.home) or next(iter(declared.accounts.values()))


def _form(value: Any) -> str:
    return "accounts" if isinstance(value, dict) and "accounts" in value or isinstance(value, AccountSet) else "one"


def either(one: type[StrictModel], many: type[StrictModel]) -> Any:
    """The annotation of `clouds.<cloud>`: one account (today's mapping) or `accounts:` + `home:`."""
    return Annotated[Union[Annotated[one, Tag("one")], Annotated[many, Tag("accounts")]],  # noqa: UP007
                     Discriminator(_form)]


AwsDeclared = either(AwsCloud, AwsAccounts)
AzureDeclared = either(AzureCloud, AzureAccounts)
GcpDeclared = either(GcpCloud, GcpAccounts)

PLACEMENT_DOC = ("The account of its cloud it is placed in (a key of `clouds.<cloud>.accounts`); required only when "
                 "that cloud declares several accounts.")


def accounts_of(declared: Any) -> dict[str, Any]:
    """Name -> settings of a declared cloud's named accounts; {} for the one-account form (or an undeclared cloud)."""
    return dict(declared.accounts) if isinstance(declared, AccountSet) else {}


def home_of(declared: Any) -> str | None:
    return declared.home if isinstance(declared, AccountSet) else None


def placed_in(declared: Any, account: str | None) -> str | None:
    """The account an element of this cloud is in: its `account`, the only account, or None (one-account form)."""
    names = accounts_of(declared)
    if not names:
        return None
    if account is not None:
        return account
    return next(iter(names)) if len(names) == 1 else None


def each_account(declared: Any, cloud: str) -> list[tuple[tuple[str, ...], Any]]:
    """(spec path, settings) of every account of a declared cloud: its named accounts, or the one mapping."""
    named = accounts_of(declared)
    if named:
        return [(("clouds", cloud, "accounts", name), settings) for name, settings in named.items()]
    return [(("clouds", cloud), declared)] if declared is not None else []


def settings_for(declared: Any, account: str | None) -> Any:
    """The settings of `account` of a declared cloud: that named account (the home account's while `account` is
    None or unknown: the spec rules report that), or the one mapping."""
    named = accounts_of(declared)
    if not named:
        return declared
    return named.get(account) if account in named else home_settings(declared)


def region_for(declared: Any, cloud: str, account: str | None) -> str | None:
    """The region (Azure: location) of `account` of a declared cloud; None for an undeclared cloud."""
    if declared is None:
        return None
    return str(getattr(settings_for(declared, account), REGION_FIELD[cloud]))


def stack_name(cloud: str, account: str | None) -> str:
    """The root stack of an account: `<cloud>-<account>`, or `<cloud>` for a cloud written as one account."""
    return cloud if account is None else f"{cloud}-{account}"


def account_stacks(clouds: Any) -> list[tuple[str, str, str | None]]:
    """(stack, cloud, account) of every declared account, in the topology's order: per cloud (aws, azure, gcp), the
    home account first, then the others as written; account None for a cloud written as one account."""
    out: list[tuple[str, str, str | None]] = []
    for cloud in REGION_FIELD:
        declared = getattr(clouds, cloud, None)
        if declared is None:
            continue
        named = accounts_of(declared)
        if not named:
            out.append((cloud, cloud, None))
            continue
        home = home_of(declared)
        for name in [home] + [n for n in named if n != home]:
            out.append((stack_name(cloud, name), cloud, name))
    return out


def element_stack(clouds: Any, cloud: str, element: Any) -> str:
    """The root stack an element (a workload, model, store or cache, with its optional `account`) is rendered in."""
    return stack_name(cloud, placed_in(getattr(clouds, cloud, None), getattr(element, "account", None)))


def settings_of(spec: Any, cloud: str, element: Any) -> Any:
    """The settings of the account `element` (of `cloud`) is placed in: its named account's, or the cloud's one
    mapping (also a cloud that a view has already narrowed to one account). What a trust names about a workload
    (its account id, its GKE cluster's project) is read here, never from the home account."""
    declared = getattr(spec.clouds, cloud, None)
    return settings_for(declared, placed_in(declared, getattr(element, "account", None)))
