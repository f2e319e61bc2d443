"""No long-lived credential is ever emitted: every workload reaches another cloud with short-lived tokens exchanged
through workload identity federation (issue 6).

By construction: the spec has no field that could carry or request a key, secret or password (checked on the JSON
Schema), and no module declares a credential-minting resource or argument. The scan below proves it on everything
mcai renders (every golden tree, i.e. every example) and on every bundled module, including modules no example uses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, GOLDEN, REPO

from mcai.pipeline import generate
from mcai.spec import json_schema

# Resource and data-source types that mint or hold a long-lived credential.
FORBIDDEN_TYPES = (
    "aws_iam_access_key", "aws_iam_user_login_profile", "aws_iam_service_specific_credential",
    "aws_iam_signing_certificate", "google_service_account_key", "google_storage_hmac_key", "google_apikeys_key",
    "azuread_application_password", "azuread_service_principal_password", "azuread_application_certificate",
    "azuread_service_principal_certificate", "azurerm_storage_account_sas", "tls_private_key", "random_password",
)
# Arguments that carry a long-lived secret or switch key-based authentication on.
FORBIDDEN_ARGUMENTS = re.compile(
    r"^\s*(client_secret|client_certificate(_password)?|access_key|secret_key|private_key|secret_access_key"
    r"|auth_token|password|primary_access_key|api_key)\s*=|"
    r"^\s*(local_auth_enabled|shared_access_key_enabled)\s*=\s*true\b",
    re.MULTILINE)
DECLARATION = re.compile(r'^\s*(?:resource|data)\s+"([\w-]+)"', re.MULTILINE)
SECRET_FIELD = re.compile(r"secret|password|access_key|private_key|api_key|hmac|key_file|client_certificate|sas_token")


def _tf_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.tf") if ".terraform" not in p.parts)


def _problems(files: list[Path]) -> list[str]:
    out = []
    for path in files:
        text = path.read_text()
        out += [f"{path}: resource type {t}" for t in DECLARATION.findall(text) if t in FORBIDDEN_TYPES]
        for match in FORBIDDEN_ARGUMENTS.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            out.append(f"{path}:{line}: {match.group(0).strip()}")
    return out


GOLDEN_TREES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def test_every_example_has_a_golden_tree_to_scan() -> None:
    assert {p.name for p in GOLDEN_TREES} >= {e.stem for e in EXAMPLES}
    assert "identity-federation" in {p.name for p in GOLDEN_TREES}


@pytest.mark.parametrize("tree", GOLDEN_TREES, ids=lambda p: p.name)
def test_rendered_example_has_no_long_lived_credential(tree: Path) -> None:
    files = _tf_files(tree)
    assert files, f"{tree} has no Terraform to scan"
    assert _problems(files) == []


def test_bundled_modules_have_no_long_lived_credential() -> None:
    assert _problems(_tf_files(REPO / "modules")) == []


def test_every_azure_openai_account_has_local_auth_off() -> None:
    accounts = [p for p in _tf_files(GOLDEN) if 'resource "azurerm_cognitive_account"' in p.read_text()]
    assert accounts, "no rendered Azure OpenAI account to check"
    for path in accounts:
        assert re.search(r"^\s*local_auth_enabled\s*=\s*false$", path.read_text(), re.MULTILINE), path


def test_the_scanner_catches_what_it_looks_for(tmp_path: Path) -> None:
    """The scan is only a proof if it can fail: every forbidden type and argument shape is caught."""
    bad = tmp_path / "main.tf"
    bad.write_text('resource "aws_iam_access_key" "k" {}\nresource "google_service_account_key" "k" {}\n'
                   'resource "azuread_application_password" "p" {}\n'
                   'resource "azurerm_cognitive_account" "a" {\n  local_auth_enabled = true\n'
                   '  client_secret = "x"\n}\nprovider "aws" {\n  access_key = "AKIA"\n  secret_key = "s"\n}\n')
    found = _problems([bad])
    assert len(found) == 7, found


def test_no_spec_field_can_carry_a_secret() -> None:
    """Impossible by construction: not one property of the spec's strict schema names a key, secret or password."""
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json_schema())
    assert "identity" in names and "extra_credentials" in names  # the walk reaches the identity section
    assert sorted(n for n in names if SECRET_FIELD.search(n)) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_cross_cloud_edges_are_federated(example: Path) -> None:
    """Every edge into another cloud names the token it trusts (issuer, subject, audience): never a stored key."""
    _, topology, _ = generate(example)
    for edge in topology.trust_edges:
        if edge.from_cloud != edge.to_cloud:
            assert edge.issuer and edge.subject and edge.audience and edge.permissions, edge


# -- the hand-off files (router config, Kubernetes objects, SDK credential configuration) ---------------------------
# Field names that hold a credential in LiteLLM, Kubernetes, google-auth or azure-identity configuration.
HANDOFF_SECRET_KEY = re.compile(r"(api_?key|secret|password|passwd|private_key|access_key|session_token|"
                                r"client_certificate|connection_string|sas_token|hmac)", re.IGNORECASE)
