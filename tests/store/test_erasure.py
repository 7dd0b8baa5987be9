"""Erasing a client: every record emptied, a tombstone marked `erased` queued for sync, a legal hold refuses it,
and no canary is left in any decrypted page of the store's files afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hbf_desktop.store.attachments import add_attachment
from hbf_desktop.store.erasure import LegalHoldError, erase_client
from hbf_desktop.store.errors import RecordNotFoundError
from hbf_desktop.store.store import Store
from tests.conftest import StoreTemplate
from tests.reports.crafted import Caseload
from tests.store.pages import pages_containing

CANARY = "ZQXERASECANARY"


def _client_with_canaries(store: Store, *, hold: bool = False) -> tuple[str, str, list[str]]:
    caseload = Caseload()
    client, case = caseload.client(local_area="Camden")
    if hold:
        caseload.records[-1]["legal_hold"] = True
    caseload.add("client_identity", client_id=client, legal_name=f"{CANARY}NAME Person", phones=["+447700900111"])
    contact = caseload.call(case, "2024-03-01T10:00:00+00:00")
    caseload.records[-1]["note"] = f"{CANARY}NOTE said where she lives"
    other, other_case = caseload.client()
    caseload.add("contact", case_id=other_case, contact_type="welfare_call", occurred_at="2024-03-01T10:00:00+00:00",
                 outcome="completed", note="ZQXKEEPME other client's note")  # fmt: skip
    caseload.import_into(store)
    store.records.save("contact", {"note": f"{CANARY}EDIT second version"}, contact)
    add_attachment(store, case, f"{CANARY}FILE letter".encode() * 100, file_name="letter.txt", kind="decision_letter")
    return client, other, [f"{CANARY}NAME", f"{CANARY}NOTE", f"{CANARY}EDIT", f"{CANARY}FILE"]


def test_erasure_leaves_no_canary_in_any_decrypted_page(
    store: Store, store_dir: Path, store_template: StoreTemplate
) -> None:
    client, other, canaries = _client_with_canaries(store)
    store.checkpoint(truncate=True)
    database, key = store.paths.database, store_template.data_key
    assert all(pages_containing(database, key, canary) for canary in canaries), "the scan can see the canaries"

    erasure = erase_client(store, client)

    assert erasure.records_erased == 5  # client, identity, case, contact, attachment
    store.close()
    for canary in canaries:
        assert pages_containing(database, key, canary) == 0, f"{canary} survives in a page"
    assert pages_containing(database, key, "ZQXKEEPME"), "the other client's records are untouched"
    reopened = Store.open_with_key(store_dir, bytearray(key))
    try:
        assert reopened.records.of_client(other) != []
        assert reopened.search("ZQXERASECANARY") == [] and reopened.verify() == []
    finally:
        reopened.close()


def test_erased_records_keep_only_a_tombstone_and_queue_an_erased_change(store: Store) -> None:
    client, _, _ = _client_with_canaries(store)
    ids = [str(row[0]) for row in store.connection.execute("SELECT id FROM record WHERE client_id = ?", (client,))]

    erase_client(store, client)

    for record_id in ids:
        row = store.connection.execute(
            "SELECT body, stamps, client_id, deleted_at FROM record WHERE id = ?", (record_id,)
        ).fetchone()
        assert row[:3] == ("{}", "{}", None) and row[3] is not None
        changes = [json.loads(r[0]) for r in store.connection.execute(
            "SELECT change FROM outbox WHERE record_id = ? ORDER BY seq", (record_id,))]  # fmt: skip
        assert changes[-1]["erased"] is True and changes[-1]["deleted"] is True and changes[-1]["fields"] == {}
        assert all(change["fields"] == {} for change in changes), "earlier changes no longer carry values"
    actions = [tuple(r) for r in store.connection.execute("SELECT action, entity FROM audit WHERE action = 'erase'")]
    assert ("erase", "client") in actions and len(actions) == len(ids) + 1
    assert store.connection.execute("SELECT count(*) FROM attachment_chunk").fetchone()[0] == 0


def test_a_legal_hold_refuses_erasure_and_changes_nothing(store: Store) -> None:
    client, _, _ = _client_with_canaries(store, hold=True)
    before = store.connection.execute("SELECT count(*) FROM outbox").fetchone()[0]
    with pytest.raises(LegalHoldError, match="legal hold"):
        erase_client(store, client)
    assert store.connection.execute("SELECT count(*) FROM outbox").fetchone()[0] == before
    assert store.records.get(client) is not None


def test_erasing_an_unknown_or_erased_client_is_refused(store: Store) -> None:
    client, _, _ = _client_with_canaries(store)
    with pytest.raises(RecordNotFoundError):
        erase_client(store, "018d9be6-655a-753a-9a57-078d22a1ecd6")
    erase_client(store, client)
    with pytest.raises(RecordNotFoundError, match="already been erased"):
        erase_client(store, client)
