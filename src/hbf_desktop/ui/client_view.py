"""A client's record: the header of UX.md and one tab per part of the record.

Loading reads the whole client file on the store thread (a client has hundreds of records, not thousands) and fills
the tabs in one pass; every edit reloads it, so what is shown is what was saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.model import FieldKind, JsonValue
from hbf_desktop.store import caseload
from hbf_desktop.store.caseload import CaseloadRow
from hbf_desktop.store.casework import ClientFile, load_client
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store
from hbf_desktop.ui.attachments_section import AttachmentsSection
from hbf_desktop.ui.clipboard import ClipboardGuard
from hbf_desktop.ui.labels import QT_TRANSLATE_NOOP, tr, value_label, when
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.profile_tab import ProfileTab
from hbf_desktop.ui.record_section import RecordSection
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.small_screens import scrollable

# (tab title, marked for lupdate and translated where shown; entities shown in it); case-level entities get the
# current case as parent.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("ClientView", "Contacts"), ("contact",)),
    (QT_TRANSLATE_NOOP("ClientView", "Interventions"), ("intervention",)),
    (QT_TRANSLATE_NOOP("ClientView", "Referrals and NRM"), ("referral", "nrm_record")),
    (QT_TRANSLATE_NOOP("ClientView", "Consents"), ("consent",)),
    (QT_TRANSLATE_NOOP("ClientView", "Risk and needs"), ("risk_assessment", "needs_assessment")),
    (QT_TRANSLATE_NOOP("ClientView", "Support plan"), ("support_plan",)),
    (QT_TRANSLATE_NOOP("ClientView", "Safety plan"), ("safety_plan",)),
    (QT_TRANSLATE_NOOP("ClientView", "Accommodation"), ("accommodation",)),
    (QT_TRANSLATE_NOOP("ClientView", "Legal"), ("legal_proceeding",)),
    (QT_TRANSLATE_NOOP("ClientView", "Tasks"), ("task",)),
    (QT_TRANSLATE_NOOP("ClientView", "Attachments"), ("attachment",)),
    (QT_TRANSLATE_NOOP("ClientView", "Cases"), ("case", "exploitation_history")),
)


def _sort_key(entity: str) -> Callable[[StoredRecord], str]:
    dated = [f.name for f in entity_spec(entity).fields if f.kind in (FieldKind.DATE, FieldKind.DATETIME)]
    preferred = next((name for name in ("occurred_at", "date", "assessed_on", "due_at") if name in dated), None)
    field = preferred or (dated[0] if dated else None)
    return lambda record: str(record.values.get(field, "")) + record.updated_at if field else record.updated_at


def _reference_choices(file: ClientFile) -> dict[str, list[tuple[str, str]]]:
    """What reference fields may point to: this client's consents (for a referral) and the organisations."""
    consents = [
        (" · ".join(filter(None, [value_label(c.values.get("scope")), when(str(c.values.get("given_at") or "")),
                                  "" if c.values.get("given") else tr("not given")])), c.id)
        for c in file.records("consent")
    ]  # fmt: skip
    organisations = sorted(((name or record_id, record_id) for record_id, name in file.organisations.items()))
    return {"consent_id": consents, "org_id": organisations, "counterpart_org_id": organisations,
            "first_responder_org_id": organisations}  # fmt: skip


