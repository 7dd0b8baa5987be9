"""The period, working days and UK local times."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from hbf_desktop.synthetic.dates import (
    Period,
    add_working_days,
    is_working_day,
    next_working_day,
    office_time,
    uk_offset,
    working_day_between,
)


def test_the_period_is_whole_years_and_half_open() -> None:
    period = Period.of_years(date(2019, 1, 1), 6)
    assert period.end == date(2025, 1, 1) and period.last_day == date(2024, 12, 31)
    assert date(2019, 1, 1) in period and date(2025, 1, 1) not in period
    assert Period.of_years(date(2020, 2, 29), 1).end == date(2021, 3, 1)
    with pytest.raises(ValueError):
        Period.of_years(date(2020, 1, 1), 0)


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (date(2024, 3, 30), "+00:00"),  # the Saturday before the clocks go forward (last Sunday of March)
        (date(2024, 3, 31), "+01:00"),
        (date(2024, 10, 26), "+01:00"),
        (date(2024, 10, 27), "+00:00"),  # the clocks went back at 02:00 BST
        (date(2023, 7, 1), "+01:00"),
        (date(2023, 12, 1), "+00:00"),
    ],
)
def test_uk_offset_follows_british_summer_time(day: date, offset: str) -> None:
    assert uk_offset(day) == offset


def test_office_times_are_in_office_hours_with_an_offset() -> None:
    rng = random.Random(1)
    for _ in range(500):
        moment = datetime.fromisoformat(office_time(rng, date(2024, 6, 3)))
        assert moment.utcoffset() == timedelta(hours=1)
        assert 9 <= moment.hour <= 17 and moment.second == 0


def test_working_days() -> None:
    friday = date(2024, 5, 31)
    assert add_working_days(friday, 1) == date(2024, 6, 3)
    assert add_working_days(friday, 5) == date(2024, 6, 7)
    assert next_working_day(date(2024, 6, 1)) == date(2024, 6, 3)
    assert next_working_day(friday) == friday
    rng = random.Random(2)
    days = [working_day_between(rng, date(2024, 6, 1), date(2024, 7, 1)) for _ in range(1000)]
    assert all(is_working_day(day) and date(2024, 6, 1) <= day < date(2024, 7, 1) for day in days)
    weekend_only = working_day_between(rng, date(2024, 6, 1), date(2024, 6, 3))
    assert weekend_only in (date(2024, 6, 1), date(2024, 6, 2)), "no working day in range: the day is kept"
