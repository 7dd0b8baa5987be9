"""A store made by the first schema version migrates; released migrations never change."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hbf_desktop.store import migrations
from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction

# Pinned: editing a released migration would fork the schema of stores already in the field.
RELEASED = {
    1: "bb5ca05118ad09db",
    2: "37e124b5859ceacf",
    3: "96a39110e3fac75d",
    4: "bed6b836991885e0",
    5: "22c3d19c31cb619b",
}


def test_released_migrations_are_unchanged() -> None:
    for version, pinned in RELEASED.items():
        assert hashlib.sha256(migrations.MIGRATIONS[version - 1].encode()).hexdigest()[:16] == pinned


def test_a_version_1_store_migrates_and_keeps_its_records(tmp_path: Path) -> None:
    key = bytearray(b"\x07" * 32)
    database = tmp_path / "hbf-store.db"
    connection = open_connection(database, key, check_integrity=False)
    migrations.migrate(connection, target=1)
    with write_transaction(connection):
        write_meta(connection, "device_id", "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b")
        write_meta(connection, "user", "old.version")
        connection.execute(
            "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at, created_by,"
            " version, sync_state) VALUES ('0190a6e4-0000-7000-8000-000000000001', 'client',"
            " '0190a6e4-0000-7000-8000-000000000001', '{\"pseudonym_code\": \"HB-OLD1\"}', '{}', 'x', 'x',"
            " 'old.version', 1, 'pending')"
        )
    connection.close()
    with Store.open_with_key(tmp_path, key) as store:
        assert migrations.schema_version(store.connection) == migrations.LATEST_VERSION
        record = store.records.get("0190a6e4-0000-7000-8000-000000000001")
        assert record is not None and record.values["pseudonym_code"] == "HB-OLD1"
        store.connection.execute("SELECT count(*) FROM conflict").fetchone()
        edited = store.records.save("client", {"gender": "feminine"}, record.id)
        assert edited.version == 2


def test_a_version_4_store_gains_the_report_indexes_and_its_reports_read_them(tmp_path: Path) -> None:
    from hbf_desktop.reports.period import Period
    from hbf_desktop.reports.source import Source

    key = bytearray(b"\x09" * 32)
    connection = open_connection(tmp_path / "hbf-store.db", key, check_integrity=False)
    migrations.migrate(connection, target=4)
    client, case, call = (f"0190a6e4-0000-7000-8000-00000000000{n}" for n in (1, 2, 3))
    rows = [
        (client, "client", client, '{"pseudonym_code": "HB-OLD4", "gender": "feminine"}'),
        (case, "case", client, f'{{"client_id": "{client}", "status": "open", "opened_on": "2024-01-02"}}'),
        (call, "contact", client, f'{{"case_id": "{case}", "contact_type": "welfare_call", "outcome": "completed",'
         ' "occurred_at": "2024-03-04T10:00:00+01:00"}'),
    ]  # fmt: skip
    with write_transaction(connection):
        write_meta(connection, "device_id", "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6c")
        write_meta(connection, "user", "old.version")
        for row in rows:
            connection.execute(
                "INSERT INTO record (id, entity, client_id, body, stamps, created_at, updated_at, created_by,"
                " version, sync_state) VALUES (?, ?, ?, ?, '{}', 'x', 'x', 'old.version', 1, 'pending')",
                row,
            )
    connection.close()
    with Store.open_with_key(tmp_path, key) as store:
        assert migrations.schema_version(store.connection) == 5
        indexes = {
            row[0]
            for row in store.connection.execute("SELECT name FROM sqlite_schema WHERE name LIKE 'record_report_%'")
        }
        assert {"record_report_contact", "record_report_client", "record_report_case"} <= indexes
        source = Source(store.connection)
        year = Period.parse("2024-01-01", "2025-01-01")
        assert source.rows("contact", ("contact_type", "outcome"), within=("occurred_at", year)) == [
            (client, "welfare_call", "completed")
        ]
        assert source.rows("client", ("gender",)) == [(client, "feminine")]
