"""The staging directory beside OUT (`.<name>.mcai-staging`, the one path outside OUT mcai writes): something there
that is not provably mcai's staging directory for this OUT is never removed or entered, and where no staging
directory can be made (or with --force) OUT is updated in place behind guard files, saying so."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from sandbox import Sandbox, box, planted, sibling, snapshot, tree  # noqa: F401

from mcai.pipeline import generate
from mcai.writer import exchange

pytestmark = pytest.mark.skipif(exchange._RENAMEAT2 is None, reason="renameat2 is Linux-only (CI runs Linux)")


def _users_directory(path: Path, sandbox: Sandbox) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("mine\n")


def _link(path: Path, sandbox: Sandbox) -> None:
    path.symlink_to(sandbox.root / "outside")


def _copied_staging(path: Path, sandbox: Sandbox) -> None:
    """A private directory with a marker copied from mcai's: it names another directory's inode."""
    path.mkdir(mode=0o700)
    (path / "mcai-staging.json").write_text('{"dir": [1, 2], "out": [1, 3], "schema": "mcai.staging/v1"}')
    (path / "tree").mkdir()
    (path / "tree" / "data").write_text("mine\n")


@pytest.mark.parametrize("plant", [_users_directory, _link, _copied_staging])
def test_something_beside_out_that_is_not_mcais_staging_is_left_alone(box: Sandbox, plant) -> None:  # noqa: F811
    out = planted(box)
    plant(sibling(out), box)
    before = snapshot(box.root)
    result = box.run("plan", "other.yaml", "-o", out, check_outside=False)
    assert result.exit_code == 1 and sibling(out).name in result.stderr and "leaves it alone" in result.stderr
    assert snapshot(box.root) == before, "OUT or the directory beside it changed"


def test_staging_left_for_a_previous_out_is_not_removed(box: Sandbox) -> None:  # noqa: F811
    """An interrupted run's staging directory whose OUT was since replaced (moved away and copied back): its links
    may be the last ones to the user's files, so it is reported, not removed."""
    out = planted(box)
    (out / "aws" / "terraform.tfvars").write_text("mine\n")
    assert box.run_forked("plan", "other.yaml", "-o", out, env={"MCAI_TEST_FAULT": "stage:4:SIGKILL"}) == -9
    out.rename(out.with_name("moved"))
    shutil.copytree(out.with_name("moved"), out, symlinks=True)
    before = snapshot(box.root)
    result = box.run("plan", "other.yaml", "-o", out, check_outside=False)
    assert result.exit_code == 1 and "leaves it alone" in result.stderr
    assert snapshot(box.root) == before


def test_no_staging_directory_beside_out_falls_back_to_guard_files(box: Sandbox, monkeypatch) -> None:  # noqa: F811
    out = planted(box)
    real_mkdir = os.mkdir

    def mkdir(path, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if path == sibling(out).name:  # the parent directory is not writable (a root test run cannot chmod it so)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_mkdir(path, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", mkdir)
    inode = out.stat().st_ino
    result = box.run("plan", "other.yaml", "-o", out)
    assert result.exit_code == 0 and "no staging directory can be made beside OUT" in result.stderr
    assert "guard files" in result.stderr and out.stat().st_ino == inode
    assert tree(out) == dict(generate(box.repo / "other.yaml")[2])


def test_force_updates_in_place_and_says_so(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    inode = out.stat().st_ino
    result = box.run("plan", "other.yaml", "-o", out, "--force")
    assert result.exit_code == 0 and "--force" in result.stderr and "guard files" in result.stderr
    assert out.stat().st_ino == inode, "--force never replaces OUT's directory itself"
    assert tree(out) == dict(generate(box.repo / "other.yaml")[2])


def test_a_shell_inside_out_is_told_it_sees_the_old_tree(box: Sandbox, monkeypatch) -> None:  # noqa: F811
    out = planted(box)
    monkeypatch.chdir(out / "aws")
    result = box.run("plan", box.repo / "other.yaml", "-o", out)
    assert result.exit_code == 0 and 'cd "$PWD"' in result.stderr
    assert not os.path.exists("main.tf"), "the working directory is the removed old tree"


def test_a_filesystem_without_the_exchange_falls_back_to_guard_files(box: Sandbox, monkeypatch) -> None:  # noqa: F811
    """RENAME_EXCHANGE refused (EINVAL: a filesystem without it) is found by a probe inside the staging directory,
    before anything is committed: the staging directory goes, and the guard-file update runs and says why."""
    out = planted(box)

    def rename2(*args: object) -> None:
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))

    monkeypatch.setattr(exchange, "rename2", rename2)
    result = box.run("plan", "other.yaml", "-o", out)
    assert result.exit_code == 0 and "cannot exchange directories atomically" in result.stderr, result.stderr
    assert "guard files" in result.stderr
    assert tree(out) == dict(generate(box.repo / "other.yaml")[2])
