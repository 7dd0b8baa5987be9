"""The standard reports by their public names, computed together so that each entity is read once."""

from __future__ import annotations

from collections.abc import Callable

from hbf_desktop.reports import activity, casework, nrm, profiles
from hbf_desktop.reports.measures import Report, ReportSet
from hbf_desktop.reports.period import Period
from hbf_desktop.reports.source import Source
from hbf_desktop.store.connection import Connection

DEFAULT_THRESHOLD = 10
ReportFunction = Callable[[Source, Period, int, bool], Report]

# Public names (JSON keys, CSV `report` column), in the order a reader meets them.
REPORTS: dict[str, ReportFunction] = {
    "welfare_calls": lambda source, period, _, __: activity.welfare_calls(source, period),
    "interventions": lambda source, period, _, __: activity.interventions(source, period),
    "clients_supported": lambda source, period, _, __: activity.clients_supported(source, period),
    "referrals": lambda source, period, _, __: casework.referrals(source, period),
    "nrm_decision_times": lambda source, period, _, __: nrm.nrm_decision_times(source, period),
    "housing_moves": lambda source, period, _, __: casework.housing_moves(source, period),
    "risk_profile": lambda source, period, _, __: casework.risk_profile(source, period),
    "profiles": lambda source, period, threshold, coarse: profiles.profiles(
        source, period, threshold=threshold, coarse_gender=coarse
    ),
}


def run_reports(
    connection: Connection,
    period: Period,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    deidentified: bool = False,
    only: tuple[str, ...] | None = None,
    programme: str | None = None,
) -> ReportSet:
    """Exact figures for every standard report (or `only` those named). `deidentified` coarsens what the reports
    group by (gender in three values); the counts themselves are made safe by `disclosure.deidentify`. With a
    `programme`, only the cases of that programme (and their clients' records) are counted."""
    source = Source(connection, programme)
    names = only or tuple(REPORTS)
    reports = {name: REPORTS[name](source, period, threshold, deidentified) for name in names}
    return ReportSet(period.start_text, period.end_text, reports, programme)
