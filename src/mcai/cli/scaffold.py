"""`mcai init`: a starter spec from a pattern (`--pattern NAME [DIR]`, `--list`), CI files (`--ci`), or both."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def init(target: Path | None, pattern: str | None, list_patterns: bool, ci: str | None, package: str | None,
         out: Path | None, directory: Path) -> None:
    from mcai import patterns, writer
    from mcai.cli.output import EXIT_INVALID
    from mcai.cli.output import err as _err
    from mcai.spec import load_spec

    if list_patterns:
        width = max(len(n) for n in patterns.PATTERNS)
        for name, p in patterns.PATTERNS.items():
            sys.stdout.write(f"{name:<{width}}  {p.about}\n{'':<{width}}  writes: {', '.join(p.files)}\n")
        return
    if pattern is None:
        if target is None or ci is None:
            raise typer.BadParameter("give --pattern NAME [DIR] (see --list), or SPEC with --ci", param_hint="SPEC")
        _ci(target, ci, package, out, directory)
        return
    if pattern not in patterns.PATTERNS:
        from mcai.spec.errors import suggest

        raise typer.BadParameter(f"unknown pattern '{pattern}'{suggest(pattern, list(patterns.PATTERNS))} "
                                 "(`mcai init --list` lists them)", param_hint="--pattern")
    chosen = patterns.PATTERNS[pattern]
    where = target if target is not None else Path(".")
    if where.is_absolute() and ci is not None:
        raise typer.BadParameter("give DIR relative to the repository root when writing CI", param_hint="DIR")
    if ci is not None and len(chosen.specs) != 1:
        raise typer.BadParameter(f"the '{pattern}' pattern has {len(chosen.specs)} specs; write it first, then "
                                 "CI for one of them: mcai init DIR/SPEC --ci ...", param_hint="--ci")
    if ci is not None and package is None:
        raise typer.BadParameter("--ci needs --package (what CI installs to get mcai)", param_hint="--package")
    for spec in patterns.bundled_specs(pattern):
        load_spec(spec)  # a shipped pattern that does not validate is a bug: found before anything is written
    root = directory / where
    root.mkdir(parents=True, exist_ok=True)
    try:
        written = writer.scaffold(root, patterns.files(pattern))
    except FileExistsError as exc:
        _err(f"{exc.filename}: {exc.strerror}")
        raise typer.Exit(EXIT_INVALID) from None
    for path in written:
        _err(f"wrote {root / path}")
    for spec in chosen.specs:
        _err(f"next: mcai plan {where / spec}")
    if ci is not None:
        _ci(where / chosen.specs[0], ci, package, out, directory)


def _ci(spec: Path, ci: str, package: str | None, out: Path | None, directory: Path) -> None:
    """Write CI that checks SPEC's generated Terraform (SPEC and OUT relative to the repository root)."""
    from mcai import pipeline, writer
    from mcai.ci_templates import ci_files
    from mcai.cli.output import EXIT_INVALID
    from mcai.cli.output import err as _err
    from mcai.spec import load_spec

    if package is None:
        raise typer.BadParameter("--ci needs --package (what CI installs to get mcai)", param_hint="--package")
    if spec.is_absolute() or (out is not None and out.is_absolute()):
        raise typer.BadParameter("give SPEC and -o relative to the repository root", param_hint="SPEC")
    vspec = None
    if (directory / spec).is_dir():  # an estate: CI plans every spec in it (`mcai plan DIR -o OUT`)
        pipeline.derive_estate([directory / spec])
    else:
        vspec = load_spec(directory / spec)  # an invalid spec is reported now, not in the first pipeline
    out_dir = out if out is not None else pipeline.default_output(spec)
    try:
        files = ci_files(ci, spec.as_posix(), out_dir.as_posix(), package)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if vspec is not None:  # Terraform itself, with the bootstrap's keyless identities
        from mcai.ci_terraform import workflows
        from mcai.topology import derive

        files.update(workflows(vspec.spec, derive(vspec), out_dir.as_posix(), ci))
    try:
        written = writer.scaffold(directory, files)
    except FileExistsError as exc:
        _err(f"{exc.filename}: {exc.strerror}")
        raise typer.Exit(EXIT_INVALID) from None
    for path in written:
        _err(f"wrote {directory / path}")
    if ci == "gitlab":
        _err("include it from .gitlab-ci.yml:  include: [{local: .gitlab/mcai.gitlab-ci.yml}]")
