"""Nothing stateful is destroyed by an innocent change, and logs holding prompts are protected (issue 13, items 2, 4,
8 and 9). Checked over the derived topology and the rendered HCL (python-hcl2), never over hand-written goldens."""

from __future__ import annotations

import hcl2
import pytest
from conftest import REPO

from mcai.pipeline import generate
from mcai.spec import parse_spec
from mcai.topology import derive
from mcai.topology.model import PROTECTED

PRODUCTION = REPO / "examples" / "production-pattern.yaml"


def _unquote(name: str) -> str:
    return name.strip('"')


def resources(tree, path: str) -> dict[tuple[str, str], dict]:
    """(type, name) -> body of every resource block in one rendered file."""
    parsed = hcl2.loads(tree[path].decode())
    return {(_unquote(t), _unquote(n)): body
            for block in parsed.get("resource", []) for t, named in block.items() for n, body in named.items()}


def moved_blocks(tree, path: str) -> list[tuple[str, str]]:
    return [(m["from"], m["to"]) for m in hcl2.loads(tree[path].decode()).get("moved", [])]


@pytest.fixture(scope="module")
def production():
    return generate(PRODUCTION)


def _prevent_destroy(body: dict) -> bool:
    return any(block.get("prevent_destroy") is True for block in body.get("lifecycle", []))


@pytest.mark.parametrize(("module", "rtype"), sorted(PROTECTED))
def test_protected_resources_refuse_destroy(module: str, rtype: str) -> None:
    """Every module listed as protected really declares prevent_destroy on that resource (the generated README's
    list comes from the same table)."""
    parsed = hcl2.loads("".join(p.read_text() for p in sorted((REPO / "modules" / module).glob("main*.tf"))))
    found = [body for block in parsed.get("resource", []) for t, named in block.items() if _unquote(t) == rtype
             for body in named.values()]
    assert found and all(_prevent_destroy(b) for b in found), f"{rtype} in {module} can be destroyed by accident"


def test_committed_throughput_is_protected() -> None:
    _, topology, _ = generate(REPO / "examples" / "aws-bedrock.yaml")
    assert ("aws", 'module.bedrock.aws_bedrock_provisioned_model_throughput.this["haiku"]') in topology.protected


def test_the_issue_list_is_protected_in_the_production_pattern(production) -> None:
    _, topology, tree = production
    protected = {address.split(".")[2] for _, address in topology.protected}
    assert {"aws_s3_bucket", "aws_opensearchserverless_collection", "google_bigquery_dataset",
            "azurerm_cognitive_account"} <= protected  # (no provisioned throughput in this example)
    readme = tree["README.md"].decode()
    assert "## Protected resources" in readme and "terraform state rm" in readme
    assert "module.data_documents.aws_s3_bucket.this" in readme


def test_the_readme_says_how_to_remove_an_estate_on_purpose() -> None:
    readme = (REPO / "README.md").read_text()
    assert "prevent_destroy" in readme and "Removing an estate on purpose" in readme


def _variant(spillover: bool):  # type: ignore[no-untyped-def]
    text = PRODUCTION.read_text()
    if not spillover:
        text = text.replace("    spillover: gpt51-paygo", "")
    return derive(parse_spec(text, "production-pattern.yaml"))


def _deployment_addresses(topology) -> dict[str, str]:  # type: ignore[no-untyped-def]
    call = next(m for m in topology.stack("azure").modules if m.label == "openai")
    return {r.address.split("[")[1]: r.address for r in call.resources if r.type == "azurerm_cognitive_deployment"}


def test_toggling_spillover_keeps_every_deployment_address() -> None:
    with_spillover, without = _variant(True), _variant(False)
    assert _deployment_addresses(with_spillover) == _deployment_addresses(without)
    assert _deployment_addresses(without)['"gpt51"]'] == 'provisioned["gpt51"]'


