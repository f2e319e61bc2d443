"""The harness catches each schema-level error class through real ``terraform validate`` on the stubs.

Enum values, regex/length rules and ConflictsWith live inside real providers' code and
cannot be caught this way; mcai's own validation layer owns them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tfschema import harness

pytestmark = pytest.mark.terraform

TERRAFORM_BLOCK = """terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 5.0" }
    google  = { source = "hashicorp/google", version = ">= 7.40, < 9.0" }
  }
}
"""

AZURERM_PROVIDER = """provider "azurerm" {
  features {}
}
"""

AZURERM_GOOD = AZURERM_PROVIDER + """resource "azurerm_resource_group" "rg" {
  name     = "rg-ai"
  location = "swedencentral"
}
resource "azurerm_cognitive_account" "a" {
  name                = "oai-main"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  kind                = "OpenAI"
  sku_name            = "S0"
}
resource "azurerm_cognitive_deployment" "d" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.a.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "ProvisionedManaged"
    capacity = 50
  }
}
output "endpoint" {
  value = azurerm_cognitive_account.a.endpoint
}
"""

GOOGLE_GOOD = """resource "google_vertex_ai_endpoint" "e" {
  name         = "endpoint-1"
  display_name = "main"
  location     = "us-central1"
}
resource "google_vertex_ai_index" "i" {
  display_name = "docs"
  region       = "us-central1"
  metadata {
    contents_delta_uri = "gs://bucket/index"
    config {
      dimensions = 768
    }
  }
}
output "endpoint" {
  value = google_vertex_ai_endpoint.e.create_time
}
"""

# error class -> (text to replace, replacement, what terraform must say)
AZURERM_CASES = {
    "typo_argument": ('  sku_name            = "S0"\n', '  sku_name            = "S0"\n  sku_nme = "S0"\n',
                      "Unsupported argument"),
    "missing_required_argument": ('  kind                = "OpenAI"\n', "", "Missing required argument"),
    "missing_required_block": ('  sku {\n    name     = "ProvisionedManaged"\n    capacity = 50\n  }\n', "",
                               "Insufficient sku blocks"),
    "two_blocks_where_one_allowed": ("  sku {\n", '  sku {\n    name = "Standard"\n  }\n  sku {\n',
                                     "Too many sku blocks"),
    "wrong_type": ("capacity = 50", 'capacity = "fifty"', "Incorrect attribute value type"),
    "read_only_attribute": ('  sku_name            = "S0"\n', '  sku_name            = "S0"\n  endpoint = "https://x"\n',
                            "Read-Only Attribute"),
    "unknown_resource_type": ('resource "azurerm_cognitive_deployment"', 'resource "azurerm_cognitive_deploymnt"',
                              "Invalid resource type"),
    "missing_attribute_reference": ("azurerm_cognitive_account.a.endpoint\n", "azurerm_cognitive_account.a.endpoint_url\n",
                                    "Unsupported attribute"),
}

GOOGLE_CASES = {
    "typo_argument": ('  display_name = "main"\n', '  display_name = "main"\n  dispaly_name = "x"\n',
                      "Unsupported argument"),
    "missing_required_argument": ('  location     = "us-central1"\n', "", "Missing required argument"),
    "missing_required_block": ("    config {\n      dimensions = 768\n    }\n", "", "Insufficient config blocks"),
    "two_blocks_where_one_allowed": ("    config {\n", "    config {\n      dimensions = 1\n    }\n    config {\n",
                                     "Too many config blocks"),
    "wrong_type": ('  display_name = "docs"\n', '  display_name = "docs"\n  labels = "not-a-map"\n',
                   "Incorrect attribute value type"),
    "read_only_attribute": ('  display_name = "main"\n', '  display_name = "main"\n  create_time = "2020"\n',
                            "Read-Only Attribute"),
    "unknown_resource_type": ('resource "google_vertex_ai_index"', 'resource "google_vertex_ai_indx"',
                              "Invalid resource type"),
    "missing_attribute_reference": ("google_vertex_ai_endpoint.e.create_time", "google_vertex_ai_endpoint.e.created",
                                    "Unsupported attribute"),
}

PROVIDERS = {"azurerm": (AZURERM_GOOD, AZURERM_CASES), "google": (GOOGLE_GOOD, GOOGLE_CASES)}


def run_cases(tmp_path: Path, good: str, cases: dict) -> dict[str, list[str]]:
    """Every case (and the good config) as a child module of one root, so one `terraform init` and one `terraform
    validate` report them all: validate checks every module and returns each diagnostic with its file. Returns the
    diagnostic summaries per case directory ("good" included)."""
    profile = harness.ensure_profile("aws5-google7")
    configs = {"good": good}
    for name, (old, new, _) in cases.items():
        assert good.count(old) == 1, f"case {name}: {old!r} must occur once in the good config"
        configs[name] = good.replace(old, new)
    root = []
    for name, text in configs.items():
        (tmp_path / name).mkdir()
        # the provider configuration (azurerm's `features {}`) belongs in the root; a module only requires providers
        (tmp_path / name / "main.tf").write_text(TERRAFORM_BLOCK + text.replace(AZURERM_PROVIDER, ""))
        root.append(f'module "{name}" {{\n  source = "./{name}"\n}}\n')
    (tmp_path / "main.tf").write_text(TERRAFORM_BLOCK + (AZURERM_PROVIDER if AZURERM_PROVIDER in good else "")
                                      + "".join(root))
    result = harness.validate_dir(tmp_path, profile)
    found: dict[str, list[str]] = {name: [] for name in configs}
    for diagnostic in result.diagnostics:
        where = diagnostic.get("range", {}).get("filename", "")
        case = where.split("/", 1)[0] if "/" in where else ""
        assert case in found, f"a diagnostic outside every case: {diagnostic}\n{result.output}"
        found[case].append(f"{diagnostic.get('summary')}: {diagnostic.get('detail', '')}")
    return found


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_each_error_class_is_caught(provider: str, tmp_path: Path) -> None:
    good, cases = PROVIDERS[provider]
    found = run_cases(tmp_path, good, cases)
    assert not found["good"], f"the good config must validate clean: {found['good']}"
    missed = [f"{name}: expected {expected!r}, got {found[name]}" for name, (_, _, expected) in cases.items()
              if not any(expected in message for message in found[name])]
    print("\n".join(f"{provider} {name}: {found[name]}" for name in cases))
    assert not missed, "\n".join(missed)


def test_enum_values_are_not_checked_by_stubs(tmp_path: Path) -> None:
    """Documents the limit: a bad enum value passes the stub (mcai's own rules must catch it)."""
    (tmp_path / "main.tf").write_text(TERRAFORM_BLOCK + AZURERM_GOOD.replace('"OpenAI"\n  sku_name', '"NotAKind"\n  sku_name'))
    assert harness.validate_dir(tmp_path, "aws5-google7").ok
