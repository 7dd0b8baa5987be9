"""The risk assessment's "risk by area": a level (low, medium, high or not assessed) for each area of RISK_DOMAIN.

A structured field of the domain (`domains`, {area: level}); a grid of choices is faster and safer to fill than
typing JSON, and the levels reach reports (the risk profile counts re-trafficking = high).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.domain.vocabularies import RISK_DOMAIN, RISK_LEVEL
from hbf_desktop.ui.labels import tr, value_label
from hbf_desktop.ui.signals import emit


class LevelsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for index, area in enumerate(RISK_DOMAIN):
            combo = QComboBox()
            combo.addItem(tr("Not assessed"), None)
            for level in RISK_LEVEL:
                combo.addItem(value_label(level), level)
            combo.setAccessibleName(value_label(area))
            label = QLabel(value_label(area))
            label.setBuddy(combo)
            grid.addWidget(label, index // 2, (index % 2) * 2)
            grid.addWidget(combo, index // 2, (index % 2) * 2 + 1)
            combo.currentIndexChanged.connect(lambda _: emit(self.changed))
            self.combos[area] = combo

    def value(self) -> dict[str, JsonValue] | None:
        chosen: dict[str, JsonValue] = {
            area: combo.currentData() for area, combo in self.combos.items() if combo.currentData()
        }
        return chosen or None

    def set_value(self, value: object) -> None:
        levels = value if isinstance(value, dict) else {}
        for area, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(levels.get(area)), 0))
            combo.blockSignals(False)
