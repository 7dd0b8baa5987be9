"""The ASGI edge: the body size limit (enforced while the body streams in), one log line per request, and a
problem+json 500 for anything unexpected.

Logs carry the method, the route's path, the status, the time taken and the device id, never a body or any other
header value: batch bodies are sealed, but headers and JSON bodies are still nobody's business.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hbf_desktop.server.problems import Problem

log = logging.getLogger("hbf_server")

DEVICE_STATE_KEY = "hbf_device_id"


def too_large(limit: int) -> Problem:
    return Problem(413, "too-large", f"The request body is over the limit of {limit:,} bytes; send less at a time.")


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app, self.max_body_bytes = app, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def send_noting_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body_bytes:
                await _send_problem(send_noting_status, too_large(self.max_body_bytes))
            else:
                await self.app(scope, self._limited(receive), send_noting_status)
        except Exception:
            log.exception("unexpected error in %s %s", scope.get("method"), scope.get("path"))
            if status[0] == 0:
                detail = "The server met an unexpected error and changed nothing it could not finish. Try again later."
                await _send_problem(send_noting_status, Problem(500, "server-error", detail))
        finally:
            device = scope.get("state", {}).get(DEVICE_STATE_KEY, "-")
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %.1fms device=%s", scope["method"], scope["path"], status[0], elapsed, device)

    def _limited(self, receive: Receive) -> Receive:
        received = [0]

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                received[0] += len(message.get("body", b""))
                if received[0] > self.max_body_bytes:
                    raise too_large(self.max_body_bytes)
            return message

        return limited_receive


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1")
            return int(text) if text.isdigit() else None
    return None


async def _send_problem(send: Any, problem: Problem) -> None:
    body = problem.body()
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
