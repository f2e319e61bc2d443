"""The exchange path (OUT built whole in a staging directory beside it and swapped in by one
renameat2(RENAME_EXCHANGE)): a SIGKILL at every step leaves the whole tree byte for byte its previous or its new
content plus the user's own entries (same inodes, a link inside `.terraform/` still a link), never a guard file; the
next run finishes and leaves no staging directory; what appears in the swapped-out tree meanwhile is moved into the
live one or kept beside it, never deleted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sandbox import Sandbox, box, sibling, tree  # noqa: F401

from mcai.pipeline import generate
from mcai.writer import exchange

pytestmark = pytest.mark.skipif(exchange._RENAMEAT2 is None, reason="renameat2 is Linux-only (CI runs Linux)")

USER_FILES = {"aws/terraform.tfvars": b'region = "us-east-1"\n', "aws/terraform.tfstate": b'{"version": 4}\n',
              "aws/.terraform/providers/registry/bin": b"\x7fELF provider\n", "aws/extra.auto.tfvars.json": b"{}\n",
              "user/notes.txt": b"mine\n"}
USER_LINK = ("aws/.terraform/modules/shared", "../../../../elsewhere")  # dangling: following it would fail


def expected(spec: Path) -> dict[str, bytes]:
    return dict(generate(spec)[2])


def add_user_entries(out: Path) -> dict[str, tuple[int, bytes | str]]:
    for rel, data in USER_FILES.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / USER_LINK[0]).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(USER_LINK[1], out / USER_LINK[0])
    return user_entries(out)


def user_entries(out: Path) -> dict[str, tuple[int, bytes | str]]:
    """Each user entry -> (inode, bytes or link target); a missing entry is absent from the result."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for rel in [*USER_FILES, USER_LINK[0]]:
        path = out / rel
        if os.path.lexists(path):
            info = path.lstat()
            found[rel] = (info.st_ino, os.readlink(path) if stat.S_ISLNK(info.st_mode) else path.read_bytes())
    return found


def generated_now(out: Path) -> dict[str, bytes]:
    return {p: b for p, b in tree(out).items() if p not in USER_FILES}


# stage: a new file written into the staged tree; commit: the journal is durable; exchange: OUT swapped; retire: a
# top-level entry of the previous tree handled; clear: the journal removed, the staging directory not yet
STEPS = {"stage:4": "old", "commit:0": "old", "exchange:0": "new", "retire:0": "new", "retire:2": "new",
         "clear:0": "new"}


@pytest.mark.parametrize("step", STEPS)
def test_sigkill_at_every_step_leaves_the_whole_tree_old_or_new(box: Sandbox, step: str) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    users = add_user_entries(box.out)
    old, new = expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml")
    assert box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": f"{step}:SIGKILL"}) == -9
    assert sibling(box.out).is_dir() and not (box.out / ".mcai-staging").exists()
    assert (sibling(box.out) / "journal.json").is_file() == (step not in ("stage:4", "clear:0"))
    assert generated_now(box.out) == (old if STEPS[step] == "old" else new), "OUT is not byte for byte one tree"
    assert user_entries(box.out) == users, "a user's file, link or its inode changed"
    check = box.run("plan", "other.yaml", "-o", box.out, "--check", check_outside=False)
    assert check.exit_code == 3 and sibling(box.out).name in check.stderr
    assert box.run("plan", "other.yaml", "-o", box.out).exit_code == 0
    assert generated_now(box.out) == new and user_entries(box.out) == users
    assert box.run("plan", "other.yaml", "-o", box.out, "--check").exit_code == 0


def test_update_keeps_user_entries_and_unchanged_files_by_inode(box: Sandbox) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    users = add_user_entries(box.out)
    before = {p: (box.out / p).stat().st_ino for p in expected(box.repo / "spec.yaml")}
    out_inode = box.out.stat().st_ino
    result = box.run("plan", "other.yaml", "-o", box.out)
    assert result.exit_code == 0 and "guard files" not in result.stderr
    assert box.out.stat().st_ino != out_inode, "OUT itself was swapped for the new tree"
    new = expected(box.repo / "other.yaml")
    assert generated_now(box.out) == new and user_entries(box.out) == users
    unchanged = [p for p in before if "/" in p and p in new and (box.out / p).read_bytes() ==
                 expected(box.repo / "spec.yaml")[p]]
    assert unchanged and all((box.out / p).stat().st_ino == before[p] for p in unchanged)
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0  # back: gcp/ held only generated files
    assert not (box.out / "gcp").exists() and user_entries(box.out) == users


