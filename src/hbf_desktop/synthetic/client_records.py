"""The records about the client themself: client, client_identity, case, exploitation_history, nrm_record.

The client record holds only quasi-identifiers in coarse form (year and month of birth, age band); everything that
names or reaches the person is in client_identity, the vault record (DATA-MODEL.md "Entities").
"""

from __future__ import annotations

from datetime import date, timedelta

from hbf_desktop.domain.codes import age_band
from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import people
from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.history import Event
from hbf_desktop.synthetic.nrm import NrmPath
from hbf_desktop.synthetic.profile import CaseSpan, Profile
from hbf_desktop.synthetic.recorder import Recorder, day_text, month_text
from hbf_desktop.synthetic.sampling import chance

PROGRAMME = "Counter-trafficking"
_NEW_CASE_DAYS = 7  # ASSUMPTION (generator): a case this new is still `referred`
_FOLLOW_UP_DAYS = 60  # ASSUMPTION (generator): a case this close to its planned end is in `follow_up`


def client(record: Recorder, profile: Profile, pseudonym_code: str) -> RecordValues:
    return record(
        "client", profile.intake, pseudonym_code=pseudonym_code, gender=profile.gender,
        birth_year=profile.dob.year, birth_month=profile.dob.month,
        age_band=age_band(profile.dob.year, profile.dob.month, profile.intake), citizenship=[profile.nationality],
        languages=list(profile.languages), interpreter_needed=profile.interpreter_needed,
        immigration_status=profile.immigration_status, has_dependants=profile.children_count > 0,
        children_count=profile.children_count, has_disability=profile.has_disability,
        health_needs=profile.health_needs, local_area=profile.local_area, assigned_worker=profile.worker,
    )  # fmt: skip


def identity(record: Recorder, profile: Profile, client_id: str, nrm_ref: str | None) -> RecordValues:
    rng = record.rng
    given, legal_name = people.person_name(rng)
    known_as = given if chance(rng, 0.7) else people.word(rng, 2)
    aliases = [people.person_name(rng)[1] for _ in range(rng.randint(1, 2))] if chance(rng, 0.25) else None
    return record(
        "client_identity", profile.intake, client_id=client_id, legal_name=legal_name, known_as=known_as,
        aliases=aliases if aliases and legal_name not in aliases else None, dob=profile.dob.isoformat(),
        phones=people.mobiles(rng) or None,
        emails=[people.email(rng, given, legal_name)] if chance(rng, 0.45) else None,
        address=people.address(rng, profile.local_area),
        home_office_ref=people.home_office_reference(rng) if profile.nationality != "GBR" and chance(rng, 0.8)
        else None,
        nrm_ref=nrm_ref, nhs_number=people.nhs_number(rng) if chance(rng, 0.7) else None,
    )  # fmt: skip


def case(
    record: Recorder, case: CaseSpan, client_id: str, owner: str, period: Period, legal_hold: bool
) -> RecordValues:
    status, stage = _status(case, period)
    return record(
        "case", case.opened, client_id=client_id, programme=PROGRAMME, status=status,
        opened_on=case.opened.isoformat(), closed_on=day_text(case.closed), closure_reason=case.closure_reason,
        case_owner=owner, workflow_stage=stage, legal_hold=True if legal_hold else None,
    )  # fmt: skip


def _status(case: CaseSpan, period: Period) -> tuple[str, str]:
    """Case status and Primero workflow stage on the period's last day."""
    if case.closed is not None:
        return ("closed_referred" if case.closure_reason == "transferred" else "closed"), "closed"
    age = (period.last_day - case.opened).days
    if age < _NEW_CASE_DAYS:
        return "referred", "reopened" if case.reopened else "new"
    if case.planned_end - period.last_day <= timedelta(days=_FOLLOW_UP_DAYS):
        return "follow_up", "services_implemented"
    if age < 30:
        return "open", "assessment"
    return "open", "case_plan" if age < 90 else "services"


def exploitation(record: Recorder, event: Event, client_id: str, created: date) -> RecordValues:
    return record(
        "exploitation_history", created, client_id=client_id, exploitation_history_type=event.kind,
        sub_type=event.sub_type, means_of_control=event.means_of_control or None,
        recruitment_method=event.recruitment_method, recruiter_relation=event.recruiter_relation,
        country=event.country, in_uk=event.country == "GBR", start_month=month_text(event.start),
        end_month=month_text(event.end), age_at_exploitation_band=event.age_band,
    )  # fmt: skip


def nrm_record(
    record: Recorder, path: NrmPath, client_id: str, intake: date, first_responder: str | None, nrm_ref: str | None
) -> RecordValues:
    return record(
        "nrm_record", path.referral or intake, client_id=client_id, route=path.route,
        first_responder_org_id=first_responder, competent_authority=path.authority,
        referral_date=day_text(path.referral), rg_date=day_text(path.rg_date), rg_outcome=path.rg_outcome,
        cg_date=day_text(path.cg_date), cg_outcome=path.cg_outcome,
        reconsideration_requested_on=day_text(path.reconsideration_requested),
        reconsideration_outcome=path.reconsideration_outcome, msvcc_phase=path.phase,
        rna_submitted_on=day_text(path.rna_submitted), rna_outcome=path.rna_outcome,
        extension_end=day_text(path.extension_end), reference_numbers=[nrm_ref] if nrm_ref else None,
    )  # fmt: skip
