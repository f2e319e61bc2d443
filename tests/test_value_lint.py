"""The value lint (src/mcai/lint): values the cloud APIs refuse although `terraform validate` passes.

Every rule has a failing fixture; every golden stack and every module passes, read both by python-hcl2 and by the
small reader `mcai plan` uses (and the two readers see the same string values); `mcai plan` refuses to write a tree
its lint rejects."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLDEN, REPO
from lint.hcl2_reader import read as read_hcl2

from mcai import lint
from mcai.lint.rules import RULES

MODULES = REPO / "modules"

# rule id -> (resource type, attribute path, a value the API refuses, a value it accepts)
FIXTURES = {
    "ec2-security-group-description": ("aws_security_group", "description",
                                       "DNS to the other clouds' resolvers", "DNS to the resolvers (TCP/UDP 53)"),
    "ec2-security-group-name": ("aws_security_group", "name", "sg-cache", "estate-prod-cache"),
    "ec2-security-group-rule-description": ("aws_security_group", "ingress.description", "from the router's pods",
                                            "TLS from workloads"),
    "s3-bucket-name": ("aws_s3_bucket", "bucket", "Estate_Docs", "estate-prod-docs-111122223333"),
    "iam-role-name": ("aws_iam_role", "name", "estate prod router", "estate-prod-router"),
    "iam-policy-name": ("aws_iam_role_policy", "name", "least privilege", "least-privilege"),
    "elasticache-id": ("aws_elasticache_replication_group", "replication_group_id", "estate--cache-",
                       "estate-prod-cache"),
    "elasticache-user-id": ("aws_elasticache_user", "user_id", "1router", "router-iam"),
    "opensearch-serverless-name": ("aws_opensearchserverless_collection", "name", "Estate-Vectors",
                                   "estate-vectors"),
    "bedrock-guardrail-name": ("aws_bedrock_guardrail", "name", "estate.prod.claude", "estate-prod-claude"),
    "bedrock-provisioned-model-name": ("aws_bedrock_provisioned_model_throughput", "provisioned_model_name",
                                       "estate--haiku", "estate-prod-haiku"),
    "cloudwatch-log-group-name": ("aws_cloudwatch_log_group", "name", "/aws/bedrock/estate prod",
                                  "/aws/bedrock/estate-prod/invocations"),
    "route53-resolver-name": ("aws_route53_resolver_rule", "name", "1234", "estate-prod-googleapis-com"),
    "gcp-service-account-id": ("google_service_account", "account_id", "router-", "estate-router"),
    "gcp-workload-identity-id": ("google_iam_workload_identity_pool", "workload_identity_pool_id", "gcp-aws-pool",
                                 "estate-prod-aws"),
    "gcs-bucket-name": ("google_storage_bucket", "name", "google-training", "estate-prod-training"),
    "bigquery-dataset-id": ("google_bigquery_dataset", "dataset_id", "estate-prod-logs", "estate_prod_logs"),
    "azure-resource-group-name": ("azurerm_resource_group", "name", "rg-estate-prod.", "rg-estate-prod"),
    "azure-cognitive-account-name": ("azurerm_cognitive_account", "custom_subdomain_name", "-estate-openai",
                                     "estate-prod-openai"),
    "gce-resource-name": ("google_compute_router", "name", "Estate-Router", "estate-prod-router"),
    "gcp-psc-endpoint-name": ("google_compute_global_forwarding_rule", "name", "estate-prod", "estateprod"),
}


def _resource(rtype: str, path: str, value: str) -> str:
    attr = path.rsplit(".", 1)[-1]
    body = f'  {attr} = "{value}"\n'
    for block in reversed(path.split(".")[:-1]):
        body = f"  {block} {{\n  {body}  }}\n"
    return f'resource "{rtype}" "this" {{\n{body}}}\n'


def test_every_rule_has_a_fixture() -> None:
    assert {rule.id for rule in RULES.values()} == set(FIXTURES)


@pytest.mark.parametrize("rule_id", sorted(FIXTURES))
@pytest.mark.parametrize("reader", [lint.read, read_hcl2], ids=["mcai-reader", "python-hcl2"])
def test_rule_rejects_its_fixture_and_accepts_a_good_value(rule_id: str, reader) -> None:  # type: ignore[no-untyped-def]
    rtype, path, bad, good = FIXTURES[rule_id]
    found = lint.check_files({"main.tf": _resource(rtype, path, bad)}, reader=reader)
    assert [p.rule for p in found] == [rule_id], found
    assert lint.check_files({"main.tf": _resource(rtype, path, good)}, reader=reader) == []


def test_finds_the_apostrophe_in_the_dns_forwarding_security_group() -> None:
    """Regression: real EC2 refused this description ("Invalid security group description"); validate passed."""
    text = (MODULES / "aws-dns-forwarding" / "main.tf").read_text()
    before = text.replace("DNS to the resolvers of the other clouds only", "DNS to the other clouds' resolvers only")
    assert before != text
    found = lint.check_files({"main.tf": before})
    assert [(p.rule, p.line) for p in found] == [("ec2-security-group-description", 16)]
    assert "clouds' resolvers" in found[0].format()


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.tf"))}


GOLDENS = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("root", GOLDENS + [MODULES], ids=[p.name for p in GOLDENS] + ["modules"])
def test_goldens_and_modules_pass_the_lint_read_by_python_hcl2(root: Path) -> None:
    assert lint.check_files(_tree(root), reader=read_hcl2) == []
    assert lint.check_files(_tree(root)) == []


def _strings(blocks: list[lint.Block], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Every quoted-string value (what value rules read) by its block/attribute path."""
    out: dict[tuple[str, ...], str] = {}
    for block in blocks:
        key = prefix + (block.kind, *block.labels)

        def walk(values: dict, path: tuple[str, ...]) -> None:  # type: ignore[type-arg]
            for name, value in values.items():
                if isinstance(value, dict):
                    walk(value, path + (name,))
                elif isinstance(value, str) and value.startswith('"'):
                    out[path + (name,)] = value

        walk(block.attrs, key)
        out.update(_strings(block.blocks, key))
    return out


