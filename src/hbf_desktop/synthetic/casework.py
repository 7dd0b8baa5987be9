"""Records of a case's assessments and moves: risk assessments, needs assessments, accommodation moves, referrals.

Risk and moves are drawn in `risk` and `housing` (their statistics are DATA-MODEL.md's); needs and referrals are
drawn here, with ASSUMPTION (generator) rates from `parameters`.
"""

from __future__ import annotations

from datetime import date, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.consents import Consents
from hbf_desktop.synthetic.dates import Period, next_working_day, working_day_between
from hbf_desktop.synthetic.housing import Move
from hbf_desktop.synthetic.organisations import Organisation
from hbf_desktop.synthetic.profile import Profile
from hbf_desktop.synthetic.recorder import Recorder
from hbf_desktop.synthetic.risk import Assessment, latest_on
from hbf_desktop.synthetic.sampling import Weighted, chance, lognormal_days, poisson, subset

_REFERRAL_STATUS = Weighted(p.REFERRAL_STATUS_MIX)
# Organisation role -> why a client is referred there.
_REASONS = {
    "solicitor": ("legal_advice",), "msvcc": ("nrm_support", "safe_accommodation"), "police": ("other",),
    "gp": ("health_care",), "therapy": ("mental_health",),
    "council": ("safe_accommodation", "additional_services_required"), "college": ("additional_services_required",),
    "ngo": ("additional_services_required", "nrm_support"),
}  # fmt: skip
_PRIORITY_BY_RISK = {"high": ("urgent", "high"), "medium": ("high", "medium"), "low": ("medium", "low")}


def risk_record(record: Recorder, assessment: Assessment, case_id: str) -> RecordValues:
    return record(
        "risk_assessment", assessment.on, case_id=case_id, assessed_on=assessment.on.isoformat(),
        domains=dict(assessment.domains), overall_level=assessment.overall,
        review_due=assessment.review_due.isoformat(),
    )  # fmt: skip


def move_record(record: Recorder, move: Move, case_id: str) -> RecordValues:
    return record(
        "accommodation", move.on, case_id=case_id, from_type=move.from_type, to_type=move.to_type,
        move_date=move.on.isoformat(), reason=move.reason, planned=move.planned, from_area=move.from_area,
        to_area=move.to_area,
    )  # fmt: skip


def needs_records(
    record: Recorder, profile: Profile, case_id: str, first: date, last_day: date, risk: list[Assessment]
) -> list[RecordValues]:
    """At opening, then about every six months; earlier needs are more often met than the latest."""
    rng, day = record.rng, first
    found: list[RecordValues] = []
    while day <= last_day:
        following = next_working_day(day + timedelta(days=p.NEEDS_INTERVAL_DAYS + rng.randint(-30, 30)))
        areas = subset(rng, p.NEED_AREA_P)
        if profile.children_count:
            areas.append("children")
        if profile.nationality == "GBR" and "immigration" in areas:
            areas.remove("immigration")
        assessment = latest_on(risk, day)
        priorities = _PRIORITY_BY_RISK[assessment.overall if assessment else "medium"]
        found.append(record(
            "needs_assessment", day, case_id=case_id, assessed_on=day.isoformat(),
            need_areas=areas or ["social_connection"], priority=rng.choice(priorities),
            met=chance(rng, 0.5 if following <= last_day else 0.2),
        ))  # fmt: skip
        day = following
    return found


def incoming_referral(
    record: Recorder, case_id: str, opened: date, first_responder: Organisation | None, orgs: list[Organisation]
) -> RecordValues | None:
    """How most clients arrive: referred in by the first responder that made their NRM referral, or another."""
    rng = record.rng
    if not chance(rng, p.INCOMING_REFERRAL):
        return None
    source = first_responder if first_responder is not None and chance(rng, 0.6) else rng.choice(orgs)
    return record(
        "referral", opened, case_id=case_id, direction="incoming", org_id=source.id, date=opened.isoformat(),
        reason="nrm_support" if source.is_first_responder else "additional_services_required", status="accepted",
        responded_on=opened.isoformat(),
    )  # fmt: skip


def outgoing_referrals(
    record: Recorder, case_id: str, first: date, last_day: date, factor: float, orgs: list[Organisation],
    consents: Consents, period: Period,
) -> list[RecordValues]:  # fmt: skip
    """Poisson over the case; a referral the client has not consented to (or has withdrawn) is not made."""
    rng = record.rng
    found: list[RecordValues] = []
    months = (last_day - first).days / 30.4375
    for _ in range(poisson(rng, p.OUTGOING_REFERRALS_PER_MONTH * factor * months)):
        day = working_day_between(rng, first, last_day + timedelta(days=1))
        target = rng.choice(orgs)
        consent_id = consents.for_referral(target.id, day)
        if consent_id is None:
            continue
        status = _REFERRAL_STATUS.pick(rng)
        responded = day + timedelta(days=lognormal_days(rng, p.REFERRAL_RESPONSE_MEDIAN_DAYS, 0.8))
        if responded >= period.end:
            status = "sent"
        answered = status in ("accepted", "declined")
        found.append(record(
            "referral", day, case_id=case_id, direction="outgoing", org_id=target.id, date=day.isoformat(),
            reason=rng.choice(_REASONS[target.role]), consent_id=consent_id, status=status,
            responded_on=responded.isoformat() if answered else None,
        ))  # fmt: skip
    return found
