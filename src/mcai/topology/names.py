"""Deterministic resource names, checked against the limits each cloud enforces.

A name that breaks a limit is reported against the spec location it came from, at validate time, not at apply time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mcai.diagnostics import Diagnostic, Path
from mcai.spec.loader import SourceMap


@dataclass(frozen=True)
class NameRule:
    what: str
    min_len: int
    max_len: int
    pattern: str
    charset_hint: str


AWS_IAM_ROLE = NameRule("IAM role name", 1, 64, r"[\w+=,.@-]+", "letters, digits and +=,.@_-")
AWS_GUARDRAIL = NameRule("Bedrock guardrail name", 1, 50, r"[0-9a-zA-Z_-]+", "letters, digits, '-' and '_'")
AWS_PROVISIONED_MODEL = NameRule("Bedrock provisioned model name", 1, 63, r"([0-9a-zA-Z][_-]?)+",
                                 "letters and digits, single '-' or '_' between them")
AWS_S3_BUCKET = NameRule("S3 bucket name", 3, 63, r"[a-z0-9][a-z0-9.-]*[a-z0-9]", "lowercase letters, digits, '.-'")
AWS_ELASTICACHE_ID = NameRule("ElastiCache replication group id", 1, 40, r"[a-z](-?[a-z0-9])*",
                              "lowercase letters, digits and single hyphens, starting with a letter")
AWS_ELASTICACHE_USER = NameRule("ElastiCache user id", 1, 40, r"[a-zA-Z](-?[a-zA-Z0-9])*",
                                "letters, digits and single hyphens, starting with a letter")
AWS_AOSS_NAME = NameRule("OpenSearch Serverless collection name", 3, 32, r"[a-z][a-z0-9-]+",
                         "lowercase letters, digits and '-', starting with a letter")
AZURE_MANAGED_REDIS = NameRule("Azure Managed Redis name", 1, 60, r"[A-Za-z0-9](-?[A-Za-z0-9])*",
                               "letters, digits and single hyphens, starting and ending with a letter or digit")
GCP_MEMORYSTORE_ID = NameRule("Memorystore instance id", 4, 63, r"[a-z](-?[a-z0-9])*",
                              "lowercase letters, digits and single hyphens, starting with a letter")
GCP_CONNECTION_POLICY = NameRule("service connection policy name", 1, 63, r"[a-z]([-a-z0-9]*[a-z0-9])?",
                                 "lowercase letters, digits and hyphens, starting with a letter")
AWS_KNOWLEDGE_BASE = NameRule("Bedrock knowledge base and S3 vector index name", 3, 63, r"[a-z0-9][a-z0-9-]*[a-z0-9]",
                              "lowercase letters, digits and '-', starting and ending with a letter or digit")
AWS_VECTOR_BUCKET = NameRule("S3 vector bucket name", 3, 63, r"[a-z0-9][a-z0-9-]*[a-z0-9]",
                             "lowercase letters, digits and '-', starting and ending with a letter or digit")
AWS_SECURITY_GROUP = NameRule("security group name", 1, 255, r"[\w .:/()#,@\[\]+=&;{}!$*-]+", "printable ASCII")


@dataclass
class Namer:
    """Builds names and collects every limit violation as a diagnostic (reported together)."""

    source: SourceMap
    problems: list[Diagnostic] = field(default_factory=list)
    issued: dict[tuple[str, str], Path] = field(default_factory=dict)
    """(kind, name) -> the spec path of every name issued: the estate checks compare them between specs."""

    def name(self, rule: NameRule, value: str, spec_path: Path) -> str:
        self.issued.setdefault((rule.what, value), spec_path)
        if not (rule.min_len <= len(value) <= rule.max_len):
            advice = "shorten 'name', 'environment' or this key" if len(value) > rule.max_len else "use a longer key"
            self._report(spec_path, f"derived {rule.what} '{value}' is {len(value)} characters; the cloud allows "
                                    f"{rule.min_len}-{rule.max_len} ({advice})")
        elif not re.fullmatch(rule.pattern, value):
            self._report(spec_path, f"derived {rule.what} '{value}' may only contain {rule.charset_hint}")
        return value

    def _report(self, path: Path, message: str) -> None:
        self.problems.append(Diagnostic(path, message, self.source.key(path)))
