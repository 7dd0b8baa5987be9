"""Pages of charts for a report set, drawn with matplotlib's object API (no pyplot, so no global state and no
backend chosen here: the GUI can put the same `Figure` in a Qt canvas, the PDF writer in a PDF page).

Every page carries the classification line at its top. A suppressed value ("<10", "[c]") is drawn as an empty bar
with its mark written beside it, so a reader never sees a made-up height.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hbf_desktop.domain.vocabularies import label
from hbf_desktop.reports import output
from hbf_desktop.reports.disclosure import DisclosureRules, JsonValue
from hbf_desktop.reports.measures import ReportSet

PAGE_SIZE = (8.27, 11.69)  # A4 portrait, inches
_MAX_CHARTS = 4
_BAR_COLOUR = "#2b6f8e"


def title_page(report_set: ReportSet, rules: DisclosureRules | None) -> Figure:
    figure = Figure(figsize=PAGE_SIZE)
    _banner(figure, rules)
    figure.text(0.5, 0.7, "HBF programme report", ha="center", fontsize=24)
    figure.text(0.5, 0.64, f"{report_set.period_start} to {report_set.period_end} (end exclusive)", ha="center")
    kind = "Internal: exact figures" if rules is None else "De-identified figures"
    figure.text(0.5, 0.58, kind, ha="center", fontsize=16)
    scope = f"Programme: {report_set.programme}" if report_set.programme else "All programmes"
    figure.text(0.5, 0.54, scope, ha="center")
    return figure


def report_pages(report_set: ReportSet, rules: DisclosureRules | None) -> list[Figure]:
    pages: list[Figure] = []
    for name, measures in output.figures(report_set, rules).items():
        facts = [f"{label(measure)}: {_fact(value)}" for measure, value in measures.items() if _is_fact(value)]
        charts = [(measure, value) for measure, value in measures.items() if not _is_fact(value)]
        for start in range(0, max(len(charts), 1), _MAX_CHARTS):
            figure = Figure(figsize=PAGE_SIZE)
            _banner(figure, rules)
            figure.text(0.06, 0.93, label(name), fontsize=18)
            figure.text(0.06, 0.90, "\n".join(facts if start == 0 else []), va="top", fontsize=10)
            chunk = charts[start : start + _MAX_CHARTS]
            for index, (measure, value) in enumerate(chunk):
                if _is_cross(value):
                    axes = figure.add_axes((0.28, 0.66 - index * 0.2, 0.66, 0.14))
                    _table(axes, label(measure), value)
                else:
                    axes = figure.add_axes((0.32, 0.66 - index * 0.2, 0.6, 0.14))
                    _bar_chart(axes, label(measure), value)
            pages.append(figure)
    return pages


def _banner(figure: Figure, rules: DisclosureRules | None) -> None:
    colour = "#8b0000" if rules is None else "#1f5f2f"
    figure.text(0.5, 0.975, output.notice(rules), ha="center", va="top", fontsize=7, color=colour, wrap=True)


def _is_fact(value: JsonValue) -> bool:
    """A single figure or a statistic (n, median, share): written as text, not drawn."""
    if not isinstance(value, dict):
        return True
    return set(value) <= {"n", "median", "q1", "q3", "count", "of", "share"}


def _fact(value: JsonValue) -> str:
    if not isinstance(value, dict):
        return str(value)
    if "median" in value:
        if value["median"] is None:
            return f"n = {value['n']} (too few for a median)"
        return f"n = {value['n']}, median {value['median']} days (IQR {value['q1']} to {value['q3']})"
    share = value.get("share")
    shown = f"{share * 100:.0f}%" if isinstance(share, int | float) else "not shown (too few)"
    return f"{value.get('count')} of {value.get('of')} ({shown})"


def _bar_chart(axes: Axes, title: str, value: JsonValue) -> None:
    assert isinstance(value, dict)
    labels: list[str] = []
    heights: list[float] = []
    marks: list[str] = []
    for key, cell in value.items():
        total = _row_total(cell)
        labels.append(label(key))
        heights.append(total if isinstance(total, int) else 0)
        marks.append("" if isinstance(total, int) else str(total))
    positions = list(range(len(labels)))
    axes.barh(positions, heights, color=_BAR_COLOUR)
    axes.set_yticks(positions, labels, fontsize=6)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=9, loc="left")
    axes.tick_params(axis="x", labelsize=6)
    for position, height, mark in zip(positions, heights, marks, strict=True):
        axes.text(height, position, f" {mark or int(height)}", va="center", fontsize=6)


def _row_total(cell: JsonValue) -> JsonValue:
    return cell


def _is_cross(value: JsonValue) -> bool:
    return isinstance(value, dict) and any(isinstance(cell, dict) for cell in value.values())


def _table(axes: Axes, title: str, value: JsonValue) -> None:
    """A cross-tally as a table of its cells (marks as written); rows with nothing in them are left out."""
    assert isinstance(value, dict)
    rows = {
        name: cells for name, cells in value.items() if isinstance(cells, dict) and any(c != 0 for c in cells.values())
    }
    columns = list(next(iter(rows.values()), {}))
    axes.axis("off")
    axes.set_title(title, fontsize=9, loc="left")
    if not rows:
        axes.text(0, 0.5, "Nothing to show in this period.", fontsize=8)
        return
    table = axes.table(
        cellText=[[str(cells.get(column)) for column in columns] for cells in rows.values()],
        rowLabels=[label(name) for name in rows],
        colLabels=[label(column) for column in columns],
        loc="upper center",
        cellLoc="center",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(6)
