"""An in-memory file tree: relative POSIX path -> bytes. Rendering builds one; only the writer touches disk."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass
class FileTree(Mapping[str, bytes]):
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, content: str | bytes) -> None:
        if path in self.files:
            raise ValueError(f"two generated files share the path {path}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[path] = data

    def __getitem__(self, path: str) -> bytes:
        return self.files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.files))

    def __len__(self) -> int:
        return len(self.files)

    def digest(self, path: str) -> str:
        return hashlib.sha256(self.files[path]).hexdigest()
