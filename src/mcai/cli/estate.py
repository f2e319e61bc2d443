"""`mcai plan A.yaml B.yaml` / `mcai plan DIR`: an estate planned as a whole.

Every spec is validated and the estate checks run before anything is written (a conflict writes nothing); then each
spec is planned into its own OUT (`OUT/<spec file stem>` with -o, else `generated/<spec file stem>`), each tree
written atomically. `--baseline DIR` is the previous OUT root: each spec compares with `DIR/<spec file stem>`
(what the base branch's `mcai plan` with the same arguments wrote); a spec without a tree there is new and is not
compared. Reports: tables and Markdown one after another, JSON as an array of the per-spec reports, SARIF
as one log with a run per spec. The exit code is the highest of the specs' gates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer


def plan_estate(specs: list[Path], out_root: Path | None, mode: str, fmt: Any, quiet: bool,
                options: dict[str, Any]) -> None:
    from mcai import pipeline
    from mcai.cli.output import Format
    from mcai.cli.output import gate_messages as _gate_messages
    from mcai.cli.output import print_report as _print_report

    if any(str(s) == "-" for s in specs):
        raise typer.BadParameter("an estate is read from files, not stdin", param_hint="SPEC")
    files = [file for file, *_ in pipeline.derive_estate(specs)]
    try:
        outs = pipeline.estate_outputs(files, out_root)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="SPEC") from None
    root = options.get("baseline")  # the previous OUT root: each spec compares with its own tree in it, if any
    results = []
    for file, out in zip(files, outs):
        baseline = root / out.name if root is not None and (root / out.name).is_dir() else None
        results.append(pipeline.plan(file, out, mode, **{**options, "baseline": baseline}))  # type: ignore[arg-type]
    if not quiet:
        if fmt is Format.json:
            sys.stdout.write("[\n" + ",\n".join(r.report.to_json().rstrip("\n") for r in results) + "\n]\n")
        elif fmt is Format.sarif:
            from mcai.report.sarif import sarif

            logs = [json.loads(sarif(r.report)) for r in results]
            merged = {**logs[0], "runs": [run for log in logs for run in log["runs"]]}
            sys.stdout.write(json.dumps(merged, indent=2, sort_keys=True) + "\n")
        else:
            for i, result in enumerate(results):
                if i and fmt is Format.markdown:
                    sys.stdout.write("\n---\n\n")
                _print_report(result.report, fmt, result)
    for file, out, result in zip(files, outs, results):
        _gate_messages(result, file, out, mode)
    code = max(r.report.gate.exit_code for r in results if r.report.gate is not None)
    if code:
        raise typer.Exit(code)


def atlantis_config(specs: list[Path], out_root: Path | None) -> None:
    """Print atlantis.yaml for the estate (the same checks as `plan` first; paths relative to the repository root)."""
    import shlex
    from pathlib import PurePosixPath

    from mcai import pipeline
    from mcai.estate.atlantis import atlantis_yaml
    from mcai.spec.loader import display_name

    if any(str(s) == "-" or s.is_absolute() for s in specs) or (out_root is not None and out_root.is_absolute()):
        raise typer.BadParameter("give SPEC and -o as files relative to the repository root (Atlantis reads "
                                 "atlantis.yaml there)", param_hint="SPEC")
    members = pipeline.derive_estate(specs)
    try:
        outs = pipeline.estate_outputs([file for file, *_ in members], out_root)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="SPEC") from None
    command = " ".join(["mcai atlantis", *(shlex.quote(display_name(s.as_posix())) for s in specs),
                        *(["-o", shlex.quote(display_name(out_root.as_posix()))] if out_root is not None else []),
                        "> atlantis.yaml"])
    sys.stdout.write(atlantis_yaml([(display_name(file.as_posix()), topology, PurePosixPath(out.as_posix()))
                                    for (file, _, topology, _), out in zip(members, outs)], command))
