"""The validate benchmark (tools/bench_validate.py, issue 12: 2,000 workloads / 2,000 models) keeps measuring what it
says: its generated spec is valid, derives and every use gets its path, as `mcai validate` does (no timing here:
figures belong to the benchmark, not the suite)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from bench_validate import spec_text

from mcai.pipeline import derive_all


def test_the_benchmark_spec_validates_and_derives(tmp_path: Path) -> None:
    spec = tmp_path / "bench.yaml"
    spec.write_text(spec_text(12))
    _vspec, topology, paths = derive_all(spec)
    assert topology.stacks and len(paths) >= 12
