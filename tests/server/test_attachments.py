"""Attachment chunks: sealed like batches, chained per attachment, resumable, readable only by sender and readers."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from hbf_desktop.sync.protocol import NO_PREVIOUS_BATCH, batch_hash
from tests.server.harness import Device
from tests.server.problems import problem


def _chunks(device: Device, readers: list[Device], count: int) -> list[bytes]:
    chunks, previous = [], NO_PREVIOUS_BATCH
    for index in range(count):
        _, data = device.seal(
            bytes([index]) * 5000, [r.recipient for r in readers], sequence=index + 1, previous=previous
        )
        chunks.append(data)
        previous = batch_hash(data)
    return chunks


def test_chunks_upload_resume_and_download(enrolled: Callable[..., Device]) -> None:
    supervisor, worker, other = enrolled("supervisor"), enrolled("worker"), enrolled("worker")
    attachment = str(uuid.uuid4())
    chunks = _chunks(worker, [supervisor], 3)
    base = f"/v1/attachments/{attachment}"
    problem(worker.request("GET", base), 404, "not-found")  # nothing held: start from chunk 0
    assert worker.request("PUT", f"{base}/chunks/0", chunks[0]).status_code == 201
    assert worker.request("PUT", f"{base}/chunks/0", chunks[0]).status_code == 200  # a retry
    assert worker.request("GET", base).json() == {"attachment_id": attachment, "chunks_held": 1}
    problem(worker.request("PUT", f"{base}/chunks/2", chunks[2]), 409, "sequence-gap")
    problem(worker.request("PUT", f"{base}/chunks/1", chunks[0]), 422, "batch-mismatch")  # sequence 1 at index 1
    for index in (1, 2):
        assert worker.request("PUT", f"{base}/chunks/{index}", chunks[index]).status_code == 201
    assert supervisor.request("GET", base).json()["chunks_held"] == 3
    for index, data in enumerate(chunks):
        assert supervisor.request("GET", f"{base}/chunks/{index}").content == data
    problem(other.request("GET", f"{base}/chunks/0"), 404, "not-found")
    problem(other.request("GET", base), 404, "not-found")
    problem(supervisor.request("GET", f"{base}/chunks/3"), 404, "not-found")


def test_a_chunk_with_other_bytes_or_from_another_device_conflicts(enrolled: Callable[..., Device]) -> None:
    supervisor, worker, other = enrolled("supervisor"), enrolled("worker"), enrolled("worker")
    base = f"/v1/attachments/{uuid.uuid4()}"
    first = _chunks(worker, [supervisor], 1)[0]
    assert worker.request("PUT", f"{base}/chunks/0", first).status_code == 201
    problem(worker.request("PUT", f"{base}/chunks/0", _chunks(worker, [supervisor], 1)[0]), 409, "batch-conflict")
    second_by_other = other.seal(b"x", [supervisor.recipient], sequence=2, previous=batch_hash(first))[1]
    problem(other.request("PUT", f"{base}/chunks/1", second_by_other), 409, "batch-conflict")
    unlinked = worker.seal(b"x", [supervisor.recipient], sequence=2, previous="ef" * 32)[1]
    problem(worker.request("PUT", f"{base}/chunks/1", unlinked), 409, "chain-fork")
