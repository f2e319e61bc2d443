"""Benchmark `mcai plan` end to end, as a user runs it: a fresh interpreter per run, wall time and peak memory.

    python tools/bench.py            # the AWS example and a generated large topology (50 workloads, 200 models)
    python tools/bench.py --runs 10

Prints one line per case: median / min / max wall seconds and peak RSS (MiB) of the child process.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def large_spec(workloads: int = 50, models: int = 200) -> str:
    lines = ["version: 1", "name: bench", "environment: prod", "control_plane: aws", "clouds:", "  aws:",
             '    account_id: "111122223333"', "    region: us-east-1",
             "    network: {cidr: 10.10.0.0/16, vpc_id: vpc-0a1b2c3d, subnet_ids: [subnet-0a1b2c3d]}",
             "    bedrock: {private: true, invocation_logging: {}}", "workloads:"]
    for w in range(workloads):
        lines.append(f"  w{w:03d}: {{runs_on: {{cloud: aws, kind: eks, cluster: c, namespace: n{w}, "
                     f"service_account: sa}}}}")
    lines.append("models:")
    for m in range(models):
        extra = ", guardrail: {profanity: true}" if m % 10 == 0 else ""
        lines.append(f"  m{m:03d}: {{provider: bedrock, model: anthropic.claude-model-{m}-v1:0, "
                     f"inference_profile: us{extra}}}")
    lines.append("routing: {router: w000, chain: [" + ", ".join(f"m{m:03d}" for m in range(10)) + "], "
                 "cache: {cloud: aws}}")
    lines.append("data:")
    for w in range(workloads):
        lines.append(f"  d{w:03d}: {{cloud: aws, kind: s3, used_by: [w{w:03d}]}}")
    return "\n".join(lines) + "\n"


def measure(spec: Path, runs: int) -> tuple[list[float], float]:
    walls, peak = [], 0.0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "mcai.cli", "plan", str(spec), "-o", out, "--format", "json"],
                                  capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise SystemExit(f"mcai plan failed on {spec}:\n{proc.stderr}")
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return walls, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("MCAI_DEBUG", None)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "large.yaml"
        big.write_text(large_spec())
        for name, spec in (("examples/aws-bedrock.yaml", REPO / "examples" / "aws-bedrock.yaml"),
                           ("generated 50 workloads / 200 models", big)):
            walls, peak = measure(spec, args.runs)
            print(f"{name}: median {statistics.median(walls):.3f} s, min {min(walls):.3f} s, "
                  f"max {max(walls):.3f} s, peak RSS {peak:.0f} MiB ({args.runs} runs)")


if __name__ == "__main__":
    main()
