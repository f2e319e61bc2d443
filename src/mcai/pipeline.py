"""One call wires the stages: load -> validate -> derive -> render -> compare (-> write). CLI and tests use it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mcai import findings, lint, writer
from mcai.gcpause import paused
from mcai.paths import UsePath, derive_paths
from mcai.render import FileTree, render
from mcai.report import Report, build_report
from mcai.spec import ValidSpec
from mcai.spec.loader import display_name
from mcai.topology import Topology, derive

if TYPE_CHECKING:
    from mcai.cost.catalog import Catalog
    from mcai.topology.budgets import BudgetFigure

Mode = Literal["write", "dry-run", "check"]


@dataclass(frozen=True)
class PlanResult:
    spec: ValidSpec
    topology: Topology
    tree: FileTree
    changes: list[writer.FileChange]
    report: Report
    problems: list[writer.Problem]
    paths: tuple[UsePath, ...] = ()

    @property
    def stale(self) -> list[writer.FileChange]:
        """Generated files to add, change or remove, and foreign files in the stack directories."""
        return [c for c in self.changes if c.status != "unchanged"]

    @property
    def foreign(self) -> list[writer.FileChange]:
        return [c for c in self.changes if c.status == "foreign"]


@paused
def derive_all(spec_path: Path, catalog: Catalog | None = None) -> tuple[ValidSpec, Topology, tuple[UsePath, ...]]:
    """The valid spec, its topology and every use's proven path; raises `SpecError` for a bad spec or a use
    without a complete path. `catalog`: the prices the budgets' amounts are estimated with (default: mcai's own)."""
    import mcai.spec  # looked up at call time, so a test can stand in for the loader

    vspec = mcai.spec.load_spec(spec_path)
    topology = derive(vspec, budget_figures(vspec, catalog))
    return vspec, topology, derive_paths(vspec, topology)


def budget_figures(vspec: ValidSpec, catalog: Catalog | None = None) -> dict[str, BudgetFigure] | None:
    """Each account's budget amount from its part of the monthly estimate, keyed by the account's stack (None when
    the spec asks for no budgets)."""
    from mcai.cost import estimate_spec
    from mcai.cost.budgets import budget_amounts
    from mcai.spec.accounts import account_stacks
    from mcai.topology.budgets import BudgetFigure

    spec = vspec.spec
    if spec.budgets is None:
        return None
    stacks = tuple((stack, cloud) for stack, cloud, _ in account_stacks(spec.clouds))
    amounts = budget_amounts(estimate_spec(vspec, catalog), spec.budgets, stacks)
    return {stack: BudgetFigure(a.amount_usd, a.source) for stack, a in amounts.items()}


def rendered(vspec: ValidSpec, topology: Topology, paths: tuple[UsePath, ...], spec_path: Path,
             out_dir: Path | None = None) -> FileTree:
    """The file tree (stacks and hand-off files), self-checked: values the cloud APIs refuse are a bug here, never
    output. `out_dir` (default `default_output`) only goes into the generated README's regenerate command."""
    from mcai.handoff import handoff_files

    name = display_name(spec_path.name)
    tree = render(topology, name, reproduce_command(spec_path, out_dir or default_output(spec_path)),
                  extra=handoff_files(vspec.spec, topology, paths, name))
    lint.self_check(tree)
    return tree


def generate(spec_path: Path, out_dir: Path | None = None) -> tuple[ValidSpec, Topology, FileTree]:
    """Everything in memory; raises `SpecError` for a bad spec. Touches the disk only to read the spec."""
    vspec, topology, paths = derive_all(spec_path)
    return vspec, topology, rendered(vspec, topology, paths, spec_path, out_dir)


def plan(spec_path: Path, out_dir: Path, mode: Mode = "write", prices: Path | None = None,
         fail_on: str | None = None, today: date | None = None, baseline: Path | None = None,
         force: bool = False) -> PlanResult:
    """`prices`: a price catalog file applied over mcai's own (validated first: a bad file writes nothing).
    `fail_on`: the gate's severity threshold; `today`: the date acknowledgements expire against; `baseline`: a
    previous generated tree to compare with (base branch).
    `force`: write into a non-empty directory mcai did not generate (see `writer`); existing files stay as they are.
    Raises `writer.OutputError` when OUT cannot be updated safely (nothing written)."""
    from mcai.cost import estimate_spec, load_prices
    from mcai.report.cost import cost_section

    catalog = load_prices(prices)
    vspec, topology, paths = derive_all(spec_path, catalog)
    tree = rendered(vspec, topology, paths, spec_path, out_dir)
    estimate = estimate_spec(vspec, catalog)
    compared, extra = _baseline(vspec, tree, baseline) if baseline is not None else (None, [])
    with writer.open_output(out_dir, write=mode == "write", force=force) as output:  # locked until written
        changes = output.inspect(tree)
        found = findings.run(vspec, topology, estimate, previous=output.previous_replacement_values, today=today,
                             extra=extra)
        report = build_report(topology, display_name(spec_path), changes, display_name(out_dir), mode,
                              findings=found, cost=cost_section(estimate), fail_on=fail_on, baseline=compared,
                              output_problems=[f"{p.path or '.'}: {p.message}" for p in output.problems],
                              paths=paths)
        if mode == "write":
            output.write(tree, changes)
    return PlanResult(vspec, topology, tree, changes, report, output.problems, paths)


