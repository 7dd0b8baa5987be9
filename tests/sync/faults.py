"""Fault injection for sync tests: a client of the real server that "dies" at a chosen point of a round.

`Crash` is a BaseException, so nothing in the engine catches it: the round stops dead, the open transaction (if any)
rolls back as it would after SIGKILL, and the test discards the store handle and opens a new one, as a restarted
laptop would. The points cover every phase of the round:

* `before_upload`: before the request leaves;
* `mid_body`: half the body sent on a raw socket, then the connection dropped;
* `after_upload`: the server committed, the answer never reached us ("dropped response");
* `duplicate_upload`: the same request sent twice (a retry racing the first);
* `before_download`, `before_ack`: after listing, or after the merge committed but before the ack;
* `after_ack`: acknowledged, then killed before anything else.

Real SIGKILLs of the client and the server process are in `test_faults.py`; store durability under SIGKILL is
`tests/store/test_crash.py`'s.
"""

from __future__ import annotations

import socket
import time
import urllib.parse
from typing import Any

from hbf_desktop.sync.client import SyncClient

POINTS = ("before_upload", "mid_body", "after_upload", "duplicate_upload", "before_download", "before_ack", "after_ack")


class Crash(BaseException):
    """The laptop died here."""


class FaultyClient(SyncClient):
    def __init__(self, *arguments: Any, point: str | None = None, after_calls: int = 0, **options: Any) -> None:
        super().__init__(*arguments, **options)
        self.point = point
        self.after_calls = after_calls
        self.calls = 0

    def _hit(self, point: str) -> bool:
        if self.point != point:
            return False
        self.calls += 1
        return self.calls > self.after_calls

    def upload(self, batch_id: str, data: bytes) -> dict[str, Any]:
        if self._hit("before_upload"):
            raise Crash
        if self._hit("mid_body"):
            self._send_half(batch_id, data)
            raise Crash
        if self.point == "duplicate_upload" and self._hit("duplicate_upload"):
            first = super().upload(batch_id, data)
            assert super().upload(batch_id, data) == first
            return first
        answer = super().upload(batch_id, data)
        if self._hit("after_upload"):
            raise Crash
        return answer

    def download(self, batch_id: str) -> bytes:
        if self._hit("before_download"):
            raise Crash
        return super().download(batch_id)

    def acknowledge(self, cursor: int) -> dict[str, Any]:
        if self._hit("before_ack"):
            raise Crash
        answer = super().acknowledge(cursor)
        if self._hit("after_ack"):
            raise Crash
        return answer

    def _send_half(self, batch_id: str, data: bytes) -> None:
        """A signed PUT whose body stops half-way: the server must store nothing."""
        parts = urllib.parse.urlsplit(self._base)
        path = f"/v1/batches/{batch_id}"
        import hashlib

        from hbf_desktop.sync.protocol import sign_request

        now = int(time.time()) + self.clock_offset
        auth = sign_request("PUT", path, now, hashlib.sha256(data).hexdigest(), self._device_id, self._keys.signing)
        head = (
            f"PUT {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {len(data)}\r\nAuthorization: {auth.header_value()}\r\n\r\n"
        ).encode()
        with socket.create_connection((parts.hostname, parts.port or 80), timeout=5) as connection:
            connection.sendall(head + data[: len(data) // 2])
