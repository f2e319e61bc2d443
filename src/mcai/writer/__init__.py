"""The only code that touches the output directory (OUT). What it promises (README, "What mcai promises about OUT"):

- Nothing outside OUT is read, written or deleted but mcai's own staging directory beside OUT (`swap`): every path
  is walked from an open descriptor of OUT (or of that directory) without following links, and a symbolic link, FIFO, device or other non-regular file where mcai would read, write or delete
  is reported and left alone.
- A file is replaced or deleted only when mcai generated it: its bytes still hash to what the previous run's
  manifest recorded. A hand-edited or foreign file in mcai's way stops the run (exit 1, nothing written); a
  hand-edited file that is no longer generated is kept and reported.
- OUT = `/`, the home directory, or a non-empty directory without an mcai manifest (or with one mcai cannot have
  written) is refused unless `force` (then existing files are left as they are and only new files are added).
- The update is atomic across crashes: OUT's new tree is built beside it and swapped in whole (`swap`; guard files
  of `journal` where the exchange is unavailable or with `force`), and one run at a time holds OUT (`flock` on its
  directory, re-checked after waiting, since every swap gives OUT a new inode).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mcai.writer import exchange, fs, journal, swap
from mcai.writer.manifest import MANIFEST, MAX_MANIFEST_BYTES, STAGING, BadManifest, Manifest, parse

Status = Literal["added", "changed", "unchanged", "removed", "foreign"]
LOCK_TIMEOUT_S = 120.0
# Files a user or Terraform legitimately keeps inside a stack directory: working data, state, inputs, the backend
# settings copied from backend.hcl.example. Anything else there that mcai did not generate is "foreign".
TERRAFORM_OWN = (".terraform", ".terraform.lock.hcl", ".terraform.tfstate.lock.info", "backend.hcl")
KEPT_MESSAGE = ("appeared in the previous version of its directory while mcai swapped in the new one (e.g. written "
                "by a Terraform run still working there); kept here beside the live file: review and remove it")
MOVED_CWD = ("was the working directory (or held it) and is a new directory now: a shell there still sees the "
             "removed old tree; `cd \"$PWD\"` enters the new one")
TERRAFORM_OWN_SUFFIXES = (".tfstate", ".tfstate.backup", ".tfvars", ".tfvars.json", ".tfplan")

__all__ = ["FileChange", "Problem", "OutputError", "Output", "open_output", "baseline_manifest", "scaffold", "MANIFEST",
           "STAGING"]


@dataclass(frozen=True)
class FileChange:
    path: str
    status: Status
    sha256: str | None


@dataclass(frozen=True)
class Problem:
    """Something in OUT mcai will not touch. `blocking`: a write would be refused (exit 1, nothing written)."""

    path: str  # relative to OUT; '' is OUT itself
    message: str
    blocking: bool = True


class OutputError(Exception):
    """OUT cannot be updated safely; nothing was written (unless `interrupted`: then the next run finishes it)."""

    def __init__(self, out_dir: Path, problems: list[Problem], interrupted: bool = False) -> None:
        self.out_dir = out_dir
        self.problems = problems
        self.interrupted = interrupted
        super().__init__("\n".join(f"{out_dir / p.path if p.path else out_dir}: {p.message}" for p in problems))


@dataclass
class Output:
    """OUT opened for one plan: previous manifest verified, every change checked before anything is written."""

    out_dir: Path
    root_fd: int | None
    force: bool
    manifest: Manifest | None = None
    problems: list[Problem] = field(default_factory=list)
    place: swap.Place | str = "OUT was not opened for writing"  # where OUT sits, or why it cannot be swapped

    @property
    def previous_replacement_values(self) -> dict[str, str] | None:
        return self.manifest.replaced_on_change if self.manifest else None

    def inspect(self, tree: dict[str, bytes] | object) -> list[FileChange]:
        """How OUT differs from `tree` (path -> bytes); problems found on the way are added to `self.problems`."""
        files: dict[str, bytes] = dict(tree)  # type: ignore[call-overload]
        changes: list[FileChange] = []
        recorded = self.manifest.files if self.manifest else {}
        for path in sorted(files):
            new = hashlib.sha256(files[path]).hexdigest()
            current = self._hash(path)
            if current is None:
                changes.append(FileChange(path, "added", new))
                continue
            changes.append(FileChange(path, "unchanged" if current == new else "changed", new))
            if current in (new, "!"):
                continue
            if path == MANIFEST:
                if self.manifest is None and not self.force:
                    self.problems.append(Problem(path, "exists but is not a manifest mcai wrote; mcai will not "
                                                       "replace it"))
            elif recorded.get(path) != current:
                why = ("was edited since mcai generated it (its bytes no longer match the manifest)"
                       if path in recorded else "exists but mcai did not generate it")
                self.problems.append(Problem(path, f"{why}; mcai will not overwrite it: move it away (or restore "
                                                   "it) and run again"))
        for path in sorted(set(recorded) - set(files)):
            current = self._hash(path)
            if current is None or current == "!":
                continue
            if current == recorded[path]:
                changes.append(FileChange(path, "removed", None))
            else:
                self.problems.append(Problem(path, "was edited since mcai generated it and is no longer generated; "
                                                   "it is kept, not deleted (remove it yourself if unwanted)",
                                             blocking=False))
        changes += [FileChange(path, "foreign", None) for path in self._foreign(files, recorded)]
        return changes

    def _foreign(self, files: dict[str, bytes], recorded: dict[str, str]) -> list[str]:
        """Files (and links) inside the generated stack directories that mcai neither generates now nor generated
        before: Terraform would apply a hand-added `.tf` there unreviewed. Terraform's own files are allowed.
        Listed without following any link."""
        if self.root_fd is None:
            return []
        known = set(files) | set(recorded)
        found: list[str] = []
        for stack in sorted({path.split("/", 1)[0] for path in files if "/" in path}):
            try:
                if not stat.S_ISDIR(os.stat(stack, dir_fd=self.root_fd, follow_symlinks=False).st_mode):
                    continue  # a link or a file here is already a problem
            except FileNotFoundError:
                continue
            for dirpath, dirnames, filenames, dir_fd in os.fwalk(stack, dir_fd=self.root_fd, follow_symlinks=False):
                links = [d for d in dirnames if stat.S_ISLNK(os.stat(d, dir_fd=dir_fd, follow_symlinks=False).st_mode)]
                dirnames[:] = sorted(d for d in dirnames if d not in TERRAFORM_OWN and d not in links)
                for name in sorted(filenames) + links:
                    rel = f"{dirpath}/{name}"
                    if rel not in known and name not in TERRAFORM_OWN and not name.endswith(TERRAFORM_OWN_SUFFIXES):
                        found.append(rel)
        return sorted(found)

    def _hash(self, path: str) -> str | None:
        """sha256 of the regular file at `path`, None when absent, '!' (and a problem) when it is unsafe."""
        if self.root_fd is None:
            return None
        try:
            return fs.sha256(self.root_fd, path)
        except fs.UnsafePath as exc:
            self.problems.append(Problem(exc.path, exc.message))
            return "!"

    def write(self, tree: dict[str, bytes] | object, changes: list[FileChange]) -> None:
        """Apply `changes` (from `inspect` in this session); refused as a whole when any problem blocks."""
        blocking = [p for p in self.problems if p.blocking]
        if blocking:
            raise OutputError(self.out_dir, blocking)
        assert self.root_fd is not None, "open_output(write=True) always opens OUT"
        files: dict[str, bytes] = dict(tree)  # type: ignore[call-overload]
        recorded = self.manifest.files if self.manifest else {}
        moves = [(c.path, fs.sha256(self.root_fd, c.path)) for c in changes if c.status in ("added", "changed")]
        deletes = [journal.Delete(c.path, recorded[c.path]) for c in changes if c.status == "removed"]
        if not moves and not deletes:
            return
        why = self.place if isinstance(self.place, str) else None
        if self.force:  # OUT may be a directory of the user's (home, a repository): never replaced by a new one
            why = "--force: OUT may hold files that are not mcai's, so it is not replaced by a new directory"
        try:
            if why is None:
                assert isinstance(self.place, swap.Place)
                hashes = {path: [h for h in (old, hashlib.sha256(files[path]).hexdigest()) if h]
                          for path, old in moves}
                hashes.update({d.path: [d.old] for d in deletes})
                try:
                    inside = _holds_cwd(self.root_fd)
                    kept = swap.update(self.place, self.root_fd, {path: files[path] for path, _ in moves},
                                       {d.path for d in deletes}, hashes)
                    self.problems += [Problem(path, KEPT_MESSAGE, blocking=False) for path in kept]
                    if inside:
                        self.problems.append(Problem("", MOVED_CWD, blocking=False))
                    return
                except exchange.Unsupported as exc:
                    why = str(exc)
            outcome = journal.update(self.root_fd, files, moves, deletes)
        except fs.UnsafePath as exc:
            raise OutputError(self.out_dir, [Problem(exc.path, exc.message)]) from None
        except OSError as exc:
            interrupted = (_exists(self.root_fd, f"{STAGING}/{journal.JOURNAL}") or
                           (isinstance(self.place, swap.Place) and swap.committed(self.place)))
            tail = ("the update was interrupted; the next `mcai plan` into this directory finishes it"
                    if interrupted else "nothing was changed")
            raise OutputError(self.out_dir, [Problem("", f"{exc.strerror or exc}; {tail}")], interrupted) from None
        self.problems.append(Problem("", f"{why}: the files were updated one by one behind guard files instead of "
                                         "swapping the whole directory (README, \"What mcai promises about OUT\")",
                                     blocking=False))
        self.problems += [Problem(path, "changed while mcai updated this directory; left as it is",
                                  blocking=False) for path in outcome.skipped]


def _holds_cwd(root_fd: int) -> bool:
    """Whether the working directory is OUT or inside it (then it is left in the swapped-out tree)."""
    here = os.fstat(root_fd)
    try:
        path = Path.cwd()
    except OSError:
        return False
    for directory in (path, *path.parents):
        info = directory.stat()
        if (info.st_dev, info.st_ino) == (here.st_dev, here.st_ino):
            return True
    return False


def _exists(root_fd: int, rel: str) -> bool:
    try:
        return fs.lstat(root_fd, rel) is not None
    except (fs.UnsafePath, OSError):
        return False


def baseline_manifest(directory: Path) -> dict[str, object]:
    """The manifest of a baseline tree (`mcai plan --baseline DIR`), read like OUT's (no link followed, bounded);
    FileNotFoundError when DIR is not a directory, empty when it holds no manifest or one that is not JSON."""
    import json

    try:
        root_fd = fs.open_root(directory, create=False)
        if root_fd is None:
            raise FileNotFoundError(2, "no such directory", str(directory))
        try:
            data = fs.read_regular(root_fd, MANIFEST, MAX_MANIFEST_BYTES)
        finally:
            os.close(root_fd)
    except fs.UnsafePath as exc:
        raise OutputError(directory, [Problem(exc.path, exc.message)]) from None
    except NotADirectoryError:
        raise FileNotFoundError(2, "no such directory", str(directory)) from None
    try:
        body = json.loads(data.decode("utf-8")) if data is not None else {}
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}


@contextmanager
def open_output(out_dir: Path, *, write: bool, force: bool = False) -> Iterator[Output]:
    """OUT for one plan: opened safely (created when `write`), locked, a previous interrupted run finished (when
    `write`), the previous manifest read and verified. Raises `OutputError` when OUT itself is unacceptable."""
    deadline = time.monotonic() + float(os.environ.get("MCAI_LOCK_TIMEOUT", LOCK_TIMEOUT_S))
    found: list[str] = []
    while True:
        try:
            root_fd = fs.open_root(out_dir, create=write)
        except fs.UnsafePath as exc:
            raise OutputError(out_dir, [Problem(exc.path, exc.message)]) from None
        if root_fd is None:
            yield Output(out_dir, None, force)
            return
        place: swap.Place | str = "OUT was not opened"
        try:
            if not force:
                _refuse_special(out_dir, root_fd)
            _lock(out_dir, root_fd, write, deadline)
            if not _still_out(out_dir, root_fd):  # swapped by the run we waited for: lock the current OUT
                continue
            place = swap.locate(out_dir, root_fd)
            if write and isinstance(place, swap.Place):
                try:
                    kept, swapped = swap.recover(place, root_fd)
                except fs.UnsafePath as exc:
                    raise OutputError(out_dir, [Problem(exc.path, exc.message)]) from None
                found += kept
                if swapped:  # OUT is now the tree that run built: start over on it
                    continue
            output = Output(out_dir, root_fd, force, place=place)
            output.problems += [Problem(path, KEPT_MESSAGE, blocking=False) for path in found]
            if not write and isinstance(place, swap.Place) and swap.pending(place):
                output.problems.append(Problem("", f"an interrupted mcai run left {place.sibling} beside it; the "
                                                   "next `mcai plan` finishes or removes it"))
            _prepare(output, root_fd, write)
            yield output
            return
        finally:
            if isinstance(place, swap.Place):
                os.close(place.parent_fd)
            os.close(root_fd)  # also releases the lock


def _still_out(out_dir: Path, root_fd: int) -> bool:
    """Whether the directory `root_fd` (just locked) is still the one at OUT's path."""
    try:
        fd = fs.open_root(out_dir, create=False)
    except fs.UnsafePath:
        return False
    if fd is None:
        return False
    try:
        here, there = os.fstat(root_fd), os.fstat(fd)
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
    finally:
        os.close(fd)