class ClientHeader(QWidget):
    def __init__(self, privacy: PrivacyMode, clipboard: ClipboardGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self._row: CaseloadRow | None = None
        layout = QHBoxLayout(self)
        self.code = QLabel()
        self.code.setAccessibleName(self.tr("Pseudonym code"))
        self.name = QLabel()
        self.name.setAccessibleName(self.tr("Known as"))
        self.facts = QLabel()
        self.facts.setAccessibleName(self.tr("Client summary"))
        self.copy = QPushButton(self.tr("&Copy code"))
        self.copy.setAccessibleName(self.tr("Copy the pseudonym code"))
        self.copy.setToolTip(self.tr("Copy the pseudonym code; the clipboard is cleared after a minute"))
        for widget in (self.code, self.name, self.facts):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addWidget(self.copy)
        self.copy.clicked.connect(lambda: clipboard.copy(self._row.pseudonym_code) if self._row else None)
        privacy.changed.connect(lambda _: self.show_row(self._row))

    @property
    def row(self) -> CaseloadRow | None:
        return self._row

    def show_row(self, row: CaseloadRow | None) -> None:
        self._row = row
        if row is None:
            for label in (self.code, self.name, self.facts):
                label.clear()
            return
        self.code.setText(f"<b>{row.pseudonym_code}</b>")
        self.name.setText(self._privacy.shown(row.known_as))
        facts = [
            self.tr("Risk: {v}").format(v=value_label(row.risk_level) or self.tr("not assessed")),
            self.tr("Case: {v}").format(v=value_label(row.case_status) or self.tr("none")),
            self.tr("Worker: {v}").format(v=row.assigned_worker or self.tr("none")),
            self.tr("Next follow-up: {v}").format(v=when(row.next_follow_up) or self.tr("none")),
        ]
        self.facts.setText(" · ".join(facts))


class ClientView(QWidget):
    closed = Signal()
    saved = Signal()  # something of this client's was written (the status bar recounts changes waiting)

    def __init__(
        self, session: StoreSession, privacy: PrivacyMode, clipboard: ClipboardGuard, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.client_id: str | None = None
        self.file: ClientFile | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← Caseload"))
        self.back.setAccessibleName(self.tr("Back to the caseload"))
        self.back.setShortcut(QKeySequence("Alt+Left"))
        top.addWidget(self.back)
        self.header = ClientHeader(privacy, clipboard)
        top.addWidget(self.header, 1)
        layout.addLayout(top)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        layout.addWidget(self.tabs, 1)
        self.profile = ProfileTab(session, privacy, self.after_save)
        self.tabs.addTab(self.profile, self.tr("Profile and identity"))
        self.sections: dict[str, RecordSection] = {}
        for title, entities in TABS:
            page = QWidget()
            column = QVBoxLayout(page)
            for entity in entities:
                kind = AttachmentsSection if entity == "attachment" else RecordSection
                section = kind(session, privacy, entity, self.after_save)
                if len(entities) > 1:
                    column.addWidget(QLabel(f"<b>{tr(section.spec.label)}</b>"))
                column.addWidget(section)
                self.sections[entity] = section
            self.tabs.addTab(scrollable(page), self.tr(title))  # two sections are taller than a small screen
        self.back.clicked.connect(self.closed)

    def open_client(self, client_id: str) -> None:
        self.client_id = client_id
        self.tabs.setCurrentIndex(0)
        self.reload()

    def after_save(self) -> None:
        emit(self.saved)
        self.reload()

    def reload(self) -> None:
        client_id = self.client_id
        if client_id is None:
            return

        def work(store: Store) -> tuple[ClientFile, CaseloadRow | None]:
            return load_client(store, client_id), caseload.client_row(store.connection, client_id)

        self._session.call(work, lambda result: self._show(*result), lambda e: self.message.setText(str(e)))

    def _show(self, file: ClientFile, row: CaseloadRow | None) -> None:
        self.file = file
        self.message.clear()
        self.header.show_row(row)
        self.profile.show_file(file)
        choices = _reference_choices(file)
        for entity, section in self.sections.items():
            spec = entity_spec(entity)
            fixed: dict[str, JsonValue] = {}
            if spec.parent == "client_id":
                fixed = {"client_id": file.client.id}
            elif file.case_id:
                fixed = {"case_id": file.case_id}
            records = sorted(file.records(entity), key=_sort_key(entity), reverse=True)
            section.show_records(records, fixed, choices)

    def has_unsaved_changes(self) -> bool:
        return self.profile.dirty

    def clear(self) -> None:
        """On lock: forget the client and empty every widget."""
        self.client_id, self.file = None, None
        self.header.show_row(None)
        self.message.clear()
        self.profile.clear()
        for section in self.sections.values():
            section.clear()
