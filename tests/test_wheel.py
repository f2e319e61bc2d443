"""An installed wheel works from any directory: templates and modules ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_bundles_assets_and_plans_from_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("mcai-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    assert "mcai/_bundled/templates/stack/main.tf.j2" in names
    assert "mcai/_bundled/modules/aws-bedrock/main.tf" in names
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    spec = elsewhere / "spec.yaml"
    spec.write_text((REPO / "examples" / "aws-bedrock.yaml").read_text())
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-c", "import mcai.assets as a; print(a.root())"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip().startswith(str(tmp_path / "site")), "the wheel's own bundled assets are used"
    done = subprocess.run([sys.executable, "-m", "mcai", "plan", "spec.yaml", "-o", "out", "-f", "json"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "aws" / "modules" / "aws-bedrock" / "main.tf").exists()
    assert "mcai/_bundled/action.yml" in names and "mcai/_bundled/templates/ci/gitlab-ci.yml" in names
    done = subprocess.run([sys.executable, "-m", "mcai", "init", "spec.yaml", "--ci", "github", "--package", "mcai"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (elsewhere / ".github" / "actions" / "mcai" / "action.yml").read_bytes() == (REPO / "action.yml").read_bytes()
