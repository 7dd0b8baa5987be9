"""Deterministic synthetic caseloads (DATA-MODEL.md, "Synthetic data generator").

Streams records client by client (memory stays flat at 100,000 clients), parents before children, as interchange
dicts marked `synthetic: true`. The same (seed, clients, start_date, years, female_share) gives the same output: one
seeded `random.Random`, ids drawn from it, no clock. Rates are the ASSUMPTION values of DATA-MODEL.md.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.domain.codes import new_pseudonym_code
from hbf_desktop.synthetic import people
from hbf_desktop.synthetic.timeline import Timeline, add_nrm, age_band

Record = dict[str, Any]

WELFARE_CALLS_PER_MONTH = 0.4
INTERVENTIONS_PER_MONTH = 2.4
FRAILTY_SHAPE = 2.0
INTERVENTION_MIX = {
    "liaison_solicitor": 0.18, "liaison_msvcc_provider": 0.14, "housing_advocacy": 0.12, "health_gp_referral": 0.10,
    "mental_health_referral": 0.06, "sexual_health_access": 0.04, "liaison_police": 0.05, "liaison_home_office": 0.05,
    "benefits_finance": 0.08, "education_college": 0.06, "employment_support": 0.04,
    "social_isolation_activity": 0.05, "child_support_services": 0.03,
}  # fmt: skip
_COUNTERPART = {
    "liaison_solicitor": "legal_service", "liaison_msvcc_provider": "msvcc_provider",
    "liaison_police": "law_enforcement", "liaison_home_office": "immigration_service",
    "health_gp_referral": "health_service", "mental_health_referral": "health_service",
    "sexual_health_access": "health_service", "education_college": "school_or_college",
    "housing_advocacy": "local_government", "child_support_services": "local_government",
}  # fmt: skip
_ORGANISATIONS = (
    ("Riverside Law Centre", "legal_service", True),
    ("Safe Harbour Support", "msvcc_provider", True),
    ("Metropolitan Police MSU", "law_enforcement", True),
    ("Northside Health Practice", "health_service", False),
    ("Borough Housing Options", "local_government", True),
    ("City College", "school_or_college", False),
)


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> str:
        bits = self._rng.getrandbits(128)
        bits = (bits & ~(0xF << 76)) | (0x7 << 76)  # version 7 shape
        bits = (bits & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
        return str(uuid.UUID(int=bits))


def generate(clients: int, seed: int, start_date: date, years: int, female_share: float = 0.5) -> Iterator[Record]:
    rng = random.Random(f"hbf-synthetic:{seed}")
    new_id = _Ids(rng)
    end_date = date(start_date.year + years, start_date.month, min(start_date.day, 28))
    organisations: list[Record] = []
    for name, org_type, first_responder in _ORGANISATIONS:
        organisations.append(
            {"type": "organisation", "id": new_id(), "name": name, "org_type": org_type,
             "is_first_responder": first_responder, "synthetic": True}
        )  # fmt: skip
    yield from organisations
    for _ in range(clients):
        timeline = Timeline(rng, new_id, start_date, end_date, female_share, organisations)
        yield from _client(timeline)


def _client(t: Timeline) -> Iterator[Record]:
    rng = t.rng
    country = people.nationality(rng)
    age = min(max(math.exp(math.log(31) + 0.3 * rng.gauss(0, 1)), 18.0), 70.0)
    birth = t.intake - timedelta(days=int(age * 365.25))
    client = t.record(
        "client", pseudonym_code=new_pseudonym_code(rng=rng), gender=t.gender, birth_year=birth.year,
        birth_month=birth.month, age_band=age_band(int(age)), citizenship=[country],
        languages=[people.language_of(country)], interpreter_needed=country != "GBR",
        local_area=rng.choice(people.LOCAL_AREAS), assigned_worker=f"worker{rng.randint(1, 6)}",
    )  # fmt: skip
    t.client_id = client["id"]
    yield client
    yield t.record(
        "client_identity", client_id=t.client_id, legal_name=people.name(rng, 3), known_as=people.name(rng, 1),
        dob=birth.isoformat(), phones=[people.mobile(rng)], address=people.address(rng),
    )  # fmt: skip
    case = t.record(
        "case", client_id=t.client_id, programme="counter_trafficking", opened_on=t.intake.isoformat(),
        status="closed" if t.closed else "open", workflow_stage="closed" if t.closed else "services",
    )  # fmt: skip
    if t.closed:
        case["closed_on"] = t.case_end.isoformat()
        case["closure_reason"] = rng.choice(("support_complete", "moved_away", "lost_contact"))
    t.case_id = case["id"]
    yield case
    yield from _background(t)
    yield from _activity(t)


def _background(t: Timeline) -> Iterator[Record]:
    rng = t.rng
    sexual = 0.22 * (2.5 if t.gender == "feminine" else 1.0)
    weights = {"labour": 0.38, "sexual": sexual, "criminal": 0.15, "domestic_servitude": 0.12, "organ_harvesting": 0.01}
    for _ in range(2 if rng.random() < 0.12 else 1):
        kind = rng.choices(list(weights), weights=list(weights.values()))[0]
        controls = [value for value in v.MEANS_OF_CONTROL[:-1] if rng.random() < rng.uniform(0.15, 0.6)]
        yield t.record(
            "exploitation_history", client_id=t.client_id, exploitation_history_type=kind,
            means_of_control=controls, in_uk=rng.random() < 0.6,
        )  # fmt: skip
    yield t.record(
        "consent", client_id=t.client_id, scope="data_processing", given=True, method="verbal",
        given_at=f"{t.intake.isoformat()}T10:00:00+00:00",
    )  # fmt: skip
    yield from add_nrm(t)


def _activity(t: Timeline) -> Iterator[Record]:
    rng = t.rng
    calls_frailty = rng.gammavariate(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE)
    work_frailty = rng.gammavariate(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE)
    level = rng.choice(v.RISK_LEVEL)
    next_risk = t.intake
    for month_index, month_start in enumerate(t.months()):
        boost = (2.0 if month_index < 3 else 1.0) * (1.5 if t.decision_in(month_start) else 1.0)
        for _ in range(_poisson(rng, WELFARE_CALLS_PER_MONTH * calls_frailty * boost)):
            yield _welfare_call(t, month_start)
        for _ in range(_poisson(rng, INTERVENTIONS_PER_MONTH * work_frailty * boost)):
            yield _intervention(t, month_start)
        if rng.random() < 0.35 / 12:
            yield _move(t, month_start, level)
        while next_risk < month_start + timedelta(days=31) and next_risk < t.case_end:
            level = level if rng.random() < 0.7 else rng.choice(v.RISK_LEVEL)
            yield t.record(
                "risk_assessment", case_id=t.case_id, assessed_on=next_risk.isoformat(), overall_level=level,
                domains={"re_trafficking": level},
            )  # fmt: skip
            next_risk += timedelta(days=90 + rng.randint(-14, 14))


def _welfare_call(t: Timeline, month_start: date) -> Record:
    draw = t.rng.random()
    outcome = "no_answer" if draw < 0.15 else "unsafe_to_talk" if draw < 0.17 else "completed"
    when = t.day_in(month_start)
    return t.record(
        "contact", case_id=t.case_id, contact_type="welfare_call", direction="outgoing",
        occurred_at=f"{when.isoformat()}T{t.rng.randint(9, 17):02d}:00:00+00:00", outcome=outcome,
        safe_to_talk=outcome == "completed", duration_min=t.rng.randint(5, 40) if outcome == "completed" else 0,
    )  # fmt: skip


def _intervention(t: Timeline, month_start: date) -> Record:
    kind = t.rng.choices(list(INTERVENTION_MIX), weights=list(INTERVENTION_MIX.values()))[0]
    return t.record(
        "intervention", case_id=t.case_id, date=t.day_in(month_start).isoformat(), intervention_type=kind,
        counterpart_org_type=_COUNTERPART.get(kind, "ngo"), outcome=t.rng.choice(("done", "done", "pending")),
        time_spent_min=t.rng.randint(10, 120),
    )  # fmt: skip


def _move(t: Timeline, month_start: date, level: str) -> Record:
    planned = t.rng.random() >= (0.6 if level == "high" else 0.3)
    return t.record(
        "accommodation", case_id=t.case_id, move_date=t.day_in(month_start).isoformat(),
        from_type=t.rng.choice(v.ACCOMMODATION_TYPE), to_type=t.rng.choice(v.ACCOMMODATION_TYPE),
        reason="risk_from_exploiters" if not planned else t.rng.choice(v.MOVE_REASON), planned=planned,
    )  # fmt: skip


def _poisson(rng: random.Random, mean: float) -> int:
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count
