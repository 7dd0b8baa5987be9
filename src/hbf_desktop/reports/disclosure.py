"""Disclosure control for de-identified outputs (DATA-MODEL.md "De-identification for outputs").

The rules, in the order they apply:
1. small-count suppression: a count n with 0 < n < k is shown as "<k" (k from policy, default 10); 0 stays 0, since
   an empty cell discloses no one;
2. rounding: every other count is rounded down to a multiple of the base (default 5), as CTDC rounds down;
3. secondary suppression: the cells of a tally add up to its published total, so a tally (or a row, a column, or the
   whole of a cross-tally) with exactly one suppressed cell has its next-smallest non-zero cell suppressed too, and
   this repeats until no suppressed cell can be recovered by subtraction; such a cell is shown "[c]" (it need not
   be small);
4. statistics: a median, IQR or share is shown only when at least max(10, k) cases stand behind it, and a share is
   hidden when its count, or the rest of its denominator, is itself a small count (else share x total recovers it).
The two-quasi-identifier limit is enforced when a table is built (`measures`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from hbf_desktop.reports.measures import (
    MIN_CASES_FOR_STATISTICS,
    Count,
    CrossTally,
    Measure,
    Median,
    ReportSet,
    Share,
    Tally,
)
from hbf_desktop.reports.period import ReportError


class Suppressed(enum.Enum):
    """Why a cell is hidden. A primary cell is a small count, shown "<k"; a secondary one may be any size (it is
    hidden only so that a small one cannot be worked out), shown "[c]" so that no one reads it as small."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


SECONDARY_MARK = "[c]"
Cell = int | Suppressed
JsonValue = str | int | float | None | dict[str, "JsonValue"]
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class DisclosureRules:
    threshold: int = 10
    rounding_base: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 2 or self.rounding_base < 1:
            raise ReportError(
                f"the disclosure policy needs a threshold of at least 2 and a rounding base of at least 1 "
                f"(it has {self.threshold} and {self.rounding_base}); fix policy.json"
            )

    @property
    def suppressed(self) -> str:
        return f"<{self.threshold}"

    @property
    def minimum_for_statistics(self) -> int:
        return max(MIN_CASES_FOR_STATISTICS, self.threshold)

    def protect(self, count: int) -> Cell:
        """Primary suppression and rounding of one count."""
        if 0 < count < self.threshold:
            return Suppressed.PRIMARY
        return count - count % self.rounding_base


def protect_tally(cells: dict[str, int], rules: DisclosureRules) -> dict[str, Cell]:
    shown = {name: rules.protect(count) for name, count in cells.items()}
    _complete_group(list(cells), cells, shown)
    return shown


def protect_cross(rows: dict[str, dict[str, int]], rules: DisclosureRules) -> dict[str, dict[str, Cell]]:
    exact = {(row, column): count for row, columns in rows.items() for column, count in columns.items()}
    shown = {key: rules.protect(count) for key, count in exact.items()}
    column_names = list(next(iter(rows.values()), {}))
    row_groups = {row: [(row, column) for column in column_names] for row in rows}
    column_groups = {column: [(row, column) for row in rows] for column in column_names}

    def fixable(key: tuple[str, str]) -> bool:
        """Hiding `key` must not leave its row or column with a lone hidden cell that nothing else can cover."""
        for group in (row_groups[key[0]], column_groups[key[1]]):
            others = [other for other in group if other != key]
            if not any(isinstance(shown[other], Suppressed) or exact[other] > 0 for other in others):
                return False
        return True

    groups = [*row_groups.values(), *column_groups.values(), list(exact)]
    changed = True
    while changed:
        changed = any([_complete_group(group, exact, shown, fixable) for group in groups])
    return {row: {column: shown[(row, column)] for column in column_names} for row in rows}


def _complete_group(
    keys: Iterable[Key],
    exact: Mapping[Key, int],
    shown: dict[Key, Cell],
    fixable: Callable[[Key], bool] = lambda _: True,
) -> bool:
    """If exactly one cell of a group adding up to a published total is hidden, hide the smallest other non-zero one
    (preferring one whose own row and column can still be covered)."""
    members = list(keys)
    hidden = [key for key in members if isinstance(shown[key], Suppressed)]
    if len(hidden) != 1:
        return False
    candidates = [key for key in members if not isinstance(shown[key], Suppressed) and exact[key] > 0]
    if not candidates:
        return False
    preferred = [key for key in candidates if fixable(key)] or candidates
    smallest = min(preferred, key=lambda key: exact[key])
    shown[smallest] = Suppressed.SECONDARY
    return True


def deidentify(report_set: ReportSet, rules: DisclosureRules) -> dict[str, dict[str, JsonValue]]:
    """Every report with the rules applied, as JSON values ("<k" for a suppressed count)."""
    return {
        name: {measure: _protected(value, rules) for measure, value in report.items()}
        for name, report in report_set.reports.items()
    }


def _protected(measure: Measure, rules: DisclosureRules) -> JsonValue:
    if isinstance(measure, Count):
        return _cell(rules.protect(measure.value), rules)
    if isinstance(measure, Tally):
        return {name: _cell(cell, rules) for name, cell in protect_tally(measure.cells, rules).items()}
    if isinstance(measure, CrossTally):
        return {
            row: {column: _cell(cell, rules) for column, cell in columns.items()}
            for row, columns in protect_cross(measure.rows, rules).items()
        }
    if isinstance(measure, Median):
        enough = measure.n >= rules.minimum_for_statistics and measure.median is not None
        return {
            "n": _cell(rules.protect(measure.n), rules),
            "median": round(measure.median) if enough and measure.median is not None else None,
            "q1": round(measure.q1) if enough and measure.q1 is not None else None,
            "q3": round(measure.q3) if enough and measure.q3 is not None else None,
        }
    return _protected_share(measure, rules)


def _protected_share(measure: Share, rules: DisclosureRules) -> JsonValue:
    """A share's count and denominator are a tally of two cells (count, rest): a small rest hides the count too."""
    rest_is_small = 0 < measure.of - measure.count < rules.threshold
    small = rest_is_small or 0 < measure.count < rules.threshold
    enough = measure.of >= rules.minimum_for_statistics and not small
    count = Suppressed.SECONDARY if rest_is_small and measure.count >= rules.threshold else rules.protect(measure.count)
    return {
        "count": _cell(count, rules),
        "of": _cell(rules.protect(measure.of), rules),
        "share": round(measure.count / measure.of, 2) if enough else None,
    }


def _cell(cell: Cell, rules: DisclosureRules) -> JsonValue:
    if cell is Suppressed.PRIMARY:
        return rules.suppressed
    return SECONDARY_MARK if cell is Suppressed.SECONDARY else cell
