"""A client's path through the National Referral Mechanism, as dates and outcomes (DATA-MODEL.md "NRM").

Only what has happened by the period end is known: a decision due after it stays `pending`, so the data has the
same censoring a real export would, and report 5 (pending cases by age) has something to count. The MSVCC phase is
the phase on the last day of the period.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period, add_working_days, next_working_day
from hbf_desktop.synthetic.sampling import chance, lognormal_days

_MAX_REDRAWS = 20


@dataclass
class NrmPath:
    route: str  # nrm, or none when the client withheld consent to a referral
    referral: date | None = None
    authority: str | None = None
    rg_date: date | None = None
    rg_outcome: str | None = None
    cg_date: date | None = None
    cg_outcome: str | None = None
    reconsideration_requested: date | None = None
    reconsideration_outcome: str | None = None
    reconsideration_decided: date | None = None
    support_from: date | None = None  # start of move-on support: a positive CG, or an overturned negative
    rna_submitted: date | None = None
    rna_outcome: str | None = None
    extension_end: date | None = None
    phase: str = "none"
    decisions: list[date] = field(default_factory=list)  # decision days inside the period (activity peaks)


def draw_nrm(rng: random.Random, intake: date, woman: bool, period: Period) -> NrmPath | None:
    """80 % of clients have an NRM record; 2 % of all clients withheld consent, so no referral (DATA-MODEL.md)."""
    draw = rng.random()
    if draw >= p.NRM_SHARE:
        return None
    if draw < p.CONSENT_WITHHELD_SHARE:
        return NrmPath(route="none")
    # ASSUMPTION (generator): 40 % are referred at intake, the rest within weeks (median 10 days, at most 90).
    delay = 0 if chance(rng, 0.4) else lognormal_days(rng, 10, 0.8, maximum=90)
    referral = min(next_working_day(intake + timedelta(days=delay)), period.last_day)
    path = NrmPath(route="nrm", referral=referral, authority="ieca" if chance(rng, p.IECA_SHARE) else "sca")
    _reasonable_grounds(rng, path, referral, period)
    if path.rg_outcome == "positive" and path.rg_date is not None:
        _conclusive_grounds(rng, path, path.rg_date, woman, period)
    if path.support_from is not None:
        _move_on(rng, path, path.support_from, period)
    path.phase = _phase(rng, path, period.end)
    return path


def rg_decision_day(rng: random.Random, referral: date) -> date:
    """Half within 5 working days [S8]; the rest lognormal (median 20 days, capped 365), redrawn until slower than
    that, so that the share decided within 5 working days is exactly the parameter. Decisions fall on working days."""
    fast_limit = add_working_days(referral, p.RG_FAST_WORKING_DAYS)
    if chance(rng, p.RG_FAST_SHARE):
        return add_working_days(referral, rng.randint(1, p.RG_FAST_WORKING_DAYS))
    for _ in range(_MAX_REDRAWS):
        days = lognormal_days(rng, p.RG_SLOW_MEDIAN_DAYS, p.RG_SLOW_SIGMA, maximum=p.RG_MAX_DAYS)
        if referral + timedelta(days=days) > fast_limit:
            return next_working_day(referral + timedelta(days=days))
    return add_working_days(fast_limit, 1)


def _reasonable_grounds(rng: random.Random, path: NrmPath, referral: date, period: Period) -> None:
    rg_date = rg_decision_day(rng, referral)
    draw = rng.random()
    if rg_date >= period.end:
        path.rg_outcome = "pending"
        return
    path.rg_date = rg_date
    path.decisions.append(rg_date)
    if draw < p.RG_POSITIVE:
        path.rg_outcome = "positive"
    else:
        path.rg_outcome = "withdrawn" if draw < p.RG_POSITIVE + p.RG_WITHDRAWN else "negative"


def cg_wait_days(rng: random.Random, woman: bool) -> int:
    """30 days [S10] plus lognormal (sigma 0.6) with median 496 (so about 526 in all [S11]), or 874 for women."""
    median = p.CG_MEDIAN_DAYS_WOMEN if woman else p.CG_MEDIAN_DAYS_MEN
    return p.CG_MIN_DAYS + lognormal_days(rng, median, p.CG_SIGMA)


def _conclusive_grounds(rng: random.Random, path: NrmPath, rg_date: date, woman: bool, period: Period) -> None:
    cg_date = next_working_day(rg_date + timedelta(days=cg_wait_days(rng, woman)))
    draw = rng.random()
    if cg_date >= period.end:
        path.cg_outcome = "pending"
        return
    path.cg_date = cg_date
    path.decisions.append(cg_date)
    if draw < p.CG_POSITIVE:
        path.cg_outcome = "positive"
        path.support_from = cg_date
        return
    path.cg_outcome = "disqualified_public_order" if draw < p.CG_POSITIVE + p.CG_DISQUALIFIED else "negative"
    if path.cg_outcome == "negative" and chance(rng, p.RECONSIDERATION_SHARE):
        _reconsideration(rng, path, cg_date, period)


def _reconsideration(rng: random.Random, path: NrmPath, cg_date: date, period: Period) -> None:
    """10 % of negatives are reconsidered, 30 % of those overturned (DATA-MODEL.md); the wait is ASSUMPTION."""
    requested = next_working_day(cg_date + timedelta(days=rng.randint(7, 60)))
    decided = next_working_day(requested + timedelta(days=lognormal_days(rng, p.RECONSIDERATION_MEDIAN_DAYS, 0.5)))
    overturned = chance(rng, p.RECONSIDERATION_OVERTURNED)
    if requested >= period.end:
        return
    path.reconsideration_requested = requested
    if decided >= period.end:
        path.reconsideration_outcome = "pending"
        return
    path.reconsideration_outcome = "overturned" if overturned else "upheld"
    path.reconsideration_decided = decided
    path.decisions.append(decided)
    if overturned:
        path.support_from = decided


def _move_on(rng: random.Random, path: NrmPath, support_from: date, period: Period) -> None:
    """Move-on support for 45 days [S19]; 40 % get an RNA extension of 30-180 days (DATA-MODEL.md)."""
    if not chance(rng, p.RNA_EXTENSION_SHARE):
        return
    submitted = next_working_day(support_from + timedelta(days=rng.randint(10, 40)))
    low, high = p.RNA_EXTENSION_DAYS
    extension_end = support_from + timedelta(days=p.MOVE_ON_DAYS + rng.randint(low, high))
    if submitted >= period.end:
        return
    path.rna_submitted = submitted
    decided = submitted + timedelta(days=14)  # ASSUMPTION (generator): the RNA outcome two weeks later
    path.rna_outcome = "extended" if decided < period.end else "pending"
    if path.rna_outcome == "extended":
        path.extension_end = extension_end


def _phase(rng: random.Random, path: NrmPath, end: date) -> str:
    """The MSVCC phase on the period's last day."""
    if path.route != "nrm":
        return "none"
    pre_rg = "emergency_destitution" if chance(rng, p.PRE_RG_DESTITUTION_SHARE) else "none"
    if path.rg_outcome == "pending":
        return pre_rg
    if path.rg_outcome != "positive":
        return "exited"
    if path.support_from is not None:
        if end <= path.support_from + timedelta(days=p.MOVE_ON_DAYS):
            return "move_on"
        return "extended_by_rna" if path.extension_end is not None and end <= path.extension_end else "exited"
    pending = path.cg_outcome == "pending" or path.reconsideration_outcome == "pending"
    return "recovery_period" if pending else "exited"
