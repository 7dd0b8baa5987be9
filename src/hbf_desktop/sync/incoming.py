"""Receiving batches: verify, place on the sender's chain, open, merge, and record it, all in one transaction.

`Receiver.receive` takes the sealed bytes of many batches (a download page, a whole USB bundle) and applies them in
one write transaction, each inside its own savepoint: a batch that fails a check is rolled back alone and kept aside
in `sync_in` with its reason, and never stops the others. The checks, in order:

1. framing and header (`parse_batch`); our own batches coming back are skipped;
2. de-duplication: a hash or batch id already applied applies nothing;
3. the sender's signing key: the one pinned on first sight (a different key offered later is refused as an alarm),
   else a supervisor's key from the signed directory, else a key offered by the server's registry or the bundle,
   pinned now; then the signature, and revocation (a batch received after the device's revocation is refused);
4. the chain (`classify`): a gap keeps the batch waiting until the missing ones come, a fork is flagged. A worker
   sees only the supervisors' batches addressed to it, so for those only duplicates are checked (merging is
   commutative, so their order does not matter);
5. open (a batch not addressed to our key moves the chain on and applies nothing), parse and merge the changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hbf_desktop.store import sync_state
from hbf_desktop.store.merging import MalformedChangeError, MergeOutcome, merge_changes, parse_change
from hbf_desktop.store.records import Writer
from hbf_desktop.store.store import Store
from hbf_desktop.store.sync_state import HeldBatch
from hbf_desktop.store.transactions import utc_now, write_meta
from hbf_desktop.sync import escrow
from hbf_desktop.sync.identity import PeerKeys, device_keys, is_supervisor, require_directory
from hbf_desktop.sync.protocol import (
    ChainPosition,
    ChainStatus,
    ProtocolError,
    SealedBatch,
    SigningPublicKey,
    batch_hash,
    classify,
    open_batch,
    parse_batch,
    verify_signature,
)

MAX_BATCH_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Incoming:
    """Sealed bytes as received, with the server's reception time when known (for revocation)."""

    data: bytes
    received_at: str | None = None


