"""Starter estates `mcai init --pattern NAME` writes: the shipped examples (they are golden-tested), under names a
team picks from `mcai init --list`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mcai import assets


@dataclass(frozen=True)
class Pattern:
    about: str
    files: dict[str, str]  # written name -> example file (relative to examples/)
    specs: tuple[str, ...]  # the written files that are specs (the others are imported by them)


PATTERNS: dict[str, Pattern] = {
    "aws-bedrock": Pattern(
        "AWS only: an inference router on EKS calling Claude on Bedrock (guardrail, provisioned fallback), a Valkey "
        "response cache, S3 documents and OpenSearch Serverless vectors",
        {"aws-bedrock.yaml": "aws-bedrock.yaml"}, ("aws-bedrock.yaml",)),
    "aws-knowledge-base": Pattern(
        "Retrieval where the data lives: S3 documents embedded by a Bedrock knowledge base (Titan Text Embeddings "
        "V2) into S3 Vectors, queried by the router before it calls Claude (needs the aws provider >= 6.27)",
        {"aws-knowledge-base.yaml": "aws-knowledge-base.yaml"}, ("aws-knowledge-base.yaml",)),
    "azure-openai-ptu": Pattern(
        "Azure only: a private, keyless Azure OpenAI account with a provisioned (PTU) GPT deployment that spills "
        "over into a pay-as-you-go twin, plus a smaller model and embeddings",
        {"azure-openai-ptu.yaml": "azure-openai.yaml"}, ("azure-openai-ptu.yaml",)),
    "gcp-vertex": Pattern(
        "Gemini on Vertex AI for a router on EKS: fallback chain, response cache on AWS, BigQuery analytics, "
        "Private Service Connect; Google Cloud is the control plane",
        {"gcp-vertex.yaml": "gcp-vertex.yaml"}, ("gcp-vertex.yaml",)),
    "production-pattern": Pattern(
        "The article's production pattern: platform on AWS, GPT on Azure OpenAI (PTUs + spillover) as primary, "
        "Claude on Bedrock as fallback, cache at the AWS boundary, a Bedrock knowledge base over the S3 documents, "
        "ExpressRoute/Direct Connect and HA VPN links",
        {"production-pattern.yaml": "production-pattern.yaml"}, ("production-pattern.yaml",)),
    "environments": Pattern(
        "An environments layout: org.yaml (company defaults) <- base.yaml (what every environment shares) <- "
        "dev.yaml and prod.yaml (each its own account, network and settings); plan dev.yaml and prod.yaml",
        {f"{name}.yaml": f"environments/{name}.yaml" for name in ("org", "base", "dev", "prod")},
        ("dev.yaml", "prod.yaml")),
}


def files(name: str) -> dict[str, bytes]:
    """Written name -> bytes of a pattern's files."""
    return {target: (assets.examples_dir() / source).read_bytes() for target, source in PATTERNS[name].files.items()}


def bundled_specs(name: str) -> list[Path]:
    """The pattern's specs where mcai ships them (validated before anything is written)."""
    pattern = PATTERNS[name]
    return [assets.examples_dir() / pattern.files[spec] for spec in pattern.specs]
