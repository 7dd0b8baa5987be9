"""A supervisor's team actions that are not merges: a note for a client's worker, and revoking a lost laptop.

A note is a follow-up `task` on the client's latest case, with the worker as assignee: the supervisor's own change to
that client's records, so `outgoing.seal_pending` seals it to the supervisors and the assigned worker's device only
(down-sync, `sync/downsync.py`). Revoking sends a wipe order signed with this laptop's supervisor key; the server
revokes the device and hands the order over at the laptop's next request, and the laptop obeys it only after checking
the signature against its own pins (`sync/wipe.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hbf_desktop.store import sync_state
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now, write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import SyncError
from hbf_desktop.sync.identity import device_keys, held_directory, is_supervisor, require_directory
from hbf_desktop.sync.wipe import make_wipe_order


class NoOpenCaseError(SyncError):
    """A note travels on the client's case; a client with no case has nowhere to carry it."""


class NotASupervisorError(SyncError):
    """Only a supervisor of the signed directory may order a wipe."""


def is_supervisor_store(store: Store) -> bool:
    """Whether this laptop's keys are a supervisor's in the held directory (False before enrolment)."""
    directory = held_directory(store)
    return directory is not None and is_supervisor(directory, device_keys(store))


def send_note(store: Store, client_id: str, note: str, *, days: int = 7) -> str:
    """A follow-up for the worker the client is assigned to, due in `days`; returns the task's id."""
    row = store.connection.execute(
        "SELECT id FROM record WHERE entity = 'case' AND client_id = ? AND deleted_at IS NULL"
        " ORDER BY json_extract(body, '$.status') = 'open' DESC, created_at DESC LIMIT 1",
        (client_id,),
    ).fetchone()
    if row is None:
        raise NoOpenCaseError("This client has no case to attach a note to; open a case first.")
    device = sync_state.assigned_device(store.connection, client_id)
    peer = sync_state.peer(store.connection, device) if device else None
    due = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    task = {"case_id": str(row[0]), "task_type": "follow_up", "due_at": due, "status": "open", "note": note,
            "assignee": peer.user if peer else store.author.user}  # fmt: skip
    return store.records.save("task", task).id


def revoke_and_wipe(store: Store, client: SyncClient, device_id: str) -> str:
    """Revoke the device at the server with a wipe order signed by this supervisor; returns the revocation time."""
    directory = require_directory(store)
    keys = device_keys(store)
    if not is_supervisor(directory, keys):
        raise NotASupervisorError("Only a supervisor's laptop can order a wipe.")
    order = make_wipe_order(device_id, directory.organisation_id, store.author.user, keys.signing)
    answer = client.put_wipe_order(device_id, order)
    revoked_at = answer.get("revoked_at")
    when = revoked_at if isinstance(revoked_at, str) and revoked_at else utc_now()
    with write_transaction(store.connection):
        sync_state.mark_revoked(store.connection, device_id, when)
    return when


@dataclass(frozen=True)
class AssignedClient:
    client_id: str
    code: str
    device_id: str | None
    user: str | None  # the user of the device the client is assigned to
    case_status: str | None
    risk_level: str | None


def caseload(connection: Connection, limit: int = 5000) -> list[AssignedClient]:
    """Every client with the worker device it is assigned to (none for the supervisor's own), by worker then code."""
    rows = connection.execute(
        "SELECT s.client_id, s.pseudonym_code, a.device_id, p.user, s.case_status, s.risk_level"
        " FROM client_summary s LEFT JOIN sync_assignment a ON a.client_id = s.client_id"
        " LEFT JOIN sync_peer p ON p.device_id = a.device_id ORDER BY p.user IS NULL, p.user, s.pseudonym_code"
        " LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        AssignedClient(str(r[0]), str(r[1]), *(None if value is None else str(value) for value in r[2:6])) for r in rows
    ]
