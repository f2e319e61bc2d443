"""Value lint: checks the values in rendered Terraform that the cloud APIs restrict but the pinned providers do not
(see `rules.py`, each rule with its API source).

A value is checked where it is known: a literal in a module, or a literal a root stack passes to a module, followed
into the module's resources through `var.<name>` and `each.value.<field>` (templates of those included). Anything
computed (functions, other resources' attributes) is left alone. `mcai plan` runs this over its own output as a
final self-check; the test suite runs it over every golden and every module, read by python-hcl2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from mcai.lint.reader import Block, Value, read
from mcai.lint.rules import RULES

__all__ = ["Problem", "check_files", "check_blocks", "Block", "read"]

_REF = re.compile(r"(var|each)\.([\w.]+)")
_INTERPOLATION = re.compile(r"\$\{([^{}]*)\}")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    rule: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.rule}]"


def check_files(files: Mapping[str, str], reader=read) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Problems in a tree of `.tf` files keyed by relative path. A directory with module calls (a root stack) has
    its literal arguments followed into the called modules under `<stack>/modules/<name>/`."""
    parsed = {path: reader(text) for path, text in sorted(files.items()) if path.endswith(".tf")}
    problems: list[Problem] = []
    for path, blocks in parsed.items():
        directory = str(PurePosixPath(path).parent)
        problems += check_blocks(path, blocks, {})
        for call in (b for b in blocks if b.kind == "module"):
            source = call.attrs.get("source")
            if not isinstance(source, str) or not source.startswith('"./modules/'):
                continue
            module_dir = str(PurePosixPath(directory) / source.strip('"')[2:])
            origin = f"module.{call.labels[0] if call.labels else '?'} in {path}:{call.line}"
            for module_path, module_blocks in parsed.items():
                if str(PurePosixPath(module_path).parent) == module_dir:
                    problems += check_blocks(module_path, module_blocks, call.attrs, origin)
    return sorted(set(problems))


def check_blocks(path: str, blocks: Iterable[Block], args: Mapping[str, Value], origin: str = "") -> list[Problem]:
    """Problems in the resources of one file. Without `args` only literals are checked; with them (the literal
    arguments of the module call named by `origin`) only the values those arguments give."""
    out = []
    for block in blocks:
        if block.kind != "resource" or len(block.labels) != 2:
            continue
        for_each = block.attrs.get("for_each")
        items = _for_each_items(for_each, args) if args else [None]
        for each in items:
            out += _check(path, block.labels[0], block, "", args, each, origin)
    return out


def _check(path: str, rtype: str, block: Block, prefix: str, args: Mapping[str, Value],
           each: tuple[str, Value] | None, origin: str) -> list[Problem]:
    out = []
    for name, raw in block.attrs.items():
        rule = RULES.get((rtype, prefix + name))
        if rule is None or not isinstance(raw, str):
            continue
        value = _evaluate(raw, args, each) if args else _literal(raw)
        if value is None or (args and _literal(raw) is not None):
            continue  # unknown here, or a literal (checked when the module file is checked on its own)
        reason = rule.check(value)
        if reason:
            via = f" (value from {origin})" if origin else ""
            out.append(Problem(path, block.lines.get(name, block.line), rule.id,
                               f"{rtype} {prefix + name} {value!r} {reason}{via}"))
    for child in block.blocks:
        kind = child.labels[0] if child.kind == "dynamic" and child.labels else child.kind
        inner = next((c for c in child.blocks if c.kind == "content"), child) if child.kind == "dynamic" else child
        out += _check(path, rtype, inner, f"{prefix}{kind}.", args, each, origin)
    return out


def _literal(raw: str) -> str | None:
    """The text of a quoted string without interpolations, else None."""
    if not (raw.startswith('"') and raw.endswith('"')) or "${" in raw.replace("$${", ""):
        return None
    return _unescape(raw[1:-1])


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text).replace(
        "$${", "${")


def _evaluate(raw: str, args: Mapping[str, Value], each: tuple[str, Value] | None) -> str | None:
    """The string value of `raw` when it only refers to literal call arguments (`var.x`, `each.value.f`)."""
    if raw.startswith("${") and raw.endswith("}") and not raw.startswith('"'):
        return _lookup(raw[2:-1].strip(), args, each)
    if not (raw.startswith('"') and raw.endswith('"')):
        return None
    parts: list[str] = []
    body, pos = raw[1:-1], 0
    for m in _INTERPOLATION.finditer(body):
        resolved = _lookup(m.group(1).strip(), args, each)
        if resolved is None:
            return None
        parts += [_unescape(body[pos:m.start()]), resolved]
        pos = m.end()
    return "".join(parts) + _unescape(body[pos:])


def _lookup(ref: str, args: Mapping[str, Value], each: tuple[str, Value] | None) -> str | None:
    m = _REF.fullmatch(ref)
    if not m:
        return None
    names = m.group(2).split(".")
    current: Value
    if m.group(1) == "var":
        current = args.get(names[0])
        names = names[1:]
    elif each is None:
        return None
    elif names == ["key"]:
        return each[0]
    elif names[0] == "value":
        current, names = each[1], names[1:]
    else:
        return None
    for name in names:
        if not isinstance(current, dict):
            return None
        current = current.get(name)
    return _literal(current) if isinstance(current, str) else None


def _for_each_items(for_each: Value, args: Mapping[str, Value]) -> list[tuple[str, Value] | None]:
    """The entries a `for_each = var.<map>` iterates, when the call passes that map literally."""
    if not isinstance(for_each, str):
        return [None]
    m = re.fullmatch(r"\$\{var\.(\w+)\}", for_each)
    value = args.get(m.group(1)) if m else None
    if not isinstance(value, dict):
        return [None]
    return [(key, item) for key, item in sorted(value.items())] or [None]


class LintError(RuntimeError):
    """mcai rendered a value its own lint rejects: a bug in mcai (the spec checks should have refused the input)."""


def self_check(files: Mapping[str, bytes]) -> None:
    """The last step of rendering: raise `LintError` listing every problem in the rendered tree."""
    problems = check_files({path: data.decode("utf-8") for path, data in files.items() if path.endswith(".tf")})
    if problems:
        listed = "\n".join(f"  {p.format()}" for p in problems)
        raise LintError(f"the rendered Terraform has values the cloud APIs refuse (a bug in mcai; nothing was "
                        f"written):\n{listed}")
