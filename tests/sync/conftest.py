"""Sync tests' fixtures: the server engineer's real-server fixtures (reused, not rewritten) and an organisation of
real stores enrolled with that server; and a server-less organisation of a supervisor (sam) and a worker (wren)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import StoreTemplate
from tests.server.conftest import database, server  # noqa: F401 - the server engineer's fixtures, reused
from tests.server.harness import RunningServer
from tests.sync.org import Organisation
from tests.sync.server_org import ServerOrganisation


@pytest.fixture
def served_org(
    store_template: StoreTemplate,
    tmp_path: Path,
    server: RunningServer,  # noqa: F811 - the imported fixture
) -> Iterator[ServerOrganisation]:
    organisation = ServerOrganisation(store_template, tmp_path, server_url=server.base_url, root=server.root)
    organisation.running = server
    organisation.version = time.time_ns() // 1000  # the session's server holds the directories of earlier tests
    for name, supervisor in (("sam", True), ("ana", False), ("ben", False)):
        organisation.add(name, supervisor=supervisor)
    organisation.put_directory()
    for name in organisation.stores:
        organisation.enrol(name)
    yield organisation
    organisation.close()


@pytest.fixture
def org(store_template: StoreTemplate, tmp_path: Path) -> Iterator[Organisation]:
    organisation = Organisation(store_template, tmp_path)
    organisation.add("sam", supervisor=True)
    organisation.add("wren")
    yield organisation
    organisation.close()
