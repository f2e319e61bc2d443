"""Rebuild a provider schema (``terraform providers schema -json`` shape) from a CDK provider wheel.

The wheel holds the provider's jsii assembly archive (``_jsii/*.jsii.tgz``).  Inside,
every generated JavaScript file under ``package/lib/<resource>/`` ends with an
inline source map whose ``sourcesContent`` is the TypeScript the generator wrote.
``tsparse`` reads that TypeScript; this module assembles the schema.

Anything the extractor cannot resolve (a struct it cannot find, a recursive
struct, an ``any`` typed field) becomes a ``dynamic`` attribute carrying the key
``OPAQUE`` so that callers can refuse to trust it.
"""

from __future__ import annotations

import base64
import json
import re
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

from tfschema import tsparse
from tfschema.tsparse import GETTER_RE, GETTER_TYPES, HELPER_TYPES, NEW_RE, PRIMS, HclField, Member, Unit

OPAQUE = "mcai_opaque"
SOURCE_MAP_RE = re.compile(rb"sourceMappingURL=data:application/json;base64,([A-Za-z0-9+/=]+)")
STORAGE_RE = re.compile(r"^(string|number|boolean|any)((?:List|Map)*)$")
NESTING = {"struct": "single", "list": "list", "set": "set", "map": "map"}
TOP_KINDS = {"TerraformResource": "resource_schemas", "TerraformDataSource": "data_source_schemas"}


def read_wheel(wheel: Path) -> tuple[dict, dict[str, list[str]]]:
    """Return (package.json, {resource dir: [typescript sources]}) from a provider wheel."""
    sources: dict[str, list[str]] = defaultdict(list)
    package_json: dict = {}
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if n.endswith(".jsii.tgz")]
        if len(names) != 1:
            raise ValueError(f"{wheel}: expected one jsii assembly archive, found {names}")
        with zf.open(names[0]) as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
            for info in tar:
                if info.name == "package/package.json":
                    package_json = json.load(tar.extractfile(info))
                    continue
                parts = info.name.split("/")
                if len(parts) < 4 or parts[1] != "lib" or not info.name.endswith(".js"):
                    continue
                data = tar.extractfile(info).read()
                m = SOURCE_MAP_RE.search(data)
                if m:
                    sources[parts[2]].extend(json.loads(base64.b64decode(m.group(1)))["sourcesContent"])
    return package_json, dict(sources)


def provider_address(package_json: dict) -> tuple[str, str]:
    """(registry address, provider version) encoded in a provider package's package.json."""
    for key in ("cdktn", "cdktf"):
        provider = package_json.get(key, {}).get("provider")
        if provider:
            return provider["name"], provider["version"]
    raise ValueError("package.json names no terraform provider")


