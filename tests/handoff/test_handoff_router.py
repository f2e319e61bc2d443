"""The router configuration works in the real LiteLLM (pinned in the test extra), offline: every golden's
`litellm-config.yaml`, and the same file completed by `mcai handoff --from-outputs`, is loaded into LiteLLM's Router
(model_list, router_settings) and its cache settings into LiteLLM's Cache, in a separate interpreter with every
network connection refused (tests/handoff/litellm_load.py). Expectations are computed from the spec, not from the
code under test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import GOLDEN, REPO
from handoff_fixtures import ROUTED_EXAMPLES, write_outputs
from typer.testing import CliRunner

from mcai.cli.app import app
from mcai.spec import load_spec
from mcai.spec.accounts import accounts_of
from mcai.spec.accounts_rules import account_of

LOADER = Path(__file__).with_name("litellm_load.py")
# One worker runs this module, so LiteLLM (seconds of import) is loaded by one fixture, not once per worker.
pytestmark = pytest.mark.xdist_group("litellm")


def expected_order(example: Path) -> list[str]:
    """Chain order with each spillover right after its primary (the router tries them in this order)."""
    spec = load_spec(example).spec
    assert spec.routing is not None
    out: list[str] = []
    for key in spec.routing.chain:
        while key and key not in out:
            out.append(key)
            key = getattr(spec.models[key], "spillover", None)
    return out


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """(example, 'golden'|'filled') -> what LiteLLM made of the config; one interpreter for all of them."""
    configs: dict[str, Path] = {}
    for example in ROUTED_EXAMPLES:
        config = next((GOLDEN / example.stem / "handoff").glob("*/litellm-config.yaml"))
        configs[f"{example.stem}/golden"] = config
        work = tmp_path_factory.mktemp(example.stem)
        args = [a for path in write_outputs(example, work) for a in ("--from-outputs", path)]
        result = CliRunner().invoke(app, ["handoff", str(example), *args, "-o", str(work / "out")])
        assert result.exit_code == 0, result.output
        configs[f"{example.stem}/filled"] = work / "out" / config.relative_to(GOLDEN / example.stem / "handoff")
    done = subprocess.run([sys.executable, str(LOADER), *map(str, configs.values())], capture_output=True,
                          text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    by_path = json.loads(done.stdout)
    return {name: by_path[str(path)] for name, path in configs.items()}


def test_every_example_with_routing_has_a_router_config() -> None:
    routed = {e.stem for e in ROUTED_EXAMPLES}
    assert routed >= {"production-pattern", "aws-bedrock", "identity-federation", "gcp-vertex"}, routed


@pytest.mark.parametrize("stage", ["golden", "filled"])
@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_litellm_router_loads_it_with_fallbacks_in_chain_order(loaded, example: Path, stage: str) -> None:
    got = loaded[f"{example.stem}/{stage}"]
    order = expected_order(example)
    assert sorted(got["model_names"]) == sorted(order)
    assert (got["fallbacks"] or []) == [{key: order[i + 1:]} for i, key in enumerate(order[:-1])]


@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_no_deployment_carries_a_key(loaded, example: Path) -> None:
    for stage in ("golden", "filled"):
        for name, params in loaded[f"{example.stem}/{stage}"]["deployments"].items():
            assert not {k for k, v in params.items() if v and any(
                w in k for w in ("key", "secret", "password", "token"))}, (stage, name, params)


@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_each_deployment_calls_what_the_spec_declares(loaded, example: Path) -> None:
    spec = load_spec(example).spec
    deployments = loaded[f"{example.stem}/filled"]["deployments"]
    for key, params in deployments.items():
        model = spec.models[key]
        prefix = {"bedrock": "bedrock/", "azure_openai": "azure/", "vertex": "vertex_ai/"}[model.provider]
        assert params["model"].startswith(prefix), params
        if model.provider == "bedrock":
            assert params["model"].endswith(model.model) and params["aws_region_name"] == spec.clouds.aws.region
            if model.guardrail is not None:  # IAM refuses calls without it
                assert params["guardrailConfig"]["guardrailIdentifier"].startswith("arn:aws:bedrock:")
            # a model in another account of the estate is called as the role the router assumes there, and the
            # call LiteLLM makes does assume it (tests/handoff/litellm_load.py records sts:AssumeRole)
            assumed = loaded[f"{example.stem}/filled"]["assumed"]
            if account_of(spec, "aws", model) == account_of(spec, "aws", spec.workloads[spec.routing.router]):
                assert "aws_role_name" not in params, params
            else:
                account = accounts_of(spec.clouds.aws)[model.account].account_id
                assert params["aws_role_name"].startswith(f"arn:aws:iam::{account}:role/"), params
                assert [params["aws_role_name"], spec.routing.router] in assumed, assumed
        elif model.provider == "azure_openai":
            assert params["api_base"].endswith(".openai.azure.com/") and params["api_version"] == "v1"
        else:
            assert params["vertex_project"] == spec.clouds.gcp.project_id


@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_cache_uses_iam_and_tls_never_a_password(loaded, example: Path) -> None:
    spec = load_spec(example).spec
    for stage in ("golden", "filled"):
        cache = loaded[f"{example.stem}/{stage}"]["cache"]
        if spec.routing.cache is None or spec.routing.cache.cloud != "aws":
            assert cache is None  # no cache, or one LiteLLM has no token auth for: no block, never a password
            continue
        assert cache["password"] is None and cache["tls_verified"], cache
        assert cache["credential_provider"] == "ElastiCacheIAMCredentialProvider", cache
    filled = loaded[f"{example.stem}/filled"]["cache"]
    if filled is not None:
        assert filled["host"].endswith(".cache.amazonaws.com"), filled


def test_placeholders_name_outputs_and_filled_files_have_none(tmp_path: Path) -> None:
    example = next(e for e in ROUTED_EXAMPLES if e.stem == "production-pattern")
    golden = (GOLDEN / example.stem / "handoff" / "inference-router" / "litellm-config.yaml").read_text()
    assert "<after apply: aws output response_cache_endpoint>" in golden
    args = [a for path in write_outputs(example, tmp_path) for a in ("--from-outputs", path)]
    result = CliRunner().invoke(app, ["handoff", str(example), *args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert "<after apply" not in path.read_text(), path
    config = yaml.safe_load((tmp_path / "out" / "inference-router" / "litellm-config.yaml").read_text())
    assert config["litellm_settings"]["cache_params"]["host"] == "master.estate-cache.x1y2z3.use1.cache.amazonaws.com"


@pytest.mark.parametrize("stage", ["golden", "filled"])
@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_every_provider_call_carries_one_correlation_id(loaded, example: Path, stage: str) -> None:
    """The request LiteLLM builds for each provider (captured before it is sent) carries the client's
    X-Correlation-Id, or LiteLLM's call id when the client sends none; Bedrock's body carries it as requestMetadata,
    the one field its logs record."""
    spec = load_spec(example).spec
    got = loaded[f"{example.stem}/{stage}"]
    assert got["callbacks"] == ["CorrelationId"]
    for sent, value in (("with_header", "req-42.a:b_c"), ("without_header", "call-0001")):
        requests = got["provider_requests"][sent]
        assert sorted(requests) == sorted(expected_order(example))
        for key, request in requests.items():
            assert request["header"] == value, (sent, key, request)
            bedrock = spec.models[key].provider == "bedrock"
            assert request["request_metadata"] == ({"correlation_id": value} if bedrock else None), request


@pytest.mark.parametrize("example", ROUTED_EXAMPLES, ids=lambda p: p.stem)
def test_router_knows_its_knowledge_bases_by_id(loaded, example: Path) -> None:
    """Each Bedrock knowledge base the spec declares is in LiteLLM's vector store registry, its id read from the aws
    stack's outputs (a placeholder until then), queried through Bedrock."""
    spec = load_spec(example).spec
    bases = {k for k, d in spec.data.items() if d.kind == "bedrock_knowledge_base"}
    for stage, expected_id in (("golden", None), ("filled", "KB12345678")):
        stores = loaded[f"{example.stem}/{stage}"]["vector_stores"]
        assert set(stores) == bases
        for key, store in stores.items():
            assert store["custom_llm_provider"] == "bedrock"
            placeholder = f"<after apply: aws output data_{key.replace('-', '_')}_knowledge_base_id>"
            assert store["vector_store_id"] == (expected_id or placeholder)


def test_knowledge_base_examples_are_covered() -> None:
    assert {"aws-knowledge-base", "production-pattern"} <= {e.stem for e in ROUTED_EXAMPLES}
