"""Audit log entries into the trail's log store (written by mcai): GCP's, pushed by one Pub/Sub subscription to
POST /push, and Azure's, posted in batches by one Logic App to POST /push-azure.

API Gateway's JWT authorizers have checked each token's signature, expiry, issuer and audience. Any Google account
can mint a token for any audience, and any identity of the tenant can get one for the Azure audience, so this
function admits one signer per route only: the subscription's service account (its email, verified, and its unique
id once handed over), and the Logic App's managed identity (its object id: refused until handed over). Anything else
gets 403, nothing written. Standard library and boto3 only."""

import base64
import binascii
import json
import os

import boto3

_firehose = None


def _reply(status, text):
    return {"statusCode": status, "headers": {"content-type": "text/plain"}, "body": text}


def admitted(claims):
    """The token names the pusher service account and nothing else (claims arrive as strings)."""
    subject = os.environ.get("PUSHER_SUBJECT", "")
    return (claims.get("iss") == "https://accounts.google.com" and claims.get("aud") == os.environ["AUDIENCE"]
            and claims.get("email") == os.environ["PUSHER_EMAIL"]
            and str(claims.get("email_verified")).lower() == "true"
            and (subject == "" or claims.get("sub") == subject))


def azure_admitted(claims):
    """The token is the Logic App identity's (a v1 token of the tenant); nobody's until its object id is known."""
    tenant, principal = os.environ.get("AZURE_TENANT", ""), os.environ.get("AZURE_PRINCIPAL", "")
    return (tenant != "" and principal != "" and claims.get("iss") == f"https://sts.windows.net/{tenant}/"
            and claims.get("aud") == os.environ.get("AZURE_AUDIENCE") and claims.get("tid") == tenant
            and claims.get("oid") == principal)


def body_of(event):
    """The request body parsed as JSON, or None."""
    try:
        body = event.get("body") or ""
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body, validate=True).decode("utf-8")
        return json.loads(body)
    except (AttributeError, TypeError, ValueError, binascii.Error):
        return None


def put_rows(rows):
    """500 JSON lines per call (Firehose's limit); a failed one raises and the Logic App retries the batch."""
    lines = [{"Data": (json.dumps(row, sort_keys=True) + "\n").encode("utf-8")} for row in rows]
    for start in range(0, len(lines), 500):
        reply = _client().put_record_batch(DeliveryStreamName=os.environ["AZURE_STREAM"],
                                           Records=lines[start:start + 500])
        if reply.get("FailedPutCount"):
            raise RuntimeError(f"{reply['FailedPutCount']} records were not put")
    return _reply(204, "")


def _client():
    global _firehose
    _firehose = _firehose or boto3.client("firehose")
    return _firehose


def entry_of(envelope):
    """The log entry the envelope's message carries (a JSON object), or None."""
    try:
        entry = json.loads(base64.b64decode(envelope["message"]["data"], validate=True).decode("utf-8"))
    except (KeyError, TypeError, ValueError, binascii.Error):
        return None
    return entry if isinstance(entry, dict) else None


def handler(event, context):
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("jwt", {}).get("claims") or {}
    if event.get("routeKey") == "POST /push-azure":
        if not azure_admitted(claims):
            return _reply(403, "token is not the Logic App identity's")
        rows = body_of(event)
        if not isinstance(rows, list) or not rows or not all(isinstance(row, dict) for row in rows):
            return _reply(400, "not a non-empty JSON array of log rows")
        return put_rows(rows)
    if not admitted(claims):
        return _reply(403, "token is not the pusher service account's")
    envelope = body if isinstance(body := body_of(event), dict) else None
    if envelope is not None and envelope.get("subscription") != os.environ["SUBSCRIPTION"]:
        return _reply(403, "not the expected subscription")
    entry = entry_of(envelope) if envelope is not None else None
    if entry is None:
        return _reply(400, "not a Pub/Sub push of a log entry")
    # One JSON object per line: the delivered files read like Cloud Logging's own exports. A failure raises, API
    # Gateway answers 5xx, and Pub/Sub retries the message with backoff.
    _client().put_record(DeliveryStreamName=os.environ["DELIVERY_STREAM"],
                         Record={"Data": (json.dumps(entry, sort_keys=True) + "\n").encode("utf-8")})
    return _reply(204, "")
