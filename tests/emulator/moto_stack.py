"""A local AWS emulator (moto in server mode, 127.0.0.1, a free port) and a throw-away copy of a rendered aws/ stack
pointed at it. Nothing leaves the machine: fake credentials, every endpoint on localhost, a local state file in the
copy's temporary directory (never in tests/golden).

The test-only override file (`emulator_override.tf`, merged by terraform over the rendered files) sets a local
backend, the emulator endpoints, skips credential and metadata checks, path-style S3 and `max_retries = 1`, so an
unimplemented call fails fast. Two adaptations of the stack itself: the VPC and subnet ids the spec names are
replaced in the copy by those of a VPC the fixture creates in the emulator (moto assigns its own ids), and
`prevent_destroy = true` (on data and committed capacity) becomes false in the copy so the test can destroy."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVICES = ("s3", "s3control", "iam", "sts", "ec2", "elasticache", "opensearchserverless", "bedrock", "logs", "eks",
            "kms", "route53resolver", "directconnect", "cloudwatch")
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def moto_server(account_id: str) -> Iterator[str]:
    """An in-process moto server for one account; yields its endpoint URL."""
    os.environ["MOTO_ACCOUNT_ID"] = account_id  # read per request: the stack's allowed_account_ids must match
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)  # unimplemented calls are expected; keep logs readable

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its state in the process: start every stack from an empty account
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10).close()
    try:
        yield endpoint
    finally:
        server.stop()


def override(endpoint: str) -> str:
    endpoints = "\n".join(f'    {name} = "{endpoint}"' for name in SERVICES)
    return f"""# Test only: written by tests/emulator into a temporary copy of the stack.
terraform {{
  backend "local" {{}}
}}

provider "aws" {{
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  max_retries                 = 1

  endpoints {{
{endpoints}
  }}
}}
"""


def copy_stack(golden_stack: Path, into: Path, endpoint: str, replace: dict[str, str]) -> Path:
    """The stack copied to `into` with the override file and the given id replacements applied to its main.tf."""
    stack = into / "stack"
    shutil.copytree(golden_stack, stack)
    main = stack / "main.tf"
    text = main.read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    main.write_text(text)
    for module in stack.glob("modules/*/*.tf"):
        module_text = module.read_text()
        if "prevent_destroy = true" in module_text:
            module.write_text(module_text.replace("prevent_destroy = true", "prevent_destroy = false"))
    (stack / "emulator_override.tf").write_text(override(endpoint))
    return stack
