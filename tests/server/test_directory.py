"""The directory: anyone may fetch it, only a newer root-signed version is kept, every version stays."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import func, select

from hbf_desktop.server.schema import directory_versions
from hbf_desktop.sync.protocol import SigningPrivateKey
from tests.server.harness import Device, RunningServer, directory_document
from tests.server.problems import problem


def _held_version(server: RunningServer) -> int:
    held = httpx.get(server.base_url + "/v1/directory")
    return int(held.json()["document"]["version"]) if held.status_code == 200 else 0


def _put(server: RunningServer, document: bytes) -> httpx.Response:
    return httpx.put(server.base_url + "/v1/directory", content=document, headers={"Content-Type": "application/json"})


def test_no_directory_before_the_first(fresh_server: Callable[..., RunningServer]) -> None:
    server = fresh_server()
    problem(httpx.get(server.base_url + "/v1/directory"), 404, "no-directory")


def test_newer_versions_are_kept_and_rollback_refused(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    supervisor = enrolled("supervisor")
    version = _held_version(server) + 1
    first = directory_document(server.root, version, [supervisor])
    assert _put(server, first).status_code == 200
    assert _put(server, first).status_code == 200  # the held one again: accepted, nothing changes
    second = directory_document(server.root, version + 1, [supervisor, enrolled("supervisor")])
    assert _put(server, second).status_code == 200
    fetched = httpx.get(server.base_url + "/v1/directory")
    assert fetched.status_code == 200 and fetched.content == second

    problem(_put(server, first), 409, "directory-rollback")
    problem(_put(server, directory_document(server.root, version + 1, [supervisor])), 409, "directory-rollback")
    assert httpx.get(server.base_url + "/v1/directory").content == second

    storage = server.storage()
    try:
        with storage._read.connect() as connection:
            kept = connection.execute(
                select(func.count()).where(directory_versions.c.version.in_([version, version + 1]))
            ).scalar_one()
    finally:
        storage.close()
    assert kept == 2  # every version is kept


def test_a_directory_not_signed_by_the_root_is_refused(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    supervisor = enrolled("supervisor")
    version = _held_version(server) + 1
    genuine = directory_document(server.root, version, [supervisor])
    forged = directory_document(SigningPrivateKey.generate(), version, [supervisor])
    problem(_put(server, forged), 422, "bad-directory")
    altered = bytearray(genuine)
    altered[genuine.index(b'"version":') + 10] ^= 0x01
    problem(_put(server, bytes(altered)), 422, "bad-directory")
    for garbage in (b"", b"{}", b"[1,2]", b"\xff\xfe"):
        problem(_put(server, garbage), 422, "bad-directory")
    assert _held_version(server) == version - 1
