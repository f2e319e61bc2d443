"""Imports in src/mcai run one way, down the flow: no module imports (directly or through others) a module that
imports it back. Function-local imports count too: a circle deferred to call time is still a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

SRC = REPO / "src" / "mcai"


def module_name(path: Path, root: Path) -> str:
    return ".".join(("mcai", *path.relative_to(root).with_suffix("").parts))


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Module -> the mcai modules it imports (a package's __init__ is left out: it only re-exports)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py")) if p.name != "__init__.py"}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                base = name.split(".")[: len(name.split(".")) - node.level] if node.level else []
                target = ".".join([*base, *([node.module] if node.module else [])])
                graph[name] |= {f"{target}.{a.name}" if f"{target}.{a.name}" in files else target
                                for a in node.names} & files.keys()
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names} & files.keys()
        graph[name].discard(name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_src_has_no_import_circles() -> None:
    assert circles(import_graph()) == [], "modules that import each other: move what they share into a leaf module"


def test_the_check_finds_a_circle_even_through_a_function_local_import(tmp_path: Path) -> None:
    package = tmp_path / "mcai"
    package.mkdir()
    (package / "a.py").write_text("from mcai.b import x\n")
    (package / "b.py").write_text("def f():\n    from mcai import c\n")
    (package / "c.py").write_text("from mcai.a import y\n")
    (package / "d.py").write_text("from mcai import a\n")
    assert circles(import_graph(package)) == [["mcai.a", "mcai.b", "mcai.c"]]
