"""The real aws provider is found without any machine path written in the code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tfschema import mirror


def test_search_path_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MCAI_TF_SEARCH_PATH", os.pathsep.join([str(tmp_path), "/another"]))
    assert mirror.search_roots() == (str(tmp_path), "/another")


def test_terraform_implied_mirrors_come_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MCAI_TF_SEARCH_PATH", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".terraform.d" / "plugins").mkdir(parents=True)
    assert mirror.search_roots()[0] == str(tmp_path / ".terraform.d" / "plugins")


def test_a_binary_in_a_configured_root_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    layout = tmp_path / "registry.terraform.io" / "hashicorp" / "aws" / "9.9.9" / "linux_amd64"
    layout.mkdir(parents=True)
    (layout / "terraform-provider-aws_v9.9.9_x5").write_text("")
    monkeypatch.delenv("MCAI_TF_AWS_MIRROR", raising=False)
    monkeypatch.setenv("MCAI_TF_SEARCH_PATH", str(tmp_path))
    mirror.find_real_aws.cache_clear()
    try:
        assert mirror.find_real_aws("9.9.9") == layout
    finally:
        mirror.find_real_aws.cache_clear()
