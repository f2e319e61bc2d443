"""A sandbox for hostile runs: a repository (the working directory) with a spec and the user's own files, a
directory outside it standing for everything else on the machine, and a snapshot of every byte outside OUT taken
before and compared after each run."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mcai.cli.app import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "aws-bedrock.yaml"
OTHER = REPO / "examples" / "gcp-vertex.yaml"
SPEC_LINE = re.compile(r"^[^\n]+:\d+:\d+: ")


def sibling(out: Path) -> Path:
    """The staging directory mcai makes beside OUT while it swaps OUT whole (the one path outside OUT it writes)."""
    return out.parent / f".{out.name}.mcai-staging"


def snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple[str, str]]:
    """Every entry under `root` (links not followed) -> (kind, content hash / link target / mode). OUT (`skip`), its
    staging sibling and the directories that lead to OUT (mcai creates them as part of creating OUT) are left out."""
    out: dict[str, tuple[str, str]] = {}
    leading = set(skip.parents) if skip is not None else set()
    if skip is not None:
        leading.add(sibling(skip))
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        if skip is not None and (here in (skip, sibling(skip)) or skip in here.parents
                                 or sibling(skip) in here.parents):
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            path = here / name
            if skip is not None and (path == skip or path in leading):
                continue
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(info.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                out[rel] = ("other" if not stat.S_ISDIR(info.st_mode) else "dir", oct(info.st_mode))
    return out


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@dataclass
class Sandbox:
    root: Path
    repo: Path

    @property
    def out(self) -> Path:
        return self.repo / "generated" / "x"

    def spec(self, text: str, name: str = "spec.yaml") -> Path:
        path = self.repo / name
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, *args: str | Path, out: Path | None = None, check_outside: bool = True,
            interrupted: bool = False) -> Result:
        """mcai in-process; asserts no traceback, no hang (an alarm fails the test), that nothing outside OUT changed
        and that no staging directory is left beside OUT (unless the run is `interrupted` after its commit point)."""
        guarded = out if out is not None else self.out
        before = snapshot(self.root, guarded)
        previous = signal.signal(signal.SIGALRM, _hung)
        signal.alarm(HANG_S)
        try:
            res = CliRunner().invoke(app, [str(a) for a in args])
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        result = Result(res.exit_code, res.stdout, res.stderr)
        assert_clean(result)
        if check_outside:
            assert snapshot(self.root, guarded) == before, "a byte outside OUT changed"
            assert interrupted or not sibling(guarded).exists(), "a finished run left its staging directory beside OUT"
        return result

    def run_forked(self, *args: str | Path, env: dict[str, str] | None = None, out: Path | None = None) -> int:
        """mcai in a forked child (signals to itself, concurrency) without a new interpreter's start-up; returns its
        exit code, or minus the signal that ended it. Nothing outside OUT may change."""
        guarded = out if out is not None else self.out
        before = snapshot(self.root, guarded)
        status = wait(fork_mcai([str(a) for a in args], env or {}))
        assert snapshot(self.root, guarded) == before, "a byte outside OUT changed"
        return status


def fork_mcai(args: list[str], env: dict[str, str]) -> int:
    """Start mcai in a forked child; its stdout/stderr go to /dev/null (a killed run prints nothing useful)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 99
        try:
            os.environ.update(env)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            for sig in (signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_DFL)
            result = CliRunner().invoke(app, args)
            output = result.stdout + result.stderr
            code = 98 if "Traceback" in output or "internal error" in output else result.exit_code
        finally:
            os._exit(code)
    return pid


def wait(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    assert status != 98 << 8, "the child printed a traceback"
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)


HANG_S = 20


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError(f"mcai did not finish within {HANG_S} s (hung on a FIFO or device?)")


def assert_clean(result: Result) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.exit_code != 70


def assert_spec_problem(result: Result, filename: str, *needles: str) -> None:
    """Exit 1, every problem as `file:line:col: message`, each needle in some message, nothing on stdout."""
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert problems and summary.endswith("nothing was written."), result.stderr
    assert all(line.startswith(filename + ":") and SPEC_LINE.match(line) for line in problems), result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    root = tmp_path / "sandbox"
    repo = root / "repo"
    outside = root / "outside"
    (outside / ".ssh").mkdir(parents=True)
    (outside / ".ssh" / "authorized_keys").write_text("ssh-ed25519 AAAA user\n")
    (outside / "victim.txt").write_text("precious\n")
    repo.mkdir()
    (repo / "README.md").write_text("# my repository\n")
    shutil.copy(EXAMPLE, repo / "spec.yaml")
    shutil.copy(OTHER, repo / "other.yaml")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MCAI_LOCK_TIMEOUT", "5")
    monkeypatch.delenv("MCAI_TEST_FAULT", raising=False)
    monkeypatch.delenv("MCAI_DEBUG", raising=False)
    return Sandbox(root, repo)


def tree(root: Path) -> dict[str, bytes]:
    """Regular files under `root`, relative path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def planted(box: Sandbox) -> Path:
    """OUT after one good plan of spec.yaml."""
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    return box.out


def victim(box: Sandbox) -> Path:
    return box.root / "outside" / "victim.txt"


def expect_refused(box: Sandbox, *args: str, needle: str, code: int = 1) -> str:
    """The run is refused with `needle` in its message and OUT is exactly as before."""
    before = snapshot(box.out) if box.out.exists() else None
    result = box.run("plan", "spec.yaml", "-o", box.out, *args)
    assert result.exit_code == code, result.stderr
    assert needle in result.stderr, result.stderr
    assert (snapshot(box.out) if box.out.exists() else None) == before, "OUT changed although the run was refused"
    return result.stderr
