"""Merging changes received by sync into the records: per field, last writer wins by (HLC stamp, device).

A stamp is `<wall ms>.<counter>.<device>` in fixed-width hex, so "later by (HLC, device)" is a string comparison.
The rule is commutative, associative and idempotent: whatever order batches arrive in, every device ends with the same
value per field, and a change applied twice changes nothing. On top of it:

* A deletion is a tombstone with its own stamp and always wins: a deleted record stays deleted, whatever edits arrive
  later (their values are still merged into the kept body, so undeleting loses nothing).
* An erasure (`"erased": true`, made by `Writer.erase`) is a tombstone that also empties the body, the stamps, the
  search row, the attachment chunks and the record's conflict entries, and makes the record ignore every later change.
* The losing value of a concurrent edit goes to the `conflict` table. Two edits are concurrent when neither writer saw
  the other's value. An edit names, in `base`, the stamp each field had when its writer edited it; the later value
  saw the earlier when the same device wrote both, or its base is the earlier stamp, or its base is a later stamp of
  the earlier's device (`_saw`). An incoming value that loses to ours is succession, not a conflict, when ours saw it
  by that rule: ours from its device, or our own edit whose base (in our outbox) shows it. A held value merged from a
  third device keeps no base here, so an incoming loser against it is still logged when they differ (an extra entry a
  person dismisses is better than a silent loss).

Changes come from other devices' batches, already verified and opened by the sync engine; each is checked for shape
here (a malformed change raises `MalformedChangeError` and the caller rolls the whole batch back). Values are not
re-validated against the entity's rules: a partial record (an edit whose creation has not arrived) must still merge,
and refusing a value another device accepted would make devices diverge.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hbf_desktop.domain.clock import BadStampError, Stamp
from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.model import DomainError, EntitySpec, JsonValue, RecordValues
from hbf_desktop.store import search
from hbf_desktop.store.errors import StoreError
from hbf_desktop.store.records import Writer, decode_stamps, encode_stamps
from hbf_desktop.store.transactions import utc_now

_ROW = "SELECT rowid, entity, body, stamps, deleted_stamp, erased_at FROM record WHERE id = ?"


class MalformedChangeError(StoreError):
    """A change in a received batch is not in the outbox's form; the batch is refused as a whole."""


