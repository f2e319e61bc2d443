"""The `mcai` command line. Data (reports, schemas) goes to stdout; messages and problems go to stderr.

Exit codes: 0 ok, 1 invalid spec, price catalog or unwritable output, 2 usage error, 3 `--check` found stale or
foreign files, 4 `--fail-on` found unacknowledged findings at or above the given severity. When several gate
conditions hold the highest code wins (4 over 3); the JSON report's `gate` lists them all.
"""

from __future__ import annotations

import json
import os
import sys

# mcai registers no pydantic plugins; skipping pydantic's entry-point scan saves start-up time on every command.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

try:  # Typer >= 0.20 vendors click; older Typer raises click's own exceptions
    from typer.exceptions import TyperException as UsageProblem
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click import ClickException as UsageProblem  # type: ignore[assignment]

from mcai import __version__
from mcai.cli.output import EXIT_INTERNAL, EXIT_INVALID, Format
from mcai.cli.output import err as _err
from mcai.cli.output import gate_messages as _gate_messages
from mcai.cli.output import print_report as _print_report
from mcai.cli.output import today as _today

EXIT_STALE = 3
EXIT_FINDINGS = 4

app = typer.Typer(name="mcai", help="Multi-cloud AI topology spec -> validated Terraform and a plan report.",
                  no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False)


class FailOn(StrEnum):
    warning = "warning"
    error = "error"


class CiSystem(StrEnum):
    github = "github"
    gitlab = "gitlab"


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"


# readable=False: Click's own readability check exits 2 (a usage error) where the reader reports the file, exit 1
SpecArg = Annotated[Path, typer.Argument(help="Topology spec (YAML); - reads it from stdin.", show_default=False,
                                         readable=False)]
SpecsArg = Annotated[list[Path], typer.Argument(metavar="SPEC...", show_default=False, readable=False, help=(
    "Topology spec (YAML; - reads it from stdin). Several specs, or a directory (its YAML files except those "
    "another imports), are an estate: checked together for conflicts no single spec shows."))]