@pytest.mark.parametrize("root", GOLDENS, ids=[p.name for p in GOLDENS])
def test_mcai_reader_sees_the_strings_python_hcl2_sees(root: Path) -> None:
    """`mcai plan` lints with its own small reader (python-hcl2 is a test dependency only): prove it reads every
    string value of the rendered output exactly as python-hcl2 does."""
    for path, text in _tree(root).items():
        ours, theirs = _strings(lint.read(text)), _strings(read_hcl2(text))
        shared = {k: v for k, v in theirs.items() if k in ours}
        assert ours == shared, path
        checked = {k for k in theirs if k[0] == "resource" and (k[1], ".".join(k[3:])) in RULES}
        assert checked <= set(ours), path  # python-hcl2 also sees strings in lists and one-line objects: no rule


def test_values_passed_to_modules_are_followed_into_their_resources() -> None:
    """A guardrail name the root stack passes (`each.value.name` in the module) is checked."""
    tree = _tree(GOLDEN / "aws-bedrock")
    main = "aws/main.tf"
    tree[main] = tree[main].replace('name            = "support-assistant-prod-claude"',
                                    'name            = "support assistant prod claude"')
    found = lint.check_files(tree)
    assert [(p.rule, p.path) for p in found] == [("bedrock-guardrail-name", "aws/modules/aws-bedrock/main.tf")]
    assert "module.bedrock in aws/main.tf" in found[0].message


def test_plan_refuses_to_write_what_its_lint_rejects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from mcai import pipeline
    from mcai.cli.app import app

    real = pipeline.render

    def render_with_a_bad_value(topology, name, *rest, **extra):  # type: ignore[no-untyped-def]
        tree = real(topology, name, *rest, **extra)
        path = "aws/modules/aws-documents-bucket/main.tf"
        tree.files[path] = tree.files[path].replace(b"bucket = var.bucket_name", b'bucket = "Bad_Bucket"')
        return tree

    monkeypatch.setattr(pipeline, "render", render_with_a_bad_value)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", str(REPO / "examples" / "aws-bedrock.yaml"), "--out", str(out)])
    assert result.exit_code not in (0, 1), result.output
    assert "s3-bucket-name" in result.output and "Bad_Bucket" in result.output
    assert not out.exists()
