"""Model ids and lifecycles from the dated catalogs (src/mcai/data/models_*.yaml): every state, the 90-day window,
unknown ids with "did you mean", and the `unlisted` escape hatch for a model newer than the catalog."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO

from mcai import catalog, findings
from mcai.diagnostics import SpecError
from mcai.spec import lifecycle as lc
from mcai.spec import load_spec, parse_spec
from mcai.topology import derive

AWS = """
version: 1
name: est
environment: dev
control_plane: aws
clouds:
  aws: {account_id: "111122223333", region: us-east-1}
models:
"""
AZURE = """
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
models:
"""
GCP = """
version: 1
name: est
environment: dev
control_plane: gcp
clouds:
  gcp: {project_id: acme-ai-dev, project_number: "123456789012", region: us-east4, network: {cidr: 10.30.0.0/16}}
models:
"""


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as exc:
        parse_spec(text, "t.yaml")
    return [f"{'.'.join(map(str, d.path))}: {d.message}" for d in exc.value.diagnostics]


def lifecycle_findings(text: str) -> list:  # type: ignore[type-arg]
    vspec = parse_spec(text, "t.yaml")
    return [f for f in findings.run(vspec, derive(vspec)) if f.id.startswith("model-")]


def bedrock(model: str, more: str = "") -> str:
    return AWS + f"  m: {{provider: bedrock, model: {model}{more}}}\n"


def azure(model: str, version: str, more: str = "") -> str:
    return AZURE + (f"  mm: {{provider: azure_openai, model: {model}, version: \"{version}\", "
                    f"deployment: {{type: global_standard, tpm_thousands: 10}}{more}}}\n")


def vertex(model: str, more: str = "") -> str:
    return GCP + f"  m: {{provider: vertex, model: {model}{more}}}\n"


# -- retired: a located error --------------------------------------------------------------------------------------
def test_retired_bedrock_model_is_an_error_with_date_and_replacement() -> None:
    (message,) = errors(bedrock("anthropic.claude-3-5-haiku-20241022-v1:0"))
    assert message.startswith("models.m.model: anthropic.claude-3-5-haiku-20241022-v1:0 was retired on 2026-06-19")
    assert "use anthropic.claude-haiku-4-5-20251001-v1:0 instead" in message
    assert "src/mcai/data/models_bedrock.yaml, as of 2026-12-01" in message


def test_retired_azure_version_is_an_error_located_at_the_version() -> None:
    (message,) = errors(azure("gpt-4o", "2024-11-20"))
    assert message.startswith("models.mm.version: gpt-4o 2024-11-20 was retired on 2026-10-01")
    assert "use gpt-5.1 instead" in message


def test_retired_vertex_model_is_an_error() -> None:
    (message,) = errors(vertex("gemini-2.5-flash"))
    assert message.startswith("models.m.model: gemini-2.5-flash was retired on 2026-10-16")


def test_the_location_is_the_line_of_the_model() -> None:
    with pytest.raises(SpecError) as exc:
        parse_spec(bedrock("anthropic.claude-3-5-haiku-20241022-v1:0"), "t.yaml")
    assert exc.value.lines()[0].startswith("t.yaml:9:")


def test_a_retirement_on_the_catalog_date_counts_as_retired() -> None:
    life = lc.Lifecycle("x", "deprecated", dt.date(2026, 12, 1), dt.date(2026, 12, 1), "t", "s")
    assert life.retired and life.days_left == 0
    assert not lc.Lifecycle("x", "deprecated", dt.date(2026, 12, 2), dt.date(2026, 12, 1), "t", "s").retired


def test_legacy_bedrock_model_cannot_get_new_provisioned_throughput() -> None:
    (message,) = errors(bedrock("anthropic.claude-sonnet-4-5-20250929-v1:0", ", provisioned: {model_units: 1}"))
    assert message.startswith("models.m.provisioned: anthropic.claude-sonnet-4-5-20250929-v1:0 is Legacy on Bedrock: "
                              "new provisioned throughput cannot be bought for it")


# -- legacy, deprecated, preview, retiring soon: warnings with the date -----------------------------------------------
def test_legacy_model_is_a_warning() -> None:
    (f,) = lifecycle_findings(bedrock("anthropic.claude-sonnet-4-5-20250929-v1:0"))
    assert (f.id, f.severity, f.spec_path) == ("model-lifecycle", "warning", "models.m.model")
    assert "is Legacy" in f.message and "use anthropic.claude-sonnet-4-6 instead" in f.message
    assert f.location == "t.yaml:9:33"


def test_model_retiring_within_90_days_is_a_warning_with_the_date() -> None:
    (f,) = lifecycle_findings(azure("gpt-5", "2025-08-07"))  # retires 2027-02-06: 67 days after 2026-12-01
    assert f.severity == "warning" and "retires on 2027-02-06 (67 days after the catalog date)" in f.message


def test_active_model_retiring_after_90_days_has_no_finding() -> None:
    assert lifecycle_findings(azure("gpt-5.4", "2026-03-05")) == []  # retires 2027-03-05: 94 days
    assert lifecycle_findings(bedrock("anthropic.claude-haiku-4-5-20251001-v1:0")) == []
    assert lifecycle_findings(vertex("gemini-3.1-flash-lite")) == []


@pytest.fixture
def catalog_on(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The Azure catalog read on an earlier date, when gpt-4o was deprecated but not yet retired."""
    def with_as_of(as_of: str) -> None:
        table = dict(catalog.load("models_azure_openai"), as_of=as_of)
        real = catalog.load
        monkeypatch.setattr(catalog, "load", lambda name: table if name == "models_azure_openai" else real(name))
    return with_as_of


