"""Upload checks in the contract's order: parse, match, signature, idempotency, chain."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from hbf_desktop.sync.protocol import NO_PREVIOUS_BATCH, seal_batch
from tests.server.harness import Device
from tests.server.problems import problem


def test_the_same_bytes_again_get_the_stored_answer(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    batch_id, data = worker.seal(b"{}", [supervisor.recipient])
    first = worker.upload(batch_id, data)
    again = worker.request("PUT", f"/v1/batches/{batch_id}", data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(supervisor.request("GET", "/v1/batches").json()["batches"]) == 1  # stored once


def test_other_bytes_under_a_held_batch_id_conflict(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    batch_id, data = worker.send(b"{}", [supervisor.recipient])
    rewritten = seal_batch(
        b'{"rewritten": true}',
        organisation_id="hbf",
        device_id=worker.device_id,
        batch_id=batch_id,
        sequence=1,
        previous_batch_hash=NO_PREVIOUS_BATCH,
        created_at=datetime.now(UTC),
        directory_version=1,
        recipients=[supervisor.recipient],
        signing_key=worker.keys.signing,
    )
    problem(worker.request("PUT", f"/v1/batches/{batch_id}", rewritten), 409, "batch-conflict")
    assert supervisor.request("GET", f"/v1/batches/{batch_id}").content == data


def test_a_gap_is_refused_with_the_expected_sequence(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    worker.send(b"{}", [supervisor.recipient])
    batch_id, data = worker.seal(b"{}", [supervisor.recipient], sequence=4, previous="ab" * 32)
    body = problem(worker.upload(batch_id, data), 409, "sequence-gap")
    assert body["expected_sequence"] == 2


def test_a_fork_is_refused(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    worker.send(b"{}", [supervisor.recipient])
    second_first = worker.seal(b'{"again": 1}', [supervisor.recipient], sequence=1, previous=NO_PREVIOUS_BATCH)
    assert problem(worker.upload(*second_first), 409, "chain-fork")["expected_sequence"] == 2
    unlinked = worker.seal(b"{}", [supervisor.recipient], sequence=2, previous="cd" * 32)
    assert problem(worker.upload(*unlinked), 409, "chain-fork")["expected_sequence"] == 2
    assert worker.upload(*worker.seal(b"{}", [supervisor.recipient])).status_code == 201  # the true next one


def test_a_batch_must_match_its_path_device_and_organisation(enrolled: Callable[..., Device]) -> None:
    supervisor, worker, other = enrolled("supervisor"), enrolled("worker"), enrolled("worker")
    _, data = worker.seal(b"{}", [supervisor.recipient])
    problem(worker.request("PUT", f"/v1/batches/{uuid.uuid4()}", data), 422, "batch-mismatch")
    stolen_id, stolen = other.seal(b"{}", [supervisor.recipient])
    problem(worker.request("PUT", f"/v1/batches/{stolen_id}", stolen), 422, "batch-mismatch")
    foreign = worker.seal(b"{}", [supervisor.recipient], organisation_id="elsewhere")
    problem(worker.upload(*foreign), 422, "batch-mismatch")
    assert supervisor.request("GET", "/v1/batches").json()["batches"] == []


def test_altered_bytes_fail_the_signature(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    batch_id, data = worker.seal(b"{}", [supervisor.recipient])
    for position in (len(data) - 1, len(data) - 100):  # the signature, then the ciphertext
        altered = bytearray(data)
        altered[position] ^= 0x01
        problem(worker.upload(batch_id, bytes(altered)), 422, "bad-signature")
    impostor = Device(worker.server, device_id=worker.device_id)
    forged_id, forged = impostor.seal(b"{}", [supervisor.recipient])
    problem(worker.upload(forged_id, forged), 422, "bad-signature")
    assert worker.upload(batch_id, data).status_code == 201


def test_garbage_bodies_are_refused_as_malformed(enrolled: Callable[..., Device]) -> None:
    worker = enrolled("worker")
    for body in (b"", b"garbage", b"HBFB\x01" + b"\x00" * 200, b"\xff" * 5000):
        detail = problem(worker.request("PUT", f"/v1/batches/{uuid.uuid4()}", body), 422, "malformed-batch")["detail"]
        assert "batch" in str(detail).lower()
    problem(worker.request("PUT", "/v1/batches/not-a-uuid", b"x"), 422, "invalid-request")
