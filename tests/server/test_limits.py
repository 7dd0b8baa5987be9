"""Request size and rate limits: a huge body is refused before it is read, a chatty device is slowed down."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx

from tests.server.harness import Device, RunningServer
from tests.server.problems import problem


def _raw_request(server: RunningServer, head: bytes) -> bytes:
    """Send only the request head and read what comes back: the body is never sent."""
    address = urlsplit(server.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=20) as connection:
        connection.sendall(head)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


def test_a_declared_huge_body_is_refused_before_it_is_sent(
    server: RunningServer, enrolled: Callable[..., Device]
) -> None:
    worker = enrolled("worker")
    path = f"/v1/batches/{uuid.uuid4()}"
    head = (
        f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        f"Authorization: {worker.authorization('PUT', path)}\r\nContent-Length: {17 * 1024 * 1024}\r\n\r\n"
    ).encode()
    answer = _raw_request(server, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer and b"/problems/too-large" in answer


def test_a_streamed_body_over_the_limit_is_cut_off(fresh_server: Callable[..., RunningServer]) -> None:
    server = fresh_server({"HBF_SERVER_MAX_BODY_BYTES": "100000"})
    device = Device(server)

    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b"x" * 10_000

    path = f"/v1/batches/{uuid.uuid4()}"
    headers = {"Authorization": device.authorization("PUT", path), "Content-Type": "application/octet-stream"}
    response = httpx.put(server.base_url + path, content=chunks(), headers=headers)  # chunked: no Content-Length
    problem(response, 413, "too-large")
    problem(httpx.put(server.base_url + "/v1/directory", content=chunks()), 413, "too-large")


def test_a_device_over_its_rate_is_told_when_to_come_back(fresh_server: Callable[..., RunningServer]) -> None:
    server = fresh_server({"HBF_SERVER_RATE_PER_MINUTE": "6", "HBF_SERVER_RATE_BURST": "3"})
    device, other = Device(server), Device(server)
    for each in (device, other):
        assert each.enrol(server.enrolment_code("rate", "worker")).status_code == 201
    answers = [device.request("GET", "/v1/batches").status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    limited = device.request("GET", "/v1/batches")
    problem(limited, 429, "rate-limited")
    assert 1 <= int(limited.headers["Retry-After"]) <= 10
    assert other.request("GET", "/v1/batches").status_code == 200  # per device
    tries = [Device(server).enrol("NOT-A-REAL-CODE").status_code for _ in range(2)]
    assert tries == [403, 429]  # enrolment attempts count per address (two enrolments above used the burst)
