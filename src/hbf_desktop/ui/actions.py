"""The application's actions with the shortcuts of UX.md, shown in menus and tooltips alike."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class Actions(QObject):
    """A QObject so that its words have a context of their own ("Actions") for lupdate and at run time alike."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)

        def make(text: str, keys: str | QKeySequence.StandardKey, tip: str) -> QAction:
            sequence = QKeySequence(keys)
            action = QAction(text, owner, shortcut=sequence)
            shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shown})")
            action.setStatusTip(tip)
            owner.addAction(action)
            return action

        self.lock = make(self.tr("&Lock now"), "Ctrl+L", self.tr("Lock the screen and close the records"))
        self.sync = make(self.tr("S&ync now"), "F5", self.tr("Send and receive changes now"))
        self.sync.setEnabled(False)
        self.new_client = make(self.tr("&New client…"), QKeySequence.StandardKey.New, self.tr("Add a new client"))
        self.log_call = make(
            self.tr("Log &welfare call…"), "Ctrl+Shift+W", self.tr("Log a welfare call for the selected client")
        )
        self.log_intervention = make(
            self.tr("Log &intervention…"), "Ctrl+Shift+I", self.tr("Log an intervention for the selected client")
        )
        self.find = make(
            self.tr("&Search clients"), QKeySequence.StandardKey.Find, self.tr("Search clients by name or code")
        )
        self.privacy = make(self.tr("&Privacy mode"), "Ctrl+Shift+P", self.tr("Mask names and identifiers on screen"))
        self.privacy.setCheckable(True)
        self.quit = make(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.tr("Close HBF Desktop"))
        self.client_actions = (self.new_client, self.log_call, self.log_intervention, self.find, self.privacy)

    def set_unlocked(self, unlocked: bool) -> None:
        for action in self.client_actions:
            action.setEnabled(unlocked)
        self.lock.setEnabled(unlocked)
