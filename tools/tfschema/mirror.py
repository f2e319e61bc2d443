"""Provider installation for terraform: stub providers, the real aws binary, CLI configs.

Each profile gets one unpacked filesystem mirror made of symlinks::

    <root>/profiles/<profile>/mirror/registry.terraform.io/hashicorp/<name>/<version>/linux_amd64
        -> <root>/providers/<name>-<version>-s<hash>/   (stub: launcher + schema.pb + stub script)
        -> <directory of the real aws binary>           (found by ``find_real_aws``)

and a CLI config that allows only that mirror (``direct`` excludes every registry
address, so terraform never tries the network).  The same directory is the plugin
cache, so ``terraform init`` links providers instead of copying the 675 MB aws binary.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import shutil
import subprocess
import tempfile
from pathlib import Path

from tfschema import cache
from tfschema.pins import Pin

REAL_AWS_GLOB = "terraform-provider-aws_v{version}*"
# Where a pre-installed provider usually lives: terraform's implied local mirror directories and plugin cache first,
# then broad roots. `MCAI_TF_SEARCH_PATH` (os.pathsep-separated) replaces the list; `MCAI_TF_AWS_MIRROR` skips it.
BROAD_ROOTS = ("/opt", "/usr/local", "/usr/share")


def search_roots() -> tuple[str, ...]:
    configured = os.environ.get("MCAI_TF_SEARCH_PATH")
    if configured:
        return tuple(p for p in configured.split(os.pathsep) if p)
    home = Path.home()
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    implied = [home / ".terraform.d" / "plugins", home / ".local" / "share" / "terraform" / "plugins",
               *(Path(d) / "terraform" / "plugins" for d in data_dirs if d)]
    cache_dir = os.environ.get("TF_PLUGIN_CACHE_DIR")
    roots = [str(p) for p in implied] + ([cache_dir] if cache_dir else []) + [*BROAD_ROOTS, str(home)]
    return tuple(dict.fromkeys(r for r in roots if Path(r).is_dir()))


def os_arch() -> str:
    machine = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    return f"{platform.system().lower()}_{machine}"


def ensure_stub_provider(pin: Pin) -> Path:
    """Directory holding an executable ``terraform-provider-<name>_v<version>`` that serves the pin's schema."""
    key = cache.source_hash("stub_provider.py", "extract.py", "tsparse.py")
    target = cache.root() / "providers" / f"{pin.name}-{pin.version}-s{key}"
    launcher = target / f"terraform-provider-{pin.name}_v{pin.version}"
    if launcher.exists():
        return target
    schema_json = cache.ensure_schema(pin)
    python = cache.ensure_venv()
    tmp = Path(tempfile.mkdtemp(dir=cache.root(), prefix=".provider-"))
    shutil.copy(cache.HERE / "stub_provider.py", tmp / "stub_provider.py")
    cache.run([str(python), str(tmp / "stub_provider.py"), "--compile", str(schema_json), str(tmp / "schema.pb")])
    script = (
        "#!/bin/sh\n"
        f"# schema stub for {pin.source} {pin.version}, rebuilt from {pin.package}=={pin.package_version}\n"
        f"MCAI_STUB_NAME='{pin.source}' exec '{python}' '{target / 'stub_provider.py'}' "
        f"'{target / 'schema.pb'}' \"$@\"\n"
    )
    (tmp / launcher.name).write_text(script)
    (tmp / launcher.name).chmod(0o755)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return target


@functools.cache
def find_real_aws(version: str) -> Path:
    """Directory containing the real aws provider binary (``MCAI_TF_AWS_MIRROR`` or a search)."""
    override = os.environ.get("MCAI_TF_AWS_MIRROR")
    candidates: list[Path] = []
    if override:
        base = Path(override)
        candidates = [base] + list(base.glob(f"**/{REAL_AWS_GLOB.format(version=version)}"))
    else:
        for start in search_roots():
            proc = subprocess.run(["find", start, "-name", REAL_AWS_GLOB.format(version=version), "-type", "f"],
                                  capture_output=True, text=True)
            candidates += [Path(line) for line in proc.stdout.split()]
            if candidates:
                break  # the earliest root wins: implied mirrors before broad directories
    for candidate in candidates:
        directory = candidate if candidate.is_dir() else candidate.parent
        if any(directory.glob(REAL_AWS_GLOB.format(version=version))):
            return directory
    where = f"MCAI_TF_AWS_MIRROR={override}" if override else f"under {', '.join(search_roots())}"
    raise RuntimeError(f"real aws provider {version} binary (terraform-provider-aws_v{version}*) not found {where}; "
                       "set MCAI_TF_AWS_MIRROR to the directory holding it")


def cli_config(mirror: Path) -> str:
    return (
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f'    path    = "{mirror}"\n'
        '    include = ["registry.terraform.io/hashicorp/*"]\n'
        "  }\n"
        "  direct {\n"
        '    exclude = ["registry.terraform.io/*/*"]\n'
        "  }\n"
        "}\n"
        f'plugin_cache_dir = "{mirror}"\n'
        "plugin_cache_may_break_dependency_lock_file = true\n"
    )


def lay_out_profile(name: str, providers: dict[tuple[str, str], Path]) -> tuple[Path, Path]:
    """Build (or reuse) the profile's mirror of symlinks and CLI config; returns (mirror, config)."""
    base = cache.root() / "profiles" / name
    wanted = json.dumps({f"{n} {v}": str(p) for (n, v), p in sorted(providers.items())}, indent=1)
    stamp, config = base / "stamp.json", base / "terraformrc"
    if stamp.exists() and stamp.read_text() == wanted and config.exists():
        return base / "mirror", config
    tmp = Path(tempfile.mkdtemp(dir=cache.root(), prefix=".profile-"))
    for (provider, version), directory in providers.items():
        link = tmp / "mirror" / "registry.terraform.io" / "hashicorp" / provider / version / os_arch()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(directory, target_is_directory=True)
    (tmp / "terraformrc").write_text(cli_config(base / "mirror"))
    (tmp / "stamp.json").write_text(wanted)
    base.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(base, ignore_errors=True)
    os.replace(tmp, base)
    return base / "mirror", config


def real_schema_path(version: str) -> Path:
    return cache.root() / "schemas" / f"aws-{version}-real.json"


def ensure_real_schema(version: str, config: Path) -> Path:
    """``terraform providers schema -json`` of the real aws provider, computed once."""
    path = real_schema_path(version)
    if path.exists():
        return path
    with tempfile.TemporaryDirectory(prefix="mcai-tf-schema-") as work:
        Path(work, "main.tf").write_text(
            'terraform {\n  required_providers {\n'
            f'    aws = {{ source = "hashicorp/aws", version = "{version}" }}\n  }}\n}}\n'
        )
        env = dict(os.environ, TF_CLI_CONFIG_FILE=str(config), TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
        cache.run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], cwd=work, env=env)
        proc = cache.run(["terraform", "providers", "schema", "-json"], cwd=work, env=env)
    cache.write_atomic(path, proc.stdout)
    return path
