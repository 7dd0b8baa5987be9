"""Backup and export from the Settings view's buttons, through the real file dialog: progress in records and bytes,
and a Cancel that leaves no file."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store.backup import read_backup
from hbf_desktop.store.casework import create_client
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.store import Store
from hbf_desktop.ui.long_work import LongWorkDialog, byte_progress, record_progress
from hbf_desktop.ui.main_window import MainWindow
from tests.conftest import StoreTemplate
from tests.ui.conftest import WAIT_MS, WindowFactory, unlock

EXTRA_CLIENTS = 3_000


@pytest.fixture
def busy_window(make_window: WindowFactory, seeded_dir: Path, store_template: StoreTemplate) -> MainWindow:
    rows = [{"type": "client", "id": f"0190a6e4-0000-7000-8000-{i:012d}", "pseudonym_code": f"HB-{i:05d}"}
            for i in range(EXTRA_CLIENTS)]  # fmt: skip
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store:
        import_records(store, records_from_dicts(rows).records)  # type: ignore[arg-type]
    return make_window(seeded_dir)


def answer_next_file_dialog(path: Path) -> list[str]:
    """Type `path` into the next file dialog that opens and accept it, as a person would; returns its title."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(50, answer)
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(path))  # typed, as a person would; selectFile() can lose to the folder still loading
        if dialog.selectedFiles() != [str(path)]:
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.windowTitle())
        dialog.accept()

    QTimer.singleShot(50, answer)
    return seen


def _unlocked(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() >= 2, timeout=WAIT_MS)


def _run_from_button(qtbot: QtBot, window: MainWindow, button_name: str, path: Path) -> LongWorkDialog:
    view = window.settings_view
    answered = answer_next_file_dialog(path)
    qtbot.mouseClick(getattr(view, button_name), Qt.MouseButton.LeftButton)
    assert answered, "the file dialog was shown and answered"
    assert view.dialog is not None
    return view.dialog


def test_export_shows_records_counted_up_to_the_total(qtbot: QtBot, busy_window: MainWindow, tmp_path: Path) -> None:
    _unlocked(qtbot, busy_window)
    destination = tmp_path / "export.jsonl"
    dialog = _run_from_button(qtbot, busy_window, "export_button", destination)
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    records = 2 + 2 + EXTRA_CLIENTS  # the seeded clients with their cases, and the imported clients
    assert f"Exported {records} records" in str(dialog.finished_text)
    total = QLocale().toString(records)
    assert dialog.detail.text() == f"{total} of {total} records"
    assert dialog.detail.text() == record_progress(records, records)
    assert len(destination.read_text().splitlines()) == records
    assert dialog.detail.accessibleName() and dialog.cancel.text() == "Close"


def test_cancelling_an_export_from_the_button_leaves_no_file(
    qtbot: QtBot, busy_window: MainWindow, tmp_path: Path
) -> None:
    _unlocked(qtbot, busy_window)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = _run_from_button(qtbot, busy_window, "export_button", folder / "export.jsonl")
    dialog.cancel.click()
    assert not dialog.cancel.isEnabled() and "Cancelling" in dialog.label.text()
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "cancelled" in str(dialog.finished_text)
    assert list(folder.iterdir()) == []


def test_backup_shows_bytes_and_cancelling_leaves_no_file_and_the_store_working(
    qtbot: QtBot, busy_window: MainWindow, tmp_path: Path, store_template: StoreTemplate
) -> None:
    _unlocked(qtbot, busy_window)
    folder = tmp_path / "backups"
    folder.mkdir()
    destination = folder / "store.hbfbackup"
    # A reader still using the WAL holds the backup at its opening checkpoint, so the Cancel lands before the copy
    # however fast the disk is (the backup waits for readers up to the busy timeout; it never blocks them).
    reader = Store.open_with_key(busy_window.session.data_dir, bytearray(store_template.data_key))
    create_client(reader, {}, {"known_as": "Reader"})
    reader.connection.execute("BEGIN")
    reader.connection.execute("SELECT count(*) FROM record").fetchone()
    try:
        dialog = _run_from_button(qtbot, busy_window, "backup_button", destination)
        qtbot.wait(300)
        assert dialog.finished_text is None, "the backup waits for the reader"
        dialog.cancel.click()
        assert "Cancelling" in dialog.label.text()
    finally:
        reader.connection.execute("ROLLBACK")
        reader.close()
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "Backup cancelled" in str(dialog.finished_text)
    assert list(folder.iterdir()) == [], "no backup and no hidden partial file"
    dialog.cancel.click()  # now "Close"
    assert not dialog.isVisible()

    dialog = _run_from_button(qtbot, busy_window, "backup_button", destination)
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "Backup written" in str(dialog.finished_text)
    size = destination.stat().st_size
    assert read_backup(destination).database_bytes > 0
    assert dialog.detail.text() == byte_progress(size, size)
    assert dialog.detail.text().endswith((" KB", " MB")) and " of " in dialog.detail.text()
    assert dialog.bar.value() == dialog.bar.maximum()
    assert [path.name for path in folder.iterdir()] == ["store.hbfbackup"]


def test_byte_and_record_figures_read_as_people_expect() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert byte_progress(12_300_000, 340_000_000) == "12 of 340 MB"
        assert byte_progress(1_200_000_000, 3_400_000_000) == "1.2 of 3.4 GB"
        assert byte_progress(0, 5_000) == "0.0 of 5.0 KB"
        assert record_progress(1_200, 5_000) == "1,200 of 5,000 records"
    finally:
        QLocale.setDefault(QLocale.system())


def test_the_bar_copes_with_totals_beyond_what_a_progress_bar_holds_and_time_left_is_estimated(qtbot: QtBot) -> None:
    dialog = LongWorkDialog("Backing up", progress_text=byte_progress)
    qtbot.addWidget(dialog)
    dialog._event = threading.Event()  # as if started: progress is shown only while work runs
    dialog._progress(3_000_000_000, 6_000_000_000)
    assert dialog.bar.maximum() == 10_000 and dialog.bar.value() == 5_000
    assert dialog.detail.text() == byte_progress(3_000_000_000, 6_000_000_000), "no estimate in the first seconds"
    dialog._started = time.monotonic() - 10  # ten seconds in, a quarter done: thirty to go
    dialog._progress(1_500_000_000, 6_000_000_000)
    assert dialog.detail.text().endswith("about 30 s left")
    dialog._started = time.monotonic() - 60
    dialog._progress(1_500_000_000, 6_000_000_000)
    assert dialog.detail.text().endswith("about 3 min left")
