"""Who a client is and when their cases run: the draws every other part of a client's records depends on.

Kept apart from record building so that the statistical design (DATA-MODEL.md "Demographics", "Case duration") can be
read, tested and tuned without any field names.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic import people
from hbf_desktop.synthetic.dates import Period, add_months, next_working_day, working_day_between
from hbf_desktop.synthetic.sampling import Weighted, chance, frailty, lognormal, lognormal_days

_MEN_GENDERS = Weighted(p.MEN_GENDERS)
_STATUS = Weighted(p.IMMIGRATION_STATUS_MIX)
_CLOSURE = Weighted(p.CLOSURE_REASON_MIX)
_DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True)
class CaseSpan:
    """One episode of support. `closed` is None when the case is still open at the period end; `planned_end` is
    when it would close, which may be after the end."""

    opened: date
    closed: date | None
    planned_end: date
    closure_reason: str | None
    reopened: bool


@dataclass
class Profile:
    gender: str
    woman: bool  # feminine or transgender feminine: the group DATA-MODEL.md's female rates apply to
    dob: date
    intake: date
    nationality: str
    languages: list[str]
    interpreter_needed: bool
    immigration_status: str
    local_area: str
    children_count: int
    has_disability: bool
    health_needs: bool
    frailty: float  # per-client gamma multiplier of every activity rate
    worker: str
    cases: list[CaseSpan] = field(default_factory=list)


def draw_profile(rng: random.Random, period: Period, female_share: float) -> Profile:
    woman = chance(rng, female_share)
    if woman:
        gender = "transgender_feminine" if chance(rng, p.TRANSGENDER_SHARE_OF_WOMEN) else "feminine"
    else:
        gender = _MEN_GENDERS.pick(rng)
    intake = working_day_between(rng, period.start, period.end)
    country = people.nationality(rng)
    languages, interpreter = _languages(rng, country)
    profile = Profile(
        gender=gender, woman=woman, dob=_birth_date(rng, intake), intake=intake, nationality=country,
        languages=languages, interpreter_needed=interpreter,
        immigration_status="uk_national" if country == "GBR" else _STATUS.pick(rng),
        local_area=people.LOCAL_AREAS.pick(rng),
        children_count=rng.randint(1, 3) if chance(rng, p.HAS_DEPENDANTS) else 0,
        has_disability=chance(rng, p.HAS_DISABILITY), health_needs=chance(rng, p.HEALTH_NEEDS),
        frailty=frailty(rng, p.FRAILTY_SHAPE), worker=people.staff_code(rng),
    )  # fmt: skip
    profile.cases = draw_cases(rng, intake, period)
    return profile


def _birth_date(rng: random.Random, intake: date) -> date:
    """Age at intake lognormal, median 31 and sigma 0.3, clipped to adults up to 70 (DATA-MODEL.md)."""
    age = min(max(lognormal(rng, p.AGE_MEDIAN_YEARS, p.AGE_SIGMA), p.AGE_MIN_YEARS), p.AGE_MAX_YEARS)
    return intake - timedelta(days=math.floor(age * _DAYS_PER_YEAR))


def _languages(rng: random.Random, country: str) -> tuple[list[str], bool]:
    """A client who needs no interpreter speaks English too (ASSUMPTION, generator)."""
    first = people.first_language(rng, country)
    needed = first != "eng" and chance(rng, p.INTERPRETER_NEEDED_NON_UK)
    return ([first] if needed or first == "eng" else [first, "eng"]), needed


def draw_cases(rng: random.Random, intake: date, period: Period) -> list[CaseSpan]:
    """The first case from intake; about 10 % of closed cases reopen after a gap (DATA-MODEL.md)."""
    first = _case(rng, intake, p.CASE_MEDIAN_MONTHS, period, reopened=False)
    cases = [first]
    if first.closed is not None and chance(rng, p.REOPEN_SHARE):
        reopen = next_working_day(first.closed + timedelta(days=lognormal_days(rng, p.REOPEN_GAP_MEDIAN_DAYS, 0.8)))
        if reopen < period.end:
            cases.append(_case(rng, reopen, p.REOPENED_CASE_MEDIAN_MONTHS, period, reopened=True))
    return cases


def _case(rng: random.Random, opened: date, median_months: float, period: Period, *, reopened: bool) -> CaseSpan:
    months = min(lognormal(rng, median_months, p.CASE_SIGMA), p.CASE_MAX_MONTHS)
    planned_end = next_working_day(max(add_months(opened, months), opened))
    if planned_end < period.end:
        return CaseSpan(opened, planned_end, planned_end, _CLOSURE.pick(rng), reopened)
    return CaseSpan(opened, None, planned_end, None, reopened)


def active_until(case: CaseSpan, period: Period) -> date:
    """The last day a case has activity: its closing day, or the last day of the period while it is open."""
    return case.closed if case.closed is not None else period.last_day
