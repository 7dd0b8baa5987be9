"""The supervisor views' tests reuse the sync tests' organisation on the real server (not rewritten here)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from hbf_desktop.store.store import Store
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.supervisor import SupervisorViews
from tests.server.conftest import database, server  # noqa: F401 - the server engineer's fixtures, reused
from tests.sync.conftest import served_org  # noqa: F401 - the sync engineer's organisation, reused
from tests.sync.server_org import ServerOrganisation
from tests.ui.conftest import WAIT_MS, WindowFactory, unlock


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The views are the same over either server database; the services' tests (test_services.py) run on both,
    the widget tests on SQLite only, to keep the shared machine's run short."""
    for item in items:
        if "ui/supervisor/test_views" in item.nodeid and "postgresql" in item.nodeid:
            item.add_marker(pytest.mark.skip(reason="widget tests run on the SQLite server; services on both"))


def open_supervisor(qtbot: QtBot, make_window: WindowFactory, data_dir: Path) -> tuple[MainWindow, SupervisorViews]:
    """The real window over the supervisor's store, unlocked with its passphrase, supervisor views registered."""
    window = make_window(data_dir)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: getattr(window, "supervisor_views", None) is not None, timeout=WAIT_MS)
    views: SupervisorViews = window.supervisor_views  # type: ignore[attr-defined]
    return window, views


def client_ids(store: Store, prefix: str, count: int) -> list[str]:
    with store.records.writing() as writer:
        return [writer.save("client", {"pseudonym_code": f"{prefix}{i:04d}", "gender": "feminine"}).id
                for i in range(count)]  # fmt: skip


def demo_data(store: Store, clients: int, seed: int) -> None:
    """What `hbf-desktop demo-data` adds (the same generator and import), into an open store."""
    from datetime import date

    from hbf_desktop.domain.interchange import records_from_dicts
    from hbf_desktop.store.importing import import_records
    from hbf_desktop.synthetic import generate

    result = records_from_dicts(generate(clients=clients, seed=seed, start_date=date(2019, 1, 1), years=7))
    assert not result.problems
    import_records(store, result.records)


def concurrent_edits(org: ServerOrganisation, prefix: str) -> str:
    """One of Ana's clients, synced, then edited on Sam's and Ana's laptops before either saw the other's edit; both
    sent, so Sam's next import finds the conflict. Returns the client's id."""
    sam, ana = org.stores["sam"], org.stores["ana"]
    (client_id,) = client_ids(ana, prefix, 1)
    org.round("ana")
    org.round("sam")
    sam.records.save("client", {"gender": "non_conforming"}, client_id)
    ana.records.save("client", {"gender": "masculine"}, client_id)
    org.round("sam")
    org.round("ana")
    return client_id


@pytest.fixture(autouse=True)
def _collect_figures() -> Iterator[None]:
    """Set up before (so torn down after) the window fixtures: the report pages' matplotlib figures sit in reference
    cycles that hold thousands of references to True; collected now, not in the middle of a later test that counts
    True's references (tests/ui/test_signals.py)."""
    yield
    for _ in range(3):  # widgets deleted later hold the canvases, which hold the figures
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
