"""NRM decision times (DATA-MODEL.md "Standard reports" 5).

Only the `nrm` route has decisions (a Duty to Notify report does not). Waits are calendar days, for the records whose
decision fell in the period: referral -> reasonable grounds (RG) for RG decisions in the period, RG -> conclusive
grounds (CG) for CG decisions in the period. Pending cases are reported apart because their waits are censored: a case
is pending at the period's end if it was referred before the end and is still waiting for its RG, or had a positive
RG before the end and is still waiting for its CG; its age is the completed months since referral.
"""

from __future__ import annotations

from datetime import date

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.reports.measures import Median, Report, Tally
from hbf_desktop.reports.period import Period, days_between, whole_months_between
from hbf_desktop.reports.source import Source

AGE_BANDS = ("under_6_months", "6_to_12_months", "12_to_24_months", "over_24_months")
_FIELDS = ("route", "referral_date", "rg_date", "rg_outcome", "cg_date", "cg_outcome")
_DECIDED_RG = tuple(outcome for outcome in v.RG_OUTCOME if outcome != "pending")
_DECIDED_CG = tuple(outcome for outcome in v.CG_OUTCOME if outcome != "pending")


def age_band(months: int) -> str:
    if months < 6:
        return AGE_BANDS[0]
    if months < 12:
        return AGE_BANDS[1]
    return AGE_BANDS[2] if months < 24 else AGE_BANDS[3]


def nrm_decision_times(source: Source, period: Period) -> Report:
    to_rg: list[int] = []
    to_cg: list[int] = []
    rg_outcomes: list[str | None] = []
    cg_outcomes: list[str | None] = []
    pending: list[str] = []
    end = period.end_text
    for row in source.rows("nrm_record", _FIELDS):
        route, referred, rg_date, rg_outcome, cg_date, cg_outcome = (_text(value) for value in row[1:])
        if route != "nrm":
            continue
        if period.contains(rg_date) and rg_outcome != "pending":
            rg_outcomes.append(rg_outcome)
            if referred is not None and rg_date is not None:
                to_rg.append(days_between(referred, rg_date))
        if period.contains(cg_date) and cg_outcome != "pending":
            cg_outcomes.append(cg_outcome)
            if rg_date is not None and cg_date is not None:
                to_cg.append(days_between(rg_date, cg_date))
        if referred is not None and referred < end and _waiting_at(end, rg_date, rg_outcome, cg_date, cg_outcome):
            pending.append(age_band(whole_months_between(date.fromisoformat(referred), period.end)))
    return {
        "referral_to_rg_days": Median.of(to_rg),
        "rg_to_cg_days": Median.of(to_cg),
        "rg_outcomes": Tally.of(rg_outcomes, _DECIDED_RG),
        "cg_outcomes": Tally.of(cg_outcomes, _DECIDED_CG),
        "pending_by_age": Tally.of(pending, AGE_BANDS),
    }


def _waiting_at(
    end: str, rg_date: str | None, rg_outcome: str | None, cg_date: str | None, cg_outcome: str | None
) -> bool:
    rg_by_end = rg_date is not None and rg_date < end and rg_outcome not in (None, "pending")
    if not rg_by_end:
        return True
    if rg_outcome != "positive":
        return False
    return not (cg_date is not None and cg_date < end and cg_outcome not in (None, "pending"))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
