"""The save path: every save writes its outbox change and audit entry; edits stamp only what changed."""

from __future__ import annotations

import json

import pytest

from hbf_desktop.domain.model import ValidationError
from hbf_desktop.store import audit
from hbf_desktop.store.attachments import add_attachment, read_attachment
from hbf_desktop.store.errors import ConcurrentEditError, RecordNotFoundError, StoreDamagedError
from hbf_desktop.store.store import Store
from tests.samples import sample_record


def _client_with_case(store: Store) -> tuple[str, str]:
    client = store.records.save("client", {"pseudonym_code": "HB-7K3Q", "gender": "feminine"})
    store.records.save("client_identity", {"client_id": client.id, "known_as": "Alia Khan", "aliases": ["Ally"]})
    case = store.records.save("case", {"client_id": client.id, "status": "open", "opened_on": "2024-01-05"})
    return client.id, case.id


def _outbox(store: Store, record_id: str) -> list[dict[str, object]]:
    rows = store.connection.execute("SELECT change FROM outbox WHERE record_id = ? ORDER BY seq", (record_id,))
    return [json.loads(row[0]) for row in rows]


def test_a_save_writes_the_record_its_outbox_change_and_an_audit_entry(store: Store) -> None:
    client_id, _ = _client_with_case(store)
    record = store.records.get(client_id)
    assert record is not None and record.values["pseudonym_code"] == "HB-7K3Q" and record.version == 1
    (change,) = _outbox(store, client_id)
    assert set(change["fields"]) == {"pseudonym_code", "gender"}  # type: ignore[arg-type]
    entries = store.connection.execute("SELECT action, fields FROM audit WHERE record_id = ?", (client_id,)).fetchall()
    assert entries == [("create", '["gender", "pseudonym_code"]')]
    assert audit.verify_chain(store.connection) == []


def test_an_edit_stamps_and_sends_only_the_changed_fields(store: Store) -> None:
    client_id, _ = _client_with_case(store)
    before = store.records.get(client_id)
    assert before is not None
    after = store.records.save("client", {"gender": "masculine"}, client_id, expected_version=1)
    assert after.version == 2 and after.values["pseudonym_code"] == "HB-7K3Q"
    assert after.stamps["gender"] > before.stamps["gender"]
    assert after.stamps["pseudonym_code"] == before.stamps["pseudonym_code"]
    assert set(_outbox(store, client_id)[-1]["fields"]) == {"gender"}  # type: ignore[arg-type]


def test_saving_unchanged_values_writes_nothing(store: Store) -> None:
    client_id, _ = _client_with_case(store)
    store.records.save("client", {"gender": "feminine"}, client_id)
    assert len(_outbox(store, client_id)) == 1


def test_an_edit_based_on_an_old_version_is_refused(store: Store) -> None:
    client_id, _ = _client_with_case(store)
    store.records.save("client", {"gender": "masculine"}, client_id, expected_version=1)
    with pytest.raises(ConcurrentEditError, match="changed elsewhere"):
        store.records.save("client", {"gender": "non_conforming"}, client_id, expected_version=1)


def test_invalid_values_change_nothing(store: Store) -> None:
    client_id, case_id = _client_with_case(store)
    changes_before = store.stats().pending_changes
    with pytest.raises(ValidationError, match="Outcome"):
        store.records.save("contact", {"case_id": case_id, "contact_type": "welfare_call", "outcome": "answered"})
    assert store.stats().pending_changes == changes_before


def test_delete_is_a_tombstone_that_syncs(store: Store) -> None:
    client_id, case_id = _client_with_case(store)
    store.records.delete(case_id)
    assert store.records.get(case_id) is None
    assert store.records.get(case_id, include_deleted=True) is not None
    assert _outbox(store, case_id)[-1]["deleted"]
    with pytest.raises(RecordNotFoundError):
        store.records.save("case", {"status": "closed"}, case_id)


def test_search_finds_names_aliases_codes_and_notes(store: Store) -> None:
    client_id, case_id = _client_with_case(store)
    store.records.save(
        "contact",
        {"case_id": case_id, "contact_type": "welfare_call", "occurred_at": "2024-02-01T10:00:00+00:00",
         "outcome": "completed", "note": "Talked about the college application"},
    )  # fmt: skip
    for query in ("alia", "Khan", "ally", "HB-7K3", "7k3q", "college", "ali kha"):
        assert [hit.client_id for hit in store.search(query)] == [client_id], query
    assert store.search("a") == [], "one letter is too short to search"
    assert store.search('" OR 1=1 --') == [], "typed text is never FTS syntax"
    store.records.save(
        "client_identity", {"known_as": "Mira"}, store.records.of_client(client_id, "client_identity")[0].id
    )
    assert store.search("alia") == []
    assert [hit.client_id for hit in store.search("mira")] == [client_id]


def test_records_of_a_case_belong_to_its_client(store: Store) -> None:
    client_id, case_id = _client_with_case(store)
    contact = store.records.save("contact", sample_record("contact", {"case": case_id}, minimal=True))
    assert contact.client_id == client_id
    assert {record.entity for record in store.records.of_client(client_id)} >= {"client", "case", "contact"}


def test_attachments_round_trip_inside_the_store(store: Store) -> None:
    _, case_id = _client_with_case(store)
    content = bytes(range(256)) * 3000  # several chunks
    record = add_attachment(store, case_id, content, file_name="letter.pdf", kind="decision_letter")
    assert record.values["media_type"] == "application/pdf"
    assert read_attachment(store, record.id) == content
    store.connection.execute("UPDATE attachment_chunk SET data = x'00' WHERE record_id = ? AND chunk = 1", (record.id,))
    with pytest.raises(StoreDamagedError, match="damaged"):
        read_attachment(store, record.id)


def test_the_audit_chain_detects_an_altered_entry(store: Store) -> None:
    _client_with_case(store)
    store.connection.execute("DROP TRIGGER audit_is_append_only_update")
    store.connection.execute("UPDATE audit SET fields = '[]' WHERE seq = 2")
    assert any("altered" in problem for problem in audit.verify_chain(store.connection))


def test_the_audit_log_refuses_edits(store: Store) -> None:
    _client_with_case(store)
    with pytest.raises(Exception, match="append-only"):
        store.connection.execute("DELETE FROM audit")


def test_another_thread_gets_its_own_connection_to_the_same_store(store: Store) -> None:
    import threading

    client_id, _ = _client_with_case(store)
    seen: list[object] = []

    def work() -> None:
        other = store.open_another()
        try:
            record = other.records.get(client_id)
            seen.append(record.values["pseudonym_code"] if record else None)
            other.records.save("client", {"gender": "masculine"}, client_id)
        finally:
            other.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == ["HB-7K3Q"]
    edited = store.records.get(client_id)
    assert edited is not None and edited.values["gender"] == "masculine" and edited.version == 2
