"""Policy scanning of generated Terraform with checkov, pinned, in its own virtual environment.

checkov 3.3.30 cannot share the test environment: it requires ``packaging<24`` while hatchling (the wheel test
builds the package) requires ``packaging>=24.2``. So, like the schema stub, it gets a private venv under
``$MCAI_TF_CACHE/..`` (default ``~/.cache/mcai/checkov-<version>``), created once from PyPI and reused.

One checkov process scans a whole tree (e.g. ``tests/golden``): checkov finds every root module below it and follows
their local ``./modules/*`` calls, reporting module resources by address. Passing several ``-d`` options instead
makes checkov 3.3.30 repeat the first directory's results, so always pass one root.

Usage: ``python tools/policyscan.py [DIR]`` prints every failed and skipped check (default ``tests/golden``),
exit 1 when a check failed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CHECKOV_REQUIREMENT = "checkov==3.3.30"
REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Check:
    check_id: str
    file: str  # relative to the scanned root
    resource: str  # module address, e.g. module.bedrock.aws_s3_bucket.invocation_logs
    name: str
    reason: str  # the inline skip's reason (skipped checks only)

    def __str__(self) -> str:
        why = f" -- skipped: {self.reason}" if self.reason else ""
        return f"{self.check_id} {self.file} {self.resource}: {self.name}{why}"


@dataclass(frozen=True)
class Scan:
    failed: tuple[Check, ...]
    skipped: tuple[Check, ...]
    passed: int
    parsing_errors: tuple[str, ...]


def venv_root() -> Path:
    base = Path(os.environ.get("MCAI_TF_CACHE") or Path.home() / ".cache" / "mcai" / "tfschema").parent
    return base / f"checkov-{CHECKOV_REQUIREMENT.split('==')[1]}"


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_checkov() -> Path:
    """The checkov executable of the private venv (created once; ~1 min from PyPI)."""
    venv = venv_root()
    stamp = venv / "mcai-requirement.txt"
    executable = venv / "bin" / "checkov"
    with _locked(venv.parent / f"{venv.name}.lock"):
        if stamp.exists() and stamp.read_text() == CHECKOV_REQUIREMENT and executable.exists():
            return executable
        shutil.rmtree(venv, ignore_errors=True)
        started = time.monotonic()
        for cmd in ([sys.executable, "-m", "venv", str(venv)],
                    [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                     CHECKOV_REQUIREMENT]):
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
        stamp.write_text(CHECKOV_REQUIREMENT)
        print(f"[policyscan] installed {CHECKOV_REQUIREMENT} in {time.monotonic() - started:.0f}s", file=sys.stderr)
    return executable


def _documents(text: str) -> list[dict]:
    """checkov prints one JSON document per framework (or a list); read them all."""
    decoder, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        document, i = decoder.raw_decode(text, i)
        out += document if isinstance(document, list) else [document]


def _check(item: dict) -> Check:
    suppress = item.get("check_result", {}).get("suppress_comment") or ""
    return Check(item["check_id"], item["file_path"].lstrip("/"), item["resource"], item["check_name"], suppress)


def scan(root: Path) -> Scan:
    """Run checkov once over every Terraform root below `root` (terraform framework, offline)."""
    checkov = ensure_checkov()
    env = {**os.environ, "LOG_LEVEL": "WARNING", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    done = subprocess.run([str(checkov), "--directory", str(root), "--framework", "terraform", "--skip-download",
                           "--compact", "--output", "json"], capture_output=True, text=True, cwd=root, env=env,
                          timeout=600)
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise RuntimeError(f"checkov failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    failed: list[Check] = []
    skipped: list[Check] = []
    passed = 0
    errors: list[str] = []
    for document in _documents(done.stdout):
        if "results" not in document:  # an empty framework reports a bare summary
            continue
        results = document["results"]
        failed += [_check(i) for i in results.get("failed_checks", [])]
        skipped += [_check(i) for i in results.get("skipped_checks", [])]
        passed += len(results.get("passed_checks", []))
        errors += list(results.get("parsing_errors", []))
    return Scan(tuple(sorted(set(failed), key=str)), tuple(sorted(set(skipped), key=str)), passed, tuple(errors))


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else REPO / "tests" / "golden"
    started = time.monotonic()
    result = scan(root.resolve())
    for check in result.failed:
        print(f"FAILED  {check}")
    for check in result.skipped:
        print(f"skipped {check}")
    print(f"{len(result.failed)} failed, {len(result.skipped)} skipped, {result.passed} passed, "
          f"{len(result.parsing_errors)} parsing errors in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 1 if result.failed or result.parsing_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
