"""Per-resource records written into the manifest, so a later plan can compare without running terraform.

Each rendered resource address (`module.<call>.<type>.<address>`) gets its class (stateful: holds data; committed:
capacity, circuits or a serving deployment that callers depend on), the spec path that declares it, and two short
digests: `identity` over the values that force replacement (names, locations, replacement-forcing spec values) and
`values` over the module inputs that concern it (an in-place change when only this differs).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from mcai.diagnostics import dotted
from mcai.topology.model import Expr, ModuleCall, Resource, Stack, Topology

# Resource types whose destruction loses data (stateful) or capacity that cannot be had back at will (committed).
STATEFUL = frozenset({
    "aws_s3_bucket", "aws_opensearchserverless_collection", "aws_elasticache_replication_group",
    "aws_cloudwatch_log_group", "aws_kms_key", "azurerm_cognitive_account", "azurerm_log_analytics_workspace",
    "azurerm_resource_group", "azurerm_storage_account", "google_bigquery_dataset", "google_storage_bucket",
    "google_kms_crypto_key",
})
COMMITTED = frozenset({
    "aws_bedrock_provisioned_model_throughput", "azurerm_cognitive_deployment", "azurerm_express_route_circuit",
    "aws_dx_connection_confirmation", "aws_dx_private_virtual_interface", "google_compute_interconnect_attachment",
    "google_vertex_ai_endpoint",
})
# Inputs whose change forces replacement of every resource of the module call: names and placement.
IDENTITY_INPUT = re.compile(r"(^|_)(name|name_prefix|names|bucket_name|role_name|replication_group_id|location|"
                            r"region|resource_group_name|project|project_id|dataset_id|account_id|subscription_id|tenant_id)$")
FOR_EACH_KEY = re.compile(r'\["([^"]+)"\]')


def resource_class(resource_type: str) -> str:
    return "stateful" if resource_type in STATEFUL else "committed" if resource_type in COMMITTED else ""


def _plain(value: Any) -> Any:
    if isinstance(value, Expr):
        return {"expr": value.text}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _digest(value: Any) -> str:
    text = json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _slice(inputs: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The inputs that concern one for_each instance: map-valued inputs narrowed to its key."""
    if key is None:
        return inputs
    return {k: (v[key] if isinstance(v, dict) and key in v else v) for k, v in inputs.items()}


def _record(stack: Stack, module: ModuleCall, resource: Resource, tags: dict[str, str]) -> dict[str, str]:
    match = FOR_EACH_KEY.search(resource.address)
    key = match.group(1) if match else None
    values = _slice(module.inputs, key)
    identity = {k: v for k, v in values.items() if IDENTITY_INPUT.search(k)}
    placement = {k: v for k, v in stack.provider_settings.items() if IDENTITY_INPUT.search(k)}  # account, region
    forced = {path: value for path, value in sorted(stack.replaced_on_change.items())
              if key is not None and f".{key}." in f".{path}."}
    return {"class": resource_class(resource.type), "spec_path": dotted(module.spec_path),
            "identity": _digest([identity, placement, forced]),
            "values": _digest([values, tags])}  # default tags reach every resource: changed in place


def resource_records(topology: Topology) -> dict[str, dict[str, dict[str, str]]]:
    """stack name -> resource address -> record, for the manifest."""
    tags = dict(topology.default_tags)
    return {stack.name: {f"module.{m.label}.{r.type}.{r.address}": _record(stack, m, r, tags)
                         for m in stack.modules for r in m.resources}
            for stack in topology.stacks}


MOVED_BLOCK = re.compile(rb"moved\s*\{\s*from\s*=\s*([^\s}]+)\s*to\s*=\s*([^\s}]+)\s*\}")


def module_moves(files: tuple[tuple[str, bytes], ...]) -> list[tuple[str, str]]:
    """The (from, to) addresses of a bundled module's own `moved` blocks (our module source, not user input)."""
    return [(m.group(1).decode(), m.group(2).decode()) for _, data in files for m in MOVED_BLOCK.finditer(data)]


def moved_addresses(topology: Topology, modules: dict[str, list[tuple[str, str]]]) -> dict[str, list[list[str]]]:
    """stack name -> [from, to] address pairs in the root stack's terms: its own `moved` blocks, and each module's
    prefixed with the module call (a whole-resource move covers every instance)."""
    out: dict[str, list[list[str]]] = {}
    for stack in topology.stacks:
        pairs = [[m.address(m.from_name), m.address(m.to_name)] for m in stack.moved]
        pairs += [[f"module.{call.label}.{a}", f"module.{call.label}.{b}"]
                  for call in stack.modules for a, b in modules.get(call.module, [])]
        if pairs:
            out[stack.name] = sorted(pairs)
    return out
