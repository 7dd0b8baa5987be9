"""Enrolment: a one-time, expiring code binds a device's keys to a user and role, once it proves it holds them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
from sqlalchemy import select

from hbf_desktop.server.enrolment import code_hash, new_code
from hbf_desktop.server.schema import enrolment_codes
from tests.server.harness import Device, RunningServer, run_cli
from tests.server.problems import problem


def test_enrolment_binds_user_and_role(server: RunningServer) -> None:
    device = Device(server)
    response = device.enrol(server.enrolment_code("amira", "supervisor"))
    assert response.status_code == 201, response.text
    answer = response.json()
    assert (answer["device_id"], answer["user"], answer["role"]) == (device.device_id, "amira", "supervisor")
    assert answer["organisation_id"] == "hbf"
    assert device.request("GET", "/v1/devices").status_code == 200  # a supervisor may list devices


def test_a_code_works_once(server: RunningServer) -> None:
    code = server.enrolment_code("bea", "worker")
    assert Device(server).enrol(code).status_code == 201
    problem(Device(server).enrol(code), 403, "bad-enrolment-code")


def test_expired_and_unknown_codes_get_the_same_refusal(server: RunningServer) -> None:
    expired = server.enrolment_code("cal", "worker", expires_in=-1)
    refused_expired = problem(Device(server).enrol(expired), 403, "bad-enrolment-code")
    refused_unknown = problem(Device(server).enrol(new_code()), 403, "bad-enrolment-code")
    assert refused_expired["detail"] == refused_unknown["detail"]  # codes cannot be probed


def test_code_from_the_cli_expires(server: RunningServer) -> None:
    result = run_cli("enrol-code", "--user", "dee", "--role", "worker", "--expires-hours", "0.0003", *server.where)
    assert result.returncode == 0, result.stderr
    code = result.stdout.split()[-1]
    time.sleep(1.3)
    problem(Device(server).enrol(code), 403, "bad-enrolment-code")


def test_an_enrolled_device_cannot_enrol_again_and_the_code_stays_usable(
    server: RunningServer, enrolled: Callable[..., Device]
) -> None:
    device = enrolled("worker")
    code = server.enrolment_code("eli", "worker")
    problem(device.enrol(code), 409, "device-exists")
    assert Device(server).enrol(code).status_code == 201


def test_enrolment_needs_proof_of_the_private_key(server: RunningServer) -> None:
    device, impostor = Device(server), Device(server)
    code = server.enrolment_code("fay", "worker")
    body = device.enrol_body(code)
    # the impostor presents the device's public keys but can only sign with its own key
    raw = json.dumps(body).encode()
    forged = impostor.authorization("POST", "/v1/enrol", raw).replace(impostor.device_id, device.device_id)
    problem(
        device.request("POST", "/v1/enrol", raw, content_type="application/json", authorization=forged),
        401,
        "unauthenticated",
    )
    unsigned = httpx.post(server.base_url + "/v1/enrol", json=body)
    problem(unsigned, 401, "unauthenticated")
    assert device.enrol(code).status_code == 201  # the refused attempts did not use the code


def test_enrolment_with_a_malformed_key_changes_nothing(server: RunningServer) -> None:
    device = Device(server)
    code = server.enrolment_code("gus", "worker")
    body = device.enrol_body(code)
    body["recipient_keys"] = [{"suite": 1, "key": "not-a-key"}]
    problem(device.json("POST", "/v1/enrol", body), 422, "invalid-request")
    problem(device.json("POST", "/v1/enrol", {"code": code}), 422, "invalid-request")
    assert device.enrol(code).status_code == 201


def test_codes_are_stored_only_as_hashes(server: RunningServer) -> None:
    code = server.enrolment_code("hal", "worker")
    storage = server.storage()
    try:
        with storage._read.connect() as connection:
            stored = set(connection.execute(select(enrolment_codes.c.code_hash)).scalars())
    finally:
        storage.close()
    assert code_hash(code) in stored
    assert code not in stored and code.replace("-", "") not in stored
