"""The guard-file update of OUT, used where OUT cannot be swapped whole (`swap`: not Linux, no RENAME_EXCHANGE, OUT a
mount point or its parent not writable, an entry that cannot be hard-linked, or `--force`): stage every new byte,
commit a journal, then apply it (or finish it on the next run).

1. Every new file is staged in `OUT/.mcai-staging/` and fsynced. Nothing in OUT has changed yet: a crash here leaves
   the previous tree, and the next run removes the uncommitted staging area.
2. `journal.json` (the files to move and delete, with the hashes expected before and after, and the guards) is
   written, fsynced and renamed into place: the commit point.
3. The journal is applied with SIGINT/SIGTERM/SIGHUP held back: a guard (`GUARD`) is renamed into every stack
   directory the update touches, the files are moved one by one (the manifest last), then the guards are removed.
   A crash here (SIGKILL, power loss) leaves the journal, and the next run that takes the lock finishes it before
   anything else. Each step checks what it expects (a file is moved only over the bytes it replaces), so finishing
   never loses a change. What a crash leaves is never usable as a mix (Terraform refuses a directory holding the
   guard's unknown block), but the files on disk show the half-done update until the next run.

`MCAI_TEST_FAULT=<step>:<n>:<signal>` (tests only) sends `signal` to mcai itself at the n-th `stage`, `apply` (a file
moved), `guard` or `unguard` step here, or the `stage`, `commit`, `exchange`, `retire` and `clear` steps of `swap`,
to prove those claims under SIGKILL, SIGTERM and SIGINT; `ENOSPC` instead of a signal raises a disk-full error there.
`MCAI_TEST_NO_EXCHANGE=1` forces this fallback.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import re
import shutil
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from mcai.writer import fs
from mcai.writer.manifest import MANIFEST, STAGING, generated_path

JOURNAL = "journal.json"
GUARD = "mcai-update-interrupted.tf"
GUARD_BYTES = (b"# mcai was stopped while it replaced the generated files in this directory: they are a mix of two\n"
               b"# generations, so Terraform refuses to load this directory. Run the interrupted `mcai plan` again: it\n"
               b"# finishes the update first and removes this file.\n"
               b'mcai_update_interrupted "run mcai plan again to finish updating this directory" {}\n')
_GUARD_SHA = hashlib.sha256(GUARD_BYTES).hexdigest()
_HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_GUARD_NAME = re.compile(r"g[0-9]{6}", re.ASCII)


@dataclass(frozen=True)
class Move:
    staged: str  # name inside the staging directory
    path: str  # target, relative to OUT
    new: str  # sha256 of the staged bytes
    old: str | None  # sha256 the target must still have (None: it must be absent)


@dataclass(frozen=True)
class Delete:
    path: str
    old: str


@dataclass(frozen=True)
class Guard:
    staged: str  # name inside the staging directory
    path: str  # <stack>/GUARD


def guards_for(paths: list[str]) -> list[str]:
    """The guard path of every Terraform stack directory (first path component) whose `.tf` files `paths` touch;
    directories of other generated files (hand-off manifests, configs) are not Terraform's to load."""
    return [f"{stack}/{GUARD}" for stack in sorted({p.split("/", 1)[0] for p in paths
                                                      if "/" in p and p.endswith(".tf")})]


def fault(step: str, n: int = 0) -> None:
    spec = os.environ.get("MCAI_TEST_FAULT", "")
    if not spec:
        return
    want_step, want_n, what = spec.split(":")
    if want_step == step and int(want_n) == n:
        if what == "ENOSPC":  # a full disk, without needing one
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.kill(os.getpid(), getattr(signal, what))


@dataclass
class Outcome:
    """What one update did beyond the plan: `skipped`: paths changed since the journal was written, left as they
    were."""

    skipped: list[str] = field(default_factory=list)


def update(root_fd: int, files: dict[str, bytes], moves: list[tuple[str, str | None]],
           deletes: list[Delete]) -> Outcome:
    """Apply `moves` (path, expected old hash; bytes from `files`) and `deletes` to OUT through a committed journal."""
    os.mkdir(STAGING, 0o700, dir_fd=root_fd)
    staging_fd = os.open(STAGING, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=root_fd)
    outcome = Outcome()
    try:
        try:
            count = itertools.count()
            planned: list[Move] = []
            for i, (path, old) in enumerate(sorted(moves, key=lambda m: (m[0] == MANIFEST, m[0]))):  # manifest last
                name = f"{i:06d}"
                fs.write_new(staging_fd, name, files[path])
                planned.append(Move(name, path, hashlib.sha256(files[path]).hexdigest(), old))
                fault("stage", next(count))
            guards = [Guard(f"g{j:06d}", path) for j, path in enumerate(
                guards_for([m.path for m in planned] + [d.path for d in deletes]))]
            for guard in guards:
                fs.write_new(staging_fd, guard.staged, GUARD_BYTES)
            body = {"version": 2, "moves": [m.__dict__ for m in planned], "deletes": [d.__dict__ for d in deletes],
                    "guards": [g.__dict__ for g in guards]}
            fs.write_new(staging_fd, "journal.tmp", json.dumps(body).encode())
            with signals_held():
                os.rename("journal.tmp", JOURNAL, src_dir_fd=staging_fd, dst_dir_fd=staging_fd)
                os.fsync(staging_fd)
                os.fsync(root_fd)  # the staging directory's own entry in OUT: durable with the journal it holds
                fault("commit")
                outcome.skipped = _apply(root_fd, staging_fd, planned, deletes, guards)
                _discard(root_fd)  # before a held signal is delivered: a finished run leaves no staging area
        except BaseException:
            if fs.exists(root_fd, STAGING) and not _committed(staging_fd):
                _discard(root_fd)
            raise
    finally:
        os.close(staging_fd)
    return outcome


