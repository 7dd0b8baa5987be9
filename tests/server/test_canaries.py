"""The server never holds a readable canary: not in any row of any table, any file of its data dir, or its log."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import MetaData, select

from hbf_desktop.server.sql_storage import SqlStorage
from tests.server.harness import Device, RunningServer


def _every_value(storage: SqlStorage) -> list[bytes]:
    """Every value of every row of every table, as bytes (blobs raw, everything else as its text)."""
    reflected = MetaData()
    values: list[bytes] = []
    with storage._read.connect() as connection:
        reflected.reflect(connection)
        assert {"batches", "devices", "nonces"} <= set(reflected.tables)
        for table in reflected.tables.values():
            for row in connection.execute(select(table)):
                for value in row:
                    values.append(bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode())
    return values


def _every_file(directory: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in directory.rglob("*") if path.is_file()]


def test_no_canary_in_tables_files_or_log(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    canaries = [f"CANARY-{secrets.token_hex(8)}" for _ in range(3)]
    supervisor, worker = enrolled("supervisor"), enrolled("worker")
    for canary in canaries:
        change = {"entity": "client", "field": "name", "value": canary, "note": f"lives at {canary} street"}
        worker.send(json.dumps([change] * 50).encode(), [supervisor.recipient])
    listing = supervisor.request("GET", "/v1/batches").json()
    for entry in listing["batches"]:
        assert supervisor.request("GET", f"/v1/batches/{entry['batch_id']}").status_code == 200
    assert supervisor.json("POST", "/v1/acks", {"cursor": listing["next_cursor"]}).status_code == 200

    storage = server.storage()
    try:
        values = _every_value(storage)
    finally:
        storage.close()
    assert any(len(value) > 4000 for value in values)  # the sealed batches are in there
    files = _every_file(server.data_dir)
    log = server.log_path.read_bytes()
    assert b"/v1/batches" in log  # the log is being written
    for canary in canaries:
        for form in (canary.encode(), canary.encode("utf-16-le"), canary.lower().encode()):
            assert not any(form in value for value in values), f"{canary} in a table"
            assert not [path for path, content in files if form in content], f"{canary} in a file"
            assert form not in log, f"{canary} in the log"


def test_the_log_never_holds_header_values_or_bodies(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    worker = enrolled("worker")
    header = worker.authorization("GET", "/v1/batches")
    assert worker.request("GET", "/v1/batches", authorization=header).status_code == 200
    signature = header.rsplit("signature=", 1)[1]
    code = server.enrolment_code("log check", "worker")
    Device(server).enrol(code)
    log = server.log_path.read_text()
    assert worker.device_id in log  # the one header value that is logged
    assert signature not in log and code not in log
