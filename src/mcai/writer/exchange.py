"""Per-stack directory exchange: each stack directory (a top-level directory of OUT, the unit Terraform loads) is
rebuilt whole in the staging area and swapped in with one atomic `renameat2(RENAME_EXCHANGE)`, so at every instant,
also across SIGKILL and power loss, a stack directory is entirely its previous or entirely its new content.

The staged directory holds the new generated files plus everything else the live one holds, carried over without
copying: every non-directory entry (the user's tfvars and local state, `.terraform/` files, links kept there, a
generated file that did not change) is hard-linked (same inode, so a write by the user or Terraform stays shared,
and a symbolic link is linked as itself, never followed); directories are recreated with their modes.

After the exchange the staging area holds the previous directory. It is `retire`d entry by entry: an entry still
shared with the live directory, a file whose bytes mcai generated, or the user's entry exactly as it was carried over
is removed; anything that appeared or was replaced since it was carried over (Terraform still running in the old
directory, a generated file edited after a crash) is moved into the live directory, or kept beside it as `<name>.mcai-kept` and reported. Never deleted.

Linux only: where `renameat2` or RENAME_EXCHANGE is missing, or an entry cannot be hard-linked (another filesystem,
protected links), `Unsupported` tells the journal to use its guard files instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import platform
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from mcai.writer import fs

RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
KEPT = ".mcai-kept"
_SYSCALL_NR = {"x86_64": 316, "aarch64": 276, "arm64": 276}  # renameat2, for a libc without the wrapper
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP)
_NOT_LINKABLE = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP)


class Unsupported(Exception):
    """The exchange cannot be used here; the message says why (shown to the user)."""


@dataclass(frozen=True)
class Stack:
    name: str  # the stack directory, a top-level name in OUT
    staged: str  # its new content's directory inside the staging area (after the exchange: the previous content)
    ino: int  # inode of the staged directory: the live one has it once the exchange happened
    # path inside the stack -> [inode, mtime in ns] of the entry carried over by a link (the mtime tells a reused
    # inode number from the entry itself)
    links: dict[str, list[int]] = field(default_factory=dict)
    hashes: dict[str, list[str]] = field(default_factory=dict)  # path -> every sha256 mcai wrote or writes there
    emptied: bool = False  # no generated file is left in it: removed once empty


def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to load
        return None
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
        return function  # type: ignore[no-any-return]
    number = _SYSCALL_NR.get(platform.machine())  # pragma: no cover - glibc < 2.28 or a libc without it
    if number is None or not hasattr(libc, "syscall"):  # pragma: no cover
        return None
    syscall = libc.syscall  # pragma: no cover
    return lambda a, b, c, d, e: syscall(ctypes.c_long(number), ctypes.c_int(a), ctypes.c_char_p(b),
                                         ctypes.c_int(c), ctypes.c_char_p(d), ctypes.c_uint(e))  # pragma: no cover


_RENAMEAT2 = _renameat2()


def rename2(src_fd: int, src: str, dst_fd: int, dst: str, flags: int) -> None:
    """`renameat2` relative to two directory descriptors (no path is followed: both names are single components)."""
    if _RENAMEAT2 is None or os.environ.get("MCAI_TEST_NO_EXCHANGE"):
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if _RENAMEAT2(src_fd, os.fsencode(src), dst_fd, os.fsencode(dst), flags) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), src)


def probe(staging_fd: int) -> None:
    """Raise `Unsupported` unless OUT's filesystem exchanges two directories atomically (tried on two empty ones)."""
    names = ("probe-a", "probe-b")
    try:
        for name in names:
            os.mkdir(name, 0o700, dir_fd=staging_fd)
        rename2(staging_fd, names[0], staging_fd, names[1], RENAME_EXCHANGE)
    except OSError as exc:
        if exc.errno in _UNSUPPORTED:
            raise Unsupported(f"this system or filesystem cannot exchange directories atomically ({exc.strerror})") from None
        raise
    finally:
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                os.rmdir(name, dir_fd=staging_fd)


def stage(root_fd: int, staging_fd: int, name: str, staged: str, new: dict[str, bytes], omit: set[str],
          wrote: Callable[[], None]) -> tuple[int, dict[str, list[int]]]:
    """Build stack `name`'s complete new directory as `staged`: every entry of the live one except `new` (written
    here) and `omit` (no longer generated), carried over by hard links; fsynced. Returns (its inode, the links)."""
    os.mkdir(staged, 0o777, dir_fd=staging_fd)
    top = fs.open_dir(staging_fd, staged, staged)
    assert top is not None
    links: dict[str, list[int]] = {}
    try:
        live = fs.open_dir(root_fd, name, name)
        if live is not None:
            try:
                _carry(live, top, "", set(new) | omit, links, os.fstat(root_fd).st_dev)
                os.fchmod(top, stat.S_IMODE(os.fstat(live).st_mode))
            except PermissionError as exc:  # an entry of the user's mcai may not read: leave it where it is
                raise Unsupported(f"{name}/ holds an entry mcai cannot read ({exc.strerror})") from None
            finally:
                os.close(live)
        for rel in sorted(new):
            pfd, base = fs.parent(top, rel, create=True)
            assert pfd is not None
            try:
                fs.write_new(pfd, base, new[rel])
            finally:
                os.close(pfd)
            wrote()
        for _dirpath, _dirs, _files, dir_fd in os.fwalk(".", dir_fd=top, follow_symlinks=False):
            os.fsync(dir_fd)  # the links and directories are durable before the commit
        return os.fstat(top).st_ino, links
    finally:
        os.close(top)


