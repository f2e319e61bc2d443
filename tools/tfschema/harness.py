"""Run the real terraform binary against pinned provider schemas, offline.

Public API (used by the project's tests)::

    PROFILES: dict[str, dict[str, str]]           profile name -> {provider: exact version}
    ensure_profile(name) -> Profile                idempotent, cached, safe across processes
    validate_dir(path, profile) -> Result          terraform init + validate -json, in a throwaway copy
    test_module(path, profile) -> Result           terraform init + test, in a throwaway copy
    emitted_resource_types(paths) -> set[str]      "resource"/"data" type names declared in .tf files
    check_types_present(profile, types) -> None    raises SchemaGap when a type is missing or opaque
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tfschema import cache, mirror, pins
from tfschema.extract import find_opaque

PROFILES: dict[str, dict[str, str]] = {
    "aws5-google7": {"aws": pins.REAL_AWS_VERSION, "azurerm": "5.10.0", "google": "7.46.1", "azuread": "3.10.0"},
    "aws6-google8": {"aws": "6.69.1", "azurerm": "5.10.0", "google": "8.7.0", "azuread": "3.10.0"},
}
DEFAULT_PROFILE = "aws5-google7"
TIMEOUT = 300
IGNORED_COPY = shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "terraform.tfstate*", "*.tfplan")
DECL_RE = re.compile(r'^\s*(resource|data)\s+"([A-Za-z0-9_-]+)"\s+"', re.M)


class TerraformMissing(RuntimeError):
    """terraform (or the real aws provider) is not installed: tests must fail, not skip."""


class SchemaGap(AssertionError):
    """A resource type mcai emits is missing from a pinned schema or only opaquely known."""


@dataclass
class Profile:
    name: str
    providers: dict[str, str]  # provider -> exact version
    mirror: Path
    cli_config: Path
    schema_files: dict[str, Path] = field(default_factory=dict)  # provider -> schema JSON document

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(TF_CLI_CONFIG_FILE=str(self.cli_config), TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1",
                   TF_INPUT="0")
        for key in ("TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR", "TF_CLI_ARGS", "TF_CLI_ARGS_init", "TF_CLI_ARGS_validate"):
            env.pop(key, None)
        # terraform and the real aws provider are short-lived Go processes that build and decode a schema of ~1,500
        # types: collecting garbage less often cuts their CPU by about a fifth (measured: 3.3 s -> 2.5 s per aws
        # validate) for ~40 MB more memory. It changes no result, only how often the Go runtime collects.
        env.setdefault("GOGC", "400")
        return env

    @cached_property
    def schemas(self) -> dict[str, dict]:
        """provider -> the provider's schema (the ``provider_schemas`` entry)."""
        out = {}
        for provider, path in self.schema_files.items():
            (schema,) = json.loads(path.read_text())["provider_schemas"].values()
            out[provider] = schema
        return out


@dataclass
class Result:
    ok: bool
    returncode: int
    output: str  # stdout + stderr of the failing (or last) command
    diagnostics: list[dict] = field(default_factory=list)  # from validate -json

    def summaries(self) -> list[str]:
        return [d.get("summary", "") for d in self.diagnostics]

    def __str__(self) -> str:
        return self.output


def terraform_binary() -> str:
    found = shutil.which("terraform")
    if not found:
        raise TerraformMissing("terraform binary not found on PATH: install terraform (>= 1.7; 1.11.4 is tested)")
    return found


def ensure_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """Download, extract, build stubs and lay out the mirror for a profile (cached; locked)."""
    if name not in PROFILES:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(PROFILES)}")
    terraform_binary()
    wanted = PROFILES[name]
    with cache.locked():
        providers: dict[tuple[str, str], Path] = {}
        schema_files: dict[str, Path] = {}
        real_aws = None
        for provider, version in wanted.items():
            if provider == "aws" and version == pins.REAL_AWS_VERSION:
                try:
                    real_aws = mirror.find_real_aws(version)
                except RuntimeError as exc:
                    raise TerraformMissing(str(exc)) from exc
                providers[(provider, version)] = real_aws
            else:
                pin = pins.stub_pin(provider, version)
                providers[(provider, version)] = mirror.ensure_stub_provider(pin)
                schema_files[provider] = cache.schema_path(pin)
        mirror_dir, config = mirror.lay_out_profile(name, providers)
        if real_aws is not None:
            schema_files["aws"] = mirror.ensure_real_schema(wanted["aws"], config)
    return Profile(name, dict(wanted), mirror_dir, config, schema_files)


def _as_profile(profile: Profile | str | None) -> Profile:
    return profile if isinstance(profile, Profile) else ensure_profile(profile or DEFAULT_PROFILE)


