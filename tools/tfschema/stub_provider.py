"""A Terraform provider (tfplugin6) that only knows a schema.

Runs inside its own virtual environment with PyPI ``tf`` (which pins protobuf < 6);
it imports nothing from mcai.  It reuses ``tf.runner.run_provider`` for the go-plugin
handshake, AutoMTLS certificate and gRPC server, and substitutes its own service:

* GetProviderSchema answers from the rebuilt schema (pre-compiled to protobuf bytes);
* ValidateResourceConfig rejects values set on read-only (computed-only) attributes,
  as real SDKv2 and plugin-framework providers do;
* PlanResourceChange plans computed attributes left null as unknown;
* ApplyResourceChange and ReadDataSource fill unknown/null computed values with placeholders.

Terraform core then performs every other schema check itself.

Usage:  python stub_provider.py SCHEMA.pb          (started by terraform via a launcher)
        python stub_provider.py --compile SCHEMA.json SCHEMA.pb
"""

from __future__ import annotations

import json
import os
import sys

from tf.gen import tfplugin_pb2 as pb
from tf.types import Unknown
from tf.utils import read_dynamic_value, to_dynamic_value

S = pb.Schema
SCHEMA_KINDS = ("resource_schemas", "data_source_schemas")


# ---- JSON schema -> protobuf ------------------------------------------------
def pb_attribute(name: str, attr: dict) -> S.Attribute:
    fields = {flag: bool(attr.get(flag)) for flag in ("required", "optional", "computed", "sensitive")}
    if "nested_type" in attr:
        fields["nested_type"] = pb_object(attr["nested_type"])
    else:
        fields["type"] = json.dumps(attr["type"]).encode()
    return S.Attribute(name=name, description_kind=pb.PLAIN, **fields)


def served(attributes: dict) -> list:
    """Attributes to serve; opaque ones (see extract.OPAQUE) are left out, so using them is an error."""
    return [pb_attribute(n, a) for n, a in sorted(attributes.items()) if "mcai_opaque" not in a]


def pb_object(nested: dict) -> S.Object:
    attrs = served(nested.get("attributes", {}))
    return S.Object(attributes=attrs, nesting=S.Object.NestingMode.Value(nested["nesting_mode"].upper()))


def pb_block(block: dict) -> S.Block:
    return S.Block(
        attributes=served(block.get("attributes", {})),
        block_types=[
            S.NestedBlock(
                type_name=n,
                block=pb_block(b["block"]),
                nesting=S.NestedBlock.NestingMode.Value(b["nesting_mode"].upper()),
                min_items=b.get("min_items", 0),
                max_items=b.get("max_items", 0),
            )
            for n, b in sorted(block.get("block_types", {}).items())
        ],
        description_kind=pb.PLAIN,
    )


def compile_schema(document: dict) -> bytes:
    (schema,) = document["provider_schemas"].values()
    empty = S(block=S.Block(description_kind=pb.PLAIN))
    resp = pb.GetProviderSchema.Response(
        provider=S(block=pb_block(schema["provider"]["block"])) if schema.get("provider") else empty,
        provider_meta=empty,
        resource_schemas={n: S(version=s.get("version", 0), block=pb_block(s["block"]))
                          for n, s in schema.get("resource_schemas", {}).items()},
        data_source_schemas={n: S(version=s.get("version", 0), block=pb_block(s["block"]))
                             for n, s in schema.get("data_source_schemas", {}).items()},
    )
    return resp.SerializeToString()


# ---- value helpers ------------------------------------------------------------
def attr_type(attr: S.Attribute) -> object:
    if attr.HasField("nested_type"):
        obj = ["object", {a.name: attr_type(a) for a in attr.nested_type.attributes}]
        mode = S.Object.NestingMode.Name(attr.nested_type.nesting).lower()
        return obj if mode == "single" else [mode, obj]
    return json.loads(attr.type)


def placeholder(t: object, name: str) -> object:
    if t == "string":
        return f"stub-{name}"
    if t == "number":
        return 0
    if t == "bool":
        return False
    if isinstance(t, list) and t[0] in ("list", "set"):
        return []
    if isinstance(t, list) and t[0] == "map":
        return {}
    if isinstance(t, list) and t[0] == "object":
        return {k: None for k in t[1]}
    return None


def elements(value: object, nesting: int) -> list:
    """The objects a nested block value holds, whatever its nesting mode."""
    if value is None or value is Unknown:
        return []
    mode = S.NestedBlock.NestingMode.Name(nesting)
    if mode in ("SINGLE", "GROUP"):
        return [value] if isinstance(value, dict) else []
    if mode == "MAP":
        return [v for v in value.values() if isinstance(v, dict)]
    return [v for v in value if isinstance(v, dict)]


def walk_computed(block: S.Block, value: dict, fill) -> None:
    """Replace each computed attribute value by ``fill(attr, current)``, in nested blocks too."""
    if not isinstance(value, dict):
        return
    for attr in block.attributes:
        if attr.computed and attr.name in value:
            value[attr.name] = fill(attr, value[attr.name])
    for nested in block.block_types:
        for element in elements(value.get(nested.type_name), nested.nesting):
            walk_computed(nested.block, element, fill)


