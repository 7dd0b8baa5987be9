"""Enrol, upload, list, download, acknowledge: the path every sync takes, with batches made by `seal_batch`."""

from __future__ import annotations

from collections.abc import Callable

from hbf_desktop.sync.protocol import batch_hash, open_batch, parse_batch
from tests.server.harness import Device, RunningServer


def test_health_answers_with_version_and_time(server: RunningServer) -> None:
    device = Device(server)
    response = device.request("GET", "/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert isinstance(response.json()["server_time"], int)


def test_worker_upload_reaches_the_supervisor_and_opens(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    payloads = [f'{{"change": {index}}}'.encode() for index in range(3)]
    sent = [worker.send(payload, [supervisor.recipient]) for payload in payloads]

    listing = supervisor.request("GET", "/v1/batches?after=0&limit=2")
    assert listing.status_code == 200, listing.text
    page = listing.json()
    assert [entry["batch_id"] for entry in page["batches"]] == [str(batch_id) for batch_id, _ in sent[:2]]
    assert page["more"] is True
    assert [entry["sequence"] for entry in page["batches"]] == [1, 2]
    rest = supervisor.request("GET", f"/v1/batches?after={page['next_cursor']}&limit=2").json()
    assert [entry["batch_id"] for entry in rest["batches"]] == [str(sent[2][0])]
    assert rest["more"] is False

    for (batch_id, data), payload in zip(sent, payloads, strict=True):
        download = supervisor.request("GET", f"/v1/batches/{batch_id}")
        assert download.status_code == 200
        assert download.headers["content-type"] == "application/octet-stream"
        assert download.content == data
        opened = open_batch(
            parse_batch(download.content, max_size=1 << 24), supervisor.keys.recipient, supervisor.recipient.key_id
        )
        assert opened == payload

    ack = supervisor.json("POST", "/v1/acks", {"cursor": rest["next_cursor"]})
    assert ack.status_code == 200 and ack.json() == {"acknowledged_cursor": rest["next_cursor"]}
    back = supervisor.json("POST", "/v1/acks", {"cursor": 1})
    assert back.json() == {"acknowledged_cursor": rest["next_cursor"]}  # never moves back


def test_upload_answer_names_cursor_and_sequence(enrolled: Callable[..., Device]) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    batch_id, data = worker.seal(b"{}", [supervisor.recipient])
    response = worker.upload(batch_id, data)
    assert response.status_code == 201
    answer = response.json()
    assert answer["batch_id"] == str(batch_id) and answer["sequence"] == 1
    assert isinstance(answer["cursor"], int) and answer["cursor"] > 0
    assert answer["received_at"].endswith("Z")
    assert worker.last_hash == batch_hash(data)


def test_worker_does_not_list_batches_sealed_only_to_others(enrolled: Callable[..., Device]) -> None:
    supervisor, worker, other = enrolled("supervisor"), enrolled("worker"), enrolled("worker")
    worker.send(b"{}", [supervisor.recipient])
    assert other.request("GET", "/v1/batches").json()["batches"] == []
    assert worker.request("GET", "/v1/batches").json()["batches"] == []  # sealed to the supervisor only
