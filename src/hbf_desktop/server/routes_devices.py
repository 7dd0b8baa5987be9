"""Health, enrolment, and the supervisor's device administration (list, revoke, wipe order)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from hbf_desktop import __version__
from hbf_desktop.server.api_models import (
    DEVICE_ID_PATTERN,
    SIGNED_DOCUMENT_BODY,
    DeviceEntry,
    DeviceList,
    EnrolAnswer,
    EnrolRequest,
    Health,
    RecipientKeyOut,
    RevocationRequest,
    problems,
)
from hbf_desktop.server.auth import iso_time, path_with_query
from hbf_desktop.server.enrolment import code_hash
from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import (
    BadEnrolmentCodeError,
    DeviceExistsError,
    DeviceRecord,
    NewDevice,
    RecipientKeyRecord,
    UnknownDeviceError,
)
from hbf_desktop.server.services import BodyDep, ServicesDep, SupervisorDep
from hbf_desktop.server.wipe_orders import check_wipe_order
from hbf_desktop.sync.protocol import CipherSuite, ProtocolError, RecipientPublicKey, SigningPublicKey

router = APIRouter()
DeviceIdPath = Annotated[str, Path(pattern=DEVICE_ID_PATTERN)]


@router.get("/v1/health", response_model=Health)
def health(found: ServicesDep) -> Health:
    return Health(status="ok", version=__version__, server_time=found.now())


@router.post("/v1/enrol", status_code=201, response_model=EnrolAnswer, responses=problems(401, 403, 409, 413, 422, 429))
def enrol(request: Request, enrolment: EnrolRequest, body: BodyDep, found: ServicesDep) -> EnrolAnswer:
    """Bind a new device's keys to the user and role of a one-time code, once it proves it holds the private key."""
    # Anyone may try to enrol, so the allowance is per address: codes cannot be guessed (78 bits) but the signature
    # checks and nonce inserts of a flood still cost.
    found.authenticator.check_rate(f"enrol from {request.client.host if request.client else '-'}", "This address")
    new_device, signing_key = _new_device(enrolment)
    header = request.headers.get("authorization")
    auth = found.authenticator.check_signature(
        request.method, path_with_query(request.scope), header, body, signing_key
    )
    if auth.device_id != enrolment.device_id:
        raise Problem(401, "unauthenticated", "The Authorization header names another device than the enrolment.")
    try:
        device = found.storage.enrol(code_hash(enrolment.code), new_device, found.now())
    except BadEnrolmentCodeError as error:
        raise Problem(403, "bad-enrolment-code", str(error)) from None
    except DeviceExistsError as error:
        raise Problem(409, "device-exists", str(error)) from None
    return EnrolAnswer(
        device_id=device.device_id,
        user=device.user,
        role=device.role,
        organisation_id=found.organisation_id(),
        server_time=found.now(),
    )


@router.get("/v1/devices", response_model=DeviceList, responses=problems(401, 403, 429))
def list_devices(_supervisor: SupervisorDep, found: ServicesDep) -> DeviceList:
    return DeviceList(devices=[device_entry(device) for device in found.storage.devices()])


@router.post(
    "/v1/devices/{device_id}/revocation", response_model=DeviceEntry, responses=problems(401, 403, 404, 422, 429)
)
def revoke(
    revocation: RevocationRequest,
    device_id: DeviceIdPath,
    _supervisor: SupervisorDep,
    found: ServicesDep,
) -> DeviceEntry:
    try:
        return device_entry(found.storage.revoke(device_id, revocation.reason, found.now()))
    except UnknownDeviceError as error:
        raise Problem(404, "not-found", str(error)) from None


@router.put(
    "/v1/devices/{device_id}/wipe-order",
    response_model=DeviceEntry,
    openapi_extra=SIGNED_DOCUMENT_BODY,
    responses=problems(401, 403, 404, 413, 422, 429),
)
def put_wipe_order(
    device_id: DeviceIdPath,
    body: BodyDep,
    _supervisor: SupervisorDep,
    found: ServicesDep,
) -> DeviceEntry:
    """Keep a wipe order for the device (revoking it), to hand it over in its next `device-revoked` answer."""
    if found.storage.device(device_id) is None:
        raise Problem(404, "not-found", f"There is no device {device_id} on this server.")
    check_wipe_order(body, device_id, found)
    return device_entry(found.storage.set_wipe_order(device_id, body, found.now()))


def device_entry(device: DeviceRecord) -> DeviceEntry:
    return DeviceEntry(
        device_id=device.device_id,
        user=device.user,
        role=device.role,
        signing_key=device.signing_key,
        recipient_keys=[RecipientKeyOut(suite=k.suite, key=k.key, key_id=k.key_id) for k in device.recipient_keys],
        enrolled_at=iso_time(device.enrolled_at) or "",
        revoked_at=iso_time(device.revoked_at),
        last_seen_at=iso_time(device.last_seen_at),
        last_sequence=device.last_sequence,
        last_batch_hash=device.last_batch_hash,
    )


def _new_device(enrolment: EnrolRequest) -> tuple[NewDevice, SigningPublicKey]:
    try:
        signing_key = SigningPublicKey.from_text(enrolment.signing_key)
        keys = [RecipientPublicKey.from_text(CipherSuite(key.suite), key.key) for key in enrolment.recipient_keys]
    except (ProtocolError, ValueError) as error:
        raise Problem(422, "invalid-request", f"A key in the enrolment is not valid: {error}") from None
    if len({key.suite for key in keys}) != len(keys):
        raise Problem(422, "invalid-request", "The enrolment has two recipient keys for one cipher suite.")
    records = tuple(RecipientKeyRecord(int(key.suite), key.to_text(), key.key_id) for key in keys)
    return NewDevice(enrolment.device_id, signing_key.to_text(), enrolment.label, records), signing_key
