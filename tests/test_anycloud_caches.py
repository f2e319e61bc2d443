"""The response cache on every cloud (issue 16): Azure Managed Redis (Entra ID only, access keys off, private
endpoint) and Memorystore for Valkey (IAM auth, Private Service Connect), each admitting only the router's own
identity; priced from the catalog or 'price not found' (never $0); the cache findings read the same for all three."""

from __future__ import annotations

from conftest import REPO

from mcai import findings
from mcai.cost import estimate_spec
from mcai.pipeline import derive_all
from mcai.spec import parse_spec
from mcai.topology import derive

GCP = REPO / "examples" / "gcp-primary.yaml"
AZURE = REPO / "examples" / "azure-primary.yaml"


def test_azure_cache_admits_the_routers_managed_identity_through_a_private_endpoint() -> None:
    _, topology, paths = derive_all(AZURE)
    cache = topology.call("azure", "response_cache")
    assert cache.module == "azure-response-cache"
    assert cache.inputs["sku_name"] == "Balanced_B1" and cache.inputs["high_availability"] is True
    assert {k: v.text for k, v in cache.inputs["users"].items()} == {
        "inference-router": "module.identity_inference_router.principal_id"}
    assert cache.inputs["private_endpoint"]["private_dns_zone_id"].text == \
        'module.foundation.private_dns_zone_ids["privatelink.redis.azure.net"]'
    azure = topology.stack("azure")
    assert "privatelink.redis.azure.net" in topology.call("azure", "foundation").inputs["private_dns_zones"]
    assert "Microsoft.Cache" in azure.provider_settings["resource_providers"]
    use = next(p for p in paths if p.use.kind == "cache")
    assert use.network.kind == "same-cloud" and use.identity[-1].startswith("default data access policy")


def test_azure_cache_module_turns_access_keys_off_and_public_access_off() -> None:
    main = (REPO / "modules" / "azure-response-cache" / "main.tf").read_text()
    assert "access_keys_authentication_enabled = false" in main
    assert 'public_network_access     = "Disabled"' in main


def test_gcp_cache_admits_the_gke_principal_with_iam_auth() -> None:
    _, topology, paths = derive_all(GCP)
    cache = topology.call("gcp", "response_cache")
    assert cache.module == "gcp-response-cache"
    assert {k: v.text for k, v in cache.inputs["users"].items()} == {
        "inference-router": "module.workload_inference_router.member"}
    assert cache.inputs["network_id"] == "projects/acme-ai-prod/global/networks/ai-vpc"
    gcp = topology.stack("gcp")
    assert {"memorystore.googleapis.com", "networkconnectivity.googleapis.com"} <= set(gcp.google_apis)
    assert "cache_subnetwork_id" in {v.name for v in gcp.variables}
    use = next(p for p in paths if p.use.kind == "cache")
    assert "roles/memorystore.dbConnectionUser" in use.identity[-1]
    main = (REPO / "modules" / "gcp-response-cache" / "main.tf").read_text()
    assert 'authorization_mode      = "IAM_AUTH"' in main


def _estimate(text: str):  # type: ignore[no-untyped-def]
    vspec = parse_spec(text, "s.yaml")
    return vspec, estimate_spec(vspec)


def test_new_caches_are_price_not_found_never_zero() -> None:
    for example, price_id in ((GCP, "cache.memorystore.valkey.HIGHMEM_MEDIUM"),
                              (AZURE, "cache.managed_redis.redis.Balanced_B1")):
        _, est = _estimate(example.read_text())
        line = next(ln for ln in est.lines if ln.category == "cache")
        assert line.status == "price_not_found" and line.cost is None and not line.counted
        assert price_id in (line.note or "")
        assert est.cache is not None and est.cache.monthly_cost is None and est.cache.payback is None


def test_cache_saving_is_computed_for_a_gcp_router() -> None:
    _, est = _estimate(GCP.read_text())
    assert est.cache is not None and float(est.cache.hit_rate) == 0.2
    assert est.cache.saving is not None and est.cache.saving.low > 0


def _finding_ids(text: str) -> set[str]:
    vspec, est = _estimate(text)
    return {f.id for f in findings.run(vspec, derive(vspec), est)}


def test_boundary_finding_reads_the_same_on_every_cloud() -> None:
    for example, cloud in ((GCP, "gcp"), (AZURE, "azure")):
        source = example.read_text()
        assert "no-cache-at-boundary" not in _finding_ids(source)
        no_hits = source.replace("expected_hit_rate: 0.2", "expected_hit_rate: 0")
        assert no_hits != source
        assert "no-cache-at-boundary" in _finding_ids(no_hits), cloud
