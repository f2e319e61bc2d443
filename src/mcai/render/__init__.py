"""Render stage: the derived topology -> an in-memory tree of Terraform files, `terraform fmt`-clean by construction."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import jinja2

from mcai import __version__, assets
from mcai.baseline.records import module_moves, moved_addresses, resource_records
from mcai.escape import md_cell, md_code
from mcai.render import hcl
from mcai.render.package import PACKAGE, function_sources, lambda_zip
from mcai.render.tree import FileTree
from mcai.topology.model import Stack, Topology

__all__ = ["render", "FileTree", "MANIFEST"]

MANIFEST = "mcai-manifest.json"
STACK_FILES = ("terraform.tf", "providers.tf", "backend.tf", "main.tf", "variables.tf", "outputs.tf")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(assets.templates_dir())), bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update({
        "hcl": hcl.value, "hcl_string": hcl.string, "hcl_key": hcl.key, "hcl_attributes": hcl.attributes,
        "hcl_comment": hcl.comment, "md_cell": md_cell, "md_code": md_code, "tg_path": lambda stack: f"../{stack}",
    })
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached per user (keyed by template source checksum): compiling is most of render time.
    Never affects output; skipped when the cache directory cannot be created."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = os.path.join(base, "mcai", f"jinja-{jinja2.__version__}-{__version__}")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(directory)


def render(topology: Topology, spec_name: str, command: str | None = None,
           extra: dict[str, str] | None = None) -> FileTree:
    """Every file mcai generates for `topology`, including the modules each stack uses and a manifest. `command`
    (the `mcai plan` that reproduces the tree) goes into the README; default `mcai plan <spec name>`. `extra`: more
    generated files (path -> text, e.g. the hand-off files), recorded in the manifest like the rest."""
    env = environment()
    tree = FileTree()
    name = Path(spec_name).name
    handoff = sorted(extra or {})
    # the router's correlation-id callback among the hand-off files ("" without one): the README's log-join section
    callback = next((path for path in handoff if path.endswith("/mcai_correlation.py")), "")
    context = {"topology": topology, "spec_name": name, "version": __version__,
               "command": command or f"mcai plan {name}", "handoff": handoff, "correlation_callback": callback}
    for stack in topology.stacks:
        ctx = {**context, "stack": stack, "tags": topology.default_tags}
        for name in STACK_FILES:
            template = f"stack/{name}.j2" if name != "providers.tf" else f"stack/providers/{stack.cloud}.tf.j2"
            tree.add(f"{stack.name}/{name}", env.get_template(template).render(ctx))
        tree.add(f"{stack.name}/backend.hcl.example", env.get_template("stack/backend.hcl.example.j2").render(ctx))
        if stack.remote_states:
            tree.add(f"{stack.name}/handovers.tf", env.get_template("stack/handovers.tf.j2").render(ctx))
        tree.add(f"{stack.name}/README.md", env.get_template("stack/README.md.j2").render(ctx))
        for path, text in stack.files:
            tree.add(f"{stack.name}/{path}", text)
        for module in stack.module_names:
            _copy_module(tree, stack, module)
    if topology.terragrunt:
        from mcai.render.terragrunt import MOCK_COMMANDS, units

        for unit in units(topology):
            tree.add(f"{unit.stack.name}/terragrunt.hcl", env.get_template("stack/terragrunt.hcl.j2").render(
                {**context, "unit": unit, "mock_commands": list(MOCK_COMMANDS)}))
    tree.add("README.md", env.get_template("README.md.j2").render(context))
    for path, text in sorted((extra or {}).items()):
        tree.add(path, text)
    tree.add(MANIFEST, _manifest(tree, topology))
    return tree


@cache
def _module_files(module: str) -> tuple[tuple[str, bytes], ...]:
    """The files of a bundled module that a stack needs (its tests and examples stay behind): its Terraform, README
    and function source, plus the function's package built here from that source (never the module's own copy)."""
    base = assets.modules_dir() / module
    if not base.is_dir():
        raise RuntimeError(f"bundled module {module!r} is missing")
    files = tuple((p.name, p.read_bytes()) for p in sorted(base.iterdir())
                  if p.is_file() and (p.suffix in (".tf", ".py") or p.name == "README.md"))
    sources = function_sources(files)
    if not sources and any(PACKAGE.encode() in data for name, data in files if name.endswith(".tf")):
        raise RuntimeError(f"bundled module {module!r} runs {PACKAGE} but ships no function source to build it from")
    return tuple(sorted(files + ((PACKAGE, lambda_zip(sources)),))) if sources else files


def _copy_module(tree: FileTree, stack: Stack, module: str) -> None:
    for name, data in _module_files(module):
        tree.add(f"{stack.name}/modules/{module}/{name}", data)


def _manifest(tree: FileTree, topology: Topology) -> str:
    body = {"schema": "mcai.manifest/v1", "generator": f"mcai {__version__}", "spec_sha256": topology.spec_sha256,
            "files": {path: tree.digest(path) for path in tree},
            # read back by the next plan: a changed value here means Terraform replaces the resource
            "replaced_on_change": topology.replaced_on_change,
            # read back by `mcai plan --baseline`: per stack, every resource address with its class and digests
            "resources": resource_records(topology),
            # and the addresses `moved` blocks rename (root and module ones), so a move is not a destroy + create
            "moved": moved_addresses(topology, {m: module_moves(_module_files(m)) for s in topology.stacks
                                                for m in s.module_names})}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"
