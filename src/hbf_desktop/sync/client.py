"""The HTTP client for the server's v1 API (docs/sync-api.md), on the standard library's `urllib`.

Why `urllib` rather than httpx: the laptop needs a handful of one-shot requests with timeouts, TLS verification and
raw byte bodies, which the standard library does; one dependency fewer to vet, freeze and keep patched on a
caseworker's laptop (the server's FastAPI stack is not installed there).

Every request except the public ones is signed with `protocol.sign_request` over the method, the path with its query
as sent, the time and the body's SHA-256. The client keeps the server's clock offset in memory: a `stale-request`
answer carries `server_time`, the client corrects and signs once more, so a laptop a year off still syncs.

Nothing can hang: each socket operation has a timeout, and a whole answer must arrive before a deadline (a server
that trickles one byte a second is cut off). Anything that is not the expected answer (not JSON, the wrong shape, a
problem document) becomes a `ServerAnswerError` with a sentence a person can act on; no network at all is a
`ServerUnreachableError`.

A round can be stopped from another thread (the laptop locking): `abort()` marks the client and shuts down the
socket of the request in flight, which wakes the blocked read at once instead of after the timeout. Every request
after that, and any answer cut by it, raises `SyncCancelledError`, never a partial answer: a batch whose upload was
cut is still unmarked and is sent again next round, which the server answers with the cursor it already gave
(it de-duplicates by batch id).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from hbf_desktop.sync.errors import DeviceRevokedError, ServerAnswerError, ServerUnreachableError, SyncCancelledError
from hbf_desktop.sync.protocol import IdentityKeys, sign_request

DEFAULT_TIMEOUT_SECONDS = 20.0
MAX_JSON_ANSWER_BYTES = 8 * 1024 * 1024
MAX_BATCH_ANSWER_BYTES = 80 * 1024 * 1024
_PROBLEM_PREFIX = "https://hbf-desktop.invalid/problems/"
_READ_CHUNK = 256 * 1024


class SyncClient:
    def __init__(
        self,
        base_url: str,
        device_id: str,
        keys: IdentityKeys,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url.rstrip("/"))
        local = parts.hostname in {"127.0.0.1", "localhost"}
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise ServerAnswerError(f"The server address {base_url} must be https:// (plain http only locally).")
        self._base = base_url.rstrip("/")
        self._prefix = parts.path
        self._device_id = device_id
        self._keys = keys
        self._timeout = timeout
        self._clock = clock
        self.clock_offset = 0  # server time minus ours, in seconds, learnt from the server
        self._ssl = ssl.create_default_context()
        self._aborted = threading.Event()
        self._guard = threading.Lock()
        self._socket: socket.socket | None = None  # the socket of the request in flight, for `abort`
        self._opener = urllib.request.build_opener(
            _KeepingHTTPHandler(self._keep), _KeepingHTTPSHandler(self._keep, context=self._ssl)
        )

    def abort(self) -> None:
        """Stop this client for good, from any thread: cut the request in flight and refuse the next ones."""
        self._aborted.set()
        with self._guard:
            held = self._socket
        if held is not None:  # the plain socket's shutdown, also for TLS: SSLSocket's own would race the reader
            with contextlib.suppress(OSError):  # already closed: the request had ended
                socket.socket.shutdown(held, socket.SHUT_RDWR)

    @property
    def aborted(self) -> bool:
        return self._aborted.is_set()

    def _keep(self, held: socket.socket | None) -> None:
        with self._guard:
            self._socket = held
        if held is not None and self._aborted.is_set():
            self.abort()  # aborted while connecting: cut this socket too

    # --- endpoints ------------------------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        answer = self._json("GET", "/v1/health", signed=False)
        self._learn_time(answer)
        return answer

    def enrol(self, code: str, label: str) -> dict[str, Any]:
        recipient = self._keys.recipient.public_key()
        body = {
            "code": code,
            "device_id": self._device_id,
            "signing_key": self._keys.signing.public_key().to_text(),
            "recipient_keys": [{"suite": int(recipient.suite), "key": recipient.to_text()}],
            "label": label,
        }
        return self._json("POST", "/v1/enrol", body=json.dumps(body).encode(), content_type="application/json")

    def directory(self) -> bytes | None:
        """The latest signed directory, or None before the administrator uploaded one."""
        try:
            return self._request("GET", "/v1/directory", signed=False, limit=MAX_JSON_ANSWER_BYTES)
        except ServerAnswerError as error:
            if error.status == 404:
                return None
            raise

    def upload(self, batch_id: str, data: bytes) -> dict[str, Any]:
        return self._json("PUT", f"/v1/batches/{batch_id}", body=data, content_type="application/octet-stream")

    def list_batches(self, after: int, limit: int = 100) -> dict[str, Any]:
        answer = self._json("GET", f"/v1/batches?after={int(after)}&limit={int(limit)}")
        entries, next_cursor = answer.get("batches"), answer.get("next_cursor")
        if not isinstance(entries, list) or type(next_cursor) is not int:
            raise ServerAnswerError("The server's list of batches has the wrong shape; try again later.")
        for entry in entries:
            if not isinstance(entry, dict) or type(entry.get("cursor")) is not int or "batch_id" not in entry:
                raise ServerAnswerError("The server's list of batches has an entry of the wrong shape.")
        return answer

    def download(self, batch_id: str) -> bytes:
        return self._request("GET", f"/v1/batches/{urllib.parse.quote(batch_id)}", limit=MAX_BATCH_ANSWER_BYTES)

    def acknowledge(self, cursor: int) -> dict[str, Any]:
        body = json.dumps({"cursor": int(cursor)}).encode()
        return self._json("POST", "/v1/acks", body=body, content_type="application/json")

    def attachment_status(self, attachment_id: str) -> dict[str, Any]:
        return self._json("GET", f"/v1/attachments/{urllib.parse.quote(attachment_id)}")

    def upload_chunk(self, attachment_id: str, index: int, data: bytes) -> dict[str, Any]:
        path = f"/v1/attachments/{urllib.parse.quote(attachment_id)}/chunks/{int(index)}"
        return self._json("PUT", path, body=data, content_type="application/octet-stream")

    def download_chunk(self, attachment_id: str, index: int) -> bytes:
        path = f"/v1/attachments/{urllib.parse.quote(attachment_id)}/chunks/{int(index)}"
        return self._request("GET", path, limit=MAX_BATCH_ANSWER_BYTES)

    def put_wipe_order(self, device_id: str, order: bytes) -> dict[str, Any]:
        """Revoke `device_id` (if it was not) and leave the signed order for it to find (supervisors only)."""
        path = f"/v1/devices/{urllib.parse.quote(device_id)}/wipe-order"
        return self._json("PUT", path, body=order, content_type="application/json")

    def devices(self) -> list[dict[str, Any]]:
        answer = self._json("GET", "/v1/devices")
        devices = answer.get("devices")
        if not isinstance(devices, list) or not all(isinstance(device, dict) for device in devices):
            raise ServerAnswerError("The server's device list has the wrong shape.")
        return devices

    # --- transport ------------------------------------------------------------------------------------------------

    def _json(self, method: str, path: str, **options: Any) -> dict[str, Any]:
        data = self._request(method, path, limit=MAX_JSON_ANSWER_BYTES, **options)
        try:
            answer = json.loads(data)
        except (UnicodeDecodeError, ValueError):
            raise ServerAnswerError(f"The server's answer to {method} {path} is not JSON: check the address") from None
        if not isinstance(answer, dict):
            raise ServerAnswerError(f"The server's answer to {method} {path} is not a JSON object.")
        return answer

    def _request(
        self, method: str, path: str, *, body: bytes = b"", content_type: str | None = None, signed: bool = True,
        limit: int,
    ) -> bytes:  # fmt: skip
        for attempt in (1, 2):
            try:
                return self._send(method, path, body, content_type, signed, limit)
            except ServerAnswerError as error:
                server_time = error.extra.get("server_time")
                if attempt == 1 and error.problem == "stale-request" and isinstance(server_time, int):
                    self.clock_offset = server_time - int(self._clock())
                    continue
                raise
        raise AssertionError("unreachable")

    def _send(self, method: str, path: str, body: bytes, content_type: str | None, signed: bool, limit: int) -> bytes:
        if self._aborted.is_set():
            raise SyncCancelledError("The sync round was stopped.")
        try:
            data = self._send_once(method, path, body, content_type, signed, limit)
        except (ServerUnreachableError, ServerAnswerError):
            if self._aborted.is_set():  # cut by `abort`: whatever the socket said, it is not the server's answer
                raise SyncCancelledError("The sync round was stopped.") from None
            raise
        finally:
            self._keep(None)
        if self._aborted.is_set():  # an answer cut short can look complete (no length given): never use it
            raise SyncCancelledError("The sync round was stopped.")
        return data

    def _send_once(
        self, method: str, path: str, body: bytes, content_type: str | None, signed: bool, limit: int
    ) -> bytes:
        headers = {"Accept": "application/json, application/octet-stream", "User-Agent": "hbf-desktop"}
        if content_type:
            headers["Content-Type"] = content_type
        if signed:
            now = int(self._clock()) + self.clock_offset
            digest = hashlib.sha256(body).hexdigest()
            auth = sign_request(method, self._prefix + path, now, digest, self._device_id, self._keys.signing)
            headers["Authorization"] = auth.header_value()
        request = urllib.request.Request(self._base + path, data=body if method in {"PUT", "POST"} else None,
                                         headers=headers, method=method)  # fmt: skip
        deadline = time.monotonic() + self._timeout * 3
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                return _read_bounded(response, limit, deadline)
        except urllib.error.HTTPError as error:
            raise _problem(error, method, path) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:  # timeouts are OSErrors
            reason = getattr(error, "reason", error)
            raise ServerUnreachableError(
                f"The server at {self._base} cannot be reached ({reason}). Your changes are kept and will be sent "
                "when the connection returns."
            ) from None

    def _learn_time(self, answer: dict[str, Any]) -> None:
        server_time = answer.get("server_time")
        if type(server_time) is int:
            self.clock_offset = server_time - int(self._clock())


Keep = Callable[[socket.socket | None], None]


def _keeping(connection_class: Any, keep: Keep) -> Callable[..., http.client.HTTPConnection]:
    """`connection_class`, but each connection hands its socket to `keep` once connected (so `abort` can cut it)."""

    def make(host: str, **options: Any) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection = connection_class(host, **options)
        connect = connection.connect

        def connect_and_keep() -> None:
            connect()
            keep(connection.sock)

        connection.connect = connect_and_keep  # type: ignore[method-assign]
        return connection

    return make


class _KeepingHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, keep: Keep) -> None:
        super().__init__()
        self._keep = keep

    def do_open(self, http_class: Any, req: Any, **options: Any) -> Any:
        return super().do_open(_keeping(http_class, self._keep), req, **options)


class _KeepingHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, keep: Keep, *, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self._keep = keep

    def do_open(self, http_class: Any, req: Any, **options: Any) -> Any:
        return super().do_open(_keeping(http_class, self._keep), req, **options)


def _read_bounded(response: Any, limit: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise ServerUnreachableError("The server is answering too slowly; the request was abandoned.")
        chunk = response.read1(_READ_CHUNK)  # what has arrived: read() would wait for the whole chunk
        if not chunk:
            # read1 does not raise at a premature end: a server killed mid-answer leaves `length` bytes missing.
            # A cut answer is the network's fault, not the content's: retry later, never judge the part received.
            missing = getattr(response, "length", None)
            if isinstance(missing, int) and missing > 0:
                raise ServerUnreachableError(
                    f"The server's answer was cut off ({missing:,} bytes missing). Your changes are kept and will be "
                    "sent when the connection returns."
                )
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise ServerAnswerError(f"The server's answer is larger than {limit:,} bytes; refused.")
        chunks.append(chunk)


def _problem(error: urllib.error.HTTPError, method: str, path: str) -> ServerAnswerError:
    """A refusal as a typed error: the problem document's sentence when there is one."""
    try:
        document = json.loads(error.read(MAX_JSON_ANSWER_BYTES))
    except (OSError, ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict):
        return ServerAnswerError(
            f"The server refused {method} {path} with status {error.code} and no explanation.", status=error.code
        )
    kind = str(document.get("type", ""))
    problem = kind[len(_PROBLEM_PREFIX) :] if kind.startswith(_PROBLEM_PREFIX) else kind
    detail = str(document.get("detail") or document.get("title") or "no detail")
    extra = {key: value for key, value in document.items() if key not in {"type", "title", "status", "detail"}}
    cls = DeviceRevokedError if problem == "device-revoked" else ServerAnswerError
    return cls(f"The server refused {method} {path.split('?')[0]}: {detail}", status=error.code, problem=problem,
               extra=extra)  # fmt: skip
