"""Words for stored values, through Qt's translation mechanism ("vocabulary" context)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from hbf_desktop.domain.vocabularies import label

_VOCABULARY_VALUE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")
NRM_STAGE_LABELS = {
    "not_referred": "Not referred",
    "awaiting_rg": "Waiting for RG decision",
    "rg_negative": "RG negative",
    "awaiting_cg": "Waiting for CG decision",
    "cg_positive": "CG positive",
    "cg_negative": "CG negative",
}


def value_label(value: object) -> str:
    """A stored value as a person reads it: vocabulary values get words, lists are joined, booleans say yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    if isinstance(value, list):
        return ", ".join(value_label(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{value_label(key)}: {value_label(item)}" for key, item in value.items())
    text = str(value)
    if text in NRM_STAGE_LABELS:
        return tr(NRM_STAGE_LABELS[text])
    if _VOCABULARY_VALUE.fullmatch(text) and not text.isdigit():
        return tr(label(text))
    return text


def goal_lines(value: object) -> list[str]:
    """A support plan's goals as a person reads them, one per goal: "Housing — by 2027-01-15 — in progress"."""
    lines: list[str] = []
    for goal in value if isinstance(value, list) else []:
        if not isinstance(goal, dict):
            continue
        parts = [value_label(goal.get("area")) or tr("No area")]
        if goal.get("target_date"):
            parts.append(QCoreApplication.translate("goals", "by {date}").format(date=goal["target_date"]))
        status = value_label(goal.get("status") or "not_started")
        parts.append(status[:1].lower() + status[1:])
        lines.append(" — ".join(parts))
    return lines


def tr(text: str) -> str:
    return QCoreApplication.translate("vocabulary", text)


def when(text: str | None) -> str:
    """An ISO date or date-time shortened for a table cell: "2026-12-01 09:00"."""
    if not text:
        return ""
    return text.replace("T", " ")[:16]


def counted(one: str, many: str, count: int) -> str:
    """English needs two forms; `many` has a {n} placeholder. Both arrive already translated by the caller's tr."""
    return one if count == 1 else many.format(n=f"{count:,}")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for lupdate under `context` and returns it untranslated, for tables of words translated where
    they are shown; PySide's own is typed as returning object."""
    return text
