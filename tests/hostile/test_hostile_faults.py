"""Signals mid-write (through the MCAI_TEST_FAULT hook, in a child process) and concurrent plans: OUT always ends as
exactly one spec's tree plus the user's own files, never a mix, and a crash is finished or undone by the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sandbox import Sandbox, box, fork_mcai, tree, wait  # noqa: F401

from mcai.pipeline import generate


def expected(spec: Path) -> dict[str, bytes]:
    return dict(generate(spec)[2])


def generated_part(out: Path) -> dict[str, bytes]:
    return {p: b for p, b in tree(out).items() if not p.startswith((".mcai-staging/", "user/"))}


FAULTS = [
    ("stage:0:SIGKILL", "old"), ("stage:9:SIGKILL", "old"), ("commit:0:SIGKILL", "journal"),
    ("apply:0:SIGKILL", "journal"), ("apply:20:SIGKILL", "journal"),
    ("stage:3:SIGTERM", "old"), ("stage:3:SIGINT", "old"), ("commit:0:SIGTERM", "new"), ("apply:5:SIGTERM", "new"),
    ("apply:5:SIGINT", "new"), ("apply:5:SIGHUP", "new"),
]


@pytest.mark.parametrize(("fault", "after"), FAULTS)
def test_signal_mid_write_leaves_one_whole_tree(box: Sandbox, fault: str, after: str) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    (box.out / "user").mkdir()
    (box.out / "user" / "notes.txt").write_text("mine\n")
    old, new = expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml")
    status = box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": fault})
    assert status != 0
    staging = box.out / ".mcai-staging"
    if after == "old":  # killed before the commit point: the previous tree, intact
        assert generated_part(box.out) == old
    elif after == "new":  # SIGTERM/SIGINT/SIGHUP are held until the journal is applied
        assert generated_part(box.out) == new and not staging.exists()
    else:  # SIGKILL after the commit point: the journal is there to be finished
        assert (staging / "journal.json").is_file()
    if staging.exists():
        check = box.run("plan", "other.yaml", "-o", box.out, "--check")
        assert check.exit_code == 3 and ".mcai-staging" in check.stderr
    assert box.run("plan", "other.yaml", "-o", box.out).exit_code == 0
    assert generated_part(box.out) == new and not staging.exists()
    assert (box.out / "user" / "notes.txt").read_text() == "mine\n"
    assert box.run("plan", "other.yaml", "-o", box.out, "--check").exit_code == 0


def test_next_run_of_the_old_spec_also_recovers(box: Sandbox) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    assert box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": "apply:3:SIGKILL"}) == -9
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    assert generated_part(box.out) == expected(box.repo / "spec.yaml")


def test_concurrent_plans_serialise_and_leave_one_tree(box: Sandbox) -> None:  # noqa: F811
    env = {"MCAI_LOCK_TIMEOUT": "60"}
    pids = [fork_mcai(["plan", spec, "-o", str(box.out)], env)
            for spec in ("spec.yaml", "other.yaml", "spec.yaml", "other.yaml")]
    assert [wait(pid) for pid in pids] == [0, 0, 0, 0]
    assert generated_part(box.out) in (expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml"))
    assert not (box.out / ".mcai-staging").exists()
