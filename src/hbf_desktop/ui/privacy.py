"""Privacy mode: names and identifiers masked in every list and header, for working in public (Ctrl+Shift+P).

One shared object; every model and view that shows a name asks it how to show the name and repaints on `changed`.
Pseudonym codes stay visible: they are how a caseworker finds a client without saying who it is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hbf_desktop.ui.signals import emit

MASK = "\u2022\u2022\u2022\u2022\u2022"


class PrivacyMode(QObject):
    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = False

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        if on != self._on:
            self._on = on
            emit(self.changed, on)

    def toggle(self) -> None:
        self.set_on(not self._on)

    def shown(self, identifier: str | None) -> str:
        """How an identifying text appears: itself, or a mask of fixed length (its length would be a clue)."""
        if not identifier:
            return ""
        return MASK if self._on else identifier
