"""Every visible text of the main screens goes through Qt's translation mechanism (issue 3 item 10).

The proof: the shipped template (resources/translations/hbf_desktop.ts) is current with the code, and a pseudo-locale
made from it (every string wrapped in "[!! ... !!]", compiled by pyside6-lrelease) shows the marker on every label,
button, tab, group box, check box, header, menu and action of the screens a caseworker uses. Whatever lacks it is
listed: either it does not go through tr, or the template was not refreshed (`python3 dev.py translations`).
"""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from hbf_desktop.config import Policy
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.ui import translations
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.goals_editor import GoalsEditor
from hbf_desktop.ui.record_dialog import FormDialog
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.setup_wizard import SetupWizard
from tests.ui.conftest import WAIT_MS, WindowFactory, unlocked

MARK = "[!!"
TEMPLATE = translations.SOURCE_FOLDER / translations.TEMPLATE


@pytest.fixture(scope="module")
def pseudo_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    translations.write_pseudo(TEMPLATE, folder / "hbf_desktop_en_ZZ.ts")
    return translations.compile_catalogues([folder / "hbf_desktop_en_ZZ.ts"], folder)[0]


@pytest.fixture
def pseudo_locale(pseudo_catalogue: Path) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(pseudo_catalogue))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or widget.isVisibleTo(root)


def _qt_own_buttons(root: QWidget) -> set[QWidget]:
    """Standard buttons (Save, Cancel, Next) are Qt's words, translated by Qt's own qtbase catalogue."""
    own: set[QWidget] = set()
    for box in root.findChildren(QDialogButtonBox):
        own.update(
            button for button in box.buttons() if box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
        )
    for wizard in [root, *root.findChildren(QWizard)]:
        if isinstance(wizard, QWizard):
            for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                          QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
                          QWizard.WizardButton.HelpButton):  # fmt: skip
                own.add(wizard.button(which))
    return own


def untranslated(root: QWidget, data: Collection[QWidget] = ()) -> list[str]:
    """Visible texts without the marker, each with where it was found; `data` are widgets that show data values."""
    missing: list[str] = []
    own = _qt_own_buttons(root)

    def check(text: str, where: str) -> None:
        if any(character.isalpha() for character in text) and MARK not in text:  # numbers and dates are data
            missing.append(f"{where}: {text!r}")

    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu):  # a menu is a hidden popup until opened; its words are on the menu bar
            check(widget.title(), "menu")
            for action in widget.actions():
                if not action.isSeparator():
                    check(action.text(), f"action of menu {widget.title()!r}")
        if not _shown(widget, root) or widget in data or widget in own:
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            check(widget.text(), f"{kind} {widget.accessibleName()!r}")
        if isinstance(widget, QGroupBox):
            check(widget.title(), f"QGroupBox {widget.accessibleName()!r}")
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                check(widget.tabText(index), f"tab of {widget.accessibleName()!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            header = getattr(widget, "horizontalHeader", None)
            if header is not None and header().isVisible():
                for column in range(model.columnCount()):
                    shown = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                    check(str(shown or ""), f"header of {widget.accessibleName()!r}")
        if isinstance(widget, QWizardPage):
            check(widget.title(), "wizard page title")
            check(widget.subTitle(), "wizard page subtitle")
        for action in widget.actions():
            if not action.isSeparator() and action.menu() is None:
                check(action.text(), f"action of {kind}")
    return missing


def test_the_template_lists_every_string_of_the_code(tmp_path: Path) -> None:
    """The shipped template is what `dev.py translations` makes from the code now, vocabulary included."""
    copy = tmp_path / "translations"
    copy.mkdir()
    shutil.copyfile(TEMPLATE, copy / translations.TEMPLATE)
    translations.update_sources(copy)
    fresh = set(translations.messages(copy / translations.TEMPLATE))
    shipped = set(translations.messages(TEMPLATE))
    assert fresh - shipped == set(), "run `python3 dev.py translations` and commit resources/translations/"
    assert shipped - fresh == set(), "the template has strings the code no longer uses"
    assert ("vocabulary", "Welfare call") in shipped and ("vocabulary", "Goals") in shipped, "domain words included"
    assert ("vocabulary", "Not assessed") in shipped, "literal words given to labels.tr"
    assert all(context for context, _ in shipped), "no context-free copies of the vocabulary"


def test_every_visible_text_of_the_main_screens_is_translated(
    qtbot: QtBot, pseudo_locale: None, make_window: WindowFactory, seeded_dir: Path, tmp_path: Path
) -> None:
    assert untranslated(QLabel("Not through tr")) == ["QLabel '': 'Not through tr'"], "the check can fail"
    window = make_window(seeded_dir)
    assert window.menuBar().findChildren(QMenu), "menus are checked"
    missing = untranslated(window)  # the unlock page, toolbar, menus, status bar
    unlocked(qtbot, window)
    header = window.client_view.header
    data = {header.code, header.name}  # a pseudonym code and a name
    folder = [label for label in window.settings_view.findChildren(QLabel) if label.text() == str(seeded_dir)]
    assert len(folder) == 1
    missing += untranslated(window.caseload_view)
    missing += untranslated(window.today_view)
    missing += untranslated(window.settings_view, folder)  # the data folder's path
    missing += untranslated(window.statusBar())
    row = window.caseload_model.row_at(0)
    assert row is not None
    window.open_client(row.client_id)
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    tabs = window.client_view.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        missing += untranslated(window.client_view, data)
    for kind in ("call", "intervention"):
        dialog = window.log(kind)
        assert isinstance(dialog, FormDialog)
        missing += untranslated(dialog)
        dialog.form.dirty = False
        dialog.reject()
    for entity in ("support_plan", "risk_assessment"):  # the structured editors too
        record = window.client_view.sections[entity].open_dialog(None)
        goals = record.form.editors.get("goals")
        if isinstance(goals, GoalsEditor):
            goals.add.click()
        missing += untranslated(record)
        record.form.dirty = False
        record.reject()

    background = Background()
    wizard = SetupWizard(StoreSession(tmp_path / "new", Policy(), background, kdf=FLOOR_PARAMETERS))
    qtbot.addWidget(wizard)
    try:
        for page_id in wizard.pageIds():
            missing += untranslated(wizard.page(page_id))
    finally:
        background.shutdown()
    assert missing == [], "not translated:\n" + "\n".join(missing)


def test_the_catalogue_for_the_locale_is_found_and_english_is_the_fallback(
    pseudo_catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What app.py does at start: the catalogue named for the locale, from the folder a source checkout uses."""
    application = QApplication.instance()
    assert application is not None
    shutil.copyfile(pseudo_catalogue, tmp_path / "hbf_desktop_eo.qm")  # Esperanto stands in for a shipped language
    monkeypatch.setattr(translations, "SOURCE_FOLDER", tmp_path)
    assert translations.catalogue_folder() == tmp_path
    for locale, expected in (("eo", "[!! &Lock now !!]"), ("fr_FR", "&Lock now")):
        installed = translations.install(application, QLocale(locale))
        try:
            assert QCoreApplication.translate("Actions", "&Lock now") == expected, locale
        finally:
            for translator in installed:
                QCoreApplication.removeTranslator(translator)


def test_a_frozen_bundle_looks_in_its_own_translations_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert translations.catalogue_folder() == tmp_path / "translations"