def test_deprecated_model_before_its_retirement_is_a_warning(catalog_on) -> None:  # type: ignore[no-untyped-def]
    catalog_on("2026-03-01")
    (f,) = lifecycle_findings(azure("gpt-4o", "2024-11-20"))
    assert "is deprecated (no new customers" in f.message
    assert "retires on 2026-10-01 (214 days after the catalog date)" in f.message


def test_deprecated_model_within_90_days(catalog_on) -> None:  # type: ignore[no-untyped-def]
    catalog_on("2026-09-01")
    (f,) = lifecycle_findings(azure("gpt-4o", "2024-11-20"))
    assert "retires on 2026-10-01 (30 days after the catalog date)" in f.message


def test_preview_state_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    life = lc.Lifecycle("gpt-x 1", "preview", None, dt.date(2026, 12, 1), "t", "s")
    monkeypatch.setattr("mcai.findings.lifecycle.lifecycle", lambda model: life)
    (f,) = lifecycle_findings(azure("gpt-5.1", "2025-11-13"))
    assert "is a preview" in f.message


# -- unknown ids and the escape hatch ----------------------------------------------------------------------------
def test_unknown_model_id_says_did_you_mean_and_how_to_use_a_newer_model() -> None:
    (message,) = errors(bedrock("anthropic.claude-haiku-4-5-20251001-v2:0"))
    assert "unknown bedrock model 'anthropic.claude-haiku-4-5-20251001-v2:0'; did you mean " \
           "'anthropic.claude-haiku-4-5-20251001-v1:0'?" in message
    assert "set 'unlisted: true' on this model" in message


def test_unknown_azure_version_lists_the_known_versions() -> None:
    (message,) = errors(azure("gpt-4o", "2024-11-21"))
    assert message.startswith("models.mm.version: gpt-4o has no version '2024-11-21' in mcai's catalog; did you mean "
                              "'2024-11-20'? (known: 2024-05-13, 2024-08-06, 2024-11-20;")


def test_unlisted_model_is_accepted_unchecked_and_the_report_says_so() -> None:
    text = bedrock("anthropic.claude-opus-9-9", ", unlisted: true")
    (f,) = lifecycle_findings(text)
    assert (f.id, f.severity) == ("model-unlisted", "info")
    assert "is not checked against mcai's model catalog (src/mcai/data/models_bedrock.yaml, as of 2026-12-01)" \
        in f.message


def test_unlisted_also_skips_the_retirement_check() -> None:
    """The escape hatch is explicit: the user states the catalog is behind, and mcai says it did not check."""
    assert [f.id for f in lifecycle_findings(bedrock("anthropic.claude-3-5-haiku-20241022-v1:0",
                                                     ", unlisted: true"))] == ["model-unlisted"]


def test_vertex_partner_models_are_not_in_the_google_catalog() -> None:
    assert lifecycle_findings(vertex("claude-sonnet-4-6", ", publisher: anthropic")) == []


# -- the catalogs and the examples --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(lc.CATALOGS.values()))
def test_catalogs_are_dated_and_every_row_has_a_state_and_a_source(name: str) -> None:
    table = catalog.load(name)
    dt.date.fromisoformat(table["as_of"])
    rows = table["models"].values()
    if name == "models_azure_openai":
        rows = [r for versions in rows for r in versions.values()]
    for row in rows:
        assert row["state"] in {"active", "legacy", "deprecated", "preview", "retired"}, row
        assert row["source"] in table["sources"], row
        if row.get("retires"):
            dt.date.fromisoformat(row["retires"])
        if row.get("replacement"):
            assert row["replacement"] in table["models"], row


def test_the_aws_bedrock_example_uses_current_models() -> None:
    vspec = load_spec(REPO / "examples" / "aws-bedrock.yaml")
    states = {k: lc.lifecycle(m).state for k, m in vspec.spec.models.items()}  # type: ignore[union-attr]
    assert states == {"claude": "active", "haiku": "active"}
    assert vspec.spec.models["haiku"].provisioned is not None  # type: ignore[union-attr]
    assert lifecycle_findings((REPO / "examples" / "aws-bedrock.yaml").read_text()) == []
