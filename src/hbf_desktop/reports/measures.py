"""What a report holds: counts, tallies by one or two categories, medians with their IQR, and shares.

Reports return these typed measures rather than bare numbers so that disclosure control knows what each figure is: a
count to suppress and round, a tally whose cells add up to a published total (so secondary suppression applies), or a
statistic that may be shown only when enough cases stand behind it. The measure names are the public JSON keys.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# DATA-MODEL.md: medians and rates only if n >= 10, for internal figures too (a median of three waits misleads).
MIN_CASES_FOR_STATISTICS = 10
MAX_QUASI_IDENTIFIERS = 2
NOT_RECORDED = "not_recorded"


class TooManyQuasiIdentifiersError(ValueError):
    """A programming error: a table crossing more than two quasi-identifiers could single a person out."""


def _check_quasi_identifiers(names: tuple[str, ...]) -> None:
    if len(names) > MAX_QUASI_IDENTIFIERS:
        raise TooManyQuasiIdentifiersError(f"a table may cross at most two quasi-identifiers, not {names}")


@dataclass(frozen=True)
class Count:
    value: int


@dataclass(frozen=True)
class Tally:
    """Counts by one category. The cells partition what is counted, so they sum to `total`, which is published."""

    cells: dict[str, int]
    quasi_identifiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_quasi_identifiers(self.quasi_identifiers)

    @classmethod
    def of(
        cls, values: Iterable[str | None], categories: Iterable[str] = (), quasi_identifiers: tuple[str, ...] = ()
    ) -> Tally:
        """Count `values`; every category listed appears (as 0 if absent), in vocabulary order, then the rest."""
        return cls.of_counts(Counter(values).items(), categories, quasi_identifiers)

    @classmethod
    def of_counts(
        cls,
        counts: Iterable[tuple[str | None, int]],
        categories: Iterable[str] = (),
        quasi_identifiers: tuple[str, ...] = (),
    ) -> Tally:
        """As `of`, from (value, how many) pairs already counted (by SQLite: `Source.counts`)."""
        counted: Counter[str] = Counter()
        for value, number in counts:
            counted[value if value is not None else NOT_RECORDED] += number
        ordered = {category: counted.pop(category, 0) for category in categories}
        ordered.update(sorted(counted.items()))
        return cls(ordered, quasi_identifiers)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


@dataclass(frozen=True)
class CrossTally:
    """Counts by two categories (rows x columns); margins and the grand total are treated as published."""

    rows: dict[str, dict[str, int]]
    quasi_identifiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_quasi_identifiers(self.quasi_identifiers)

    @classmethod
    def of(
        cls,
        pairs: Iterable[tuple[str | None, str | None]],
        row_categories: Iterable[str] = (),
        column_categories: Iterable[str] = (),
        quasi_identifiers: tuple[str, ...] = (),
    ) -> CrossTally:
        counted = Counter((row or NOT_RECORDED, column or NOT_RECORDED) for row, column in pairs)
        row_names = _ordered(list(row_categories), {row for row, _ in counted})
        column_names = _ordered(list(column_categories), {column for _, column in counted})
        rows = {row: {column: counted.get((row, column), 0) for column in column_names} for row in row_names}
        return cls(rows, quasi_identifiers)

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.rows.values())


def _ordered(categories: list[str], seen: set[str]) -> list[str]:
    return categories + sorted(seen - set(categories))


@dataclass(frozen=True)
class Median:
    """A distribution of day counts: n, and the median and quartiles when n is large enough to mean something."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None

    @classmethod
    def of(cls, values: Iterable[int]) -> Median:
        data = sorted(values)
        if len(data) < MIN_CASES_FOR_STATISTICS:
            return cls(len(data), None, None, None)
        # "inclusive" is linear interpolation between order statistics (numpy's and Excel's QUARTILE default).
        q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
        return cls(len(data), float(statistics.median(data)), q1, q3)


@dataclass(frozen=True)
class Share:
    """`count` out of `of`; the share itself only when `of` is large enough."""

    count: int
    of: int

    @property
    def share(self) -> float | None:
        if self.of < MIN_CASES_FOR_STATISTICS:
            return None
        return self.count / self.of


Measure = Count | Tally | CrossTally | Median | Share
Report = Mapping[str, Measure]


@dataclass(frozen=True)
class ReportSet:
    """Every standard report for one period, by its public snake_case name."""

    period_start: str
    period_end: str
    reports: dict[str, Report] = field(default_factory=dict)
    programme: str | None = None  # None: every programme
