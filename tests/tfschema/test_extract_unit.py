"""Unit tests of the extractor on tiny synthetic generated sources (no download, no terraform)."""

from __future__ import annotations

import base64
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from tfschema import compare, extract, harness, tsparse

TS = '''
export interface DemoThingConfig extends cdktn.TerraformMetaArguments {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/demo/1.2.3/docs/resources/thing#name DemoThing#name}
  */
  readonly name: string;
  /**
  * Docs at Terraform Registry: {@link https://x/docs/resources/thing#rule DemoThing#rule}
  */
  readonly rule?: DemoThingRule[] | cdktn.IResolvable;
  /**
  * sku block
  *
  * Docs at Terraform Registry: {@link https://x/docs/resources/thing#sku DemoThing#sku}
  */
  readonly sku: DemoThingSku;
  /**
  * deep block
  *
  * Docs at Terraform Registry: {@link https://x/docs/resources/thing#deep DemoThing#deep}
  */
  readonly deep?: any;
}
export interface DemoThingRule {
  /**
  * Docs at Terraform Registry: {@link https://x/docs/resources/thing#port DemoThing#port}
  */
  readonly port?: number;
}
export interface DemoThingSku {
  /**
  * Docs at Terraform Registry: {@link https://x/docs/resources/thing#tier DemoThing#tier}
  */
  readonly tier: string;
}

export function demoThingRuleToHclTerraform(struct?: DemoThingRule | cdktn.IResolvable): any {
  const attrs = {
    port: {
      value: cdktn.numberToHclTerraform(struct!.port),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };
}

export class DemoThingRuleOutputReference extends cdktn.ComplexObject {
  // port - computed: false, optional: true, required: false
  private _port?: number; 
  public get port() {
    return this.getNumberAttribute('port');
  }
}

export class DemoThingRuleList extends cdktn.ComplexList {
}

export function demoThingSkuToHclTerraform(struct?: DemoThingSku): any {
  const attrs = {
    tier: {
      value: cdktn.stringToHclTerraform(struct!.tier),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };
}

export class DemoThingSkuOutputReference extends cdktn.ComplexObject {
  // tier - computed: false, optional: false, required: true
  private _tier?: string; 
  public get tier() {
    return this.getStringAttribute('tier');
  }
}

export class DemoThingOutputsOutputReference extends cdktn.ComplexObject {
  // url - computed: true, optional: false, required: false
  public get url() {
    return this.getStringAttribute('url');
  }
}

export class DemoThingOutputsList extends cdktn.ComplexList {
}

export class DemoThing extends cdktn.TerraformResource {
  public static readonly tfResourceType = "demo_thing";

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }

  // zones - computed: true, optional: false, required: false
  public get zones() {
    return cdktn.Fn.tolist(this.getListAttribute('zones'));
  }

  // tags - computed: true, optional: true, required: false
  private _tags?: { [key: string]: string }; 
  public get tags() {
    return this.getStringMapAttribute('tags');
  }

  // outputs - computed: true, optional: false, required: false
  private _outputs = new DemoThingOutputsList(this, "outputs", true);
  public get outputs() {
    return this._outputs;
  }

  // rule - computed: true, optional: true, required: false
  private _rule = new DemoThingRuleList(this, "rule", true);
  public get rule() {
    return this._rule;
  }

  // sku - computed: false, optional: false, required: true
  private _sku = new DemoThingSkuOutputReference(this, "sku");
  public get sku() {
    return this._sku;
  }

  // deep - computed: false, optional: true, required: false
  private _deep?: any; 
  public get deep() {
    return this.interpolationForAttribute('deep');
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      name: {
        value: cdktn.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tags: {
        value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._tags),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      rule: {
        value: cdktn.listMapperHcl(demoThingRuleToHclTerraform, false)(this._rule.internalValue),
        isBlock: true,
        type: "set",
        storageClassType: "DemoThingRuleList",
      },
      sku: {
        value: demoThingSkuToHclTerraform(this._sku.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "DemoThingSkuList",
      },
      deep: {
        value: cdktn.anyToHclTerraform(this._deep),
        isBlock: false,
        type: "simple",
        storageClassType: "any",
      },
    };
  }
}
'''


