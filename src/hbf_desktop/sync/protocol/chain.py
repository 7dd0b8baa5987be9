"""Each device's batches form a hash chain; these helpers say where a new batch falls on it.

Batch n carries the SHA-256 of batch n-1's sealed bytes. Whoever holds the last accepted (sequence, hash) of a device
(the server, each supervisor) can then tell, from the new batch alone:

- OK: the next link. Accept it.
- DUPLICATE: the very same bytes again (a retried upload, a USB import done twice). Accept idempotently, apply nothing.
- GAP: a later sequence than the next one. Something is missing (lost, withheld or deleted by the server); keep the
  batch aside until the missing ones arrive, and show the gap.
- FORK: the same position with other content, or a next batch that does not link to what we hold. Two histories exist:
  a laptop restored from an old copy, a cloned device, a server that altered or reordered batches. Always an alarm.
- STALE: a position before the last accepted one. Only the holder's store can tell whether it is a re-delivery of a
  batch it already has (look it up by hash: then a duplicate) or a fork (same sequence, other hash).
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from hbf_desktop.sync.protocol.header import NO_PREVIOUS_BATCH, BatchMetadata
from hbf_desktop.sync.protocol.wire import SealedBatch


class ChainStatus(enum.Enum):
    OK = "ok"
    DUPLICATE = "duplicate"
    GAP = "gap"
    FORK = "fork"
    STALE = "stale"


@dataclass(frozen=True)
class ChainPosition:
    """The last accepted batch of one device: its sequence number and the SHA-256 hex of its sealed bytes."""

    sequence: int
    batch_hash: str


def batch_hash(data: bytes) -> str:
    """SHA-256 hex of a whole sealed batch: the chain link and the idempotency key for uploads."""
    return hashlib.sha256(data).hexdigest()


def classify(last: ChainPosition | None, metadata: BatchMetadata, hash_of_batch: str) -> ChainStatus:
    """Where a batch with `metadata` and `hash_of_batch` falls after `last` (None: nothing accepted from the device)."""
    if last is None:
        if metadata.sequence > 1:
            return ChainStatus.GAP
        return ChainStatus.OK if metadata.previous_batch_hash == NO_PREVIOUS_BATCH else ChainStatus.FORK
    if metadata.sequence == last.sequence:
        return ChainStatus.DUPLICATE if hash_of_batch == last.batch_hash else ChainStatus.FORK
    if metadata.sequence == last.sequence + 1:
        return ChainStatus.OK if metadata.previous_batch_hash == last.batch_hash else ChainStatus.FORK
    return ChainStatus.GAP if metadata.sequence > last.sequence else ChainStatus.STALE


class ChainVerifier:
    """Tracks the last accepted position per device in memory (a test, a USB import, a single import run).

    `check` only classifies; `accept` moves the position on. They are separate so that the caller can accept only
    after its own work (a merge, a database commit) has succeeded: a crash between the two re-checks as OK.
    """

    def __init__(self, positions: dict[str, ChainPosition] | None = None) -> None:
        self._positions: dict[str, ChainPosition] = dict(positions or {})

    def position(self, device_id: str) -> ChainPosition | None:
        return self._positions.get(device_id)

    def check(self, batch: SealedBatch) -> ChainStatus:
        return classify(self.position(batch.metadata.device_id), batch.metadata, batch_hash(batch.data))

    def accept(self, batch: SealedBatch) -> None:
        """Record `batch` as the device's latest; only for a batch that `check` classed OK (or DUPLICATE)."""
        status = self.check(batch)
        if status not in {ChainStatus.OK, ChainStatus.DUPLICATE}:
            raise ValueError(f"cannot accept a batch classed {status.value}")
        self._positions[batch.metadata.device_id] = ChainPosition(batch.metadata.sequence, batch_hash(batch.data))