def _terraform(args: list[str], cwd: Path, profile: Profile, scan: Path | None = None) -> subprocess.CompletedProcess:
    env = profile.env()
    # The stubs serve only the types the module declares (plus those its tests name), which makes
    # terraform's schema loading several times faster; a type that is used but not declared is
    # still reported as unknown by terraform, as with a full schema. `scan` widens the search when
    # the configuration calls modules outside `cwd` (a module's examples/ call the module at ../..).
    env["MCAI_STUB_KEEP_TYPES"] = ",".join(sorted(emitted_resource_types([scan or cwd])))
    try:
        return subprocess.run([terraform_binary(), *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(exc.cmd, 124, exc.stdout or "", f"timed out after {TIMEOUT}s")


def _copy(path: Path, work: Path) -> Path:
    target = work / "module"
    shutil.copytree(path, target, ignore=IGNORED_COPY, symlinks=False)
    return target


def _init(module: Path, profile: Profile, scan: Path | None = None) -> Result | None:
    proc = _terraform(["init", "-backend=false", "-input=false", "-no-color"], module, profile, scan)
    if proc.returncode != 0:
        return Result(False, proc.returncode, f"terraform init failed ({profile.name}):\n{proc.stdout}{proc.stderr}")
    return None


def validate_dir(path: str | os.PathLike, profile: Profile | str | None = None, subdir: str | None = None) -> Result:
    """``terraform init -backend=false`` then ``terraform validate -json`` on a throwaway copy of ``path``.

    With ``subdir`` (e.g. ``examples/basic`` of a module), the whole of ``path`` is copied and terraform runs in
    that sub-directory, so relative module sources such as ``../..`` still resolve."""
    profile = _as_profile(profile)
    with tempfile.TemporaryDirectory(prefix="mcai-tf-validate-") as work:
        root = _copy(Path(path), Path(work))
        module = root / subdir if subdir else root
        failed = _init(module, profile, root)
        if failed:
            return failed
        proc = _terraform(["validate", "-json", "-no-color"], module, profile, root)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return Result(False, proc.returncode, f"terraform validate gave no JSON:\n{proc.stdout}{proc.stderr}")
    diagnostics = report.get("diagnostics", [])
    lines = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail', '')}"
             + (f" [{d['range']['filename']}:{d['range']['start']['line']}]" if d.get("range") else "")
             for d in diagnostics]
    ok = proc.returncode == 0 and report.get("valid", False)
    return Result(ok, proc.returncode, f"terraform validate ({profile.name}): " + ("valid" if ok else "INVALID")
                  + "".join("\n  " + line for line in lines), diagnostics)


def test_module(path: str | os.PathLike, profile: Profile | str | None = None, *args: str) -> Result:
    """``terraform init -backend=false`` then ``terraform test`` on a throwaway copy of ``path``."""
    profile = _as_profile(profile)
    with tempfile.TemporaryDirectory(prefix="mcai-tf-test-") as work:
        module = _copy(Path(path), Path(work))
        failed = _init(module, profile)
        if failed:
            return failed
        proc = _terraform(["test", "-no-color", *args], module, profile)
    return Result(proc.returncode == 0, proc.returncode, f"terraform test ({profile.name}):\n{proc.stdout}{proc.stderr}")


test_module.__test__ = False  # not a pytest test, despite the name


def emitted_resource_types(paths) -> set[str]:
    """Type names of ``resource "T"`` and ``data "T"`` blocks in .tf/.tf.j2 files under ``paths``.

    Data sources are returned as ``data.T`` so they are checked against data-source schemas.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: set[str] = set()
    for base in map(Path, paths):
        files = [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()]
        for file in files:
            if not (file.name.endswith((".tf", ".tftest.hcl")) or ".tf." in file.name) or ".terraform" in file.parts:
                continue
            for kind, type_name in DECL_RE.findall(file.read_text(errors="replace")):
                found.add(type_name if kind == "resource" else f"data.{type_name}")
    return found


def check_types_present(profile: Profile | str, types) -> None:
    """Raise ``SchemaGap`` listing every type missing from the profile's schemas or containing opaque parts."""
    profile = _as_profile(profile)
    problems = []
    for full in sorted(types):
        is_data = full.startswith("data.")
        type_name = full[5:] if is_data else full
        provider = type_name.split("_", 1)[0]
        schema = profile.schemas.get(provider)
        if schema is None:
            if provider in pins.KNOWN_PROVIDERS:
                problems.append(f"{full}: provider {provider} is not in profile {profile.name}")
            continue
        table = schema.get("data_source_schemas" if is_data else "resource_schemas", {})
        version = profile.providers[provider]
        if type_name not in table:
            problems.append(f"{full}: not in the {provider} {version} schema")
            continue
        opaque = find_opaque(table[type_name])
        if opaque:
            problems.append(f"{full}: the {provider} {version} schema is only opaquely known at: " + "; ".join(opaque))
    if problems:
        raise SchemaGap(f"profile {profile.name}: {len(problems)} schema problem(s)\n  " + "\n  ".join(problems))
