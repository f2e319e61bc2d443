"""The generated Terraform is real: every golden stack passes `terraform fmt -check` and `terraform validate` against
every pinned provider version (real aws 5.100.0; schema-faithful stubs for aws 6.69.1, azurerm 5.10.0, google
7.46.1 / 8.7.0 and azuread 3.10.0, see tools/tfschema/README.md), and every module is called by a golden stack, so
every module is validated under every pinned version too; each module's example validates and its mocked
`terraform test` passes under the newest pins.

These tests never skip for lack of tools: without terraform they fail, because unvalidated Terraform is not a product.
The only skip is the documented provider-floor case below, and it first proves the old provider is refused.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GOLDEN, REPO
from tfschema.harness import PROFILES, check_types_present, emitted_resource_types, test_module, validate_dir

pytestmark = pytest.mark.terraform

STACKS = sorted(p.parent for p in GOLDEN.glob("*/*/terraform.tf"))
MODULES = sorted(p for p in (REPO / "modules").iterdir() if (p / "main.tf").exists())

# The one exception to "every profile": a stack or module whose terraform.tf carries a marker
#   # mcai:min-provider <provider> <version> (<reason>)
# needs a provider newer than a profile pins (e.g. aws_iam_outbound_web_identity_federation needs aws >= 6.26, so
# aws 5.100 cannot validate it). Under such a profile the test proves the constraint really refuses the old provider
# (terraform init must fail to find a matching version), then skips with the reason; every other profile validates
# it as usual. The marker is written by mcai (topology ProviderRequirement.min_version_reason) or by the module.
MIN_PROVIDER = re.compile(r"^# mcai:min-provider (\S+) (\S+) \((.+)\)$", re.M)
PROVIDER_SOURCE = re.compile(r'source\s*=\s*"hashicorp/([a-z0-9]+)"')


def distinct_profiles(directory: Path) -> list[str]:
    """The profiles that pin the providers `directory` uses (its .tf files and the modules under it) to a distinct
    set of versions. azurerm and azuread are pinned alike in every profile, so an Azure-only stack or module runs
    under the first profile only: a second run would repeat the same terraform against the same provider binaries."""
    used = set(PROVIDER_SOURCE.findall("".join(tf.read_text() for tf in sorted(directory.rglob("*.tf")))))
    seen: dict[tuple[str, ...], str] = {}
    for profile in sorted(PROFILES):
        seen.setdefault(tuple(PROFILES[profile].get(name, "") for name in sorted(used)), profile)
    return sorted(seen.values())


def per_profile(directories: list[Path], name, root=lambda d: d) -> list:  # type: ignore[no-untyped-def]
    """(directory, profile) parameters: every directory under each profile with distinct pins for what it uses."""
    return [pytest.param(d, profile, id=f"{name(d)}-{profile}")
            for d in directories for profile in distinct_profiles(root(d))]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def _too_old(directory: Path, profile: str) -> str | None:
    """The marker's reason when `profile` pins a provider below the directory's declared floor, else None."""
    text = "".join(tf.read_text() for tf in sorted(directory.glob("*.tf")))  # the marker sits beside the pin
    for name, floor, reason in MIN_PROVIDER.findall(text):
        pinned = PROFILES[profile].get(name)
        if pinned and _version(pinned) < _version(floor):
            return f"{name} {pinned} is below the floor {floor}: {reason}"
    return None


def _refused_then_skip(result_ok: bool, output: str, why: str) -> None:
    assert not result_ok and "no available releases match" in output, \
        f"expected terraform init to refuse the old provider ({why}), got:\n{output}"
    pytest.skip(f"validated against newer pins only; {why} (checked: init refuses it)")


def _terraform() -> str:
    found = shutil.which("terraform")
    assert found, "terraform is not on PATH: install it (>= 1.9); these tests must not be skipped"
    return found


def test_there_is_something_to_validate() -> None:
    assert STACKS and MODULES


@pytest.mark.parametrize("root", [GOLDEN, REPO / "modules"], ids=["goldens", "modules"])
def test_fmt_is_clean_byte_for_byte(root: Path) -> None:
    done = subprocess.run([_terraform(), "fmt", "-check", "-recursive", "-list=true", str(root)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"not terraform-fmt clean:\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_emitted_type_is_in_the_pinned_schemas(profile: str) -> None:
    check_types_present(profile, emitted_resource_types([m for m in MODULES if not _too_old(m, profile)]))


@pytest.mark.parametrize(("stack", "profile"), per_profile(STACKS, lambda p: f"{p.parent.name}/{p.name}"))
def test_stack_validates(stack: Path, profile: str) -> None:
    result = validate_dir(stack, profile)
    why = _too_old(stack, profile)
    if why:
        _refused_then_skip(result.ok, result.output, why)
    assert result.ok, result.output


# A module's `terraform test` runs its assertions on mocked plans: the provider binary only serves its schema, and
# each run block costs about a second of CPU; its example is one more init + validate. Both run once, under the
# newest pins. That the module is valid under EVERY pinned version is proven by the golden stacks that call it (each
# carries a byte-identical copy under modules/ and is validated under every profile above), and the test below
# fails when a module has no golden caller.
NEWEST_PROFILE = max(PROFILES, key=lambda name: [_version(v) for _, v in sorted(PROFILES[name].items())])


def test_every_module_is_validated_under_every_profile_by_a_golden_stack() -> None:
    uncalled = [m.name for m in MODULES if not any(GOLDEN.glob(f"*/*/modules/{m.name}/main.tf"))]
    assert not uncalled, (f"no golden stack calls {uncalled}: its only validation would be its example under the "
                          "newest pins; extend an example spec so a golden stack calls it")
    for module in MODULES:
        for copy in GOLDEN.glob(f"*/*/modules/{module.name}/main.tf"):
            assert copy.read_bytes() == (module / "main.tf").read_bytes(), f"{copy} differs from {module}/main.tf"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_module_tests_pass(module: Path) -> None:
    result = test_module(module, NEWEST_PROFILE)
    assert not _too_old(module, NEWEST_PROFILE), "the newest pins must satisfy every module's provider floor"
    assert result.ok, result.output
    assert "0 failed" in result.output and " passed" in result.output


EXAMPLES = sorted(p.parent for p in (REPO / "modules").glob("*/examples/*/main.tf"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_module_example_validates(example: Path) -> None:
    module = example.parents[1]
    assert not _too_old(example, NEWEST_PROFILE), "the newest pins must satisfy every example's provider floor"
    result = validate_dir(module, NEWEST_PROFILE, subdir=example.relative_to(module).as_posix())
    assert result.ok, result.output


def test_only_identical_pins_are_run_once(tmp_path: Path) -> None:
    """The de-duplication above drops a profile only when it would pin every provider used to the same version."""
    (tmp_path / "azure.tf").write_text('terraform {\n  required_providers {\n    azurerm = {\n'
                                       '      source = "hashicorp/azurerm"\n    }\n  }\n}\n')
    assert len(distinct_profiles(tmp_path)) == 1
    (tmp_path / "modules" / "x").mkdir(parents=True)
    (tmp_path / "modules" / "x" / "main.tf").write_text('terraform {\n  required_providers {\n    google = {\n'
                                                        '      source = "hashicorp/google"\n    }\n  }\n}\n')
    assert distinct_profiles(tmp_path) == sorted(PROFILES), "google differs between profiles: every profile runs"
