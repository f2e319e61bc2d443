"""Load LiteLLM proxy configurations into the real LiteLLM, offline: `python litellm_load.py CONFIG...` prints, per
config, what LiteLLM made of it (JSON on stdout). Run in its own interpreter: LiteLLM sets module-wide state.

Offline for real: every socket connection attempt raises before LiteLLM is imported, and LiteLLM reads its bundled
model cost map instead of fetching one. The settings are applied the way the proxy applies a config file:
`model_list` and `router_settings` into `Router`, `litellm_settings` onto the litellm module (`callbacks` loaded by
the proxy's own loader from the config's directory), `cache_params` into `Cache`, `vector_store_registry` into
LiteLLM's vector store registry.

Then every deployment is called once through the Router the way the proxy calls it after its pre-call hooks run
(`correlation`): the HTTP request LiteLLM builds for the provider is captured at httpx's send and never sent."""

from __future__ import annotations

import json
import os
import socket
import sys


def _offline(*args, **kwargs):
    raise OSError("network access during an offline test")


socket.socket.connect = _offline  # type: ignore[method-assign]
socket.create_connection = _offline  # type: ignore[assignment]
socket.getaddrinfo = _offline  # type: ignore[assignment]
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")  # moto-style test credentials: presigning an IAM token is local
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")

import asyncio  # noqa: E402

import httpx  # noqa: E402
import litellm  # noqa: E402
import redis  # noqa: E402
import yaml  # noqa: E402
from litellm import Router  # noqa: E402
from litellm.caching.caching import Cache  # noqa: E402
from litellm.llms.bedrock.base_aws_llm import BaseAWSLLM  # noqa: E402
from litellm.llms.vertex_ai.vertex_llm_base import VertexBase  # noqa: E402
from litellm.proxy.types_utils.utils import get_instance_fn  # noqa: E402
from litellm.vector_stores.vector_store_registry import VectorStoreRegistry  # noqa: E402


def _no_command(self, *args, **kwargs):
    raise redis.ConnectionError("offline test: Redis commands (health ping, INFO) fail at once, without back-off")


redis.Redis.execute_command = _no_command  # type: ignore[method-assign]


def _connection(cache: Cache) -> dict:
    """How the cache client would connect: host, TLS, and the credential provider (IAM) instead of a password."""
    kwargs = cache.cache.redis_client.connection_pool.connection_kwargs
    provider = kwargs.get("credential_provider")
    return {"host": kwargs["host"], "port": kwargs["port"], "password": kwargs.get("password"),
            "tls_verified": kwargs.get("ssl_cert_reqs") == "required",
            "credential_provider": type(provider).__name__ if provider else None}


class _Captured(Exception):
    """Raised at httpx's send: the provider request was built, and is not sent."""


SENT: list[dict] = []


def _send(self, request, *args, **kwargs):
    SENT.append({"url": str(request.url), "headers": dict(request.headers), "body": request.content.decode()})
    raise _Captured(str(request.url))


async def _send_async(self, request, *args, **kwargs):
    return _send(self, request)


httpx.Client.send = _send  # type: ignore[method-assign]
httpx.AsyncClient.send = _send_async  # type: ignore[method-assign]
# Vertex AI: a token from the pod's credentials is Google's business; the request LiteLLM builds is ours
VertexBase._ensure_access_token = lambda self, credentials, project_id, custom_llm_provider: ("t", project_id)
# A model in another AWS account: LiteLLM calls sts:AssumeRole with the pod's own credentials; here it is recorded
# (role ARN, session name; per process, as LiteLLM caches the credentials) and answered with stand-in credentials instead of reaching STS.
ASSUMED: list[list[str]] = []


def _assume(self, *args, aws_role_name, aws_session_name, **kwargs):
    from botocore.credentials import Credentials

    ASSUMED.append([aws_role_name, aws_session_name])
    return Credentials("assumed", "assumed", "assumed"), 900


BaseAWSLLM._is_already_running_as_role = lambda self, aws_role_name, ssl_verify=None: False
BaseAWSLLM._auth_with_aws_role = _assume


def _provider_requests(router: Router, config: dict, callbacks: list, correlation: str | None) -> dict:
    """Per model: the request LiteLLM sends the provider for a client request carrying `correlation` (or none), after
    the callbacks' pre-call hooks, as the proxy runs them."""
    out = {}
    for deployment in config["model_list"]:
        name = deployment["model_name"]
        headers = {"x-correlation-id": correlation} if correlation is not None else {}
        data = {"model": name, "messages": [{"role": "user", "content": "hi"}], "metadata": {},
                "proxy_server_request": {"headers": headers}, "litellm_call_id": "call-0001"}
        for callback in callbacks:
            data = asyncio.run(callback.async_pre_call_hook(user_api_key_dict=None, cache=None, data=data,
                                                            call_type="completion"))  # as the proxy calls it
        data.pop("proxy_server_request")
        data.pop("litellm_call_id")
        # Entra ID tokens come from azure-identity in the router's image; here a stand-in token
        extra = {"azure_ad_token": "t"} if deployment["litellm_params"]["model"].startswith("azure/") else {}
        SENT.clear()
        try:
            router.completion(**data, **extra, num_retries=0)
        except Exception as error:  # the captured request ends every call
            if not SENT:
                raise SystemExit(f"{name}: no provider request was built: {error!r}") from None
        request = SENT[0]
        body = json.loads(request["body"]) if request["body"].startswith("{") else {}
        out[name] = {"url": request["url"], "header": request["headers"].get("x-correlation-id"),
                     "request_metadata": body.get("requestMetadata")}
    return out


def load(path: str) -> dict:
    with open(path) as handle:
        config = yaml.safe_load(handle)
    router = Router(model_list=config["model_list"], **config.get("router_settings", {}))
    settings = dict(config.get("litellm_settings", {}))
    connection = None
    cache_params = settings.pop("cache_params", None)
    if settings.pop("cache", False):
        connection = _connection(Cache(**cache_params))
    callbacks = [get_instance_fn(name, config_file_path=path) for name in settings.pop("callbacks", [])]
    registry = VectorStoreRegistry()
    registry.load_vector_stores_from_config(config.get("vector_store_registry") or [])
    for key, value in settings.items():
        if not hasattr(litellm, key):
            raise SystemExit(f"{path}: litellm has no setting {key}")
        setattr(litellm, key, value)
    fallbacks = router.settings().fallbacks
    names = [d["model_name"] for d in config["model_list"]]
    result = {"fallbacks": fallbacks, "model_names": sorted(router.registry().names(team_id=None)),
              "deployments": {n: dict(router.registry().deployments(n, team_id=None)[0]["litellm_params"])
                              for n in names},
              "cache": connection, "callbacks": [type(c).__name__ for c in callbacks],
              "vector_stores": {s["vector_store_name"]: {k: s[k] for k in ("vector_store_id", "custom_llm_provider")}
                                for s in registry.vector_stores}}
    azure_refresh, litellm.enable_azure_ad_token_refresh = litellm.enable_azure_ad_token_refresh, False
    result["provider_requests"] = {"with_header": _provider_requests(router, config, callbacks, "req-42.a:b_c"),
                                   "without_header": _provider_requests(router, config, callbacks, None)}
    litellm.enable_azure_ad_token_refresh = azure_refresh
    # LiteLLM caches assumed-role credentials process-wide: what was assumed so far, by any config loaded here
    result["assumed"] = sorted({tuple(a) for a in ASSUMED})
    return result


if __name__ == "__main__":
    json.dump({path: load(path) for path in sys.argv[1:]}, sys.stdout, default=str)
