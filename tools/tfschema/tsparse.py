"""Parse the TypeScript that the CDK provider generator wrote for one resource.

The generated sources (recovered from the inline source maps of the compiled
JavaScript in a jsii assembly) are very regular.  This module turns them into
plain records; ``extract`` turns those records into a Terraform schema.

What each construct tells us:

* ``export class X extends cdktn.TerraformResource`` (or ``TerraformDataSource``,
  ``TerraformProvider``): a top-level schema; ``tfResourceType = "name"``.
* ``export class XOutputReference extends cdktn.ComplexObject``: a nested struct.
* ``// tf_name - computed: a, optional: b, required: c`` inside a class: one
  attribute or block, with its flags; the lines up to the next such comment
  (the "member") show how its value is read (getter) and stored (field type).
* ``synthesizeHclAttributes`` / ``xToHclTerraform``: every *settable* field with
  ``isBlock``, ``type`` (simple/list/set/map/struct) and ``storageClassType``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CLASS_RE = re.compile(r"^export class (\w+) extends (?:\w+)\.(\w+) \{$(.*?)^\}$", re.M | re.S)
FUNC_RE = re.compile(r"^export function (\w+)ToHclTerraform\(.*?$(.*?)^\}$", re.M | re.S)
SYNTH_RE = re.compile(r"synthesizeHclAttributes\(\)[^{]*\{(.*?)^  \}$", re.M | re.S)
FLAGS_RE = re.compile(
    r"^  // ([A-Za-z0-9_]+) - computed: (true|false), optional: (true|false), required: (true|false)\s*$", re.M
)
HCL_ENTRY_RE = re.compile(
    r"^\s+\"?([A-Za-z0-9_]+)\"?: \{\s*\n\s+value: .*?,\s*\n\s+isBlock: (true|false),\s*\n"
    r"\s+type: \"(\w+)\",\s*\n\s+storageClassType: \"(\w+)\",",
    re.M,
)
TF_TYPE_RE = re.compile(r"tfResourceType = \"([A-Za-z0-9_]+)\"")
NEW_RE = re.compile(r"new ((?:\w+\.)?\w+)\(this, \"([A-Za-z0-9_]+)\"(?:, (true|false))?\)")
GETTER_RE = re.compile(r"this\.(get\w+Attribute|interpolationForAttribute)\('")
FIELD_RE = re.compile(r"private _\w+\??: (.+?);\s*$", re.M)
IFACE_RE = re.compile(r"^export interface (\w+)(?: extends [\w.]+)? \{$(.*?)^\}$", re.M | re.S)
PROP_DOC_RE = re.compile(r"/\*\*\n((?:[ \t]*\*(?!/).*\n)*?)[ \t]*\*/\n[ \t]*readonly \w+\??: ", re.M)
ANCHOR_RE = re.compile(r"#([A-Za-z0-9_]+) \w+#")

PRIMS = {"string": "string", "number": "number", "boolean": "bool"}
GETTER_TYPES = {
    "getStringAttribute": "string",
    "getNumberAttribute": "number",
    "getBooleanAttribute": "bool",
    "getListAttribute": ["list", "string"],
    "getNumberListAttribute": ["list", "number"],
    "getBooleanListAttribute": ["list", "bool"],
    "getStringMapAttribute": ["map", "string"],
    "getNumberMapAttribute": ["map", "number"],
    "getBooleanMapAttribute": ["map", "bool"],
    "getAnyMapAttribute": ["map", "dynamic"],
}
# cdktn's own helper classes for computed collections of primitives
HELPER_TYPES = {
    "StringMap": ["map", "string"],
    "NumberMap": ["map", "number"],
    "BooleanMap": ["map", "bool"],
    "AnyMap": ["map", "dynamic"],
    "StringMapList": ["list", ["map", "string"]],
    "NumberMapList": ["list", ["map", "number"]],
    "BooleanMapList": ["list", ["map", "bool"]],
    "AnyMapList": ["list", ["map", "dynamic"]],
    "StringListMap": ["map", ["list", "string"]],
    "NumberListMap": ["map", ["list", "number"]],
    "BooleanListMap": ["map", ["list", "bool"]],
    "AnyListMap": ["map", ["list", "dynamic"]],
}


@dataclass
class Member:
    """One ``// name - computed: ...`` entry of a class."""

    name: str
    computed: bool
    optional: bool
    required: bool
    text: str


