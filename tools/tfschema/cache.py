"""Cache of downloaded wheels, rebuilt schemas and the stub's virtual environment.

Everything lives outside the repository, under ``$MCAI_TF_CACHE`` or
``~/.cache/mcai/tfschema``.  Entries are keyed by package version (and by a hash of
the extractor / stub source, so editing those files invalidates what they made).
Writers publish with atomic renames; ``locked()`` serialises whole build steps
between concurrent processes (e.g. two pytest runs).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tfschema import pins
from tfschema.pins import Pin

HERE = Path(__file__).resolve().parent


def root() -> Path:
    path = Path(os.environ.get("MCAI_TF_CACHE") or Path.home() / ".cache" / "mcai" / "tfschema")
    path.mkdir(parents=True, exist_ok=True)
    return path


def source_hash(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def locked(name: str = "build"):
    """Exclusive inter-process lock on ``<root>/<name>.lock``."""
    with open(root() / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    with os.fdopen(fd, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
    os.replace(tmp, path)


def log(message: str) -> None:
    print(f"[tfschema] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise RuntimeError(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return proc


def ensure_wheel(pin: Pin) -> Path:
    """Download the pinned wheel once (``pip download --no-deps``)."""
    target = root() / "wheels" / f"{pin.package}-{pin.package_version}"
    found = sorted(target.glob("*.whl"))
    if found:
        return found[0]
    tmp = Path(tempfile.mkdtemp(dir=root(), prefix=".download-"))
    started = time.monotonic()
    run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir", "--disable-pip-version-check",
         "-q", "-d", str(tmp), f"{pin.package}=={pin.package_version}"])
    wheels = sorted(tmp.glob("*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"pip download of {pin.package}=={pin.package_version} gave {wheels}")
    target.mkdir(parents=True, exist_ok=True)
    os.replace(wheels[0], target / wheels[0].name)
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"downloaded {wheels[0].name} in {time.monotonic() - started:.1f}s")
    return target / wheels[0].name


def schema_path(pin: Pin) -> Path:
    key = source_hash("extract.py", "tsparse.py")
    return root() / "schemas" / f"{pin.package}-{pin.package_version}-x{key}.json"


def ensure_schema(pin: Pin) -> Path:
    """Rebuild (once) the provider schema held in the pinned wheel; checks the encoded version."""
    from tfschema import extract

    path = schema_path(pin)
    if path.exists():
        return path
    wheel = ensure_wheel(pin)
    started = time.monotonic()
    document = extract.extract_wheel(wheel)
    encoded = document["mcai_source"]["provider_version"]
    address = next(iter(document["provider_schemas"]))
    if encoded != pin.version or address != pin.source:
        raise RuntimeError(f"{pin.package}=={pin.package_version} encodes {address} {encoded}, "
                           f"but the pin says {pin.source} {pin.version}")
    write_atomic(path, json.dumps(document))
    log(f"extracted {pin.name} {pin.version} schema in {time.monotonic() - started:.1f}s")
    return path


def venv_python() -> Path:
    return root() / "stub-venv" / "bin" / "python"


def ensure_venv() -> Path:
    """The stub's own virtual environment with ``tf`` (created once)."""
    venv = root() / "stub-venv"
    stamp = venv / "mcai-requirement.txt"
    if stamp.exists() and stamp.read_text() == pins.STUB_REQUIREMENT:
        return venv_python()
    shutil.rmtree(venv, ignore_errors=True)
    started = time.monotonic()
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check", pins.STUB_REQUIREMENT])
    stamp.write_text(pins.STUB_REQUIREMENT)
    log(f"created stub venv in {time.monotonic() - started:.1f}s")
    return venv_python()
