"""Attachments: added from a file, opened only into the in-app viewer, exported only on purpose.

The bytes go from the chosen file straight into the encrypted store and come back into memory for the viewer;
nothing is ever written decrypted to a temporary folder. Export writes where the person chooses, audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.vocabularies import ATTACHMENT_KIND
from hbf_desktop.store.attachments import add_attachment, export_attachment, read_attachment
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.ui.file_dialogs import choose_file_to_open, choose_file_to_save
from hbf_desktop.ui.labels import value_label
from hbf_desktop.ui.record_section import RecordSection
from hbf_desktop.ui.small_screens import resize_within_screen

TEXT_PREVIEW_BYTES = 1024 * 1024


class AttachmentViewer(QDialog):
    """Shows an image or text from memory; anything else can only be exported."""

    def __init__(self, content: bytes, media_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attachment"))  # never the file name: it may name the client
        layout = QVBoxLayout(self)
        self.view: QWidget
        image = QImage.fromData(content) if media_type.startswith("image/") else QImage()
        if not image.isNull():
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            scroll = QScrollArea()
            scroll.setWidget(label)
            self.view = scroll
        elif media_type.startswith("text/") or media_type in ("application/json", "text/csv"):
            text = QPlainTextEdit(readOnly=True)
            text.setPlainText(content[:TEXT_PREVIEW_BYTES].decode("utf-8", errors="replace"))
            self.view = text
        else:
            self.view = QLabel(self.tr("This kind of file cannot be shown here. Use Export to save a copy on purpose."))
        self.view.setAccessibleName(self.tr("Attachment content"))
        layout.addWidget(self.view)
        resize_within_screen(self, 640, 480)


class AttachmentsSection(RecordSection):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add.setText(self.tr("&Add from file…"))
        self.edit.setText(self.tr("&Open"))
        self.export = QPushButton(self.tr("E&xport…"))
        self.export.setAccessibleName(self.tr("Export attachment"))
        self.layout().itemAt(2).layout().insertWidget(2, self.export)  # type: ignore[union-attr]
        self.export.clicked.connect(self._export_selected)
        self.viewer: AttachmentViewer | None = None

    def open_dialog(self, existing: StoredRecord | None) -> QDialog:  # type: ignore[override]
        if existing is not None:
            return self.open_record(existing)
        path = choose_file_to_open(self, self.tr("Add an attachment"))
        if path is not None:
            kind = self.ask_kind()
            if kind:
                self.add_file(path, kind)
        return QDialog()

    def ask_kind(self) -> str | None:
        labels = [value_label(kind) for kind in ATTACHMENT_KIND]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Kind of document"), self.tr("Kind of document"), labels, 0, False
        )
        return ATTACHMENT_KIND[labels.index(chosen)] if ok else None

    def add_file(self, path: Path, kind: str) -> None:
        case_id = str(self._fixed.get("case_id") or "")

        def work(store: object) -> StoredRecord:
            return add_attachment(store, case_id, path.read_bytes(), file_name=path.name, kind=kind)  # type: ignore[arg-type]

        self._session.call(work, lambda _: self._reload(), lambda error: self.notice.setText(str(error)))

    def open_record(self, record: StoredRecord) -> QDialog:
        media_type = str(record.values.get("media_type") or "")
        self._session.call(
            lambda store: read_attachment(store, record.id),
            lambda content: self._show(content, media_type),
            lambda error: self.notice.setText(str(error)),
        )
        return QDialog()

    def _show(self, content: bytes, media_type: str) -> None:
        self.viewer = AttachmentViewer(content, media_type, self)
        self.viewer.open()

    def _export_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        path = choose_file_to_save(self, self.tr("Export attachment"), str(record.values.get("file_name", "")))
        if path is not None:
            self.export_to(record, path)

    def export_to(self, record: StoredRecord, destination: Path) -> None:
        self._session.call(
            lambda store: export_attachment(store, record.id, destination),
            lambda _: self.notice.setText(self.tr("Exported.")),
            lambda error: self.notice.setText(str(error)),
        )

    def clear(self) -> None:
        super().clear()
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
            self.viewer = None
