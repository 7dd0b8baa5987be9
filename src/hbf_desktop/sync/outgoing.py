"""Cutting the outbox into sealed batches: each sealed once, numbered and chained, kept until acknowledged.

A batch takes the oldest unbatched changes, at most 1,000 or about 4 MiB of change JSON. Sealing and recording
happen in one write transaction: the batch row, its chain position and the outbox rows it claims commit together, so
a crash either leaves the changes unbatched (they are sealed again, as a new batch with the same sequence number,
never sent before) or leaves the batch kept (and a retry sends its very bytes). Uploads and USB bundles both send
what `sync_out` holds; nothing re-seals a batch.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_transaction
from hbf_desktop.sync.errors import NotSetUpError
from hbf_desktop.sync.identity import device_keys, require_directory
from hbf_desktop.sync.protocol import (
    NO_PREVIOUS_BATCH,
    CipherSuite,
    Directory,
    IdentityKeys,
    RecipientPublicKey,
    batch_hash,
    seal_batch,
)

MAX_BATCH_CHANGES = 1000
MAX_BATCH_BYTES = 4 * 1024 * 1024
PAYLOAD_FORMAT = "hbf-changes-v1"


def build_payload(changes: Sequence[str]) -> bytes:
    """The batch's clear payload: the outbox's change JSON, joined as stored (no decode and re-encode)."""
    return b'{"changes":[' + ",".join(changes).encode() + b'],"format":"' + PAYLOAD_FORMAT.encode() + b'"}'


def seal_pending(
    store: Store,
    *,
    extra_recipients: Sequence[RecipientPublicKey] = (),
    max_changes: int = MAX_BATCH_CHANGES,
    max_bytes: int = MAX_BATCH_BYTES,
) -> int:
    """Seal every unbatched change into batches for the directory's supervisors; returns how many were sealed."""
    directory = require_directory(store)
    keys = device_keys(store)
    supervisors = [*directory.recipient_keys(keys.recipient.suite), *extra_recipients]
    if not supervisors:
        raise NotSetUpError("The organisation directory lists no supervisor yet, so there is no one to sync to.")
    sealed = 0
    while True:
        with write_transaction(store.connection):
            audience, changes = sync_state.unbatched_changes(store.connection, max_changes, max_bytes)
            if not changes:
                return sealed
            recipients = supervisors + worker_keys(store, audience, keys.recipient.suite)
            payload = build_payload([text for _, text in changes])
            seal_and_keep(store, directory, keys, payload, recipients, (changes[0][0], changes[-1][0]))
        sealed += 1


def seal_and_keep(
    store: Store,
    directory: Directory,
    keys: IdentityKeys,
    payload: bytes,
    recipients: Sequence[RecipientPublicKey],
    seqs: tuple[int, int],
) -> None:
    """Seal `payload` as the device's next batch and keep it, claiming outbox rows `seqs` (inside the caller's
    write transaction, so the chain position, the bytes and the claim commit together)."""
    last = sync_state.last_outgoing(store.connection)
    sequence, previous = (last[0] + 1, last[1]) if last else (1, NO_PREVIOUS_BATCH)
    batch_id = uuid.uuid4()
    data = seal_batch(
        payload,
        organisation_id=directory.organisation_id,
        device_id=store.author.device_id,
        batch_id=batch_id,
        sequence=sequence,
        previous_batch_hash=previous,
        created_at=datetime.now(UTC),
        directory_version=directory.version,
        recipients=recipients,
        signing_key=keys.signing,
        suite=keys.recipient.suite,
    )
    sync_state.add_outgoing(store.connection, sequence, str(batch_id), batch_hash(data), data, seqs)


def worker_keys(store: Store, device_id: str | None, suite: CipherSuite) -> list[RecipientPublicKey]:
    """The assigned worker's pinned recipient key: a supervisor's change to that worker's client is sealed to it."""
    if device_id is None:
        return []
    if device_id == sync_state.EVERY_WORKER:
        peers = [peer for peer in sync_state.peers(store.connection) if peer.role == "worker"]
    else:
        found = sync_state.peer(store.connection, device_id)
        peers = [] if found is None else [found]
    keys = [
        RecipientPublicKey.from_text(CipherSuite(int(str(k["suite"]))), str(k["key"]))
        for peer in peers
        for k in peer.recipient_keys
    ]
    return [key for key in keys if key.suite is suite]
