"""Asserting problem+json answers."""

from __future__ import annotations

import httpx

PROBLEMS = "https://hbf-desktop.invalid/problems/"


def problem(response: httpx.Response, status: int, name: str) -> dict[str, object]:
    """The problem body, after checking status, media type, type URI and that there is a sentence for a person."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["type"] == PROBLEMS + name and body["status"] == status, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.text
    return body
