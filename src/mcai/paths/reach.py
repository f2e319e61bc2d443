"""Whether a use across clouds can ride a private link when a cloud has several accounts. Links end in each cloud's
home account (its VPC's gateway, its VNet, its VPC): a caller or a target in another account reaches a link only
through a network joining it to the home account's. The one rendered: the AWS Transit Gateway, on which the links
end (topology/transit_links.py), so a caller in any attached AWS account rides them (routes and DNS in its own VPC);
a target in a non-home AWS account does not (the other clouds resolve and route only the home VPC's endpoints).
Otherwise such a use is public, with the reason the spec gives for it, or a located error (spec/federation.py says
where its identity lives)."""

from __future__ import annotations

from mcai.paths.model import Use
from mcai.spec.accounts import home_of
from mcai.spec.accounts_rules import element_of, outside_home
from mcai.spec.models import Spec
from mcai.topology.transit_links import hub_of

JOINED_BY = {"aws": "its VPC is not the home VPC, whose gateway the links end on",
             "azure": "no peering with the home subscription's VNet carries link traffic",
             "gcp": "no Shared VPC or peering with the home project's VPC carries link traffic"}


def off_home(spec: Spec, use: Use) -> str | None:
    """Why `use` (read in the full spec) cannot ride the private link joining its two clouds, or None: no link joins
    them, or both ends are in their clouds' home accounts (or in clouds written as one account)."""
    workload = spec.workloads.get(use.workload)
    if use.kind == "ingestion" or workload is None or workload.runs_on.cloud == use.target_cloud:
        return None
    if not any(set(link.between) == {workload.runs_on.cloud, use.target_cloud} for link in spec.links):
        return None  # no link to ride: the path model's own reasons apply
    target = element_of(spec, use.target)
    ends = [(workload.runs_on.cloud, workload, f"workload '{use.workload}'")]
    ends += [(target[0], target[1], use.what)] if target is not None else []
    for n, (cloud, element, who) in enumerate(ends):
        account = outside_home(spec, cloud, element)
        if account is not None and n == 0 and cloud == "aws" and hub_of(spec) is not None:
            continue  # the caller's VPC is attached to the hub the links end on
        if account is not None:
            home = home_of(getattr(spec.clouds, cloud))
            hint = ("; with clouds.aws.transit_gateway they end on the hub every account's VPC attaches to"
                    if n == 0 and cloud == "aws" else "")
            return (f"private links end in {cloud}'s home account '{home}', and {who} is in {cloud} account "
                    f"'{account}', which does not reach them ({JOINED_BY[cloud]}{hint})")
    return None
