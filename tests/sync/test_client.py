"""The HTTP client against servers that misbehave (a proxy's HTML page, garbage, silence, a trickle): a clear error
every time, and never a hang. These peers are hostile sockets on 127.0.0.1, not stand-ins for our server (the real
one is in test_server_sync.py)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import ServerAnswerError, ServerUnreachableError, SyncCancelledError
from hbf_desktop.sync.protocol import IdentityKeys

Handler = Callable[[socket.socket], None]


@pytest.fixture
def hostile() -> Iterator[Callable[[Handler], str]]:
    """Start a one-connection-at-a-time TCP server with `handler`; returns its base URL."""
    listeners: list[socket.socket] = []

    def start(handler: Handler) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def serve() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                with connection:
                    connection.recv(65536)
                    with contextlib.suppress(OSError):  # the client hung up on us: that is the point
                        handler(connection)

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield start
    for listener in listeners:
        listener.close()


def _client(url: str, timeout: float = 1.0) -> SyncClient:
    return SyncClient(url, "0190f3c2-7a1e-7c3d-9b2a-5e4f6a7b8c9d", IdentityKeys.generate(), timeout=timeout)


def _answer(status: str, content_type: str, body: bytes) -> Handler:
    def handler(connection: socket.socket) -> None:
        head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        connection.sendall(head.encode() + body)

    return handler


def test_an_html_page_is_a_clear_error(hostile: Callable[[Handler], str]) -> None:
    url = hostile(_answer("200 OK", "text/html", b"<html>Log in to the hotel wifi</html>"))
    with pytest.raises(ServerAnswerError, match="not JSON"):
        _client(url).health()


def test_an_error_page_without_problem_details_is_a_clear_error(hostile: Callable[[Handler], str]) -> None:
    url = hostile(_answer("502 Bad Gateway", "text/html", b"<h1>Bad gateway</h1>"))
    with pytest.raises(ServerAnswerError, match="status 502 and no explanation") as refused:
        _client(url).list_batches(0)
    assert refused.value.status == 502


def test_a_wrongly_shaped_answer_is_a_clear_error(hostile: Callable[[Handler], str]) -> None:
    url = hostile(_answer("200 OK", "application/json", b'{"batches": "none", "next_cursor": 1}'))
    with pytest.raises(ServerAnswerError, match="wrong shape"):
        _client(url).list_batches(0)


def test_a_problem_document_gives_its_detail(hostile: Callable[[Handler], str]) -> None:
    problem = b'{"type": "https://hbf-desktop.invalid/problems/rate-limited", "status": 429, "detail": "Slow down."}'
    url = hostile(_answer("429 Too Many Requests", "application/problem+json", problem))
    with pytest.raises(ServerAnswerError, match="Slow down") as refused:
        _client(url).acknowledge(3)
    assert refused.value.problem == "rate-limited"


def test_silence_times_out_instead_of_hanging(hostile: Callable[[Handler], str]) -> None:
    url = hostile(lambda connection: time.sleep(5))
    started = time.monotonic()
    with pytest.raises(ServerUnreachableError):
        _client(url, timeout=0.5).health()
    assert time.monotonic() - started < 4


def test_a_trickling_answer_is_cut_off(hostile: Callable[[Handler], str]) -> None:
    def trickle(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(100):
            connection.sendall(b" ")
            time.sleep(0.1)

    url = hostile(trickle)
    started = time.monotonic()
    with pytest.raises(ServerUnreachableError, match="too slowly"):
        _client(url, timeout=0.5).health()
    assert time.monotonic() - started < 4


def test_a_closed_connection_is_unreachable(hostile: Callable[[Handler], str]) -> None:
    url = hostile(lambda connection: None)
    with pytest.raises(ServerUnreachableError, match="Your changes are kept"):
        _client(url).health()


def test_an_answer_cut_off_before_its_length_is_unreachable_not_judged(hostile: Callable[[Handler], str]) -> None:
    """A server killed mid-answer: the part received must not be read as a (bad) directory or batch."""

    def cut(connection: socket.socket) -> None:
        connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"doc')

    url = hostile(cut)
    with pytest.raises(ServerUnreachableError, match="cut off"):
        _client(url).directory()


def test_plain_http_is_refused_except_to_this_machine() -> None:
    with pytest.raises(ServerAnswerError, match="https"):
        _client("http://sync.example.org")


@pytest.mark.parametrize("answer", [b"", b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nab"])
def test_abort_from_another_thread_cuts_a_blocked_request_at_once(
    hostile: Callable[[Handler], str], answer: bytes
) -> None:
    """Silence before the answer, or in the middle of a body of unknown length (which, cut, would look complete)."""

    def stall(connection: socket.socket) -> None:
        connection.sendall(answer)
        time.sleep(30)

    client = _client(hostile(stall), timeout=20.0)
    outcome: list[BaseException | bytes] = []

    def fetch() -> None:
        try:
            outcome.append(client.download("some-batch"))
        except Exception as error:  # what the request ended with, checked below
            outcome.append(error)

    thread = threading.Thread(target=fetch)
    thread.start()
    time.sleep(0.5)  # the request is now blocked reading
    started = time.monotonic()
    client.abort()
    thread.join(10)
    assert time.monotonic() - started < 3, "the 20 s timeout was not waited for"
    assert len(outcome) == 1 and isinstance(outcome[0], SyncCancelledError), outcome
    with pytest.raises(SyncCancelledError):
        client.health()  # an aborted client sends nothing more
