"""Property: for any sequence of plans, hand edits, user files and crashes (SIGKILL at any staging or apply step, in
a forked child), OUT ends as exactly one tree's generated files plus the user's own files, byte for byte; a refused
plan changes nothing; a user's file or hand edit is never changed by mcai."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcai import writer
from mcai.render import MANIFEST, FileTree

TREES = [
    {"README.md": b"# a\n", "aws/main.tf": b"a = 1\n", "aws/modules/m/main.tf": b"m\n", "gcp/main.tf": b"g\n"},
    {"README.md": b"# b\n", "aws/main.tf": b"b = 2\n", "azure/main.tf": b"z\n", "azure/modules/n/x.tf": b"n\n"},
    {"README.md": b"# c\n", "aws/main.tf": b"a = 1\n", "aws/modules/m/main.tf": b"m2\n"},
]
USER_PATHS = ["notes.txt", "aws/terraform.tfvars", "aws/.terraform/lock", "extra/deep/file"]


def file_tree(files: dict[str, bytes]) -> FileTree:
    tree = FileTree()
    for path, data in files.items():
        tree.add(path, data)
    digests = {p: tree.digest(p) for p in tree}
    tree.add(MANIFEST, json.dumps({"schema": "mcai.manifest/v1", "files": digests}, sort_keys=True) + "\n")
    return tree


def plan(out: Path, index: int) -> bool:
    """One write of tree `index`; False when refused."""
    tree = file_tree(TREES[index])
    try:
        with writer.open_output(out, write=True) as output:
            output.write(tree, output.inspect(tree))
    except writer.OutputError:
        return False
    return True


def crash(out: Path, index: int, step: str, n: int) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child dies by its own SIGKILL (or exits when the step is never reached)
        try:
            os.environ["MCAI_TEST_FAULT"] = f"{step}:{n}:SIGKILL"
            plan(out, index)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) or os.WTERMSIG(status) == signal.SIGKILL


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


operations = st.lists(st.one_of(
    st.tuples(st.just("plan"), st.integers(0, len(TREES) - 1)),
    st.tuples(st.just("crash"), st.integers(0, len(TREES) - 1), st.sampled_from(["stage", "apply", "commit"]),
              st.integers(0, 5)),
    st.tuples(st.just("edit"), st.sampled_from(sorted({p for t in TREES for p in t}))),
    st.tuples(st.just("user"), st.sampled_from(USER_PATHS)),
), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_out_is_always_one_tree_plus_user_files(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("prop") / "out"
    user: dict[str, bytes] = {}
    edited: dict[str, bytes] = {}
    last: int | None = None
    crashed = False
    for op in ops:
        if op[0] == "plan":
            before = files(out) if out.exists() else {}
            if plan(out, op[1]):
                last = op[1]
                edited = {p: b for p, b in edited.items() if p not in TREES[last]}  # no longer in mcai's way
            else:
                # refused; it may only have finished or discarded what a crashed run left
                assert crashed or files(out) == before, "a refused plan changed OUT"
                assert edited or user, "only a hand edit or a user file in the way refuses a plan here"
                assert not (out / ".mcai-staging").exists()
            crashed = False
        elif op[0] == "crash":
            crash(out, op[1], op[2], op[3])
            crashed = True
        elif op[0] == "edit" and out.exists() and (out / op[1]).is_file():
            (out / op[1]).write_bytes(b"hand edit\n")
            edited[op[1]] = b"hand edit\n"
        elif op[0] == "user" and out.exists() and op[1] not in edited:
            (out / op[1]).parent.mkdir(parents=True, exist_ok=True)
            (out / op[1]).write_bytes(b"user file\n")
            user[op[1]] = b"user file\n"
    if last is None and not out.exists():
        return
    recovered = plan(out, last if last is not None else 0)  # finishes or discards any crash first
    current = files(out)
    for path, data in {**user, **edited}.items():
        assert current[path] == data, f"mcai changed {path}"
    if recovered:
        expected = {**dict(file_tree(TREES[last if last is not None else 0])), **user, **edited}
        assert current == expected
    assert not (out / ".mcai-staging").exists()