def test_writes_into_the_swapped_out_directory_are_never_lost(box: Sandbox) -> None:  # noqa: F811
    """A shell or Terraform run still inside the previous `aws/` (its cwd is that directory of the swapped-out tree)
    keeps writing there after the exchange: a new file is moved into the live tree, a file replaced there replaces the
    carried-over one, and one changed on both sides is kept beside the live file as `.mcai-kept` and reported."""
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    add_user_entries(box.out)
    cwd = os.open(box.out / "aws", os.O_RDONLY | os.O_DIRECTORY)  # a shell sitting in aws/
    try:
        assert box.run_forked("plan", "other.yaml", "-o", box.out,
                              env={"MCAI_TEST_FAULT": "exchange:0:SIGKILL"}) == -9
        assert os.fstat(cwd).st_ino != (box.out / "aws").stat().st_ino, "aws/ was exchanged"

        def write_there(name: str, data: bytes) -> None:  # as a process in the old directory would: new inode
            fd = os.open(name + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=cwd)
            os.write(fd, data)
            os.close(fd)
            os.rename(name + ".tmp", name, src_dir_fd=cwd, dst_dir_fd=cwd)

        write_there("terraform.tfstate.backup", b"written after the exchange\n")
        write_there("terraform.tfstate", b'{"version": 4, "serial": 2}\n')
        write_there("terraform.tfvars", b"old side\n")
        (box.out / "aws" / "terraform.tfvars").unlink()
        (box.out / "aws" / "terraform.tfvars").write_bytes(b"live side\n")
    finally:
        os.close(cwd)
    result = box.run("plan", "other.yaml", "-o", box.out)
    assert result.exit_code == 0
    aws = box.out / "aws"
    assert (aws / "terraform.tfstate.backup").read_bytes() == b"written after the exchange\n"
    assert (aws / "terraform.tfstate").read_bytes() == b'{"version": 4, "serial": 2}\n'
    assert (aws / "terraform.tfvars").read_bytes() == b"live side\n"
    assert (aws / "terraform.tfvars.mcai-kept").read_bytes() == b"old side\n"
    assert "aws/terraform.tfvars.mcai-kept" in result.stderr and not sibling(box.out).exists()
    assert {p: b for p, b in generated_now(box.out).items() if p not in ("aws/terraform.tfstate.backup",
                                                                       "aws/terraform.tfvars.mcai-kept")} == \
        expected(box.repo / "other.yaml")


def test_a_generated_file_edited_after_a_crash_is_kept_not_lost(box: Sandbox) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    assert box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": "commit:0:SIGKILL"}) == -9
    (box.out / "aws" / "main.tf").write_text("# my edit while the update was pending\n")
    result = box.run("plan", "other.yaml", "-o", box.out)
    assert result.exit_code == 0 and "aws/main.tf.mcai-kept" in result.stderr
    assert (box.out / "aws" / "main.tf.mcai-kept").read_text() == "# my edit while the update was pending\n"
    assert (box.out / "aws" / "main.tf").read_bytes() == expected(box.repo / "other.yaml")["aws/main.tf"]
    check = box.run("plan", "other.yaml", "-o", box.out, "--check")
    assert check.exit_code == 3 and "main.tf.mcai-kept" in check.stderr


def test_without_the_exchange_the_guard_path_runs_and_says_so(box: Sandbox, monkeypatch) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    users = add_user_entries(box.out)
    monkeypatch.setenv("MCAI_TEST_NO_EXCHANGE", "1")
    result = box.run("plan", "other.yaml", "-o", box.out)
    assert result.exit_code == 0 and "guard files" in result.stderr
    assert generated_now(box.out) == expected(box.repo / "other.yaml") and user_entries(box.out) == users
