"""The generated stream as a whole: deterministic, valid, ordered for a one-pass import, fictional, inside the period.

The samples are small enough for the whole file to run in seconds; the marginals are tested with large samples
where they are drawn (test_profile, test_nrm, test_people), and here only checked end to end, with a tolerance of
2 percentage points or 4 standard errors of the sample, whichever is wider.
"""

from __future__ import annotations

import hashlib
import json
import math
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.model import FieldKind, RecordValues
from hbf_desktop.domain.validation import validate
from hbf_desktop.synthetic import generate, summarise
from hbf_desktop.synthetic import parameters as p

START = date(2019, 1, 1)
END = date(2025, 1, 1)  # START + 6 years
# Dates of things that happened: inside [START, END).
EVENT_FIELDS = {
    "case": ("opened_on", "closed_on"),
    "consent": ("given_at", "withdrawn_at"),
    "nrm_record": ("referral_date", "rg_date", "cg_date", "reconsideration_requested_on", "rna_submitted_on"),
    "legal_proceeding": ("started_on", "concluded_on", "mlr_requested_on", "mlr_completed_on"),
    "contact": ("scheduled_at", "occurred_at"),
    "intervention": ("date",),
    "referral": ("date", "responded_on"),
    "accommodation": ("move_date",),
    "risk_assessment": ("assessed_on",),
    "needs_assessment": ("assessed_on",),
}
# Dates planned ahead (reviews, deadlines, an RNA extension): they may lie after the period, never before it.
PLANNED_FIELDS = {
    "consent": ("review_due",),
    "nrm_record": ("extension_end",),
    "legal_proceeding": ("next_date",),
    "risk_assessment": ("review_due",),
    "task": ("due_at",),
}


def _stream(clients: int, seed: int = 1, years: int = 6) -> Iterator[RecordValues]:
    return generate(clients=clients, seed=seed, start_date=START, years=years)


def _digest(seed: int) -> str:
    digest = hashlib.sha256()
    for record in _stream(40, seed):
        digest.update(json.dumps(record, sort_keys=True).encode() + b"\n")
    return digest.hexdigest()


@pytest.fixture(scope="module")
def sample() -> list[RecordValues]:
    return list(_stream(120, seed=11))


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert _digest(5) == _digest(5)
    assert _digest(5) != _digest(6)


def test_output_does_not_depend_on_the_global_random_state() -> None:
    import random

    random.seed(1)
    first = list(_stream(5, seed=3))
    random.seed(2)
    assert list(_stream(5, seed=3)) == first


def test_every_record_is_synthetic_and_valid_as_it_stands(sample: list[RecordValues]) -> None:
    for record in sample:
        assert record["synthetic"] is True
        values = {key: value for key, value in record.items() if key not in ("type", "id")}
        assert validate(str(record["type"]), values) == values, record  # already in normalised form


def test_every_reference_points_back_to_a_record_of_the_right_entity(sample: list[RecordValues]) -> None:
    seen: dict[str, str] = {}
    for record in sample:
        spec = ENTITIES[str(record["type"])]
        for field in spec.fields:
            if field.kind is FieldKind.REFERENCE and field.name in record:
                assert seen.get(str(record[field.name])) == field.references, (record["type"], field.name)
        assert record["id"] not in seen
        seen[str(record["id"])] = spec.name


def test_each_client_has_identity_case_history_consent_and_parents_come_first(sample: list[RecordValues]) -> None:
    kinds_by_client: dict[str, set[str]] = {}
    client_of_case: dict[str, str] = {}
    for record in sample:
        if record["type"] == "client":
            kinds_by_client[str(record["id"])] = set()
        owner = record.get("client_id") or client_of_case.get(str(record.get("case_id")))
        if record["type"] == "case":
            client_of_case[str(record["id"])] = str(owner)
        if owner is not None:
            kinds_by_client[str(owner)].add(str(record["type"]))
    assert sample[0]["type"] == "organisation"
    for kinds in kinds_by_client.values():
        assert {"client_identity", "case", "exploitation_history", "consent", "risk_assessment"} <= kinds


def test_phones_only_in_the_ofcom_drama_ranges() -> None:
    listed = [record["phones"] for record in _stream(400, seed=2, years=1) if "phones" in record]
    phones = [phone for numbers in listed if isinstance(numbers, list) for phone in numbers]
    assert len(phones) > 400, "most clients and every organisation have a phone"
    for phone in phones:
        assert isinstance(phone, str) and len(phone) == 13, phone
        assert phone.startswith(("+447700900", "+441632960")), phone


