"""Supervisor → worker: assigning a client to a worker's laptop, and what travels down to it.

On a supervisor's laptop every client is assigned to one worker device: the device whose batch first brought it, until
a supervisor reassigns it. Each of the supervisor's own changes to that client's records (an edit, a follow-up task
with a note for the worker) is sealed to the supervisors *and* that worker's device key (`outgoing.seal_pending` cuts
batches so that one batch never reaches two workers). Reassigning also queues a snapshot of everything the supervisor
holds of the client, with the original per-field stamps, so the new worker's laptop merges it exactly as the
supervisors did (and an old copy anywhere cannot win over a newer value).

A worker accepts changes stamped by other devices only from a supervisor of the signed directory
(`incoming.Receiver`); everyone else may only send its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store import sync_state
from hbf_desktop.store.records import Writer, decode_stamps
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now
from hbf_desktop.sync.errors import SyncError
from hbf_desktop.sync.identity import device_keys, is_supervisor, require_directory


class UnknownDeviceError(SyncError):
    """A device this laptop has not pinned (it has sent nothing yet): its key is not known, so nothing can be sealed."""


class NotSupervisorError(SyncError):
    """Assigning clients is a supervisor's task."""


class UnknownClientError(SyncError):
    """The client to assign (or its case, for a note) is not on this laptop."""


@dataclass(frozen=True)
class Assignment:
    """What `assign_client` did: the worker's laptop, the changes queued for it, the note's task id (if any)."""

    device_id: str
    user: str
    queued: int
    note_id: str | None


def reassign(store: Store, client_id: str, device_id: str) -> int:
    """Assign `client_id` to the worker device `device_id` and queue the client's records for it, in one
    transaction. Returns the number of changes queued."""
    if sync_state.peer(store.connection, device_id) is None:
        raise UnknownDeviceError(
            f"Device {device_id} is not known on this laptop yet; sync once after it has sent its first changes."
        )
    with store.records.writing() as writer:
        return _queue_for(writer, client_id, device_id)


def assign_client(store: Store, client_id: str, worker: str, note: str | None = None) -> Assignment:
    """On a supervisor's laptop: assign `client_id` to `worker` (a device id, or the user name of exactly one
    worker laptop) and, with `note`, queue a follow-up task for that worker on the client's case; one transaction.
    Nothing is changed when any check fails."""
    directory, keys = require_directory(store), device_keys(store)
    if not is_supervisor(directory, keys):
        raise NotSupervisorError("Only a supervisor's laptop can assign clients; this laptop is a caseworker's.")
    peer = find_worker(store, worker)
    client = store.records.get(client_id)
    if client is None or client.entity != "client":
        raise UnknownClientError(f"There is no client {client_id} on this laptop; nothing was changed.")
    case_id = _case_for_note(store, client_id) if note is not None else None
    with store.records.writing() as writer:
        queued = 0
        if sync_state.assigned_device(writer.connection, client_id) != peer.device_id:
            queued = _queue_for(writer, client_id, peer.device_id)
        note_id = None
        if case_id is not None:
            task = {"case_id": case_id, "task_type": "follow_up", "status": "open", "assignee": peer.user,
                    "due_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "note": note}  # fmt: skip
            note_id = writer.save("task", task).id
    return Assignment(peer.device_id, peer.user, queued, note_id)


def find_worker(store: Store, worker: str) -> sync_state.Peer:
    """The pinned, unrevoked worker laptop named by device id or by its user's name (who must have only one)."""
    workers = [peer for peer in sync_state.peers(store.connection) if peer.role == "worker" and not peer.revoked_at]
    found = [peer for peer in workers if peer.device_id == worker] or [peer for peer in workers if peer.user == worker]
    if not found:
        raise UnknownDeviceError(
            f"No caseworker's laptop '{worker}' is known here; sync once so this laptop learns the enrolled devices."
        )
    if len(found) > 1:
        devices = ", ".join(peer.device_id for peer in found)
        raise UnknownDeviceError(f"{worker} has several laptops ({devices}): give the device id instead.")
    return found[0]


def _case_for_note(store: Store, client_id: str) -> str:
    """The case a note goes on: the client's latest open case, else its latest case."""
    cases = store.records.of_client(client_id, "case")
    if not cases:
        raise UnknownClientError(
            f"Client {client_id} has no case yet, so a note has nowhere to go; nothing was changed."
        )
    open_cases = [case for case in cases if case.values.get("status") == "open"]
    return (open_cases or cases)[-1].id


def _queue_for(writer: Writer, client_id: str, device_id: str) -> int:
    """Inside `writer`'s transaction: assign, and queue a snapshot of the client's records for the new worker."""
    connection = writer.connection
    sync_state.assign(connection, client_id, device_id, replace=True)
    rows = connection.execute(
        "SELECT id, entity, body, stamps, created_at, created_by, deleted_stamp FROM record"
        " WHERE client_id = ? AND erased_at IS NULL ORDER BY rowid",
        (client_id,),
    ).fetchall()
    now, queued = utc_now(), 0
    for row in rows:
        for change in _snapshot(row):
            connection.execute(
                "INSERT INTO outbox (record_id, entity, change, created_at) VALUES (?, ?, ?, ?)",
                (row[0], row[1], json.dumps(change, ensure_ascii=False, separators=(",", ":")), now),
            )
            queued += 1
    writer.audit("update", "client", client_id, (), now, reason="reassigned")
    return queued


def _snapshot(row: tuple[object, ...]) -> list[dict[str, JsonValue]]:
    """One change per distinct stamp (a save stamps all its fields alike), the deletion last."""
    record_id, entity, body = str(row[0]), str(row[1]), json.loads(str(row[2]))
    by_stamp: dict[str, dict[str, JsonValue]] = {}
    for name, stamp in decode_stamps(str(row[3])).items():
        by_stamp.setdefault(stamp, {})[name] = body.get(name)
    changes: list[dict[str, JsonValue]] = []
    for stamp, fields in sorted(by_stamp.items()):
        change: dict[str, JsonValue] = {"entity": entity, "id": record_id, "stamp": stamp, "fields": fields,
                                        "deleted": False}  # fmt: skip
        if not changes:
            change["created"] = {"at": str(row[4]), "by": str(row[5])}
        changes.append(change)
    if row[6] is not None:
        changes.append({"entity": entity, "id": record_id, "stamp": str(row[6]), "fields": {}, "deleted": True})
    return changes