def _estate(specs: list[Path]) -> bool:
    """Several specs, or a directory: the estate form of a command."""
    return len(specs) > 1 or specs[0].is_dir()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mcai {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """mcai turns one topology spec into per-cloud Terraform stacks and a plan report."""


def _fail_spec(exc: Exception) -> NoReturn:
    from mcai.diagnostics import SpecError

    assert isinstance(exc, SpecError)
    for line in exc.lines():
        _err(line)
    count = len(exc.diagnostics)
    _err(f"{exc.filename}: {count} problem{'s' if count != 1 else ''} found; nothing was written.")
    raise typer.Exit(EXIT_INVALID)


def _guard(fn):  # type: ignore[no-untyped-def]
    """Map domain errors to exit codes; an unexpected error is a bug: short message, traceback only on request."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        from mcai.diagnostics import SpecError
        from mcai.writer import OutputError

        try:
            return fn(*args, **kwargs)
        except SpecError as exc:
            _fail_spec(exc)
        except OutputError as exc:
            for problem in exc.problems:
                _err(f"{exc.out_dir / problem.path if problem.path else exc.out_dir}: {problem.message}")
            if not exc.interrupted:
                _err(f"{exc.out_dir}: nothing was written.")
            raise typer.Exit(EXIT_INVALID) from None
        except FileNotFoundError as exc:
            _err(f"{exc.filename}: no such file")
            raise typer.Exit(EXIT_INVALID) from None
        except (IsADirectoryError, PermissionError, OSError) as exc:
            _err(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_INVALID) from None
        except (typer.Exit, UsageProblem):
            raise  # usage errors keep Typer's own message and exit code 2
        except Exception as exc:
            if os.environ.get("MCAI_DEBUG", "").lower() in ("1", "true", "yes", "on"):
                raise
            _err(f"mcai: internal error: {type(exc).__name__}: {exc} (set MCAI_DEBUG=1 for a traceback)")
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


@app.command()
@_guard
def validate(
    specs: SpecsArg,
    explain_value: Annotated[str | None, typer.Option("--explain-value", metavar="PATH", help="Print the value at "
                                                      "PATH (e.g. clouds.aws.region) of the spec with its imports "
                                                      "applied, where it was written and what it overrode; then "
                                                      "validate.")] = None,
) -> None:
    """Check a spec. Exit 0 when valid; exit 1 listing every problem as FILE:line:col: message (FILE is the
    imported file where a value was written, when it was)."""
    from mcai.pipeline import derive_all, derive_estate

    if _estate(specs):
        if explain_value is not None:
            raise typer.BadParameter("--explain-value explains one spec", param_hint="--explain-value")
        members = derive_estate(specs)
        for file, _, topology, paths in members:
            _err(f"{file}: valid ({len(topology.stacks)} stack(s), {len(paths)} use(s) with a complete path)")
        _err(f"estate: {len(members)} spec(s) valid together (no shared singleton, overlapping network, duplicate "
             "name or second control plane)")
        return
    spec = specs[0]
    if explain_value is not None:
        _explain_value(spec, explain_value)
    _, topology, paths = derive_all(spec)
    resources = sum(len(s.resources) for s in topology.stacks)
    _err(f"{spec}: valid ({len(topology.stacks)} stack(s), {resources} resources, {len(paths)} use(s) with a "
         "complete path)")


def _explain_value(spec: Path, path: str) -> None:
    """The value's provenance on stdout (data); a path the merged spec lacks is a problem (exit 1)."""
    from mcai.spec import read_spec_text, resolve_text
    from mcai.spec.explain import explain

    text, name, directory = read_spec_text(spec)
    lines, found = explain(resolve_text(text, name, directory), name, path)
    if not found:
        for line in lines:
            _err(line)
        raise typer.Exit(EXIT_INVALID)
    from mcai.escape import terminal_safe

    sys.stdout.write("".join(terminal_safe(line) + "\n" for line in lines))


@app.command()
@_guard
def plan(
    specs: SpecsArg,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Output directory. Default: generated/<spec "
                                             "file name without .yaml> under the current directory.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format on stdout.")] = Format.table,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 3 if OUT differs from what would be "
                                        "generated (CI staleness gate).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the report without writing.")] = False,
    prices: Annotated[Path | None, typer.Option("--prices", help="Price catalog (YAML, the format of mcai's own; "
                                                "see `mcai schema --prices`) whose entries replace or add to the "
                                                "default prices by id.", readable=False)] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Exit 4 when a finding of this severity or "
                                                   "worse exists (CI gate).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no report on stdout (messages and the gate "
                                        "only), e.g. in a pre-commit hook.")] = False,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="A previous generated tree (e.g. the base "
                                                  "branch's) to compare with: what would be created, changed, "
                                                  "replaced or destroyed, per stack and resource.",
                                                  readable=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a non-empty OUT that mcai did not generate "
                                        "(no or unreadable manifest), / or your home directory. Existing files are "
                                        "still never replaced or deleted.")] = False,
) -> None:
    """Validate SPEC, render its Terraform into OUT and print the plan report (with findings and cost)."""
    from mcai import pipeline

    if check and dry_run:
        raise typer.BadParameter("--check and --dry-run cannot be combined", param_hint="--check")
    mode: pipeline.Mode = "check" if check else "dry-run" if dry_run else "write"
    options = {"prices": prices, "fail_on": fail_on.value if fail_on else None, "today": _today(),
               "baseline": baseline, "force": force}
    if _estate(specs):
        from mcai.cli.estate import plan_estate

        plan_estate(specs, out, mode, format, quiet, options)
        return
    spec = specs[0]
    if str(spec) == "-" and out is None and not dry_run:
        raise typer.BadParameter("give -o OUT when the spec comes from stdin (or use --dry-run)", param_hint="SPEC")
    out_dir = out if out is not None else pipeline.default_output(spec)
    result = pipeline.plan(spec, out_dir, mode, **options)  # type: ignore[arg-type]
    if not quiet:
        _print_report(result.report, format, result)
    _gate_messages(result, spec, out_dir, mode)
    assert result.report.gate is not None
    if result.report.gate.exit_code:
        raise typer.Exit(result.report.gate.exit_code)


@app.command()
@_guard
def graph(
    spec: SpecArg,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="Diagram language.")] = GraphFormat.mermaid,
) -> None:
    """Print the topology diagram of SPEC alone: clouds, models, workloads, data stores, paths and trust edges."""
    from mcai.pipeline import derive_all
    from mcai.report.mermaid import dot, mermaid

    vspec, topology, paths = derive_all(spec)
    sys.stdout.write(mermaid(vspec, topology, paths) if format is GraphFormat.mermaid else dot(vspec, topology, paths))