def _committed(staging_fd: int) -> bool:
    return fs.exists(staging_fd, JOURNAL)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP until the journal is applied; they are delivered right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _apply(root_fd: int, staging_fd: int, moves: list[Move], deletes: list[Delete], guards: list[Guard]) -> list[str]:
    """Carry out a journal; returns the paths skipped because they changed since it was written."""
    skipped: list[str] = []
    for i, guard in enumerate(guards):
        _place_guard(root_fd, staging_fd, guard)
        fault("guard", i)
    for i, move in enumerate(moves):
        try:
            os.stat(move.staged, dir_fd=staging_fd, follow_symlinks=False)
        except FileNotFoundError:
            continue  # moved before a crash
        current = fs.sha256(root_fd, move.path) if _parent_ok(root_fd, move.path) else "?"
        if current != move.old:
            skipped.append(move.path)
            continue
        fs.move_in(staging_fd, move.staged, root_fd, move.path)
        fault("apply", i)
    for delete in deletes:
        if fs.sha256(root_fd, delete.path) == delete.old:
            _unlink(root_fd, delete.path)
    for i, guard in enumerate(guards):
        _remove_guard(root_fd, guard)
        fault("unguard", i)
    return skipped


def _place_guard(root_fd: int, staging_fd: int, guard: Guard) -> None:
    """Rename the staged guard into its stack directory (created if new); once placed, its staged copy is gone."""
    if not fs.exists(staging_fd, guard.staged) or not _parent_ok(root_fd, guard.path):
        return
    if fs.sha256(root_fd, guard.path) in (None, _GUARD_SHA):  # a file of the user's under that name stays
        fs.move_in(staging_fd, guard.staged, root_fd, guard.path)


def _remove_guard(root_fd: int, guard: Guard) -> None:
    if _parent_ok(root_fd, guard.path) and fs.sha256(root_fd, guard.path) == _GUARD_SHA:
        _unlink(root_fd, guard.path)


def _unlink(root_fd: int, path: str) -> None:
    """Delete `path` durably, then the directories that held it if now empty."""
    pfd, name = fs.parent(root_fd, path)
    if pfd is None:
        return
    try:
        os.unlink(name, dir_fd=pfd)
        os.fsync(pfd)
    finally:
        os.close(pfd)
    fs.prune_empty(root_fd, path)


def _parent_ok(root_fd: int, path: str) -> bool:
    try:
        fs.lstat(root_fd, path)
    except fs.UnsafePath:
        return False
    return True


def _discard(root_fd: int) -> None:
    shutil.rmtree(STAGING, dir_fd=root_fd)
    os.fsync(root_fd)


def recover(root_fd: int) -> list[str]:
    """Finish or discard what an interrupted run left in OUT/.mcai-staging; returns paths it had to leave alone (or
    keep beside the live ones)."""
    try:
        mode = os.stat(STAGING, dir_fd=root_fd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(mode):
        raise fs.UnsafePath(STAGING, f"is {fs.kind(mode)}, not the staging directory mcai creates; remove it")
    staging_fd = fs.open_dir(root_fd, STAGING, STAGING)
    assert staging_fd is not None
    try:
        skipped: list[str] = []
        if _committed(staging_fd):
            moves, deletes, guards = _read_journal(staging_fd)
            skipped = _apply(root_fd, staging_fd, moves, deletes, guards)
    finally:
        os.close(staging_fd)
    _discard(root_fd)
    return skipped


def _read_journal(staging_fd: int) -> tuple[list[Move], list[Delete], list[Guard]]:
    data = fs.read_regular(staging_fd, JOURNAL, 64_000_000)
    try:
        body = json.loads(data or b"")
        moves = [Move(**m) for m in body["moves"]]
        deletes = [Delete(**d) for d in body["deletes"]]
        guards = [Guard(**g) for g in body.get("guards", [])]
    except (ValueError, TypeError, KeyError, RecursionError, AttributeError):
        raise fs.UnsafePath(f"{STAGING}/{JOURNAL}", "is not a journal mcai wrote; remove the staging "
                            "directory after checking OUT") from None
    names = all(isinstance(m.staged, str) and m.staged.isdigit() for m in moves)
    if not names or not all(generated_path(p) or p == MANIFEST for p in [m.path for m in moves] +
                            [d.path for d in deletes]):
        raise fs.UnsafePath(f"{STAGING}/{JOURNAL}", "lists a path mcai never writes; remove the staging directory "
                            "after checking OUT")
    if not all(isinstance(g.staged, str) and _GUARD_NAME.fullmatch(g.staged) and generated_path(g.path)
               and g.path.count("/") == 1 and g.path.endswith("/" + GUARD) for g in guards):
        raise fs.UnsafePath(f"{STAGING}/{JOURNAL}", "lists a guard mcai never writes; remove the staging directory "
                            "after checking OUT")
    if body.get("stacks"):
        raise fs.UnsafePath(f"{STAGING}/{JOURNAL}", "was written by an earlier mcai that swapped stack directories "
                            "one by one; check OUT and remove the staging directory")
    return moves, deletes, guards