class Builder:
    """Builds schema blocks for the classes of one resource directory."""

    def __init__(self, unit: Unit):
        self.unit = unit

    # ---- blocks -------------------------------------------------------------
    def top_block(self, cls_name: str) -> dict:
        cls = self.unit.classes[cls_name]
        return self.block(cls.members, self.unit.hcl.get(cls_name, []), cls_name + "Config", (cls_name,))

    def struct_block(self, struct: str, stack: tuple[str, ...]) -> dict | None:
        cls = self.unit.classes.get(struct + "OutputReference")
        hcl = self.unit.hcl.get(struct)
        if struct in stack or (cls is None and hcl is None):
            return None
        return self.block(cls.members if cls else [], hcl or [], struct, stack + (struct,))

    def block(self, members: list[Member], hcl: list[HclField], iface: str, stack: tuple[str, ...]) -> dict:
        by_member = {m.name: m for m in members}
        by_hcl = {h.name: h for h in hcl}
        block_docs = self.unit.block_docs.get(iface, {})
        attributes: dict = {}
        block_types: dict = {}
        for name in list(by_member) + [n for n in by_hcl if n not in by_member]:
            member = by_member.get(name) or Member(name, False, True, False, "")
            hf = by_hcl.get(name)
            if hf and hf.is_block and block_docs.get(name, True):
                block_types[name] = self.nested_block(member, hf, stack)
            elif hf and hf.is_block:
                attributes[name] = self.object_attribute(member, hf, stack)
            elif hf is None and not (member.computed or member.optional or member.required):
                block_types[name] = self.read_only_block(member, stack)
            elif hf and hf.storage == "any" and block_docs.get(name):
                attributes[name] = opaque_attr(f"block {name} was generated as 'any' (too deep or recursive)")
            else:
                attributes[name] = self.attribute(member, hf, stack)
        out: dict = {}
        if attributes:
            out["attributes"] = attributes
        if block_types:
            out["block_types"] = block_types
        out["description_kind"] = "plain"
        return out

    def nested_block(self, member: Member, hf: HclField, stack: tuple[str, ...]) -> dict:
        struct = struct_of(hf)
        inner = self.struct_block(struct, stack)
        if inner is None:
            inner = {"attributes": {OPAQUE: opaque_attr(f"unresolved block struct {struct}")}, "description_kind": "plain"}
        entry = {"nesting_mode": NESTING[hf.kind], "block": inner}
        if hf.kind in ("list", "set"):
            if member.required:
                entry["min_items"] = 1
            if is_single(member, struct):
                entry["max_items"] = 1
        return entry

    def read_only_block(self, member: Member, stack: tuple[str, ...]) -> dict:
        """A block inside a computed-only struct: no flags at all, held as a complex object or list."""
        new = NEW_RE.search(member.text)
        cls = self.unit.classes.get(new.group(1)) if new else None
        shapes = {"ComplexObject": ("single", "OutputReference"), "ComplexList": ("list", "List"),
                  "ComplexMap": ("map", "Map")}
        if cls is None or cls.base not in shapes:
            inner = None
        else:
            mode, suffix = shapes[cls.base]
            mode = "set" if mode == "list" and new.group(3) == "true" else mode
            inner = self.struct_block(cls.name[: -len(suffix)], stack)
        if inner is None:
            reason = f"unresolved read-only block {member.name}"
            return {"nesting_mode": "single", "block": {"attributes": {OPAQUE: opaque_attr(reason)}}}
        return {"nesting_mode": mode, "block": inner}

    # ---- attributes ---------------------------------------------------------
    def object_attribute(self, member: Member, hf: HclField, stack: tuple[str, ...]) -> dict:
        """A list/set(object) attribute that the generator synthesises as a block (SDKv2 ConfigModeAttr)."""
        obj = self.object_type(struct_of(hf), stack)
        attr: dict = {"type": obj if hf.kind == "struct" else [hf.kind, obj], "description_kind": "plain"}
        if obj == "dynamic":
            attr[OPAQUE] = f"unresolved object attribute {member.name}"
        for flag in ("required", "optional", "computed"):
            if getattr(member, flag):
                attr[flag] = True
        return attr

    def attribute(self, member: Member, hf: HclField | None, stack: tuple[str, ...]) -> dict:
        attr: dict = {}
        if hf is not None and STORAGE_RE.match(hf.storage):
            attr["type"] = storage_type(hf)
        elif hf is not None:
            struct = struct_of(hf)
            inner = self.struct_block(struct, stack)
            if inner is None:
                attr = opaque_attr(f"unresolved nested attribute struct {struct}")
            else:
                attr["nested_type"] = {"attributes": inner.get("attributes", {}), "nesting_mode": NESTING[hf.kind]}
        else:
            attr["type"] = self.computed_type(member, stack)
            if attr["type"] == "dynamic":
                attr[OPAQUE] = f"type of computed attribute {member.name} not understood"
        attr["description_kind"] = "plain"
        for flag in ("required", "optional", "computed"):
            if getattr(member, flag):
                attr[flag] = True
        return attr

    def computed_type(self, member: Member, stack: tuple[str, ...]) -> object:
        text = member.text
        new = NEW_RE.search(text)
        if new:
            cls_name, wraps_set = new.group(1), new.group(3) == "true"
            if "." in cls_name:
                return HELPER_TYPES.get(cls_name.split(".", 1)[1], "dynamic")
            cls = self.unit.classes.get(cls_name)
            base = cls.base if cls else ""
            if base == "ComplexList":
                return ["set" if wraps_set else "list", self.object_type(cls_name[: -len("List")], stack)]
            if base == "ComplexObject":
                return self.object_type(cls_name[: -len("OutputReference")], stack)
            if base == "ComplexMap":
                return ["map", self.object_type(cls_name[: -len("Map")], stack)]
            if base == "MapList":
                return ["list", ["map", "string"]]
            return "dynamic"
        getter = GETTER_RE.search(text)
        if getter and getter.group(1) in GETTER_TYPES:
            t = GETTER_TYPES[getter.group(1)]
            if "Fn.tolist(" in text and isinstance(t, list):
                t = ["set", t[1]]
            return t
        declared = tsparse.field_type(text)
        return self.declared_type(declared, stack) if declared else "dynamic"

    def declared_type(self, declared: str, stack: tuple[str, ...]) -> object:
        t = tsparse.ts_type(declared)
        if isinstance(t, tuple):
            obj = self.object_type(t[1], stack)
            return {"struct": obj, "structs": ["list", obj], "structmap": ["map", obj]}[t[0]]
        return t

    def object_type(self, struct: str, stack: tuple[str, ...]) -> object:
        block = self.struct_block(struct, stack)
        return "dynamic" if block is None else block_to_type(block)