# Key material itself, whatever field it hides in.
KEY_MATERIAL = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----|\b(AKIA|ASIA)[0-9A-Z]{16}\b|\"type\":\s*\"service_account\""
                          r"|\bsk-[A-Za-z0-9]{20,}|AccountKey=")


def _handoff_problems(path: Path, text: str) -> list[str]:
    import json

    import yaml

    out = [f"{path}: key material {m.group(0)[:12]}..." for m in KEY_MATERIAL.finditer(text)]
    if path.suffix == ".env":
        keys = [line.split("=", 1)[0] for line in text.splitlines() if "=" in line and not line.startswith("#")]
    elif path.suffix == ".py":  # the router's callback: every name, attribute, argument and string it holds
        import ast

        keys = [n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute)
                else n.arg if isinstance(n, ast.keyword | ast.arg) else n.value
                for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.Name | ast.Attribute | ast.keyword | ast.arg)
                or (isinstance(n, ast.Constant) and isinstance(n.value, str))]
        # LiteLLM calls the pre-call hook by keyword: its first parameter must be named user_api_key_dict (the
        # proxy's caller context, not a key)
        keys = [k for k in keys if k is not None and k != "user_api_key_dict"]
    else:
        docs = [json.loads(text)] if path.suffix == ".json" else list(yaml.safe_load_all(text))
        keys = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                keys.extend(str(k) for k in node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(docs)
    out += [f"{path}: field {k}" for k in keys if HANDOFF_SECRET_KEY.search(k)]
    return out


HANDOFF_FILES = sorted(p for p in GOLDEN.glob("*/handoff/**/*") if p.is_file())


def test_every_example_renders_hand_off_files_to_scan() -> None:
    with_workloads = {e.stem for e in EXAMPLES if generate(e)[1].trust_edges}
    assert {p.parents[2].name for p in HANDOFF_FILES} >= with_workloads >= {"production-pattern", "aws-bedrock"}
    assert {p.suffix for p in HANDOFF_FILES} == {".yaml", ".json", ".env", ".py"}


@pytest.mark.parametrize("path", HANDOFF_FILES, ids=lambda p: str(p.relative_to(GOLDEN)))
def test_hand_off_file_has_no_long_lived_credential(path: Path) -> None:
    assert _handoff_problems(path, path.read_text()) == []


def test_hand_off_files_completed_from_outputs_have_none(tmp_path: Path) -> None:
    """The files `mcai handoff --from-outputs` writes after apply are scanned too (every example)."""
    from handoff.handoff_fixtures import write_outputs
    from typer.testing import CliRunner

    from mcai.cli.app import app

    for example in EXAMPLES:
        work = tmp_path / example.stem
        work.mkdir()
        args = [a for p in write_outputs(example, work) for a in ("--from-outputs", p)]
        result = CliRunner().invoke(app, ["handoff", str(example), *args, "-o", str(work / "out")])
        assert result.exit_code == 0, result.output
        files = [p for p in (work / "out").rglob("*") if p.is_file() and p.name != "mcai-manifest.json"]
        assert len(files) == len(list((GOLDEN / example.stem).glob("handoff/**/*.*")))
        for path in files:
            assert _handoff_problems(path, path.read_text()) == []


def test_the_hand_off_scanner_catches_what_it_looks_for(tmp_path: Path) -> None:
    cases = {
        "a.yaml": "model_list:\n- litellm_params: {model: azure/x, api_key: os.environ/AZURE_API_KEY}\n",
        "b.yaml": "cache_params: {password: hunter2}\n",
        "c.env": "AZURE_CLIENT_SECRET=abc\n",
        "d.json": '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMII"}',
        "e.yaml": "env: [{name: AWS_ACCESS_KEY_ID, value: AKIAABCDEFGHIJKLMNOP}]\n",
        "f.yaml": "stringData: {conn: 'DefaultEndpointsProtocol=https;AccountKey=abc'}\n",
        "g.py": "data['extra_headers'] = {'Authorization': 'Bearer ' + api_key}\n",
        "h.py": "def hook(self, data):\n    data.update(aws_secret_access_key=value)\n",
    }
    for name, text in cases.items():
        assert _handoff_problems(tmp_path / name, text), name


# -- function sources and their packages (the audit receiver's handler.py and handler.zip) --------------------------
FUNCTION_FILES = sorted(p for p in GOLDEN.glob("*/*/modules/*/*") if p.suffix in (".py", ".zip"))


def test_function_sources_and_packages_have_no_long_lived_credential() -> None:
    """A function mcai ships holds no key either: its source is scanned like the hand-off callback (every name,
    attribute and string), and every file inside its zip the same way, so a package can hide nothing its source
    does not show."""
    import io
    import zipfile

    assert {p.suffix for p in FUNCTION_FILES} == {".py", ".zip"}, "no rendered function to scan"
    for path in FUNCTION_FILES:
        if path.suffix == ".py":
            assert _handoff_problems(path, path.read_text()) == []
            continue
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            for name in archive.namelist():
                assert name.endswith(".py"), f"{path}: {name} is not function source"
                assert _handoff_problems(path / name, archive.read(name).decode("utf-8")) == []
