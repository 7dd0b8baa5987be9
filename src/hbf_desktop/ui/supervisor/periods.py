"""The reporting period presets of the Reports view, as [from, to) pairs of dates (no Qt).

Financial years run 1 April to 31 March (the usual year end of a UK charity); every preset is whole months, so each
is also a period de-identified figures may be published for (`Period.require_whole_months`).
"""

from __future__ import annotations

from datetime import date

PRESETS = ("this_month", "last_quarter", "last_financial_year", "last_calendar_year")
FINANCIAL_YEAR_START_MONTH = 4


def _month_start(year: int, month: int) -> date:
    """The 1st of a month given as a possibly out-of-range month number (0 is last December, 13 next January)."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def preset(name: str, today: date) -> tuple[date, date]:
    if name == "this_month":
        return _month_start(today.year, today.month), _month_start(today.year, today.month + 1)
    if name == "last_quarter":
        first_month = (today.month - 1) // 3 * 3 + 1
        return _month_start(today.year, first_month - 3), _month_start(today.year, first_month)
    if name == "last_financial_year":
        start_year = today.year if today.month >= FINANCIAL_YEAR_START_MONTH else today.year - 1
        return date(start_year - 1, FINANCIAL_YEAR_START_MONTH, 1), date(start_year, FINANCIAL_YEAR_START_MONTH, 1)
    if name == "last_calendar_year":
        return date(today.year - 1, 1, 1), date(today.year, 1, 1)
    raise ValueError(f"unknown period preset {name!r}")
