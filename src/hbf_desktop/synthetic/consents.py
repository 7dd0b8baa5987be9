"""Consent records, and which consent an outgoing referral can rest on (DATA-MODEL.md "Consent").

Data processing is always consented; sharing with each organisation is consented with p = 0.9; 3 % of clients
withdraw one consent at some point. An outgoing referral needs a consent to share with that organisation that was
given before the referral and not yet withdrawn, as in Primero's transfer rule [S6]: the generator never makes a
referral it could not have made. The other scopes' rates are ASSUMPTION (generator).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.domain.vocabularies import CONSENT_EXPLAINED_ITEM
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import Period, office_time
from hbf_desktop.synthetic.nrm import NrmPath
from hbf_desktop.synthetic.organisations import Organisation
from hbf_desktop.synthetic.profile import Profile
from hbf_desktop.synthetic.recorder import Recorder
from hbf_desktop.synthetic.sampling import chance

_EXPLAINED = 0.97  # ASSUMPTION (generator): each checklist item is recorded as explained


@dataclass(frozen=True)
class Grant:
    scope: str
    given: bool
    on: date
    org_id: str | None = None


@dataclass
class Consents:
    records: list[RecordValues]
    sharing: dict[str, tuple[str, date, date | None]]  # org id -> (consent id, given on, withdrawn on)

    def for_referral(self, org_id: str, day: date) -> str | None:
        """The id of the consent that lets the client be referred to `org_id` on `day`, if there is one."""
        found = self.sharing.get(org_id)
        if found is None:
            return None
        consent_id, given_on, withdrawn_on = found
        return consent_id if given_on <= day and (withdrawn_on is None or day < withdrawn_on) else None


def grants(rng: random.Random, profile: Profile, nrm: NrmPath | None, orgs: list[Organisation]) -> list[Grant]:
    intake = profile.intake
    found = [Grant("data_processing", True, intake)]
    found += [Grant("share_with_org", chance(rng, p.SHARE_CONSENT), intake, org.id) for org in orgs]
    if nrm is not None:
        found.append(Grant("nrm_referral", nrm.route == "nrm", intake))
        if nrm.rg_outcome == "positive" and nrm.rg_date is not None:
            found.append(Grant("msvcc_support", chance(rng, 0.95), nrm.rg_date))
    found.append(Grant("contact_phone", chance(rng, p.CONTACT_PHONE_CONSENT), intake))
    found.append(Grant("contact_text", chance(rng, p.CONTACT_TEXT_CONSENT), intake))
    found.append(Grant("research_nonidentifying", chance(rng, p.RESEARCH_CONSENT), intake))
    return found


def consents(record: Recorder, profile: Profile, client_id: str, found: list[Grant], period: Period) -> Consents:
    rng = record.rng
    withdrawn_index, withdrawn_on = _withdrawal(rng, found, period)
    result = Consents([], {})
    for index, grant in enumerate(found):
        withdrawn = withdrawn_on if index == withdrawn_index else None
        consent = _record(record, profile, client_id, grant, withdrawn)
        result.records.append(consent)
        if grant.org_id is not None and grant.given:
            result.sharing[grant.org_id] = (str(consent["id"]), grant.on, withdrawn)
    return result


def _withdrawal(rng: random.Random, found: list[Grant], period: Period) -> tuple[int | None, date | None]:
    """3 % of clients withdraw one consent they gave; never data processing, which rests on it all."""
    if not chance(rng, p.CONSENT_WITHDRAWN_CLIENTS):
        return None, None
    choices = [index for index, grant in enumerate(found) if grant.given and grant.scope != "data_processing"]
    index = rng.choice(choices) if choices else None
    if index is None or (period.last_day - found[index].on).days < 1:
        return None, None
    return index, found[index].on + timedelta(days=rng.randint(1, (period.last_day - found[index].on).days))


def _record(record: Recorder, profile: Profile, client_id: str, grant: Grant, withdrawn: date | None) -> RecordValues:
    rng = record.rng
    explained = [item for item in CONSENT_EXPLAINED_ITEM if chance(rng, _EXPLAINED)]
    return record(
        "consent", grant.on, client_id=client_id, scope=grant.scope, org_id=grant.org_id, given=grant.given,
        method="written" if chance(rng, 0.6) else "verbal",
        interpreter_language=profile.languages[0] if profile.interpreter_needed else None,
        explained_items=explained or None, recorded_by=profile.worker,
        given_at=office_time(rng, grant.on) if grant.given else None,
        withdrawn_at=office_time(rng, withdrawn) if withdrawn is not None else None,
        review_due=(grant.on + timedelta(days=p.CONSENT_REVIEW_DAYS)).isoformat() if grant.given else None,
    )  # fmt: skip
