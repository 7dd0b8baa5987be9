"""Erasing one client (UK GDPR Art. 17, or the end of retention): every record about them, refused under a legal hold.

All of the client's records are erased in one transaction through `Writer.erase`, so the erasure travels to every
device as tombstones marked `erased`. Then the full-text index is merged (FTS5 keeps deleted terms in old segments
until a merge) and the WAL is checkpointed and truncated, so no copy of the content is left in the store's files.
With `secure_delete` on (store/connection.py) SQLite zeroes the freed space, so the pages hold nothing either.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbf_desktop.store.errors import RecordNotFoundError, StoreError
from hbf_desktop.store.records import StoredRecord, Writer
from hbf_desktop.store.store import Store


class LegalHoldError(StoreError):
    """A case of this client is under a legal hold: live proceedings need the records, so nothing is erased."""


@dataclass(frozen=True)
class Erasure:
    client_id: str
    records_erased: int


def client_records(store: Store, client_id: str) -> list[StoredRecord]:
    """Every record about the client, deleted ones included (a tombstone still holds its body), client last."""
    rows = store.connection.execute(
        "SELECT id FROM record WHERE client_id = ? AND id != ? ORDER BY rowid", (client_id, client_id)
    ).fetchall()
    found = [store.records.get(str(row[0]), include_deleted=True) for row in rows]
    client = store.records.get(client_id, include_deleted=True)
    return [record for record in [*found, client] if record is not None]


def check_no_legal_hold(records: list[StoredRecord]) -> None:
    if any(record.entity == "case" and record.values.get("legal_hold") is True for record in records):
        raise LegalHoldError(
            "This client's case is under a legal hold (live legal, asylum or compensation proceedings), so their "
            "records cannot be erased. Nothing was changed. Lift the hold on the case first, if that is right."
        )


def find_client(store: Store, client_id: str) -> StoredRecord:
    client = store.records.get(client_id, include_deleted=True)
    if client is None or client.entity != "client":
        raise RecordNotFoundError(f"There is no client with id {client_id} in this store.")
    if client.values == {} and client.deleted_at is not None:
        raise RecordNotFoundError(f"The client {client_id} has already been erased.")
    return client


def erase_records(writer: Writer, records: list[StoredRecord]) -> None:
    for record in records:
        writer.erase(record.id)


def purge_leftovers(store: Store) -> None:
    """Merge the search index (dropping erased terms) and fold the WAL back, truncated. Run after the commit."""
    with store.records.writing() as writer:
        writer.connection.execute("INSERT INTO search (search) VALUES ('optimize')")
    store.checkpoint(truncate=True)


def erase_client(store: Store, client_id: str, *, reason: str = "erasure_request") -> Erasure:
    find_client(store, client_id)
    records = client_records(store, client_id)
    check_no_legal_hold(records)
    with store.records.writing() as writer:
        erase_records(writer, records)
        writer.audit("erase", "client", client_id, (), reason=f"{reason}: {len(records)} records")
    purge_leftovers(store)
    return Erasure(client_id, len(records))
