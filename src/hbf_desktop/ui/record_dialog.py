"""Adding or editing one record in a dialog: domain validation inline, a guard against losing edits, one save.

The save runs on the store thread through `Records.save` (one transaction); a refusal (say, the record changed
elsewhere) is shown in the dialog, which stays open with the person's edits intact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store
from hbf_desktop.ui.labels import tr
from hbf_desktop.ui.record_form import RecordForm
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.small_screens import resize_within_screen


def confirm_discard(parent: QWidget) -> bool:
    """Ask before unsaved edits are thrown away; the safe answer (keep editing) is the default."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("FormDialog", "Unsaved changes"),
        QCoreApplication.translate("FormDialog", "You have changes that are not saved. Discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class FormDialog(QDialog):
    """What a dialog that saves one form shares: the answer from the store thread closes it or shows the domain's
    message, and leaving with unsaved edits asks first. Subclasses set `form`, `buttons` and `_on_saved`."""

    form: RecordForm
    buttons: QDialogButtonBox
    _on_saved: Callable[[], None]

    def _saved(self, _: StoredRecord) -> None:
        self.form.dirty = False
        self._on_saved()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.form.general.setText(str(error))
        self.form.general.setVisible(True)

    def reject(self) -> None:
        if self.form.dirty and not confirm_discard(self):
            return
        super().reject()


class RecordDialog(FormDialog):
    def __init__(
        self,
        session: StoreSession,
        entity: str,
        fixed: Mapping[str, JsonValue],
        existing: StoredRecord | None,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
        choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._fixed = dict(fixed)
        self._existing = existing
        self._on_saved = on_saved
        self.form = RecordForm(entity, choices=choices)
        verb = self.tr("Edit") if existing else self.tr("Add")
        self.setWindowTitle(f"{verb}: {tr(self.form.spec.label).lower()}")  # the kind of record, never its content
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the first Tab stop is the first field, not the scroll area
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 660, 560)  # wide enough for a goal's row (area, date, status, Remove)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        if existing is not None:
            self.form.set_values(existing.values)
        if self.form.editors:
            next(iter(self.form.editors.values())).setFocus()

    def save(self) -> None:
        kept = {
            k: v for k, v in (self._existing.values if self._existing else {}).items() if k not in self.form.editors
        }
        values = self.form.checked_values({**kept, **self._fixed}, partial=False)
        if values is None:
            return
        entity, existing = self.form.spec.name, self._existing
        record_id = existing.id if existing else None
        version = existing.version if existing else None

        def work(store: Store) -> StoredRecord:
            return store.records.save(entity, values, record_id, expected_version=version)

        self.buttons.setEnabled(False)
        self._session.call(work, self._saved, self._failed)
