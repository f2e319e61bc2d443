"""The network path of a use: the same cloud, a private link with routes and DNS to the private address, or the
public endpoint. Public is allowed only where the spec says so for that use (`workloads.<w>.public_access.<target>`
with a reason), never where the target has public access off, and never instead of a private link's DNS."""

from __future__ import annotations

from mcai.paths.across import Crossed, crossed, other_project
from mcai.paths.inside import AKS_NETWORK_STEP, GOOGLE_API, inside_azure, inside_gcp, into_aws, public
from mcai.paths.model import Broken, NetworkPath, Use
from mcai.paths.steps import step_ref
from mcai.spec.models import Spec
from mcai.topology.links_context import AZURE_DNS_SWITCH, GOOGLE_DNS_SWITCH
from mcai.topology.links_dns import GOOGLE_APIS_SWITCH
from mcai.topology.links_transit import AZURE_NAMES, GOOGLE_NAMES, STEP_HEADING
from mcai.topology.model import Topology


def _forwards(topology: Topology, stack: str, label: str, key: str = "forward") -> bool:
    """The stack's module call `label` forwards names to the other cloud's resolver (its `key` input is set)."""
    call = topology.call(stack, label)
    return call is not None and bool(call.inputs.get(key))


def network_path(spec: Spec, topology: Topology, use: Use, off_home: str | None = None) -> NetworkPath:
    """`off_home`: why the use cannot ride a private link although one may join its clouds (paths/reach.py)."""
    from mcai.paths import retrieval

    if use.kind == "ingestion":
        return retrieval.ingestion_network(spec, topology, use)
    if use.target_cloud == "aws" == spec.workloads[use.workload].runs_on.cloud:
        crossing = crossed(spec, topology, use)
        if crossing is not None:
            return _across(spec, topology, use, crossing)
    if retrieval.is_query(spec, use) and use.target_cloud == "aws" == spec.workloads[use.workload].runs_on.cloud:
        return retrieval.query_network(spec, use)
    if retrieval.is_query(spec, use) and use.target_cloud == "gcp":
        return retrieval.vector_query_network(spec, topology, use, off_home)
    if retrieval.is_query(spec, use) and use.target_cloud == "azure":
        from mcai.paths import retrieval_azure

        return retrieval_azure.query_network(spec, topology, use)
    home = spec.workloads[use.workload].runs_on.cloud
    if use.target_cloud == home:
        if home == "azure":
            return inside_azure(spec, topology, use, step_ref(topology, AKS_NETWORK_STEP))
        if home == "gcp" and (project := other_project(spec, topology, use)) is not None:
            path = inside_gcp(_in_region(spec, project.provider_settings["region"]), use)
            return NetworkPath(path.kind, f"{path.description}; the model is in project {project.account} "
                               f"({project.name}): Google APIs serve every project at the same address, so no route "
                               "into that project's VPC is needed", path.dns_name)
        return inside_gcp(spec, use) if home == "gcp" else _same_cloud(spec, topology, use)
    if use.kind == "cache":
        raise Broken(f"{use.what} is reachable only from inside {use.target_cloud}'s network (private endpoints, no "
                     f"public access), and the router runs on {home}: put the cache where the router runs "
                     f"('routing.cache.cloud: {home}'), so repeated prompts never cross the boundary")
    link = next((i for i, link in enumerate(spec.links) if set(link.between) == {home, use.target_cloud}), None)
    if off_home is not None:
        link = None
    if use.target_cloud == "aws":
        return (None if off_home else _bedrock_over_link(spec, topology, use, home)) or into_aws(
            spec, topology, use, home, off_home)
    if use.target_cloud == "azure":
        return _azure(spec, topology, use, link, home, off_home)
    return _gcp(spec, topology, use, link, home, off_home)


