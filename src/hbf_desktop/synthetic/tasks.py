"""Follow-up tasks of the kinds the app's rules make (DATA-MODEL.md "Task / FollowUp").

A task exists from the day its rule fires. It is `done` once its work happened while the case was active, `open`
if the case is still open at the period end, and `cancelled` if the case closed first. Its due date can lie after
the period end: an open task due next week is what a caseload looks like on any given day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period, add_working_days, office_time
from hbf_desktop.synthetic.nrm import NrmPath
from hbf_desktop.synthetic.recorder import Recorder
from hbf_desktop.synthetic.risk import Assessment

RG_OVERDUE_WORKING_DAYS = 10  # DATA-MODEL.md's example rule: RG pending for more than 10 working days
_CHASE_WORKING_DAYS = 3  # ASSUMPTION (generator): the caseworker chases within three working days
_RNA_DUE_DAYS = 30  # before move-on support (45 days) ends [S19]


@dataclass(frozen=True)
class Due:
    """One task before it is tied to a case: what, when the rule fired, when due, when its work was done."""

    task_type: str
    rule: str
    fired: date
    due: date
    done_on: date | None
    priority: str


def nrm_tasks(path: NrmPath | None, period: Period) -> list[Due]:
    found: list[Due] = []
    if path is None or path.referral is None:
        return found
    fired = add_working_days(path.referral, RG_OVERDUE_WORKING_DAYS)
    if fired < period.end and (path.rg_date is None or path.rg_date > fired):
        due = add_working_days(fired, _CHASE_WORKING_DAYS)
        found.append(Due("rg_overdue", "rg_pending_10_working_days", fired, due, path.rg_date, "high"))
    if path.support_from is not None:
        due = path.support_from + timedelta(days=_RNA_DUE_DAYS)
        found.append(
            Due("rna_due", "rna_before_move_on_ends", path.support_from, due, path.rna_submitted or due, "high")
        )
    return found


def risk_tasks(found: list[Assessment]) -> list[Due]:
    """A review of every assessment, done when the next assessment is made."""
    tasks: list[Due] = []
    for index, assessment in enumerate(found):
        following = found[index + 1].on if index + 1 < len(found) else None
        priority = "high" if assessment.overall == "high" else "medium"
        tasks.append(Due("risk_review", "risk_review_due", assessment.on, assessment.review_due, following, priority))
    return tasks


def consent_task(given_on: date) -> Due:
    due = given_on + timedelta(days=p.CONSENT_REVIEW_DAYS)
    return Due("consent_review", "consent_review_due", due - timedelta(days=14), due, due, "low")


def unsafe_call_tasks(days: list[date]) -> list[Due]:
    """A call back on the next working day after a client could not talk safely."""
    return [
        Due("follow_up", "unsafe_to_talk_follow_up", day, add_working_days(day, 1), add_working_days(day, 1), "urgent")
        for day in days
    ]


def task_record(
    record: Recorder, due: Due, case_id: str, last_day: date, open_at_end: bool, owner: str
) -> RecordValues:
    """`last_day` is the case's last active day; work done after it (or after the period) never happened."""
    status = "open" if open_at_end else "cancelled"
    if due.done_on is not None and due.done_on <= last_day:
        status = "done"
    return record(
        "task", due.fired, case_id=case_id, task_type=due.task_type, due_at=office_time(record.rng, due.due),
        assignee=owner, priority=due.priority, status=status, rule=due.rule,
    )  # fmt: skip
