"""The storage on each database: the migration makes exactly the declared schema; a broken database answers 500."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from hbf_desktop.server.schema import metadata
from tests.server.harness import Device, RunningServer
from tests.server.problems import problem


def test_the_migration_makes_exactly_the_declared_schema(server: RunningServer) -> None:
    storage = server.storage()
    try:
        with storage._read.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        storage.close()
    assert differences == []
    assert revision == "0001"


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(fresh_server: Callable[..., RunningServer]) -> None:
    server = fresh_server()
    device = Device(server)
    assert device.enrol(server.enrolment_code("broken", "worker")).status_code == 201
    storage = server.storage()
    try:
        with storage._write.begin() as connection:
            connection.execute(text("DROP TABLE nonces"))  # a real fault: the database lost a table
    finally:
        storage.close()
    header = device.authorization("GET", "/v1/batches")
    body = problem(device.request("GET", "/v1/batches", authorization=header), 500, "server-error")
    assert "nonces" not in str(body["detail"])
    assert httpx.get(server.base_url + "/v1/health").status_code == 200  # the server keeps serving
    log = server.log_path.read_text()
    assert "unexpected error in GET /v1/batches" in log and "no such table: nonces" in log
    nonce = header.split("nonce=", 1)[1].split(",", 1)[0]
    assert nonce not in log  # the failed statement is logged without its parameters
