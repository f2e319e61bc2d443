"""The single table of pinned provider schemas.

Each row says: terraform gets provider ``name`` at exactly ``version``; its schema is
rebuilt from the PyPI package ``package==package_version`` (a CDK Terrain provider
binding, whose package.json records the provider version it was generated from).
To bump a pin, change one row; ``extract`` checks the package really encodes
``version`` and refuses otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pin:
    name: str  # provider type, e.g. "azurerm"
    version: str  # exact provider version terraform is given
    package: str  # PyPI distribution holding the generated bindings
    package_version: str

    @property
    def source(self) -> str:
        return f"registry.terraform.io/hashicorp/{self.name}"

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"


# Providers served to terraform through the schema stub.
STUB_PINS: tuple[Pin, ...] = (
    Pin("aws", "6.69.1", "cdktn-provider-aws", "25.8.1"),
    Pin("azurerm", "5.10.0", "cdktn-provider-azurerm", "18.9.0"),
    Pin("google", "7.46.1", "cdktn-provider-google", "20.3.1"),
    Pin("google", "8.7.0", "cdktn-provider-google", "21.1.0"),
    Pin("azuread", "3.10.0", "cdktn-provider-azuread", "17.1.0"),
)

# The real aws provider binary on the machine, and the package whose extraction is
# compared with it to prove the extractor (ground truth).
REAL_AWS_VERSION = "5.100.0"
AWS_GROUND_TRUTH = Pin("aws", "5.100.0", "cdktf-cdktf-provider-aws", "20.1.0")

# The stub runs in its own virtual environment (tf pins protobuf < 6).
STUB_REQUIREMENT = "tf==1.2.0"


def stub_pin(name: str, version: str) -> Pin:
    for pin in STUB_PINS:
        if (pin.name, pin.version) == (name, version):
            return pin
    raise KeyError(f"no pinned schema for {name} {version}")

# Providers whose resource types mcai may emit (types of other providers, e.g. random, are not checked).
KNOWN_PROVIDERS = frozenset({"aws", "azurerm", "google", "azuread"})
