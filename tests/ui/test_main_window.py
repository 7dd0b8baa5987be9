"""The first window, driven as a person would: unlock, see and search clients, lock. Real widgets, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.config import Policy
from hbf_desktop.store.store import Store
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.session import StoreSession
from tests.conftest import PASSPHRASE, StoreTemplate


@pytest.fixture
def window(qtbot: QtBot, store_dir: Path, store_template: StoreTemplate) -> Iterator[MainWindow]:
    with Store.open_with_key(store_dir, bytearray(store_template.data_key)) as store:
        client = store.records.save("client", {"pseudonym_code": "HB-7K3Q"})
        store.records.save("client_identity", {"client_id": client.id, "known_as": "Alia"})
        other = store.records.save("client", {"pseudonym_code": "HB-9MNP"})
        store.records.save("client_identity", {"client_id": other.id, "known_as": "Bertrand"})
    background = Background()
    main = MainWindow(StoreSession(store_dir, Policy(), background))
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.lock()
    background.shutdown()


def _unlock(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    qtbot.keyClicks(window.unlock_page.passphrase, passphrase)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)


def test_unlock_lists_clients_and_search_filters_them(qtbot: QtBot, window: MainWindow) -> None:
    assert window.windowTitle() == "HBF Desktop"
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.clients_page.table.rowCount() == 2, timeout=15_000)
    qtbot.keyClicks(window.clients_page.search, "ber")
    qtbot.waitUntil(lambda: window.clients_page.table.rowCount() == 1, timeout=5_000)
    assert window.clients_page.table.item(0, 1).text() == "Bertrand"
    assert "Bertrand" not in window.windowTitle()


def test_a_wrong_passphrase_is_shown_plainly_and_the_gui_stays_responsive(qtbot: QtBot, window: MainWindow) -> None:
    _unlock(qtbot, window, "not the passphrase")
    assert window.unlock_page.busy.isVisible(), "the KDF runs in the background while the window shows it is busy"
    qtbot.waitUntil(lambda: "not correct" in window.unlock_page.message.text(), timeout=15_000)
    assert window.pages.currentWidget() is window.unlock_page
    assert window.unlock_page.button.isEnabled()


def test_lock_clears_every_client_detail(qtbot: QtBot, window: MainWindow) -> None:
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.clients_page.table.rowCount() == 2, timeout=15_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.clients_page.table.rowCount() == 0
    assert window.pages.currentWidget() is window.unlock_page
