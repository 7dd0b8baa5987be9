"""One section of a client's record: a table of records of one kind, newest first, with add, edit and delete.

Columns are the entity's first few fields; identifiers are masked in privacy mode like every other list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.model import FieldKind, JsonValue
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.ui.labels import QT_TRANSLATE_NOOP, goal_lines, tr, value_label, when
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.record_dialog import RecordDialog
from hbf_desktop.ui.session import StoreSession

MAX_COLUMNS = 6
# What a caseworker scans a section for, first; other entities show their first fields.
COLUMNS: dict[str, tuple[str, ...]] = {
    "contact": ("occurred_at", "contact_type", "outcome", "safe_to_talk", "duration_min", "note"),
    "intervention": ("date", "intervention_type", "outcome", "time_spent_min", "note"),
    "referral": ("date", "direction", "reason", "status", "responded_on"),
    "nrm_record": ("referral_date", "rg_outcome", "rg_date", "cg_outcome", "cg_date", "msvcc_phase"),
    "consent": ("scope", "given", "method", "given_at", "review_due", "withdrawn_at"),
    "risk_assessment": ("assessed_on", "overall_level", "review_due", "rationale"),
    "task": ("due_at", "task_type", "status", "priority", "assignee", "note"),
    "accommodation": ("move_date", "from_type", "to_type", "reason", "planned"),
    "legal_proceeding": ("legal_proceeding_type", "status", "next_date", "counterpart", "started_on"),
    "attachment": ("attachment_kind", "file_name", "media_type", "size"),
    "case": ("opened_on", "status", "programme", "case_owner", "closed_on"),
    "support_plan": ("support_plan_type", "goals", "planned_end", "actual_end"),
}
_SKIPPED = frozenset({"client_id", "case_id", "synthetic"})


class RecordSection(QWidget):
    def __init__(
        self,
        session: StoreSession,
        privacy: PrivacyMode,
        entity: str,
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._privacy = privacy
        self.spec = entity_spec(entity)
        self._reload = reload
        chosen = COLUMNS.get(entity)
        if chosen is not None:
            self._fields = [field for name in chosen if (field := self.spec.field(name)) is not None]
        else:
            self._fields = [f for f in self.spec.fields if f.name not in _SKIPPED and f.kind is not FieldKind.OBJECT]
            self._fields = self._fields[:MAX_COLUMNS]
        self._records: list[StoredRecord] = []
        self._fixed: dict[str, JsonValue] = {}
        self._choices: dict[str, Sequence[tuple[str, str]]] = {}
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self._fields))
        self.table.setAccessibleName(tr(self.spec.label))
        self.table.setHorizontalHeaderLabels([tr(field.label) for field in self._fields])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 4)  # small screens at 200 %: scroll, not clip
        layout.addWidget(self.table)
        self.notice = QLabel(wordWrap=True)
        layout.addWidget(self.notice)
        buttons = QHBoxLayout()
        self.add = QPushButton(self.tr("&Add…"))
        self.edit = QPushButton(self.tr("&Edit…"))
        self.delete = QPushButton(self.tr("&Delete…"))
        names = (QT_TRANSLATE_NOOP("RecordSection", "Add"), QT_TRANSLATE_NOOP("RecordSection", "Edit"),
                 QT_TRANSLATE_NOOP("RecordSection", "Delete"))  # fmt: skip
        for button, name in zip((self.add, self.edit, self.delete), names, strict=True):
            button.setAccessibleName(f"{self.tr(name)} {tr(self.spec.label).lower()}")
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.add.clicked.connect(lambda: self.open_dialog(None))
        self.edit.clicked.connect(self._edit_selected)
        self.delete.clicked.connect(self._delete_selected)
        self.table.activated.connect(lambda _: self._edit_selected())
        privacy.changed.connect(lambda _: self._fill())

    def show_records(
        self,
        records: list[StoredRecord],
        fixed: dict[str, JsonValue],
        choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    ) -> None:
        """`fixed` is the parent link a new record gets (its case or client); empty when there is no case yet.
        `choices` are the records its reference fields may point to (the client's consents, organisations)."""
        self._records, self._fixed, self._choices = records, fixed, dict(choices or {})
        self.add.setEnabled(bool(fixed))
        self.notice.setText("" if fixed else self.tr("This client has no case yet; open one under Cases first."))
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            for column, field in enumerate(self._fields):
                value = record.values.get(field.name)
                tip = ""
                if field.name == "goals":
                    tip = "\n".join(goal_lines(value))
                    text = "; ".join(goal_lines(value))
                elif field.is_identifier:
                    text = self._privacy.shown(value_label(value))
                elif field.kind in (FieldKind.DATETIME, FieldKind.DATE):
                    text = when(str(value) if value else None)
                else:
                    text = value_label(value)
                if field.kind is FieldKind.LONG_TEXT:
                    text = self._privacy.shown(text.splitlines()[0][:80] if text else "")
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        has_rows = bool(self._records)
        self.edit.setEnabled(has_rows)
        self.delete.setEnabled(has_rows)

    def clear(self) -> None:
        self._records, self._fixed = [], {}
        self.table.setRowCount(0)

    def open_dialog(self, existing: StoredRecord | None) -> RecordDialog:
        dialog = RecordDialog(self._session, self.spec.name, self._fixed, existing, self._reload, self, self._choices)
        dialog.open()
        return dialog

    def _selected(self) -> StoredRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else (self._records[0] if self._records else None)

    def _edit_selected(self) -> None:
        record = self._selected()
        if record is not None:
            self.open_dialog(record)

    def _when(self, record: StoredRecord) -> str:
        dated = [f for f in self._fields if f.kind in (FieldKind.DATE, FieldKind.DATETIME)]
        return when(str(record.values.get(dated[0].name) or "")) if dated else ""

    def _delete_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete record"),
            self.tr(
                "Delete the {kind} record of {when}? It leaves this client's record on every device once synced. "
                "Nothing else is deleted."
            ).format(kind=tr(self.spec.label).lower(), when=self._when(record) or self.tr("no date")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._session.call(
                lambda store: store.records.delete(record.id, expected_version=record.version),
                lambda _: self._reload(),
                lambda error: self.notice.setText(str(error)),
            )
