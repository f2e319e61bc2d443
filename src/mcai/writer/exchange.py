"""The pieces of the whole-tree swap (`swap`): OUT's complete new tree is built in a staging directory beside it, then
exchanged with OUT by one atomic `renameat2(RENAME_EXCHANGE)`, so at every instant, also across SIGKILL and power loss,
OUT is entirely its previous or entirely its new tree.

The staged tree holds the new generated files plus everything else OUT holds, carried over without copying: every
non-directory entry (the user's tfvars and local state, `.terraform/` files, links kept there, a generated file that
did not change) is hard-linked (same inode, so a write by the user or Terraform stays shared, and a symbolic link is
linked as itself, never followed); directories are recreated with their modes, never entered through a link.

After the exchange the staging directory holds the previous tree. It is `retire`d entry by entry: an entry still
shared with the live tree, a file whose bytes mcai generated, or the user's entry exactly as it was carried over is
removed; anything that appeared or was replaced since it was carried over (Terraform still running in the old tree, a
generated file edited after a crash) is moved into the live tree, or kept beside it as `<name>.mcai-kept` and
reported. Never deleted.

Linux only: where `renameat2` or RENAME_EXCHANGE is missing, or an entry cannot be hard-linked (another filesystem,
protected links), `Unsupported` tells the writer to use the guard files of `journal` instead.
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

from mcai.writer import fs

RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
KEPT = ".mcai-kept"
_SYSCALL_NR = {"x86_64": 316, "aarch64": 276, "arm64": 276}  # renameat2, for a libc without the wrapper
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP)
_NOT_LINKABLE = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP)


class Unsupported(Exception):
    """The exchange cannot be used here; the message says why (shown to the user)."""


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


def stage(root_fd: int, tree_fd: int, new: dict[str, bytes], omit: set[str],
          wrote: Callable[[], None]) -> dict[str, list[int]]:
    """Build OUT's complete new tree in the empty directory `tree_fd`: every entry of OUT except `new` (written here)
    and `omit` (no longer generated), carried over by hard links; every file and directory fsynced. Returns the
    carried entries (path -> identity)."""
    links: dict[str, list[int]] = {}
    try:
        _carry(root_fd, tree_fd, "", set(new) | omit, links, os.fstat(root_fd).st_dev)
    except PermissionError as exc:  # an entry of the user's mcai may not read: leave it where it is
        raise Unsupported(f"OUT holds an entry mcai cannot read ({exc.strerror})") from None
    os.fchmod(tree_fd, stat.S_IMODE(os.fstat(root_fd).st_mode))
    for rel in sorted(new):
        pfd, base = fs.parent(tree_fd, rel, create=True)
        assert pfd is not None
        try:
            fs.write_new(pfd, base, new[rel])
        finally:
            os.close(pfd)
        wrote()
    sync_tree(tree_fd)
    return links


def sync_tree(tree_fd: int) -> None:
    """fsync every regular file and directory under `tree_fd` (links are durable with their directory): the staged
    tree is on disk before the exchange makes it OUT. A carried file mcai may not open stays as durable as it was."""
    for _dirpath, _dirs, names, dir_fd in os.fwalk(".", dir_fd=tree_fd, follow_symlinks=False):
        for name in names:
            if not stat.S_ISREG(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
                continue
            try:
                fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
            except PermissionError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.fsync(dir_fd)


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


def retire(live_fd: int, old_fd: int, links: dict[str, list[int]], hashes: dict[str, list[str]],
           step: Callable[[], None]) -> list[str]:
    """Empty the previous tree `old_fd` (swapped out of OUT) into the live tree; returns the paths kept beside live
    ones. `step` runs after each top-level entry."""
    kept: list[str] = []
    for entry in sorted(os.listdir(old_fd)):
        _retire_entry(live_fd, old_fd, entry, entry, links, hashes, kept)
        step()
    return kept


def _retire_entry(live_fd: int, old: int, entry: str, rel: str, links: dict[str, list[int]],
                  hashes: dict[str, list[str]], kept: list[str]) -> None:
    info = os.stat(entry, dir_fd=old, follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        sub = fs.open_dir(old, entry, rel)
        assert sub is not None
        try:
            for name in sorted(os.listdir(sub)):
                _retire_entry(live_fd, sub, name, f"{rel}/{name}", links, hashes, kept)
        finally:
            os.close(sub)
        os.rmdir(entry, dir_fd=old)
        return
    live = _live_entry(live_fd, rel)
    shared = live is not None and (live.st_dev, live.st_ino) == (info.st_dev, info.st_ino)
    carried = links.get(rel)
    if shared or carried == _identity(info) or _generated(old, entry, info, hashes.get(rel)):
        os.unlink(entry, dir_fd=old)  # the live tree has it (or its newer version), or mcai wrote it
        return
    target = rel  # new or replaced since it was carried over: it belongs to the user
    if live is not None and _identity(live) != carried:
        target = _free_name(live_fd, target)
        kept.append(target)
    fs.move_in(old, entry, live_fd, target)


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
