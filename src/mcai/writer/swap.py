"""Whole-tree update of OUT: the new tree is built beside OUT and swapped in with ONE `renameat2(RENAME_EXCHANGE)`, so
at every instant, also across SIGKILL and power loss, OUT is byte for byte its previous or its new tree.

The staging directory is a sibling of OUT, `.<OUT's name>.mcai-staging` (same parent, so the same filesystem), made
by mcai with mode 0700 and holding:

- `mcai-staging.json`, the marker written first: the staging directory's own (device, inode) and OUT's. A directory
  beside OUT is cleaned up only when it is mcai's (owned by this user, not group/other accessible, its marker naming
  its own inode) and its marker names OUT (or the tree swapped out of it); anything else there is left alone and
  reported.
- `tree/`: OUT's complete new tree (`exchange.stage`: the new files plus every entry of OUT carried over by hard
  link), every file and directory fsynced.
- `journal.json`, the commit point: the new tree's inode and what was carried over, fsynced, with the staging
  directory's entry in OUT's parent fsynced after it.

Then `tree/` and OUT are exchanged (SIGINT/SIGTERM/SIGHUP held back until the run is finished), OUT's parent is
fsynced, `tree/` (now the previous tree) is retired into the live one (`exchange.retire`: anything written there
meanwhile is moved in or kept as `*.mcai-kept`, never deleted), and only then is the journal removed and the staging
directory with it. A crash before the commit leaves the previous OUT (the next run removes the staging directory:
links and new files only); after it, the next run that locks OUT finishes the exchange if it had not happened, then
the retirement.

Locking: OUT's inode changes with every update, so a run that waited for the lock checks that the directory it locked
is still OUT (and starts over if not), and the new tree is locked before it is swapped in.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from mcai.writer import exchange, fs
from mcai.writer.journal import fault, signals_held

SUFFIX = ".mcai-staging"
MARK = "mcai-staging.json"
JOURNAL = "journal.json"
TREE = "tree"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENAMETOOLONG)


@dataclass(frozen=True)
class Place:
    """Where OUT sits: its parent directory (an open descriptor) and its name there."""

    parent_fd: int
    name: str

    @property
    def sibling(self) -> str:
        return f".{self.name}{SUFFIX}"


def locate(out_dir: Path, root_fd: int) -> Place | str:
    """OUT's place in its parent, or why OUT cannot be swapped whole (then the guard files of `journal` are used)."""
    if exchange._RENAMEAT2 is None or os.environ.get("MCAI_TEST_NO_EXCHANGE"):
        return "this system cannot exchange two directories atomically (renameat2 is Linux-only)"
    name = Path(os.path.abspath(out_dir)).name
    if not name:
        return "OUT is the root directory"
    try:
        parent_fd = os.open("..", _DIR_FLAGS, dir_fd=root_fd)
    except OSError as exc:
        return f"the directory holding OUT cannot be opened ({exc.strerror})"
    here, up = os.fstat(root_fd), os.fstat(parent_fd)
    try:
        there = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
    except OSError:
        there = None
    why = None
    if there is None or _ident(there) != _ident(here):
        why = "OUT is not found under its name in the directory holding it"
    elif here.st_dev != up.st_dev:
        why = "OUT is a mount point (another filesystem than the directory holding it)"
    if why:
        os.close(parent_fd)
        return why
    return Place(parent_fd, name)


def _ident(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino]


def _mark_bytes(staging: os.stat_result, out: os.stat_result) -> bytes:
    return json.dumps({"dir": _ident(staging), "out": _ident(out), "schema": "mcai.staging/v1"}).encode()


def update(place: Place, root_fd: int, new: dict[str, bytes], omit: set[str], hashes: dict[str, list[str]]) -> list[str]:
    """Make OUT its current entries minus `omit`, with `new` written (path -> bytes); `hashes`: every sha256 mcai wrote
    or writes at a path. Returns paths kept beside live ones. `exchange.Unsupported`: nothing changed, use guards."""
    try:
        os.mkdir(place.sibling, 0o700, dir_fd=place.parent_fd)
    except OSError as exc:
        if exc.errno in _NOT_WRITABLE:
            raise exchange.Unsupported(f"no staging directory can be made beside OUT ({exc.strerror})") from None
        raise
    staging_fd = os.open(place.sibling, _DIR_FLAGS, dir_fd=place.parent_fd)
    tree_fd = None
    try:
        try:
            fs.write_new(staging_fd, MARK, _mark_bytes(os.fstat(staging_fd), os.fstat(root_fd)))
            exchange.probe(staging_fd)
            os.mkdir(TREE, 0o700, dir_fd=staging_fd)
            tree_fd = os.open(TREE, _DIR_FLAGS, dir_fd=staging_fd)
            fcntl.flock(tree_fd, fcntl.LOCK_EX)  # a run that opens OUT once it is swapped in waits for this one
            count = itertools.count()
            links = exchange.stage(root_fd, tree_fd, new, omit, lambda: fault("stage", next(count)))
            body = {"version": 3, "tree": os.fstat(tree_fd).st_ino, "links": links, "hashes": hashes}
            fs.write_new(staging_fd, "journal.tmp", json.dumps(body, sort_keys=True).encode())
            with signals_held():
                os.rename("journal.tmp", JOURNAL, src_dir_fd=staging_fd, dst_dir_fd=staging_fd)
                os.fsync(staging_fd)
                os.fsync(place.parent_fd)  # the staging directory's entry: durable with the journal it holds
                fault("commit")
                return _exchange_and_retire(place, staging_fd, tree_fd, links, hashes)
        except BaseException:
            if not fs.exists(staging_fd, JOURNAL):
                _discard(place)
            raise
    finally:
        if tree_fd is not None:
            os.close(tree_fd)
        os.close(staging_fd)


