"""A hand-over step names a value the user can actually read: `terraform output` shows root outputs only, so the
partner Interconnect's pairing keys are a root output of the gcp stack, and the step reads that output."""

from __future__ import annotations

import re

from conftest import GOLDEN


def test_pairing_keys_step_reads_a_root_output() -> None:
    readme = (GOLDEN / "gcp-aws-interconnect" / "README.md").read_text()
    outputs = (GOLDEN / "gcp-aws-interconnect" / "gcp" / "outputs.tf").read_text()
    commands = re.findall(r"`terraform output -json ([a-z0-9_]+)`", readme)
    assert "aws_interconnect_pairing_keys" in commands
    for name in commands:
        assert f'output "{name}"' in outputs or any(
            f'output "{name}"' in p.read_text() for p in GOLDEN.glob("gcp-aws-interconnect/*/outputs.tf")), name
    assert "of module" not in readme, "module outputs cannot be read with terraform output"


def test_no_step_asks_to_activate_pre_activated_attachments() -> None:
    main = (GOLDEN / "gcp-aws-interconnect" / "gcp" / "modules" / "gcp-interconnect" / "main.tf").read_text()
    assert "admin_enabled            = true" in main
    assert "activate the attachments in the Google Cloud console" not in (
        GOLDEN / "gcp-aws-interconnect" / "README.md").read_text()


def test_direct_connect_bgp_key_is_handed_to_the_partner() -> None:
    """AWS generates the BGP MD5 key of a private virtual interface; the partner's router needs it, so the stack
    exports it (sensitive) and the numbered step says to hand it over."""
    stacks = [p.parent for p in GOLDEN.glob("*/aws/modules/aws-direct-connect")]
    assert stacks, "an example renders Direct Connect"
    for modules in stacks:
        stack = modules.parent
        outputs = (stack / "outputs.tf").read_text()
        names = re.findall(r'output "(dx_bgp_auth_keys_[a-z]+)" \{[^}]*sensitive   = true', outputs)
        assert names, stack
        readme = (stack.parent / "README.md").read_text()
        for name in names:
            assert f"`terraform output -json {name}`" in readme, (stack, name)
