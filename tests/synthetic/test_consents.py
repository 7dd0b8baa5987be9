"""Consents: data processing always, sharing per organisation at 0.9, 3 % of clients withdraw one."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.consents import consents, grants
from hbf_desktop.synthetic.dates import Period
from hbf_desktop.synthetic.nrm import draw_nrm
from hbf_desktop.synthetic.organisations import organisations
from hbf_desktop.synthetic.profile import draw_profile
from hbf_desktop.synthetic.recorder import Recorder

PERIOD = Period.of_years(date(2019, 1, 1), 6)
CLIENTS = 3_000
ORGS, _ = organisations(random.Random(0), PERIOD.start)


def _clients() -> list[list[RecordValues]]:
    rng = random.Random(1)
    found = []
    for _ in range(CLIENTS):
        profile = draw_profile(rng, PERIOD, 0.5)
        nrm = draw_nrm(rng, profile.intake, profile.woman, PERIOD)
        book = consents(Recorder(rng), profile, "client", grants(rng, profile, nrm, ORGS), PERIOD)
        found.append(book.records)
    return found


def test_shares_and_withdrawals() -> None:
    clients = _clients()
    for records in clients:
        scopes = Counter(str(record["scope"]) for record in records)
        assert scopes["data_processing"] == 1 and scopes["share_with_org"] == len(ORGS)
        processing = next(record for record in records if record["scope"] == "data_processing")
        assert processing["given"] is True and "withdrawn_at" not in processing
    sharing = [record for records in clients for record in records if record["scope"] == "share_with_org"]
    assert abs(sum(record["given"] is True for record in sharing) / len(sharing) - p.SHARE_CONSENT) < 0.02
    withdrawn = [sum("withdrawn_at" in record for record in records) for records in clients]
    assert max(withdrawn) == 1
    assert abs(sum(withdrawn) / CLIENTS - p.CONSENT_WITHDRAWN_CLIENTS) < 0.01
    for record in (record for records in clients for record in records if "withdrawn_at" in record):
        given, taken_back = (datetime.fromisoformat(str(record[name])) for name in ("given_at", "withdrawn_at"))
        assert given < taken_back and taken_back.date() < PERIOD.end


def test_a_referral_rests_only_on_consent_given_and_not_withdrawn() -> None:
    rng = random.Random(2)
    profile = draw_profile(rng, PERIOD, 0.5)
    book = consents(Recorder(rng), profile, "client", grants(rng, profile, None, ORGS), PERIOD)
    given = [org for org in ORGS if book.for_referral(org.id, PERIOD.last_day)]
    assert given, "with p = 0.9 for each of ten organisations, some consent is given"
    organisation = given[0]
    assert book.for_referral(organisation.id, profile.intake - timedelta(days=1)) is None
    consent_id, given_on, _ = book.sharing[organisation.id]
    book.sharing[organisation.id] = (consent_id, given_on, given_on + timedelta(days=30))
    assert book.for_referral(organisation.id, given_on + timedelta(days=29)) == consent_id
    assert book.for_referral(organisation.id, given_on + timedelta(days=30)) is None