def _carry(src: int, dst: int, prefix: str, skip: set[str], links: dict[str, list[int]], device: int) -> None:
    for entry in sorted(os.listdir(src)):
        rel = prefix + entry
        info = os.stat(entry, dir_fd=src, follow_symlinks=False)
        if info.st_dev != device:
            raise Unsupported(f"{rel} is on another filesystem than the output directory")
        if stat.S_ISDIR(info.st_mode):
            os.mkdir(entry, 0o700, dir_fd=dst)
            sub_src, sub_dst = fs.open_dir(src, entry, rel), fs.open_dir(dst, entry, rel)
            assert sub_src is not None and sub_dst is not None
            try:
                _carry(sub_src, sub_dst, rel + "/", skip, links, device)
                os.fchmod(sub_dst, stat.S_IMODE(info.st_mode))
                emptied = not os.listdir(sub_dst) and bool(os.listdir(sub_src))
            finally:
                os.close(sub_src)
                os.close(sub_dst)
            if emptied:  # it held only files mcai no longer generates (or replaces): as its pruning would
                os.rmdir(entry, dir_fd=dst)
        elif rel not in skip:
            try:
                os.link(entry, entry, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
            except OSError as exc:
                if exc.errno in _NOT_LINKABLE:
                    raise Unsupported(f"{rel} cannot be hard-linked ({exc.strerror})") from None
                raise
            links[rel] = _identity(info)


def _identity(info: os.stat_result) -> list[int]:
    return [info.st_ino, info.st_mtime_ns]


def _live_inode(root_fd: int, name: str) -> int | None:
    try:
        return os.stat(name, dir_fd=root_fd, follow_symlinks=False).st_ino
    except FileNotFoundError:
        return None


def swapped(root_fd: int, stack: Stack) -> bool:
    return _live_inode(root_fd, stack.name) == stack.ino


def swap(root_fd: int, staging_fd: int, stack: Stack) -> list[str]:
    """Exchange the staged directory with the live one (or rename it into place for a new stack); returns the stack
    when something other than a directory took its place since the journal was written (then it is left alone). A
    generated file edited since then is not lost: `retire` keeps it beside the new one."""
    if swapped(root_fd, stack) or not fs.exists(staging_fd, stack.staged):
        return []
    try:
        live = os.stat(stack.name, dir_fd=root_fd, follow_symlinks=False)
    except FileNotFoundError:
        live = None
    if live is not None and not stat.S_ISDIR(live.st_mode):
        return [stack.name]
    rename2(staging_fd, stack.staged, root_fd, stack.name, RENAME_EXCHANGE if live is not None else RENAME_NOREPLACE)
    os.fsync(root_fd)
    os.fsync(staging_fd)
    return []


def retire(root_fd: int, staging_fd: int, stack: Stack) -> list[str]:
    """Empty and remove what the staging area holds under `stack.staged` (the previous directory after the exchange,
    or the unused staged copy when it was skipped); returns the paths kept beside the live ones."""
    old = fs.open_dir(staging_fd, stack.staged, stack.staged)
    if old is None:
        return []
    kept: list[str] = []
    try:
        _retire_dir(root_fd, old, "", stack, kept)
    finally:
        os.close(old)
    os.rmdir(stack.staged, dir_fd=staging_fd)
    os.fsync(staging_fd)
    return kept


def _retire_dir(root_fd: int, old: int, prefix: str, stack: Stack, kept: list[str]) -> None:
    for entry in sorted(os.listdir(old)):
        rel = prefix + entry
        info = os.stat(entry, dir_fd=old, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            sub = fs.open_dir(old, entry, rel)
            assert sub is not None
            try:
                _retire_dir(root_fd, sub, rel + "/", stack, kept)
            finally:
                os.close(sub)
            os.rmdir(entry, dir_fd=old)
            continue
        live = _live_entry(root_fd, f"{stack.name}/{rel}")
        shared = live is not None and (live.st_dev, live.st_ino) == (info.st_dev, info.st_ino)
        carried = stack.links.get(rel)
        if shared or carried == _identity(info) or _generated(old, entry, info, stack.hashes.get(rel)):
            os.unlink(entry, dir_fd=old)  # the live directory has it (or its newer version), or mcai wrote it
            continue
        target = f"{stack.name}/{rel}"  # new or replaced since it was carried over: it belongs to the user
        if live is not None and _identity(live) != carried:
            target = _free_name(root_fd, target)
            kept.append(target)
        fs.move_in(old, entry, root_fd, target)


def _generated(dir_fd: int, name: str, info: os.stat_result, hashes: list[str] | None) -> bool:
    if not hashes or not stat.S_ISREG(info.st_mode):
        return False
    digest = hashlib.sha256()
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() in hashes


def _live_entry(root_fd: int, rel: str) -> os.stat_result | None:
    try:
        return fs.lstat(root_fd, rel)
    except fs.UnsafePath:
        return None


def _free_name(root_fd: int, target: str) -> str:
    n = 1
    candidate = target + KEPT
    while _live_entry(root_fd, candidate) is not None:
        n += 1
        candidate = f"{target}{KEPT}-{n}"
    return candidate
