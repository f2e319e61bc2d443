"""Values checked where they are written: digits that only look like digits, negative or absurd figures, reversed
ranges, retention periods CloudWatch refuses, tags a cloud reserves or would merge, regions with a typo. Each is a
located error (exit 1, nothing written); the valid neighbours still pass."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sandbox import REPO, Sandbox, assert_spec_problem, box  # noqa: F401

BASES = {name: (REPO / "examples" / f"{name}.yaml").read_text()
         for name in ("aws-bedrock", "azure-openai", "gcp-vertex", "production-pattern")}


def edit(base: str, old: str, new: str) -> str:
    text = BASES[base]
    assert old in text, old
    return text.replace(old, new, 1)


PP_TAGS = "tags:\n  owner: platform-team\n  cost-center: ai-123\n"
PP_USAGE = "  requests_per_month: 10_000_000"
PP_FLOW = "gb_per_week: 500,"

INVALID: dict[str, tuple[str, tuple[str, ...]]] = {
    # digits that are not ASCII digits
    "arabic-indic-account-id": (edit("aws-bedrock", '"111122223333"', '"١١١١٢٢٢٢٣٣٣٣"'), ("12-digit AWS account id",)),
    "fullwidth-region-digit": (edit("aws-bedrock", "region: us-east-1", "region: us-east-１"), ("AWS region code",)),
    "devanagari-project-number": (edit("gcp-vertex", '"123456789012"', '"१२३४५६७८९०१२"'),
                                  ("clouds.gcp.project_number",)),
    "fullwidth-gcp-region": (edit("gcp-vertex", "region: us-east4", "region: us-east４"), ("clouds.gcp.region",)),
    # region typos against the dated catalog
    "aws-region-typo": (edit("aws-bedrock", "region: us-east-1", "region: eu-cental-1"), ("did you mean 'eu-central-1'",)),
    "aws-region-unknown-number": (edit("aws-bedrock", "region: us-east-1", "region: us-east-7"), ("regions.yaml",)),
    "azure-location-typo": (edit("azure-openai", "location: swedencentral", "location: westus9"),
                            ("not an Azure location", "did you mean")),
    "azure-location-misspelt": (edit("azure-openai", "location: swedencentral", "location: swedencentrl"),
                                ("did you mean 'swedencentral'",)),
    "gcp-region-typo": (edit("production-pattern", "region: us-east4", "region: europe-north9"), ("did you mean",)),
    # retention CloudWatch refuses
    "retention-negative": (edit("aws-bedrock", "retention_days: 90", "retention_days: -1"), ("retention period",)),
    "retention-zero": (edit("aws-bedrock", "retention_days: 90", "retention_days: 0"), ("nearest 1",)),
    "retention-two": (edit("aws-bedrock", "retention_days: 90", "retention_days: 2"), ("retention period",)),
    "retention-absurd": (edit("aws-bedrock", "retention_days: 90", "retention_days: 100000"), ("nearest 3653",)),
    "retention-string": (edit("aws-bedrock", "retention_days: 90", "retention_days: '90'"), ("whole number",)),
    # negative, absurd or reversed figures
    "negative-requests": (edit("production-pattern", PP_USAGE, "  requests_per_month: -5"), ("finite number from 0",)),
    "negative-flow": (edit("production-pattern", PP_FLOW, "gb_per_week: -500,"), ("finite number from 0",)),
    "reversed-range": (edit("production-pattern", PP_USAGE, "  requests_per_month: [10, 1]"), ("low <= high",)),
    "negative-range-low": (edit("production-pattern", PP_USAGE, "  requests_per_month: [-1, 5]"), ("from 0",)),
    "absurd-requests": (edit("production-pattern", PP_USAGE, "  requests_per_month: 1.0e+16"), ("from 0 to",)),
    "negative-size": (edit("aws-bedrock", "size_gb: 500", "size_gb: -1"), ("greater than or equal to 0",)),
    "absurd-size": (edit("aws-bedrock", "size_gb: 500", "size_gb: 1.0e+12"), ("less than or equal to",)),
    "nan-tokens": (edit("production-pattern", "  input_tokens: 1000", "  input_tokens: .nan"), ("not a finite",)),
    "three-item-range": (edit("production-pattern", PP_USAGE, "  requests_per_month: [1, 2, 3]"),
                         ("requests_per_month",)),
    # tags per cloud
    "tag-aws-prefix": (edit("aws-bedrock", "  owner: platform-team", "  aws:owner: platform-team"),
                       ("'aws:' prefix",)),
    "tag-aws-prefix-upper": (edit("aws-bedrock", "  owner: platform-team", "  AWS:owner: x"), ("'aws:' prefix",)),
    "tag-managed-by": (edit("aws-bedrock", "  owner: platform-team", "  managed-by: me"), ("set by mcai itself",)),
    "tag-mcai-estate-case": (edit("aws-bedrock", "  owner: platform-team", "  MCAI-Estate: me"), ("set by mcai",)),
    "tag-azure-case-collision": (edit("azure-openai", "  owner: ml-platform", "  owner: ml-platform\n  Owner: x"),
                                 ("differ only in case",)),
    "tag-azure-forbidden-char": (edit("azure-openai", "  owner: ml-platform", "  team/owner: ml-platform"),
                                 ("Azure tag names cannot hold",)),
    "tag-value-padded": (edit("aws-bedrock", "  owner: platform-team", "  owner: ' platform-team'"),
                         ("starts or ends with a space",)),
    "tag-gcp-uppercase": (edit("gcp-vertex", "  owner: platform-team", "  Owner: platform-team"),
                          ("GCP label key",)),
    "tag-null-key-is-text": (edit("aws-bedrock", "  owner: platform-team", "  owner: platform-team\n  ~: x"),
                             ("tags.~",)),
    "tag-value-newline": (edit("aws-bedrock", "  owner: platform-team", '  owner: "a\\nb"'), ("tag",)),
    # Azure reserves tag names starting with microsoft, azure or windows (any case)
    "tag-azure-reserved-microsoft": (edit("azure-openai", "  owner: ml-platform", "  microsoft-team: ml-platform"),
                                     ("starts with 'microsoft'", "tags.microsoft-team")),
    "tag-azure-reserved-azure-case": (edit("azure-openai", "  owner: ml-platform", "  AzureOwner: ml-platform"),
                                      ("starts with 'azure'",)),
    "tag-azure-reserved-windows": (edit("azure-openai", "  owner: ml-platform", "  windows: '11'"),
                                   ("starts with 'windows'",)),
    "tag-azure-reserved-multicloud": (edit("production-pattern", "  owner: platform-team", "  azure-cost: x"),
                                      ("prefix Azure reserves",)),
    # GCP retention: BigQuery table expiration is 1 to 36,500 whole days
    "gcp-expiration-zero": (edit("gcp-vertex", "kind: bigquery,", "kind: bigquery, default_table_expiration_days: 0,"),
                            ("default_table_expiration_days", "greater than or equal to 1")),
    "gcp-expiration-negative": (edit("gcp-vertex", "kind: bigquery,",
                                     "kind: bigquery, default_table_expiration_days: -30,"), ("greater than or equal",)),
    "gcp-expiration-absurd": (edit("gcp-vertex", "kind: bigquery,",
                                   "kind: bigquery, default_table_expiration_days: 40000,"), ("less than or equal to",)),
    "gcp-expiration-fraction": (edit("gcp-vertex", "kind: bigquery,",
                                     "kind: bigquery, default_table_expiration_days: 1.5,"), ("whole number",)),
    # a region newer than the catalog needs the explicit escape hatch
    "aws-region-unlisted-hint": (edit("aws-bedrock", "region: us-east-1", "region: us-east-9"),
                                 ("unlisted_region: true",)),
    # made-up model ids against the dated catalogs (issue 12: they were rendered into providers and IAM)
    "bedrock-model-made-up": (edit("aws-bedrock", "model: anthropic.claude-haiku-4-5-20251001-v1:0",
                                   "model: anthropic.claude-haiku-4-5-20251001-v9:0"),
                              ("unknown bedrock model", "did you mean", "unlisted: true")),
    "vertex-model-made-up": (edit("gcp-vertex", "model: gemini-2.5-pro", "model: gemini-2.5-pr0"), ("did you mean",)),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_value(box: Sandbox, case: str) -> None:  # noqa: F811
    text, needles = INVALID[case]
    box.spec(text)
    result = box.run("plan", "spec.yaml", "-o", box.out)
    assert_spec_problem(result, "spec.yaml", *needles)
    assert not box.out.exists()


VALID: dict[str, str] = {
    "retention-one-year": edit("aws-bedrock", "retention_days: 90", "retention_days: 365"),
    "ordered-range": edit("production-pattern", PP_USAGE, "  requests_per_month: [1_000_000, 2_000_000]"),
    "zero-flow": edit("production-pattern", PP_FLOW, "gb_per_week: 0,"),
    "unicode-tag-value": edit("aws-bedrock", "  owner: platform-team", "  owner: équipe"),
    "tag-on-key-is-text": edit("aws-bedrock", "  owner: platform-team", "  owner: platform-team\n  on: x"),
    "hcl-keyword-tag-key": edit("aws-bedrock", "  owner: platform-team", "  owner: platform-team\n  for: x\n  in: y"),
    "tag-azure-reserved-word-inside": edit("azure-openai", "  owner: ml-platform", "  team-azure: ml-platform"),
    "tag-azure-prefix-aws-only": edit("aws-bedrock", "  owner: platform-team", "  azure-cost: x"),
    "gcp-expiration-one-year": edit("gcp-vertex", "kind: bigquery,", "kind: bigquery, default_table_expiration_days: 365,"),
    # the escape hatch for a region newer than the catalog, per cloud (GCP: also the Vertex location inherited)
    "aws-region-unlisted": edit("aws-bedrock", "region: us-east-1", "region: us-east-9\n    unlisted_region: true"),
    "azure-location-unlisted": edit("azure-openai", "location: swedencentral",
                                    "location: swedennorth\n    unlisted_region: true"),
    "gcp-region-unlisted": edit("gcp-vertex", "region: us-east4", "region: us-east9\n    unlisted_region: true"),
    # the escape hatch for a model newer than the catalog
    "bedrock-model-unlisted": edit("aws-bedrock", "model: anthropic.claude-haiku-4-5-20251001-v1:0",
                                   "model: anthropic.claude-haiku-9-9-20261101-v1:0\n    unlisted: true"),
}


@pytest.mark.parametrize("case", sorted(VALID))
def test_valid_neighbour(box: Sandbox, case: str) -> None:  # noqa: F811
    box.spec(VALID[case])
    result = box.run("plan", "spec.yaml", "-o", box.out)
    assert result.exit_code == 0, result.stderr
    assert ("region-unlisted" in result.stdout) == ("unlisted_region" in VALID[case])  # the report says so
    assert ("model-unlisted" in result.stdout) == ("unlisted: true" in VALID[case])


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is required (CI has it)")
def test_hcl_keyword_tag_keys_render_fmt_clean(box: Sandbox) -> None:  # noqa: F811
    box.spec(VALID["hcl-keyword-tag-key"])
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    text = (box.out / "aws" / "providers.tf").read_text()
    assert '"for"       = "x"' in text
    fmt = subprocess.run(["terraform", "fmt", "-check", "-"], input=text, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
