"""Contacts and interventions, month by month (DATA-MODEL.md "Contacts and interventions").

For each client-month of a case, counts are Poisson with rate lambda x frailty x factors, the frailty being the
client's gamma(2) draw, so counts over a client are negative binomial: a few clients take much of the work, as in
real caseloads. Welfare calls have lambda 0.4 and interventions 2.4, keeping the programme's ratio of about 6
interventions per call (688 calls, 4,215 interventions in 2023). Factors: x2 in a case's first 3 months, x1.5 in a
month with an NRM decision or a relocation. Months are counted from the day the case opened (30.44 days each), and
a last, partial month has a rate in proportion to its length, so the rates are per client-month of exposure.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import add_months, office_time, working_day_between
from hbf_desktop.synthetic.notes import contact_note, intervention_note
from hbf_desktop.synthetic.organisations import Organisation
from hbf_desktop.synthetic.recorder import Recorder
from hbf_desktop.synthetic.sampling import Weighted, chance, lognormal, poisson

_INTERVENTIONS = Weighted(p.INTERVENTION_MIX)
_OTHER_CONTACTS = Weighted(p.OTHER_CONTACT_MIX)
_OTHER_OUTCOMES = Weighted(p.OTHER_CONTACT_OUTCOMES)
_INTERVENTION_OUTCOMES = Weighted(p.INTERVENTION_OUTCOMES)
# Intervention type -> (HTCDS org_Type of the counterpart, role of the fixed organisation it names, if any).
COUNTERPARTS: dict[str, tuple[str, str | None]] = {
    "liaison_solicitor": ("legal_service", "solicitor"), "liaison_msvcc_provider": ("msvcc_provider", "msvcc"),
    "liaison_police": ("law_enforcement", "police"), "liaison_home_office": ("immigration_service", None),
    "housing_advocacy": ("local_government", "council"), "relocation_support": ("msvcc_provider", "msvcc"),
    "health_gp_referral": ("health_service", "gp"), "sexual_health_access": ("health_service", "gp"),
    "mental_health_referral": ("health_service", "therapy"), "child_support_services": ("local_government", "council"),
    "education_college": ("school_or_college", "college"), "employment_support": ("ngo", "ngo"),
    "benefits_finance": ("central_government", None), "social_isolation_activity": ("ngo", "ngo"),
    "mlr_referral": ("health_service", None), "nrm_reconsideration_request": ("central_government", None),
    "compensation_support": ("legal_service", "solicitor"), "safeguarding_referral": ("local_government", "council"),
}  # fmt: skip
# Minutes: (median, sigma) of lognormal durations. ASSUMPTION (generator).
_CONTACT_MINUTES = {
    "welfare_call": (15, 0.5), "home_visit": (60, 0.4), "office_appointment": (50, 0.4), "accompaniment": (150, 0.5),
    "video_call": (30, 0.4),
}  # fmt: skip
_DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True)
class CaseActivity:
    """What the monthly draws of one case need to know."""

    case_id: str
    opened: date
    last_day: date  # inclusive
    peaks: frozenset[date]  # days of NRM decisions and relocations
    frailty: float
    interpreter: bool
    support_from: date | None  # move-on support after a positive CG: wellbeing is a little better after it


def activity(
    record: Recorder, case: CaseActivity, orgs: dict[str, list[Organisation]], linked: Iterable[tuple[date, str]]
) -> tuple[list[RecordValues], list[date]]:
    """The case's contacts and interventions, and the days of calls where it was not safe to talk."""
    rng = record.rng
    found: list[RecordValues] = []
    unsafe: list[date] = []
    month, first = 0, case.opened
    while first <= case.last_day:
        stop = min(add_months(case.opened, month + 1), case.last_day + timedelta(days=1))
        exposure = (stop - first).days / _DAYS_PER_MONTH
        factor = case.frailty * exposure * (p.EARLY_FACTOR if month < p.EARLY_MONTHS else 1.0)
        if any(first <= peak < stop for peak in case.peaks):
            factor *= p.EVENT_FACTOR
        for _ in range(poisson(rng, p.WELFARE_CALLS_PER_MONTH * factor)):
            day = working_day_between(rng, first, stop)
            found.append(welfare_call(record, case, day))
            if found[-1]["outcome"] == "unsafe_to_talk":
                unsafe.append(day)
        for _ in range(poisson(rng, p.OTHER_CONTACTS_PER_MONTH * factor)):
            found.append(other_contact(record, case, working_day_between(rng, first, stop)))
        for _ in range(poisson(rng, p.INTERVENTIONS_PER_MONTH * factor)):
            day = working_day_between(rng, first, stop)
            found.append(intervention(record, case, orgs, day, _INTERVENTIONS.pick(rng)))
        month, first = month + 1, stop
    found += [intervention(record, case, orgs, day, kind) for day, kind in linked if in_case(case, day)]
    return found, unsafe


