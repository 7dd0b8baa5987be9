"""Follow-up tasks made as the app's rules would make them, and their status at the period end."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hbf_desktop.synthetic.dates import Period, add_working_days
from hbf_desktop.synthetic.nrm import NrmPath
from hbf_desktop.synthetic.recorder import Recorder
from hbf_desktop.synthetic.risk import Assessment
from hbf_desktop.synthetic.tasks import (
    RG_OVERDUE_WORKING_DAYS,
    consent_task,
    nrm_tasks,
    risk_tasks,
    task_record,
    unsafe_call_tasks,
)

PERIOD = Period(date(2024, 1, 1), date(2024, 7, 1))
REFERRAL = date(2024, 1, 8)


def test_rg_overdue_fires_only_when_the_decision_takes_more_than_ten_working_days() -> None:
    fired = add_working_days(REFERRAL, RG_OVERDUE_WORKING_DAYS)
    quick = NrmPath("nrm", referral=REFERRAL, rg_date=REFERRAL + timedelta(days=3), rg_outcome="positive")
    assert nrm_tasks(quick, PERIOD) == []
    slow = NrmPath("nrm", referral=REFERRAL, rg_date=fired + timedelta(days=20), rg_outcome="negative")
    [due] = nrm_tasks(slow, PERIOD)
    assert (due.task_type, due.fired, due.done_on) == ("rg_overdue", fired, slow.rg_date)
    pending = NrmPath("nrm", referral=REFERRAL, rg_outcome="pending")
    [due] = nrm_tasks(pending, PERIOD)
    assert due.done_on is None
    assert nrm_tasks(NrmPath("none"), PERIOD) == [] and nrm_tasks(None, PERIOD) == []


def test_rna_due_before_move_on_ends() -> None:
    support = NrmPath("nrm", referral=REFERRAL, rg_date=REFERRAL, rg_outcome="positive", support_from=date(2024, 3, 1))
    [due] = [due for due in nrm_tasks(support, PERIOD) if due.task_type == "rna_due"]
    assert due.due == date(2024, 3, 31)


def test_status_follows_the_case() -> None:
    record = Recorder(random.Random(1))
    [due] = unsafe_call_tasks([date(2024, 2, 2)])  # a Friday
    assert due.due == date(2024, 2, 5)
    assert task_record(record, due, "case", date(2024, 6, 30), True, "CW-01")["status"] == "done"
    assert task_record(record, due, "case", date(2024, 2, 2), False, "CW-01")["status"] == "cancelled"
    review = consent_task(date(2024, 1, 8))
    assert task_record(record, review, "case", PERIOD.last_day, True, "CW-01")["status"] == "open"


def test_each_risk_review_is_done_by_the_next_assessment() -> None:
    first = Assessment(date(2024, 1, 8), "high", {}, date(2024, 4, 8))
    second = Assessment(date(2024, 4, 8), "low", {}, date(2024, 7, 8))
    reviews = risk_tasks([first, second])
    assert [(due.done_on, due.priority) for due in reviews] == [(second.on, "high"), (None, "medium")]
