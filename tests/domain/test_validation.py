"""Whole records: every problem at once, required fields, partial edits, and the rules between fields."""

from __future__ import annotations

import pytest

from hbf_desktop.domain.entities import ENTITIES, UnknownEntityError
from hbf_desktop.domain.model import JsonValue, ValidationError
from hbf_desktop.domain.validation import validate
from tests.domain.examples import EXAMPLES, example

CASE = "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"


def problems_of(entity: str, values: dict[str, JsonValue], **options: bool) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        validate(entity, values, **options)
    found = {problem.field: problem.message for problem in raised.value.problems}
    assert len(found) == len(raised.value.problems), "one problem per field"
    return found


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_a_full_valid_record_of_every_entity_passes_unchanged(entity: str) -> None:
    assert validate(entity, EXAMPLES[entity]) == EXAMPLES[entity]


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_only_the_required_fields_are_required(entity: str) -> None:
    required = {field.name for field in ENTITIES[entity].fields if field.required}
    minimal = {name: value for name, value in EXAMPLES[entity].items() if name in required}
    if entity == "consent":
        minimal["scope"] = "data_processing"  # sharing needs its organisation: a rule, tested below
    if entity == "referral":
        minimal["direction"] = "incoming"
    assert validate(entity, minimal) == minimal
    if required:
        assert set(problems_of(entity, {})) == required


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = problems_of(
        "contact",
        {"case_id": CASE, "contact_type": "phone", "outcome": "answered", "wellbeing_score": 12, "colour": "blue"},
    )
    assert set(found) == {"contact_type", "outcome", "wellbeing_score", "colour", "occurred_at"}
    assert found["contact_type"].startswith("Kind of contact: 'phone'") and "welfare call" in found["contact_type"]
    assert found["occurred_at"] == "When is required."
    assert "'colour' is not a field of contact records" in found["colour"]


def test_validation_error_lists_problems_in_its_message() -> None:
    with pytest.raises(ValidationError) as raised:
        validate("case", {"status": "shut"})
    text = str(raised.value)
    assert "case.status: Case status: 'shut' is not one of the allowed values" in text
    assert "case.client_id: Client is required" in text and "case.opened_on: Opened on is required" in text


def test_an_unknown_field_suggests_the_near_miss_and_lists_the_fields() -> None:
    message = problems_of("contact", example("contact", contact_typ="welfare_call"))["contact_typ"]
    assert "Did you mean 'contact_type'?" in message
    assert "The fields are: case_id, contact_type," in message


def test_a_required_enum_says_what_to_choose() -> None:
    message = problems_of("case", example("case", status=None))["status"]
    assert message == "Case status is required; choose one of: referred, open, follow up, closed, closed referred."


def test_an_unknown_entity_is_refused() -> None:
    with pytest.raises(UnknownEntityError, match="kinds are"):
        validate("spaceship", {})


def test_partial_checks_only_what_is_given() -> None:
    assert validate("case", {"status": "Closed"}, partial=True) == {"status": "closed"}
    assert validate("case", {"closed_on": None}, partial=True) == {"closed_on": None}
    assert "Case status is required" in problems_of("case", {"status": None}, partial=True)["status"]
    assert "is not a real date" in problems_of("case", {"closed_on": "2024-02-30"}, partial=True)["closed_on"]


def test_partial_still_checks_the_order_of_dates_it_is_given_but_not_presence_rules() -> None:
    found = problems_of("case", {"opened_on": "2024-03-01", "closed_on": "2024-01-01"}, partial=True)
    assert "Closed on: 2024-01-01 is before opened on (2024-03-01)" in found["closed_on"]
    assert validate("referral", {"direction": "outgoing"}, partial=True) == {"direction": "outgoing"}


def test_none_in_a_whole_record_means_absent() -> None:
    values = dict(EXAMPLES["case"], closed_on=None, closure_reason=None)
    assert "closed_on" not in validate("case", values)


def test_booleans_must_be_json_booleans_unless_read_from_a_spreadsheet() -> None:
    assert "Legal hold" in problems_of("case", example("case", legal_hold="false"))["legal_hold"]
    cells = {"client_id": CASE, "status": "open", "opened_on": "2024-03-01", "legal_hold": "false", "programme": ""}
    assert validate("case", cells, from_text=True) == {
        "client_id": CASE, "status": "open", "opened_on": "2024-03-01", "legal_hold": False,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("entity", "earlier", "later", "first", "second"),
    [
        ("case", "opened_on", "closed_on", "2024-03-01", "2024-02-29"),
        ("nrm_record", "referral_date", "rg_date", "2023-01-12", "2023-01-11"),
        ("nrm_record", "rg_date", "cg_date", "2023-01-18", "2023-01-17"),
        ("consent", "given_at", "withdrawn_at", "2023-01-10T10:00:00+00:00", "2023-01-10T09:59:00+00:00"),
        ("legal_proceeding", "started_on", "concluded_on", "2023-03-01", "2023-02-01"),
        ("referral", "date", "responded_on", "2023-02-05", "2023-02-04"),
        ("exploitation_history", "start_month", "end_month", "2021-03", "2021-02"),
    ],
)
def test_a_later_event_cannot_come_before_an_earlier_one(
    entity: str, earlier: str, later: str, first: str, second: str
) -> None:
    found = problems_of(entity, example(entity, **{earlier: first, later: second}))
    assert list(found) == [later]
    earlier_field, later_field = ENTITIES[entity].field(earlier), ENTITIES[entity].field(later)
    assert earlier_field is not None and later_field is not None
    earlier_label, later_label = earlier_field.label, later_field.label
    assert found[later].startswith(f"{later_label}: ")
    assert f"before {earlier_label.lower()}" in found[later] and "same as or after" in found[later]
    assert validate(entity, example(entity, **{earlier: first, later: first}))  # the same day is allowed


def test_times_are_compared_as_instants_not_as_text() -> None:
    # Given at 23:45 in London; "withdrawn" at 00:30 next day in Tirana, which is 23:30 in London: before it was given.
    values = example("consent", given_at="2024-03-01T23:45:00+00:00", withdrawn_at="2024-03-02T00:30:00+01:00")
    assert "withdrawn_at" in problems_of("consent", values)
    values["withdrawn_at"] = "2024-03-02T01:00:00+01:00"
    assert validate("consent", values)["withdrawn_at"] == "2024-03-02T01:00:00+01:00"


def test_an_outgoing_referral_needs_recorded_consent() -> None:
    found = problems_of("referral", example("referral", consent_id=None))
    assert "outgoing referral needs the client's recorded consent" in found["consent_id"]
    assert validate("referral", example("referral", consent_id=None, direction="incoming"))


def test_consent_to_share_says_with_which_organisation() -> None:
    assert "which organisation" in problems_of("consent", example("consent", org_id=None))["org_id"]
    assert validate("consent", example("consent", org_id=None, scope="data_processing"))


def test_no_problem_message_quotes_a_whole_pasted_note() -> None:
    note = "secret " * 5_000
    found = problems_of("contact", example("contact", outcome=note))
    assert len(found["outcome"]) < 500
