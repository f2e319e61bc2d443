"""Signals mid-write (through the MCAI_TEST_FAULT hook, in a child process) and concurrent plans: OUT always ends as
exactly one spec's tree plus the user's own files, never a mix, and a crash is finished or undone by the next run.
SIGKILL at each step of the whole-tree swap is in test_hostile_exchange.py; held signals on the swap path and every
step of the guard-file fallback are tested here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sandbox import Sandbox, box, fork_mcai, sibling, tree, wait  # noqa: F401

from mcai.pipeline import generate
from mcai.writer.journal import GUARD


def expected(spec: Path) -> dict[str, bytes]:
    return dict(generate(spec)[2])


def generated_part(out: Path) -> dict[str, bytes]:
    return {p: b for p, b in tree(out).items() if not p.startswith((".mcai-staging/", "user/"))}


def assert_no_usable_mix(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """What Terraform can load is one spec's: every stack directory holds its old files, its new files, or the guard
    Terraform refuses; and the stacks it accepts that differ between the specs are all old or all new. Returns the
    guarded stacks."""
    current = generated_part(out)
    guarded, sides = [], set()
    for stack in sorted({p.split("/", 1)[0] for p in set(current) | set(old) | set(new) if p.endswith(".tf")}):
        def part(files: dict[str, bytes], stack: str = stack) -> dict[str, bytes]:
            return {p: b for p, b in files.items() if p.startswith(stack + "/")}
        if f"{stack}/{GUARD}" in current:
            guarded.append(stack)
            continue
        assert part(current) in (part(old), part(new)), f"{stack}/ is a mix Terraform would load"
        if part(old) != part(new):
            sides.add("old" if part(current) == part(old) else "new")
    assert len(sides) <= 1, f"Terraform would load stacks from both specs: {sides}"
    return guarded


GUARDS = {"MCAI_TEST_NO_EXCHANGE": "1"}  # the fallback where renameat2(RENAME_EXCHANGE) is unavailable
FAULTS = [  # SIGKILL at each step of the swap: tests/hostile/test_hostile_exchange.py
    ("stage:3:SIGINT", "old", {}),
    ("commit:0:SIGTERM", "new", {}), ("exchange:0:SIGINT", "new", {}), ("retire:0:SIGHUP", "new", {}),
    ("guard:0:SIGKILL", "journal", GUARDS), ("apply:20:SIGKILL", "journal", GUARDS),
    ("unguard:0:SIGKILL", "journal", GUARDS), ("apply:5:SIGTERM", "new", GUARDS),
]


@pytest.mark.parametrize(("fault", "after", "env"), FAULTS)
def test_signal_mid_write_leaves_one_whole_tree(box: Sandbox, fault: str, after: str,  # noqa: F811
                                                env: dict[str, str]) -> None:
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    (box.out / "user").mkdir()
    (box.out / "user" / "notes.txt").write_text("mine\n")
    old, new = expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml")
    status = box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": fault, **env})
    assert status != 0
    staging = box.out / ".mcai-staging" if env else sibling(box.out)
    if after == "old":  # killed before the commit point: the previous tree, intact
        assert generated_part(box.out) == old
    elif after == "new":  # SIGTERM/SIGINT/SIGHUP are held until the journal is applied
        assert generated_part(box.out) == new and not staging.exists()
    else:  # SIGKILL after the commit point: the journal is there to be finished; nothing usable is a mix
        assert (staging / "journal.json").is_file()
        assert_no_usable_mix(box.out, old, new)
    if staging.exists():
        check = box.run("plan", "other.yaml", "-o", box.out, "--check", check_outside=False)
        assert check.exit_code == 3 and ".mcai-staging" in check.stderr
    assert box.run("plan", "other.yaml", "-o", box.out).exit_code == 0
    assert generated_part(box.out) == new and not staging.exists()
    assert (box.out / "user" / "notes.txt").read_text() == "mine\n"
    assert box.run("plan", "other.yaml", "-o", box.out, "--check").exit_code == 0


def test_next_run_of_the_old_spec_also_recovers(box: Sandbox) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    assert box.run_forked("plan", "other.yaml", "-o", box.out, env={"MCAI_TEST_FAULT": "commit:0:SIGKILL"}) == -9
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    assert generated_part(box.out) == expected(box.repo / "spec.yaml")


def test_concurrent_plans_serialise_and_leave_one_tree(box: Sandbox) -> None:  # noqa: F811
    env = {"MCAI_LOCK_TIMEOUT": "60"}
    pids = [fork_mcai(["plan", spec, "-o", str(box.out)], env)
            for spec in ("spec.yaml", "other.yaml", "spec.yaml", "other.yaml")]
    assert [wait(pid) for pid in pids] == [0, 0, 0, 0]
    assert generated_part(box.out) in (expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml"))
    assert not (box.out / ".mcai-staging").exists() and not sibling(box.out).exists()


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is required (CI has it)")
def test_terraform_refuses_a_stack_killed_mid_update(box: Sandbox) -> None:  # noqa: F811
    """Issue 12, the fallback without RENAME_EXCHANGE: a SIGKILL in the apply phase leaves no tree Terraform would
    use as a mix: the half-moved stack directory carries the guard, and `terraform init` fails on it naming the fix."""
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    old, new = expected(box.repo / "spec.yaml"), expected(box.repo / "other.yaml")
    assert box.run_forked("plan", "other.yaml", "-o", box.out,
                          env={"MCAI_TEST_FAULT": "apply:3:SIGKILL", **GUARDS}) == -9
    assert generated_part(box.out) not in (old, new)  # on disk, the files are a mix...
    guarded = assert_no_usable_mix(box.out, old, new)  # ...that no stack exposes to Terraform
    assert guarded == ["aws", "gcp"]
    for stack in guarded:
        init = subprocess.run(["terraform", "init", "-backend=false", "-input=false", "-no-color"],
                              cwd=box.out / stack, capture_output=True, text=True, timeout=120)
        assert init.returncode != 0 and "mcai_update_interrupted" in init.stderr + init.stdout
        assert "run mcai plan again" in init.stderr + init.stdout
    assert box.run("plan", "other.yaml", "-o", box.out).exit_code == 0
    after = {p: b for p, b in generated_part(box.out).items() if "/.terraform/" not in p}  # init's own files
    assert after == new and not any(box.out.rglob(GUARD))