def _exchange_and_retire(place: Place, staging_fd: int, tree_fd: int, links: dict[str, list[int]],
                         hashes: dict[str, list[str]]) -> list[str]:
    exchange.rename2(staging_fd, TREE, place.parent_fd, place.name, exchange.RENAME_EXCHANGE)
    os.fsync(place.parent_fd)
    os.fsync(staging_fd)
    fault("exchange")
    return _retire(place, staging_fd, tree_fd, links, hashes)


def _retire(place: Place, staging_fd: int, live_fd: int, links: dict[str, list[int]],
            hashes: dict[str, list[str]]) -> list[str]:
    """Empty the swapped-out tree into the live OUT (`live_fd`), then clear the journal and the staging directory."""
    kept: list[str] = []
    old_fd = fs.open_dir(staging_fd, TREE, TREE)
    if old_fd is not None:
        count = itertools.count()
        try:
            kept = exchange.retire(live_fd, old_fd, links, hashes, lambda: fault("retire", next(count)))
        finally:
            os.close(old_fd)
        os.rmdir(TREE, dir_fd=staging_fd)
        os.fsync(staging_fd)
    os.unlink(JOURNAL, dir_fd=staging_fd)
    os.fsync(staging_fd)  # cleared only once the retirement is durable
    fault("clear")
    _discard(place)
    return kept


def _discard(place: Place) -> None:
    shutil.rmtree(place.sibling, dir_fd=place.parent_fd)  # fd-based: no link inside is followed
    os.fsync(place.parent_fd)


def pending(place: Place) -> bool:
    """Whether an interrupted run left a staging directory beside OUT."""
    return fs.exists(place.parent_fd, place.sibling)


def committed(place: Place) -> bool:
    try:
        return fs.lstat(place.parent_fd, f"{place.sibling}/{JOURNAL}") is not None
    except (fs.UnsafePath, OSError):
        return False


def recover(place: Place, root_fd: int) -> tuple[list[str], bool]:
    """Finish (committed) or remove (not committed) what an interrupted run left beside OUT. Returns (paths kept
    beside live ones, whether OUT was swapped now: then `root_fd` is the previous tree and OUT must be reopened).
    `fs.UnsafePath` when the directory there is not provably mcai's staging directory for this OUT."""
    shown = f"../{place.sibling}"
    try:
        info = os.stat(place.sibling, dir_fd=place.parent_fd, follow_symlinks=False)
    except FileNotFoundError:
        return [], False
    refuse = fs.UnsafePath("", f"{place.sibling} beside it is not a staging directory mcai left for this directory; "
                               "mcai leaves it alone: check it and move it away")
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise refuse
    staging_fd = fs.open_dir(place.parent_fd, place.sibling, shown)
    assert staging_fd is not None
    try:
        out = os.fstat(root_fd)
        try:
            mark = fs.read_regular(staging_fd, MARK, 4096) or b""
        except fs.UnsafePath:
            raise refuse from None
        head = json.dumps({"dir": _ident(os.fstat(staging_fd))})[:-1].encode()
        if not (mark.startswith(head) or head.startswith(mark)):
            raise refuse
        names = set(os.listdir(staging_fd))
        if names <= {MARK}:  # nothing but (part of) mcai's own marker
            _discard(place)
            return [], False
        try:
            origin = json.loads(mark)["out"]
        except (ValueError, KeyError, TypeError):
            raise refuse from None
        old = _tree_ident(staging_fd)
        if JOURNAL not in names:  # not committed: the staged tree holds links and new files only
            if origin != _ident(out):
                raise refuse
            _discard(place)
            return [], False
        links, hashes, tree = _read_journal(staging_fd, shown)
        if out.st_ino == tree and old in (None, origin):  # swapped: retire the previous tree
            return _retire(place, staging_fd, root_fd, links, hashes), False
        if _ident(out) == origin and old is not None and old[1] == tree:  # committed, not swapped: finish it
            tree_fd = os.open(TREE, _DIR_FLAGS, dir_fd=staging_fd)
            try:
                fcntl.flock(tree_fd, fcntl.LOCK_EX)
                with signals_held():
                    return _exchange_and_retire(place, staging_fd, tree_fd, links, hashes), True
            finally:
                os.close(tree_fd)
        raise refuse
    finally:
        os.close(staging_fd)


def _tree_ident(staging_fd: int) -> list[int] | None:
    try:
        return _ident(os.stat(TREE, dir_fd=staging_fd, follow_symlinks=False))
    except FileNotFoundError:
        return None


def _read_journal(staging_fd: int, shown: str) -> tuple[dict[str, list[int]], dict[str, list[str]], int]:
    bad = fs.UnsafePath("", f"{shown}/{JOURNAL} is not a journal mcai wrote; check OUT and remove that directory")
    try:
        body = json.loads(fs.read_regular(staging_fd, JOURNAL, 256_000_000) or b"")
        links, hashes, tree = body["links"], body["hashes"], body["tree"]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise bad from None
    if not (type(tree) is int and isinstance(links, dict) and isinstance(hashes, dict)
            and all(_inside(p) and isinstance(i, list) and len(i) == 2 and all(type(n) is int for n in i)
                    for p, i in links.items())
            and all(_inside(p) and isinstance(h, list) and all(isinstance(x, str) for x in h)
                    for p, h in hashes.items())):
        raise bad
    return links, hashes, tree


def _inside(path: object) -> bool:
    parts = path.split("/") if isinstance(path, str) else [""]
    return len(parts) < 256 and all(p not in ("", ".", "..") and "\0" not in p for p in parts)
