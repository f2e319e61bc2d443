"""Values checked where they are written, against what each cloud accepts at apply time: every account's region against the
dated catalog in `data/regions.yaml` (with "did you mean"), CloudWatch retention periods, and tags per cloud
(reserved prefixes: AWS's `aws:`, Azure's microsoft/azure/windows; Azure's forbidden characters and case-insensitive
names; the keys mcai sets itself). GCP's retention limit (BigQuery table expiration, 1-36,500 whole
days) is a field bound in spec/gcp.py."""

from __future__ import annotations

from collections.abc import Iterator

from mcai import catalog
from mcai.spec.accounts import REGION_FIELD, each_account
from mcai.spec.aws import LOG_RETENTION_DAYS
from mcai.spec.errors import suggest
from mcai.spec.models import Spec
from mcai.spec.rules import Finding, declared_clouds, rule

# Tags mcai adds to every resource (topology `default_tags`): a user tag with one of these names would be lost.
MCAI_TAG_KEYS = ("managed-by", "mcai-estate")
AZURE_TAG_FORBIDDEN = set('<>%&\\?/')
AZURE_TAG_KEY_MAX = 512
# Azure Resource Manager refuses tag names starting with these (any case): they are Azure's own.
AZURE_RESERVED_TAG_PREFIXES = ("microsoft", "azure", "windows")


def known_regions(cloud: str) -> list[str]:
    regions: list[str] = catalog.load("regions")[cloud]["regions"]
    return regions


def _unknown_region(cloud: str, value: str, base: tuple[str, ...] = ()) -> str:
    table = catalog.load("regions")
    what = {"aws": "an AWS region", "azure": "an Azure location", "gcp": "a GCP region"}[cloud]
    return (f"'{value}' is not {what} mcai knows{suggest(value, known_regions(cloud))} "
            f"(regions as of {table['as_of']}, src/mcai/data/regions.yaml; if it is newer than that, set "
            f"'unlisted_region: true' in {'.'.join(base) or 'clouds.' + cloud})")


@rule
def regions_exist(spec: Spec) -> Iterator[Finding]:
    """Every account's region (Azure: location), each at the place it is written."""
    for cloud, field in REGION_FIELD.items():
        for base, block in each_account(getattr(spec.clouds, cloud), cloud):
            value = getattr(block, field)
            if value and not block.unlisted_region and value not in known_regions(cloud) \
                    and not _vertex_reports(spec, cloud, base, value):
                yield base + (field,), _unknown_region(cloud, value, base)


def _vertex_reports(spec: Spec, cloud: str, base: tuple[str, ...], region: str) -> bool:
    """The Vertex rule already reports this GCP region (with the Vertex table's suggestion): say it once."""
    from mcai.spec.gcp_rules import inheriting_accounts, vertex_regions

    return cloud == "gcp" and base in inheriting_accounts(spec) and region not in vertex_regions()


@rule
def retention_is_a_cloudwatch_period(spec: Spec) -> Iterator[Finding]:
    for base, settings in each_account(spec.clouds.aws, "aws"):
        logging = settings.bedrock.invocation_logging
        if logging is None or logging.retention_days in LOG_RETENTION_DAYS:
            continue
        days = logging.retention_days
        nearest = min(LOG_RETENTION_DAYS, key=lambda d: (abs(d - days), d))
        yield (base + ("bedrock", "invocation_logging", "retention_days"),
               f"must be a CloudWatch Logs retention period in days ({', '.join(map(str, LOG_RETENTION_DAYS))}); "
               f"got {days}, nearest {nearest}")


@rule
def tags_fit_every_cloud(spec: Spec) -> Iterator[Finding]:
    clouds = declared_clouds(spec)
    seen: dict[str, str] = {}
    for key, value in spec.tags.items():
        path = ("tags", key)
        if key.lower() in MCAI_TAG_KEYS:
            yield path, f"tag '{key}' is set by mcai itself on every resource ({', '.join(MCAI_TAG_KEYS)}); " \
                        "choose another key"
        if "aws" in clouds and key.lower().startswith("aws:"):
            yield path, f"tag key '{key}' uses the 'aws:' prefix, which AWS reserves for its own tags"
        if "azure" in clouds:
            bad = sorted(AZURE_TAG_FORBIDDEN & set(key))
            if bad:
                yield path, (f"tag key '{key}' contains {' '.join(repr(c) for c in bad)}, which Azure tag names "
                             "cannot hold")
            if len(key) > AZURE_TAG_KEY_MAX:
                yield path, f"tag key is longer than Azure's {AZURE_TAG_KEY_MAX} characters"
            reserved = next((p for p in AZURE_RESERVED_TAG_PREFIXES if key.lower().startswith(p)), None)
            if reserved:
                yield path, (f"tag key '{key}' starts with '{reserved}', a prefix Azure reserves for its own tags "
                             f"({', '.join(AZURE_RESERVED_TAG_PREFIXES)}); choose another key")
            if key.lower() in seen:
                yield path, (f"tag keys '{seen[key.lower()]}' and '{key}' differ only in case; Azure tag names are "
                             "case-insensitive, so one would overwrite the other")
            seen.setdefault(key.lower(), key)
        if value != value.strip():
            yield path, f"tag value {value!r} starts or ends with a space, which the clouds trim or refuse"
