"""File operations under one directory that never follow a symbolic link and never block on a FIFO or device.

Every operation starts from an open file descriptor of the output directory and walks the relative path one
component at a time with `O_NOFOLLOW`, so a link planted anywhere in OUT (a stack folder pointing at another
repository, `up -> ../../..`) is reported instead of followed. Only regular files are read, hashed, replaced or
deleted; a FIFO, device, socket or directory where a file should be is an `UnsafePath`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_CHUNK = 1 << 20


class UnsafePath(Exception):
    """A path mcai refuses to read through, write or delete; `path` is relative to OUT ('' is OUT itself)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, word in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return "not a regular file" if not stat.S_ISREG(mode) else "a regular file"


def _refusal(parent_fd: int, name: str) -> str:
    try:
        mode = os.stat(name, dir_fd=parent_fd, follow_symlinks=False).st_mode
    except OSError:
        return "cannot be opened as a directory"
    if stat.S_ISLNK(mode):
        return "is a symbolic link; mcai never reads, writes or deletes through a link"
    return f"is {kind(mode)} where a directory is expected"


def open_dir(parent_fd: int, name: str, shown: str, create: bool = False) -> int | None:
    """Open directory `name` under `parent_fd` without following links; None when it is absent and not `create`."""
    for attempt in range(2):
        try:
            return os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(name, 0o777, dir_fd=parent_fd)
            except FileExistsError:
                if attempt:
                    raise
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise UnsafePath(shown, _refusal(parent_fd, name)) from None
            raise
    raise UnsafePath(shown, "cannot be opened as a directory")  # pragma: no cover - a race with another process


def open_root(out_dir: Path, create: bool) -> int | None:
    """OUT, opened component by component with no link followed (created when `create`); None if absent."""
    if out_dir.is_absolute():
        fd, parts, shown = os.open("/", _DIR_FLAGS), out_dir.parts[1:], Path("/")
    else:
        fd, parts, shown = os.open(".", _DIR_FLAGS), out_dir.parts, Path()
    try:
        for part in parts:
            shown = shown / part
            try:
                child = open_dir(fd, part, str(shown), create)
            except UnsafePath as exc:
                real = os.path.realpath(shown)
                raise UnsafePath("", f"{shown} {exc.message} (give the real path, {real}, if it is meant)") from None
            if child is None:
                return None
            os.close(fd)
            fd = child
        return fd
    except BaseException:
        os.close(fd)
        raise


def parent(root_fd: int, rel: str, create: bool = False) -> tuple[int | None, str]:
    """(fd of the directory holding `rel`, its last component); fd None when a directory on the way is absent.
    The caller closes the fd (it may be `root_fd` itself only when `rel` has one component: then it is a dup)."""
    parts = rel.split("/")
    fd = os.dup(root_fd)
    try:
        for i, part in enumerate(parts[:-1]):
            child = open_dir(fd, part, "/".join(parts[: i + 1]), create)
            os.close(fd)
            if child is None:
                return None, parts[-1]
            fd = child
        return fd, parts[-1]
    except BaseException:
        os.close(fd)
        raise


def lstat(root_fd: int, rel: str) -> os.stat_result | None:
    """The entry at `rel` itself (a link is not followed); None when absent."""
    fd, name = parent(root_fd, rel)
    if fd is None:
        return None
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    finally:
        os.close(fd)


def _open_regular(parent_fd: int, name: str, shown: str) -> int:
    mode = os.stat(name, dir_fd=parent_fd, follow_symlinks=False).st_mode  # never open a device to learn what it is
    if not stat.S_ISREG(mode):
        raise UnsafePath(shown, f"is {kind(mode)}, not a regular file; mcai leaves it alone")
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(shown, "is a symbolic link; mcai never reads through a link") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the stat and the open
        os.close(fd)
        raise UnsafePath(shown, "is not a regular file; mcai leaves it alone")
    return fd


@contextmanager
def _regular(root_fd: int, rel: str) -> Iterator[BinaryIO | None]:
    """The regular file at `rel` opened for reading (no link followed, no FIFO or device opened); None if absent."""
    pfd, name = parent(root_fd, rel)
    if pfd is None:
        yield None
        return
    try:
        try:
            fd = _open_regular(pfd, name, rel)
        except FileNotFoundError:
            yield None
            return
        with os.fdopen(fd, "rb") as fh:
            yield fh
    finally:
        os.close(pfd)


def read_regular(root_fd: int, rel: str, limit: int) -> bytes | None:
    """Bytes of the regular file at `rel` (None when absent); larger than `limit` bytes is an `UnsafePath`."""
    with _regular(root_fd, rel) as fh:
        if fh is None:
            return None
        data = b"" if os.fstat(fh.fileno()).st_size > limit else fh.read(limit + 1)
        if len(data) > limit or os.fstat(fh.fileno()).st_size > limit:
            raise UnsafePath(rel, f"is larger than {limit} bytes")
        return data


def sha256(root_fd: int, rel: str) -> str | None:
    """Hex SHA-256 of the regular file at `rel`, read in chunks; None when absent."""
    with _regular(root_fd, rel) as fh:
        if fh is None:
            return None
        digest = hashlib.sha256()
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
        return digest.hexdigest()


def write_new(dir_fd: int, name: str, data: bytes) -> None:
    """Create `name` (it must not exist), write `data` and fsync it."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666, dir_fd=dir_fd)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def prune_empty(root_fd: int, rel: str) -> None:
    """Remove the now-empty directories that held `rel`, innermost first, never OUT itself; links are not removed."""
    parts = rel.split("/")[:-1]
    while parts:
        pfd, name = parent(root_fd, "/".join(parts))
        if pfd is None:
            return
        try:
            os.rmdir(name, dir_fd=pfd)  # fails on a link (ENOTDIR) or a non-empty directory: both mean stop
            os.fsync(pfd)
        except OSError:
            return
        finally:
            os.close(pfd)
        parts.pop()


def exists(dir_fd: int, name: str) -> bool:
    """Whether `name` (one component) exists under `dir_fd`, as itself (a link is not followed)."""
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def move_in(src_fd: int, name: str, root_fd: int, rel: str) -> None:
    """Rename entry `name` of directory `src_fd` to `rel` under `root_fd` (its directories created, no link
    followed; a file there is replaced) and make the rename durable."""
    pfd, base = parent(root_fd, rel, create=True)
    assert pfd is not None
    try:
        os.replace(name, base, src_dir_fd=src_fd, dst_dir_fd=pfd)
        os.fsync(pfd)
    finally:
        os.close(pfd)
