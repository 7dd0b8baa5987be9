"""Legal proceedings a client is part of, and medico-legal reports. All rates are ASSUMPTION (generator):
DATA-MODEL.md names the kinds of proceeding but gives no rates. An asylum claim for everyone seeking asylum, appeals
for half of those refused, a criminal investigation for a quarter of clients, a compensation claim (CICA) for some,
and a challenge to a negative conclusive grounds decision that was not reconsidered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.nrm import NrmPath
from hbf_desktop.synthetic.organisations import Organisation
from hbf_desktop.synthetic.profile import Profile
from hbf_desktop.synthetic.recorder import Recorder, day_text
from hbf_desktop.synthetic.sampling import chance, lognormal_days

MLR_PROVIDER = "Cedar Medico-Legal Clinic"  # fictional
# Kind -> (counterpart, median days to conclusion).
_KINDS = {
    "asylum": ("solicitor", 450), "immigration_appeal": ("solicitor", 300),
    "criminal_investigation": ("police", 400), "prosecution_witness": ("police", 300),
    "compensation_cica": ("solicitor", 600), "nrm_challenge": ("solicitor", 200),
}  # fmt: skip


@dataclass(frozen=True)
class Proceeding:
    kind: str
    started: date
    concluded: date | None  # None while active at the period end
    withdrawn: bool
    next_date: date | None  # the next hearing or deadline of an active proceeding; may be after the period
    mlr_requested: date | None = None
    mlr_completed: date | None = None


def proceedings(rng: random.Random, profile: Profile, nrm: NrmPath | None, period: Period) -> list[Proceeding]:
    starts: list[tuple[str, date]] = []
    intake = profile.intake
    if profile.immigration_status == "asylum_seeker":
        starts.append(("asylum", intake + timedelta(days=rng.randint(0, 60))))
    if profile.immigration_status == "are_refused" and chance(rng, p.LEGAL_APPEAL_WHEN_REFUSED):
        starts.append(("immigration_appeal", intake + timedelta(days=rng.randint(7, 90))))
    if chance(rng, p.LEGAL_CRIMINAL_INVESTIGATION):
        investigation = intake + timedelta(days=lognormal_days(rng, 60, 1.0))
        starts.append(("criminal_investigation", investigation))
        if chance(rng, p.LEGAL_PROSECUTION_WITNESS):
            starts.append(("prosecution_witness", investigation + timedelta(days=lognormal_days(rng, 300, 0.5))))
    if chance(rng, p.LEGAL_CICA):
        starts.append(("compensation_cica", intake + timedelta(days=lognormal_days(rng, 180, 0.8))))
    challengeable = nrm is not None and nrm.cg_outcome == "negative" and not nrm.reconsideration_requested
    if challengeable and nrm is not None and nrm.cg_date is not None and chance(rng, p.LEGAL_NRM_CHALLENGE):
        starts.append(("nrm_challenge", nrm.cg_date + timedelta(days=rng.randint(14, 90))))
    return [_proceeding(rng, kind, started, period) for kind, started in starts if started < period.end]


def _proceeding(rng: random.Random, kind: str, started: date, period: Period) -> Proceeding:
    ends = started + timedelta(days=lognormal_days(rng, _KINDS[kind][1], 0.7))
    withdrawn = chance(rng, p.LEGAL_WITHDRAWN)
    next_date = started + timedelta(days=rng.randint(14, 120))
    while next_date < period.end:  # the next key date still ahead on the period's last day
        next_date += timedelta(days=rng.randint(30, 120))
    mlr_requested = mlr_completed = None
    if kind == "asylum" and chance(rng, p.MLR_REQUESTED):
        requested = started + timedelta(days=rng.randint(14, 120))
        completed = requested + timedelta(days=lognormal_days(rng, 120, 0.5))
        mlr_requested = requested if requested < min(ends, period.end) else None
        mlr_completed = completed if mlr_requested and completed < period.end else None
    if ends < period.end:
        return Proceeding(kind, started, ends, withdrawn, None, mlr_requested, mlr_completed)
    return Proceeding(kind, started, None, False, next_date, mlr_requested, mlr_completed)


def proceeding_record(
    record: Recorder, proceeding: Proceeding, client_id: str, orgs: dict[str, list[Organisation]]
) -> RecordValues:
    counterpart = _KINDS[proceeding.kind][0]
    candidates = orgs.get(counterpart, [])
    status = "withdrawn" if proceeding.withdrawn else "concluded"
    if proceeding.concluded is None:
        status = "active"
    return record(
        "legal_proceeding", proceeding.started, client_id=client_id, legal_proceeding_type=proceeding.kind,
        counterpart=counterpart, counterpart_org_id=record.rng.choice(candidates).id if candidates else None,
        status=status, started_on=proceeding.started.isoformat(), next_date=day_text(proceeding.next_date),
        concluded_on=day_text(proceeding.concluded), mlr_requested_on=day_text(proceeding.mlr_requested),
        mlr_provider=MLR_PROVIDER if proceeding.mlr_requested else None,
        mlr_completed_on=day_text(proceeding.mlr_completed),
    )  # fmt: skip


def active_at_end(found: list[Proceeding]) -> bool:
    """A live proceeding puts a legal hold on the client's closed cases (DATA-MODEL.md "Retention")."""
    return any(proceeding.concluded is None for proceeding in found)
