"""Model lifecycle warnings from the dated catalogs (errors for retired models are spec rules: spec/lifecycle.py).

A legacy, deprecated or preview model, or one retiring within 90 days of the catalog date, is a warning with the
date; a model used with `unlisted: true` gets an info finding saying its lifecycle is unchecked, and so does a home
region marked `unlisted_region: true` (newer than the dated region catalog)."""

from __future__ import annotations

from collections.abc import Iterator

from mcai import catalog
from mcai.findings import finding, finding_rule
from mcai.report.model import Finding
from mcai.spec import ValidSpec
from mcai.spec.lifecycle import CATALOGS, SOON_DAYS, checked, lifecycle, table_path
from mcai.topology.model import Topology

STATES = {"legacy": "is Legacy (superseded; plan the move)",
          "deprecated": "is deprecated (no new customers; existing deployments run until retirement)",
          "preview": "is a preview (not for production; it may change or be withdrawn)"}


@finding_rule
def model_lifecycle(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    for key, model in sorted(vspec.spec.models.items()):
        path = ("models", key, "model")
        if model.unlisted:
            yield finding(vspec, "model-unlisted", "info",
                          f"{key}: {model.model} is not checked against mcai's model catalog "
                          f"({table_path(model.provider)}, as of {catalog.load(CATALOGS[model.provider])['as_of']}): "
                          "confirm it is available and not retiring", path)
            continue
        life = lifecycle(model) if checked(model) else None
        if life is None or life.retired:
            continue
        days = life.days_left
        soon = days is not None and days <= SOON_DAYS
        if life.state not in STATES and not soon:
            continue
        parts = [STATES[life.state]] if life.state in STATES else []
        if life.retires is not None:
            parts.append(f"retires on {life.retires.isoformat()} ({days} days after the catalog date)")
        elif life.note:
            parts.append(life.note)
        yield finding(vspec, "model-lifecycle", "warning",
                      f"{key}: {life.model} {'; '.join(parts)}{life.instead()} ({life.cite()})", path)


@finding_rule
def unlisted_regions(vspec: ValidSpec, topology: Topology) -> Iterator[Finding]:
    from mcai.spec.accounts import REGION_FIELD, each_account

    table = catalog.load("regions")
    for cloud, field in REGION_FIELD.items():
        for base, block in each_account(getattr(vspec.spec.clouds, cloud), cloud):
            if block.unlisted_region:
                yield finding(vspec, "region-unlisted", "info",
                              f"{'.'.join(base[1:])}: {field} '{getattr(block, field)}' is not checked against "
                              f"mcai's region catalog (src/mcai/data/regions.yaml, as of {table['as_of']}): confirm "
                              "the region exists and offers every service the stack uses", base + ("unlisted_region",))
