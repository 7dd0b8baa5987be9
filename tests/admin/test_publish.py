"""Publishing the directory over real HTTP on 127.0.0.1.

The sync server lands in another branch; until it is merged these tests answer with a small stdlib HTTP server that
replays the answers docs/sync-api.md specifies for `PUT /v1/directory` (and one that is garbage).
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest

from hbf_desktop.admin.errors import PublishError
from hbf_desktop.admin.publish import publish_directory

_ANSWERS: dict[str, tuple[int, str, bytes]] = {
    "ok": (200, "application/json", b"{}"),
    "rollback": (
        409,
        "application/problem+json",
        json.dumps(
            {
                "type": "https://hbf-desktop.invalid/problems/directory-rollback",
                "title": "Directory rollback",
                "status": 409,
                "detail": "The server holds version 4; version 3 is older.",
            }
        ).encode(),
    ),  # fmt: skip
    "garbage": (500, "text/html", b"<html>Internal Server Error</html>"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str, bytes]] = []
    answer = "ok"

    def do_PUT(self) -> None:  # noqa: N802 - the stdlib's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, self.headers["Content-Type"], body))
        status, content_type, answer = _ANSWERS[type(self).answer]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.received = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_publish_puts_the_document_to_v1_directory(server: str) -> None:
    _Handler.answer = "ok"
    message = publish_directory(server, b'{"document": {}}')
    assert "accepted" in message
    assert _Handler.received == [("/v1/directory", "application/json", b'{"document": {}}')]


def test_a_problem_answer_becomes_its_detail(server: str) -> None:
    _Handler.answer = "rollback"
    with pytest.raises(PublishError, match=r"409 directory-rollback\): The server holds version 4"):
        publish_directory(server, b"{}")


def test_a_garbage_answer_is_said_to_be_garbage(server: str) -> None:
    _Handler.answer = "garbage"
    with pytest.raises(PublishError, match="500 with something that is not a problem document"):
        publish_directory(server, b"{}")


def test_unreachable_and_plain_http_servers_are_refused() -> None:
    with pytest.raises(PublishError, match="Could not reach"):
        publish_directory("http://127.0.0.1:9", b"{}")
    with pytest.raises(PublishError, match="https"):
        publish_directory("http://sync.example.org", b"{}")
