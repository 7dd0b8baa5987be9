"""Authenticating HTTP requests by the device's Ed25519 key: no long-lived secret on the laptop, nothing to steal but
the key that is already inside the encrypted store.

The client sends `Authorization: HBF-Ed25519 device_id=…,timestamp=…,nonce=…,signature=…` where the signature is over
`"hbf-request-v1\\0"` ‖ canonical JSON of {method, path (with query), timestamp, SHA-256 of the body, device id, nonce}.
TLS already protects the channel; this binds each request to the device and to its exact body, and lets the server
refuse a replayed or altered request even if TLS were terminated by something it does not trust.

Replay defence has two halves. The timestamp must be within `replay_window_seconds` of the server's clock, so only
recent requests can be replayed at all; and the nonce must not have been seen within that window. The nonce store is
the server's (these functions stay pure): `verify_request` calls `remember_nonce(device_id, nonce, expires_at)`, which
must atomically insert and return False if the pair was already there. It is called only after the signature verifies,
so a stranger cannot fill the store. A laptop whose clock is far off (a flat battery) is refused as stale; the server
should return its own time so the client can sign with its clock offset corrected and retry.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from hbf_desktop.sync.protocol.encoding import JsonObject, b64url_decode, b64url_encode, encode_canonical, is_lower_hex
from hbf_desktop.sync.protocol.errors import ReplayedRequestError, RequestRejectedError, StaleRequestError
from hbf_desktop.sync.protocol.keys import SigningPrivateKey, SigningPublicKey

SCHEME = "HBF-Ed25519"
DEFAULT_REPLAY_WINDOW_SECONDS = 300
_DOMAIN = b"hbf-request-v1\x00"
_METHOD = re.compile(r"[A-Z]{1,16}")
_PATH = re.compile(r"/[!-~]{0,4095}")  # printable ASCII, no spaces: exactly what was on the request line
_DEVICE_ID = re.compile(r"[0-9A-Za-z-]{1,64}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{21}[AQgw]")  # 16 bytes: the last character carries 2 bits and 4 zero bits
_HEADER = re.compile(
    SCHEME + r" device_id=([0-9A-Za-z-]{1,64}),timestamp=(0|[1-9][0-9]{0,15}),"
    r"nonce=([A-Za-z0-9_-]{22}),signature=([A-Za-z0-9_-]{86})"
)

RememberNonce = Callable[[str, str, int], bool]


@dataclass(frozen=True)
class RequestAuth:
    """The authentication of one request, as sent in its Authorization header."""

    device_id: str
    timestamp: int
    nonce: str
    signature: bytes

    def header_value(self) -> str:
        return (
            f"{SCHEME} device_id={self.device_id},timestamp={self.timestamp},"
            f"nonce={self.nonce},signature={b64url_encode(self.signature)}"
        )

    @classmethod
    def parse(cls, header_value: str) -> RequestAuth:
        """Read the header strictly; the server looks up `device_id`'s key and then calls `verify_request`."""
        match = _HEADER.fullmatch(header_value)
        if match is None:
            raise RequestRejectedError(f"The Authorization header is not in the {SCHEME} form.")
        device_id, timestamp, nonce, signature_text = match.groups()
        try:
            signature = b64url_decode(signature_text)
        except ValueError:
            raise RequestRejectedError("The Authorization header's signature is not base64url.") from None
        return cls(device_id, int(timestamp), nonce, signature)


def sign_request(
    method: str,
    path: str,
    timestamp: int,
    body_sha256: str,
    device_id: str,
    key: SigningPrivateKey,
    *,
    nonce: str | None = None,
) -> RequestAuth:
    """Sign one request. `path` includes the query string exactly as sent; `timestamp` is Unix seconds."""
    nonce = b64url_encode(os.urandom(16)) if nonce is None else nonce
    message = _message(method, path, timestamp, body_sha256, device_id, nonce, ValueError)
    return RequestAuth(device_id, timestamp, nonce, key.sign(message))


def verify_request(
    auth: RequestAuth,
    *,
    method: str,
    path: str,
    body_sha256: str,
    public_key: SigningPublicKey,
    now: int,
    remember_nonce: RememberNonce,
    replay_window_seconds: int = DEFAULT_REPLAY_WINDOW_SECONDS,
) -> None:
    """Raise a `RequestRejectedError` unless `auth` is a fresh, first-seen signature by `public_key` of this request."""
    if abs(now - auth.timestamp) > replay_window_seconds:
        raise StaleRequestError(
            f"The request was signed at {auth.timestamp}, {abs(now - auth.timestamp)} s from the server's time "
            f"{now} (allowed: {replay_window_seconds} s). Check the laptop's clock, or this is a replay."
        )
    message = _message(method, path, auth.timestamp, body_sha256, auth.device_id, auth.nonce, RequestRejectedError)
    if not public_key.verifies(auth.signature, message):
        raise RequestRejectedError(f"The request's signature does not verify with device {auth.device_id}'s key.")
    if not remember_nonce(auth.device_id, auth.nonce, auth.timestamp + replay_window_seconds):
        raise ReplayedRequestError(f"This request from device {auth.device_id} was already received (a replay).")


def _message(
    method: str,
    path: str,
    timestamp: int,
    body_sha256: str,
    device_id: str,
    nonce: str,
    error: type[Exception],
) -> bytes:
    if not (_METHOD.fullmatch(method) and _PATH.fullmatch(path) and _DEVICE_ID.fullmatch(device_id)):
        raise error("The request's method, path or device id is not in the allowed form.")
    if not is_lower_hex(body_sha256, 64) or type(timestamp) is not int or not 0 <= timestamp < 10**16:
        raise error("The request's body hash or timestamp is not in the allowed form.")
    if not _NONCE.fullmatch(nonce):
        raise error("The request's nonce is not 16 bytes of base64url.")
    fields: JsonObject = {
        "method": method,
        "path": path,
        "timestamp": timestamp,
        "body_sha256": body_sha256,
        "device_id": device_id,
        "nonce": nonce,
    }
    return _DOMAIN + encode_canonical(fields)