def read_only_errors(block: S.Block, value: dict, path: list) -> list[pb.Diagnostic]:
    errors = []
    if not isinstance(value, dict):
        return errors
    for attr in block.attributes:
        if attr.computed and not attr.optional and not attr.required and value.get(attr.name) is not None:
            steps = [pb.AttributePath.Step(attribute_name=p) if isinstance(p, str)
                     else pb.AttributePath.Step(element_key_int=p) for p in path + [attr.name]]
            errors.append(pb.Diagnostic(
                severity=pb.Diagnostic.ERROR,
                summary="Invalid Configuration for Read-Only Attribute",
                detail=f'Cannot set value for "{attr.name}": the provider has marked it as read-only (computed). '
                       "Remove the configuration line setting the value.",
                attribute=pb.AttributePath(steps=steps),
            ))
    for nested in block.block_types:
        for i, element in enumerate(elements(value.get(nested.type_name), nested.nesting)):
            errors += read_only_errors(nested.block, element, path + [nested.type_name, i])
    return errors


# ---- the service ---------------------------------------------------------------
def make_servicer(schema_bytes: bytes):
    from tf.gen import tfplugin_pb2_grpc as rpc

    schema = pb.GetProviderSchema.Response.FromString(schema_bytes)
    keep = os.environ.get("MCAI_STUB_KEEP_TYPES")
    if keep is not None:  # serve only the types the configuration uses: terraform decodes far less
        wanted = set(keep.split(","))
        for name in [n for n in schema.resource_schemas if n not in wanted]:
            del schema.resource_schemas[name]
        for name in [n for n in schema.data_source_schemas if f"data.{n}" not in wanted]:
            del schema.data_source_schemas[name]

    def block_of(kind: str, type_name: str) -> S.Block:
        table = schema.resource_schemas if kind == "resource" else schema.data_source_schemas
        return table[type_name].block

    def unknown_if_null(attr, current):
        return Unknown if current is None else current

    def fill_placeholder(attr, current):
        if current is None or current is Unknown:
            return placeholder(attr_type(attr), attr.name)
        return current

    class StubServicer(rpc.ProviderServicer):
        def __init__(self, _provider=None):
            pass

        def GetMetadata(self, request, context):
            return pb.GetMetadata.Response(server_capabilities=pb.ServerCapabilities(plan_destroy=True))

        def GetProviderSchema(self, request, context):
            return schema

        def ValidateProviderConfig(self, request, context):
            return pb.ValidateProviderConfig.Response()

        def ValidateResourceConfig(self, request, context):
            config = read_dynamic_value(request.config)
            errors = read_only_errors(block_of("resource", request.type_name), config, [])
            return pb.ValidateResourceConfig.Response(diagnostics=errors)

        def ValidateDataResourceConfig(self, request, context):
            config = read_dynamic_value(request.config)
            errors = read_only_errors(block_of("data", request.type_name), config, [])
            return pb.ValidateDataResourceConfig.Response(diagnostics=errors)

        def UpgradeResourceState(self, request, context):
            state = json.loads(request.raw_state.json) if request.raw_state.json else None
            return pb.UpgradeResourceState.Response(upgraded_state=to_dynamic_value(state))

        def ConfigureProvider(self, request, context):
            return pb.ConfigureProvider.Response()

        def ReadResource(self, request, context):
            return pb.ReadResource.Response(new_state=request.current_state, private=request.private)

        def PlanResourceChange(self, request, context):
            proposed = read_dynamic_value(request.proposed_new_state)
            if proposed is not None:
                walk_computed(block_of("resource", request.type_name), proposed, unknown_if_null)
            return pb.PlanResourceChange.Response(planned_state=to_dynamic_value(proposed))

        def ApplyResourceChange(self, request, context):
            planned = read_dynamic_value(request.planned_state)
            if planned is not None:
                walk_computed(block_of("resource", request.type_name), planned, fill_placeholder)
            return pb.ApplyResourceChange.Response(new_state=to_dynamic_value(planned))

        def ImportResourceState(self, request, context):
            diag = pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary="The schema stub cannot import resources")
            return pb.ImportResourceState.Response(diagnostics=[diag])

        def ReadDataSource(self, request, context):
            config = read_dynamic_value(request.config)
            walk_computed(block_of("data", request.type_name), config, fill_placeholder)
            return pb.ReadDataSource.Response(state=to_dynamic_value(config))

        def GetFunctions(self, request, context):
            return pb.GetFunctions.Response()

        def StopProvider(self, request, context):
            return pb.StopProvider.Response()

    return StubServicer


class _Named:
    def full_name(self) -> str:
        return os.environ.get("MCAI_STUB_NAME", "registry.terraform.io/hashicorp/stub")


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "--compile":
        with open(argv[2]) as f:
            data = compile_schema(json.load(f))
        tmp = f"{argv[3]}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, argv[3])
        return 0
    with open(argv[1], "rb") as f:
        servicer = make_servicer(f.read())
    import tf.provider
    from tf import runner

    tf.provider.ProviderServicer = servicer  # run_provider builds its service from this name
    runner.run_provider(_Named(), argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
