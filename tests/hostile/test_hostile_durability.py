"""Power loss, proved from the order of durable operations (issue 12: "atomic also under power loss"): every fsync,
rename, exchange, unlink and rmdir of one update is recorded through hooks on `os` and `exchange.rename2`, and the
order asserted: every file and directory of the staged tree is fsynced before the exchange that makes it OUT, the
journal record is durable (its file fsynced, its rename and the staging directory's entry in OUT's parent fsynced)
before the exchange, OUT's parent directory is fsynced after it, and the journal is cleared only after the
swapped-out tree is retired and that is durable. A power cut between any two recorded operations therefore leaves
the previous OUT (no durable journal: the next run removes the staging directory) or the journal (the next run
finishes the swap)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sandbox import Sandbox, box, sibling  # noqa: F401
from test_hostile_exchange import add_user_entries

from mcai.writer import exchange, swap

pytestmark = pytest.mark.skipif(exchange._RENAMEAT2 is None, reason="renameat2 is Linux-only (CI runs Linux)")
Ident = tuple[int, int]


def ident_fd(fd: int) -> Ident:
    info = os.fstat(fd)
    return (info.st_dev, info.st_ino)


def staged_items(dir_fd: int, name: str) -> set[Ident]:
    """Every directory and regular file of the staged tree (links are entries of their directory)."""
    found: set[Ident] = set()
    for _path, _dirs, files, fd in os.fwalk(name, dir_fd=dir_fd, follow_symlinks=False):
        found.add(ident_fd(fd))
        for file in files:
            info = os.stat(file, dir_fd=fd, follow_symlinks=False)
            if stat.S_ISREG(info.st_mode):
                found.add((info.st_dev, info.st_ino))
    return found


def record(monkeypatch: pytest.MonkeyPatch, out: Path) -> tuple[list[tuple], dict[str, object]]:
    events: list[tuple] = []
    seen: dict[str, object] = {}
    real_fsync, real_rename, real_unlink, real_rmdir, real_rename2 = (os.fsync, os.rename, os.unlink, os.rmdir,
                                                                       exchange.rename2)

    def fsync(fd: int) -> None:
        real_fsync(fd)
        events.append(("fsync", ident_fd(fd)))

    def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):  # type: ignore[no-untyped-def]
        real_rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        events.append(("rename", src, dst, ident_fd(src_dir_fd) if src_dir_fd is not None else None))

    def unlink(path, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if path == swap.JOURNAL and dir_fd is not None:
            seen["tree at clear"] = os.path.lexists(sibling(out) / swap.TREE)
        real_unlink(path, dir_fd=dir_fd)
        events.append(("unlink", path, ident_fd(dir_fd) if dir_fd is not None else None))

    def rmdir(path, *, dir_fd=None):  # type: ignore[no-untyped-def]
        real_rmdir(path, dir_fd=dir_fd)
        events.append(("rmdir", path, ident_fd(dir_fd) if dir_fd is not None else None))

    def rename2(src_fd: int, src: str, dst_fd: int, dst: str, flags: int) -> None:
        if src == swap.TREE:
            journal = os.stat(swap.JOURNAL, dir_fd=src_fd)
            seen.update(staged=staged_items(src_fd, src), journal=(journal.st_dev, journal.st_ino),
                        staging=ident_fd(src_fd), parent=ident_fd(dst_fd))
            events.append(("exchange",))
        real_rename2(src_fd, src, dst_fd, dst, flags)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "rmdir", rmdir)
    monkeypatch.setattr(exchange, "rename2", rename2)
    return events, seen


def test_durability_order_of_one_update(box: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    assert box.run("plan", "spec.yaml", "-o", box.out).exit_code == 0
    add_user_entries(box.out)
    user_file = (box.out / "aws" / "terraform.tfvars").stat()
    events, seen = record(monkeypatch, box.out)
    assert box.run("plan", "other.yaml", "-o", box.out).exit_code == 0
    monkeypatch.undo()

    assert [e for e in events if e[0] == "exchange"] == [("exchange",)], "exactly one exchange swaps OUT"
    ex = events.index(("exchange",))
    before, after = events[:ex], events[ex + 1:]
    synced_before = {e[1] for e in before if e[0] == "fsync"}
    staged = seen["staged"]
    assert isinstance(staged, set) and (user_file.st_dev, user_file.st_ino) in staged, "user files are carried"
    assert len(staged) > 20 and not staged - synced_before, "a staged file or directory was not fsynced in time"

    staging, parent, journal = seen["staging"], seen["parent"], seen["journal"]
    commit = before.index(("rename", "journal.tmp", swap.JOURNAL, staging))
    assert ("fsync", journal) in before[:commit], "the journal's bytes are durable before its rename"
    assert ("fsync", staging) in before[commit:], "the journal's rename is durable before the exchange"
    assert ("fsync", parent) in before[commit:], "the staging directory's entry is durable before the exchange"

    clear = after.index(("unlink", swap.JOURNAL, staging))
    assert ("fsync", parent) in after[:clear], "OUT's parent is fsynced after the exchange, before the journal goes"
    assert seen["tree at clear"] is False, "the journal was cleared before the swapped-out tree was retired"
    retired = after.index(("rmdir", swap.TREE, staging))
    assert ("fsync", staging) in after[retired:clear], "the retirement is durable before the journal is cleared"
    assert ("fsync", staging) in after[clear:], "the journal's removal is made durable"
    assert ("fsync", parent) == [e for e in after if e[0] == "fsync"][-1], "the staging directory's removal too"
    assert not sibling(box.out).exists()
