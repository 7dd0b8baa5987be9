"""One real server process per database for the session: SQLite always, PostgreSQL when it answers.

The same tests run on both (the `server` fixture is parametrized). PostgreSQL gets a database of its own, made here
and dropped at the end. Without PostgreSQL a developer's run skips those tests with the reason; CI (`CI=true`) fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.server.harness import (
    Device,
    RunningServer,
    create_postgres_database,
    drop_postgres_database,
    make_server,
    postgres_available,
)


def _database_url(kind: str) -> Iterator[str | None]:
    if kind == "sqlite":
        yield None
        return
    reason = postgres_available()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI must test PostgreSQL)")
        pytest.skip(reason)
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for SQLite (the server's default file in its data directory), else a PostgreSQL URL."""
    yield from _database_url(request.param)


@pytest.fixture(scope="session")
def server(database: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = make_server(tmp_path_factory.mktemp("server"), database)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def enrolled(server: RunningServer) -> Callable[..., Device]:
    """Make and enrol a new device: `enrolled("worker")` or `enrolled("supervisor")`."""

    def enrol(role: str = "worker", user: str = "test user") -> Device:
        device = Device(server)
        response = device.enrol(server.enrolment_code(user, role))
        assert response.status_code == 201, response.text
        return device

    return enrol


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """A server of its own on SQLite (for limits that would disturb the shared one); stopped after the test."""
    started: list[RunningServer] = []

    def start(environment: dict[str, str] | None = None) -> RunningServer:
        running = make_server(tmp_path / f"server{len(started)}", None)
        started.append(running)
        running.start(environment)
        return running

    yield start
    for running in started:
        running.stop()
