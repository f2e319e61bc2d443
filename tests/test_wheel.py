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


def test_init_writes_every_pattern_from_an_installed_wheel_and_each_spec_validates_and_renders(
        tmp_path: Path) -> None:
    """`pip install` the wheel into a fresh venv; from a directory outside the repository, `mcai init --pattern`
    writes every pattern, and each spec it writes validates and renders (with its imports)."""
    import json
    import sysconfig
    import venv

    from mcai.patterns import PATTERNS

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("mcai-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir)
    python = env_dir / "bin" / "python"
    # mcai's dependencies come from the running environment, as a plain path after the venv's own packages (its
    # editable mcai hook is not run: only the installed wheel's mcai is importable first)
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    Path(own, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    mcai = [str(env_dir / "bin" / "mcai")]
    elsewhere = tmp_path / "team-repo"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    listed = subprocess.run([*mcai, "init", "--list"], cwd=elsewhere, env=env, capture_output=True, text=True,
                            timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines() if not line.startswith(" ")] == list(PATTERNS)
    for name, pattern in PATTERNS.items():
        done = subprocess.run([*mcai, "init", "--pattern", name, name], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in (elsewhere / name).iterdir()) == sorted(pattern.files)
        for spec in pattern.specs:
            text = (elsewhere / name / spec).read_text()
            assert text.startswith("#"), "a starter spec is commented"
            done = subprocess.run([*mcai, "plan", f"{name}/{spec}", "-o", f"out/{name}-{spec}", "-f", "json"],
                                  cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            report = json.loads(done.stdout)
            assert report["stacks"] and (elsewhere / "out" / f"{name}-{spec}" / "mcai-manifest.json").is_file()
    where = subprocess.run([str(python), "-c", "import mcai.assets as a; print(a.root())"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(env_dir)), "the installed wheel's bundled examples were used"