@app.command()
@_guard
def init(
    target: Annotated[Path | None, typer.Argument(metavar="[SPEC|DIR]", show_default=False, help=(
        "With --pattern: the directory to write the starter spec into (default: the current one). With --ci "
        "alone: the spec CI checks, relative to the repository root."))] = None,
    pattern: Annotated[str | None, typer.Option("--pattern", metavar="NAME", help="Write this starter estate "
                                                "(commented, valid; `--list` names them).")] = None,
    list_patterns: Annotated[bool, typer.Option("--list", help="Describe every pattern and exit.")] = False,
    ci: Annotated[CiSystem | None, typer.Option("--ci", help="Write CI files for this system into the "
                                                "repository.")] = None,
    package: Annotated[str | None, typer.Option("--package", help="With --ci: what CI installs with pip to get "
                                                "mcai: a requirement, wheel URL or VCS URL (e.g. "
                                                "git+https://host/org/mcai@v0.1.0).")] = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="The generated tree CI checks. Default: "
                                             "generated/<spec file name without .yaml>.")] = None,
    directory: Annotated[Path, typer.Option("--directory", "-C", help="Repository root to write into.")] = Path("."),
) -> None:
    """Scaffold: a starter spec from a pattern (`--pattern NAME [DIR]`, `--list`) and/or CI that checks a spec's
    generated Terraform on every pull/merge request (`SPEC --ci github|gitlab --package PKG`).

    Paths are relative to the repository root (-C). Existing files are never replaced."""
    from mcai.cli.scaffold import init as scaffold

    scaffold(target, pattern, list_patterns, ci.value if ci else None, package, out, directory)


@app.command()
@_guard
def atlantis(
    specs: SpecsArg,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Where the trees are generated: OUT/<spec file "
                                             "stem> (as `mcai plan` with several specs). Default: generated/<stem>.")] = None,
) -> None:
    """Print atlantis.yaml (stdout) for the estate: one project per generated stack, in apply order."""
    from mcai.cli.estate import atlantis_config

    atlantis_config(specs, out)


@app.command()
@_guard
def handoff(
    spec: SpecArg,
    from_outputs: Annotated[list[str], typer.Option(
        "--from-outputs", metavar="[STACK=]FILE", show_default=False,
        help="`terraform output -json` of one applied stack (repeat per stack), e.g. aws.json from "
             "`terraform -chdir=aws output -json > aws.json`; the stack is STACK= or the file name up to its first "
             "dot.")] = [],  # noqa: B006 - typer reads the default, never mutates it
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Where to write the completed files. Default: "
                                             "generated/<spec file name without .yaml>-handoff.")] = None,
) -> None:
    """After apply: write the hand-off files (router config, Kubernetes objects, credential configuration) with the
    values that exist only after apply filled in from Terraform outputs. Every missing value is listed; nothing is
    written then."""
    from mcai import pipeline
    from mcai.handoff.outputs import OutputsError

    out_dir = out if out is not None else Path(f"{pipeline.default_output(spec)}-handoff")
    try:
        changes = pipeline.handoff(spec, from_outputs, out_dir)
    except OutputsError as exc:
        for problem in exc.problems:
            _err(problem)
        _err(f"{len(exc.problems)} value(s) missing or unusable; nothing was written.")
        raise typer.Exit(EXIT_INVALID) from None
    written = [c for c in changes if c.status != "unchanged"]
    _err(f"{out_dir}: {len(written)} file(s) written or removed, {len(changes) - len(written)} unchanged")


@app.command()
def explain(finding_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="A finding id, e.g. no-fallback-model. "
                                                           "Without one, every id is listed.")] = None) -> None:
    """Say what a finding means, its severity and how to fix (or acknowledge) it."""
    from mcai.finding_ids import explain as explain_text
    from mcai.finding_ids import registry

    known = registry()
    if finding_id is None:
        width = max(len(k) for k in known)
        for key, entry in sorted(known.items()):
            typer.echo(f"{key:<{width}}  {'/'.join(entry['severities']):<13}  {entry['title']}")
        return
    if finding_id not in known:
        import difflib

        close = difflib.get_close_matches(finding_id, list(known), n=1, cutoff=0.6)
        _err(f"unknown finding id '{finding_id}'" + (f"; did you mean '{close[0]}'?" if close else "")
             + " (`mcai explain` lists them)")
        raise typer.Exit(EXIT_INVALID)
    sys.stdout.write(explain_text(finding_id))


@app.command()
def schema(
    report: Annotated[bool, typer.Option("--report", help="Print the plan report's JSON Schema instead.")] = False,
    prices: Annotated[bool, typer.Option("--prices", help="Print the price catalog's JSON Schema instead.")] = False,
) -> None:
    """Print the spec's JSON Schema (strict: unknown keys are rejected)."""
    if prices:
        from mcai.cost.catalog import json_schema as prices_schema

        data = prices_schema()
    elif report:
        from mcai.report import report_json_schema

        data = report_json_schema()
    else:
        from mcai.spec import json_schema

        data = json_schema()
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")


def main() -> None:
    app()
