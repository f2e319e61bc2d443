"""Load LiteLLM proxy configurations into the real LiteLLM, offline: `python litellm_load.py CONFIG...` prints, per
config, what LiteLLM made of it (JSON on stdout). Run in its own interpreter: LiteLLM sets module-wide state.

Offline for real: every socket connection attempt raises before LiteLLM is imported, and LiteLLM reads its bundled
model cost map instead of fetching one. The settings are applied the way the proxy applies a config file:
`model_list` and `router_settings` into `Router`, `litellm_settings` onto the litellm module, `cache_params` into
`Cache`."""

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

import litellm  # noqa: E402
import redis  # noqa: E402
import yaml  # noqa: E402
from litellm import Router  # noqa: E402
from litellm.caching.caching import Cache  # noqa: E402


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


def load(path: str) -> dict:
    with open(path) as handle:
        config = yaml.safe_load(handle)
    router = Router(model_list=config["model_list"], **config.get("router_settings", {}))
    settings = dict(config.get("litellm_settings", {}))
    connection = None
    cache_params = settings.pop("cache_params", None)
    if settings.pop("cache", False):
        connection = _connection(Cache(**cache_params))
    for key, value in settings.items():
        if not hasattr(litellm, key):
            raise SystemExit(f"{path}: litellm has no setting {key}")
        setattr(litellm, key, value)
    fallbacks = router.settings().fallbacks
    names = [d["model_name"] for d in config["model_list"]]
    return {"fallbacks": fallbacks, "model_names": sorted(router.registry().names(team_id=None)),
            "deployments": {n: dict(router.registry().deployments(n, team_id=None)[0]["litellm_params"])
                            for n in names},
            "cache": connection}


if __name__ == "__main__":
    json.dump({path: load(path) for path in sys.argv[1:]}, sys.stdout, default=str)
