"""Compare a rebuilt schema with the one a real provider reports.

Compared facts, per attribute: name, type (list/set/map/object/primitive; a
``nested_type`` is compared through the value type it implies), and the
required/optional/computed flags.  Per block: name, nesting mode, whether it is
required (``min_items >= 1``) and whether it allows at most one (``max_items == 1``).
Exact ``max_items``/``min_items`` above one are not encoded in the wheels and are
not compared.  Subtrees the extractor marked opaque are counted, not compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tfschema.extract import OPAQUE, nested_to_type

FLAGS = ("required", "optional", "computed")


@dataclass
class Report:
    attributes: int = 0
    blocks: int = 0
    opaque: int = 0
    mismatches: list[str] = field(default_factory=list)
    missing_types: list[str] = field(default_factory=list)
    extra_types: list[str] = field(default_factory=list)
    types_compared: int = 0
    types_identical: int = 0

    def summary(self) -> str:
        return (
            f"types compared {self.types_compared} (identical {self.types_identical}), "
            f"missing {len(self.missing_types)}, extra {len(self.extra_types)}, "
            f"attributes {self.attributes}, blocks {self.blocks}, opaque {self.opaque}, "
            f"mismatches {len(self.mismatches)}"
        )


def norm_type(t: object) -> object:
    """Drop optional-attribute markers from object types so only the shape is compared."""
    if isinstance(t, list):
        if t[0] == "object":
            return ["object", {k: norm_type(v) for k, v in sorted(t[1].items())}]
        return [t[0], norm_type(t[1])]
    return t


def attr_type(attr: dict) -> object:
    return norm_type(attr["type"] if "type" in attr else nested_to_type(attr["nested_type"]))


def compare_block(real: dict, rebuilt: dict, path: str, report: Report) -> bool:
    """Compare two blocks; returns True when identical on every compared fact."""
    same = True
    ra, ba = real.get("attributes", {}), rebuilt.get("attributes", {})
    for name in sorted(set(ra) | set(ba)):
        where = f"{path}.{name}"
        if name not in ba:
            report.mismatches.append(f"{where}: attribute missing from rebuilt schema")
            same = False
            continue
        if name not in ra:
            report.mismatches.append(f"{where}: attribute not in real schema")
            same = False
            continue
        if OPAQUE in ba[name]:
            report.opaque += 1
            same = False
            continue
        report.attributes += 1
        problems = [f"{f} {ra[name].get(f, False)} != {ba[name].get(f, False)}" for f in FLAGS
                    if ra[name].get(f, False) != ba[name].get(f, False)]
        if attr_type(ra[name]) != attr_type(ba[name]):
            problems.append(f"type {attr_type(ra[name])} != {attr_type(ba[name])}")
        if problems:
            report.mismatches.append(f"{where}: " + "; ".join(problems))
            same = False
    rb, bb = real.get("block_types", {}), rebuilt.get("block_types", {})
    for name in sorted(set(rb) | set(bb)):
        where = f"{path}.{name}"
        if name in rb and OPAQUE in ba.get(name, {}):
            report.mismatches.remove(f"{where}: attribute not in real schema")
            report.opaque += 1
            continue
        if name not in rb or name not in bb:
            side = "rebuilt" if name not in bb else "real"
            report.mismatches.append(f"{where}: block missing from {side} schema")
            same = False
            continue
        report.blocks += 1
        r, b = rb[name], bb[name]
        problems = []
        if r["nesting_mode"] != b["nesting_mode"]:
            problems.append(f"nesting {r['nesting_mode']} != {b['nesting_mode']}")
        if (r.get("min_items", 0) >= 1) != (b.get("min_items", 0) >= 1):
            problems.append(f"required {r.get('min_items', 0)} != {b.get('min_items', 0)}")
        if (r.get("max_items") == 1) != (b.get("max_items") == 1):
            problems.append(f"max-one {r.get('max_items')} != {b.get('max_items')}")
        if problems:
            report.mismatches.append(f"{where}: " + "; ".join(problems))
            same = False
        same = compare_block(r["block"], b["block"], where, report) and same
    return same


def provider_schema(document: dict) -> dict:
    (schema,) = document["provider_schemas"].values()
    return schema


def compare_documents(real_doc: dict, rebuilt_doc: dict, only: set[str] | None = None) -> Report:
    """Compare resources and data sources (restricted to ``only`` type names when given)."""
    real, rebuilt = provider_schema(real_doc), provider_schema(rebuilt_doc)
    report = Report()
    for kind in ("resource_schemas", "data_source_schemas"):
        r_all, b_all = real.get(kind, {}), rebuilt.get(kind, {})
        names = set(r_all) | set(b_all)
        if only is not None:
            names &= only
        for name in sorted(names):
            label = f"{'data.' if kind.startswith('data') else ''}{name}"
            if name not in b_all:
                report.missing_types.append(label)
            elif name not in r_all:
                report.extra_types.append(label)
            else:
                report.types_compared += 1
                if compare_block(r_all[name]["block"], b_all[name]["block"], label, report):
                    report.types_identical += 1
    return report
