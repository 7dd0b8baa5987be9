"""Writing a report set to a file (JSON, CSV, XLSX, PDF) or returning it as text, audited as an export.

Files are made in memory, then written beside their destination with owner-only permissions, synced and renamed
into place (`store.files.write_private_file_atomically`): a failure at any point leaves no file and no partial file.
The audit entry names the classification, format and period, never a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hbf_desktop.reports import case_level, output
from hbf_desktop.reports.disclosure import DisclosureRules
from hbf_desktop.reports.measures import ReportSet
from hbf_desktop.reports.period import Period, ReportError
from hbf_desktop.reports.source import Source
from hbf_desktop.reports.standard import run_reports
from hbf_desktop.store.files import write_private_file_atomically
from hbf_desktop.store.store import Store


@dataclass(frozen=True)
class Exported:
    kind: str  # "internal" or "deidentified"
    path: Path | None  # None: returned as `text` (printed by the CLI)
    text: str = ""


def render(report_set: ReportSet, rules: DisclosureRules | None, file_format: str) -> bytes:
    if file_format == "json":
        return output.to_json(report_set, rules).encode("utf-8")
    if file_format == "csv":
        return output.to_csv(report_set, rules).encode("utf-8")
    if file_format == "xlsx":
        from hbf_desktop.reports.xlsx import to_xlsx  # openpyxl is slow to import; only when asked for

        return to_xlsx(report_set, rules)
    if file_format == "pdf":
        from hbf_desktop.reports.pdf import to_pdf  # matplotlib likewise

        return to_pdf(report_set, rules)
    raise ReportError(f"unknown report format {file_format!r}; choose json, csv, xlsx or pdf")


def export_report(
    store: Store,
    period: Period,
    rules: DisclosureRules | None,
    file_format: str,
    out: Path | None,
    *,
    threshold: int,
    programme: str | None = None,
) -> Exported:
    """Compute every standard report for `period` and write it (or return it as text when `out` is None)."""
    kind = output.classification(rules)
    if rules is not None:
        period.require_whole_months()
    report_set = run_reports(
        store.connection, period, threshold=threshold, deidentified=rules is not None, programme=programme
    )
    content = render(report_set, rules, file_format)
    destination = None
    if out is not None:
        destination = output.output_path(out, kind, period.start_text, period.end_text, file_format)
        write_private_file_atomically(destination, content)
    where = "printed" if destination is None else "file"
    scope = f" programme={programme}" if programme else ""
    reason = f"report {kind} {file_format} {period.start_text}..{period.end_text} {where}{scope}"
    store.audit_event("export", reason=reason)
    return Exported(kind, destination, "" if destination is not None else content.decode("utf-8"))


def export_case_level(store: Store, period: Period, out: Path, *, threshold: int) -> tuple[Path, int]:
    """The de-identified case-level extract as CSV; returns where it went and how many rows it has."""
    period.require_whole_months()
    rows = case_level.case_rows(Source(store.connection), period, threshold)
    destination = output.output_path(out, output.DEIDENTIFIED, period.start_text, period.end_text, "csv", "cases")
    write_private_file_atomically(destination, case_level.to_csv(rows, period, threshold).encode("utf-8"))
    store.audit_event("export", reason=f"cases deidentified csv {period.start_text}..{period.end_text} file")
    return destination, len(rows)
