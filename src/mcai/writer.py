"""The only code that writes generated files: compare a rendered tree with a directory, then update it atomically.

Writes go to a staging directory inside the output directory first, so every file lands by `os.replace` (atomic on
one filesystem) and a failure before that point leaves the directory untouched. Files mcai did not generate are
never modified; files a previous run generated (per its manifest) and this run does not are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mcai.render import MANIFEST, FileTree

Status = Literal["added", "changed", "unchanged", "removed", "foreign"]
# Files a user or Terraform legitimately keeps inside a stack directory: working data, state, inputs, the backend
# settings copied from backend.hcl.example. Anything else there that mcai did not generate is "foreign".
TERRAFORM_OWN = (".terraform", ".terraform.lock.hcl", ".terraform.tfstate.lock.info", "backend.hcl")
TERRAFORM_OWN_SUFFIXES = (".tfstate", ".tfstate.backup", ".tfvars", ".tfvars.json", ".tfplan")


@dataclass(frozen=True)
class FileChange:
    path: str
    status: Status
    sha256: str | None


def previous_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest the last mcai run left in `out_dir`; empty when there is none or it is unreadable."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def baseline_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of a baseline tree (`mcai plan --baseline DIR`); FileNotFoundError when DIR is not a directory,
    empty when it holds no readable manifest (then everything is new)."""
    if not directory.is_dir():
        raise FileNotFoundError(2, "no such directory", str(directory))
    return previous_manifest(directory)


def previous_files(out_dir: Path) -> set[str]:
    """Files the last mcai run generated in `out_dir` (from its manifest)."""
    files = previous_manifest(out_dir).get("files", {})
    if not isinstance(files, dict):
        return set()
    return {p for p in files if isinstance(p, str) and _safe(p)} | {MANIFEST}


def previous_replacement_values(out_dir: Path) -> dict[str, str] | None:
    """`replaced_on_change` of the last run (spec path -> value), or None when there was no previous output."""
    values = previous_manifest(out_dir).get("replaced_on_change")
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else None


def _safe(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts


def diff(tree: FileTree, out_dir: Path) -> list[FileChange]:
    """How `out_dir` differs from `tree`: every generated file, plus previously generated files now stale."""
    changes: list[FileChange] = []
    for path in tree:
        target = out_dir / path
        digest = tree.digest(path)
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            changes.append(FileChange(path, "added", digest))
            continue
        except OSError:
            changes.append(FileChange(path, "changed", digest))
            continue
        status: Status = "unchanged" if hashlib.sha256(current).hexdigest() == digest else "changed"
        changes.append(FileChange(path, status, digest))
    previous = previous_files(out_dir)
    for path in sorted(previous - set(tree)):
        if (out_dir / path).exists():
            changes.append(FileChange(path, "removed", None))
    changes += [FileChange(path, "foreign", None) for path in foreign_files(tree, out_dir, previous)]
    return changes


def foreign_files(tree: FileTree, out_dir: Path, previous: Iterable[str] = ()) -> list[str]:
    """Files (and symlinks) inside the generated stack directories that mcai neither generates now nor generated
    before: Terraform would apply a hand-added `.tf` there unreviewed. Terraform's own files are allowed."""
    stacks = sorted({path.split("/", 1)[0] for path in tree if "/" in path})
    known = set(tree) | set(previous)
    found: list[str] = []
    for stack in stacks:
        root = out_dir / stack
        if root.is_symlink() or not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):  # never follows symlinked directories
            dirnames[:] = sorted(d for d in dirnames if d not in TERRAFORM_OWN)
            rel_dir = Path(dirpath).relative_to(out_dir).as_posix()
            for name in sorted(filenames) + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
                rel = f"{rel_dir}/{name}"
                if rel not in known and name not in TERRAFORM_OWN and not name.endswith(TERRAFORM_OWN_SUFFIXES):
                    found.append(rel)
    return sorted(found)


def write(tree: FileTree, out_dir: Path, changes: list[FileChange]) -> None:
    """Bring `out_dir` in line with `tree`, touching only files that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pending = [c for c in changes if c.status in ("added", "changed")]
    staging = Path(tempfile.mkdtemp(prefix=".mcai-staging-", dir=out_dir))
    try:
        staged: list[tuple[Path, Path]] = []
        for change in pending:
            tmp = staging / change.path
            tmp.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(tree[change.path])
                fh.flush()
                os.fsync(fh.fileno())
            staged.append((tmp, out_dir / change.path))
        # The manifest lands last: until it does, a rerun still knows the old set of generated files.
        staged.sort(key=lambda pair: pair[1].name == MANIFEST)
        for tmp, target in staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        for change in changes:
            if change.status == "removed":
                (out_dir / change.path).unlink(missing_ok=True)
                _prune_empty_dirs((out_dir / change.path).parent, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
