"""The caseload: one page of clients at a time, filtered and sorted in SQL on `client_summary` (migration 4).

Nothing here holds more than one page: the GUI's model asks for the next page as the person scrolls, so 100,000
clients cost what 200 do. Search goes through the store's FTS5 index (names and codes only: a caseload search must
not surface a client because a note mentions a name). Filter values are bound parameters; sort columns come from a
fixed table, never from text a person typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hbf_desktop.store.connection import Connection
from hbf_desktop.store.search import to_match_expression

PAGE_SIZE = 200
FOLLOW_UP_SOON_DAYS = 7
NRM_STAGES = ("not_referred", "awaiting_rg", "rg_negative", "awaiting_cg", "cg_positive", "cg_negative")
FOLLOW_UP_CHOICES = ("overdue", "due_soon", "none_planned")

# sort key -> ORDER BY; every order ends with the code so pages never overlap or skip a row.
SORTS: dict[str, str] = {
    "pseudonym_code": "pseudonym_code {d}",
    "known_as": "known_as COLLATE NOCASE {d}, pseudonym_code",
    "case_status": "case_status {d}, pseudonym_code",
    "risk_level": "risk_rank {d}, pseudonym_code",
    "next_follow_up": "next_follow_up IS NULL, next_follow_up {d}, pseudonym_code",
    "nrm_stage": "nrm_stage {d}, pseudonym_code",
    "assigned_worker": "assigned_worker {d}, pseudonym_code",
}
_SELECT = (
    "SELECT client_id, pseudonym_code, known_as, case_id, case_status, risk_level, next_follow_up, nrm_stage,"
    " nrm_since, assigned_worker, consent_review_due FROM client_summary"
)


@dataclass(frozen=True)
class CaseloadRow:
    client_id: str
    pseudonym_code: str
    known_as: str | None
    case_id: str | None
    case_status: str | None
    risk_level: str | None
    next_follow_up: str | None
    nrm_stage: str | None
    nrm_since: str | None
    assigned_worker: str | None
    consent_review_due: str | None


@dataclass(frozen=True)
class CaseloadQuery:
    """What the person asked for; empty values mean "any"."""

    text: str = ""
    case_status: str | None = None
    risk_level: str | None = None
    follow_up: str | None = None  # one of FOLLOW_UP_CHOICES
    nrm_stage: str | None = None
    assigned_worker: str | None = None
    sort: str = "pseudonym_code"
    descending: bool = False


def _where(query: CaseloadQuery, now: datetime) -> tuple[str, list[object]]:
    clauses: list[str] = []
    parameters: list[object] = []
    expression = to_match_expression(query.text)
    if expression is not None:
        clauses.append("client_id IN (SELECT client_id FROM search WHERE search MATCH ?)")
        parameters.append("{names codes} : (" + expression + ")")
    for column in ("case_status", "risk_level", "nrm_stage", "assigned_worker"):
        value = getattr(query, column)
        if value:
            clauses.append(f"{column} = ?")
            parameters.append(value)
    if query.follow_up == "overdue":
        clauses.append("next_follow_up < ?")
        parameters.append(utc_instant(now))
    elif query.follow_up == "due_soon":
        clauses.append("next_follow_up < ?")
        parameters.append(utc_instant(now + timedelta(days=FOLLOW_UP_SOON_DAYS)))
    elif query.follow_up == "none_planned":
        clauses.append("next_follow_up IS NULL")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", parameters


def utc_instant(moment: datetime) -> str:
    """The summary's UTC form of `next_follow_up` (summary_schema.py)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _order(query: CaseloadQuery) -> str:
    template = SORTS.get(query.sort, SORTS["pseudonym_code"])
    return " ORDER BY " + template.format(d="DESC" if query.descending else "ASC")


def count_clients(connection: Connection, query: CaseloadQuery, now: datetime | None = None) -> int:
    where, parameters = _where(query, now or datetime.now(UTC))
    return int(connection.execute("SELECT count(*) FROM client_summary" + where, parameters).fetchone()[0])


def page_of_clients(
    connection: Connection,
    query: CaseloadQuery,
    offset: int,
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
) -> list[CaseloadRow]:
    where, parameters = _where(query, now or datetime.now(UTC))
    sql = _SELECT + where + _order(query) + " LIMIT ? OFFSET ?"
    return [_row(row) for row in connection.execute(sql, [*parameters, limit, offset])]


def client_row(connection: Connection, client_id: str) -> CaseloadRow | None:
    row = connection.execute(_SELECT + " WHERE client_id = ?", (client_id,)).fetchone()
    return None if row is None else _row(row)


def assigned_workers(connection: Connection) -> list[str]:
    rows = connection.execute(
        "SELECT DISTINCT assigned_worker FROM client_summary WHERE assigned_worker IS NOT NULL ORDER BY 1"
    )
    return [str(row[0]) for row in rows]


def rows_where(
    connection: Connection, condition: str, parameters: tuple[object, ...], order: str, limit: int
) -> list[CaseloadRow]:
    """For the Today view's fixed questions (store/today.py); `condition` and `order` are never user text."""
    sql = f"{_SELECT} WHERE {condition} ORDER BY {order} LIMIT ?"
    return [_row(row) for row in connection.execute(sql, (*parameters, limit))]


def _row(row: tuple[object, ...]) -> CaseloadRow:
    values = [None if value is None else str(value) for value in row]
    return CaseloadRow(
        str(values[0]), str(values[1] or ""), values[2], values[3], values[4], values[5], values[6], values[7],
        values[8], values[9], values[10],
    )  # fmt: skip


PENDING_CAP = 10_000


def pending_changes(connection: Connection, cap: int = PENDING_CAP) -> int:
    """Changes not yet sent (the status bar's "changes waiting"), counted up to `cap` + 1: past a few thousand the
    exact number helps nobody, and counting millions of imported changes would hold the store thread for seconds."""
    row = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM outbox WHERE batch_id IS NULL LIMIT ?)", (cap + 1,)
    ).fetchone()
    return int(row[0])
