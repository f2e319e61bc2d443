"""The Azure OpenAI slice: spec rules from the PTU table, derivation of the azure/ stack, and the PTU sizing finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from mcai import catalog, findings
from mcai.diagnostics import SpecError
from mcai.findings.azure_ptu import size
from mcai.pipeline import plan
from mcai.spec import parse_spec
from mcai.spec.azure import PROVISIONED_TYPES
from mcai.topology import derive
from mcai.topology.azure import SKU_NAME
from mcai.topology.model import Expr

BASE = """
version: 1
name: est
environment: dev
control_plane: azure
clouds:
  azure:
    subscription_id: 00000000-0000-0000-0000-000000000000
    tenant_id: 11111111-1111-1111-1111-111111111111
    location: eastus2
    network: {cidr: 10.20.0.0/16}
"""


def spec(models: str = "", extra: str = ""):  # type: ignore[no-untyped-def]
    return parse_spec(BASE + extra + ("models:\n" + models if models else ""), "t.yaml")


def model(key: str, name: str, dtype: str, capacity: int, more: str = "") -> str:
    """A deployment for the PTU and spillover rules, whatever the model's lifecycle (`unlisted`: the model catalog is
    tested in tests/test_model_lifecycle.py)."""
    unit = "ptu" if dtype in PROVISIONED_TYPES else "tpm_thousands"
    return (f"  {key}: {{provider: azure_openai, model: {name}, version: \"2024-11-20\", unlisted: true, "
            f"deployment: {{type: {dtype}, {unit}: {capacity}}}{more}}}\n")


def problems(models: str, extra: str = "") -> list[str]:
    with pytest.raises(SpecError) as exc:
        spec(models, extra)
    return [f"{'.'.join(map(str, d.path))}: {d.message}" for d in exc.value.diagnostics]


def openai_call(topology):  # type: ignore[no-untyped-def]
    return next(m for m in topology.stack("azure").modules if m.label == "openai")


# -- the PTU table -------------------------------------------------------------------------------------------------
def test_ptu_table_is_dated_sourced_data() -> None:
    table = catalog.load("azure_openai_ptu")
    assert table["source"] and table["as_of"]
    assert table["models"]["gpt-4o"] == {"global": {"min": 15, "step": 5}, "regional": {"min": 50, "step": 50},
                                         "input_tpm_per_ptu": 2500, "output_weight": 4}
    for name, row in table["models"].items():
        assert row["input_tpm_per_ptu"] > 0 and row["output_weight"] > 0, name
        assert row["global"]["min"] >= row["global"]["step"] > 0, name


@pytest.mark.parametrize("name", sorted(catalog.load("azure_openai_ptu")["models"]))
def test_every_table_minimum_is_accepted(name: str) -> None:
    row = catalog.load("azure_openai_ptu")["models"][name]
    models = model("gg", name, "global_provisioned", row["global"]["min"])
    models += model("dd", name, "data_zone_provisioned", row["global"]["min"] + row["global"]["step"])
    if row["regional"]:
        models += model("rr", name, "regional_provisioned", row["regional"]["min"])
    spec(models)


# -- spec rules ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("dtype", "ptu", "hint"), [
    ("global_provisioned", 17, "multiple of 5, minimum 15 (got 17; nearest valid: 15 or 20)"),
    ("data_zone_provisioned", 10, "multiple of 5, minimum 15 (got 10; nearest valid: 15)"),
    ("regional_provisioned", 120, "multiple of 50, minimum 50 (got 120; nearest valid: 100 or 150)"),
])
def test_ptu_minimum_and_increment(dtype: str, ptu: int, hint: str) -> None:
    assert problems(model("mm", "gpt-4o", dtype, ptu)) == [
        f"models.mm.deployment.ptu: gpt-4o on {dtype} must be a {hint}"]


def test_regional_step_differs_from_minimum_for_o1() -> None:
    spec(model("mm", "o1", "regional_provisioned", 75))  # min 25, step 50: 25, 75, 125 ... are the valid sizes
    assert problems(model("mm", "o1", "regional_provisioned", 50)) == [
        "models.mm.deployment.ptu: o1 on regional_provisioned must be 25 plus a multiple of 50 (25, 75, 125, ...) "
        "(got 50; nearest valid: 25 or 75)"]


def test_pay_as_you_go_needs_no_table_row() -> None:
    spec(model("mm", "some-new-model", "global_standard", 10))


def test_spillover_pairs_with_its_pay_as_you_go_twin() -> None:
    twin = model("ss", "gpt-4o", "global_standard", 1)
    good = model("pp", "gpt-4o", "global_provisioned", 15, ", spillover: ss") + twin
    topology = derive(spec(good))
    deployments = openai_call(topology).inputs["deployments"]
    assert deployments["pp"]["spillover"] == "ss" and deployments["ss"]["spillover"] is None
    bad = model("pp", "gpt-4o", "regional_provisioned", 50, ", spillover: ss") + twin
    assert problems(bad) == ["models.pp.spillover: spillover target 'ss' is global_standard; a regional_provisioned "
                             "deployment spills only into standard (same data-processing level)"]


def test_spillover_to_a_model_of_another_cloud_is_refused() -> None:
    models = model("pp", "gpt-4o", "global_provisioned", 15, ", spillover: claude")
    models += "  claude: {provider: bedrock, model: anthropic.claude-sonnet-4-6}\n"
    extra = "  aws: {account_id: \"111122223333\", region: us-east-1}\n"
    text = BASE + extra + "models:\n" + models
    with pytest.raises(SpecError) as exc:
        parse_spec(text, "t.yaml")
    assert [d.message for d in exc.value.diagnostics] == [
        "spillover target 'claude' is a bedrock model; it must be an azure_openai deployment on the same account"]


def test_azure_models_need_the_azure_cloud() -> None:
    text = ("version: 1\nname: est\nenvironment: dev\ncontrol_plane: aws\n"
            "clouds: {aws: {account_id: \"111122223333\", region: us-east-1}}\nmodels:\n"
            + model("mm", "gpt-4o", "global_standard", 1))
    with pytest.raises(SpecError) as exc:
        parse_spec(text, "t.yaml")
    assert exc.value.diagnostics[0].message == ("provider 'azure_openai' needs cloud 'azure' is not declared under "
                                                "'clouds' (declared: aws)")


# -- derivation ----------------------------------------------------------------------------------------------------
def test_every_deployment_type_maps_to_the_exact_sku_name() -> None:
    assert SKU_NAME == {"standard": "Standard", "global_standard": "GlobalStandard",
                        "data_zone_standard": "DataZoneStandard", "regional_provisioned": "ProvisionedManaged",
                        "global_provisioned": "GlobalProvisionedManaged",
                        "data_zone_provisioned": "DataZoneProvisionedManaged"}
    models = "".join(model(t.replace("_", "-"), "gpt-4o", t, 50 if t == "regional_provisioned" else 15)
                     for t in SKU_NAME)
    deployments = openai_call(derive(spec(models))).inputs["deployments"]
    assert {k: (d["sku"], d["capacity"]) for k, d in deployments.items()} == {
        t.replace("_", "-"): (SKU_NAME[t], 50 if t == "regional_provisioned" else 15) for t in SKU_NAME}


def test_account_is_private_keyless_and_named_deterministically() -> None:
    topology = derive(spec(model("mm", "gpt-4o", "global_standard", 10)))
    call = openai_call(topology)
    assert call.inputs["name"] == "est-dev-openai"
    assert call.inputs["public_network_access_enabled"] is False
    assert call.inputs["diagnostics"] == {"log_analytics_workspace_id":
                                          Expr("module.foundation.log_analytics_workspace_id")}
    foundation = topology.stack("azure").modules[0]
    assert foundation.inputs["virtual_network"]["private_endpoint_subnet"] == "10.20.0.0/26"
    assert foundation.inputs["private_dns_zones"] == ["privatelink.cognitiveservices.azure.com",
                                                      "privatelink.openai.azure.com"]
    assert foundation.inputs["resource_group_name"] == "rg-est-dev"


def test_subdomain_and_resource_group_overrides() -> None:
    extra_cloud = BASE.replace("    network:",
                               "    resource_group: my-rg\n    openai: {subdomain: acme-oai}\n    network:")
    vspec = parse_spec(extra_cloud + "models:\n" + model("mm", "gpt-4o", "global_standard", 10), "t.yaml")
    topology = derive(vspec)
    assert openai_call(topology).inputs["name"] == "acme-oai"
    assert topology.stack("azure").modules[0].inputs["resource_group_name"] == "my-rg"


def test_stack_registers_resource_providers_and_pins_azurerm() -> None:
    stack = derive(spec(model("mm", "gpt-4o", "global_standard", 10))).stack("azure")
    assert stack.account == "00000000-0000-0000-0000-000000000000"
    assert [(p.name, p.version) for p in stack.providers] == [("azurerm", "~> 5.0")]
    assert "Microsoft.CognitiveServices" in stack.provider_settings["resource_providers"]
    assert stack.backend.type == "azurerm" and stack.backend.key == "est/dev/azure.tfstate"


def test_without_models_there_is_no_account() -> None:
    stack = derive(spec()).stack("azure")
    assert [m.label for m in stack.modules] == ["foundation"]
    assert stack.modules[0].inputs["private_dns_zones"] == []


def test_provisioned_deployments_add_quota_and_reservation_steps() -> None:
    steps = derive(spec(model("mm", "gpt-4o", "global_provisioned", 15))).stack("azure").manual_steps
    assert "15 PTU of GlobalProvisionedManaged for gpt-4o" in steps[0]
    assert "reservations" in steps[1]


# -- PTU sizing ----------------------------------------------------------------------------------------------------
def test_sizing_formula_on_the_article_figures() -> None:
    s = size(10_000_000, 1000, 150, peak_factor=2, cache_hit_rate=0.2, input_tpm_per_ptu=2500, output_weight=4,
             minimum=15, step=5)
    assert round(s.requests_per_minute, 1) == 456.6
    assert round(s.weighted_tpm) == 639_269
    assert round(s.exact_ptu, 1) == 255.7 and s.needed_ptu == 260


def test_sizing_rounds_to_the_step_and_raises_to_the_minimum() -> None:
    tiny = size(1000, 100, 10, 1, 0, 2500, 4, minimum=15, step=5)
    assert tiny.needed_ptu == 15
    exact = size(2500 * 43800, 1000, 0, 1, 0, 2500, 4, minimum=15, step=5)  # exactly 1000 PTU: no extra step
    assert exact.needed_ptu == 1000
    o1 = size(2500 * 43800, 1, 0, 1, 0, 230, 4, minimum=25, step=50)  # 10.9 PTU -> the minimum, 25
    assert o1.needed_ptu == 25
    assert size(43800 * 30, 230, 0, 1, 0, 230, 4, minimum=25, step=50).needed_ptu == 75  # 30 PTU -> 25 + 50


USAGE = "usage: {requests_per_month: [5_000_000, 10_000_000], input_tokens: 1000, output_tokens: 150, " \
        "peak_factor: 2}\n"


def sizing_findings(ptu: int, usage: str = USAGE, more: str = "") -> list:  # type: ignore[type-arg]
    vspec = spec(model("mm", "gpt-4o", "global_provisioned", ptu, more) + model("ss", "gpt-4o", "global_standard", 1)
                 + usage)
    return [f for f in findings.run(vspec, derive(vspec)) if f.id == "azure-ptu-sizing"]


def test_under_provisioned_deployment_is_reported_with_its_workings() -> None:
    (f,) = sizing_findings(205, more=", spillover: ss")
    assert f.severity == "warning" and f.spec_path == "models.mm.deployment.ptu"
    # a range is sized on its high end; no cache declared, so no hit rate
    assert "205 PTU configured, 295 needed at peak (90 short)" in f.message
    assert "Traffic above 205 PTU spills over to 'ss'" in f.message


def test_over_provisioned_deployment_is_reported() -> None:
    (f,) = sizing_findings(370)  # 295 needed: 25.4 % over
    assert "370 PTU configured, 295 needed at peak (75 PTU or 25% over, more than 25% headroom)" in f.message


def test_right_sized_deployment_has_no_finding() -> None:
    assert sizing_findings(295) == [] and sizing_findings(365) == []


def test_incomplete_usage_says_what_is_missing() -> None:
    (f,) = sizing_findings(205, usage="usage: {requests_per_month: 1000}\n")
    assert f.severity == "info" and "usage lacks input_tokens, output_tokens" in f.message


def test_production_pattern_reports_resources_and_the_ptu_finding(tmp_path: Path) -> None:
    result = plan(REPO / "examples" / "production-pattern.yaml", tmp_path / "out", mode="dry-run")
    stacks = {s.name: s for s in result.report.stacks}
    # the control-plane bootstrap and one CI-identity bootstrap per other cloud
    assert set(stacks) == {"bootstrap", "bootstrap-azure", "bootstrap-gcp", "aws", "azure", "gcp"}
    azure = stacks["azure"].resources_by_type
    # gpt51, its spillover and the embeddings model the weekly re-embedding flow uses
    assert azure["azurerm_cognitive_deployment"] == 3 and azure["azurerm_private_endpoint"] == 1
    assert azure["azurerm_private_dns_zone_virtual_network_link"] == 2
    (f,) = [f for f in result.report.findings if f.id == "azure-ptu-sizing"]
    # GPT-5.1: (365,297 input TPM after the 0.2 hit rate + 8 x 68,493 output TPM) / 4,750 per PTU = 192.3 -> 195
    assert f.message.startswith("gpt51: 150 PTU configured, 195 needed at peak (45 short)")
    assert f.location is not None and f.location.startswith(str(REPO / "examples" / "production-pattern.yaml"))


def test_examples_exist() -> None:
    assert {p.stem for p in EXAMPLES} >= {"azure-openai", "production-pattern"}


def test_deployment_type_change_against_previous_output_is_a_replacement_error() -> None:
    import json

    from mcai.findings import replacements
    from mcai.render import MANIFEST, render

    before = spec(model("mm", "gpt-4o", "global_standard", 10) + model("nn", "gpt-4o", "standard", 10))
    manifest = json.loads(render(derive(before), "t.yaml")[MANIFEST])
    previous = manifest["replaced_on_change"]  # what the next plan reads back from the output directory
    assert previous == {"models.mm.deployment.type": "GlobalStandard", "models.nn.deployment.type": "Standard"}
    after = spec(model("mm", "gpt-4o", "global_provisioned", 15) + model("nn", "gpt-4o", "standard", 10))
    (f,) = replacements(after, derive(after), previous)
    assert f.spec_path == "models.mm.deployment.type" and f.severity == "error"
    assert "from GlobalStandard to GlobalProvisionedManaged; Terraform will destroy and recreate" in f.message
    assert replacements(after, derive(after), None) == []


def test_plan_warns_when_the_previous_output_had_another_deployment_type(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = tmp_path / "a.yaml"
    first.write_text((REPO / "examples" / "azure-openai.yaml").read_text())
    assert not [f for f in plan(first, out).report.findings if f.id == "azure-deployment-replaced"]
    first.write_text(first.read_text().replace("{type: global_standard, tpm_thousands: 250}",
                                               "{type: data_zone_standard, tpm_thousands: 250}"))
    (f,) = [f for f in plan(first, out, mode="dry-run").report.findings if f.id == "azure-deployment-replaced"]
    assert f.message.startswith("mini: the deployment type changes from GlobalStandard to DataZoneStandard")
