"""Client profiles and case spans: gender share, adult ages, case lengths, reopening (DATA-MODEL.md)."""

from __future__ import annotations

import random
import statistics
from datetime import date

import pytest

from hbf_desktop.domain.codes import age_band
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period, is_working_day
from hbf_desktop.synthetic.profile import Profile, draw_cases, draw_profile

N = 20_000
PERIOD = Period.of_years(date(2019, 1, 1), 6)


def _profiles(female_share: float, n: int = N) -> list[Profile]:
    rng = random.Random(1)
    return [draw_profile(rng, PERIOD, female_share) for _ in range(n)]


@pytest.mark.parametrize("female_share", [0.5, 0.27])
def test_the_share_of_women_is_the_parameter(female_share: float) -> None:
    profiles = _profiles(female_share)
    assert abs(sum(profile.woman for profile in profiles) / N - female_share) < 0.02
    assert all(profile.woman == (profile.gender in ("feminine", "transgender_feminine")) for profile in profiles)


def test_clients_are_adults_with_median_age_31() -> None:
    profiles = _profiles(0.5, 10_000)
    ages = [(profile.intake - profile.dob).days / 365.2425 for profile in profiles]
    assert statistics.median(ages) == pytest.approx(p.AGE_MEDIAN_YEARS, abs=0.5)
    assert min(ages) >= 18 and max(ages) <= 70.01
    bands = {age_band(profile.dob.year, profile.dob.month, profile.intake) for profile in profiles}
    assert not bands & {"0_8", "9_17"}


def test_intake_is_a_working_day_in_the_period_and_uk_nationals_have_no_migration_status() -> None:
    for profile in _profiles(0.5, 5_000):
        assert profile.intake in PERIOD and is_working_day(profile.intake)
        assert (profile.nationality == "GBR") == (profile.immigration_status == "uk_national")
        assert profile.interpreter_needed == ("eng" not in profile.languages)


def test_uncensored_cases_last_24_months_at_the_median() -> None:
    long_period = Period.of_years(date(2000, 1, 1), 60)
    rng = random.Random(2)
    months = [
        (draw_cases(rng, date(2001, 1, 1), long_period)[0].planned_end - date(2001, 1, 1)).days / 30.4375
        for _ in range(N)
    ]
    assert statistics.median(months) == pytest.approx(p.CASE_MEDIAN_MONTHS, rel=0.03)
    assert max(months) <= p.CASE_MAX_MONTHS + 0.2


def test_about_ten_percent_of_closed_cases_reopen() -> None:
    long_period = Period.of_years(date(2000, 1, 1), 60)
    rng = random.Random(3)
    spans = [draw_cases(rng, date(2001, 1, 1), long_period) for _ in range(N)]
    assert abs(sum(len(cases) == 2 for cases in spans) / N - p.REOPEN_SHARE) < 0.02
    for cases in spans:
        if len(cases) == 2:
            assert cases[0].closed is not None and cases[1].opened > cases[0].closed and cases[1].reopened


def test_cases_open_at_the_period_end_have_no_closing_date() -> None:
    for profile in _profiles(0.5, 5_000):
        for case in profile.cases:
            assert case.opened in PERIOD
            assert (case.closed is None) == (case.planned_end >= PERIOD.end)
            assert case.closed is None or case.closed >= case.opened
