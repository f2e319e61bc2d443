"""An installed wheel works from any directory: templates and modules ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

# Both tests use one built wheel, on one worker (building it costs ~10 s of CPU).
pytestmark = pytest.mark.xdist_group("wheel")


# Runs mcai commands in order, in-process through Click's test runner; prints [exit code, stdout, stderr] for each.
DRIVER = """
import json, sys
from typer.testing import CliRunner
from mcai.cli.app import app
out = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args)
    out.append([result.exit_code, result.stdout, result.stderr])
print(json.dumps(out))
"""


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    (built,) = dist.glob("mcai-*.whl")
    return built


def test_wheel_bundles_assets_and_plans_from_elsewhere(tmp_path: Path, wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    assert "mcai/_bundled/templates/stack/main.tf.j2" in names
    assert "mcai/_bundled/modules/aws-bedrock/main.tf" in names
    assert "mcai/_bundled/modules/aws-audit-receiver/handler.py" in names  # the source its package is built from
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
        tmp_path: Path, wheel: Path) -> None:
    """`pip install` the wheel into a fresh venv; from a directory outside the repository, `mcai init --pattern`
    writes every pattern, and each spec it writes validates and renders (with its imports)."""
    import json
    import sysconfig
    import venv

    from mcai.patterns import PATTERNS

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
    # Every pattern's init and plans run as the installed `mcai` command does, in ONE interpreter of that venv
    # (one Python start and import instead of one per command; the console script itself ran `init --list` above).
    calls = [["init", "--pattern", name, name] for name in PATTERNS]
    calls += [["plan", f"{name}/{spec}", "-o", f"out/{name}-{spec}", "-f", "json"]
              for name, pattern in PATTERNS.items() for spec in pattern.specs]
    ran = subprocess.run([str(python), "-c", DRIVER, json.dumps(calls)], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    results = dict(zip(map(tuple, calls), json.loads(ran.stdout), strict=True))
    for name, pattern in PATTERNS.items():
        code, _, err = results["init", "--pattern", name, name]
        assert code == 0, err
        assert sorted(p.name for p in (elsewhere / name).iterdir()) == sorted(pattern.files)
        for spec in pattern.specs:
            text = (elsewhere / name / spec).read_text()
            assert text.startswith("#"), "a starter spec is commented"
            code, out, err = results["plan", f"{name}/{spec}", "-o", f"out/{name}-{spec}", "-f", "json"]
            assert code == 0, err
            report = json.loads(out)
            assert report["stacks"] and (elsewhere / "out" / f"{name}-{spec}" / "mcai-manifest.json").is_file()
    where = subprocess.run([str(python), "-c", "import mcai.assets as a; print(a.root())"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(env_dir)), "the installed wheel's bundled examples were used"
