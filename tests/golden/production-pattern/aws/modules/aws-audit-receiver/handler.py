"""GCP audit log entries, pushed by one Pub/Sub subscription, into the trail's log store (written by mcai).

API Gateway's JWT authorizer has checked the token's signature, expiry, issuer and audience. Any Google account can
mint a token for any audience, so this function admits one signer only: the subscription's service account (its
email, verified, and its unique id once the gcp stack hands it over), pushing from that one subscription. Anything
else gets 403 and nothing is written. Uses only the Lambda runtime's standard library and boto3."""

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
    return (claims.get("iss") == "https://accounts.google.com"
            and claims.get("aud") == os.environ["AUDIENCE"]
            and claims.get("email") == os.environ["PUSHER_EMAIL"]
            and str(claims.get("email_verified")).lower() == "true"
            and (subject == "" or claims.get("sub") == subject))


def envelope_of(event):
    """The Pub/Sub push envelope in the request body, or None when the body is not one."""
    try:
        body = event.get("body") or ""
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body, validate=True).decode("utf-8")
        envelope = json.loads(body)
    except (AttributeError, TypeError, ValueError, binascii.Error):
        return None
    return envelope if isinstance(envelope, dict) else None


def entry_of(envelope):
    """The log entry the envelope's message carries (a JSON object), or None."""
    try:
        entry = json.loads(base64.b64decode(envelope["message"]["data"], validate=True).decode("utf-8"))
    except (KeyError, TypeError, ValueError, binascii.Error):
        return None
    return entry if isinstance(entry, dict) else None


def handler(event, context):
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("jwt", {}).get("claims") or {}
    if not admitted(claims):
        return _reply(403, "token is not the pusher service account's")
    envelope = envelope_of(event)
    if envelope is not None and envelope.get("subscription") != os.environ["SUBSCRIPTION"]:
        return _reply(403, "not the expected subscription")
    entry = entry_of(envelope) if envelope is not None else None
    if entry is None:
        return _reply(400, "not a Pub/Sub push of a log entry")
    global _firehose
    if _firehose is None:
        _firehose = boto3.client("firehose")
    # One JSON object per line: the delivered files read like Cloud Logging's own exports. A failure raises, API
    # Gateway answers 5xx, and Pub/Sub retries the message with backoff.
    _firehose.put_record(DeliveryStreamName=os.environ["DELIVERY_STREAM"],
                         Record={"Data": (json.dumps(entry, sort_keys=True) + "\n").encode("utf-8")})
    return _reply(204, "")