def struct_of(hf: HclField) -> str:
    suffix = {"list": "List", "set": "List", "map": "Map"}.get(hf.kind, "")
    if suffix and hf.storage.endswith(suffix):
        return hf.storage[: -len(suffix)]
    return hf.storage


def is_single(member: Member, struct: str) -> bool:
    """A list/set block allows at most one element when it is held as one object, not a list."""
    if f"new {struct}OutputReference(" in member.text:
        return True
    declared = tsparse.field_type(member.text)
    return declared is not None and isinstance(tsparse.ts_type(declared), tuple) and tsparse.ts_type(declared)[0] == "struct"


def storage_type(hf: HclField) -> object:
    m = STORAGE_RE.match(hf.storage)
    t: object = "dynamic" if m.group(1) == "any" else PRIMS[m.group(1)]
    for wrap in re.findall("List|Map", m.group(2)):
        t = ["list" if wrap == "List" else "map", t]
    if hf.kind == "set" and isinstance(t, list) and t[0] == "list":
        t = ["set", t[1]]
    return t


def opaque_attr(reason: str) -> dict:
    return {"type": "dynamic", "optional": True, OPAQUE: reason, "description_kind": "plain"}


def block_to_type(block: dict) -> object:
    """The object type a block's contents have when read as a value."""
    attrs = {}
    for name, a in block.get("attributes", {}).items():
        attrs[name] = a["type"] if "type" in a else nested_to_type(a["nested_type"])
    for name, b in block.get("block_types", {}).items():
        inner = block_to_type(b["block"])
        mode = b["nesting_mode"]
        attrs[name] = inner if mode == "single" else [mode, inner]
    return ["object", attrs]


def nested_to_type(nested: dict) -> object:
    inner = block_to_type({"attributes": nested["attributes"]})
    mode = nested["nesting_mode"]
    return inner if mode == "single" else [mode, inner]


def extract_wheel(wheel: Path) -> dict:
    """Extract the whole provider schema from a wheel; returns the schemas JSON document."""
    package_json, sources = read_wheel(wheel)
    address, version = provider_address(package_json)
    schema: dict = {"provider": {}, "resource_schemas": {}, "data_source_schemas": {}}
    for directory in sorted(sources):
        unit = tsparse.parse_unit(sources[directory])
        builder = Builder(unit)
        for cls in unit.classes.values():
            if cls.base == "TerraformProvider":
                block = builder.top_block(cls.name)
                block.get("attributes", {}).pop("alias", None)  # a meta-argument, not part of the schema
                schema["provider"] = {"version": 0, "block": block}
            elif cls.base in TOP_KINDS:
                type_name = tsparse.top_level_type_name(cls)
                if type_name:
                    schema[TOP_KINDS[cls.base]][type_name] = {"version": 0, "block": builder.top_block(cls.name)}
    return {
        "format_version": "1.0",
        "provider_schemas": {address: schema},
        "mcai_source": {"wheel": wheel.name, "provider_version": version},
    }


def find_opaque(node: object, path: str = "") -> list[str]:
    """Paths of every opaque marker below ``node`` (a block, schema or document)."""
    found = []
    if isinstance(node, dict):
        if OPAQUE in node:
            found.append(f"{path}: {node[OPAQUE]}")
        for key, value in node.items():
            if key != OPAQUE:
                found.extend(find_opaque(value, f"{path}.{key}" if path else key))
    return found
