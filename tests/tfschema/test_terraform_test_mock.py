"""``terraform test`` with ``mock_provider`` runs through the stubs (and the real aws provider)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tfschema import harness

pytestmark = pytest.mark.terraform

MODULE = """terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 5.0" }
  }
}
variable "capacity" {
  type = number
  validation {
    condition     = var.capacity >= 15
    error_message = "PTU capacity must be at least 15."
  }
}
resource "azurerm_resource_group" "rg" {
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
    format = "OpenAI"
    name   = "gpt-4o"
  }
  sku {
    name     = "ProvisionedManaged"
    capacity = var.capacity
  }
}
"""

TESTS = """mock_provider "azurerm" {}

run "plans_a_ptu_deployment" {
  command = plan
  variables {
    capacity = 50
  }
  assert {
    condition     = azurerm_cognitive_deployment.d.sku[0].capacity == 50
    error_message = "capacity not passed through"
  }
}

run "applies_with_mocked_values" {
  variables {
    capacity = 15
  }
  assert {
    condition     = azurerm_cognitive_account.a.kind == "OpenAI"
    error_message = "kind not set"
  }
}

run "rejects_small_capacity" {
  command = plan
  variables {
    capacity = 5
  }
  expect_failures = [var.capacity]
}
"""


def test_terraform_test_with_mock_provider(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MODULE)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "smoke.tftest.hcl").write_text(TESTS)
    result = harness.test_module(tmp_path, "aws5-google7")
    assert result.returncode == 0, result.output
    assert "3 passed, 0 failed" in result.output, result.output
    assert not (tmp_path / ".terraform.lock.hcl").exists()  # terraform ran in a throwaway copy


def test_failing_assertion_is_reported(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MODULE)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "bad.tftest.hcl").write_text(TESTS.replace("capacity == 50", "capacity == 51"))
    result = harness.test_module(tmp_path, "aws5-google7")
    assert result.returncode != 0
    assert "capacity not passed through" in result.output, result.output
