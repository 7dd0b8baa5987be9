"""Referrals, housing moves and the risk profile (DATA-MODEL.md "Standard reports" 4, 6 and 7)."""

from __future__ import annotations

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.reports.activity import open_at
from hbf_desktop.reports.measures import Count, CrossTally, Report, Share, Tally
from hbf_desktop.reports.period import Period, days_between
from hbf_desktop.reports.source import Request, Source

ACCEPTED_WITHIN_DAYS = 30
RISK_REQUEST: Request = ("risk_assessment", ("assessed_on", "overall_level", "domains.re_trafficking"), None)
NOT_ASSESSED = "not_assessed"


def referrals(source: Source, period: Period) -> Report:
    """Incoming and outgoing referrals dated in the period, by the organisation's kind and the referral's status.

    Accepted within 30 days: accepted, with `responded_on` at most 30 calendar days after the referral's date; the
    denominator is every referral in the period.
    """
    rows = source.rows("referral", ("direction", "org_id", "status", "date", "responded_on"), within=("date", period))
    org_types = source.organisation_types()
    accepted = sum(
        1
        for row in rows
        if row[3] == "accepted"
        and row[5] is not None
        and days_between(str(row[4]), str(row[5])) <= ACCEPTED_WITHIN_DAYS
    )
    return {
        "total": Count(len(rows)),
        "by_direction": Tally.of((_text(row[1]) for row in rows), v.DIRECTION),
        "by_org_type_and_status": CrossTally.of(
            ((org_types.get(str(row[2])), _text(row[3])) for row in rows), v.ORG_TYPE, v.REFERRAL_STATUS
        ),
        "accepted_within_30_days": Share(accepted, len(rows)),
    }


def housing_moves(source: Source, period: Period) -> Report:
    """Moves dated in the period. Unplanned: `planned` recorded as false, out of the moves where it was recorded."""
    rows = source.rows("accommodation", ("reason", "to_type", "planned"), within=("move_date", period))
    known = [row for row in rows if row[3] is not None]
    return {
        "total": Count(len(rows)),
        "by_reason": Tally.of((_text(row[1]) for row in rows), v.MOVE_REASON),
        "by_to_type": Tally.of((_text(row[2]) for row in rows), v.ACCOMMODATION_TYPE),
        "clients_moved": Count(len({row[0] for row in rows if row[0] is not None})),
        "unplanned": Share(sum(1 for row in known if not row[3]), len(known)),
    }


def risk_profile(source: Source, period: Period) -> Report:
    """Among clients with an open case at the period's end: their latest assessment made before the end.

    Transitions cross each such client's re-trafficking level from their latest assessment before the period's start
    (`not_assessed` if none) with the level at the end.
    """
    cases = source.rows("case", ("opened_on", "closed_on"))
    caseload = {
        row[0] for row in cases if open_at(_text(row[1]), _text(row[2]), period.end_text) and row[0] is not None
    }
    at_start: dict[object, tuple[str, object, object]] = {}
    at_end: dict[object, tuple[str, object, object]] = {}
    entity, fields, _ = RISK_REQUEST
    for client, assessed_on, overall, re_trafficking in source.rows(entity, fields):
        if client not in caseload or assessed_on is None:
            continue
        day = str(assessed_on)
        for latest, limit in ((at_end, period.end_text), (at_start, period.start_text)):
            # >=: of two assessments on one day, the one saved later (read later: rowid order) stands.
            if day < limit and (client not in latest or day >= latest[client][0]):
                latest[client] = (day, overall, re_trafficking)
    levels = (*v.RISK_LEVEL, NOT_ASSESSED)
    return {
        "clients_assessed": Count(len(at_end)),
        "re_trafficking_high": Count(sum(1 for item in at_end.values() if item[2] == "high")),
        "by_overall_level": Tally.of((_text(item[1]) for item in at_end.values()), v.RISK_LEVEL),
        "re_trafficking_transitions": CrossTally.of(
            (
                (_text(at_start[client][2]) if client in at_start else NOT_ASSESSED, _text(item[2]))
                for client, item in at_end.items()
            ),
            levels,
            v.RISK_LEVEL,
        ),
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)
