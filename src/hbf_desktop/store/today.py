"""The Today view's questions: what is due, who is at high risk, which NRM decisions are late, which consents to review.

All are answered from `client_summary` through its indexes, so the view fills as fast at 100,000 clients as at 100.
"Late" NRM decisions use the usual times of DATA-MODEL.md: the reasonable-grounds target is 5 working days (7
calendar days here), and the median conclusive-grounds wait was 526 days in 2023 (the RG date plus that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hbf_desktop.store.caseload import CaseloadRow, rows_where, utc_instant
from hbf_desktop.store.connection import Connection

RG_USUAL_DAYS = 7
CG_USUAL_DAYS = 526
CONSENT_REVIEW_AHEAD_DAYS = 14
FOLLOW_UP_AHEAD_DAYS = 7
LIMIT = 200
# Today is about people being supported now: a closed case's old tasks and reviews are not today's work.
_ACTIVE = "(case_status IS NULL OR case_status NOT IN ('closed', 'closed_referred'))"


@dataclass(frozen=True)
class TodayLists:
    follow_ups: list[CaseloadRow]  # due within a week or overdue, soonest first
    high_risk: list[CaseloadRow]
    nrm_late: list[CaseloadRow]
    consents_due: list[CaseloadRow]


def today_lists(connection: Connection, now: datetime | None = None, limit: int = LIMIT) -> TodayLists:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    day = moment.date()
    ahead = utc_instant(moment + timedelta(days=FOLLOW_UP_AHEAD_DAYS))
    rg_late = (day - timedelta(days=RG_USUAL_DAYS)).isoformat()
    cg_late = (day - timedelta(days=CG_USUAL_DAYS)).isoformat()
    consent_by = (day + timedelta(days=CONSENT_REVIEW_AHEAD_DAYS)).isoformat()
    return TodayLists(
        follow_ups=rows_where(connection, f"next_follow_up < ? AND {_ACTIVE}", (ahead,), "next_follow_up", limit),
        high_risk=rows_where(connection, f"risk_rank = 3 AND {_ACTIVE}", (), "pseudonym_code", limit),
        nrm_late=rows_where(
            connection,
            "((nrm_stage = 'awaiting_rg' AND nrm_since < ?) OR (nrm_stage = 'awaiting_cg' AND nrm_since < ?))"
            f" AND {_ACTIVE}",
            (rg_late, cg_late),
            "nrm_since",
            limit,
        ),
        consents_due=rows_where(
            connection, f"consent_review_due < ? AND {_ACTIVE}", (consent_by,), "consent_review_due", limit
        ),
    )