def _bedrock_over_link(spec: Spec, topology: Topology, use: Use, home: str) -> NetworkPath | None:
    """A router on AKS or GKE calling Bedrock through the VPC's interface endpoint over its link, by name."""
    from mcai.topology.links_into_aws import AWS_DNS_SWITCH, bedrock_name, caller_range, callers

    link = callers(spec).get(home)
    if use.kind != "model" or link is None:
        return None
    how = "the VNet's DNS forwarding ruleset" if home == "azure" else "a Cloud DNS forwarding zone"
    cidr = caller_range(spec, home)
    return NetworkPath(
        "private-link", f"links[{link}] ({spec.links[link].via}) to the bedrock-runtime interface endpoint in the VPC "
        f"(its security group admits the router's {cidr}); {how} sends {bedrock_name(spec)} to the VPC's Route 53 "
        "Resolver inbound endpoint", f"{bedrock_name(spec)} -> interface endpoint",
        step_ref(topology, f"{AWS_DNS_SWITCH} = true and re-apply the {home} stack"))


def _same_cloud(spec: Spec, topology: Topology, use: Use) -> NetworkPath:
    aws = spec.clouds.aws
    assert aws is not None
    region = aws.region
    if use.kind == "cache":
        return NetworkPath("same-cloud", "same VPC: the replication group sits in the VPC's private subnets, its "
                           "security group admits the caller", "primary endpoint (aws output response_cache_endpoint)")
    if use.kind == "model":
        dns = f"bedrock-runtime.{region}.amazonaws.com"
        if aws.bedrock.private:
            return NetworkPath("same-cloud", "interface VPC endpoint for bedrock-runtime (PrivateLink) in the VPC; "
                               "private DNS answers the regional name with its addresses", dns)
        return NetworkPath("same-cloud", "Bedrock's regional endpoint inside AWS (no PrivateLink: set "
                           "clouds.aws.bedrock.private to keep it in the VPC)", dns)
    store = spec.data[use.target]
    label = f"data_{use.target.replace('-', '_')}"
    if store.kind == "opensearch_serverless":
        return NetworkPath("same-cloud", "OpenSearch Serverless VPC endpoint in the VPC",
                           f"collection endpoint (aws output {label}_endpoint)")
    call = topology.call("aws", label)
    bucket = call.inputs["bucket_name"] if call else use.target
    return NetworkPath("same-cloud", "S3 regional endpoint inside AWS (a gateway endpoint when the VPC has one)",
                       f"{bucket}.s3.{region}.amazonaws.com")


def _over(spec: Spec, topology: Topology, i: int) -> str:
    """`links[i] (via)`, with the Transit Gateway hops when the link's AWS end is the estate's hub: the caller's VPC
    reaches it through its own attachment, whichever account it is in."""
    via = spec.links[i].via
    if "aws" not in spec.links[i].between or topology.call("aws", "transit_gateway_attachment") is None:
        return f"links[{i}] ({via})"
    stack = dict(topology.focus).get("aws", "aws")
    end = "the link's VPN attachments" if via == "ha_vpn" else "the link's Direct Connect gateway attachment" + (
        " (its VPN attachments as fallback)" if spec.links[i].fallback.via == "ha_vpn" else "")
    return (f"links[{i}] ({via}, via Transit Gateway: the VPC's attachment in {stack} -> the hub in the home "
            f"account -> {end})")


def _other_account(topology: Topology, names: str) -> str | None:
    """The numbered step that switches the linked names on in a non-home account's VPC (None in the home one)."""
    if topology.call("aws", "transit_gateway_attachment") is None or topology.call("aws", "transit_gateway"):
        return None
    stack = dict(topology.focus).get("aws", "aws")
    return step_ref(topology, STEP_HEADING.format(account=stack.removeprefix("aws-"), names=names))


def _in_region(spec: Spec, region: str) -> Spec:
    """The spec as read with the GCP region of the model's project (a Vertex model without `region` is there)."""
    gcp = spec.clouds.gcp
    return spec.model_copy(update={"clouds": spec.clouds.model_copy(update={"gcp": gcp.model_copy(update={
        "region": region})})})