def test_addresses_that_moved_get_moved_blocks(production) -> None:
    _, _, tree = production
    assert ('${module.openai.azurerm_cognitive_deployment.this["gpt51"]}',
            '${module.openai.azurerm_cognitive_deployment.provisioned["gpt51"]}') in moved_blocks(tree, "azure/main.tf")
    module_moves = moved_blocks(tree, "azure/modules/azure-openai/main.deployments.tf")
    assert ("${azurerm_cognitive_deployment.with_spillover}", "${azurerm_cognitive_deployment.provisioned}") \
        in module_moves


def test_a_spillover_target_inherits_the_primarys_content_filter() -> None:
    deployments = next(m for m in _variant(True).stack("azure").modules if m.label == "openai").inputs["deployments"]
    assert deployments["gpt51"]["content_filter"] == "gpt51-filter"
    assert deployments["gpt51-paygo"]["content_filter"] == "gpt51-filter"


def test_a_spillover_target_keeps_its_own_content_filter() -> None:
    text = PRODUCTION.read_text().replace(
        "deployment: {type: global_standard, tpm_thousands: 300}",
        "deployment: {type: global_standard, tpm_thousands: 300}\n    content_filter: {hate: high}")
    call = next(m for m in derive(parse_spec(text, "p.yaml")).stack("azure").modules if m.label == "openai")
    assert call.inputs["deployments"]["gpt51-paygo"]["content_filter"] == "gpt51-paygo-filter"


def test_invocation_logs_are_versioned_expired_and_encrypted_with_a_key(production) -> None:
    _, topology, tree = production
    logging = next(m for m in topology.stack("aws").modules if m.label == "bedrock").inputs["invocation_logging"]
    assert logging["customer_managed_key"] is True, "the production pattern encrypts prompts with its own key"
    found = resources(tree, "aws/modules/aws-bedrock/main.logging.tf")
    assert ("aws_s3_bucket_versioning", "invocation_logs") in found
    assert ("aws_kms_key", "invocation_logs") in found
    rule = found[("aws_s3_bucket_lifecycle_configuration", "invocation_logs")]["rule"][0]
    assert rule["abort_incomplete_multipart_upload"] and rule["noncurrent_version_expiration"]
    assert "kms_key_id" in found[("aws_cloudwatch_log_group", "invocation_logs")]


def test_documents_bucket_expires_old_versions(production) -> None:
    _, _, tree = production
    found = resources(tree, "aws/modules/aws-documents-bucket/main.tf")
    rule = found[("aws_s3_bucket_lifecycle_configuration", "this")]["rule"][0]
    assert rule["noncurrent_version_expiration"] and rule["abort_incomplete_multipart_upload"]



def _bedrock_call(logging: str):  # type: ignore[no-untyped-def]
    text = PRODUCTION.read_text().replace(
        "invocation_logging: {s3: true, cloudwatch: true, retention_days: 90, customer_managed_key: true}", logging)
    stack = derive(parse_spec(text, "p.yaml")).stack("aws")
    call = next(m for m in stack.modules if m.label == "bedrock")
    return call, stack.manual_steps


def test_the_stack_says_it_owns_the_account_wide_logging_configuration() -> None:
    call, steps = _bedrock_call("invocation_logging: {s3: true}")
    assert any(r.type == "aws_bedrock_model_invocation_logging_configuration" for r in call.resources)
    assert any("this stack owns it for account 111122223333 in us-east-1" in s for s in steps)


def test_logging_owned_by_another_stack_is_not_emitted() -> None:
    call, steps = _bedrock_call("invocation_logging: {owned_by: security-baseline}")
    assert call.inputs["invocation_logging"] is None
    assert not any(r.type.startswith(("aws_bedrock_model_invocation", "aws_s3_bucket")) for r in call.resources)
    assert any("owned by 'security-baseline'" in s for s in steps)


def test_the_account_wide_outbound_federation_switch_is_protected() -> None:
    """Destroying aws_iam_outbound_web_identity_federation turns the feature off for the whole account (other stacks'
    roles included): an innocent `terraform destroy` of this stack must not do it."""
    _, topology, tree = generate(REPO / "examples" / "identity-federation.yaml")
    address = "module.outbound_identity_federation.aws_iam_outbound_web_identity_federation.this"
    assert ("aws", address) in topology.protected
    assert address in tree["README.md"].decode()
