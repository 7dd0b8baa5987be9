"""File choosers that leave no trace: Qt's own dialog, not the platform's, which would add the file to the
desktop's recent-files list (GTK's recently-used.xbel, Windows' jump lists). Client file names must not land there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def choose_file_to_open(parent: QWidget, title: str, filters: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters, options=_OPTIONS)
    return Path(name) if name else None


def choose_file_to_save(parent: QWidget, title: str, suggested: str = "", filters: str = "") -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=_OPTIONS)
    return Path(name) if name else None