def _across(spec: Spec, topology: Topology, use: Use, crossing: Crossed) -> NetworkPath:
    """A use in another AWS account: the caller's own VPC reaches the regional endpoint (its interface endpoint
    serves every account of its region), signed by the role assumed in the target's account; no route into the
    target's VPC is needed. A Bedrock target in another region is not reachable through the caller's endpoints."""
    from mcai.paths import retrieval

    aws = spec.clouds.aws
    assert aws is not None
    where = f"account {crossing.stack.account} ({crossing.stack.name})"
    bedrock = use.kind == "model" or retrieval.is_query(spec, use)
    if bedrock and crossing.region != aws.region and aws.bedrock.private:
        raise Broken(f"{use.what} is in {where}, region {crossing.region}, and the caller's interface endpoints serve "
                     f"{aws.region} only: place it in {aws.region}, or turn clouds.aws.bedrock.private off in the "
                     "caller's account")
    if bedrock and crossing.region != aws.region:
        service = "bedrock-runtime" if use.kind == "model" else "bedrock-agent-runtime"
        base = NetworkPath("same-cloud", f"Bedrock's regional {service} endpoint in {crossing.region} inside AWS (no "
                           "PrivateLink in the caller's account)", f"{service}.{crossing.region}.amazonaws.com")
    elif use.kind == "model":
        base = _same_cloud(spec, topology, use)
    elif retrieval.is_query(spec, use):
        base = retrieval.query_network(spec, use)
    else:
        call = crossing.stack.calls_by_label.get(f"data_{use.target.replace('-', '_')}")
        bucket = call.inputs["bucket_name"] if call is not None else use.target
        base = NetworkPath("same-cloud", "S3 regional endpoint inside AWS (a gateway endpoint when the caller's VPC "
                           "has one)", f"{bucket}.s3.{crossing.region}.amazonaws.com")
    return NetworkPath(base.kind, f"{base.description}; '{use.target}' is in {where}: the call, signed by the role "
                       "assumed there, goes to the regional endpoint, which serves every account, so no route into "
                       "that account's VPC is needed", base.dns_name)


def _azure(spec: Spec, topology: Topology, use: Use, link: int | None, home: str,
           off_home: str | None = None) -> NetworkPath:
    account = topology.call("azure", "openai")
    name = account.inputs["name"] if account else "<account>"
    dns = f"{name}.openai.azure.com"
    azure = spec.clouds.azure
    assert azure is not None
    if link is not None and home == "aws":
        dns_call = topology.call("aws", "link_dns")
        if dns_call is None or not (dns_call.inputs.get("forward") or dns_call.inputs.get("shared_rule_ids")):
            raise Broken(f"links[{link}] joins aws and azure, but nothing resolves {dns} to the private endpoint "
                         "from the VPC")
        return NetworkPath(
            "private-link", f"{_over(spec, topology, link)} to the account's private endpoint in the Azure VNet; "
            "Route 53 Resolver forwards openai.azure.com to the Azure DNS Private Resolver",
            f"{dns} -> private endpoint",
            _other_account(topology, AZURE_NAMES) or step_ref(topology, AZURE_DNS_SWITCH + " = true"))
    gcp_dns = topology.call("gcp", "link_azure_dns") if link is not None and home == "gcp" else None
    if link is not None and gcp_dns is not None and gcp_dns.inputs["forward"]:
        resolver = gcp_dns.inputs["forward"]["openai"]["targets"][0]
        return NetworkPath(
            "private-link", f"links[{link}] ({spec.links[link].via}) to the account's private endpoint in the Azure "
            f"VNet; Cloud DNS forwards openai.azure.com to the Azure DNS Private Resolver ({resolver}) over the link",
            f"{dns} -> private endpoint", step_ref(topology, f"{AZURE_DNS_SWITCH} = true and re-apply the gcp stack"))
    if not azure.openai.public_network_access and off_home is not None:
        raise Broken(f"{use.what} is unreachable from {home}: {off_home}, and the account has public network "
                     "access off; place both ends in their clouds' home accounts, or open the account with "
                     "'public_network_access: true' and allow it with "
                     f"'workloads.{use.workload}.public_access.{use.target}: <reason>'")
    if not azure.openai.public_network_access:
        add = ("add a link ({between: [aws, azure], via: expressroute or ha_vpn}), or " if home == "aws" else "")
        raise Broken(f"{use.what} is unreachable from {home}: the account has public network access off and "
                     f"there is no private link between {home} and azure; {add}open the account with "
                     "'clouds.azure.openai.public_network_access: true' and allow it with "
                     f"'workloads.{use.workload}.public_access.{use.target}: <reason>'")
    why = (f"links[{link}] joins {home} and azure, but nothing resolves {dns} to the private endpoint from {home}"
           if link is not None else off_home or f"no private link between {home} and azure")
    path = public(spec, use, dns, why, "add a private link" if off_home is None else "place both ends in home accounts")
    ranges = azure.openai.allowed_ip_ranges
    if ranges:
        return NetworkPath(path.kind, path.description + f"; the account admits only {', '.join(ranges)}", dns)
    return path


