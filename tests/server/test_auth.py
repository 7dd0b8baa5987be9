"""Request authentication: unauthenticated, forged, replayed, stale and cross-device requests are refused."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from hbf_desktop.sync.protocol import WIPE_ORDER_LABEL, sign_document
from hbf_desktop.sync.protocol.encoding import encode_canonical
from tests.server.harness import Device, RunningServer, directory_document
from tests.server.problems import problem


def test_requests_without_a_valid_signature_are_refused(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    worker = enrolled("worker")
    problem(httpx.get(server.base_url + "/v1/batches"), 401, "unauthenticated")
    problem(worker.request("GET", "/v1/batches", authorization="Bearer abc"), 401, "unauthenticated")
    problem(Device(server).request("GET", "/v1/batches"), 401, "unauthenticated")  # never enrolled
    impostor = Device(server, device_id=worker.device_id)  # claims the id, holds another key
    problem(impostor.request("GET", "/v1/batches"), 401, "unauthenticated")
    signed_for_other_path = worker.authorization("GET", "/v1/batches?after=5")
    problem(worker.request("GET", "/v1/batches", authorization=signed_for_other_path), 401, "unauthenticated")
    signed_for_empty_body = worker.authorization("POST", "/v1/acks", b"")
    answer = worker.request("POST", "/v1/acks", b'{"cursor": 0}', authorization=signed_for_empty_body)
    problem(answer, 401, "unauthenticated")
    assert worker.request("GET", "/v1/batches").status_code == 200


def test_a_replayed_request_is_refused(enrolled: Callable[..., Device]) -> None:
    worker = enrolled("worker")
    header = worker.authorization("GET", "/v1/batches")
    assert worker.request("GET", "/v1/batches", authorization=header).status_code == 200
    problem(worker.request("GET", "/v1/batches", authorization=header), 401, "replayed-request")


def test_a_stale_request_is_refused_with_the_server_time(enrolled: Callable[..., Device]) -> None:
    worker = enrolled("worker")
    body = problem(worker.request("GET", "/v1/batches", timestamp=int(time.time()) - 400), 401, "stale-request")
    server_time = body["server_time"]
    assert isinstance(server_time, int) and abs(server_time - time.time()) < 30
    worker.clock_offset = -365 * 86400  # a laptop a year behind
    offset_body = problem(worker.request("GET", "/v1/batches"), 401, "stale-request")
    assert isinstance(offset_body["server_time"], int)
    worker.clock_offset = offset_body["server_time"] - int(time.time())  # the client corrects its offset
    assert worker.request("GET", "/v1/batches").status_code == 200


def test_a_device_cannot_download_what_is_not_sealed_to_it(enrolled: Callable[..., Device]) -> None:
    supervisor, worker, other = enrolled("supervisor"), enrolled("worker"), enrolled("worker")
    batch_id, data = worker.send(b"{}", [supervisor.recipient])
    problem(other.request("GET", f"/v1/batches/{batch_id}"), 404, "not-found")
    assert worker.request("GET", f"/v1/batches/{batch_id}").content == data  # the sender
    assert supervisor.request("GET", f"/v1/batches/{batch_id}").content == data  # the recipient


def test_only_supervisors_administer_devices(enrolled: Callable[..., Device]) -> None:
    worker, other = enrolled("worker"), enrolled("worker")
    problem(worker.request("GET", "/v1/devices"), 403, "forbidden")
    problem(worker.json("POST", f"/v1/devices/{other.device_id}/revocation", {"reason": "x"}), 403, "forbidden")
    assert other.request("GET", "/v1/batches").status_code == 200


def test_a_revoked_device_is_refused_and_given_its_wipe_order(
    server: RunningServer, enrolled: Callable[..., Device]
) -> None:
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    held = httpx.get(server.base_url + "/v1/directory")
    version = held.json()["document"]["version"] + 1 if held.status_code == 200 else 1
    published = httpx.put(
        server.base_url + "/v1/directory", content=directory_document(server.root, version, [supervisor])
    )
    assert published.status_code == 200, published.text
    worker.send(b"{}", [supervisor.recipient])

    revoked = supervisor.json("POST", f"/v1/devices/{worker.device_id}/revocation", {"reason": "lost laptop"})
    assert revoked.status_code == 200 and revoked.json()["revoked_at"].endswith("Z")
    body = problem(worker.request("GET", "/v1/batches"), 403, "device-revoked")
    assert body["revoked_at"] == revoked.json()["revoked_at"] and "wipe_order" not in body
    next_batch = worker.seal(b"{}", [supervisor.recipient])
    problem(worker.upload(*next_batch), 403, "device-revoked")

    order = {
        "device_id": worker.device_id,
        "issued_at": "2026-01-01T00:00:00Z",
        "issued_by": "supervisor 0",
        "organisation_id": "hbf",
    }
    wrong = sign_document({**order, "device_id": supervisor.device_id}, supervisor.keys.signing, WIPE_ORDER_LABEL)
    put = f"/v1/devices/{worker.device_id}/wipe-order"
    problem(supervisor.request("PUT", put, wrong, content_type="application/json"), 422, "bad-wipe-order")
    by_stranger = sign_document(order, Device(server).keys.signing, WIPE_ORDER_LABEL)
    problem(supervisor.request("PUT", put, by_stranger, content_type="application/json"), 422, "bad-wipe-order")
    document = sign_document(order, supervisor.keys.signing, WIPE_ORDER_LABEL)
    assert supervisor.request("PUT", put, document, content_type="application/json").status_code == 200
    delivered = problem(worker.request("GET", "/v1/batches"), 403, "device-revoked")["wipe_order"]
    assert isinstance(delivered, dict) and encode_canonical(delivered) == document
