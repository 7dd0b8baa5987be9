"""Validation messages name the field, say what is wrong and what is allowed; values are normalised."""

from __future__ import annotations

import pytest

from hbf_desktop.domain.clock import HybridLogicalClock, Stamp
from hbf_desktop.domain.entities import ENTITIES, entity
from hbf_desktop.domain.model import ValidationError
from hbf_desktop.domain.validation import validate

CASE = "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"


def test_normalises_enums_codes_phones_and_dates() -> None:
    clean = validate(
        "client", {"pseudonym_code": " HB-7K3Q ", "gender": "Transgender Feminine", "citizenship": ["alb"]}
    )
    assert clean == {"pseudonym_code": "HB-7K3Q", "gender": "transgender_feminine", "citizenship": ["ALB"]}
    identity = validate("client_identity", {"client_id": CASE, "phones": ["07700 900123"]})
    assert identity["phones"] == ["+447700900123"]


def test_every_problem_is_reported_with_field_and_allowed_values() -> None:
    with pytest.raises(ValidationError) as raised:
        validate("contact", {"case_id": CASE, "contact_type": "phone", "outcome": "answered", "wellbeing_score": 12})
    messages = [problem.message for problem in raised.value.problems]
    assert any(m.startswith("Kind of contact: 'phone'") and "welfare call" in m for m in messages)
    assert any("Outcome" in m and "no answer" in m for m in messages)
    assert any("Wellbeing" in m and "from 0 to 10" in m for m in messages)
    assert any("When is required" in m for m in messages)


@pytest.mark.parametrize(
    ("entity_name", "values", "words"),
    [
        ("case", {"client_id": CASE, "status": "open", "opened_on": "2024-02-30"}, "not a real date"),
        ("case", {"client_id": CASE, "status": "open", "opened_on": "2024-03-01", "closed_on": "2024-01-01"}, "before"),
        ("referral", {"case_id": CASE, "direction": "outgoing", "date": "2024-01-01", "status": "sent"}, "consent"),
        ("client", {"pseudonym_code": "HB-1", "citizenship": ["XXX"]}, "ISO 3166-1"),
        ("client", {"pseudonym_code": "HB-1", "birth_month": 13}, "out of range"),
        ("client", {"pseudonym_code": "HB-1", "interpreter_needed": "yes"}, "true or false"),
        (
            "contact",
            {"case_id": CASE, "contact_type": "message", "outcome": "completed", "occurred_at": "2024-03-01T10:00"},
            "offset",
        ),  # fmt: skip
    ],
)
def test_rules(entity_name: str, values: dict[str, object], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        validate(entity_name, values)


def test_partial_validation_checks_only_what_is_given() -> None:
    assert validate("case", {"status": "closed"}, partial=True) == {"status": "closed"}


def test_every_entity_has_a_label_and_known_references() -> None:
    for spec in ENTITIES.values():
        assert spec.label
        for field in spec.fields:
            assert field.label
            assert field.references is None or field.references in ENTITIES
    with pytest.raises(Exception, match="kinds are"):
        entity("spaceship")


def test_the_clock_never_goes_back_and_moves_past_what_it_sees() -> None:
    now = [1_000]
    clock = HybridLogicalClock("device-a", now_ms=lambda: now[0])
    first = clock.tick()
    now[0] = 500  # the wall clock jumps back
    second = clock.tick()
    assert second > first
    clock.observe(str(Stamp(5_000, 3, "device-b")))
    assert clock.tick() > str(Stamp(5_000, 3, "device-b"))
    assert HybridLogicalClock("device-a", last=clock.last).tick() > clock.last
