"""Deterministic Lambda packages: a module's function source (its `*.py` files) zipped the same way on every run
and machine, so `source_code_hash` changes only when the source does. No archive provider: the zip is one more
generated file beside the readable source it holds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

PACKAGE = "handler.zip"
# 1980-01-01 00:00:00 is the earliest time a zip entry can carry: no build time leaks into the bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_READABLE = 0o100644 << 16  # a regular file, rw-r--r--, whatever the umask of the machine that builds it


def lambda_zip(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of `files` (name, bytes) in name order, stored uncompressed (deflate output differs between zlib
    builds), with a fixed timestamp, fixed permissions and no extra fields or comment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.create_system = 3  # Unix: the permissions below are read as such
            info.external_attr = _READABLE
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    return buffer.getvalue()


def function_sources(module_files: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The function source among a module's files: its Python files."""
    return [(name, data) for name, data in module_files if name.endswith(".py")]