def _day(text: object) -> date:
    return datetime.fromisoformat(str(text)).date() if "T" in str(text) else date.fromisoformat(str(text))


def test_dates_fall_inside_the_period_and_in_order(sample: list[RecordValues]) -> None:
    for record in sample:
        kind = str(record["type"])
        for name in EVENT_FIELDS.get(kind, ()):
            if name in record:
                assert START <= _day(record[name]) < END, (kind, name, record[name])
        for name in PLANNED_FIELDS.get(kind, ()):
            if name in record:
                assert _day(record[name]) >= START, (kind, name, record[name])
        if kind == "case" and "closed_on" in record:
            assert _day(record["closed_on"]) >= _day(record["opened_on"])
        if kind == "nrm_record" and "rg_date" in record:
            assert _day(record["rg_date"]) >= _day(record["referral_date"])
        if kind == "nrm_record" and "cg_date" in record:
            assert (_day(record["cg_date"]) - _day(record["rg_date"])).days >= p.CG_MIN_DAYS
        if kind == "client_identity":
            assert _day(record["dob"]) < START, "adults, born long before their case"
        if kind == "exploitation_history":
            assert str(record["start_month"]) <= str(record["end_month"]) < f"{END:%Y-%m}"


def test_pending_decisions_have_no_date(sample: list[RecordValues]) -> None:
    for record in (record for record in sample if record["type"] == "nrm_record"):
        assert (record.get("rg_outcome") == "pending") == ("rg_date" not in record and record["route"] == "nrm")
        assert record.get("cg_outcome") != "pending" or "cg_date" not in record


def _close(observed: float | int | None, expected: float, n: int) -> bool:
    """Within 2 percentage points, or 4 standard errors when the sample is too small for that to be reliable."""
    assert observed is not None
    tolerance = max(0.02, 4 * math.sqrt(expected * (1 - expected) / n))
    return abs(observed - expected) <= tolerance


def test_marginals_of_the_stream_are_near_the_parameters() -> None:
    figures = summarise(_stream(2000, seed=4, years=1))
    clients = 2000
    assert figures["clients"] == clients
    assert _close(figures["share.women"], 0.5, clients)
    assert _close(figures["share.nrm_record"], p.NRM_SHARE, clients)
    assert _close(figures["share.route_none"], p.CONSENT_WITHHELD_SHARE, clients)
    for code, weight in p.TOP_NATIONALITIES.items():
        assert _close(figures[f"share.nationality.{code}"], weight / 100, clients), code
    assert _close(figures["share.rg_positive"], p.RG_POSITIVE, int(0.75 * clients))
    calls = figures["welfare_calls"]
    assert isinstance(calls, int) and calls > 5000
    assert _close(figures["share.no_answer"], p.CALL_NO_ANSWER, calls)
    assert _close(figures["share.unsafe_to_talk"], p.CALL_UNSAFE, calls)
    ratio = figures["interventions_per_welfare_call"]
    assert ratio is not None and 5.5 < ratio < 6.8, "about 6 interventions per welfare call (DATA-MODEL.md)"


def test_outgoing_referrals_rest_on_consent_to_share_with_that_organisation(sample: list[RecordValues]) -> None:
    consents = {record["id"]: record for record in sample if record["type"] == "consent"}
    outgoing = [record for record in sample if record["type"] == "referral" and record["direction"] == "outgoing"]
    assert len(outgoing) > 50
    for referral in outgoing:
        consent = consents[referral["consent_id"]]
        assert consent["scope"] == "share_with_org" and consent["org_id"] == referral["org_id"]
        assert consent["given"] is True and _day(consent["given_at"]) <= _day(referral["date"])
        assert "withdrawn_at" not in consent or _day(consent["withdrawn_at"]) > _day(referral["date"])


def test_memory_stays_flat_as_the_number_of_clients_grows() -> None:
    """Records stream client by client: ten times the clients must not need several times the memory (the peak is
    the largest client's records, which grows only slowly with the sample)."""

    def peak(clients: int) -> int:
        tracemalloc.start()
        for _ in _stream(clients, seed=8, years=1):
            pass
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return highest

    small, large = peak(20), peak(200)
    assert large < 2 * small
