"""One client's time line: intake, case length, NRM decisions, and helpers to place events inside it."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

_AGE_BANDS = ((8, "0_8"), (17, "9_17"), (20, "18_20"), (23, "21_23"), (26, "24_26"), (29, "27_29"), (38, "30_38"))


def age_band(age: int) -> str:
    for upper, band in _AGE_BANDS:
        if age <= upper:
            return band
    return "39_47" if age <= 47 else "48_plus"


def _lognormal_days(rng: random.Random, median: float, sigma: float) -> int:
    return int(math.exp(math.log(median) + sigma * rng.gauss(0, 1)))


class Timeline:
    def __init__(
        self,
        rng: random.Random,
        new_id: Callable[[], str],
        start: date,
        end: date,
        female_share: float,
        organisations: list[dict[str, Any]],
    ) -> None:
        self.rng, self.new_id, self.end, self.organisations = rng, new_id, end, organisations
        self.gender = "feminine" if rng.random() < female_share else "masculine"
        self.intake = start + timedelta(days=rng.randrange(max((end - start).days - 1, 1)))
        months = min(_lognormal_days(rng, 24 * 30.4, 0.7), 96 * 30)
        self.case_end = min(self.intake + timedelta(days=months), end - timedelta(days=1))
        self.closed = self.intake + timedelta(days=months) < end
        self.client_id = ""
        self.case_id = ""
        self.decisions: list[date] = []

    def record(self, entity: str, **values: Any) -> dict[str, Any]:
        return {"type": entity, "id": self.new_id(), **values, "synthetic": True}

    def months(self) -> Iterator[date]:
        month = self.intake.replace(day=1)
        while month <= self.case_end:
            yield month
            month = (month + timedelta(days=32)).replace(day=1)

    def day_in(self, month_start: date) -> date:
        day = month_start + timedelta(days=self.rng.randrange(28))
        return min(max(day, self.intake), self.case_end)

    def decision_in(self, month_start: date) -> bool:
        return any(d.year == month_start.year and d.month == month_start.month for d in self.decisions)


def add_nrm(t: Timeline) -> Iterator[dict[str, Any]]:
    """80 % have an NRM record, 2 % withheld consent; RG and CG timings and outcomes as DATA-MODEL.md says."""
    rng = t.rng
    if rng.random() >= 0.80:
        return
    if rng.random() < 0.02:
        yield t.record("nrm_record", client_id=t.client_id, route="none")
        return
    referral = t.intake + timedelta(days=rng.randint(0, 14))
    if referral >= t.end:
        return
    record = t.record(
        "nrm_record", client_id=t.client_id, route="nrm", competent_authority="sca",
        first_responder_org_id=t.organisations[0]["id"], referral_date=referral.isoformat(), rg_outcome="pending",
    )  # fmt: skip
    wait = rng.randint(1, 7) if rng.random() < 0.5 else min(_lognormal_days(rng, 20, 0.8), 365)
    rg_date = referral + timedelta(days=wait)
    if rg_date < t.end:
        record.update(rg_date=rg_date.isoformat(), rg_outcome="positive" if rng.random() < 0.53 else "negative")
        t.decisions.append(rg_date)
        if record["rg_outcome"] == "positive":
            record.update(cg_outcome="pending", msvcc_phase="recovery_period")
            median = 874 if t.gender == "feminine" else 496
            cg_date = rg_date + timedelta(days=30 + _lognormal_days(rng, median, 0.6))
            if cg_date < t.end:
                positive = rng.random() < 0.55
                record.update(cg_date=cg_date.isoformat(), cg_outcome="positive" if positive else "negative")
                record["msvcc_phase"] = "move_on" if positive else "exited"
                t.decisions.append(cg_date)
    yield record
