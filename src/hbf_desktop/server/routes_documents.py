"""The signed directory (anyone may fetch it; only a root-signed newer version is kept) and attachment chunks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from hbf_desktop.server.api_models import (
    ATTACHMENT_ID_PATTERN,
    BINARY,
    BINARY_BODY,
    SIGNED_DOCUMENT_BODY,
    AttachmentAnswer,
    Stored,
    problems,
)
from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import DeviceRecord, DirectoryConflictError, StorageRefusalError
from hbf_desktop.server.routes_batches import OCTETS, refusal_problem
from hbf_desktop.server.services import BodyDep, DeviceDep, Services, ServicesDep
from hbf_desktop.server.uploads import check_upload
from hbf_desktop.sync.protocol import (
    DIRECTORY_LABEL,
    Directory,
    DirectoryRollbackError,
    ProtocolError,
    verify_directory,
    verify_document,
)

router = APIRouter()
AttachmentIdPath = Annotated[str, Path(pattern=ATTACHMENT_ID_PATTERN)]
ChunkIndexPath = Annotated[int, Path(ge=0, le=1_000_000)]
_JSON = "application/json"


@router.get(
    "/v1/directory",
    response_class=Response,
    responses={200: {"description": "The signed directory", "content": {_JSON: {}}}, **problems(404)},
)
def get_directory(found: ServicesDep) -> Response:
    document = found.storage.latest_directory()
    if document is None:
        raise Problem(404, "no-directory", "The organisation has not published a directory to this server yet.")
    return Response(document, media_type=_JSON)


@router.put(
    "/v1/directory", response_model=Stored, openapi_extra=SIGNED_DOCUMENT_BODY, responses=problems(409, 413, 422)
)
def put_directory(body: BodyDep, found: ServicesDep) -> Stored:
    root = found.root_key()
    if root is None:
        raise Problem(
            422, "bad-directory", "This server was not given the root key: run hbf-server init --provisioning FILE."
        )
    held_bytes = found.storage.latest_directory()
    try:
        held = (
            None if held_bytes is None else Directory.from_document(verify_document(held_bytes, root, DIRECTORY_LABEL))
        )
        directory = verify_directory(body, root, held=held)
    except DirectoryRollbackError as error:
        raise Problem(409, "directory-rollback", str(error)) from None
    except ProtocolError as error:
        raise Problem(422, "bad-directory", str(error)) from None
    if directory.organisation_id != found.organisation_id():
        raise Problem(422, "bad-directory", f"The directory is for organisation {directory.organisation_id}.")
    try:
        found.storage.add_directory(directory.version, body, found.now())
    except DirectoryConflictError as error:
        raise Problem(409, "directory-rollback", str(error)) from None
    return Stored(status="stored")


@router.put(
    "/v1/attachments/{attachment_id}/chunks/{index}",
    status_code=201,
    response_model=Stored,
    openapi_extra=BINARY_BODY,
    responses={200: {"description": "The same bytes again"}, **problems(401, 403, 409, 413, 422, 429)},
)
def put_chunk(
    response: Response,
    attachment_id: AttachmentIdPath,
    index: ChunkIndexPath,
    body: BodyDep,
    device: DeviceDep,
    found: ServicesDep,
) -> Stored:
    incoming = check_upload(body, device, found.organisation_id(), found.settings.max_body_bytes, None)
    if incoming.metadata.sequence != index + 1:
        raise Problem(422, "batch-mismatch", f"Chunk {index} must carry sequence {index + 1}.")
    try:
        created = found.storage.store_chunk(attachment_id, index, incoming, found.now())
    except StorageRefusalError as error:
        raise refusal_problem(error) from None
    response.status_code = 201 if created else 200
    return Stored(status="stored")


@router.get("/v1/attachments/{attachment_id}", response_model=AttachmentAnswer, responses=problems(401, 403, 404, 429))
def get_attachment(
    attachment_id: AttachmentIdPath,
    device: DeviceDep,
    found: ServicesDep,
) -> AttachmentAnswer:
    _readable_attachment(found, device, attachment_id)
    held = found.storage.attachment(attachment_id)
    return AttachmentAnswer(attachment_id=attachment_id, chunks_held=held.chunks_held if held else 0)


@router.get(
    "/v1/attachments/{attachment_id}/chunks/{index}",
    response_class=Response,
    responses={200: {"description": "One sealed chunk", "content": {OCTETS: BINARY}}, **problems(401, 403, 404, 429)},
)
def get_chunk(
    attachment_id: AttachmentIdPath,
    index: ChunkIndexPath,
    device: DeviceDep,
    found: ServicesDep,
) -> Response:
    _readable_attachment(found, device, attachment_id)
    data = found.storage.chunk_data(attachment_id, index)
    if data is None:
        raise Problem(404, "not-found", f"Chunk {index} of attachment {attachment_id} is not held.")
    return Response(data, media_type=OCTETS)


def _readable_attachment(found: Services, device: DeviceRecord, attachment_id: str) -> None:
    held = found.storage.attachment(attachment_id)
    if held is None or not (held.device_id == device.device_id or set(held.recipient_key_ids) & set(device.key_ids)):
        raise Problem(404, "not-found", f"There is no attachment {attachment_id} for this device.")