@dataclass
class ReceiveReport:
    applied: int = 0
    duplicates: int = 0
    own: int = 0
    not_addressed: int = 0
    waiting: int = 0  # batches held waiting for a gap to fill, all senders together
    forks: int = 0
    rejected: int = 0
    merged: MergeOutcome = field(default_factory=MergeOutcome)
    reasons: list[str] = field(default_factory=list)

    def add(self, other: ReceiveReport) -> None:
        for name in ("applied", "duplicates", "own", "not_addressed", "waiting", "forks", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.merged.add(other.merged)
        self.reasons.extend(other.reasons)


class _SetAsideError(Exception):
    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Receiver:
    def __init__(self, store: Store, *, offered: Mapping[str, PeerKeys] | None = None, source: str = "server"):
        self._store = store
        self._keys = device_keys(store)
        self._directory = require_directory(store)
        self._offered = dict(offered or {})
        self._source = source
        self._supervisor = is_supervisor(self._directory, self._keys)
        self._supervisor_keys = {member.signing_key.key_id: member for member in self._directory.supervisors}

    def receive(self, batches: Sequence[Incoming], *, meta: Mapping[str, str] | None = None) -> ReceiveReport:
        """Apply `batches` in one transaction (each in a savepoint); the report says what became of each.

        `meta` (e.g. the download cursor) is written in the same transaction, so it moves on exactly when the
        batches it covers are committed."""
        report = ReceiveReport()
        with self._store.records.writing() as writer:
            for key, value in (meta or {}).items():
                write_meta(writer.connection, key, value)
            for waiting_device in sync_state.waiting_devices(writer.connection):
                if waiting_device in self._offered or sync_state.peer(writer.connection, waiting_device) is not None:
                    self._retry_waiting(writer, waiting_device, report)  # its key may be known now
            for incoming in batches:
                device = self._receive_one(writer, incoming, report)
                if device is not None:
                    self._retry_waiting(writer, device, report)
            report.waiting = sync_state.waiting_count(writer.connection)
        return report

    # --- one batch ------------------------------------------------------------------------------------------------

    def _receive_one(self, writer: Writer, incoming: Incoming, report: ReceiveReport) -> str | None:
        """Returns the sender's device id when a batch was applied (so waiting successors can be retried)."""
        connection = writer.connection
        digest = batch_hash(incoming.data)
        try:
            batch = parse_batch(incoming.data, max_size=MAX_BATCH_BYTES)
        except ProtocolError as error:
            self._hold(writer, HeldBatch("unknown", digest, "unknown", 0, sync_state.REJECTED, str(error), utc_now(),
                                         self._source), incoming.data, report)  # fmt: skip
            return None
        metadata = batch.metadata
        if metadata.device_id == self._store.author.device_id:
            report.own += 1
            return None
        held = sync_state.held_batch(connection, digest)
        if held is not None and held.status != sync_state.WAITING:
            if held.status in sync_state.FINAL_STATUSES:
                report.duplicates += 1
            return None
        connection.execute("SAVEPOINT receive_batch")
        try:
            count = self._check_and_apply(writer, batch, incoming, report)
        except (_SetAsideError, ProtocolError, MalformedChangeError) as problem:
            connection.execute("ROLLBACK TO receive_batch")
            connection.execute("RELEASE receive_batch")
            status = problem.status if isinstance(problem, _SetAsideError) else sync_state.REJECTED
            reason = problem.reason if isinstance(problem, _SetAsideError) else str(problem)
            self._hold(writer, self._held(batch, status, reason), incoming.data, report)
            return None
        connection.execute("RELEASE receive_batch")
        return metadata.device_id if count >= 0 else None

    def _check_and_apply(self, writer: Writer, batch: SealedBatch, incoming: Incoming, report: ReceiveReport) -> int:
        """Raises `_SetAsideError` for a batch to keep aside; returns the changes applied (-1: a duplicate)."""
        connection, metadata, digest = writer.connection, batch.metadata, batch_hash(batch.data)
        prior = sync_state.applied_batch_hash(connection, str(metadata.batch_id))
        if prior is not None and prior != digest:
            raise _SetAsideError(sync_state.FORK, f"Another batch was already applied under id {metadata.batch_id}.")
        peer = self._trusted_peer(writer, batch)
        if peer.revoked_at is not None and (incoming.received_at or utc_now()) >= peer.revoked_at:
            raise _SetAsideError(
                sync_state.REJECTED, f"Device {metadata.device_id} was revoked at {peer.revoked_at}; this batch "
                "came after that. Check with the supervisor who revoked it before using its contents."
            )  # fmt: skip
        strict = self._supervisor or peer.role != "supervisor"
        if strict:
            position = ChainPosition(peer.last_sequence, peer.last_hash) if peer.last_hash else None
            status = classify(position, metadata, digest)
            if status is ChainStatus.DUPLICATE:
                report.duplicates += 1
                return -1
            if status is ChainStatus.STALE and batch.header.sealed_key_for(self._keys.recipient.key_id) is None:
                self._hold(writer, self._held(batch, sync_state.NOT_ADDRESSED, None), None, report)
                return 0  # from before this laptop was a recipient (a bundle carries those too): nothing for us
            if status is ChainStatus.GAP and self._starts_chain(batch, peer):
                status = ChainStatus.OK
            if status is ChainStatus.GAP:
                missing = f"{peer.last_sequence + 1}-{metadata.sequence - 1}"
                reason = f"Waiting for batches {missing} of device {metadata.device_id}."
                raise _SetAsideError(sync_state.WAITING, reason)
            if status is not ChainStatus.OK:
                raise _SetAsideError(
                    sync_state.FORK, f"Batch {metadata.sequence} of device {metadata.device_id} does not continue "
                    "its history (a restored or cloned laptop, or an altered server): ask an administrator."
                )  # fmt: skip
        count = self._open_and_merge(writer, batch, report, relay=peer.role == "supervisor")
        if strict:
            sync_state.advance_peer(connection, metadata.device_id, metadata.sequence, digest)
        return count

    def _starts_chain(self, batch: SealedBatch, peer: sync_state.Peer) -> bool:
        """A supervisor added later: nothing accepted from the sender yet, and the sender's escrow says it is the
        first batch sealed to us (signed and sealed, so a server cannot claim it to hide batches)."""
        key_id = self._keys.recipient.key_id
        if not self._supervisor or peer.last_hash is not None or batch.header.sealed_key_for(key_id) is None:
            return False
        try:
            document = json.loads(open_batch(batch, self._keys.recipient, key_id))
        except (ProtocolError, ValueError):
            return False
        return escrow.starts_chain_for(document, key_id)

    def _open_and_merge(self, writer: Writer, batch: SealedBatch, report: ReceiveReport, *, relay: bool) -> int:
        metadata = batch.metadata
        key_id = self._keys.recipient.key_id
        if batch.header.sealed_key_for(key_id) is None:
            self._hold(writer, self._held(batch, sync_state.NOT_ADDRESSED, None), None, report)
            return 0
        payload = open_batch(batch, self._keys.recipient, key_id)
        try:
            document = json.loads(payload)
            if escrow.is_escrow(document):
                escrow.keep(writer.connection, metadata.device_id, document)
                self._hold(writer, self._held(batch, sync_state.APPLIED, None), None, report)
                return 0
            raw_changes = document["changes"]
            if not isinstance(raw_changes, list):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise MalformedChangeError(f"Batch {metadata.batch_id} does not hold a list of changes.") from None
        # A supervisor may pass on what others wrote (a reassigned client's records, with their stamps); anyone
        # else may only send its own changes.
        sender = None if relay else metadata.device_id
        changes = [parse_change(change, sender) for change in raw_changes]
        outcome = merge_changes(writer, changes)
        if self._supervisor and not relay:
            sync_state.assign_new_clients(writer.connection, sorted(outcome.records), metadata.device_id)
        report.merged.add(outcome)
        self._hold(writer, self._held(batch, sync_state.APPLIED, None), None, report, len(changes))
        return len(changes)

    # --- trust ----------------------------------------------------------------------------------------------------

    def _trusted_peer(self, writer: Writer, batch: SealedBatch) -> sync_state.Peer:
        """The sender's pinned entry, pinning it now if it is new; the signature is checked before pinning."""
        connection, device_id = writer.connection, batch.metadata.device_id
        pinned = sync_state.peer(connection, device_id)
        offered = self._offered.get(device_id)
        if pinned is not None:
            key = SigningPublicKey.from_text(pinned.signing_key)
            if offered is not None and offered.signing_key != key:
                raise _SetAsideError(
                    sync_state.REJECTED, f"Device {device_id} now offers signing key {offered.signing_key.key_id}, "
                    f"not the key {key.key_id} pinned here. Refused: ask an administrator (a cloned or forged device?)."
                )  # fmt: skip
            verify_signature(batch, key)
            return pinned
        candidate = self._key_for_new_device(batch, offered)
        sync_state.pin_peer(connection, device_id, *candidate)
        if offered is not None and offered.revoked_at is not None:
            sync_state.mark_revoked(connection, device_id, offered.revoked_at)
        found = sync_state.peer(connection, device_id)
        assert found is not None
        return found

    def _key_for_new_device(
        self, batch: SealedBatch, offered: PeerKeys | None
    ) -> tuple[str, str, str, list[dict[str, object]]]:
        for member in self._directory.supervisors:  # the directory is signed by the root: trusted over any offer
            if member.signing_key.verifies(batch.signature, batch.signed_message):
                keys = PeerKeys("", member.user, "supervisor", member.signing_key, member.recipient_keys)
                return member.user, "supervisor", member.signing_key.to_text(), keys.recipient_json()
        if offered is None:
            raise _SetAsideError(  # kept, not refused: a device enrolled since the registry was read is no stranger
                sync_state.WAITING, f"Device {batch.metadata.device_id} is not known here yet (no key for it in the "
                "directory, the server's device list or the bundle); kept until its key is known."
            )  # fmt: skip
        verify_signature(batch, offered.signing_key)
        role = "worker" if offered.role == "supervisor" else offered.role  # only the directory makes a supervisor
        return offered.user, role, offered.signing_key.to_text(), offered.recipient_json()

    # --- bookkeeping ----------------------------------------------------------------------------------------------

    def _retry_waiting(self, writer: Writer, device_id: str, report: ReceiveReport) -> None:
        """A batch was applied: the lowest waiting successor may follow now, then the next, in sequence order."""
        while waiting := sync_state.waiting_batches(writer.connection, device_id):
            before = report.applied
            self._receive_one(writer, Incoming(waiting[0]), report)
            if report.applied == before:
                return

    def _held(self, batch: SealedBatch, status: str, reason: str | None) -> HeldBatch:
        metadata = batch.metadata
        return HeldBatch(
            str(metadata.batch_id), batch_hash(batch.data), metadata.device_id, metadata.sequence, status, reason,
            utc_now(), self._source,
        )  # fmt: skip

    def _hold(
        self, writer: Writer, held: HeldBatch, data: bytes | None, report: ReceiveReport, change_count: int = 0
    ) -> None:
        keep = data if held.status in {sync_state.WAITING, sync_state.FORK, sync_state.REJECTED} else None
        sync_state.hold_batch(writer.connection, held, keep, change_count)
        counter = {
            sync_state.APPLIED: "applied", sync_state.NOT_ADDRESSED: "not_addressed", sync_state.FORK: "forks",
            sync_state.REJECTED: "rejected",
        }.get(held.status)  # fmt: skip
        if counter is not None:  # waiting batches are counted once, at the end of `receive`
            setattr(report, counter, getattr(report, counter) + 1)
        if held.reason and held.status != sync_state.WAITING:
            report.reasons.append(held.reason)
