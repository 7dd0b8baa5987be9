"""Records: the one path by which anything is written, so nothing is ever saved without its outbox row and audit entry.

A save validates the merged record with the domain's rules, stamps each changed field with the hybrid logical clock,
writes the record, its outbox change (what sync will send), its search-index row and a hash-chained audit entry, all
in one transaction: a crash at any instant leaves all of them or none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from hbf_desktop.domain.clock import HybridLogicalClock
from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.ids import new_id
from hbf_desktop.domain.model import EntitySpec, JsonValue, RecordValues
from hbf_desktop.domain.validation import validate
from hbf_desktop.store import audit, search
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.errors import ConcurrentEditError, RecordNotFoundError
from hbf_desktop.store.transactions import read_meta, utc_now, write_meta, write_transaction

_COLUMNS = (
    "rowid, id, entity, client_id, body, stamps, created_at, updated_at, created_by, version, deleted_at, deleted_stamp"
)


@dataclass(frozen=True)
class StoredRecord:
    id: str
    entity: str
    client_id: str | None
    values: RecordValues = field(repr=False)  # never in a traceback, log line or crash report (security review)
    stamps: dict[str, str]
    created_at: str
    updated_at: str
    created_by: str
    version: int
    deleted_at: str | None
    rowid: int = 0


@dataclass(frozen=True)
class Author:
    """Who writes: stamps carry the device, audit entries the user."""

    device_id: str
    user: str


class Records:
    """Reads records over one connection (one per thread); writes go through `writing()`."""

    def __init__(self, connection: Connection, author: Author) -> None:
        self._connection = connection
        self._author = author

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction: everything written through the yielded writer commits together or not at all."""
        with write_transaction(self._connection):
            clock = HybridLogicalClock(self._author.device_id, read_meta(self._connection, "hlc"))
            yield Writer(self._connection, self._author, clock, self)
            write_meta(self._connection, "hlc", clock.last)

    def save(
        self,
        entity: str,
        values: Mapping[str, JsonValue],
        record_id: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> StoredRecord:
        """Create or edit a record. `values` may be a subset on edit; None clears a field."""
        with self.writing() as writer:
            return writer.save(entity, values, record_id, expected_version=expected_version)

    def delete(self, record_id: str, *, expected_version: int | None = None) -> StoredRecord:
        """Tombstone a record: it disappears everywhere once synced; its stamp lets the delete win the merge."""
        with self.writing() as writer:
            return writer.delete(record_id, expected_version=expected_version)

    def get(self, record_id: str, *, include_deleted: bool = False) -> StoredRecord | None:
        row = self._connection.execute(f"SELECT {_COLUMNS} FROM record WHERE id = ?", (record_id,)).fetchone()
        record = None if row is None else _from_row(row)
        if record is not None and record.deleted_at is not None and not include_deleted:
            return None
        return record

    def of_entity(self, entity: str, *, include_deleted: bool = False) -> Iterator[StoredRecord]:
        condition = "" if include_deleted else " AND deleted_at IS NULL"
        cursor = self._connection.execute(
            f"SELECT {_COLUMNS} FROM record WHERE entity = ?{condition} ORDER BY rowid", (entity,)
        )
        for row in cursor:
            yield _from_row(row)

    def of_client(self, client_id: str, entity: str | None = None) -> list[StoredRecord]:
        sql = f"SELECT {_COLUMNS} FROM record WHERE client_id = ? AND deleted_at IS NULL"
        parameters: tuple[str, ...] = (client_id,)
        if entity is not None:
            sql += " AND entity = ?"
            parameters += (entity,)
        rows = self._connection.execute(sql + " ORDER BY rowid", parameters).fetchall()
        return [_from_row(row) for row in rows]

    def exists(self, entity: str, record_id: str) -> bool:
        row = self._connection.execute(
            "SELECT 1 FROM record WHERE id = ? AND entity = ? AND deleted_at IS NULL",
            (record_id, entity),
        ).fetchone()
        return row is not None

    def present_ids(self, record_ids: list[str]) -> set[str]:
        """Which of these ids the store already holds (deleted or not), asked in bulk."""
        present: set[str] = set()
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._connection.execute(f"SELECT id FROM record WHERE id IN ({marks})", chunk)
            present.update(str(row[0]) for row in rows)
        return present

    def latest_ids(self, entity: str, limit: int) -> list[str]:
        rows = self._connection.execute(
            "SELECT id FROM record WHERE entity = ? AND deleted_at IS NULL ORDER BY rowid DESC LIMIT ?",
            (entity, limit),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def count(self, entity: str) -> int:
        row = self._connection.execute(
            "SELECT count(*) FROM record WHERE entity = ? AND deleted_at IS NULL", (entity,)
        ).fetchone()
        return int(row[0])


class Writer:
    """Writes inside one open transaction (see `Records.writing`)."""

    def __init__(self, connection: Connection, author: Author, clock: HybridLogicalClock, records: Records) -> None:
        self._connection = connection
        self._author = author
        self._clock = clock
        self._records = records
        self._case_clients: dict[str, str | None] = {}

    @property
    def connection(self) -> Connection:
        return self._connection

    def observe(self, stamp: str) -> None:
        """Move the clock past a stamp merged from another device, so a later local edit wins over it."""
        self._clock.observe(stamp)

    def save(
        self,
        entity: str,
        values: Mapping[str, JsonValue],
        record_id: str | None = None,
        *,
        expected_version: int | None = None,
        audited: bool = True,
        validated_new: bool = False,
    ) -> StoredRecord:
        """`validated_new` is for bulk import: the values were validated and the id checked absent beforehand."""
        spec = entity_spec(entity)
        existing = None
        if record_id and not validated_new:
            existing = self._records.get(record_id, include_deleted=True)
        if existing is not None:
            _check_editable(existing, spec, expected_version)
        base: RecordValues = dict(existing.values) if existing else {}
        merged = {**base, **values}
        clean: RecordValues
        if validated_new:
            clean = {k: v for k, v in merged.items() if v is not None}
        else:
            clean = validate(spec.name, {k: v for k, v in merged.items() if v is not None})
        changed = {k: clean.get(k) for k in set(clean) | set(base) if clean.get(k) != base.get(k)}
        if existing is not None and not changed:
            return existing
        stamp, now = self._clock.tick(), utc_now()
        record_id = record_id or new_id()
        client_id = self.client_of(spec, record_id, clean)
        stamps = dict(existing.stamps) if existing else {}
        stamps.update({name: stamp for name in changed})
        rowid = self._upsert_row(spec, record_id, client_id, clean, stamps, existing, now)
        columns = search.index_columns(spec, clean) if spec.searchable else None
        if existing is not None or columns is not None:
            search.replace_index_row(self._connection, rowid, client_id, record_id, columns, new=existing is None)
        if spec.name == "case":
            self._case_clients[record_id] = client_id
        change: dict[str, JsonValue] = {
            "entity": spec.name,
            "id": record_id,
            "stamp": stamp,
            "fields": dict(sorted(changed.items())),
            "deleted": False,
        }
        if existing is None:
            change["created"] = {"at": now, "by": self._author.user}
        else:
            # The stamps this edit replaced: a receiver holding another stamp for a field knows the edits were
            # concurrent (neither writer saw the other's value) and keeps the loser in the conflict log.
            replaced = {name: existing.stamps[name] for name in sorted(changed) if name in existing.stamps}
            if replaced:
                change["base"] = dict(replaced)
        self._append_outbox(spec.name, record_id, change, now)
        if audited:
            action = "create" if existing is None else "update"
            self.audit(action, spec.name, record_id, tuple(sorted(changed)), now)
        version = existing.version + 1 if existing else 1
        created_at = existing.created_at if existing else now
        created_by = existing.created_by if existing else self._author.user
        return StoredRecord(
            record_id, spec.name, client_id, clean, stamps, created_at, now, created_by, version,
            None, rowid,
        )  # fmt: skip

    def delete(self, record_id: str, *, expected_version: int | None = None) -> StoredRecord:
        existing = self._records.get(record_id)
        if existing is None:
            raise RecordNotFoundError("That record no longer exists; it may have been deleted.")
        _check_editable(existing, entity_spec(existing.entity), expected_version)
        stamp, now = self._clock.tick(), utc_now()
        self._connection.execute(
            "UPDATE record SET deleted_at = ?, deleted_stamp = ?, updated_at = ?,"
            " version = version + 1, sync_state = 'pending' WHERE rowid = ?",
            (now, stamp, now, existing.rowid),
        )
        search.replace_index_row(self._connection, existing.rowid, None, existing.id, None)
        change: dict[str, JsonValue] = {
            "entity": existing.entity,
            "id": existing.id,
            "stamp": stamp,
            "fields": {},
            "deleted": True,
        }
        self._append_outbox(existing.entity, existing.id, change, now)
        self.audit("delete", existing.entity, existing.id, (), now)
        deleted = self._records.get(record_id, include_deleted=True)
        assert deleted is not None
        return deleted

    def erase(self, record_id: str) -> None:
        """Erase a record's content for good (a subject's erasure, or retention): the row keeps only its id, entity
        and a tombstone. Its search row, attachment bytes, the field values in its earlier outbox changes and its
        conflict copies go too, and an `erased` change travels so every device purges it (docs/reports.md)."""
        existing = self._records.get(record_id, include_deleted=True)
        if existing is None:
            raise RecordNotFoundError("That record is not in this store.")
        stamp, now = self._clock.tick(), utc_now()
        self._connection.execute(
            "UPDATE record SET body = '{}', stamps = '{}', client_id = NULL, deleted_at = coalesce(deleted_at, ?),"
            " deleted_stamp = ?, updated_at = ?, version = version + 1, sync_state = 'pending',"
            " erased_at = coalesce(erased_at, ?) WHERE rowid = ?",  # erased_at: sync ignores later changes to it
            (now, stamp, now, now, existing.rowid),
        )
        search.replace_index_row(self._connection, existing.rowid, None, existing.id, None)
        self._connection.execute("DELETE FROM attachment_chunk WHERE record_id = ?", (record_id,))
        self._connection.execute(
            "UPDATE outbox SET change = json_set(change, '$.fields', json('{}')) WHERE record_id = ?",
            (record_id,),
        )
        self._connection.execute("DELETE FROM conflict WHERE record_id = ?", (record_id,))
        change: dict[str, JsonValue] = {
            "entity": existing.entity, "id": existing.id, "stamp": stamp, "fields": {}, "deleted": True,
            "erased": True,
        }  # fmt: skip
        self._append_outbox(existing.entity, existing.id, change, now)
        self.audit("erase", existing.entity, existing.id, (), now)

    def audit(
        self, action: str, entity: str | None, record_id: str | None, fields: tuple[str, ...],
        now: str | None = None, reason: str | None = None,
    ) -> None:  # fmt: skip
        entry = audit.AuditEntry(now or utc_now(), self._author.user, action, entity, record_id, fields, reason)
        audit.append(self._connection, entry)

    def _upsert_row(
        self,
        spec: EntitySpec,
        record_id: str,
        client_id: str | None,
        body: RecordValues,
        stamps: dict[str, str],
        existing: StoredRecord | None,
        now: str,
    ) -> int:
        encoded_body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        encoded_stamps = encode_stamps(stamps)
        if existing is not None:
            self._connection.execute(
                "UPDATE record SET body = ?, stamps = ?, client_id = ?, updated_at = ?,"
                " version = version + 1, sync_state = 'pending' WHERE rowid = ?",
                (encoded_body, encoded_stamps, client_id, now, existing.rowid),
            )
            return existing.rowid
        cursor = self._connection.execute(
            "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at,"
            " created_by, version, sync_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'pending')",
            (record_id, spec.name, client_id, encoded_body, encoded_stamps, now, now,
             self._author.user),
        )  # fmt: skip
        return int(cursor.lastrowid)

    def client_of(self, spec: EntitySpec, record_id: str, body: RecordValues) -> str | None:
        """The client a record belongs to (itself, its client_id, or its case's client): indexed for lookups."""
        if spec.name == "client":
            return record_id
        if spec.parent == "client_id":
            value = body.get("client_id")
            return value if isinstance(value, str) else None
        if spec.parent == "case_id":
            case_id = str(body.get("case_id"))
            if case_id not in self._case_clients:
                row = self._connection.execute(
                    "SELECT client_id FROM record WHERE id = ? AND entity = 'case'", (case_id,)
                ).fetchone()
                self._case_clients[case_id] = None if row is None else row[0]
            return self._case_clients[case_id]
        return None

    def _append_outbox(self, entity: str, record_id: str, change: Mapping[str, JsonValue], now: str) -> None:
        self._connection.execute(
            "INSERT INTO outbox (record_id, entity, change, created_at) VALUES (?, ?, ?, ?)",
            (record_id, entity, json.dumps(change, ensure_ascii=False, separators=(",", ":")), now),
        )


def encode_stamps(stamps: Mapping[str, str]) -> str:
    """Stamps grouped by value ({stamp: [fields]}): one save stamps all its fields alike, so this is compact."""
    grouped: dict[str, list[str]] = {}
    for name, stamp in sorted(stamps.items()):
        grouped.setdefault(stamp, []).append(name)
    return json.dumps(grouped, separators=(",", ":"))


def decode_stamps(text: str) -> dict[str, str]:
    return {name: stamp for stamp, names in json.loads(text).items() for name in names}


def _check_editable(existing: StoredRecord, spec: EntitySpec, expected: int | None) -> None:
    if existing.entity != spec.name:
        raise RecordNotFoundError(f"Record {existing.id} is a {existing.entity}, not a {spec.name}.")
    if existing.deleted_at is not None:
        raise RecordNotFoundError("That record was deleted, so it cannot be changed.")
    if expected is not None and existing.version != expected:
        raise ConcurrentEditError(
            "This record was changed elsewhere while you were editing it. "
            "Your edits were not saved; reopen the record to see the latest version."
        )


def _from_row(row: tuple[object, ...]) -> StoredRecord:
    return StoredRecord(
        id=str(row[1]),
        entity=str(row[2]),
        client_id=None if row[3] is None else str(row[3]),
        values=json.loads(str(row[4])),
        stamps=decode_stamps(str(row[5])),
        created_at=str(row[6]),
        updated_at=str(row[7]),
        created_by=str(row[8]),
        version=int(str(row[9])),
        deleted_at=None if row[10] is None else str(row[10]),
        rowid=int(str(row[0])),
    )
