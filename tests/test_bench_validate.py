"""The validate benchmark (tools/bench_validate.py, issue 12: 2,000 workloads / 2,000 models) keeps measuring what it
says: its generated spec is valid and derives (no timing here: figures belong to the benchmark, not the suite)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from bench_validate import spec_text

from mcai.spec import parse_spec
from mcai.topology import derive


def test_the_benchmark_spec_validates_and_derives() -> None:
    topology = derive(parse_spec(spec_text(12), "bench.yaml"))
    assert topology is not None
