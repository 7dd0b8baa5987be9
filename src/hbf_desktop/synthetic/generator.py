"""Deterministic synthetic caseloads (DATA-MODEL.md "Synthetic data generator").

Records stream client by client, so memory stays flat at 100,000 clients, in an order an importer can check in one
pass: the organisations, then for each client its client, client_identity and first case, the records about the
client, the records of that case, then any reopened case and its records. Every record is an interchange dict
marked `synthetic: true`.

The same (seed, clients, start_date, years, female_share) gives the same output: nothing reads the clock or the
global random module. Each client draws from its own `random.Random`, seeded from the seed and the client's index,
so that a change to how one kind of record is drawn changes that client's records only, not every client after it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import activity, casework, client_records, consents, legal, tasks
from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.organisations import Organisation, organisations
from hbf_desktop.synthetic.people import PseudonymCodes
from hbf_desktop.synthetic.plan import CasePlan, ClientPlan, draw_plan
from hbf_desktop.synthetic.recorder import Recorder


@dataclass(frozen=True)
class _World:
    """What every client shares: the period, the organisations, and the share of women."""

    period: Period
    organisations: list[Organisation]
    by_role: dict[str, list[Organisation]]
    first_responders: list[Organisation]
    female_share: float


def generate(
    clients: int, seed: int, start_date: date, years: int, female_share: float = 0.5
) -> Iterator[RecordValues]:
    """Yield the records of `clients` synthetic clients whose cases start within `years` from `start_date`.

    Every event falls in [start_date, start_date + years); decisions not made by then stay pending.
    """
    if clients < 0:
        raise ValueError("the number of clients cannot be negative")
    if not 0.0 <= female_share <= 1.0:
        raise ValueError("female_share must be between 0 and 1")
    period = Period.of_years(start_date, years)
    setup = random.Random(f"hbf-synthetic/{seed}/setup")
    found, records = organisations(setup, period.start)
    yield from records
    by_role: dict[str, list[Organisation]] = {}
    for organisation in found:
        by_role.setdefault(organisation.role, []).append(organisation)
    world = _World(period, found, by_role, [org for org in found if org.is_first_responder], female_share)
    codes = PseudonymCodes(setup, clients)
    for index in range(clients):
        rng = random.Random(f"hbf-synthetic/{seed}/client/{index}")
        yield from _client(world, rng, codes.code(index))


def _client(world: _World, rng: random.Random, pseudonym_code: str) -> list[RecordValues]:
    plan = draw_plan(rng, world.period, world.female_share, world.first_responders)
    record, profile = Recorder(rng), plan.profile
    client = client_records.client(record, profile, pseudonym_code)
    client_id = str(client["id"])
    found = [client, client_records.identity(record, profile, client_id, plan.nrm_ref)]
    hold = legal.active_at_end(plan.proceedings)
    case_records = [
        client_records.case(
            record, case.span, client_id, profile.worker, world.period, hold and case.span.closed is not None
        )
        for case in plan.cases
    ]
    found.append(case_records[0])
    found += [client_records.exploitation(record, event, client_id, profile.intake) for event in plan.events]
    grants = consents.grants(rng, profile, plan.nrm, world.organisations)
    consent_book = consents.consents(record, profile, client_id, grants, world.period)
    found += consent_book.records
    if plan.nrm is not None:
        responder = plan.first_responder.id if plan.first_responder else None
        found.append(client_records.nrm_record(record, plan.nrm, client_id, profile.intake, responder, plan.nrm_ref))
    found += [legal.proceeding_record(record, item, client_id, world.by_role) for item in plan.proceedings]
    dues = _client_tasks(plan, world.period)
    for index, case_record in enumerate(case_records):
        if index:
            found.append(case_record)
        found += _case(world, record, plan, index, str(case_record["id"]), consent_book, dues.get(index, []))
    return found


def _client_tasks(plan: ClientPlan, period: Period) -> dict[int, list[tasks.Due]]:
    """Tasks the client's NRM path and consents call for, by the case active when their rule fires."""
    by_case: dict[int, list[tasks.Due]] = {}
    for due in [*tasks.nrm_tasks(plan.nrm, period), tasks.consent_task(plan.profile.intake)]:
        index = plan.case_on(due.fired) if due.fired < period.end else None
        if index is not None:
            by_case.setdefault(index, []).append(due)
    return by_case


def _case(
    world: _World, record: Recorder, plan: ClientPlan, index: int, case_id: str, consent_book: consents.Consents,
    dues: list[tasks.Due],
) -> list[RecordValues]:  # fmt: skip
    case, profile = plan.cases[index], plan.profile
    found: list[RecordValues] = []
    if index == 0:
        incoming = casework.incoming_referral(
            record, case_id, case.span.opened, plan.first_responder, world.organisations
        )
        found += [incoming] if incoming is not None else []
    found += [casework.risk_record(record, assessment, case_id) for assessment in case.risk]
    found += casework.needs_records(record, profile, case_id, case.span.opened, case.last_day, case.risk)
    found += [casework.move_record(record, move, case_id) for move in case.moves]
    work, unsafe_days = activity.activity(
        record, _activity(plan, case, case_id), world.by_role, plan.linked_interventions
    )
    found += work
    found += casework.outgoing_referrals(
        record, case_id, case.span.opened, case.last_day, profile.frailty, world.organisations, consent_book,
        world.period,
    )  # fmt: skip
    open_at_end = case.span.closed is None
    for due in [*dues, *tasks.risk_tasks(case.risk), *tasks.unsafe_call_tasks(unsafe_days)]:
        if due.fired < world.period.end:
            found.append(tasks.task_record(record, due, case_id, case.last_day, open_at_end, profile.worker))
    return found


def _activity(plan: ClientPlan, case: CasePlan, case_id: str) -> activity.CaseActivity:
    profile = plan.profile
    return activity.CaseActivity(
        case_id=case_id, opened=case.span.opened, last_day=case.last_day, peaks=plan.peaks, frailty=profile.frailty,
        interpreter=profile.interpreter_needed, support_from=plan.nrm.support_from if plan.nrm else None,
    )  # fmt: skip