def make_wheel(tmp_path: Path, ts: str = TS, version: str = "1.2.3") -> Path:
    source_map = {"version": 3, "sources": ["index.ts"], "sourcesContent": [ts], "mappings": ""}
    js = b'"use strict";\n//# sourceMappingURL=data:application/json;base64,' + base64.b64encode(
        json.dumps(source_map).encode())
    package = {"name": "@cdktn/provider-demo",
               "cdktn": {"provider": {"name": "registry.terraform.io/hashicorp/demo", "version": version}}}
    tgz = io.BytesIO()
    with tarfile.open(fileobj=tgz, mode="w:gz") as tar:
        for name, data in (("package/package.json", json.dumps(package).encode()),
                           ("package/lib/thing/index.js", js)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    wheel = tmp_path / "cdktn_provider_demo-1.0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("cdktn_provider_demo/_jsii/provider-demo@1.0.0.jsii.tgz", tgz.getvalue())
    return wheel


@pytest.fixture
def thing(tmp_path: Path) -> dict:
    document = extract.extract_wheel(make_wheel(tmp_path))
    assert document["mcai_source"]["provider_version"] == "1.2.3"
    return document["provider_schemas"]["registry.terraform.io/hashicorp/demo"]["resource_schemas"]["demo_thing"]


def test_attribute_flags_and_types(thing: dict) -> None:
    attrs = thing["block"]["attributes"]
    assert attrs["name"] == {"type": "string", "description_kind": "plain", "required": True}
    assert attrs["zones"]["type"] == ["set", "string"] and attrs["zones"]["computed"]
    assert attrs["tags"]["type"] == ["map", "string"]
    assert attrs["tags"].get("optional") and attrs["tags"].get("computed")
    assert attrs["outputs"]["type"] == ["set", ["object", {"url": "string"}]]


def test_max_one_required_block(thing: dict) -> None:
    sku = thing["block"]["block_types"]["sku"]
    assert (sku["nesting_mode"], sku["min_items"], sku["max_items"]) == ("list", 1, 1)
    assert sku["block"]["attributes"]["tier"]["required"]


def test_set_of_objects_synthesised_as_block_is_an_attribute(thing: dict) -> None:
    """No "<name> block" doc line: the generator only writes blocks for HCL; terraform sees an attribute."""
    rule = thing["block"]["attributes"]["rule"]
    assert rule["type"] == ["set", ["object", {"port": "number"}]]
    assert "rule" not in thing["block"].get("block_types", {})


def test_any_typed_block_is_marked_opaque(thing: dict) -> None:
    assert extract.OPAQUE in thing["block"]["attributes"]["deep"]
    assert extract.find_opaque(thing) == ["block.attributes.deep: block deep was generated as 'any' (too deep or recursive)"]


def test_ts_types() -> None:
    assert tsparse.ts_type("string[] | cdktn.IResolvable") == ["list", "string"]
    assert tsparse.ts_type("{ [key: string]: number }") == ["map", "number"]
    assert tsparse.ts_type("Foo[] | cdktf.IResolvable") == ("structs", "Foo")
    assert tsparse.ts_type("boolean | cdktn.IResolvable") == "bool"


def test_compare_finds_each_kind_of_difference(thing: dict) -> None:
    def doc(block: dict) -> dict:
        return {"provider_schemas": {"p": {"resource_schemas": {"demo_thing": {"block": block}}}}}

    clean = json.loads(json.dumps(thing["block"]))
    del clean["attributes"]["deep"]
    assert compare.compare_documents(doc(clean), doc(clean)).mismatches == []
    changed = json.loads(json.dumps(clean))
    changed["attributes"]["name"]["optional"] = True
    changed["attributes"]["zones"]["type"] = ["list", "string"]
    changed["block_types"]["sku"]["max_items"] = 2
    report = compare.compare_documents(doc(clean), doc(changed))
    assert len(report.mismatches) == 3 and report.types_identical == 0


def test_emitted_resource_types(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\ndata "aws_iam_policy_document" "d" {}\n')
    (tmp_path / "t.tf.j2").write_text('  resource "azurerm_cognitive_account" "{{ name }}" {\n')
    (tmp_path / "notes.md").write_text('resource "ignored_type" "x" {}')
    assert harness.emitted_resource_types([tmp_path]) == {
        "aws_s3_bucket", "data.aws_iam_policy_document", "azurerm_cognitive_account"}


def test_check_types_present_reports_missing_and_opaque(tmp_path: Path, thing: dict) -> None:
    schema_file = tmp_path / "demo.json"
    schema_file.write_text(json.dumps({"provider_schemas": {"x": {"resource_schemas": {"aws_thing": thing}}}}))
    profile = harness.Profile("fake", {"aws": "9.9.9"}, tmp_path, tmp_path / "rc", {"aws": schema_file})
    with pytest.raises(harness.SchemaGap) as raised:
        harness.check_types_present(profile, {"aws_thing", "aws_nothing", "azurerm_x", "random_id"})
    message = str(raised.value)
    assert "aws_nothing: not in the aws 9.9.9 schema" in message
    assert "aws_thing: the aws 9.9.9 schema is only opaquely known" in message
    assert "azurerm_x: provider azurerm is not in profile fake" in message
    assert "random_id" not in message


def test_pinned_version_must_match_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tfschema import cache
    from tfschema.pins import Pin

    monkeypatch.setenv("MCAI_TF_CACHE", str(tmp_path / "cache"))
    pin = Pin("demo", "9.9.9", "cdktn-provider-demo", "1.0.0")
    wheels = tmp_path / "cache" / "wheels" / "cdktn-provider-demo-1.0.0"
    wheels.mkdir(parents=True)
    make_wheel(wheels)
    with pytest.raises(RuntimeError, match="encodes registry.terraform.io/hashicorp/demo 1.2.3"):
        cache.ensure_schema(pin)
    assert cache.ensure_schema(Pin("demo", "1.2.3", "cdktn-provider-demo", "1.0.0")).exists()
