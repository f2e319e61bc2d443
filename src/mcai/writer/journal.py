"""Crash-safe updates of OUT: stage every new byte, commit a journal, then apply it (or finish it on the next run).

1. Every file to add or replace is written into `OUT/.mcai-staging/` and fsynced. Nothing in OUT has changed yet: a
   crash here leaves the previous tree, and the next run removes the uncommitted staging area.
2. `journal.json` (what to move where, what to delete, with the hashes expected before and after) is written,
   fsynced and renamed into place: the commit point.
3. The journal is applied with SIGINT/SIGTERM/SIGHUP held back: first a guard file (`GUARD`) is renamed into every
   stack directory the update touches, then the files are moved and deleted (the manifest last), then the guards
   are removed. A crash here (SIGKILL, power loss) leaves the journal, and the next run that takes the lock finishes
   it before anything else, so the tree ends as the new spec's tree. Each step checks the hash it expects, so
   finishing never touches a file changed since.

What a crash in step 3 leaves is never usable as a mix: a stack directory holds its previous files, its new files,
or the guard, which Terraform refuses to load (`init`, `validate`, `plan` and `apply` fail on its unknown block,
whose label says to run `mcai plan` again). No guard is removed before every file has moved, so the stacks
Terraform accepts are always all from one spec; `mcai plan --check` reports the interrupted run (exit 3).

`MCAI_TEST_FAULT=<step>:<n>:<signal>` (tests only) sends `signal` to mcai itself at the n-th `stage`, `guard`,
`apply` or `unguard` step, or at `commit` (n = 0), to prove those claims under SIGKILL, SIGTERM and SIGINT; `ENOSPC`
instead of a signal raises a disk-full error there.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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


def update(root_fd: int, files: dict[str, bytes], moves: list[tuple[str, str | None]], deletes: list[Delete]) -> None:
    """Apply `moves` (path, expected old hash; bytes from `files`) and `deletes` to OUT through a committed journal."""
    os.mkdir(STAGING, 0o700, dir_fd=root_fd)
    staging_fd = os.open(STAGING, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=root_fd)
    try:
        planned: list[Move] = []
        ordered = sorted(moves, key=lambda m: (m[0] == MANIFEST, m[0]))  # the manifest lands last
        try:
            for i, (path, old) in enumerate(ordered):
                name = f"{i:06d}"
                fs.write_new(staging_fd, name, files[path])
                planned.append(Move(name, path, hashlib.sha256(files[path]).hexdigest(), old))
                fault("stage", i)
            guards = [Guard(f"g{j:06d}", path) for j, path in enumerate(guards_for([m.path for m in planned] +
                                                                                 [d.path for d in deletes]))]
            for guard in guards:
                fs.write_new(staging_fd, guard.staged, GUARD_BYTES)
            body = {"version": 1, "moves": [m.__dict__ for m in planned], "deletes": [d.__dict__ for d in deletes],
                    "guards": [g.__dict__ for g in guards]}
            fs.write_new(staging_fd, "journal.tmp", json.dumps(body).encode())
            with _signals_held():
                os.rename("journal.tmp", JOURNAL, src_dir_fd=staging_fd, dst_dir_fd=staging_fd)
                os.fsync(staging_fd)
                fault("commit")
                _apply(root_fd, staging_fd, planned, deletes, guards)
                _discard(root_fd)  # before a held signal is delivered: a finished run leaves no staging area
        except BaseException:
            if _exists(root_fd, STAGING) and not _committed(staging_fd):
                _discard(root_fd)
            raise
    finally:
        os.close(staging_fd)


def _exists(dir_fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _committed(staging_fd: int) -> bool:
    return _exists(staging_fd, JOURNAL)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP until the journal is applied; they are delivered right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _apply(root_fd: int, staging_fd: int, moves: list[Move], deletes: list[Delete], guards: list[Guard]) -> list[str]:
    """Carry out a journal; returns the paths skipped because they changed since it was written."""
    for i, guard in enumerate(guards):
        _place_guard(root_fd, staging_fd, guard)
        fault("guard", i)
    skipped: list[str] = []
    for i, move in enumerate(moves):
        try:
            os.stat(move.staged, dir_fd=staging_fd, follow_symlinks=False)
        except FileNotFoundError:
            continue  # moved before a crash
        current = fs.sha256(root_fd, move.path) if _parent_ok(root_fd, move.path) else "?"
        if current != move.old:
            skipped.append(move.path)
            continue
        _rename_in(root_fd, staging_fd, move.staged, move.path)
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
    if not _exists(staging_fd, guard.staged) or not _parent_ok(root_fd, guard.path):
        return
    if fs.sha256(root_fd, guard.path) in (None, _GUARD_SHA):  # a file of the user's under that name stays
        _rename_in(root_fd, staging_fd, guard.staged, guard.path)


def _remove_guard(root_fd: int, guard: Guard) -> None:
    if _parent_ok(root_fd, guard.path) and fs.sha256(root_fd, guard.path) == _GUARD_SHA:
        _unlink(root_fd, guard.path)


def _rename_in(root_fd: int, staging_fd: int, staged: str, path: str) -> None:
    """Move a staged file to `path` (its directories created, no link followed) and make the rename durable."""
    pfd, name = fs.parent(root_fd, path, create=True)
    assert pfd is not None
    try:
        os.replace(staged, name, src_dir_fd=staging_fd, dst_dir_fd=pfd)
        os.fsync(pfd)
    finally:
        os.close(pfd)


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
    """Finish or discard what an interrupted run left in OUT/.mcai-staging; returns paths it had to leave alone."""
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
    return moves, deletes, guards
