"""Retention (DATA-MODEL.md "Retention and de-identification"): closed cases past the policy period are listed for
review, then anonymised; a legal hold on any of the client's cases keeps them out.

A client is due when every case of theirs is closed and their last activity (the latest case closure or contact) is
more than `years` before the review date; a client with no case at all (an enquiry) 12 months after being recorded;
someone supported as a child (age band under 18) not before they turn 25. Anonymising one client, in one transaction:
- the identity vault row and attachments are erased, with no copy;
- every other live record is copied under a new random id, the client under a new surrogate id and code, with no
  mapping kept anywhere (not even in the audit log); identifier (I) and narrative (N) fields are dropped, dates become
  the first of their month (times midnight UTC), birth year and month are dropped (the age band stays), and
  citizenships held by fewer than k clients are dropped (the domain has no country -> region table yet);
- the originals are erased (`Writer.erase`), so the erasure travels as tombstones and the copies as new records.
Surrogate clients carry the code prefix `ANON-` and are never listed again. Audit entries older than the period are
removed too (the log holds no content, but DATA-MODEL.md keeps it six years).
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.ids import new_id
from hbf_desktop.domain.model import FieldKind, JsonValue, RecordValues
from hbf_desktop.store.erasure import client_records, purge_leftovers
from hbf_desktop.store.records import StoredRecord, Writer
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta

SURROGATE_PREFIX = "ANON-"
CHILD_AGE_BANDS = ("0_8", "9_17")  # supported as a child: kept until 25 if that is later (DATA-MODEL.md)
_NOT_COPIED = {"client_identity", "attachment"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PARENTS_FIRST = {"client": 0, "case": 1, "consent": 2, "support_plan": 3}


@dataclass(frozen=True)
class RetentionItem:
    client_id: str
    pseudonym_code: str
    last_activity: str
    due_on: str
    legal_hold: bool


@dataclass(frozen=True)
class RetentionResult:
    anonymised: int
    held: int
    records_erased: int
    audit_entries_removed: int = 0


def review_list(store: Store, *, years: int, as_of: date) -> list[RetentionItem]:
    """Clients due for retention at `as_of`, held ones included (marked), oldest first."""
    cases: dict[str, list[tuple[str | None, bool]]] = {}
    for client, closed, hold in store.connection.execute(
        "SELECT client_id, json_extract(body, '$.closed_on'), json_extract(body, '$.legal_hold') FROM record"
        " WHERE entity = 'case' AND deleted_at IS NULL AND client_id IS NOT NULL"
    ):
        cases.setdefault(str(client), []).append((closed, bool(hold)))
    contacts = dict(store.connection.execute(
        "SELECT client_id, max(substr(json_extract(body, '$.occurred_at'), 1, 10)) FROM record"
        " WHERE entity = 'contact' AND deleted_at IS NULL GROUP BY client_id"
    ).fetchall())  # fmt: skip
    due: list[RetentionItem] = []
    for client, code, created, band, birth_year, birth_month in store.connection.execute(
        "SELECT id, json_extract(body, '$.pseudonym_code'), created_at, json_extract(body, '$.age_band'),"
        " json_extract(body, '$.birth_year'), json_extract(body, '$.birth_month') FROM record"
        " WHERE entity = 'client' AND deleted_at IS NULL"
    ):
        found = cases.get(str(client), [])
        if str(code).startswith(SURROGATE_PREFIX) or any(closed is None for closed, _ in found):
            continue
        if found:
            last = max([str(closed) for closed, _ in found] + ([str(contacts[client])] if contacts.get(client) else []))
            due_on = _years_after(date.fromisoformat(last), years)
        else:  # an enquiry that never became a case
            last = str(created)[:10]
            due_on = _years_after(date.fromisoformat(last), 1)
        if band in CHILD_AGE_BANDS and isinstance(birth_year, int):
            due_on = max(due_on, date(birth_year + 25, birth_month if isinstance(birth_month, int) else 12, 1))
        if due_on <= as_of:
            due.append(RetentionItem(str(client), str(code), last, due_on.isoformat(), any(h for _, h in found)))
    return sorted(due, key=lambda item: (item.last_activity, item.client_id))


def apply_retention(store: Store, *, years: int, as_of: date, threshold: int) -> RetentionResult:
    """Anonymise every due client not under a legal hold, all in one transaction."""
    items = review_list(store, years=years, as_of=as_of)
    rare = _rare_citizenships(store, threshold)
    erased = 0
    with store.records.writing() as writer:
        for item in items:
            if not item.legal_hold:
                erased += anonymise_client(store, writer, item.client_id, rare)
        removed = truncate_audit(writer, _years_after(as_of, -years))
    anonymised = sum(1 for item in items if not item.legal_hold)
    if anonymised:
        purge_leftovers(store)
    return RetentionResult(anonymised, len(items) - anonymised, erased, removed)


def truncate_audit(writer: Writer, before: date) -> int:
    """Remove audit entries older than `before` (DATA-MODEL.md: the audit log is kept 6 years, then truncated).

    The log is append-only; its delete trigger yields only while `audit_truncation` is `allowed`, which is set and
    cleared inside this transaction. The chain then starts from the last removed entry's hash, so `verify` still
    checks every remaining entry. The truncation is itself audited.
    """
    connection = writer.connection
    last = connection.execute("SELECT max(seq) FROM audit WHERE at < ?", (before.isoformat(),)).fetchone()[0]
    if last is None:
        return 0
    chain_start = connection.execute("SELECT hash FROM audit WHERE seq = ?", (last,)).fetchone()[0]
    write_meta(connection, "audit_truncation", "allowed")
    removed = connection.execute("DELETE FROM audit WHERE seq <= ?", (last,)).rowcount
    write_meta(connection, "audit_chain_start", str(chain_start))
    write_meta(connection, "audit_truncation", "denied")
    writer.audit("erase", None, None, (), reason=f"retention: {removed} audit entries before {before} removed")
    return int(removed)


def anonymise_client(store: Store, writer: Writer, client_id: str, rare: set[str]) -> int:
    """Copy the client's records anonymised (see the module's docstring), erase the originals; returns how many."""
    records = client_records(store, client_id)
    kept = [r for r in records if r.deleted_at is None and r.entity not in _NOT_COPIED]
    new_ids = {record.id: new_id() for record in kept}
    for record in sorted(kept, key=lambda r: _PARENTS_FIRST.get(r.entity, 9)):
        writer.save(record.entity, anonymised_values(record, new_ids, rare), new_ids[record.id], audited=False)
    for record in records:
        writer.erase(record.id)
    writer.audit("erase", "client", client_id, (), reason=f"retention: anonymised, {len(records)} records erased")
    writer.audit("create", None, None, (), reason=f"retention: {len(kept)} anonymised records")
    return len(records)


def anonymised_values(record: StoredRecord, new_ids: dict[str, str], rare: set[str]) -> RecordValues:
    spec = ENTITIES[record.entity]
    values: RecordValues = {}
    for field in spec.fields:
        value = record.values.get(field.name)
        if value is None or field.is_identifier or field.is_narrative:
            continue
        if field.kind is FieldKind.REFERENCE:
            if field.references in ("client", "case") and value not in new_ids:
                continue
            value = new_ids.get(str(value), value)
        values[field.name] = _coarsened(value, field.kind)
    if record.entity == "client":
        values["pseudonym_code"] = SURROGATE_PREFIX + secrets.token_hex(4).upper()
        values.pop("birth_year", None)
        values.pop("birth_month", None)
        held = record.values.get("citizenship")
        kept = [code for code in held if isinstance(code, str) and code not in rare] if isinstance(held, list) else []
        values.pop("citizenship", None)
        if kept:
            values["citizenship"] = list(kept)
    if record.entity == "case":
        values.pop("legal_hold", None)
    return values


def _coarsened(value: JsonValue, kind: FieldKind) -> JsonValue:
    if kind is FieldKind.DATE and isinstance(value, str):
        return value[:7] + "-01"
    if kind is FieldKind.DATETIME and isinstance(value, str):
        return value[:7] + "-01T00:00:00+00:00"
    if kind is FieldKind.OBJECT:
        return _coarsened_nested(value)
    return value


def _coarsened_nested(value: JsonValue) -> JsonValue:
    if isinstance(value, dict):
        return {key: _coarsened_nested(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_coarsened_nested(item) for item in value]
    if isinstance(value, str) and _DATE.match(value):
        return value[:7] + "-01"
    return value


def _rare_citizenships(store: Store, threshold: int) -> set[str]:
    counts: Counter[str] = Counter()
    for (text,) in store.connection.execute(
        "SELECT json_extract(body, '$.citizenship') FROM record WHERE entity = 'client' AND deleted_at IS NULL"
    ):
        if isinstance(text, str):
            counts.update(re.findall(r'"([A-Z]{3})"', text))
    return {code for code, count in counts.items() if count < threshold}


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
