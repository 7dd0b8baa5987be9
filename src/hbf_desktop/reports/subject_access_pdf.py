"""The subject-access bundle as a readable PDF: every section of the JSON, as plain text pages.

It is a printout of the same bundle (store/subject_access.py), not a second query, so the PDF and the JSON cannot
disagree. Every page is headed as confidential personal data of one person.
"""

from __future__ import annotations

import io
import json
import textwrap

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.domain.vocabularies import label
from hbf_desktop.reports.charts import PAGE_SIZE

LINES_PER_PAGE = 78
_WIDTH = 110


def bundle_lines(bundle: dict[str, JsonValue]) -> list[str]:
    lines = [f"Subject access export for client {bundle.get('pseudonym_code')} ({bundle.get('client_id')})",
             f"Generated {bundle.get('generated_at')}", ""]  # fmt: skip
    for title, value in (("Identity", bundle.get("identity")), ("Client", bundle.get("client"))):
        lines += [title.upper(), *_entry_lines(value), ""]
    records = bundle.get("records")
    for entity, items in records.items() if isinstance(records, dict) else []:
        lines.append(f"{label(entity).upper()} ({len(items) if isinstance(items, list) else 0})")
        for item in items if isinstance(items, list) else []:
            lines += [*_entry_lines(item), ""]
    audit = bundle.get("audit")
    lines.append(f"AUDIT ENTRIES ({len(audit) if isinstance(audit, list) else 0})")
    for entry in audit if isinstance(audit, list) else []:
        if isinstance(entry, dict):
            names = entry.get("fields")
            fields = ", ".join(str(name) for name in names) if isinstance(names, list) else ""
            lines.append(f"  {entry.get('at')}  {entry.get('user')}  {entry.get('action')}  {entry.get('entity')}"
                         f"  {entry.get('record_id')}  {fields}  {entry.get('reason') or ''}")  # fmt: skip
    return [wrapped for line in lines for wrapped in (textwrap.wrap(line, _WIDTH, subsequent_indent="      ") or [""])]


def _entry_lines(value: JsonValue) -> list[str]:
    if not isinstance(value, dict):
        return ["  (none)"]
    lines = [
        f"  {value.get('entity')} {value.get('id')}  created {value.get('created_at')} by {value.get('created_by')}"
    ]
    if value.get("deleted_at"):
        lines.append(f"  deleted {value.get('deleted_at')} (still held until retention or erasure)")
    values = value.get("values")
    for name, item in values.items() if isinstance(values, dict) else []:
        shown = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
        lines.append(f"    {label(name)}: {shown}")
    if value.get("file"):
        lines.append(f"    File in this folder: {value.get('file')}")
    return lines


def to_pdf(bundle: dict[str, JsonValue]) -> bytes:
    lines = bundle_lines(bundle)
    buffer = io.BytesIO()
    heading = f"CONFIDENTIAL: personal data of client {bundle.get('pseudonym_code')}, subject access export"
    with PdfPages(buffer, metadata={"Title": "Subject access export", "Subject": heading}) as document:
        for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
            figure = Figure(figsize=PAGE_SIZE)
            figure.text(0.5, 0.975, heading, ha="center", va="top", fontsize=8, color="#8b0000")
            text = "\n".join(lines[start : start + LINES_PER_PAGE])
            figure.text(0.05, 0.95, text, va="top", family="monospace", fontsize=6.5)
            document.savefig(figure)
    return buffer.getvalue()
