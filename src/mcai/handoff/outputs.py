"""`terraform output -json` of the applied stacks -> the values the hand-off files wait for. Read as untrusted input:
bounded, every value checked against a conservative pattern (ids, ARNs, host names, versions) before it goes into a
YAML, JSON or env file, and every missing or unusable value reported at once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcai.handoff.model import AfterApply

MAX_OUTPUTS_BYTES = 8_000_000
SAFE_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+=,-]{0,2047}", re.ASCII)


class OutputsError(ValueError):
    """Outputs that cannot fill the hand-off files; `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class StackOutputs:
    stack: str
    source: str
    outputs: dict[str, Any]


def stack_of(argument: str, stacks: tuple[str, ...]) -> tuple[str, Path]:
    """`STACK=FILE`, or `FILE` whose name up to its first dot is the stack (`aws.json`, `azure.outputs.json`)."""
    name, sep, rest = argument.partition("=")
    if sep and name in stacks:
        return name, Path(rest)
    path = Path(argument)
    stack = path.name.split(".", 1)[0]
    if stack not in stacks:
        raise OutputsError([f"{argument}: name the stack it belongs to ({', '.join(stacks)}) as STACK=FILE or in "
                            "the file name, e.g. aws.json"])
    return stack, path


def load(stack: str, path: Path) -> StackOutputs:
    """One stack's `terraform output -json`; raises `OutputsError` when it is not one."""
    with path.open("rb") as handle:
        data = handle.read(MAX_OUTPUTS_BYTES + 1)
    if len(data) > MAX_OUTPUTS_BYTES:
        raise OutputsError([f"{path}: larger than {MAX_OUTPUTS_BYTES} bytes; not terraform output -json"])
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise OutputsError([f"{path}: not JSON (write it with: terraform -chdir={stack} output -json > {path})"]) \
            from None
    if not isinstance(body, dict) or not all(isinstance(v, dict) and "value" in v for v in body.values()):
        raise OutputsError([f"{path}: not the output of terraform output -json (each output an object with a "
                            "\"value\")"])
    return StackOutputs(stack, str(path), body)


def values(refs: list[AfterApply], loaded: list[StackOutputs]) -> dict[AfterApply, str]:
    """The value of every reference; raises `OutputsError` listing each one missing, sensitive or unusable."""
    by_stack = {s.stack: s for s in loaded}
    found: dict[AfterApply, str] = {}
    problems: list[str] = []
    for ref in refs:
        where = f"{ref.stack} output {ref.output}" + "".join(f"[{k}]" for k in ref.keys)
        source = by_stack.get(ref.stack)
        if source is None:
            problems.append(f"{where}: no outputs given for stack {ref.stack} (--from-outputs {ref.stack}.json, "
                            f"written by terraform -chdir={ref.stack} output -json)")
            continue
        entry = source.outputs.get(ref.output)
        if entry is None:
            problems.append(f"{source.source}: has no output {ref.output} (apply the {ref.stack} stack first)")
            continue
        if entry.get("sensitive"):
            problems.append(f"{source.source}: output {ref.output} is sensitive; mcai does not copy secrets")
            continue
        value: Any = entry["value"]
        for key in ref.keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not SAFE_VALUE.fullmatch(value):
            what = "missing" if value is None else "not a plain id, ARN, host name or version"
            problems.append(f"{source.source}: {where} is {what}")
            continue
        found[ref] = value
    if problems:
        raise OutputsError(problems)
    return found
