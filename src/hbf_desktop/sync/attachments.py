"""Attachments travel in chunks, sealed, and resume after an interruption from the last chunk the server holds.

Up: the chunks (256 KiB each, as the store keeps them) of an attachment made here are sealed once, in the batch
format with `sequence` = index + 1 and a hash chain of their own, for the directory's supervisors, and kept in
`sync_chunk_out` until the server holds them all (on a supervisor, also for the worker device the attachment's client
is assigned to, so it travels down like the record); a resumed upload asks the server how many it holds
(`GET /v1/attachments/{id}`) and sends the rest, identical bytes. Down: for each attachment record received by sync
whose bytes are incomplete, the chunks the server holds beyond those we have are fetched, checked (pinned sender key,
signature, the attachment's own chain) and kept one transaction per chunk, so an interrupted download resumes where it
stopped. When the last chunk is in, the whole is checked against the record's SHA-256 (which came signed in the
record's batch): a mismatch throws the chunks away and marks the attachment refused.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from hbf_desktop.store import attachment_state, sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import ServerAnswerError
from hbf_desktop.sync.identity import device_keys, require_directory
from hbf_desktop.sync.outgoing import worker_keys
from hbf_desktop.sync.protocol import (
    NO_PREVIOUS_BATCH,
    IdentityKeys,
    ProtocolError,
    RecipientPublicKey,
    SigningPublicKey,
    batch_hash,
    open_batch,
    parse_batch,
    seal_batch,
    verify_signature,
)

MAX_CHUNK_BATCH_BYTES = 2 * 1024 * 1024


def upload_attachments(store: Store, client: SyncClient) -> int:
    """Send every attachment made here that the server does not hold whole; returns how many were completed."""
    completed = 0
    for attachment_id in attachment_state.to_send(store.connection):
        sealed = attachment_state.sealed_chunks(store.connection, attachment_id)
        if not sealed:
            sealed = _seal_chunks(store, attachment_id)
            with write_transaction(store.connection):
                attachment_state.keep_sealed(store.connection, attachment_id, sealed)
        held = _chunks_held(client, attachment_id)
        for index in range(held, len(sealed)):
            client.upload_chunk(attachment_id, index, sealed[index])
        with write_transaction(store.connection):
            attachment_state.mark_sent(store.connection, attachment_id)
        completed += 1
    return completed


def _seal_chunks(store: Store, attachment_id: str) -> list[bytes]:
    directory, keys = require_directory(store), device_keys(store)
    recipients = [*directory.recipient_keys(keys.recipient.suite), *_assigned_worker(store, attachment_id, keys)]
    previous, sealed = NO_PREVIOUS_BATCH, []
    for index, chunk in enumerate(attachment_state.chunks(store.connection, attachment_id)):
        data = seal_batch(
            chunk, organisation_id=directory.organisation_id, device_id=store.author.device_id, batch_id=uuid.uuid4(),
            sequence=index + 1, previous_batch_hash=previous, created_at=datetime.now(UTC),
            directory_version=directory.version, recipients=recipients, signing_key=keys.signing,
            suite=keys.recipient.suite,
        )  # fmt: skip
        previous = batch_hash(data)
        sealed.append(data)
    return sealed


def _assigned_worker(store: Store, attachment_id: str, keys: IdentityKeys) -> list[RecipientPublicKey]:
    """On a supervisor, the worker device the attachment's client is assigned to (so a file a supervisor adds to a
    worker's client reaches that laptop, as the record does); on a worker, nobody (it has no assignments)."""
    row = store.connection.execute("SELECT client_id FROM record WHERE id = ?", (attachment_id,)).fetchone()
    device = None if row is None or row[0] is None else sync_state.assigned_device(store.connection, str(row[0]))
    return worker_keys(store, device, keys.recipient.suite)


def download_attachments(store: Store, client: SyncClient) -> int:
    """Fetch what the server holds of incomplete attachments; returns how many became complete."""
    completed = 0
    for expected in attachment_state.to_receive(store.connection):
        if expected.chunks_total and expected.chunks_done < expected.chunks_total:
            held = _chunks_held(client, expected.attachment_id)
            if held <= expected.chunks_done:
                continue  # nothing more uploaded yet: next round
            if not _fetch(store, client, expected, min(held, expected.chunks_total)):
                continue
        done = (
            expected.chunks_total == 0
            or attachment_state.chunk_count(store.connection, expected.attachment_id) == expected.chunks_total
        )
        if done:
            completed += _finish(store, expected)
    return completed


def _fetch(store: Store, client: SyncClient, expected: attachment_state.Expected, upto: int) -> bool:
    keys = device_keys(store)
    last_hash = expected.last_hash or NO_PREVIOUS_BATCH
    for index in range(expected.chunks_done, upto):
        data = client.download_chunk(expected.attachment_id, index)
        try:
            batch = parse_batch(data, max_size=MAX_CHUNK_BATCH_BYTES)
            peer = sync_state.peer(store.connection, batch.metadata.device_id)
            if peer is None:
                raise _RefusedError(f"chunk {index} comes from device {batch.metadata.device_id}, unknown here")
            verify_signature(batch, SigningPublicKey.from_text(peer.signing_key))
            if batch.metadata.sequence != index + 1 or batch.metadata.previous_batch_hash != last_hash:
                raise _RefusedError(f"chunk {index} does not continue the attachment's chain")
            chunk = open_batch(batch, keys.recipient, keys.recipient.key_id)
        except (ProtocolError, _RefusedError) as error:
            with write_transaction(store.connection):
                attachment_state.refuse(store.connection, expected.attachment_id, str(error))
            return False
        last_hash = batch_hash(data)
        with write_transaction(store.connection):
            attachment_state.add_received_chunk(store.connection, expected.attachment_id, index, chunk, last_hash)
    return True


def _finish(store: Store, expected: attachment_state.Expected) -> int:
    content = b"".join(attachment_state.chunks(store.connection, expected.attachment_id))
    with write_transaction(store.connection):
        if hashlib.sha256(content).hexdigest() == expected.sha256:
            attachment_state.set_state(store.connection, expected.attachment_id, attachment_state.RECEIVED,
                                       done=expected.chunks_total)  # fmt: skip
            return 1
        attachment_state.refuse(
            store.connection, expected.attachment_id, "its bytes do not match the checksum in its record"
        )
    return 0


def _chunks_held(client: SyncClient, attachment_id: str) -> int:
    """How many chunks the server holds (0 before the first: the server does not know the attachment yet)."""
    try:
        held = client.attachment_status(attachment_id).get("chunks_held")
    except ServerAnswerError as error:
        if error.status == 404:
            return 0
        raise
    if type(held) is not int or held < 0:
        raise ServerAnswerError("The server's answer about an attachment has the wrong shape.")
    return held


class _RefusedError(Exception):
    """A chunk that fails a check; internal, never escapes this module."""

    pass