def _baseline(vspec: ValidSpec, tree: FileTree, directory: Path):  # type: ignore[no-untyped-def]
    """The comparison with a previous generated tree and the findings it raises (current records: our manifest)."""
    import json

    from mcai.baseline.diff import compare, counts
    from mcai.findings.baseline import baseline_findings
    from mcai.render import MANIFEST
    from mcai.report.model import BaselineSection, ResourceChangeInfo

    manifest = writer.baseline_manifest(directory)
    records = manifest.get("resources")
    note = None
    if not manifest:
        note = "The baseline holds no mcai manifest: every resource is new."
    elif not isinstance(records, dict):
        note = ("The baseline's manifest has no resource records (generated by an older mcai); regenerate the base "
                "branch's tree to compare resources.")
    comparable = not manifest or isinstance(records, dict)
    current = json.loads(tree[MANIFEST])
    changes = compare(records if isinstance(records, dict) else {}, current["resources"],
                      current["moved"]) if comparable else []
    section = BaselineSection(
        directory=str(directory), generator=str(manifest["generator"]) if manifest.get("generator") else None, comparable=comparable,
        note=note, counts=counts(changes),
        changes=[ResourceChangeInfo(stack=c.stack, address=c.address, action=c.action, resource_class=c.resource_class,
                                    spec_path=c.spec_path) for c in changes])
    return section, baseline_findings(vspec, changes)


def reproduce_command(spec_path: Path, out_dir: Path) -> str:
    """`mcai plan SPEC -o .` with SPEC relative to OUT: run inside OUT it regenerates exactly this tree, whatever
    directory or path spelling the original run used (so the README never differs between machines or callers)."""
    import os
    import shlex

    spec = "-" if str(spec_path) == "-" else os.path.relpath(os.path.abspath(spec_path), os.path.abspath(out_dir))
    return f"mcai plan {shlex.quote(display_name(Path(spec).as_posix()))} -o ."


def default_output(spec_path: Path) -> Path:
    """`generated/<spec file stem>` next to the current directory: stable and easy to commit for review."""
    return Path("generated") / spec_path.stem


def derive_estate(spec_paths: list[Path]) -> list[tuple[Path, ValidSpec, Topology, tuple[UsePath, ...]]]:
    """Every spec of an estate (files, and the specs found in directories), each valid, and the estate checks over
    them together; raises `SpecError` (named `estate`) listing every problem of every spec, each at its file."""
    from mcai import estate
    from mcai.diagnostics import Diagnostic, SpecError

    files = estate.expand(spec_paths)
    if not files:
        raise SpecError("estate", [Diagnostic((), "no spec (*.yaml, *.yml) found in "
                                              + ", ".join(display_name(p) for p in spec_paths))])
    done, problems = [], []
    for file in files:
        try:
            done.append((file, *derive_all(file)))
        except SpecError as exc:
            problems += estate.tagged(exc)
    if not problems:
        problems = estate.check([estate.Member(vspec, topology) for _, vspec, topology, _ in done])
    if problems:
        raise SpecError("estate", problems)
    return done


def estate_outputs(files: list[Path], out_root: Path | None) -> list[Path]:
    """OUT of each spec of an estate: `OUT_ROOT/<spec file stem>`, or each spec's default. ValueError when two specs
    would share one."""
    outs = [out_root / f.stem if out_root is not None else default_output(f) for f in files]
    seen: dict[Path, Path] = {}
    for file, out in zip(files, outs):
        if out in seen:
            raise ValueError(f"{display_name(seen[out])} and {display_name(file)} would both be generated into "
                             f"{display_name(out)}: give the specs different file names")
        seen[out] = file
    return outs


def handoff(spec_path: Path, outputs: list[str], out_dir: Path) -> list[writer.FileChange]:
    """`mcai handoff`: the hand-off files with every after-apply value read from the stacks' `terraform output
    -json` files (`STACK=FILE` or a file named after its stack), written into `out_dir` (contained and atomic, like
    `plan`). Raises `handoff.outputs.OutputsError` listing every missing or unusable value; nothing is written then."""
    import json

    from mcai.handoff import after_apply_refs, handoff_files
    from mcai.handoff import outputs as tf_outputs
    from mcai.render import MANIFEST
    from mcai.render.tree import FileTree

    vspec, topology, paths = derive_all(spec_path)
    stacks = tuple(s.name for s in topology.stacks)
    loaded = [tf_outputs.load(*tf_outputs.stack_of(arg, stacks)) for arg in outputs]
    found = tf_outputs.values(after_apply_refs(vspec.spec, topology, paths), loaded)
    files = handoff_files(vspec.spec, topology, paths, display_name(spec_path.name), found.__getitem__,
                          "mcai handoff --from-outputs")
    tree = FileTree()
    for path, text in sorted(files.items()):
        tree.add(path.split("/", 1)[1], text)
    body = {"schema": "mcai.manifest/v1", "generator": f"mcai {__import__('mcai').__version__}",
            "spec_sha256": topology.spec_sha256, "files": {p: tree.digest(p) for p in tree}}
    tree.add(MANIFEST, json.dumps(body, indent=2, sort_keys=True) + "\n")
    with writer.open_output(out_dir, write=True) as output:
        changes = output.inspect(tree)
        output.write(tree, changes)
    return changes
