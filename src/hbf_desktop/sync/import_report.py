"""A supervisor's import: one sync round that can be cancelled, and the report of what it brought.

Cancelling is safe at any instant because of how `rounds.run_round` commits: each download page is merged in one
transaction together with the cursor that covers it, so stopping (by raising from the progress callback, which runs
before the page is merged) discards only the page in memory. The next import resumes from the stored cursor, and
de-duplication turns anything listed twice into nothing.

The report is read back from the store rather than from the round's counters, so it is the same whether the import ran
whole, was cancelled, or resumed: new records are those whose row is newer than the import's start, updated ones are
older rows a merge touched since then (merges mark a row `synced`; a local edit marks it `pending`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hbf_desktop.store.connection import Connection
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import SyncError
from hbf_desktop.sync.rounds import run_round

Progress = Callable[[int, int], None]


class ImportCancelledError(SyncError):
    """Raised from the progress callback to stop a round between steps; never shown."""


@dataclass(frozen=True)
class SetAside:
    device_id: str
    user: str
    sequence: int
    status: str  # waiting (a gap before it), fork, rejected
    reason: str


@dataclass(frozen=True)
class WorkerDevice:
    device_id: str
    user: str
    role: str
    revoked_at: str | None
    last_sequence: int
    last_received_at: str | None
    changes_received: int
    gaps: int  # batches waiting for earlier ones that have not come
    rejected: int
    clients: int  # clients assigned to this device


@dataclass
class ImportReport:
    cancelled: bool = False
    new_by_kind: dict[str, int] = field(default_factory=dict)
    updated_by_kind: dict[str, int] = field(default_factory=dict)
    new_conflicts: int = 0
    open_conflicts: int = 0
    set_aside: list[SetAside] = field(default_factory=list)
    devices: list[WorkerDevice] = field(default_factory=list)


@dataclass(frozen=True)
class ImportMark:
    """Where the store stood when an import began, so a resumed import can report from the first attempt."""

    rowid: int
    started_at: str


def mark(connection: Connection) -> ImportMark:
    rowid = connection.execute("SELECT coalesce(max(rowid), 0) FROM record").fetchone()[0]
    return ImportMark(int(rowid), utc_now())


def run_import(
    store: Store,
    client: SyncClient,
    progress: Progress,
    cancelled: Callable[[], bool],
    since: ImportMark | None = None,
) -> ImportReport:
    """One round; on cancel, stops before the next page is merged. Reports everything since `since`."""
    start = since or mark(store.connection)

    def step(_phase: str, done: int, total: int) -> None:
        if cancelled():
            raise ImportCancelledError("The import was cancelled.")
        progress(done, total)

    stopped = cancelled()
    if not stopped:
        try:
            run_round(store, client, progress=step)
        except ImportCancelledError:
            stopped = True
    report = report_since(store.connection, start)
    report.cancelled = stopped
    return report


def report_since(connection: Connection, start: ImportMark) -> ImportReport:
    report = ImportReport()
    report.new_by_kind = _by_kind(connection, "rowid > ?", (start.rowid,))
    report.updated_by_kind = _by_kind(
        connection, "rowid <= ? AND updated_at >= ? AND sync_state = 'synced'", (start.rowid, start.started_at)
    )
    report.new_conflicts = _count(connection, "SELECT count(*) FROM conflict WHERE detected_at >= ?", start.started_at)
    report.open_conflicts = _count(connection, "SELECT count(*) FROM conflict WHERE resolved_at IS NULL")
    report.set_aside = set_aside(connection)
    report.devices = devices(connection)
    return report


def _by_kind(connection: Connection, where: str, parameters: tuple[object, ...]) -> dict[str, int]:
    rows = connection.execute(
        f"SELECT entity, count(*) FROM record WHERE {where} GROUP BY entity ORDER BY entity", parameters
    ).fetchall()
    return {str(row[0]): int(row[1]) for row in rows}


def _count(connection: Connection, sql: str, *parameters: object) -> int:
    return int(connection.execute(sql, parameters).fetchone()[0])


def set_aside(connection: Connection) -> list[SetAside]:
    rows = connection.execute(
        "SELECT i.device_id, coalesce(p.user, '?'), i.sequence, i.status, coalesce(i.reason, '') FROM sync_in i"
        " LEFT JOIN sync_peer p ON p.device_id = i.device_id"
        " WHERE i.status IN ('waiting', 'fork', 'rejected') ORDER BY i.seq"
    ).fetchall()
    return [SetAside(str(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]) or _REASONS[str(r[3])]) for r in rows]


_REASONS = {"waiting": "waiting for earlier batches", "fork": "forked chain", "rejected": "refused"}


def devices(connection: Connection) -> list[WorkerDevice]:
    """Every pinned peer with what it sent: the team view's table and the import report's per-worker lines."""
    rows = connection.execute(
        "SELECT p.device_id, p.user, p.role, p.revoked_at, p.last_sequence,"
        " (SELECT max(received_at) FROM sync_in i WHERE i.device_id = p.device_id AND i.status = 'applied'),"
        " (SELECT coalesce(sum(change_count), 0) FROM sync_in i WHERE i.device_id = p.device_id"
        "  AND i.status = 'applied'),"
        " (SELECT count(*) FROM sync_in i WHERE i.device_id = p.device_id AND i.status = 'waiting'),"
        " (SELECT count(*) FROM sync_in i WHERE i.device_id = p.device_id AND i.status IN ('rejected', 'fork')),"
        " (SELECT count(*) FROM sync_assignment a WHERE a.device_id = p.device_id)"
        " FROM sync_peer p ORDER BY p.role DESC, p.user, p.device_id"
    ).fetchall()
    return [
        WorkerDevice(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            None if r[3] is None else str(r[3]),
            int(r[4]),
            None if r[5] is None else str(r[5]),
            int(r[6]),
            int(r[7]),
            int(r[8]),
            int(r[9]),
        )  # fmt: skip
        for r in rows
    ]
