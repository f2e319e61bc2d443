"""One correlation id on every provider call the router makes, with what the pinned LiteLLM (< 1.111) offers.

LiteLLM forwards client headers only wholesale (every `x-` header, `forward_client_headers_to_llm_api`), so the
router gets a proxy callback instead (`litellm_settings.callbacks`, loaded from the config's directory): it takes the
client's `X-Correlation-Id` (or LiteLLM's call id when there is none) and sends exactly that header on every provider
request (`extra_headers`), and for Bedrock also as `requestMetadata` (through `spend_logs_metadata` and
`bedrock_request_metadata_fields`), the one provider field its logs record. The callback's source has no input from
the spec: the same bytes for every estate."""

from __future__ import annotations

HEADER = "X-Correlation-Id"
FIELD = "correlation_id"
MODULE = "mcai_correlation"
INSTANCE = "correlation"
CALLBACK = f"{MODULE}.{INSTANCE}"
"""How `litellm_settings.callbacks` names it: module file next to config.yaml, instance inside."""
FILE = f"{MODULE}.py"

SOURCE = f'''"""LiteLLM proxy callback (litellm_settings.callbacks: [{CALLBACK}]): one correlation id on every provider call.

The client sends {HEADER} (1-128 characters of A-Z a-z 0-9 . _ : -); a request without a usable one gets LiteLLM's
call id. The id travels as the {HEADER} header of every provider request, as Bedrock requestMetadata
{FIELD} (spend_logs_metadata + bedrock_request_metadata_fields), and in LiteLLM's own logs beside each provider's
request id. Keep this file next to config.yaml: LiteLLM loads it from the config's directory."""

import re
import uuid

from litellm.integrations.custom_logger import CustomLogger

HEADER = "{HEADER}"
FIELD = "{FIELD}"
_USABLE = re.compile(r"[A-Za-z0-9._:-]{{1,128}}")


class CorrelationId(CustomLogger):
    async def async_pre_call_hook(self, user_api_key_dict, cache, data, call_type):
        headers = (data.get("proxy_server_request") or {{}}).get("headers") or {{}}
        value = next((v for k, v in headers.items() if k.lower() == HEADER.lower()), None)
        if not isinstance(value, str) or _USABLE.fullmatch(value) is None:
            value = str(data.get("litellm_call_id") or uuid.uuid4())
        data["extra_headers"] = {{**(data.get("extra_headers") or {{}}), HEADER: value}}
        metadata = data.setdefault("litellm_metadata" if "litellm_metadata" in data else "metadata", {{}})
        metadata["spend_logs_metadata"] = {{**(metadata.get("spend_logs_metadata") or {{}}), FIELD: value}}
        return data


{INSTANCE} = CorrelationId()
'''


def settings(bedrock: bool) -> dict[str, list[str]]:
    """The `litellm_settings` entries that switch it on."""
    out = {"callbacks": [CALLBACK]}
    if bedrock:  # Bedrock requestMetadata from spend_logs_metadata (opt-in in LiteLLM)
        out["bedrock_request_metadata_fields"] = ["spend_logs_metadata"]
    return out
