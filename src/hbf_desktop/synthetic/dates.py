"""Dates for the generator: the period, months, working days, and local times with the UK's offset.

Casework happens on working days in office hours, and a time is written with the offset a caseworker's clock in
England had that day (GMT or BST). The UK rule is computed here rather than read from a time-zone database because
the standard library's zoneinfo needs the tzdata package on Windows, and the generator must give the same output
everywhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

_SATURDAY = 5
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """The half-open span [start, end) that every recorded event falls in."""

    start: date
    end: date

    @classmethod
    def of_years(cls, start: date, years: int) -> Period:
        if years < 1:
            raise ValueError("the period must be at least one year")
        try:
            end = start.replace(year=start.year + years)
        except ValueError:  # 29 February into a year that has none
            end = date(start.year + years, 3, 1)
        return cls(start, end)

    @property
    def last_day(self) -> date:
        return self.end - _DAY

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


def add_months(day: date, months: float) -> date:
    return day + timedelta(days=round(months * 30.4375))


def is_working_day(day: date) -> bool:
    """Monday to Friday. Bank holidays are ignored: they move a few events by a day and differ across the UK."""
    return day.weekday() < _SATURDAY


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the Monday after: offices decide and meet on working days."""
    while not is_working_day(day):
        day += _DAY
    return day


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += _DAY
        if is_working_day(day):
            count -= 1
    return day


def working_day_between(rng: random.Random, first: date, stop: date) -> date:
    """A random day in [first, stop), moved off a weekend when a working day is in range (else kept)."""
    span = (stop - first).days
    day = first + timedelta(days=int(rng.random() * span)) if span > 1 else first
    if is_working_day(day):
        return day
    friday = day - timedelta(days=day.weekday() - 4)
    monday = day + timedelta(days=7 - day.weekday())
    if friday >= first:
        return friday
    return monday if monday < stop else day


@cache
def _summer_time(year: int) -> tuple[date, date]:
    """British Summer Time runs from the last Sunday of March to the last Sunday of October."""
    march_end, october_end = date(year, 3, 31), date(year, 10, 31)
    return (
        march_end - timedelta(days=(march_end.weekday() + 1) % 7),
        october_end - timedelta(days=(october_end.weekday() + 1) % 7),
    )


def uk_offset(day: date) -> str:
    """The offset of UK local time during office hours on `day` (the clocks change at 01:00, before work)."""
    begins, ends = _summer_time(day.year)
    return "+01:00" if begins <= day < ends else "+00:00"


def office_time(rng: random.Random, day: date, first_hour: int = 9, last_hour: int = 17) -> str:
    """An ISO 8601 time with offset, on the minute, between first_hour:00 and last_hour:59 local time."""
    minute = rng.randrange((last_hour - first_hour + 1) * 60)
    hour, minute = divmod(minute, 60)
    return f"{day.isoformat()}T{first_hour + hour:02d}:{minute:02d}:00{uk_offset(day)}"
