"""The caseload summary and queries on a real SQLCipher store: triggers keep it current, SQL filters and sorts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hbf_desktop.store import migrations
from hbf_desktop.store.caseload import CaseloadQuery, assigned_workers, client_row, count_clients, page_of_clients
from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.records import Author, Records
from hbf_desktop.store.store import Store
from hbf_desktop.store.today import today_lists
from hbf_desktop.store.transactions import write_meta, write_transaction

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _client(store: Store, code: str, name: str, *, worker: str = "sam", status: str = "open") -> tuple[str, str]:
    with store.records.writing() as writer:
        client = writer.save("client", {"pseudonym_code": code, "assigned_worker": worker})
        writer.save("client_identity", {"client_id": client.id, "known_as": name})
        case = writer.save("case", {"client_id": client.id, "status": status, "opened_on": "2026-01-10"})
    return client.id, case.id


def test_summary_follows_saves_edits_and_deletes(store: Store) -> None:
    client_id, case_id = _client(store, "HB-AAAA", "Alia")
    store.records.save("risk_assessment", {"case_id": case_id, "assessed_on": "2026-02-01", "overall_level": "low"})
    later = store.records.save(
        "risk_assessment", {"case_id": case_id, "assessed_on": "2026-05-01", "overall_level": "high"}
    )
    store.records.save("risk_assessment", {"case_id": case_id, "assessed_on": "2026-03-01", "overall_level": "low"})
    task = store.records.save(
        "task", {"case_id": case_id, "task_type": "follow_up", "due_at": "2026-11-30T10:00:00+01:00", "status": "open"}
    )
    row = client_row(store.connection, client_id)
    assert row is not None
    assert (row.known_as, row.case_status, row.risk_level) == ("Alia", "open", "high")
    assert row.next_follow_up == "2026-11-30 09:00:00", "due times are compared in UTC"
    assert row.risk_level == "high", "an older assessment recorded later does not replace the latest"
    store.records.save("task", {"status": "done"}, task.id)
    store.records.delete(later.id)
    row = client_row(store.connection, client_id)
    assert row is not None and row.next_follow_up is None and row.risk_level == "low"
    store.records.save("client", {"assigned_worker": "kim"}, client_id)
    row = client_row(store.connection, client_id)
    assert row is not None and row.assigned_worker == "kim" and row.known_as == "Alia" and row.case_id == case_id
    store.records.delete(client_id)
    assert client_row(store.connection, client_id) is None


def test_filters_search_sorting_and_paging_are_done_in_sql(store: Store) -> None:
    for index in range(30):
        _client(store, f"HB-{index:04d}", f"Name{index}", worker="sam" if index % 2 else "kim",
                status="closed" if index % 3 == 0 else "open")  # fmt: skip
    _client(store, "HB-ZZZZ", "Bertrand", worker="kim")
    assert count_clients(store.connection, CaseloadQuery()) == 31
    assert [row.known_as for row in page_of_clients(store.connection, CaseloadQuery(text="bert"), 0)] == ["Bertrand"]
    closed = CaseloadQuery(case_status="closed", assigned_worker="kim")
    assert count_clients(store.connection, closed) == 5  # 0, 6, 12, 18, 24
    first = page_of_clients(store.connection, CaseloadQuery(sort="pseudonym_code", descending=True), 0, limit=10)
    second = page_of_clients(store.connection, CaseloadQuery(sort="pseudonym_code", descending=True), 10, limit=10)
    assert first[0].pseudonym_code == "HB-ZZZZ"
    codes = [row.pseudonym_code for row in first + second]
    assert codes == sorted(codes, reverse=True) and len(set(codes)) == 20
    assert assigned_workers(store.connection) == ["kim", "sam"]
    assert page_of_clients(store.connection, CaseloadQuery(text="'; DROP TABLE record; --"), 0) == []


def test_today_lists_what_is_due_late_and_high_risk(store: Store) -> None:
    due_id, due_case = _client(store, "HB-DUE1", "Dana")
    store.records.save(
        "task", {"case_id": due_case, "task_type": "follow_up", "due_at": "2026-11-28T09:00:00+00:00", "status": "open"}
    )
    late_id, late_case = _client(store, "HB-LATE", "Lee")
    store.records.save("nrm_record", {"client_id": late_id, "route": "nrm", "referral_date": "2026-11-01"})
    store.records.save("consent", {"client_id": late_id, "scope": "data_processing", "given": True,
                                   "review_due": "2026-12-05"})  # fmt: skip
    store.records.save("risk_assessment", {"case_id": late_case, "assessed_on": "2026-11-01", "overall_level": "high"})
    _, calm_case = _client(store, "HB-CALM", "Cal")
    later = {"case_id": calm_case, "task_type": "follow_up", "due_at": "2027-02-01T09:00:00+00:00", "status": "open"}
    store.records.save("task", later)
    lists = today_lists(store.connection, NOW)
    assert [row.client_id for row in lists.follow_ups] == [due_id]
    assert [row.client_id for row in lists.nrm_late] == [late_id]
    assert [row.client_id for row in lists.consents_due] == [late_id]
    assert [row.client_id for row in lists.high_risk] == [late_id]


def test_today_leaves_out_closed_cases(store: Store) -> None:
    _, case_id = _client(store, "HB-GONE", "Gus", status="closed")
    store.records.save("risk_assessment", {"case_id": case_id, "assessed_on": "2026-11-01", "overall_level": "high"})
    assert today_lists(store.connection, NOW).high_risk == []


def test_migration_4_fills_the_summary_from_records_already_there(tmp_path: Path) -> None:
    key = bytearray(b"\x09" * 32)
    connection = open_connection(tmp_path / "hbf-store.db", key, check_integrity=False)
    migrations.migrate(connection, target=2)
    with write_transaction(connection):
        write_meta(connection, "device_id", "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b")
        write_meta(connection, "user", "old.version")
    records = Records(connection, Author("0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "old.version"))
    client = records.save("client", {"pseudonym_code": "HB-OLD1"})
    records.save("client_identity", {"client_id": client.id, "known_as": "Olga"})
    case = records.save("case", {"client_id": client.id, "status": "follow_up", "opened_on": "2025-01-01"})
    records.save("risk_assessment", {"case_id": case.id, "assessed_on": "2025-02-01", "overall_level": "medium"})
    connection.close()
    with Store.open_with_key(tmp_path, key) as store:
        row = client_row(store.connection, client.id)
    assert row is not None
    assert (row.known_as, row.case_id, row.case_status, row.risk_level) == ("Olga", case.id, "follow_up", "medium")


def test_a_client_edit_arriving_before_its_creation_does_not_fail_the_write(store: Store) -> None:
    """Sync can apply a later edit of a client (no pseudonym code in it) before the creation; the summary must take
    it (one bad row would otherwise fail a whole received page) and fill the code once the creation arrives."""
    client_id = "0190a6e4-0000-7000-8000-0000000000aa"
    with write_transaction(store.connection):
        store.connection.execute(
            "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at, created_by, version,"
            " sync_state) VALUES (?, 'client', ?, '{\"gender\": \"woman\"}', '{}', 'now', 'now', 'sync', 1, 'synced')",
            (client_id, client_id),
        )
    assert client_row(store.connection, client_id) is not None
    with write_transaction(store.connection):
        store.connection.execute(
            'UPDATE record SET body = \'{"gender": "woman", "pseudonym_code": "HB-LATE1"}\' WHERE id = ?',
            (client_id,),
        )
    row = client_row(store.connection, client_id)
    assert row is not None and row.pseudonym_code == "HB-LATE1"
