"""The caseworker's everyday writes and reads, each one transaction through `Records` (no Qt, no SQL of its own).

The GUI calls these on its store thread; they are plain functions so the CLI or tests can use them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from hbf_desktop.domain.codes import new_pseudonym_code
from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.errors import StoreError
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store


class NoOpenCaseError(StoreError):
    """Contacts and interventions belong to a case; the client has none."""


@dataclass(frozen=True)
class ClientFile:
    """Everything recorded for one client, grouped by entity, newest first within each."""

    client: StoredRecord
    identity: StoredRecord | None
    case_id: str | None
    by_entity: dict[str, list[StoredRecord]] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)  # id -> name, for reference fields

    def records(self, entity: str) -> list[StoredRecord]:
        return self.by_entity.get(entity, [])


def create_client(store: Store, client: Mapping[str, JsonValue], identity: Mapping[str, JsonValue]) -> str:
    """A new client with a fresh pseudonym code, their identity and an open case, in one transaction."""

    def taken(code: str) -> bool:
        row = store.connection.execute("SELECT 1 FROM client_summary WHERE pseudonym_code = ?", (code,)).fetchone()
        return row is not None

    with store.records.writing() as writer:
        record = writer.save("client", {"pseudonym_code": new_pseudonym_code(taken=taken), **client})
        values = {key: value for key, value in identity.items() if value not in (None, "", [])}
        if values:
            writer.save("client_identity", {"client_id": record.id, **values})
        today = date.today().isoformat()
        writer.save("case", {"client_id": record.id, "status": "open", "opened_on": today})
    return record.id


def load_client(store: Store, client_id: str) -> ClientFile:
    client = store.records.get(client_id)
    if client is None or client.entity != "client":
        raise StoreError("That client's record no longer exists; it may have been deleted or merged.")
    by_entity: dict[str, list[StoredRecord]] = {}
    for record in reversed(store.records.of_client(client_id)):
        by_entity.setdefault(record.entity, []).append(record)
    identities = by_entity.pop("client_identity", [])
    by_entity.pop("client", None)
    cases = by_entity.get("case", [])
    case = max(cases, key=lambda record: str(record.values.get("opened_on", "")), default=None)
    organisations = {
        record.id: str(record.values.get("name", "")) for record in store.records.of_entity("organisation")
    }
    store.audit_event("view", entity="client", record_id=client_id)
    return ClientFile(
        client, identities[0] if identities else None, case.id if case else None, by_entity, organisations
    )


def save_profile(
    store: Store,
    client_id: str,
    client: Mapping[str, JsonValue],
    identity: Mapping[str, JsonValue],
    versions: tuple[int | None, int | None],
) -> None:
    """The profile tab's client and identity fields together: both saved or neither."""
    with store.records.writing() as writer:
        writer.save("client", client, client_id, expected_version=versions[0])
        existing = store.records.of_client(client_id, "client_identity")
        if existing:
            writer.save("client_identity", identity, existing[0].id, expected_version=versions[1])
        elif any(value not in (None, "", []) for value in identity.values()):
            writer.save("client_identity", {"client_id": client_id, **identity})


def require_case(case_id: str | None) -> str:
    if not case_id:
        raise NoOpenCaseError("This client has no case yet, so this cannot be recorded. Nothing was saved.")
    return case_id


def log_contact(store: Store, case_id: str | None, values: Mapping[str, JsonValue]) -> StoredRecord:
    occurred = values.get("occurred_at") or datetime.now(UTC).isoformat(timespec="seconds")
    return store.records.save("contact", {**values, "case_id": require_case(case_id), "occurred_at": occurred})


def log_intervention(store: Store, case_id: str | None, values: Mapping[str, JsonValue]) -> StoredRecord:
    day = values.get("date") or date.today().isoformat()
    return store.records.save("intervention", {**values, "case_id": require_case(case_id), "date": day})
