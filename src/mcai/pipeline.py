"""One call wires the stages: load -> validate -> derive -> render -> compare (-> write). CLI and tests use it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mcai import findings, lint, writer
from mcai.render import FileTree, render
from mcai.report import Report, build_report
from mcai.spec import ValidSpec, load_spec
from mcai.topology import Topology, derive

Mode = Literal["write", "dry-run", "check"]


@dataclass(frozen=True)
class PlanResult:
    spec: ValidSpec
    topology: Topology
    tree: FileTree
    changes: list[writer.FileChange]
    report: Report

    @property
    def stale(self) -> list[writer.FileChange]:
        """Generated files to add, change or remove, and foreign files in the stack directories."""
        return [c for c in self.changes if c.status != "unchanged"]

    @property
    def foreign(self) -> list[writer.FileChange]:
        return [c for c in self.changes if c.status == "foreign"]


def generate(spec_path: Path) -> tuple[ValidSpec, Topology, FileTree]:
    """Everything in memory; raises `SpecError` for a bad spec. Touches the disk only to read the spec."""
    vspec = load_spec(spec_path)
    topology = derive(vspec)
    tree = render(topology, spec_path.name)
    lint.self_check(tree)  # values the cloud APIs refuse are a bug here, never output
    return vspec, topology, tree


def plan(spec_path: Path, out_dir: Path, mode: Mode = "write", prices: Path | None = None,
         fail_on: str | None = None, today: date | None = None) -> PlanResult:
    """`prices`: a price catalog file applied over mcai's own (validated first: a bad file writes nothing).
    `fail_on`: the gate's severity threshold; `today`: the date acknowledgements expire against."""
    from mcai.cost import estimate_spec, load_prices
    from mcai.report.cost import cost_section

    catalog = load_prices(prices)
    vspec, topology, tree = generate(spec_path)
    estimate = estimate_spec(vspec, catalog)
    changes = writer.diff(tree, out_dir)
    found = findings.run(vspec, topology, estimate, previous=writer.previous_replacement_values(out_dir),
                          today=today)
    report = build_report(topology, str(spec_path), changes, str(out_dir), mode, findings=found,
                          cost=cost_section(estimate), fail_on=fail_on)
    if mode == "write":
        writer.write(tree, out_dir, changes)
    return PlanResult(vspec, topology, tree, changes, report)


def default_output(spec_path: Path) -> Path:
    """`generated/<spec file stem>` next to the current directory: stable and easy to commit for review."""
    return Path("generated") / spec_path.stem