@dataclass
class MergeOutcome:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    erased: int = 0
    unchanged: int = 0
    conflicts: int = 0
    latest_stamp: str = ""
    records: set[str] = field(default_factory=set)

    def add(self, other: MergeOutcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.erased += other.erased
        self.unchanged += other.unchanged
        self.conflicts += other.conflicts
        self.latest_stamp = max(self.latest_stamp, other.latest_stamp)


@dataclass(frozen=True)
class Change:
    entity: EntitySpec
    record_id: str
    stamp: str
    fields: dict[str, JsonValue] = field(repr=False)  # received values: never in a traceback or log line
    base: dict[str, str]
    deleted: bool
    erased: bool
    created_at: str | None
    created_by: str | None


def parse_change(value: object, device_id: str | None) -> Change:
    """Check one change's shape; its stamp must name `device_id`, the sender (no device can write as another),
    unless `device_id` is None (a supervisor relaying others' changes)."""
    if not isinstance(value, dict):
        raise MalformedChangeError("A received change is not a JSON object.")
    try:
        spec = entity_spec(str(value.get("entity")))
        stamp = Stamp.parse(str(value.get("stamp")))
    except (DomainError, KeyError, BadStampError) as error:
        raise MalformedChangeError(f"A received change is malformed: {error}") from None
    record_id, fields, base = value.get("id"), value.get("fields", {}), value.get("base", {})
    if not isinstance(record_id, str) or not 1 <= len(record_id) <= 64:
        raise MalformedChangeError("A received change has no valid record id.")
    if not isinstance(fields, dict) or not isinstance(base, dict) or not all(isinstance(s, str) for s in base.values()):
        raise MalformedChangeError(f"Change {record_id}: its fields or base stamps are not objects.")
    if device_id is not None and stamp.device != device_id:
        raise MalformedChangeError(f"Change {record_id} is stamped by device {stamp.device}, not by its sender.")
    created = value.get("created")
    created_at = created.get("at") if isinstance(created, dict) else None
    created_by = created.get("by") if isinstance(created, dict) else None
    return Change(
        spec, record_id, str(stamp), fields, base, value.get("deleted") is True, value.get("erased") is True,
        created_at if isinstance(created_at, str) else None, created_by if isinstance(created_by, str) else None,
    )  # fmt: skip


def merge_changes(writer: Writer, changes: Sequence[Change]) -> MergeOutcome:
    """Apply `changes` inside the writer's open transaction; the caller commits them with its bookkeeping."""
    outcome = MergeOutcome()
    now = utc_now()
    for change in changes:
        _merge_one(writer, change, now, outcome)
        outcome.latest_stamp = max(outcome.latest_stamp, change.stamp)
        outcome.records.add(change.record_id)
    if changes:
        writer.connection.executemany(
            "INSERT OR IGNORE INTO sync_applied (record_id) VALUES (?)", ((rid,) for rid in sorted(outcome.records))
        )
        writer.observe(outcome.latest_stamp)
    if outcome.erased:  # FTS5 keeps deleted terms in old segments until a merge (as store/erasure.py does locally)
        writer.connection.execute("INSERT INTO search (search) VALUES ('optimize')")
    return outcome


def _merge_one(writer: Writer, change: Change, now: str, outcome: MergeOutcome) -> None:
    connection = writer.connection
    row = connection.execute(_ROW, (change.record_id,)).fetchone()
    if row is not None and row[1] != change.entity.name:
        raise MalformedChangeError(f"Change {change.record_id} is a {change.entity.name}, the record a {row[1]}.")
    if change.erased:
        _erase(writer, change, row, now)
        outcome.erased += 1
    elif row is None and not change.fields and not change.deleted:
        outcome.unchanged += 1  # an erased record's earlier change, emptied of its values: it brings nothing
    elif row is None:
        _insert(writer, change, now)
        outcome.created += 1
    elif row[5] is not None:
        outcome.unchanged += 1  # erased: nothing comes back
    else:
        _update(writer, change, row, now, outcome)


def _insert(writer: Writer, change: Change, now: str) -> None:
    body: RecordValues = {name: value for name, value in change.fields.items() if value is not None}
    stamps = dict.fromkeys(change.fields, change.stamp)
    client_id = writer.client_of(change.entity, change.record_id, body)
    deleted_at, deleted_stamp = (now, change.stamp) if change.deleted else (None, None)
    cursor = writer.connection.execute(
        "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at, created_by, version,"
        " deleted_at, deleted_stamp, sync_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'synced')",
        (change.record_id, change.entity.name, client_id, _encode(body), encode_stamps(stamps),
         change.created_at or now, now, change.created_by or "sync", deleted_at, deleted_stamp),
    )  # fmt: skip
    if not change.deleted:
        _reindex(writer, change.entity, int(cursor.lastrowid), client_id, change.record_id, body, new=True)


def _update(writer: Writer, change: Change, row: tuple[object, ...], now: str, outcome: MergeOutcome) -> None:
    rowid, body, stamps = int(str(row[0])), json.loads(str(row[2])), decode_stamps(str(row[3]))
    changed = False
    for name, value in change.fields.items():
        held = stamps.get(name)
        if held is not None and held == change.stamp:
            continue
        if held is None or change.stamp > held:
            if held is not None and body.get(name) != value and not _saw(change.base.get(name), change.stamp, held):
                _conflict(writer, change, name, (value, change.stamp), (body.get(name), held), now)
                outcome.conflicts += 1
            if value is None:
                body.pop(name, None)
            else:
                body[name] = value
            stamps[name] = change.stamp
            changed = True
        else:
            outcome.conflicts += _arrived_late(writer, change, name, (body.get(name), held), now)
    newly_deleted = change.deleted and (row[4] is None or change.stamp > str(row[4]))
    if not changed and not newly_deleted:
        outcome.unchanged += 1
        return
    deleted = row[4] is not None or change.deleted
    client_id = writer.client_of(change.entity, change.record_id, body)
    writer.connection.execute(
        "UPDATE record SET body = ?, stamps = ?, client_id = ?, updated_at = ?, version = version + 1,"
        " deleted_at = CASE WHEN ? THEN coalesce(deleted_at, ?) ELSE deleted_at END,"
        " deleted_stamp = CASE WHEN ? THEN ? ELSE deleted_stamp END WHERE rowid = ?",
        (_encode(body), encode_stamps(stamps), client_id, now, newly_deleted, now, newly_deleted, change.stamp, rowid),
    )
    if deleted:
        search.replace_index_row(writer.connection, rowid, None, change.record_id, None)
    else:
        _reindex(writer, change.entity, rowid, client_id, change.record_id, body, new=False)
    if newly_deleted:
        outcome.deleted += 1
    else:
        outcome.updated += 1


def _erase(writer: Writer, change: Change, row: tuple[object, ...] | None, now: str) -> None:
    """Empty everything the record held, here and in every table that could hold its values."""
    connection = writer.connection
    if row is None:
        connection.execute(
            "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at, created_by, version,"
            " deleted_at, deleted_stamp, erased_at, sync_state) VALUES (?, ?, NULL, '{}', '{}', ?, ?, 'sync', 1,"
            " ?, ?, ?, 'synced')",
            (change.record_id, change.entity.name, now, now, now, change.stamp, now),
        )
    else:
        connection.execute(
            "UPDATE record SET body = '{}', stamps = '{}', updated_at = ?, version = version + 1,"
            " deleted_at = coalesce(deleted_at, ?), deleted_stamp = ?, erased_at = coalesce(erased_at, ?)"
            " WHERE rowid = ?",
            (now, now, change.stamp, now, row[0]),
        )
        search.replace_index_row(connection, int(str(row[0])), None, change.record_id, None)
    connection.execute("DELETE FROM attachment_chunk WHERE record_id = ?", (change.record_id,))
    connection.execute("DELETE FROM conflict WHERE record_id = ?", (change.record_id,))
    # As Writer.erase does: this laptop's own earlier changes to the record still hold its values (kept until sent).
    connection.execute(
        "UPDATE outbox SET change = json_set(change, '$.fields', json('{}')) WHERE record_id = ?", (change.record_id,)
    )


def _reindex(
    writer: Writer, spec: EntitySpec, rowid: int, client_id: str | None, record_id: str, body: RecordValues,
    *, new: bool,
) -> None:  # fmt: skip
    columns = search.index_columns(spec, body) if spec.searchable else None
    if not new or columns is not None:
        search.replace_index_row(writer.connection, rowid, client_id, record_id, columns, new=new)


def _arrived_late(writer: Writer, change: Change, name: str, held: tuple[JsonValue, str], now: str) -> int:
    """`change`'s value of `name` loses to the held one: log it (returns 1) unless the held value saw it. And since
    `change` shows what its device had seen, take back an entry logged earlier between its base and a later value of
    its device (the winner came first and looked concurrent with what it had in fact replaced)."""
    base = change.base.get(name)
    if base is not None:
        rows = writer.connection.execute(
            "SELECT seq, kept_stamp FROM conflict WHERE record_id = ? AND field = ? AND lost_stamp = ?"
            " AND resolved_at IS NULL",
            (change.record_id, name, base),
        ).fetchall()
        for seq, kept in rows:
            if _device(str(kept)) == _device(change.stamp) and str(kept) >= change.stamp:
                writer.connection.execute("DELETE FROM conflict WHERE seq = ?", (seq,))
    value = change.fields[name]
    if held[0] == value or _saw(_local_base(writer, change.record_id, name, held[1]), held[1], change.stamp):
        return 0
    _conflict(writer, change, name, held, (value, change.stamp), now)
    return 1


def _saw(base: str | None, later: str, earlier: str) -> bool:
    """Whether the value written at `later` (over the value stamped `base`) came after `earlier` was seen: the same
    device wrote both (one device's stamps follow its own order), or it replaced `earlier` itself, or it replaced a
    value that `earlier`'s device wrote after `earlier`. Then `earlier` losing is succession, not a conflict."""
    if _device(later) == _device(earlier):
        return True
    return base is not None and (base == earlier or (_device(base) == _device(earlier) and base > earlier))


def _device(stamp: str) -> str:
    return stamp.split(".", 2)[-1]


def _local_base(writer: Writer, record_id: str, name: str, stamp: str) -> str | None:
    """The base of field `name` of this laptop's own change stamped `stamp` (None: not ours, or no base kept)."""
    rows = writer.connection.execute(
        "SELECT change FROM outbox WHERE record_id = ? ORDER BY seq DESC", (record_id,)
    ).fetchall()
    for (text,) in rows:
        change = json.loads(text)
        if change.get("stamp") == stamp:
            base = change.get("base")
            found = base.get(name) if isinstance(base, dict) else None
            return found if isinstance(found, str) else None
    return None


def _conflict(
    writer: Writer,
    change: Change,
    name: str,
    kept: tuple[JsonValue, str],
    lost: tuple[JsonValue, str],
    now: str,
) -> None:
    writer.connection.execute(
        "INSERT INTO conflict (record_id, entity, field, kept_value, kept_stamp, lost_value, lost_stamp, detected_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (change.record_id, change.entity.name, name, _encode(kept[0]), kept[1], _encode(lost[0]), lost[1], now),
    )


def _encode(value: JsonValue | Mapping[str, JsonValue]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