@dataclass
class HclField:
    """One settable field from a ``...ToHclTerraform`` conversion."""

    name: str
    is_block: bool
    kind: str  # simple | list | set | map | struct
    storage: str


@dataclass
class TsClass:
    name: str
    base: str
    body: str
    members: list[Member] = field(default_factory=list)


@dataclass
class Unit:
    """All classes and conversion functions found in one resource directory."""

    classes: dict[str, TsClass] = field(default_factory=dict)
    hcl: dict[str, list[HclField]] = field(default_factory=dict)  # struct name -> fields
    # interface name -> {tf name: documented as "<name> block"}; the generator writes that line
    # only for real blocks, so list/set(object) attributes it synthesises as blocks lack it
    block_docs: dict[str, dict[str, bool]] = field(default_factory=dict)


def parse_members(body: str) -> list[Member]:
    marks = list(FLAGS_RE.finditer(body))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        out.append(
            Member(m.group(1), m.group(2) == "true", m.group(3) == "true", m.group(4) == "true", body[m.end() : end])
        )
    return out


def parse_hcl_fields(body: str) -> list[HclField]:
    return [HclField(m.group(1), m.group(2) == "true", m.group(3), m.group(4)) for m in HCL_ENTRY_RE.finditer(body)]


def parse_block_docs(body: str) -> dict[str, bool]:
    out = {}
    for m in PROP_DOC_RE.finditer(body):
        anchor = ANCHOR_RE.search(m.group(1))
        if anchor:
            name = anchor.group(1)
            out[name] = re.search(rf"^\s*\* {name} block\s*$", m.group(1), re.M) is not None
    return out


def upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


def parse_unit(sources: list[str]) -> Unit:
    """Parse the TypeScript sources of one generated resource directory."""
    unit = Unit()
    for src in sources:
        for m in CLASS_RE.finditer(src):
            cls = TsClass(m.group(1), m.group(2), m.group(3))
            cls.members = parse_members(cls.body)
            unit.classes[cls.name] = cls
            synth = SYNTH_RE.search(cls.body)
            if synth:
                unit.hcl[cls.name] = parse_hcl_fields(synth.group(1))
        for m in FUNC_RE.finditer(src):
            unit.hcl[upper_first(m.group(1))] = parse_hcl_fields(m.group(2))
        for m in IFACE_RE.finditer(src):
            unit.block_docs[m.group(1)] = parse_block_docs(m.group(2))
    return unit


def top_level_type_name(cls: TsClass) -> str | None:
    m = TF_TYPE_RE.search(cls.body)
    return m.group(1) if m else None


def ts_type(text: str) -> object:
    """Translate a TypeScript field type into a cty type; struct names come back as ``("struct", Name)``."""
    parts = [p.strip() for p in text.split("|")]
    parts = [p for p in parts if p not in ("cdktn.IResolvable", "cdktf.IResolvable", "undefined")]
    if len(parts) != 1:
        return "dynamic"
    t = parts[0]
    if t.endswith("[]"):
        inner = ts_type(t[:-2])
        return ("structs", inner[1]) if isinstance(inner, tuple) else ["list", inner]
    m = re.fullmatch(r"\{ \[key: string\]: (.+) \}", t)
    if m:
        inner = ts_type(m.group(1))
        return ("structmap", inner[1]) if isinstance(inner, tuple) else ["map", inner]
    if t in PRIMS:
        return PRIMS[t]
    if re.fullmatch(r"[A-Z]\w*", t):
        return ("struct", t)
    return "dynamic"


def field_type(member_text: str) -> str | None:
    m = FIELD_RE.search(member_text)
    return m.group(1) if m else None
