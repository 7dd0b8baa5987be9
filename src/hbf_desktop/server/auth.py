"""Request authentication by the device's Ed25519 key (`protocol.verify_request`), revocation and the rate limit.

The order matters: the signature is checked before the nonce is stored (so strangers cannot fill the nonce table)
and before revocation is reported (so only the device itself learns of its wipe order); the rate limit counts only
authenticated requests, so nobody can exhaust another device's allowance by sending its id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime

from starlette.types import Scope

from hbf_desktop.server.limits import RateLimiter
from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import DeviceRecord
from hbf_desktop.server.storage import Storage
from hbf_desktop.sync.protocol import (
    ProtocolError,
    ReplayedRequestError,
    RequestAuth,
    RequestRejectedError,
    SigningPublicKey,
    StaleRequestError,
    verify_request,
)

Clock = Callable[[], float]


def iso_time(unix_seconds: int | None) -> str | None:
    if unix_seconds is None:
        return None
    return datetime.fromtimestamp(unix_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def path_with_query(scope: Scope) -> str:
    """The request target exactly as the client sent (and signed) it."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    return (raw + (b"?" + query if query else b"")).decode("latin-1")


def unauthenticated(detail: str) -> Problem:
    return Problem(401, "unauthenticated", detail, headers={"WWW-Authenticate": "HBF-Ed25519"})


class Authenticator:
    def __init__(self, storage: Storage, limiter: RateLimiter, clock: Clock) -> None:
        self._storage, self._limiter, self._clock = storage, limiter, clock

    def check_signature(
        self, method: str, path: str, header: str | None, body: bytes, public_key: SigningPublicKey
    ) -> RequestAuth:
        """Verify the header against `public_key` and remember its nonce; raise a 401 problem otherwise."""
        if not header:
            raise unauthenticated("This request needs an Authorization header signed by the device's key.")
        now = int(self._clock())
        try:
            auth = RequestAuth.parse(header)
            verify_request(
                auth,
                method=method,
                path=path,
                body_sha256=hashlib.sha256(body).hexdigest(),
                public_key=public_key,
                now=now,
                remember_nonce=lambda device, nonce, expires: self._storage.remember_nonce(device, nonce, expires, now),
            )
        except StaleRequestError as error:
            raise Problem(401, "stale-request", str(error), extra={"server_time": now}) from None
        except ReplayedRequestError as error:
            raise Problem(401, "replayed-request", str(error)) from None
        except RequestRejectedError as error:
            raise unauthenticated(str(error)) from None
        return auth

    def authenticate(self, method: str, path: str, header: str | None, body: bytes) -> DeviceRecord:
        """The enrolled, active device that signed this request."""
        device = self._claimed_device(header)
        self.check_signature(method, path, header, body, SigningPublicKey.from_text(device.signing_key))
        if device.revoked_at is not None:
            raise _revoked(device)
        self.check_rate(device.device_id, "This device")
        return device

    def check_rate(self, key: str, who: str) -> None:
        """Count one request against `key`'s allowance; 429 with Retry-After once it is used up."""
        wait = self._limiter.retry_after(key, self._clock())
        if wait is not None:
            raise Problem(
                429,
                "rate-limited",
                f"{who} sent too many requests; try again in {wait} s.",
                headers={"Retry-After": str(wait)},
            )

    def _claimed_device(self, header: str | None) -> DeviceRecord:
        if not header:
            raise unauthenticated("This request needs an Authorization header signed by the device's key.")
        try:
            claimed = RequestAuth.parse(header).device_id
        except ProtocolError as error:
            raise unauthenticated(str(error)) from None
        device = self._storage.device(claimed)
        if device is None:
            raise unauthenticated(f"Device {claimed} is not enrolled on this server.")
        return device


def _revoked(device: DeviceRecord) -> Problem:
    extra: dict[str, object] = {"revoked_at": iso_time(device.revoked_at)}
    if device.wipe_order is not None:
        extra["wipe_order"] = json.loads(device.wipe_order)
    return Problem(
        403,
        "device-revoked",
        "This device was revoked by a supervisor and can no longer sync. Contact your supervisor.",
        extra=extra,
    )
