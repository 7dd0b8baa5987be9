"""Welfare calls, interventions and clients supported (DATA-MODEL.md "Standard reports" 1 to 3)."""

from __future__ import annotations

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.reports.measures import Count, Report, Tally
from hbf_desktop.reports.period import Period
from hbf_desktop.reports.source import Request, Source


def _rows(source: Source, request: Request) -> list[tuple[object, ...]]:
    """These reports count, so the rows need no order (no sort of the largest entities)."""
    entity, fields, within = request
    return source.rows(entity, fields, within=within, saved_order=False)


def contacts_request(period: Period) -> Request:
    return ("contact", ("contact_type", "outcome"), ("occurred_at", period))


def interventions_request(period: Period) -> Request:
    return ("intervention", ("intervention_type", "counterpart_org_type"), ("date", period))


def welfare_calls(source: Source, period: Period) -> Report:
    """Attempted: every welfare call in the period, whatever its outcome; completed: those answered."""
    rows = _rows(source, contacts_request(period))
    calls = [row for row in rows if row[1] == "welfare_call"]
    completed = [row for row in calls if row[2] == "completed"]
    return {
        "completed": Count(len(completed)),
        "attempted": Count(len(calls)),
        "clients_reached": Count(len({row[0] for row in completed})),
    }


def interventions(source: Source, period: Period) -> Report:
    """Each intervention dated in the period counted once, by type and by the kind of organisation worked with."""
    entity, fields, within = interventions_request(period)
    counts = source.counts(entity, fields, within=within)
    return {
        "total": Count(sum(int(str(row[2])) for row in counts)),
        "by_type": Tally.of_counts(((_text(row[0]), int(str(row[2]))) for row in counts), v.INTERVENTION_TYPE),
        "by_counterpart_org_type": Tally.of_counts(((_text(row[1]), int(str(row[2]))) for row in counts), v.ORG_TYPE),
    }


def supported_clients(source: Source, period: Period) -> set[str]:
    """Clients with a completed contact (of any kind) or an intervention (of any outcome) in the period."""
    contacts = _rows(source, contacts_request(period))
    found = {str(row[0]) for row in contacts if row[2] == "completed" and row[0] is not None}
    entity, _, within = interventions_request(period)
    return found | source.clients(entity, within=within)


def clients_supported(source: Source, period: Period) -> Report:
    cases = source.rows("case", ("opened_on", "closed_on"))
    new = {row[0] for row in cases if period.contains(_text(row[1]))}
    closed = {row[0] for row in cases if period.contains(_text(row[2]))}
    return {
        "supported": Count(len(supported_clients(source, period))),
        "new": Count(len(new)),
        "closed": Count(len(closed)),
        "caseload_at_end": Count(sum(1 for row in cases if open_at(_text(row[1]), _text(row[2]), period.end_text))),
    }


def open_at(opened_on: str | None, closed_on: str | None, end: str) -> bool:
    """DATA-MODEL.md's caseload rule: opened before the end and not closed before it."""
    return opened_on is not None and opened_on < end and (closed_on is None or closed_on >= end)


def _text(value: object) -> str | None:
    return None if value is None else str(value)
