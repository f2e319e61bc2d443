"""Shared by the hand-off tests: the goldens' hand-off files, and `terraform output -json` documents that answer
every value they wait for (realistic shapes: ids, ARNs, host names)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, GOLDEN

from mcai.handoff import AfterApply, after_apply_refs
from mcai.pipeline import derive_all

HANDOFF_FILES = sorted(p for p in GOLDEN.glob("*/handoff/**/*") if p.is_file())


def fake_value(ref: AfterApply) -> str:
    """What Terraform would output for `ref` (deterministic, shaped like the real thing)."""
    if ref.output.endswith("_client_id"):
        return "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    if ref.output == "response_cache_endpoint":
        return "master.estate-cache.x1y2z3.use1.cache.amazonaws.com"
    if ref.output == "bedrock_guardrails":
        return "1" if ref.keys[-1] == "version" else f"arn:aws:bedrock:us-east-1:111122223333:guardrail/g{ref.keys[0]}"
    if ref.output.endswith("_knowledge_base_id"):
        return "KB12345678"
    if ref.output == "bedrock_provisioned_model_arns":
        return "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc123def456"
    raise AssertionError(f"no fake value for {ref}: add one")


def write_outputs(example: Path, directory: Path) -> list[str]:
    """One `<stack>.json` per stack the example's hand-off files wait for; returns the --from-outputs arguments."""
    vspec, topology, paths = derive_all(example)
    per_stack: dict[str, dict] = {}
    for ref in after_apply_refs(vspec.spec, topology, paths):
        outputs = per_stack.setdefault(ref.stack, {})
        value = fake_value(ref)
        if ref.keys:
            entry = outputs.setdefault(ref.output, {"sensitive": False, "type": "object", "value": {}})["value"]
            for key in ref.keys[:-1]:
                entry = entry.setdefault(key, {})
            entry[ref.keys[-1]] = value
        else:
            outputs[ref.output] = {"sensitive": False, "type": "string", "value": value}
    args = []
    for stack, outputs in sorted(per_stack.items()):
        path = directory / f"{stack}.json"
        path.write_text(json.dumps(outputs))
        args.append(str(path))
    return args


ROUTED_EXAMPLES = [e for e in EXAMPLES if (GOLDEN / e.stem / "handoff").is_dir()
                   and any((GOLDEN / e.stem / "handoff").glob("*/litellm-config.yaml"))]
