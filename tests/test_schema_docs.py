"""Field descriptions reach the published schemas from the docstrings under each field (read only when asked)."""

from __future__ import annotations

from mcai.cost.catalog import json_schema as prices_schema
from mcai.spec import json_schema
from mcai.spec.aws import AwsCloud
from mcai.spec.docs import attribute_docs


def test_attribute_docs_are_read_from_source() -> None:
    docs = attribute_docs(AwsCloud)
    assert docs["region"] == "Home region of the stack, e.g. `us-east-1`."
    assert "network" not in docs, "a field without a docstring has no entry"


def test_nested_and_aliased_fields_are_described() -> None:
    schema = json_schema()
    assert schema["$defs"]["AwsCloud"]["properties"]["account_id"]["description"].startswith("The 12-digit")
    assert schema["$defs"]["Flow"]["properties"]["from"]["description"] == "Source cloud (where the data lives)."
    assert schema["properties"]["control_plane"]["description"].startswith("The one cloud")


def test_every_documented_field_is_described_in_the_schema() -> None:
    import mcai.spec.docs as docs

    schema = json_schema()
    models = docs._models(__import__("mcai.spec.models", fromlist=["Spec"]).Spec)
    missing = []
    for name, definition in schema["$defs"].items():
        cls = models.get(name)
        for field in attribute_docs(cls) if cls else {}:
            props = definition.get("properties", {})
            key = cls.model_fields[field].alias or field
            if key in props and "description" not in props[key]:
                missing.append(f"{name}.{field}")
    assert not missing, missing


def test_price_catalog_schema_is_described_too() -> None:
    text = str(prices_schema())
    assert "description" in text
