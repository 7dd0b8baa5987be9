"""Figures as JSON and CSV, each saying in its first line whether it is internal (exact) or de-identified.

Internal figures are exact and stay inside the organisation; de-identified ones have been through
`disclosure.deidentify`. The label is in the first line of every file and page, and in the file's name
(`output_path`), so that a file found later cannot be mistaken for the other kind.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hbf_desktop.reports.disclosure import DisclosureRules, JsonValue, deidentify
from hbf_desktop.reports.measures import Count, CrossTally, Measure, Median, ReportSet, Tally
from hbf_desktop.reports.period import ReportError

INTERNAL = "internal"
DEIDENTIFIED = "deidentified"
NOTICES = {
    INTERNAL: "INTERNAL: exact figures about real people; not for publication or for sharing outside the charity",
    DEIDENTIFIED: "DE-IDENTIFIED: counts under {k} shown as <{k}, cells hidden to protect them shown as [c], "
    "other counts rounded down to a multiple of {base}",
}
Figures = dict[str, dict[str, JsonValue]]


def classification(rules: DisclosureRules | None) -> str:
    return INTERNAL if rules is None else DEIDENTIFIED


def notice(rules: DisclosureRules | None) -> str:
    if rules is None:
        return NOTICES[INTERNAL]
    return NOTICES[DEIDENTIFIED].format(k=rules.threshold, base=rules.rounding_base)


def figures(report_set: ReportSet, rules: DisclosureRules | None) -> Figures:
    """The JSON value of every measure: exact when `rules` is None, else with disclosure control applied."""
    if rules is not None:
        return deidentify(report_set, rules)
    return {
        name: {measure: internal_value(value) for measure, value in report.items()}
        for name, report in report_set.reports.items()
    }


def internal_value(measure: Measure) -> JsonValue:
    if isinstance(measure, Count):
        return measure.value
    if isinstance(measure, Tally):
        return dict(measure.cells)
    if isinstance(measure, CrossTally):
        return {row: dict(columns) for row, columns in measure.rows.items()}
    if isinstance(measure, Median):
        return {"n": measure.n, "median": measure.median, "q1": measure.q1, "q3": measure.q3}
    share = measure.share
    return {"count": measure.count, "of": measure.of, "share": None if share is None else round(share, 4)}


def header(report_set: ReportSet, rules: DisclosureRules | None) -> dict[str, JsonValue]:
    return {
        "classification": classification(rules),
        "notice": notice(rules),
        "period": {"from": report_set.period_start, "to": report_set.period_end},
        "programme": report_set.programme,
    }


def to_json(report_set: ReportSet, rules: DisclosureRules | None) -> str:
    """One key per report; the classification and notice are on the first line, before anything else."""
    first = json.dumps(header(report_set, rules), ensure_ascii=False)[:-1]
    rest = json.dumps(figures(report_set, rules), ensure_ascii=False, indent=2)
    return first + ",\n" + rest[1:].lstrip("\n") + "\n"


def csv_rows(report_set: ReportSet, rules: DisclosureRules | None) -> list[list[str]]:
    """Long form: report, measure, category, subcategory, value; statistics' parts as categories (n, median...)."""
    rows: list[list[str]] = []
    for report, measures in figures(report_set, rules).items():
        for measure, value in measures.items():
            rows.extend([report, measure, *path, _text(cell)] for path, cell in _flatten(value))
    return rows


def to_csv(report_set: ReportSet, rules: DisclosureRules | None) -> str:
    buffer = io.StringIO()
    period = f"{report_set.period_start} to {report_set.period_end} (end exclusive)"
    scope = f"programme {report_set.programme}" if report_set.programme else "all programmes"
    buffer.write(f"# {notice(rules)}; HBF programme report, {period}, {scope}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["report", "measure", "category", "subcategory", "value"])
    writer.writerows(csv_rows(report_set, rules))
    return buffer.getvalue()


def _flatten(value: JsonValue) -> list[tuple[list[str], JsonValue]]:
    if not isinstance(value, dict):
        return [(["", ""], value)]
    found: list[tuple[list[str], JsonValue]] = []
    for key, inner in value.items():
        if isinstance(inner, dict):
            found.extend(([key, sub], cell) for sub, cell in inner.items())
        else:
            found.append(([key, ""], inner))
    return found


def _text(value: JsonValue) -> str:
    return "" if value is None else str(value)


def output_path(out: Path, kind: str, start: str, end: str, suffix: str, what: str = "report") -> Path:
    """Where to write: a folder gets a descriptive name; a file name gains the classification if it lacks it."""
    if out.is_dir():
        return out / f"hbf-{what}-{kind}-{start}-to-{end}.{suffix}"
    name = out.name.lower()
    other = DEIDENTIFIED if kind == INTERNAL else INTERNAL
    if other in name.replace("-", "").replace("_", ""):
        raise ReportError(f"the file name {out.name} says {other}, but this report is {kind}; choose another name")
    if kind in name.replace("-", "").replace("_", ""):
        return out
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(f"{stem}-{kind}{out.suffix or '.' + suffix}")
