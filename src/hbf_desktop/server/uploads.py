"""The server's checks on an uploaded sealed batch or chunk, in docs/sync-api.md's order, needing no recipient key."""

from __future__ import annotations

import uuid

from hbf_desktop.server.problems import Problem
from hbf_desktop.server.records import DeviceRecord, IncomingBatch
from hbf_desktop.sync.protocol import (
    BatchTooLargeError,
    ProtocolError,
    SigningPublicKey,
    batch_hash,
    parse_batch,
    verify_signature,
)


def check_upload(
    body: bytes, device: DeviceRecord, organisation_id: str | None, max_size: int, batch_id: uuid.UUID | None
) -> IncomingBatch:
    """Parse, match against the request and the server, verify the device's signature; else a 413/422 problem."""
    try:
        batch = parse_batch(body, max_size=max_size)
    except BatchTooLargeError as error:
        raise Problem(413, "too-large", str(error)) from None
    except ProtocolError as error:
        raise Problem(422, "malformed-batch", str(error)) from None
    metadata = batch.metadata
    if batch_id is not None and metadata.batch_id != batch_id:
        raise Problem(422, "batch-mismatch", f"The batch's id is {metadata.batch_id}, not {batch_id} as in the path.")
    if metadata.device_id != device.device_id:
        raise Problem(422, "batch-mismatch", f"The batch was made by device {metadata.device_id}, not by this one.")
    if organisation_id is None:
        raise Problem(
            422,
            "batch-mismatch",
            "This server has not been given its organisation yet: the administrator must run "
            "`hbf-server init --provisioning FILE`.",
        )
    if metadata.organisation_id != organisation_id:
        raise Problem(
            422, "batch-mismatch", f"The batch is for organisation {metadata.organisation_id}, not {organisation_id}."
        )
    try:
        verify_signature(batch, SigningPublicKey.from_text(device.signing_key))
    except ProtocolError as error:
        raise Problem(422, "bad-signature", str(error)) from None
    return IncomingBatch(metadata, batch_hash(body), body)
