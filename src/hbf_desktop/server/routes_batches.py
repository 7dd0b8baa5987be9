"""Uploading, listing, downloading and acknowledging sealed batches."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from hbf_desktop.server.api_models import (
    BINARY,
    BINARY_BODY,
    MAX_CURSOR,
    AckAnswer,
    AckRequest,
    BatchEntry,
    BatchList,
    BatchStored,
    problems,
)
from hbf_desktop.server.auth import iso_time
from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import (
    BatchConflictError,
    ChainForkError,
    CursorOutOfRangeError,
    SequenceGapError,
    StorageRefusalError,
)
from hbf_desktop.server.services import BodyDep, DeviceDep, ServicesDep
from hbf_desktop.server.uploads import check_upload

router = APIRouter()
OCTETS = "application/octet-stream"


@router.put(
    "/v1/batches/{batch_id}",
    status_code=201,
    response_model=BatchStored,
    openapi_extra=BINARY_BODY,
    responses={
        200: {"description": "The same bytes again: the stored answer"},
        **problems(401, 403, 409, 413, 422, 429),
    },
)
def put_batch(
    batch_id: uuid.UUID,
    response: Response,
    body: BodyDep,
    device: DeviceDep,
    found: ServicesDep,
) -> BatchStored:
    incoming = check_upload(body, device, found.organisation_id(), found.settings.max_body_bytes, batch_id)
    try:
        stored, created = found.storage.store_batch(incoming, found.now())
    except StorageRefusalError as error:
        raise refusal_problem(error) from None
    response.status_code = 201 if created else 200
    return BatchStored(
        batch_id=stored.batch_id, cursor=stored.cursor, sequence=stored.sequence, received_at=_iso(stored.received_at)
    )


@router.get("/v1/batches", response_model=BatchList, responses=problems(401, 403, 422, 429))
def list_batches(
    device: DeviceDep,
    found: ServicesDep,
    after: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> BatchList:
    """The caller's batches after `after`: one more than `limit` is read to tell whether there are more."""
    rows = found.storage.list_batches(device.key_ids, after, limit + 1) if device.key_ids else []
    page = rows[:limit]
    entries = [
        BatchEntry(
            cursor=row.cursor,
            batch_id=row.batch_id,
            device_id=row.device_id,
            sequence=row.sequence,
            size=row.size,
            received_at=_iso(row.received_at),
        )
        for row in page
    ]
    return BatchList(batches=entries, next_cursor=page[-1].cursor if page else after, more=len(rows) > limit)


@router.get(
    "/v1/batches/{batch_id}",
    response_class=Response,
    responses={200: {"description": "The sealed batch", "content": {OCTETS: BINARY}}, **problems(401, 403, 404, 429)},
)
def get_batch(batch_id: uuid.UUID, device: DeviceDep, found: ServicesDep) -> Response:
    """Only to the sender and to holders of a recipient key; anyone else is told it is not here (404)."""
    held = found.storage.held_batch(str(batch_id))
    if held is None or not (held.device_id == device.device_id or set(held.recipient_key_ids) & set(device.key_ids)):
        raise Problem(404, "not-found", f"There is no batch {batch_id} for this device.")
    return Response(held.data, media_type=OCTETS)


@router.post("/v1/acks", response_model=AckAnswer, responses=problems(401, 403, 422, 429))
def acknowledge(ack: AckRequest, device: DeviceDep, found: ServicesDep) -> AckAnswer:
    try:
        return AckAnswer(acknowledged_cursor=found.storage.acknowledge(device.device_id, ack.cursor))
    except CursorOutOfRangeError as error:
        raise Problem(422, "invalid-request", str(error)) from None


def refusal_problem(error: StorageRefusalError) -> Problem:
    if isinstance(error, SequenceGapError):
        return Problem(409, "sequence-gap", str(error), extra={"expected_sequence": error.expected_sequence})
    if isinstance(error, ChainForkError):
        return Problem(409, "chain-fork", str(error), extra={"expected_sequence": error.expected_sequence})
    if isinstance(error, BatchConflictError):
        return Problem(409, "batch-conflict", str(error))
    return Problem(409, "invalid-request", str(error))


def _iso(unix_seconds: int) -> str:
    return iso_time(unix_seconds) or ""
