"""Hostile output directories: links, FIFOs, sockets, forged manifests, hand edits, foreign files, special
directories. Every case: the documented exit code, no traceback, nothing outside OUT changed, and where mcai refuses,
OUT unchanged too."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from sandbox import Sandbox, box, expect_refused, planted, snapshot, tree, victim  # noqa: F401

from mcai.pipeline import generate

MANIFEST = "mcai-manifest.json"


def forge(out: Path, edit: Callable[[dict], object]) -> None:
    manifest = json.loads((out / MANIFEST).read_text())
    edit(manifest)
    (out / MANIFEST).write_text(json.dumps(manifest))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- links anywhere mcai would read, write or delete -------------------------------------------------------------

def _link_stack(out: Path, box: Sandbox) -> None:  # noqa: F811
    target = box.root / "outside" / "infra-prod"
    (out / "aws").rename(target)
    (out / "aws").symlink_to(os.path.relpath(target, out))


def _link_up_with_manifest(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "up").symlink_to(os.path.relpath(box.root / "outside", out))
    forge(out, lambda m: m["files"].update({"up/victim.txt": sha(b"precious\n")}))


def _link_modules(out: Path, box: Sandbox) -> None:  # noqa: F811
    target = box.root / "outside" / "mods"
    (out / "aws" / "modules").rename(target)
    (out / "aws" / "modules").symlink_to(target)


def _link_file(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "aws" / "main.tf").unlink()
    (out / "aws" / "main.tf").symlink_to(victim(box))


def _link_manifest(out: Path, box: Sandbox) -> None:  # noqa: F811
    (box.root / "outside" / "m.json").write_bytes((out / MANIFEST).read_bytes())
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(box.root / "outside" / "m.json")


def _link_readme_to_repo(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "README.md").unlink()
    (out / "README.md").symlink_to(box.repo / "README.md")


def _link_staging(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / ".mcai-staging").symlink_to(box.root / "outside")


def _link_stale_dir(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "old").symlink_to(box.root / "outside")
    forge(out, lambda m: m["files"].update({"old/victim.txt": sha(b"precious\n"), "old/ssh/authorized_keys":
                                            sha(b"ssh-ed25519 AAAA user\n")}))


def _fifo_file(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "aws" / "main.tf").unlink()
    os.mkfifo(out / "aws" / "main.tf")


def _fifo_manifest(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / MANIFEST).unlink()
    os.mkfifo(out / MANIFEST)


def _dir_manifest(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / MANIFEST).unlink()
    (out / MANIFEST).mkdir()


def _socket_file(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "aws" / "variables.tf").unlink()
    here = os.getcwd()
    os.chdir(out / "aws")  # a socket path must be short
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind("variables.tf")
        sock.close()
    finally:
        os.chdir(here)


def _dir_where_file_goes(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / "aws" / "outputs.tf").unlink()
    (out / "aws" / "outputs.tf").mkdir()
    (out / "aws" / "outputs.tf" / "mine").write_text("x")


def _file_where_dir_goes(out: Path, box: Sandbox) -> None:  # noqa: F811
    forge(out, lambda m: m["files"].clear())  # a fresh tree's directories, and `aws` is a file in the way
    for p in sorted(out.rglob("*"), reverse=True):
        if p.name != MANIFEST:
            p.unlink() if p.is_file() else p.rmdir()
    (out / "aws").write_text("I am a file\n")


def _staging_file(out: Path, box: Sandbox) -> None:  # noqa: F811
    (out / ".mcai-staging").write_text("not a directory")


def _stale_fifo(out: Path, box: Sandbox) -> None:  # noqa: F811
    os.mkfifo(out / "old.tf")
    forge(out, lambda m: m["files"].update({"old.tf": "0" * 64}))


UNSAFE: dict[str, tuple[Callable[[Path, Sandbox], None], str]] = {
    "symlinked-stack-folder": (_link_stack, "aws: is a symbolic link"),
    "up-link-and-manifest": (_link_up_with_manifest, "up: is a symbolic link"),
    "symlinked-modules": (_link_modules, "aws/modules: is a symbolic link"),
    "symlinked-generated-file": (_link_file, "aws/main.tf: is a symbolic link"),
    "symlinked-manifest": (_link_manifest, "mcai-manifest.json: is a symbolic link"),
    "readme-linked-into-repo": (_link_readme_to_repo, "README.md: is a symbolic link"),
    "symlinked-staging": (_link_staging, ".mcai-staging: is a symbolic link"),
    "stale-files-behind-link": (_link_stale_dir, "old: is a symbolic link"),
    "fifo-at-generated-path": (_fifo_file, "aws/main.tf: is a FIFO"),
    "fifo-as-manifest": (_fifo_manifest, "mcai-manifest.json: is a FIFO"),
    "directory-as-manifest": (_dir_manifest, "mcai-manifest.json: is a directory"),
    "socket-at-generated-path": (_socket_file, "aws/variables.tf: is a socket"),
    "directory-where-file-goes": (_dir_where_file_goes, "aws/outputs.tf: is a directory"),
    "file-where-directory-goes": (_file_where_dir_goes, "is a regular file where a directory is expected"),
    "file-as-staging": (_staging_file, ".mcai-staging: is a regular file"),
    "fifo-at-stale-path": (_stale_fifo, "old.tf: is a FIFO"),
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
@pytest.mark.parametrize("spec", ["spec.yaml", "other.yaml"])
def test_unsafe_entries_are_refused(box: Sandbox, case: str, spec: str) -> None:  # noqa: F811
    setup, needle = UNSAFE[case]
    out = planted(box)
    setup(out, box)
    before = snapshot(out)
    result = box.run("plan", spec, "-o", out)
    assert result.exit_code == 1 and needle in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(out) == before
    check = box.run("plan", spec, "-o", out, "--check")
    assert check.exit_code in (1, 3) and snapshot(out) == before


def test_out_itself_a_link_is_refused(box: Sandbox) -> None:  # noqa: F811
    (box.repo / "generated").mkdir()
    box.out.symlink_to(box.root / "outside")
    expect_refused(box, needle="is a symbolic link")


def test_a_link_on_the_way_to_out_is_refused(box: Sandbox) -> None:  # noqa: F811
    (box.repo / "generated").symlink_to(box.root / "outside")
    result = box.run("plan", "spec.yaml", "-o", "generated/x", out=box.root / "outside" / "x")
    assert result.exit_code == 1 and "generated is a symbolic link" in result.stderr
    assert not (box.root / "outside" / "x").exists()


# --- forged or broken manifests: an error, never a deletion list ------------------------------------------------

FORGED: dict[str, Callable[[dict], object]] = {
    "parent-path": lambda m: m["files"].update({"../../../outside/victim.txt": sha(b"precious\n")}),
    "absolute-path": lambda m: m["files"].update({"/etc/hostname": "0" * 64}),
    "dotdot-inside": lambda m: m["files"].update({"aws/../../x": "0" * 64}),
    "dot-part": lambda m: m["files"].update({"./README.md": "0" * 64}),
    "empty-part": lambda m: m["files"].update({"aws//main.tf": "0" * 64}),
    "backslash": lambda m: m["files"].update({"..\\..\\x": "0" * 64}),
    "staging-path": lambda m: m["files"].update({".mcai-staging/journal.json": "0" * 64}),
    "newline-in-path": lambda m: m["files"].update({"a\n::error::x": "0" * 64}),
    "hash-not-hex": lambda m: m["files"].update({"aws/main.tf": "not a hash"}),
    "hash-not-string": lambda m: m["files"].update({"aws/main.tf": 7}),
    "files-a-list": lambda m: m.update({"files": ["aws/main.tf"]}),
    "no-schema": lambda m: m.pop("schema"),
    "other-schema": lambda m: m.update({"schema": "evil/v1"}),
    "replaced-not-a-map": lambda m: m.update({"replaced_on_change": [1, 2]}),
}


@pytest.mark.parametrize("case", sorted(FORGED))
def test_forged_manifest_is_an_error_not_a_deletion_list(box: Sandbox, case: str) -> None:  # noqa: F811
    out = planted(box)
    forge(out, FORGED[case])
    expect_refused(box, needle="is not a manifest mcai wrote")
    assert box.run("plan", "spec.yaml", "-o", out, "--check").exit_code == 3


RAW_MANIFESTS: dict[str, bytes] = {
    "not-json": b"rm -rf /\n",
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
    "not-utf8": b"\xff\xfe{}",
    "json-scalar": b"42",
    "empty": b"",
}


@pytest.mark.parametrize("case", sorted(RAW_MANIFESTS))
def test_unreadable_manifest_is_an_error(box: Sandbox, case: str) -> None:  # noqa: F811
    out = planted(box)
    (out / MANIFEST).write_bytes(RAW_MANIFESTS[case])
    expect_refused(box, needle="is not a manifest mcai wrote")


def test_huge_manifest_is_refused_before_reading(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    with open(out / MANIFEST, "r+b") as fh:
        fh.truncate(40_000_000)  # sparse: costs no disk
    expect_refused(box, needle="is larger than")


def test_force_treats_a_broken_manifest_as_absent_and_replaces_nothing_else(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    (out / MANIFEST).write_text("garbage")
    (out / "aws" / "main.tf").write_text("# mine now\n")
    stderr = expect_refused(box, "--force", needle="aws/main.tf: exists but mcai did not generate it")
    assert "nothing was written" in stderr


# --- the manifest is verified: hand edits and foreign files are never replaced or deleted -----------------------

def test_hand_edited_generated_file_stops_plan_and_check_names_it(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    (out / "aws" / "main.tf").write_text("# my hand edit\n")
    expect_refused(box, needle="aws/main.tf: was edited since mcai generated it")
    check = box.run("plan", "spec.yaml", "-o", out, "--check")
    assert check.exit_code == 3 and "aws/main.tf" in check.stderr
    assert (out / "aws" / "main.tf").read_text() == "# my hand edit\n"


def test_hand_edited_stale_file_is_kept_and_reported(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    readme = out / "aws" / "README.md"
    readme.write_text("my notes\n")
    result = box.run("plan", "other.yaml", "-o", out)  # other.yaml regenerates README.md: refused
    generated = generate(box.repo / "other.yaml")[2]
    if "aws/README.md" in generated:
        assert result.exit_code == 1
    else:
        assert result.exit_code == 0 and "aws/README.md: was edited" in result.stderr
    assert readme.read_text() == "my notes\n"


def test_hand_edited_file_no_longer_generated_survives(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    forge(out, lambda m: m["files"].update({"aws/extra.tf": sha(b"generated once\n")}))
    (out / "aws" / "extra.tf").write_text("edited by hand\n")
    result = box.run("plan", "spec.yaml", "-o", out)
    assert result.exit_code == 0 and "aws/extra.tf: was edited since mcai generated it" in result.stderr
    assert (out / "aws" / "extra.tf").read_text() == "edited by hand\n"
    check = box.run("plan", "spec.yaml", "-o", out, "--check")  # now a foreign file in a stack: reported
    assert check.exit_code == 3 and "foreign" in check.stderr and "aws/extra.tf" in check.stderr


def test_stale_file_whose_bytes_match_is_removed(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    forge(out, lambda m: m["files"].update({"aws/extra/old.tf": sha(b"generated once\n")}))
    (out / "aws" / "extra").mkdir()
    (out / "aws" / "extra" / "old.tf").write_text("generated once\n")
    assert box.run("plan", "spec.yaml", "-o", out).exit_code == 0
    assert not (out / "aws" / "extra").exists(), "the emptied directory is pruned"


def test_foreign_file_at_generated_path_is_not_overwritten(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    forge(out, lambda m: m["files"].pop("aws/backend.tf"))
    (out / "aws" / "backend.tf").write_text("terraform { backend \"local\" {} }\n")
    expect_refused(box, needle="aws/backend.tf: exists but mcai did not generate it")


def test_identical_foreign_file_is_adopted(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    forge(out, lambda m: m["files"].pop("aws/backend.tf"))
    result = box.run("plan", "spec.yaml", "-o", out)
    assert result.exit_code == 0
    assert "aws/backend.tf" in json.loads((out / MANIFEST).read_text())["files"]


def test_user_files_beside_generated_ones_survive_every_run(box: Sandbox) -> None:  # noqa: F811
    out = planted(box)
    (out / "aws" / "terraform.tfvars").write_text("mine = 1\n")
    (out / "aws" / ".terraform").mkdir()
    (out / "aws" / ".terraform" / "lock").write_text("x")
    for spec in ("other.yaml", "spec.yaml"):
        assert box.run("plan", spec, "-o", out).exit_code == 0
    assert (out / "aws" / "terraform.tfvars").read_text() == "mine = 1\n"
    assert (out / "aws" / ".terraform" / "lock").read_text() == "x"
    assert box.run("plan", "spec.yaml", "-o", out, "--check").exit_code == 0
