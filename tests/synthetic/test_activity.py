"""Contacts and interventions: rates per client-month, the x2 and x1.5 factors, welfare-call outcomes."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.activity import CaseActivity, activity
from hbf_desktop.synthetic.organisations import Organisation, organisations
from hbf_desktop.synthetic.recorder import Recorder

OPENED = date(2020, 1, 6)
RUNS = 400
_FOUND, _ = organisations(random.Random(0), OPENED)
ORGS: dict[str, list[Organisation]] = {}
for _organisation in _FOUND:
    ORGS.setdefault(_organisation.role, []).append(_organisation)


def _case(months: int, peaks: frozenset[date] = frozenset()) -> CaseActivity:
    last_day = OPENED + timedelta(days=round(months * 30.4375) - 1)
    return CaseActivity("0190a6e4-0000-7000-8000-000000000001", OPENED, last_day, peaks, 1.0, True, None)


def _run(case: CaseActivity, seed: int) -> list[RecordValues]:
    record = Recorder(random.Random(seed))
    found: list[RecordValues] = []
    for _ in range(RUNS):
        found += activity(record, case, ORGS, [])[0]
    return found


def _calls(found: list[RecordValues]) -> list[RecordValues]:
    return [item for item in found if item.get("contact_type") == "welfare_call"]


def test_rates_per_client_month_with_twice_the_work_in_the_first_three_months() -> None:
    found = _run(_case(24), seed=1)
    months = 24 + p.EARLY_MONTHS * (p.EARLY_FACTOR - 1)
    assert len(_calls(found)) / RUNS == pytest.approx(p.WELFARE_CALLS_PER_MONTH * months, rel=0.05)
    interventions = sum(item["type"] == "intervention" for item in found)
    assert interventions / RUNS == pytest.approx(p.INTERVENTIONS_PER_MONTH * months, rel=0.03)


def test_a_month_with_a_decision_or_move_brings_half_as_much_work_again() -> None:
    peaks = frozenset(OPENED + timedelta(days=round(month * 30.4375) + 10) for month in range(12))
    found = _run(_case(12, peaks), seed=2)
    months = (12 + p.EARLY_MONTHS * (p.EARLY_FACTOR - 1)) * p.EVENT_FACTOR
    interventions = sum(item["type"] == "intervention" for item in found)
    assert interventions / RUNS == pytest.approx(p.INTERVENTIONS_PER_MONTH * months, rel=0.03)


def test_welfare_call_outcomes_and_dates() -> None:
    case = _case(24)
    found = _run(case, seed=3)
    calls = _calls(found)
    assert abs(sum(call["outcome"] == "no_answer" for call in calls) / len(calls) - p.CALL_NO_ANSWER) < 0.02
    assert abs(sum(call["outcome"] == "unsafe_to_talk" for call in calls) / len(calls) - p.CALL_UNSAFE) < 0.01
    for call in calls:
        assert (call.get("safe_to_talk") is False) == (call["outcome"] == "unsafe_to_talk")
    for item in found:
        day = date.fromisoformat(str(item.get("date") or item.get("occurred_at"))[:10])
        assert OPENED <= day <= case.last_day and day.weekday() < 5


def test_linked_interventions_only_inside_the_case() -> None:
    case = _case(3)
    inside, outside = OPENED + timedelta(days=20), case.last_day + timedelta(days=1)
    found, _ = activity(Recorder(random.Random(4)), case, ORGS, [(inside, "mlr_referral"), (outside, "mlr_referral")])
    linked = [item for item in found if item.get("intervention_type") == "mlr_referral"]
    assert [item["date"] for item in linked] == [inside.isoformat()]
