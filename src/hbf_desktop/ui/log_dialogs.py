"""Fast logging from the caseload: a welfare call or an intervention in a few keystrokes.

The dialog opens with the usual answers already chosen (a completed welfare call, safe to talk; an intervention
done today), focus on the first field, and Ctrl+Return (or Ctrl+S) saves from anywhere in it: Ctrl+Shift+W, Return
to accept the defaults or type to change them, a note, Ctrl+Return. Fields use the domain's labels and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.caseload import CaseloadRow
from hbf_desktop.store.casework import log_contact, log_intervention
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store
from hbf_desktop.ui.record_dialog import FormDialog
from hbf_desktop.ui.record_form import RecordForm
from hbf_desktop.ui.session import StoreSession

CALL_FIELDS = ("contact_type", "duration_min", "outcome", "safe_to_talk", "note")
CALL_DEFAULTS: dict[str, JsonValue] = {"contact_type": "welfare_call", "outcome": "completed", "safe_to_talk": True}
INTERVENTION_FIELDS = ("intervention_type", "outcome", "time_spent_min", "note")
INTERVENTION_DEFAULTS: dict[str, JsonValue] = {"outcome": "done"}


class LogDialog(FormDialog):
    def __init__(
        self,
        session: StoreSession,
        client: CaseloadRow,
        entity: str,
        fields: tuple[str, ...],
        defaults: Mapping[str, JsonValue],
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._client = client
        self._on_saved = on_saved
        title = self.tr("Log welfare call") if entity == "contact" else self.tr("Log intervention")
        self.setWindowTitle(title)  # the client is named by pseudonym code inside, never in the title
        self.form = RecordForm(entity, only=fields)
        self.form.set_values(defaults)
        self.form.dirty = False
        layout = QVBoxLayout(self)
        who = QLabel(self.tr("Client {code}").format(code=client.pseudonym_code))
        who.setAccessibleName(self.tr("Client"))
        layout.addWidget(who)
        layout.addWidget(self.form)
        hint = QLabel(self.tr("Ctrl+Return saves."))
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self.form.editors[fields[0]].setFocus()

    def save(self) -> None:
        entity = self.form.spec.name
        parent = {"case_id": self._client.case_id} if self._client.case_id else {}
        now = datetime.now().astimezone()
        moment: dict[str, JsonValue] = (
            {"occurred_at": now.isoformat(timespec="seconds")}
            if entity == "contact"
            else {"date": now.date().isoformat()}
        )
        checked = self.form.checked_values({**parent, **moment}, partial=False)  # the domain's messages, inline
        if checked is None:
            return
        values = {k: v for k, v in checked.items() if v is not None and k != "case_id"}
        case_id = self._client.case_id
        writer = log_contact if entity == "contact" else log_intervention

        def work(store: Store) -> StoredRecord:
            return writer(store, case_id, values)

        self.buttons.setEnabled(False)
        self._session.call(work, self._saved, self._failed)


def call_dialog(session: StoreSession, client: CaseloadRow, on_saved: Callable[[], None], parent: QWidget) -> LogDialog:
    return LogDialog(session, client, "contact", CALL_FIELDS, CALL_DEFAULTS, on_saved, parent)


def intervention_dialog(
    session: StoreSession, client: CaseloadRow, on_saved: Callable[[], None], parent: QWidget
) -> LogDialog:
    return LogDialog(session, client, "intervention", INTERVENTION_FIELDS, INTERVENTION_DEFAULTS, on_saved, parent)
