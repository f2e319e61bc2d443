"""Property: for any sequence of plans, hand edits, user files and crashes (SIGKILL at any staging, commit, exchange,
retire or clear step of the whole-tree swap, in a forked child), OUT ends as exactly one tree's generated files plus the user's own files, byte for
byte; a refused plan changes nothing; a user's file (same inode) or link is never changed by mcai, and a hand edit is
never lost (one made while a crashed update was pending is kept beside the new file as `.mcai-kept`)."""

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
USER_PATHS = ["notes.txt", "aws/terraform.tfvars", "aws/.terraform/lock", "extra/deep/file", "azure/x.tfstate"]
USER_LINK = "aws/.terraform/modules/link"  # a link the user keeps inside .terraform/: never followed


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


def staging_beside(out: Path) -> Path:
    return out.parent / f".{out.name}.mcai-staging"


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


operations = st.lists(st.one_of(
    st.tuples(st.just("plan"), st.integers(0, len(TREES) - 1)),
    st.tuples(st.just("crash"), st.integers(0, len(TREES) - 1),
              st.sampled_from(["stage", "commit", "exchange", "retire", "clear"]), st.integers(0, 2)),
    st.tuples(st.just("edit"), st.sampled_from(sorted({p for t in TREES for p in t}))),
    st.tuples(st.just("user"), st.sampled_from(USER_PATHS)),
    st.tuples(st.just("link")),
), min_size=1, max_size=8)


def kept(current: dict[str, bytes], path: str) -> bytes | None:
    return next((b for p, b in current.items() if p.startswith(path + ".mcai-kept")), None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_out_is_always_one_tree_plus_user_files(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("prop") / "out"
    user: dict[str, tuple[bytes, int]] = {}
    edited: dict[str, bytes] = {}
    pending: set[str] = set()  # edits made while a crashed update was pending
    linked = False
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
                assert not (out / ".mcai-staging").exists() and not staging_beside(out).exists()
            crashed = False
        elif op[0] == "crash":
            crash(out, op[1], op[2], op[3])
            crashed = True
        elif op[0] == "edit" and out.exists() and (out / op[1]).is_file() and op[1] not in user:
            (out / op[1]).write_bytes(b"hand edit\n")
            edited[op[1]] = b"hand edit\n"
            if crashed:
                pending.add(op[1])
        elif op[0] == "user" and out.exists() and op[1] not in edited and op[1] not in user:
            (out / op[1]).parent.mkdir(parents=True, exist_ok=True)
            if not (out / op[1]).exists():
                (out / op[1]).write_bytes(b"user file\n")
                user[op[1]] = (b"user file\n", (out / op[1]).stat().st_ino)
        elif op[0] == "link" and out.exists() and not linked and (out / "aws").is_dir():
            (out / USER_LINK).parent.mkdir(parents=True, exist_ok=True)
            os.symlink("../../../../outside", out / USER_LINK)
            linked = True
    if last is None and not out.exists():
        return
    recovered = plan(out, last if last is not None else 0)  # finishes or discards any crash first
    current = files(out)
    for path, (data, inode) in user.items():
        assert current[path] == data and (out / path).stat().st_ino == inode, f"mcai changed {path}"
    for path, data in edited.items():
        assert current.get(path) == data or (path in pending and kept(current, path) == data), f"lost edit {path}"
    if linked:
        assert os.readlink(out / USER_LINK) == "../../../../outside"
    kept_files = {p: b for p, b in current.items() if ".mcai-kept" in p}
    assert all(b == b"hand edit\n" for b in kept_files.values()), "only a pending hand edit is ever kept aside"
    moved = {p for p in pending if kept(current, p) is not None and current.get(p) != edited.get(p)}
    if recovered:
        expected = {**dict(file_tree(TREES[last if last is not None else 0])), **{p: d for p, (d, _) in user.items()},
                    **{p: d for p, d in edited.items() if p not in moved}}
        assert {p: b for p, b in current.items() if p not in kept_files} == expected
    assert not (out / ".mcai-staging").exists() and not staging_beside(out).exists()
