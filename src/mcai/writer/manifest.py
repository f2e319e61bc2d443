"""The manifest a previous run left in OUT, read as untrusted input: bounded, validated, never a deletion list as is.

A manifest only says which paths mcai generated and what their bytes hashed to. A path is replaced or deleted later
only when the file there still hashes to the recorded value (see `writer.inspect`), so a planted or stale manifest
cannot make mcai remove a file it did not write.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

MANIFEST = "mcai-manifest.json"
STAGING = ".mcai-staging"
MAX_MANIFEST_BYTES = 16_000_000
# The paths mcai generates: plain names joined by '/', no '.' or '..' parts, no staging area, nothing absolute.
_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*", re.ASCII)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)


class BadManifest(ValueError):
    """A manifest mcai cannot have written."""


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str] = field(default_factory=dict)
    replaced_on_change: dict[str, str] | None = None


def generated_path(path: object) -> bool:
    """A path mcai could have generated: relative, normal, inside OUT, outside its staging area."""
    return (isinstance(path, str) and len(path) <= 1024 and _PATH.fullmatch(path) is not None
            and ".." not in path.split("/") and path.split("/")[0] != STAGING and path != MANIFEST)


def parse(data: bytes) -> Manifest:
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadManifest("it is not JSON") from None
    except RecursionError:
        raise BadManifest("it is nested too deeply to be a manifest") from None
    if not isinstance(body, dict) or body.get("schema") != "mcai.manifest/v1":
        raise BadManifest("it has no \"schema\": \"mcai.manifest/v1\"")
    files = body.get("files")
    if not isinstance(files, dict):
        raise BadManifest("its \"files\" is not a mapping")
    for path, digest in files.items():
        if not generated_path(path):
            raise BadManifest(f"it lists {json.dumps(path)[:80]}, a path mcai never generates (outside OUT or "
                              "not normal)")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise BadManifest(f"its hash for {path} is not a SHA-256")
    replaced = body.get("replaced_on_change")
    if replaced is not None and not (isinstance(replaced, dict) and
                                     all(isinstance(v, str | int | float | bool) for v in replaced.values())):
        raise BadManifest("its \"replaced_on_change\" is not a mapping of values")
    return Manifest(dict(files), {str(k): str(v) for k, v in replaced.items()} if replaced is not None else None)