def _gcp(spec: Spec, topology: Topology, use: Use, link: int | None, home: str,
         off_home: str | None = None) -> NetworkPath:
    gcp = spec.clouds.gcp
    assert gcp is not None
    model = spec.models.get(use.target) if use.kind == "model" else None
    endpoint = getattr(model, "endpoint", None)
    if home != "aws" and not (home == "azure" and link is not None):
        link = None  # link DNS for Google APIs: a googleapis.com zone in AWS, a forwarding ruleset in Azure
    if endpoint is not None and endpoint.private_service_connect:
        if link is None and off_home is not None:
            raise Broken(f"{use.what} is served only through Private Service Connect, which {home} reaches only "
                         f"over a private link, and {off_home}")
        if link is None:
            raise Broken(f"{use.what} is served only through Private Service Connect, which {home} "
                         f"reaches only over a private link: add a link between {home} and gcp")
        return NetworkPath("private-link", f"{_over(spec, topology, link)} to the Private Service Connect "
                           f"consumer endpoint of Vertex AI endpoint {endpoint.name} (gcp output vertex_psc_addresses)",
                           "none: requests go to the consumer endpoint's address",
                           step_ref(topology, f'under "{use.target}"'))
    if model is not None:
        region = getattr(model, "region", None) or gcp.region
        host = "aiplatform.googleapis.com" if region == "global" else f"{region}-aiplatform.googleapis.com"
    else:
        host = GOOGLE_API[use.service]
    if link is None:
        return public(spec, use, host, off_home or f"no private link between {home} and gcp",
                      "add a private link" if off_home is None else "place both ends in home accounts")
    psc = gcp.private_google_apis
    if psc is None:
        raise Broken(f"{use.what} is reached over links[{link}] ({spec.links[link].via}), but Google "
                     "APIs have no private address there, so its calls leave through NAT to the internet: add "
                     "'clouds.gcp.private_google_apis: {address: <a private IP outside every network>}' (a Private "
                     "Service Connect endpoint, advertised over the link and answered by a googleapis.com zone in "
                     "the VPC)")
    if home == "azure":
        if not _forwards(topology, "azure", "link_network", "dns_forwarding"):
            raise Broken(f"links[{link}] joins azure and gcp, but nothing resolves {host} to the Private Service "
                         "Connect endpoint from the VNet")
        return NetworkPath(
            "private-link", f"links[{link}] ({spec.links[link].via}) to the Private Service Connect endpoint for "
            f"Google APIs ({psc.address}, advertised by the Cloud Router); the VNet's DNS forwarding ruleset sends "
            "googleapis.com to the GCP VPC's inbound entry points", f"{host} -> {psc.address}",
            step_ref(topology, f"{GOOGLE_APIS_SWITCH} = true"))
    return NetworkPath(
        "private-link", f"{_over(spec, topology, link)} to the Private Service Connect endpoint for Google "
        f"APIs ({psc.address}, advertised by the Cloud Router); a Route 53 private zone answers googleapis.com with it",
        f"{host} -> {psc.address}",
        _other_account(topology, GOOGLE_NAMES) or step_ref(topology, GOOGLE_DNS_SWITCH + " = true"))
