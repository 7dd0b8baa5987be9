"""Fixtures for driving the real window offscreen over a real SQLCipher store copied from the session template."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hbf_desktop.config import Policy
from hbf_desktop.store.casework import create_client
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.store import Store
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.session import StoreSession
from tests.conftest import PASSPHRASE, StoreTemplate

WAIT_MS = 15_000
WindowFactory = Callable[..., MainWindow]


def add_client(store: Store, known_as: str, **client: object) -> str:
    return create_client(store, dict(client), {"known_as": known_as})  # type: ignore[arg-type]


@pytest.fixture
def seeded_dir(store_dir: Path, store_template: StoreTemplate) -> Path:
    with Store.open_with_key(store_dir, bytearray(store_template.data_key)) as store:
        add_client(store, "Alia", assigned_worker="sam")
        add_client(store, "Bertrand", assigned_worker="kim")
    return store_dir


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    made: list[tuple[MainWindow, Background]] = []

    def make(data_dir: Path, policy: Policy | None = None) -> MainWindow:
        background = Background()
        session = StoreSession(data_dir, policy or Policy(), background, kdf=FLOOR_PARAMETERS)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        made.append((window, background))
        return window

    yield make
    for window, background in made:
        window.session.lock()
        background.shutdown()


@pytest.fixture
def window(make_window: WindowFactory, seeded_dir: Path) -> MainWindow:
    return make_window(seeded_dir)


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    qtbot.keyClicks(window.unlock_page.passphrase, passphrase)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)


def unlocked(qtbot: QtBot, window: MainWindow, rows: int = 2) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == rows, timeout=WAIT_MS)


def answer_next_message_box(qtbot: QtBot, button: QMessageBox.StandardButton) -> list[str]:
    """Click `button` on the next message box that opens (as a person would); returns its text once answered."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            qtbot_timer()

    def qtbot_timer() -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(50, answer)

    qtbot_timer()
    return seen


def all_texts(root: QWidget) -> str:
    """Every text a widget tree shows (labels, fields, buttons, table cells), for checking nothing is left."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                column = 0
                while model.index(row, column).isValid():  # columnCount is private on list models
                    texts.append(str(model.data(model.index(row, column)) or ""))
                    column += 1
    return "\n".join(texts)
