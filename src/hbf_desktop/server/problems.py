"""Every error the server answers is RFC 9457 problem details (`application/problem+json`), never a stack trace.

Routes raise `Problem`; the handlers installed here also turn FastAPI's own 404/405/422 into problems. Unexpected
exceptions are caught by `edge.EdgeMiddleware`, which logs them and answers `server-error`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

PROBLEM_BASE = "https://hbf-desktop.invalid/problems/"
MEDIA_TYPE = "application/problem+json"

TITLES = {
    "unauthenticated": "Not authenticated",
    "stale-request": "Request signed at the wrong time",
    "replayed-request": "Request already received",
    "device-revoked": "Device revoked",
    "forbidden": "Not allowed for this device",
    "bad-enrolment-code": "Enrolment code not valid",
    "device-exists": "Device already enrolled",
    "malformed-batch": "Malformed batch",
    "batch-mismatch": "Batch does not match the request",
    "bad-signature": "Batch signature does not verify",
    "batch-conflict": "Batch already held with other bytes",
    "sequence-gap": "Batches missing before this one",
    "chain-fork": "Batch does not continue the device's chain",
    "no-directory": "No directory yet",
    "bad-directory": "Directory not accepted",
    "directory-rollback": "Directory older than the one held",
    "bad-wipe-order": "Wipe order not accepted",
    "too-large": "Request body too large",
    "rate-limited": "Too many requests",
    "not-found": "Not found",
    "method-not-allowed": "Method not allowed",
    "invalid-request": "Request not valid",
    "server-error": "Server error",
}
_BY_STATUS = {404: "not-found", 405: "method-not-allowed", 413: "too-large", 422: "invalid-request"}

JsonExtra = Mapping[str, object]


class Problem(HTTPException):
    """An answer other than success, with a sentence a person (or the client's message to a person) can act on.

    A subclass of Starlette's HTTPException so that FastAPI passes it through unchanged even when it is raised while
    a body is read (the size limit), instead of turning it into a generic 400.
    """

    def __init__(
        self,
        status: int,
        name: str,
        detail: str,
        *,
        extra: JsonExtra | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, detail, dict(headers or {}))
        self.status, self.name, self.detail = status, name, detail
        self.extra = dict(extra or {})

    def body(self) -> bytes:
        content: dict[str, object] = {
            "type": PROBLEM_BASE + self.name,
            "title": TITLES.get(self.name, self.name),
            "status": self.status,
            "detail": self.detail,
        }
        content.update(self.extra)
        return json.dumps(content, separators=(",", ":")).encode()

    def response(self) -> Response:
        return Response(self.body(), status_code=self.status, media_type=MEDIA_TYPE, headers=dict(self.headers or {}))


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(RequestValidationError, _validation)


async def _problem(_request: Request, error: Exception) -> Response:
    assert isinstance(error, Problem)
    return error.response()


async def _http_exception(_request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 400:  # FastAPI's "error parsing the body": garbage is 422, as everywhere else here
        return Problem(422, "invalid-request", "The request body is not valid JSON text.").response()
    name = _BY_STATUS.get(error.status_code, "invalid-request" if error.status_code < 500 else "server-error")
    detail = {
        "not-found": "There is nothing at this address. Check the server URL and the API version (/v1/).",
        "method-not-allowed": "This address does not take that method.",
    }.get(name, str(error.detail))
    headers = dict(error.headers or {})
    return Problem(error.status_code, name, detail, headers=headers).response()


async def _validation(_request: Request, error: Exception) -> Response:
    """Say which parts are wrong and why, but never echo the values sent (they could be anything)."""
    assert isinstance(error, RequestValidationError)
    parts = []
    for item in list(error.errors())[:5]:
        where = ".".join(str(part) for part in item.get("loc", ()))
        parts.append(f"{where}: {item.get('msg', 'not valid')}")
    detail = "The request is not valid: " + "; ".join(parts) + "."
    return Problem(422, "invalid-request", detail).response()
