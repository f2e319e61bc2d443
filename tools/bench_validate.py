"""Benchmark `mcai validate` (read + load + schema + rules + derive + every use's path: `pipeline.derive_all`, what
the command runs) on large generated specs, in-process, to show it stays linear: prints seconds per size (wall and
CPU), up to the 2,000-workload / 2,000-model spec the target names (< 2 s).

    python tools/bench_validate.py                # sizes 250, 500, 1000, 2000
    python tools/bench_validate.py --sizes 2000 --runs 5

Each workload gets its own S3 store used by it and by its neighbour (so `used_by` lookups are exercised), and
every tenth model a guardrail. Not a test: figures depend on the machine; read them, compare runs.
"""

from __future__ import annotations

import argparse
import statistics
import time


def spec_text(size: int) -> str:
    """`size` EKS workloads, `size` Bedrock models (a guardrail on every tenth), one S3 store per workload used by it
    and its neighbour."""
    lines = ["version: 1", "name: bench", "environment: prod", "control_plane: aws", "clouds:", "  aws:",
             '    account_id: "111122223333"', "    region: us-east-1",
             "    network: {cidr: 10.10.0.0/16, vpc_id: vpc-0a1b2c3d, subnet_ids: [subnet-0a1b2c3d]}",
             "    bedrock: {private: true, invocation_logging: {}}", "workloads:"]
    lines += [f"  w{w}: {{runs_on: {{cloud: aws, kind: eks, cluster: c, namespace: n{w}, service_account: sa}}}}"
              for w in range(size)]
    lines.append("models:")
    lines += [f"  m{m}: {{provider: bedrock, model: anthropic.claude-model-{m}-v1:0, unlisted: true, inference_profile: us"
              + (", guardrail: {profanity: true}}" if m % 10 == 0 else "}") for m in range(size)]
    lines.append("routing: {router: w0, chain: [" + ", ".join(f"m{m}" for m in range(10)) + "], cache: {cloud: aws}}")
    lines.append("data:")
    lines += [f"  d{w}: {{cloud: aws, kind: s3, used_by: [w{w}, w{(w + 1) % size}]}}" for w in range(size)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import tempfile
    from pathlib import Path

    from mcai.pipeline import derive_all

    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            text = spec_text(size)
            spec = Path(scratch) / f"bench-{size}.yaml"
            spec.write_text(text)
            walls, cpus = [], []
            for _ in range(args.runs):
                start, cpu = time.perf_counter(), time.process_time()
                derive_all(spec)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            wall = statistics.median(walls)
            print(f"{size:>5} workloads / {size:>5} models ({len(text) / 1e6:.2f} MB): median {wall:.2f} s, "
                  f"min {min(walls):.2f} s, CPU median {statistics.median(cpus):.2f} s, per workload "
                  f"{wall / size * 1e3:.2f} ms")

if __name__ == "__main__":
    main()
