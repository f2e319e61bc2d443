"""DNS between Azure and GCP over their HA VPN (issue 16): GKE reaches the Azure OpenAI private endpoint by name,
an AKS workload reaches Google APIs through the GCP VPC's Private Service Connect endpoint, each direction switched
on only in its hand-over step, and the Cloud Router routing the answers of Cloud DNS's forwarded queries back."""

from __future__ import annotations

import pytest
from conftest import REPO

from mcai.diagnostics import SpecError
from mcai.paths import derive_paths
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.addressing import plan
from mcai.topology.links_context import azure_resolver_address
from mcai.topology.links_dns import CLOUD_DNS_FORWARDING_SOURCE
from mcai.topology.model import Expr

GCP_PRIMARY = (REPO / "examples" / "gcp-primary.yaml").read_text()
AZURE_PRIMARY = (REPO / "examples" / "azure-primary.yaml").read_text()
PSC = "    private_google_apis: {address: 10.31.255.254}\n"


def _derive(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "s.yaml")
    topology = derive(vspec)
    return topology, derive_paths(vspec, topology)


def _call(topology, stack: str, label: str):  # type: ignore[no-untyped-def]
    return next(m for m in topology.stack(stack).modules if m.label == label)


def _step(topology, needle: str) -> int:  # type: ignore[no-untyped-def]
    return next(n for n, (_, _, step) in enumerate(topology.numbered_steps, 1) if needle in step)


def test_gke_reaches_the_azure_openai_private_endpoint_by_name_after_the_dns_step() -> None:
    topology, paths = _derive(GCP_PRIMARY)
    gpt = next(p for p in paths if p.use.target == "gpt51")
    assert gpt.network.kind == "private-link" and "Cloud DNS forwards openai.azure.com" in gpt.network.description
    assert gpt.works_after.startswith(
        f"manual step {_step(topology, 'azure_dns_forwarding_enabled = true and re-apply the gcp stack')}:")
    dns = _call(topology, "gcp", "link_azure_dns")
    resolver = _call(topology, "azure", "link_network").inputs["dns_resolver"]["inbound_address"]
    assert resolver == azure_resolver_address(plan(parse_spec(GCP_PRIMARY, "s.yaml").spec)) == "10.20.0.100"
    assert {z["domain"] for z in dns.inputs["forward"].values()} == {
        "openai.azure.com", "privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"}
    assert all(z["targets"] == [resolver] for z in dns.inputs["forward"].values())
    # the answers come back only if Azure routes Cloud DNS's forwarding source range over the tunnels
    assert CLOUD_DNS_FORWARDING_SOURCE in _call(topology, "gcp", "link_azure_vpn").inputs["advertised_ranges"]


def test_forwarding_is_off_until_the_link_carries_traffic() -> None:
    topology, _ = _derive(GCP_PRIMARY)
    gcp = {v.name: v for v in topology.stack("gcp").variables}
    azure = {v.name: v for v in topology.stack("azure").variables}
    assert gcp["azure_dns_forwarding_enabled"].default is False and not gcp["azure_dns_forwarding_enabled"].required
    assert azure["google_apis_dns_forwarding_enabled"].default is False
    assert _call(topology, "gcp", "link_azure_dns").inputs["forward_enabled"] == Expr("var.azure_dns_forwarding_enabled")
    assert _call(topology, "azure", "link_network").inputs["dns_forwarding"]["forward"]["googleapis.com"] == \
        Expr("var.google_apis_dns_forwarding_enabled ? var.gcp_dns_inbound_addresses : []")
    # the DNS steps come after the steps that bring the tunnels up
    assert _step(topology, "HA VPN to Azure") < _step(topology, "set azure_dns_forwarding_enabled = true")
    assert _step(topology, "HA VPN to Azure") < _step(topology, "set google_apis_dns_forwarding_enabled = true")


def test_azure_forwards_googleapis_to_the_entry_points_the_gcp_stack_hands_over() -> None:
    topology, _ = _derive(GCP_PRIMARY)
    forwarding = _call(topology, "azure", "link_network").inputs["dns_forwarding"]
    assert forwarding["outbound_subnet"] == "10.20.0.112/28"
    assert "var.gcp_dns_inbound_addresses" in forwarding["forward"]["googleapis.com"].text
    handed = next(v for v in topology.stack("azure").variables if v.name == "gcp_dns_inbound_addresses")
    assert handed.handover == ("gcp", "dns_inbound_addresses") and handed.default == []
    assert _call(topology, "gcp", "link_azure_dns").inputs["inbound_enabled"] is True
    assert "dns_inbound_addresses" in {o.name for o in topology.stack("gcp").outputs}


def test_without_a_private_address_for_google_apis_azure_forwards_nothing() -> None:
    text = GCP_PRIMARY.replace("    private_google_apis: {address: 10.31.255.254}\n", "")
    topology, _ = _derive(text)
    assert "dns_forwarding" not in _call(topology, "azure", "link_network").inputs
    assert _call(topology, "gcp", "link_azure_dns").inputs["inbound_enabled"] is False
    assert "gcp_dns_inbound_addresses" not in {v.name for v in topology.stack("azure").variables}


def _aks_over_vpn(psc: bool) -> str:
    text = AZURE_PRIMARY.replace("""    region: us-east4
""", """    region: us-east4
    network: {cidr: 10.30.0.0/16, name: ai-vpc}
""" + (PSC if psc else ""), 1)
    return text.replace("links:\n", "links:\n  - between: [azure, gcp]\n    via: ha_vpn\n", 1)


def test_aks_reaches_bigquery_through_the_psc_endpoint_over_the_azure_gcp_vpn() -> None:
    topology, paths = _derive(_aks_over_vpn(psc=True))
    bq = next(p for p in paths if p.use.target == "analytics")
    assert bq.network.kind == "private-link" and bq.network.dns_name == "bigquery.googleapis.com -> 10.31.255.254"
    assert "forwarding ruleset" in bq.network.description
    assert bq.works_after.startswith(f"manual step {_step(topology, 'google_apis_dns_forwarding_enabled = true')}:")


def test_aks_over_the_vpn_without_a_private_address_for_google_apis_is_refused() -> None:
    with pytest.raises(SpecError) as err:
        _derive(_aks_over_vpn(psc=False))
    assert any("analytics" in d.message and "private_google_apis" in d.message for d in err.value.diagnostics)
