"""Where OUT may be (/, home, a repository root, beside foreign files), and the lock, disk-full and staging-debris
cases: each refused run changes nothing, each accepted one replaces nothing it did not generate."""

from __future__ import annotations

import fcntl
import os

import pytest
from sandbox import Sandbox, box, expect_refused, planted, sibling, snapshot, tree, victim  # noqa: F401

# --- where OUT may be ---------------------------------------------------------------------------------------------

def test_root_is_refused_without_force(box: Sandbox) -> None:  # noqa: F811
    result = box.run("plan", "spec.yaml", "-o", "/", out=box.root / "none")
    assert result.exit_code == 1 and "is the root directory" in result.stderr and "--force" in result.stderr


def test_root_is_accepted_with_force(box: Sandbox) -> None:  # noqa: F811
    """Issue 12: `/` is refused "unless --force is given". Checked without writing: --check reads / and reports the
    tree as missing (exit 3) instead of refusing the directory."""
    result = box.run("plan", "spec.yaml", "-o", "/", "--force", "--check", out=box.root / "none")
    assert result.exit_code == 3 and "root directory" not in result.stderr, result.stderr


def test_home_is_refused_without_force(box: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    home = box.root / "outside"
    monkeypatch.setenv("HOME", str(home))
    result = box.run("plan", "spec.yaml", "-o", home, out=box.root / "none")
    assert result.exit_code == 1 and "is your home directory" in result.stderr and "--force" in result.stderr


def test_home_is_accepted_with_force_and_nothing_there_is_replaced(box: Sandbox,  # noqa: F811
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    home = box.root / "outside"
    monkeypatch.setenv("HOME", str(home))
    before = {p: (home / p).read_bytes() for p in (".ssh/authorized_keys", "victim.txt")}
    result = box.run("plan", "spec.yaml", "-o", home, "--force", out=home)
    assert result.exit_code == 0, result.stderr
    assert (home / "mcai-manifest.json").is_file() and (home / "aws").is_dir()
    assert {p: (home / p).read_bytes() for p in before} == before
    (home / "README.md").write_text("my own readme\n")  # a file of mine where mcai writes: refused, not replaced
    (home / "mcai-manifest.json").unlink()
    result = box.run("plan", "spec.yaml", "-o", home, "--force", out=home)
    assert result.exit_code == 1 and "README.md" in result.stderr
    assert (home / "README.md").read_text() == "my own readme\n"


@pytest.mark.parametrize("out", [".", "", "../repo"])
def test_repository_root_is_refused(box: Sandbox, out: str) -> None:  # noqa: F811
    result = box.run("plan", "spec.yaml", "-o", out, out=box.root / "none")
    assert result.exit_code == 1 and "mcai did not generate it" in result.stderr and "--force" in result.stderr


def test_force_into_repository_root_never_replaces_the_users_readme(box: Sandbox) -> None:  # noqa: F811
    result = box.run("plan", "spec.yaml", "-o", ".", "--force", out=box.root / "none")
    assert result.exit_code == 1 and "README.md: exists but mcai did not generate it" in result.stderr
    assert not (box.repo / "aws").exists()


def test_force_adds_beside_foreign_files(box: Sandbox) -> None:  # noqa: F811
    box.out.mkdir(parents=True)
    (box.out / "notes.txt").write_text("keep me\n")
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 1
    assert box.run("plan", "spec.yaml", "-o", box.out, "--force").exit_code == 0
    assert (box.out / "notes.txt").read_text() == "keep me\n"
    assert box.run("plan", "spec.yaml", "-o", box.out, "--check").exit_code == 0


def test_empty_existing_directory_is_fine(box: Sandbox) -> None:  # noqa: F811
    box.out.mkdir(parents=True)
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0


def test_output_under_a_file_exits_1(box: Sandbox) -> None:  # noqa: F811
    result = box.run("plan", "spec.yaml", "-o", "README.md/x", out=box.root / "none")
    assert result.exit_code == 1 and "README.md is a regular file where a directory is expected" in result.stderr


# --- locks, disk full, staging debris -----------------------------------------------------------------------------

def test_a_second_plan_while_one_holds_the_lock_fails_clearly(box: Sandbox, monkeypatch) -> None:  # noqa: F811
    out = planted(box)
    monkeypatch.setenv("MCAI_LOCK_TIMEOUT", "0.2")
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        expect_refused(box, needle="another mcai run is writing this directory")
        check = box.run("plan", "spec.yaml", "-o", out, "--check")
        assert check.exit_code == 1 and "another mcai run" in check.stderr
    finally:
        os.close(fd)
    assert box.run("plan", "other.yaml", "-o", out).exit_code == 0


@pytest.mark.parametrize("step", ["stage:0", "stage:7", "commit:0"])
def test_disk_full_while_staging_changes_nothing(box: Sandbox, monkeypatch, step: str) -> None:  # noqa: F811
    out = planted(box)
    before = tree(out)
    monkeypatch.setenv("MCAI_TEST_FAULT", f"{step}:ENOSPC")
    result = box.run("plan", "other.yaml", "-o", out, interrupted=step == "commit:0")
    if step == "commit:0":  # after the commit point the update is finished by the next run
        assert result.exit_code == 1 and "the next `mcai plan` into this directory finishes it" in result.stderr
        monkeypatch.delenv("MCAI_TEST_FAULT")
        assert box.run("plan", "other.yaml", "-o", out).exit_code == 0
        assert box.run("plan", "other.yaml", "-o", out, "--check").exit_code == 0
        return
    assert result.exit_code == 1 and "No space left on device; nothing was changed" in result.stderr
    assert f"{box.out}:" in result.stderr, "the message names the directory, not a staging path"
    assert tree(out) == before and not (out / ".mcai-staging").exists() and not sibling(out).exists()


def test_check_is_not_up_to_date_while_staging_debris_exists(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    (out / ".mcai-staging").mkdir()
    (out / ".mcai-staging" / "000000").write_text("half")
    check = box.run("plan", "spec.yaml", "-o", out, "--check")
    assert check.exit_code == 3 and ".mcai-staging" in check.stderr
    assert box.run("plan", "spec.yaml", "-o", out).exit_code == 0
    assert not (out / ".mcai-staging").exists()
    assert box.run("plan", "spec.yaml", "-o", out, "--check").exit_code == 0


def test_dry_run_reports_problems_and_writes_nothing(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    (out / "aws" / "main.tf").write_text("# edit\n")
    before = snapshot(out)
    result = box.run("plan", "spec.yaml", "-o", out, "--dry-run")
    assert result.exit_code == 0 and "aws/main.tf: was edited" in result.stderr
    assert snapshot(out) == before
