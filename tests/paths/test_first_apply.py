"""Issue 11, numbered findings: each test fails on the output before the fix (values mcai invented, APIs missing,
operations that collide, DNS switched on before its target exists, prerequisites left implicit)."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from conftest import EXAMPLES, REPO

from mcai import assets
from mcai.diagnostics import SpecError
from mcai.pipeline import generate
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import Expr

PRODUCTION = REPO / "examples" / "production-pattern.yaml"
INTERCONNECT = REPO / "examples" / "gcp-aws-interconnect.yaml"


@cache
def built(example: str):  # type: ignore[no-untyped-def]
    return generate(REPO / "examples" / f"{example}.yaml")


def text(example: str, path: str) -> str:
    return built(example)[2].files[path].decode()


def module_block(example: str, path: str, label: str) -> str:
    main = text(example, path)
    start = main.index(f'module "{label}" {{')
    return main[start:main.index("\n}\n", start)]


# 1. Hosted Direct Connect: the partner assigns the VLAN; mcai never invents it -------------------------------------
@pytest.mark.parametrize("example, peer", [("production-pattern", "azure"), ("gcp-aws-interconnect", "gcp")])
def test_hosted_direct_connect_vlan_is_the_partners_input(example: str, peer: str) -> None:
    """The connection id and the partner's VLAN are one input whose type requires both: Terraform refuses an id
    without its VLAN, so the VLAN is never optional-and-silent (and never a literal)."""
    block = module_block(example, "aws/main.tf", f"link_{peer}_direct_connect")
    assert f"vlan             = try(var.dx_hosted_connection_{peer}.vlan, null)" in block
    assert f"connection_id    = try(var.dx_hosted_connection_{peer}.id, null)" in block
    assert not re.search(r"vlan\s+= \d", block)
    variables = text(example, "aws/variables.tf")
    start = variables.index(f'variable "dx_hosted_connection_{peer}"')
    declared = variables[start:variables.index("\n}\n", start)]
    assert "type        = object({ id = string, vlan = number })" in declared and "optional(" not in declared
    assert "dx_vlan_" not in variables and f"dx_connection_id_{peer}" not in variables
    readme = text(example, "README.md")
    assert re.search(rf"^\d+\. \*\*aws\*\*: .*set dx_hosted_connection_{peer} = {{ id = \"dxcon-\.\.\.\", vlan = ",
                     readme, re.M), "the numbered hand-over step names the input"


def test_a_hosted_connections_vlan_in_the_spec_is_an_error_and_a_dedicated_port_keeps_its_literal() -> None:
    source = INTERCONNECT.read_text()
    fields = "connection: hosted, bandwidth: 1Gbps, mtu: 1500"
    assert fields in source
    with pytest.raises(SpecError) as err:
        derive(parse_spec(source.replace(fields, f"{fields}, vlan: 333"), "s.yaml"))
    assert "s.yaml:54:77: links[0].direct_connect.vlan:" in str(err.value) and "partner assigns the VLAN" in str(err.value)
    spec = source.replace(fields, "connection: dedicated, bandwidth: 1Gbps, mtu: 1500")
    call = next(m for m in derive(parse_spec(spec, "s.yaml")).stack("aws").modules if m.module == "aws-direct-connect")
    assert isinstance(call.inputs["virtual_interface"]["vlan"], int)


# 2. Every module declares its APIs; the project-services list is their union -------------------------------------
@pytest.mark.parametrize("example", [e for e in EXAMPLES if "gcp:" in e.read_text()], ids=lambda p: p.stem)
def test_project_services_are_the_union_of_module_declarations(example) -> None:  # type: ignore[no-untyped-def]
    _, topology, _ = generate(example)
    gcp = topology.stack("gcp")
    services = set(next(m for m in gcp.modules if m.label == "project_services").inputs["services"])
    for call in gcp.modules:
        declared = set(assets.module_declaration(call.module).get("google_apis", ()))
        assert declared <= services, f"{call.module} needs {declared - services}"


def test_private_service_connect_for_google_apis_enables_service_directory() -> None:
    declared = json.loads((REPO / "modules" / "gcp-private-google-apis" / "mcai-module.json").read_text())
    assert "servicedirectory.googleapis.com" in declared["google_apis"]
    for example in ("production-pattern", "gcp-vertex", "gcp-aws-interconnect"):
        assert '"servicedirectory.googleapis.com"' in module_block(example, "gcp/main.tf", "project_services")


def test_every_gcp_module_declares_its_apis() -> None:
    for module in sorted((REPO / "modules").glob("gcp-*")):
        assert (module / "mcai-module.json").is_file(), f"{module.name} declares no APIs"


# 3. Committed Bedrock throughput: the report names the changes that would try to replace it ----------------------
def test_committed_throughput_names_the_spec_changes_that_replace_it() -> None:
    from mcai.findings import run

    vspec, topology, _ = built("aws-bedrock")
    (f,) = [f for f in run(vspec, topology) if f.id == "bedrock-committed-throughput"]
    assert f.spec_path == "models.haiku.provisioned.commitment" and f.location
    for field in ("models.haiku.model", "models.haiku.provisioned.model_units", "'name'", "'environment'",
                  "clouds.aws.region", "destroying the aws stack"):
        assert field in f.message


# 4. ExpressRoute and VPN gateways share the GatewaySubnet: ordered, never concurrent ------------------------------
def test_vpn_gateway_waits_for_the_expressroute_gateway() -> None:
    assert "depends_on = [module.link_aws_expressroute]" in module_block("production-pattern", "azure/main.tf",
                                                                          "link_aws_vpn")


# 6. BigQuery over the HA VPN is private: PSC advertised over the link and a googleapis.com zone on AWS -----------
def test_google_apis_over_the_vpn_are_advertised_and_resolved_privately() -> None:
    _, topology, _ = built("production-pattern")
    vpn = next(m for m in topology.stack("gcp").modules if m.label == "link_aws_vpn")
    assert vpn.inputs["advertised_ranges"] == ["10.31.255.254/32"]
    dns = next(m for m in topology.stack("aws").modules if m.label == "link_dns")
    assert dns.inputs["private_zones"] == {"googleapis.com": "10.31.255.254"}


def test_a_google_api_use_over_a_link_without_private_google_apis_is_an_error() -> None:
    source = PRODUCTION.read_text()
    broken = re.sub(r"\n    private_google_apis: .*\n", "\n", source)
    assert broken != source
    with pytest.raises(SpecError) as err:
        generate_text(broken)
    (line,) = err.value.lines()
    row = next(n for n, text in enumerate(broken.splitlines(), 1) if text.startswith("  analytics: {cloud: gcp"))
    assert line.startswith(f"p.yaml:{row}:53: data.analytics.used_by[0]: BigQuery dataset 'analytics' is reached "
                           "over links[1] (ha_vpn), but Google APIs have no private address there"), line


def generate_text(spec: str):  # type: ignore[no-untyped-def]
    from mcai.paths import derive_paths

    vspec = parse_spec(spec, "p.yaml")
    return derive_paths(vspec, derive(vspec))


# 8. A PSC-enabled Vertex endpoint gets its own consumer forwarding rule -------------------------------------------
def test_psc_vertex_endpoint_gets_a_consumer_forwarding_rule() -> None:
    block = module_block("gcp-vertex", "gcp/main.tf", "vertex_endpoints")
    assert 'service_attachment = lookup(var.vertex_psc_service_attachments, "support-tuned", null)' in block
    module = (REPO / "modules" / "gcp-vertex-endpoints" / "main.psc.tf").read_text()
    assert 'resource "google_compute_forwarding_rule" "psc"' in module and "target                = each.value" \
        ".service_attachment" in module
    assert re.search(r"^\d+\. \*\*gcp\*\*: Vertex AI endpoint 'support-tuned' \(Private Service Connect\): .*"
                     r"required input vertex_psc_subnetwork.*vertex_psc_service_attachments",
                     text("gcp-vertex", "README.md"), re.M), "the values only a person supplies are named in the step"


# 9. DNS for another cloud is switched on in the hand-over step, never by the first apply --------------------------
def test_dns_forwarding_waits_for_the_link() -> None:
    _, topology, _ = built("production-pattern")
    aws = topology.stack("aws")
    dns = next(m for m in aws.modules if m.label == "link_dns")
    assert dns.inputs["forward_enabled"] == Expr("var.azure_dns_forwarding_enabled")
    assert dns.inputs["private_zones_enabled"] == Expr("var.google_apis_private_dns_enabled")
    switches = {v.name: v for v in aws.variables if v.name.endswith("_enabled")}
    assert switches["azure_dns_forwarding_enabled"].default is False
    assert switches["google_apis_private_dns_enabled"].default is False
    readme = text("production-pattern", "README.md")
    for name in switches:
        assert re.search(rf"^\d+\. \*\*aws\*\*: links\[\d\] \S+, step \d of \d: DNS hand-over: .*set {name} = true",
                         readme, re.M), name


# 10. Anthropic model access is an explicit, numbered prerequisite -------------------------------------------------
def test_anthropic_model_access_is_a_numbered_prerequisite() -> None:
    readme = text("production-pattern", "README.md")
    assert "the first call starts the Marketplace subscription" not in readme
    assert re.search(r"^\d+\. \*\*aws\*\*: Model access \(prerequisite, before the first call\): .*"
                     r"aws-marketplace:Subscribe", readme, re.M)


# 11. identity-federation: GCP trusts the clusters Azure trusts; the token audience is one Google accepts ----------
def test_identity_federation_states_the_audience_google_accepts() -> None:
    readme = text("identity-federation", "README.md")
    assert ("whose audience is exactly //iam.googleapis.com/projects/987654321098/locations/global/"
            "workloadIdentityPools/helpdesk-router/providers/eks-oidc") in readme


WEST = "https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"


def _second_cluster(subject: str) -> str:
    source = (REPO / "examples" / "identity-federation.yaml").read_text()
    second = ("      via: aws_outbound\n      extra_credentials:\n        - name: router-us-west-2\n"
              f"          issuer: {WEST}\n          subject: {subject}\n")
    assert "      via: aws_outbound\n" in source
    return source.replace("      via: aws_outbound\n", second)


def test_a_cluster_azure_trusts_is_trusted_by_gcp_with_a_provider_of_its_own() -> None:
    """Issue 11 (11): Azure trusted the us-west-2 cluster, GCP only us-east-1 (later: refused). Now GCP trusts every
    cluster the workload runs on with the same service account: one pool provider per issuer, same principal."""
    topology = derive(parse_spec(_second_cluster("system:serviceaccount:helpdesk:router"), "f.yaml"))
    call = next(m for m in topology.stack("gcp").modules if m.module == "gcp-workload-identity")
    (provider,) = call.inputs["more_oidc_issuers"]
    assert call.inputs["more_oidc_issuers"] == {provider: WEST} and provider.startswith("eks-") and len(provider) == 12
    assert any(r.address == f'more["{provider}"]' for r in call.resources)
    edges = [e for e in topology.trust_edges if e.to_cloud == "gcp"]
    assert {e.issuer for e in edges} == {WEST, "https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789"}
    assert len({e.principal for e in edges}) == 1 and any(e.audience.endswith(f"/providers/{provider}") for e in edges)


def test_gcp_extra_issuers_get_providers_named_by_issuer_so_removing_one_renames_none() -> None:
    source = (REPO / "examples" / "identity-federation.yaml").read_text()
    other = "https://oidc.eks.eu-west-1.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210"
    both = source.replace("      pool_id: helpdesk-router\n",
                          f"      pool_id: helpdesk-router\n      extra_issuers: [{WEST}, {other}]\n")
    one = source.replace("      pool_id: helpdesk-router\n", f"      pool_id: helpdesk-router\n      extra_issuers: [{other}]\n")
    def providers(text: str) -> dict[str, str]:
        call = next(m for m in derive(parse_spec(text, "f.yaml")).stack("gcp").modules
                    if m.module == "gcp-workload-identity")
        return dict(call.inputs["more_oidc_issuers"])
    assert len(providers(both)) == 2
    assert {p: i for p, i in providers(both).items() if i == other} == providers(one)


def test_another_cluster_under_another_service_account_is_an_error() -> None:
    with pytest.raises(SpecError) as err:
        parse_spec(_second_cluster("system:serviceaccount:helpdesk:other"), "f.yaml")
    (d,) = err.value.diagnostics
    assert d.dotted_path == "identity.router.azure.extra_credentials[0].subject"
    assert "GCP identity admits only 'system:serviceaccount:helpdesk:router'" in d.message
