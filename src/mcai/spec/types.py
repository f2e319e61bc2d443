"""Constrained scalar types with messages a user can act on.

Each type checks a format a cloud enforces only at apply time (or not at all offline), so that mcai rejects it at
`validate` time with a precise message instead.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError


def pattern(regex: str, kind: str, hint: str, max_len: int | None = None, flags: int = re.ASCII) -> AfterValidator:
    """A string format check whose error says, in the user's terms, what is expected (`hint`). ASCII classes by
    default: `\\d` must not accept Arabic-Indic or full-width digits in an account id or a region."""
    compiled = re.compile(regex, flags)

    def check(value: str) -> str:
        if max_len is not None and len(value) > max_len:
            raise PydanticCustomError(kind, "{hint} (got {length} characters, at most {max})",
                                      {"hint": hint, "length": len(value), "max": max_len})
        if not compiled.fullmatch(value):
            raise PydanticCustomError(kind, "{hint} (got {value})", {"hint": hint, "value": repr(value)})
        return value

    return AfterValidator(check)


def _cidr(value: str) -> str:
    try:
        net = ipaddress.IPv4Network(value, strict=True)
    except ValueError as exc:
        raise PydanticCustomError("cidr", "must be an IPv4 CIDR block like 10.10.0.0/16 ({reason})",
                                  {"reason": str(exc)}) from None
    if not net.is_private:
        raise PydanticCustomError("cidr", "must be a private (RFC 1918) range, got {value}", {"value": value})
    return value


# A key used to name things in every cloud: lowercase, digits, hyphens (the intersection of the clouds' rules).
Slug = Annotated[str, pattern(r"[a-z]([a-z0-9-]*[a-z0-9])?", "slug",
                               "must be lowercase letters, digits and hyphens, starting with a letter and not "
                               "ending with a hyphen", max_len=40)]
EnvironmentName = Annotated[str, pattern(r"[a-z][a-z0-9]*", "environment",
                                          "must be lowercase letters and digits, starting with a letter",
                                          max_len=12)]
Cidr = Annotated[str, AfterValidator(_cidr)]
FreeText = Annotated[str, Field(max_length=500)]

AwsAccountId = Annotated[str, pattern(r"\d{12}", "aws_account_id", "must be a 12-digit AWS account id")]
AwsRegion = Annotated[str, pattern(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d", "aws_region",
                                    "must be an AWS region code like us-east-1")]
VpcId = Annotated[str, pattern(r"vpc-[0-9a-f]{8}([0-9a-f]{9})?", "vpc_id", "must be a VPC id like vpc-0a1b2c3d")]
SecurityGroupId = Annotated[str, pattern(r"sg-[0-9a-f]{8}([0-9a-f]{9})?", "security_group_id",
                                         "must be a security group id like sg-0a1b2c3d")]
SubnetId = Annotated[str, pattern(r"subnet-[0-9a-f]{8}([0-9a-f]{9})?", "subnet_id",
                                   "must be a subnet id like subnet-0a1b2c3d")]
EksClusterName = Annotated[str, pattern(r"[0-9A-Za-z][A-Za-z0-9_-]*", "eks_cluster",
                                         "must be an EKS cluster name (letters, digits, '-' and '_')", max_len=100)]
KubernetesName = Annotated[str, pattern(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", "kubernetes_name",
                                         "must be a Kubernetes name (RFC 1123 label: lowercase letters, digits, "
                                         "'-')", max_len=63)]
EksOidcIssuer = Annotated[str, pattern(r"https://oidc\.eks\.[a-z0-9-]+\.amazonaws\.com/id/[0-9A-F]{32}",
                                        "eks_oidc_issuer",
                                        "must be an EKS OIDC issuer URL like "
                                        "https://oidc.eks.us-east-1.amazonaws.com/id/<32 hex digits>")]
BedrockModelId = Annotated[str, pattern(r"[a-z0-9-]+\.[a-z0-9][a-z0-9.:-]*", "bedrock_model_id",
                                         "must be a Bedrock model id like anthropic.claude-sonnet-4-5-20250929-v1:0",
                                         max_len=140)]
GuardrailTopicName = Annotated[str, pattern(r"[0-9a-zA-Z_ !?.-]+", "topic_name",
                                             "must be 1-100 letters, digits, spaces and - _ ! ? .", max_len=100)]
# Tags may hold letters of any script (AWS and Azure allow them), so their classes stay Unicode.
TagKey = Annotated[str, pattern(r"[\w .:/=+@-]+", "tag_key",
                                 "must be 1-128 letters, digits, spaces and _ . : / = + - @", max_len=128, flags=0)]
TagValue = Annotated[str, pattern(r"[\w .:/=+@-]*", "tag_value",
                                   "may only hold letters, digits, spaces and _ . : / = + - @", max_len=256, flags=0)]


def _not_bool(value: object) -> object:
    # pydantic matches Literal[1] by equality, and True == 1: `version: yes` would pass as version 1.
    if isinstance(value, bool):
        raise PydanticCustomError("version", "must be the number 1 (got boolean {value})", {"value": str(value).lower()})
    return value


FormatVersion = Annotated[Literal[1], BeforeValidator(_not_bool)]
# A file a spec imports: relative, '/'-separated (resolved at loading, where every problem is located; the schema
# repeats the shape for editors).
ImportPath = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^/\\~][^\\]*$")]
