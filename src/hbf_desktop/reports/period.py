"""The reporting period [from, to) and the calendar helpers every report shares.

Dates are compared as ISO 8601 strings: `YYYY-MM-DD` sorts as dates do, so a period test is a string comparison that
SQLite can do too. A date-time (a contact's `occurred_at`) counts on the calendar day written in it, in the offset the
caseworker recorded: a call at 23:30 on 31 March in London is a March call, whatever UTC says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hbf_desktop.domain.model import DomainError


class ReportError(DomainError):
    """A report that cannot be produced as asked (a bad period, a wrong format); the message says what to change."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # exclusive

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        """A period from two ISO dates, refusing ones a person could have mistyped."""
        first, last = _parse_date(start, "--from"), _parse_date(end, "--to")
        if last <= first:
            raise ReportError(f"the period must end after it starts (--from {start}, --to {end}); --to is exclusive")
        return cls(first, last)

    @property
    def start_text(self) -> str:
        return self.start.isoformat()

    @property
    def end_text(self) -> str:
        return self.end.isoformat()

    def contains(self, day: str | None) -> bool:
        """Whether an ISO date (or the date part of a date-time) falls in [start, end)."""
        return day is not None and self.start_text <= day[:10] < self.end_text

    def require_whole_months(self) -> None:
        """De-identified figures are published for fixed periods only (DATA-MODEL.md "Differencing"): two reports
        a day apart would differ by one person's records, so a period must run from a 1st of a month to a 1st."""
        if self.start.day != 1 or self.end.day != 1:
            raise ReportError(
                f"de-identified figures cover whole months, so that two releases cannot be subtracted to reveal "
                f"one person: use a period from the 1st of a month to the 1st of a month (not {self.label()})"
            )

    def label(self) -> str:
        return f"{self.start_text} to {self.end_text} (end exclusive)"


def _parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-01-01") from None


def days_between(earlier: str, later: str) -> int:
    """Calendar days from one ISO date to another."""
    return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days


def whole_months_between(earlier: date, later: date) -> int:
    """Completed calendar months: 15 Jan to 14 Feb is 0, to 15 Feb is 1."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def quarter_of(day: str | None) -> str | None:
    """`2024-05-03` -> `2024-Q2`: the coarsest date a de-identified export shows."""
    if not day or len(day) < 7:
        return None
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
