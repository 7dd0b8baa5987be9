"""The client record: inline validation, the unsaved-changes guard, sections, attachments, long work."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from hbf_desktop.ui.attachments_section import AttachmentsSection, AttachmentViewer
from hbf_desktop.ui.levels_editor import LevelsEditor
from hbf_desktop.ui.long_work import export_work, import_work
from hbf_desktop.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, answer_next_message_box, unlocked


def _open_first(qtbot: QtBot, window: MainWindow) -> str:
    unlocked(qtbot, window)
    row = window.caseload_model.row_at(0)
    assert row is not None
    window.open_client(row.client_id)
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    return row.client_id


def _stored(qtbot: QtBot, window: MainWindow, work: object) -> object:
    answer: list[object] = []
    window.session.call(work, answer.append, answer.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(answer), timeout=WAIT_MS)
    return answer[0]


def test_profile_edits_are_validated_inline_and_saved_in_one_transaction(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    profile = window.client_view.profile
    children = profile.client_form.editors["children_count"]
    assert isinstance(children, QLineEdit)
    children.setText("forty")
    phones = profile.identity_form.editors["phones"]
    assert isinstance(phones, QLineEdit)
    phones.setText("07700 900123")
    profile.save.click()
    assert "Number of children" in profile.client_form.errors["children_count"].text()
    assert profile.client_form.errors["children_count"].isVisible()
    assert "Nothing was saved" in profile.message.text()
    before = _stored(qtbot, window, lambda store: store.records.get(client_id).version)
    children.setText("2")
    profile.save.click()
    qtbot.waitUntil(lambda: profile.message.text() == "" and not profile.dirty, timeout=WAIT_MS)
    client = _stored(qtbot, window, lambda store: store.records.get(client_id))
    identity = _stored(qtbot, window, lambda store: store.records.of_client(client_id, "client_identity")[0])
    assert client.values["children_count"] == 2 and client.version == before + 1  # type: ignore[attr-defined]
    assert identity.values["phones"] == ["+447700900123"], "the domain normalised the phone"  # type: ignore[attr-defined]


def test_leaving_with_unsaved_edits_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    _open_first(qtbot, window)
    legal = window.client_view.profile.identity_form.editors["legal_name"]
    assert isinstance(legal, QLineEdit)
    legal.setText("Someone Else")
    asked = answer_next_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    window.client_view.back.click()
    assert asked and "not saved" in asked[0]
    assert window.shell.views.currentWidget() is window.client_view, "kept editing"
    assert legal.text() == "Someone Else"
    answer_next_message_box(qtbot, QMessageBox.StandardButton.Discard)
    window.client_view.back.click()
    assert window.shell.views.currentWidget() is window.caseload_view


def test_a_section_adds_a_record_through_the_domain_rules(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    section = window.client_view.sections["risk_assessment"]
    dialog = section.open_dialog(None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    first, second = list(dialog.form.editors.values())[:2]
    assert dialog.focusWidget() is first, "typing starts in the first field"
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    focused = dialog.focusWidget()
    assert focused is second or second.isAncestorOf(focused), "Tab goes to the next field, not to the scroll area"
    dialog.form.editors["assessed_on"].setText("1 March")  # type: ignore[union-attr]
    dialog.save()
    assert "Assessed on" in dialog.form.errors["assessed_on"].text()
    assert "Overall risk is required" in dialog.form.errors["overall_level"].text()
    dialog.form.editors["assessed_on"].setText("2026-03-01")  # type: ignore[union-attr]
    level = dialog.form.editors["overall_level"]
    level.setCurrentIndex(level.findData("high"))  # type: ignore[union-attr]
    areas = dialog.form.editors["domains"]
    assert isinstance(areas, LevelsEditor)
    areas.combos["re_trafficking"].setCurrentIndex(areas.combos["re_trafficking"].findData("high"))
    dialog.save()
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "High" in window.client_view.header.facts.text(), timeout=WAIT_MS)
    saved = _stored(qtbot, window, lambda store: store.records.of_client(client_id, "risk_assessment"))
    assert saved[0].values["overall_level"] == "high"  # type: ignore[index]
    assert saved[0].values["domains"] == {"re_trafficking": "high"}, "the risk areas reach the store"  # type: ignore[index]


def test_an_attachment_goes_in_encrypted_opens_in_the_viewer_and_exports_on_purpose(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _open_first(qtbot, window)
    section = window.client_view.sections["attachment"]
    assert isinstance(section, AttachmentsSection)
    content = "Decision letter: reasonable grounds, positive. UNIQUE-MARKER-7731"
    source = tmp_path / "letter.txt"
    source.write_text(content)
    before = set(Path(tempfile.gettempdir()).iterdir())
    section.add_file(source, "decision_letter")
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    record = section._records[0]
    section.open_record(record)
    qtbot.waitUntil(lambda: section.viewer is not None, timeout=WAIT_MS)
    assert isinstance(section.viewer, AttachmentViewer)
    assert isinstance(section.viewer.view, QPlainTextEdit) and section.viewer.view.toPlainText() == content
    created = set(Path(tempfile.gettempdir()).iterdir()) - before
    for path in created:
        assert not path.is_file() or b"UNIQUE-MARKER-7731" not in path.read_bytes(), "nothing decrypted in temp"
    destination = tmp_path / "exported.txt"
    section.export_to(record, destination)
    qtbot.waitUntil(lambda: destination.exists(), timeout=WAIT_MS)
    assert destination.read_text() == content
    window.lock()
    assert section.viewer is None and not any(isinstance(w, AttachmentViewer) and w.isVisible()
                                              for w in QApplication.topLevelWidgets())  # fmt: skip


def test_export_and_import_run_in_the_background_and_cancelling_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    unlocked(qtbot, window)
    exported = tmp_path / "out.jsonl"
    dialog = window.settings_view.run("Exporting", export_work(exported))
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "Exported" in str(dialog.finished_text) and exported.exists()
    lines = [f'{{"type": "client", "id": "0190a6e4-0000-7000-8000-{i:012d}", "pseudonym_code": "HB-{i:05d}"}}'
             for i in range(3000)]  # fmt: skip
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n")
    dialog = window.settings_view.run("Importing", import_work(source))
    dialog.cancel.click()
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "cancelled" in str(dialog.finished_text)
    count = _stored(qtbot, window, lambda store: store.records.count("client"))
    assert count == 2, "a cancelled import leaves nothing"
    dialog.accept()
    dialog = window.settings_view.run("Importing", import_work(source))
    qtbot.waitUntil(lambda: dialog.finished_text is not None, timeout=WAIT_MS)
    assert "Imported 3000" in str(dialog.finished_text)
    assert dialog.bar.value() == dialog.bar.maximum()


def test_an_outgoing_referral_needs_a_consent_chosen_from_the_clients_own(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    consent = window.client_view.sections["consent"].open_dialog(None)
    consent.form.editors["scope"].setCurrentIndex(consent.form.editors["scope"].findData("nrm_referral"))  # type: ignore[union-attr]
    consent.form.editors["given"].setCurrentIndex(consent.form.editors["given"].findData(True))  # type: ignore[union-attr]
    consent.save()
    section = window.client_view.sections["referral"]
    qtbot.waitUntil(lambda: bool(section._choices.get("consent_id")), timeout=WAIT_MS)
    dialog = section.open_dialog(None)
    for name, value in (("direction", "outgoing"), ("status", "sent")):
        dialog.form.editors[name].setCurrentIndex(dialog.form.editors[name].findData(value))  # type: ignore[union-attr]
    dialog.form.editors["date"].setText("2026-11-20")  # type: ignore[union-attr]
    dialog.save()
    assert "consent" in dialog.form.errors["consent_id"].text().lower() and dialog.isVisible()
    picker = dialog.form.editors["consent_id"]
    assert picker.count() == 2 and "NRM referral" in picker.itemText(1)  # type: ignore[union-attr]
    picker.setCurrentIndex(1)  # type: ignore[union-attr]
    dialog.save()
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    saved = _stored(qtbot, window, lambda store: store.records.of_client(client_id, "referral")[0].values)
    consents = _stored(qtbot, window, lambda store: store.records.of_client(client_id, "consent"))
    assert saved["consent_id"] == consents[0].id  # type: ignore[index]


def test_deleting_names_what_goes_and_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    section = window.client_view.sections["risk_assessment"]
    dialog = section.open_dialog(None)
    dialog.form.editors["assessed_on"].setText("2026-03-01")  # type: ignore[union-attr]
    level = dialog.form.editors["overall_level"]
    level.setCurrentIndex(level.findData("low"))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    asked = answer_next_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    section.delete.click()
    assert asked and "risk assessment record of 2026-03-01" in asked[0]
    assert section.table.rowCount() == 1
    answer_next_message_box(qtbot, QMessageBox.StandardButton.Yes)
    section.delete.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 0, timeout=WAIT_MS)
    left = _stored(qtbot, window, lambda store: store.records.of_client(client_id, "risk_assessment"))
    assert left == []
