"""Cost estimate: a price catalog (data) and a pure estimator over explicit inputs read from the spec."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcai.cost.catalog import Catalog
    from mcai.cost.lines import Estimate
    from mcai.spec import ValidSpec


def estimate_spec(vspec: ValidSpec, catalog: Catalog | None = None) -> Estimate:
    """The estimate for a valid spec with the given catalog (default: mcai's own)."""
    from mcai.cost.catalog import default_catalog
    from mcai.cost.estimate import estimate
    from mcai.cost.inputs import from_spec

    return estimate(from_spec(vspec), catalog or default_catalog())


def load_prices(path: Path | None) -> Catalog:
    from mcai.cost.catalog import catalog_with

    return catalog_with(path)