def _refuse_special(out_dir: Path, root_fd: int) -> None:
    here = os.fstat(root_fd)
    for special, what in ((Path("/"), "the root directory"), (Path.home(), "your home directory")):
        try:
            there = os.stat(special)
        except OSError:
            continue
        if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
            raise OutputError(out_dir, [Problem("", f"is {what}; mcai writes into a directory of its own (e.g. "
                                                    "generated/<name>). --force accepts it: then only new files are "
                                                    "added and nothing there is replaced or deleted")])


def _lock(out_dir: Path, root_fd: int, exclusive: bool, deadline: float) -> None:
    timeout = float(os.environ.get("MCAI_LOCK_TIMEOUT", LOCK_TIMEOUT_S))
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    while True:
        try:
            fcntl.flock(root_fd, mode)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputError(out_dir, [Problem("", f"another mcai run is writing this directory (waited "
                                                        f"{timeout:g} s; MCAI_LOCK_TIMEOUT sets the wait)")]) from None
            time.sleep(0.05)


def _prepare(output: Output, root_fd: int, write: bool) -> None:
    try:
        if write:
            for path in journal.recover(root_fd):
                output.problems.append(Problem(path, "changed while a previous run was interrupted; left as it is",
                                               blocking=False))
        elif _exists(root_fd, STAGING):
            output.problems.append(Problem(STAGING, "an interrupted mcai run left this; the next `mcai plan` "
                                                    "finishes or removes it"))
        data = fs.read_regular(root_fd, MANIFEST, MAX_MANIFEST_BYTES)
    except fs.UnsafePath as exc:
        raise OutputError(output.out_dir, [Problem(exc.path, exc.message)]) from None
    if data is not None:
        try:
            output.manifest = parse(data)
            return
        except BadManifest as exc:
            if not output.force:
                _refuse(output, write, Problem(MANIFEST, f"is not a manifest mcai wrote ({exc}); nothing was deleted. "
                                               "Move it away, or pass --force to treat the directory as not "
                                               "generated by mcai"))
                return
            output.problems.append(Problem(MANIFEST, f"ignored (--force): {exc}", blocking=False))
    if output.manifest is None and not output.force:
        others = sorted(n for n in os.listdir(root_fd) if n not in (STAGING, MANIFEST))
        if others:
            shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
            _refuse(output, write, Problem("", f"is not empty ({shown}) and mcai did not generate it "
                                                   "(no mcai-manifest.json); choose a new or empty directory, or pass "
                                                   "--force to add the generated files beside these (none of them "
                                                   "is replaced or deleted)"))


def _refuse(output: Output, write: bool, problem: Problem) -> None:
    """A write stops here; `--check` and `--dry-run` report the problem and go on."""
    if write:
        raise OutputError(output.out_dir, [problem])
    output.problems.append(problem)


def scaffold(root: Path, files: dict[str, bytes]) -> list[str]:
    """Create new files under an existing directory (`mcai init` writing CI files into a repository), never
    replacing anything: every target is checked first (FileExistsError names the first that exists, before anything
    is written), no link is followed on the way, and each file is created exclusively."""
    root_fd = fs.open_root(root, create=False)
    if root_fd is None:
        raise FileNotFoundError(2, "no such directory", str(root))
    try:
        for rel in sorted(files):
            if fs.lstat(root_fd, rel) is not None:
                raise FileExistsError(17, "exists; not replaced (delete or move it first)", str(root / rel))
        for rel, data in sorted(files.items()):
            dir_fd, name = fs.parent(root_fd, rel, create=True)
            assert dir_fd is not None
            try:
                fs.write_new(dir_fd, name, data)
            finally:
                os.close(dir_fd)
    except fs.UnsafePath as exc:
        raise OutputError(root, [Problem(exc.path, exc.message)]) from None
    finally:
        os.close(root_fd)
    return sorted(files)