def in_case(case: CaseActivity, day: date) -> bool:
    return case.opened <= day <= case.last_day


def welfare_call(record: Recorder, case: CaseActivity, day: date) -> RecordValues:
    """15 % of attempts get no answer and 2 % find the client unable to talk safely (DATA-MODEL.md)."""
    rng = record.rng
    draw = rng.random()
    outcome = "completed"
    if draw < p.CALL_NO_ANSWER + p.CALL_UNSAFE:
        outcome = "no_answer" if draw < p.CALL_NO_ANSWER else "unsafe_to_talk"
    completed = outcome == "completed"
    return record(
        "contact", day, case_id=case.case_id, contact_type="welfare_call", direction="outgoing",
        occurred_at=office_time(rng, day), duration_min=_minutes(rng, "welfare_call") if completed else 1,
        outcome=outcome, safe_to_talk=completed if outcome != "no_answer" else None,
        interpreter_used=completed and case.interpreter,
        wellbeing_score=_wellbeing(rng, case, day) if completed and chance(rng, 0.5) else None,
        note=contact_note(rng, "welfare_call") if completed and chance(rng, p.NOTE_SHARE) else None,
    )  # fmt: skip


def other_contact(record: Recorder, case: CaseActivity, day: date) -> RecordValues:
    rng = record.rng
    kind, outcome = _OTHER_CONTACTS.pick(rng), _OTHER_OUTCOMES.pick(rng)
    if kind == "message":  # a message is answered or not; it is never cancelled or rescheduled
        outcome = "completed" if outcome != "no_answer" else outcome
    completed, when = outcome == "completed", office_time(rng, day)
    planned = kind in ("home_visit", "office_appointment", "accompaniment")
    return record(
        "contact", day, case_id=case.case_id, contact_type=kind,
        direction=("incoming" if chance(rng, 0.5) else "outgoing") if kind == "message" else None,
        scheduled_at=when if planned else None, occurred_at=when,
        duration_min=_minutes(rng, kind) if completed and kind != "message" else None, outcome=outcome,
        interpreter_used=completed and case.interpreter and kind != "message",
        wellbeing_score=_wellbeing(rng, case, day) if completed and planned and chance(rng, 0.3) else None,
        note=contact_note(rng, kind) if completed and chance(rng, p.NOTE_SHARE) else None,
    )  # fmt: skip


def intervention(
    record: Recorder, case: CaseActivity, orgs: dict[str, list[Organisation]], day: date, kind: str
) -> RecordValues:
    rng = record.rng
    org_type, role = COUNTERPARTS.get(kind, ("ngo", None))
    counterparts = orgs.get(role, []) if role is not None else []
    return record(
        "intervention", day, case_id=case.case_id, date=day.isoformat(), intervention_type=kind,
        counterpart_org_type=org_type, counterpart_org_id=rng.choice(counterparts).id if counterparts else None,
        outcome=_INTERVENTION_OUTCOMES.pick(rng),
        time_spent_min=min(max(round(lognormal(rng, 35, 0.6)), 5), 480),
        note=intervention_note(rng, kind) if chance(rng, p.NOTE_SHARE) else None,
    )  # fmt: skip


def _minutes(rng: random.Random, kind: str) -> int:
    median, sigma = _CONTACT_MINUTES[kind]
    return min(max(round(lognormal(rng, median, sigma)), 2), 600)


def _wellbeing(rng: random.Random, case: CaseActivity, day: date) -> int:
    """0-10, centred on 5; a point higher once move-on support has begun (ASSUMPTION, generator)."""
    centre = 6.0 if case.support_from is not None and day >= case.support_from else 5.0
    return min(max(round(rng.gauss(centre, 2.0)), 0), 10)
