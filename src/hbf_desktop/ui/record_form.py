"""A form for any entity, built from its domain spec: one widget per field, the domain's messages shown under the
field they are about, and a dirty flag for the unsaved-changes guard.

Why generated: DATA-MODEL.md has sixteen entities; a hand-made form each would drift from the domain's rules. The
labels, vocabularies and messages all come from `hbf_desktop.domain`, so the form always says what validation says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.model import FieldKind, FieldSpec, JsonValue, RecordValues, ValidationError
from hbf_desktop.domain.validation import validate
from hbf_desktop.ui.goals_editor import GoalsEditor
from hbf_desktop.ui.labels import tr, value_label
from hbf_desktop.ui.levels_editor import LevelsEditor
from hbf_desktop.ui.signals import emit

_K = FieldKind
_LISTS = (_K.TEXT_LIST, _K.ENUM_LIST, _K.COUNTRY_LIST, _K.LANGUAGE_LIST, _K.PHONE_LIST, _K.EMAIL_LIST)
_HINTS = {
    _K.DATE: "YYYY-MM-DD",
    _K.DATETIME: "YYYY-MM-DDTHH:MM+00:00",
    _K.YEAR_MONTH: "YYYY-MM",
    _K.COUNTRY_LIST: "ALB; VNM",
    _K.LANGUAGE_LIST: "sqi; vie",
    _K.PHONE_LIST: "07700 900123",
}
# Set by the application, not typed: parent links, the synthetic marker, structured values edited elsewhere.
_NOT_ON_FORMS = frozenset({"client_id", "case_id", "synthetic", "photo_attachment_id"})
# Structured fields with an editor of their own (value(), set_value(), changed).
_OBJECT_EDITORS: dict[str, type[LevelsEditor | GoalsEditor]] = {"domains": LevelsEditor, "goals": GoalsEditor}
Editor = QLineEdit | QPlainTextEdit | QComboBox | LevelsEditor | GoalsEditor


class RecordForm(QWidget):
    changed = Signal()

    def __init__(
        self,
        entity: str,
        *,
        only: Iterable[str] | None = None,
        choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`choices` lists, per reference field, the records it may point to as (words, id); a reference field
        without choices is left off the form."""
        super().__init__(parent)
        self._choices = dict(choices or {})
        self.spec = entity_spec(entity)
        self.general = QLabel(wordWrap=True)
        self.general.setAccessibleName(self.tr("Problems"))
        self.general.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.general)
        layout = QFormLayout()
        outer.addLayout(layout)
        only = tuple(only) if only is not None else None
        wanted = set(only) if only is not None else None
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self._fields: dict[str, FieldSpec] = {}
        fields = self.spec.fields
        if only is not None:  # the caller's order: a short form lists what is asked for first (known as, then the rest)
            order = {name: index for index, name in enumerate(only)}
            fields = tuple(sorted((f for f in fields if f.name in order), key=lambda f: order[f.name]))
        for field in fields:
            editable = (field.kind is _K.OBJECT and field.name in _OBJECT_EDITORS) or (
                field.kind is _K.REFERENCE and field.name in self._choices
            )
            if field.name in _NOT_ON_FORMS or (field.kind in (_K.OBJECT, _K.REFERENCE) and not editable):
                continue
            if wanted is not None and field.name not in wanted:
                continue
            editor = self._editor(field)
            label = QLabel(tr(field.label) + (" *" if field.required else ""))
            label.setBuddy(editor)
            error = QLabel(wordWrap=True)
            error.setAccessibleName(self.tr("Problem with {field}").format(field=tr(field.label)))
            error.setStyleSheet("font-weight: bold;")
            error.setVisible(False)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            layout.addRow(label, column)
            self.editors[field.name] = editor
            self.errors[field.name] = error
            self._fields[field.name] = field
        self._clean: dict[str, JsonValue] = {}
        self.dirty = False

    def _editor(self, field: FieldSpec) -> Editor:
        editor: Editor
        if field.kind is _K.OBJECT:
            editor = _OBJECT_EDITORS[field.name]()
            editor.changed.connect(self._edited)
        elif field.kind is _K.REFERENCE:
            editor = QComboBox()
            editor.addItem("", None)
            for words, record_id in self._choices[field.name]:
                editor.addItem(words, record_id)
            editor.currentIndexChanged.connect(self._edited)
        elif field.kind in (_K.ENUM, _K.BOOL):
            editor = QComboBox()
            editor.addItem("", None)
            choices: tuple[object, ...] = (True, False) if field.kind is _K.BOOL else field.vocabulary
            for value in choices:
                editor.addItem(value_label(value), value)
            editor.currentIndexChanged.connect(self._edited)
        elif field.kind is _K.LONG_TEXT:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
            editor.textChanged.connect(self._edited)
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(_HINTS.get(field.kind, ""))
            editor.textChanged.connect(self._edited)
        editor.setAccessibleName(tr(field.label))
        if field.help:
            editor.setToolTip(tr(field.help))
        return editor

    def _edited(self) -> None:
        self.dirty = True
        emit(self.changed)

    def set_values(self, values: Mapping[str, JsonValue]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name)
            editor.blockSignals(True)
            if isinstance(editor, LevelsEditor | GoalsEditor):
                editor.set_value(value)
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("" if value is None else str(value))
            else:
                editor.setText(
                    "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
                )
            editor.blockSignals(False)
        self.dirty = False
        self.show_problems(None)

    def raw_values(self) -> dict[str, JsonValue]:
        """What is on screen, as the domain's kinds; empty means None (cleared)."""
        values: dict[str, JsonValue] = {}
        for name, editor in self.editors.items():
            field = self._fields[name]
            if isinstance(editor, LevelsEditor | GoalsEditor):
                values[name] = editor.value()
                continue
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
                continue
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if not text.strip():
                values[name] = None
            elif field.kind in _LISTS:
                values[name] = [item.strip() for item in text.split(";") if item.strip()]
            elif field.kind is _K.INT and text.strip().lstrip("-").isdigit():
                values[name] = int(text.strip())
            else:
                values[name] = text if field.kind is _K.LONG_TEXT else text.strip()
        return values

    def checked_values(self, fixed: Mapping[str, JsonValue], *, partial: bool) -> RecordValues | None:
        """The values checked by the domain (with `fixed` ones such as the case id), or None with the problems
        shown under their fields."""
        values = {**self.raw_values(), **fixed}
        try:
            if partial:
                validate(self.spec.name, values, partial=True)
            else:
                validate(self.spec.name, {key: value for key, value in values.items() if value is not None})
        except ValidationError as error:
            self.show_problems(error)
            return None
        self.show_problems(None)
        return values

    def show_problems(self, error: ValidationError | None) -> None:
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)
        general: list[str] = []
        for problem in error.problems if error else []:
            under = self.errors.get(problem.field)
            if under is None:
                general.append(problem.message)
            else:
                under.setText((under.text() + "\n" if under.text() else "") + problem.message)
                under.setVisible(True)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))
        if error and error.problems:
            first = self.editors.get(error.problems[0].field)
            if isinstance(first, GoalsEditor):
                first.focus_problem()
            elif first is not None:
                first.setFocus()

    def clear(self) -> None:
        self.set_values({})
