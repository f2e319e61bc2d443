"""A real full disk and a real read-only filesystem, on a small tmpfs mounted in a user namespace (where the runner
allows one; `unshare --user --map-root-user --mount`): mcai exits 1 naming the directory, nothing in OUT changes and
no staging area is left behind. OUT as the mount point itself cannot be swapped with a sibling on another
filesystem: it is updated behind guard files, and mcai says so."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import EXAMPLE, OTHER

SCENARIO = r'''
import hashlib, json, os, subprocess, sys
mount, spec, other, fill = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
out = mount if fill == "ro" else os.path.join(mount, "out")  # "ro": OUT is the mount point itself
beside = os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".mcai-staging")
def run(*args):
    p = subprocess.run([sys.executable, "-m", "mcai", *args], capture_output=True, text=True)
    return p.returncode, p.stderr
def tree():
    found = {}
    for d, _, files in os.walk(out):
        for f in files:
            p = os.path.join(d, f)
            found[os.path.relpath(p, out)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return found
first = run("plan", spec, "-o", out)
middle = None
if fill == "full":
    fd = os.open(os.path.join(mount, "filler"), os.O_WRONLY | os.O_CREAT)  # beside OUT: fill the disk
    for size in (65536, 4096, 1):
        try:
            while os.write(fd, b"x" * size):
                pass
        except OSError:
            pass
    os.close(fd)
else:
    middle = run("plan", other, "-o", out)  # no sibling on OUT's filesystem: updated behind guard files
    subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
before = tree()
second = run("plan", spec if middle else other, "-o", out)
print(json.dumps({"first": first, "middle": middle, "second": second, "same": tree() == before,
                  "staging": os.path.exists(os.path.join(out, ".mcai-staging")) or os.path.exists(beside)}))
'''


def _scenario(tmp_path: Path, kind: str) -> dict:
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO)
    command = (f"mount -t tmpfs -o size=2m tmpfs {mount} && "
               f"{sys.executable} {script} {mount} {EXAMPLE} {OTHER} {kind}")
    proc = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", command],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 and "unshare" in proc.stderr:
        pytest.skip(f"this runner allows no user namespace: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


needs_unshare = pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare(1) is not installed")


@needs_unshare
def test_disk_full_changes_nothing(tmp_path: Path) -> None:
    result = _scenario(tmp_path, "full")
    assert result["first"][0] == 0, result
    code, stderr = result["second"]
    assert code == 1 and "No space left on device" in stderr and "nothing was changed" in stderr, stderr
    assert "/out:" in stderr and "Traceback" not in stderr
    assert result["same"] and not result["staging"]


@needs_unshare
def test_read_only_filesystem_changes_nothing(tmp_path: Path) -> None:
    """OUT is the mount point here: it cannot be swapped with a sibling on another filesystem, so the update before
    the remount runs behind guard files and says why."""
    result = _scenario(tmp_path, "ro")
    assert result["first"][0] == 0, result
    code, stderr = result["middle"]
    assert code == 0 and "OUT is a mount point" in stderr and "guard files" in stderr, stderr
    code, stderr = result["second"]
    assert code == 1 and "Read-only file system" in stderr and "Traceback" not in stderr, stderr
    assert result["same"] and not result["staging"]

