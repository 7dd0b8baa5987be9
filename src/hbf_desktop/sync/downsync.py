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

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store import sync_state
from hbf_desktop.store.records import decode_stamps
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now
from hbf_desktop.sync.errors import SyncError


class UnknownDeviceError(SyncError):
    """A device this laptop has not pinned (it has sent nothing yet): its key is not known, so nothing can be sealed."""


def reassign(store: Store, client_id: str, device_id: str) -> int:
    """Assign `client_id` to the worker device `device_id` and queue the client's records for it, in one
    transaction. Returns the number of changes queued."""
    if sync_state.peer(store.connection, device_id) is None:
        raise UnknownDeviceError(
            f"Device {device_id} is not known on this laptop yet; sync once after it has sent its first changes."
        )
    with store.records.writing() as writer:
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
