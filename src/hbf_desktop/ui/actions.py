"""The application's actions with the shortcuts of UX.md, shown in menus and tooltips alike."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class Actions:
    def __init__(self, owner: QWidget) -> None:
        def make(text: str, keys: str | QKeySequence.StandardKey, tip: str) -> QAction:
            sequence = QKeySequence(keys)
            action = QAction(text, owner, shortcut=sequence)
            shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shown})")
            action.setStatusTip(tip)
            owner.addAction(action)
            return action

        tr = owner.tr
        self.lock = make(tr("&Lock now"), "Ctrl+L", tr("Lock the screen and close the records"))
        self.sync = make(tr("S&ync now"), "F5", tr("Send and receive changes now"))
        self.sync.setEnabled(False)
        self.new_client = make(tr("&New client…"), QKeySequence.StandardKey.New, tr("Add a new client"))
        self.log_call = make(tr("Log &welfare call…"), "Ctrl+Shift+W", tr("Log a welfare call for the selected client"))
        self.log_intervention = make(
            tr("Log &intervention…"), "Ctrl+Shift+I", tr("Log an intervention for the selected client")
        )
        self.find = make(tr("&Search clients"), QKeySequence.StandardKey.Find, tr("Search clients by name or code"))
        self.privacy = make(tr("&Privacy mode"), "Ctrl+Shift+P", tr("Mask names and identifiers on screen"))
        self.privacy.setCheckable(True)
        self.quit = make(tr("&Quit"), QKeySequence.StandardKey.Quit, tr("Close HBF Desktop"))
        self.client_actions = (self.new_client, self.log_call, self.log_intervention, self.find, self.privacy)

    def set_unlocked(self, unlocked: bool) -> None:
        for action in self.client_actions:
            action.setEnabled(unlocked)
        self.lock.setEnabled(unlocked)
