"""One field at a time: normalisation, and messages that name the field, the fault and what is allowed."""

from __future__ import annotations

import pytest

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.model import FieldSpec, JsonValue, ValidationError
from hbf_desktop.domain.validation import validate
from hbf_desktop.domain.values import InvalidValueError, check_value

CASE = "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"


def field(entity: str, name: str) -> FieldSpec:
    spec = ENTITIES[entity].field(name)
    assert spec is not None
    return spec


@pytest.mark.parametrize(
    ("entity", "name", "written", "clean"),
    [
        ("client", "pseudonym_code", "  HB-7K3Q ", "HB-7K3Q"),
        ("client", "gender", "Transgender Feminine", "transgender_feminine"),
        ("client", "gender", "NonSpecifiedUnknown", "non_specified_unknown"),
        ("client", "citizenship", ["alb", "VN", "uk"], ["ALB", "VNM", "GBR"]),
        ("client", "languages", ["SQI", "vi"], ["sqi", "vie"]),
        ("client_identity", "phones", ["07700 900123"], ["+447700900123"]),
        ("client_identity", "phones", ["+44 (0)7700 900123"], ["+447700900123"]),
        ("client_identity", "phones", ["0044 7700-900-123"], ["+447700900123"]),
        ("client_identity", "phones", ["+4407700900123"], ["+447700900123"]),
        ("client_identity", "phones", ["01632 960000"], ["+441632960000"]),
        ("client_identity", "phones", ["+355 69 123 4567"], ["+355691234567"]),
        ("client_identity", "emails", ["Ari@Example.ORG"], ["Ari@example.org"]),
        ("client_identity", "dob", " 1994-06-12 ", "1994-06-12"),
        ("contact", "occurred_at", "2024-03-01T10:00Z", "2024-03-01T10:00:00+00:00"),
        ("contact", "occurred_at", "2024-03-01 10:00:00+01:00", "2024-03-01T10:00:00+01:00"),
        ("contact", "case_id", CASE.upper(), CASE),
        ("contact", "note", "  line one\r\nline two  ", "line one\nline two"),
        ("exploitation_history", "means_of_control", ["DebtBondage", "Other"], ["debt_bondage", "other"]),
        ("risk_assessment", "domains", {"Re-trafficking": "HIGH"}, {"re_trafficking": "high"}),
        ("support_plan", "goals", [{"area": "Legal"}], [{"area": "legal", "status": "not_started"}]),
    ],
)
def test_values_are_normalised(entity: str, name: str, written: JsonValue, clean: JsonValue) -> None:
    assert check_value(field(entity, name), written) == clean


@pytest.mark.parametrize(
    ("entity", "name", "written", "words"),
    [
        ("contact", "outcome", "answered", ["Outcome: 'answered' is not one of the allowed values", "no answer"]),
        ("intervention", "intervention_type", "coffee", ["Kind of intervention", "liaison solicitor", "and 9 more"]),
        ("client", "citizenship", ["XXX"], ["Citizenship: 'XXX' is not a country code", "ISO 3166-1 alpha-3"]),
        ("client", "languages", ["klingon"], ["Languages:", "ISO 639-3, e.g. sqi"]),
        (
            "case",
            "opened_on",
            "01/03/2024",
            ["Opened on: '01/03/2024' is not a date", "use YYYY-MM-DD, e.g. 2024-03-01"],
        ),
        ("case", "opened_on", "2024-02-30", ["Opened on: '2024-02-30' is not a real date", "YYYY-MM-DD"]),
        ("case", "opened_on", "20240301", ["not a date", "YYYY-MM-DD"]),
        ("contact", "occurred_at", "2024-03-01T10:00", ["When:", "no offset from UTC", "+00:00"]),
        ("contact", "occurred_at", "2024-03-01", ["When:", "has no time"]),
        ("contact", "occurred_at", "yesterday", ["When:", "not a date and time"]),
        ("exploitation_history", "start_month", "2023-13", ["Started:", "YYYY-MM, e.g. 2023-07"]),
        ("contact", "wellbeing_score", 11, ["Wellbeing (0-10): 11 is out of range", "from 0 to 10"]),
        ("contact", "wellbeing_score", -1, ["out of range", "from 0 to 10"]),
        ("contact", "duration_min", -5, ["Minutes: -5 is out of range", "from 0 to 1440"]),
        ("attachment", "size", -1, ["Size in bytes", "0 or more"]),
        ("intervention", "time_spent_min", 2.5, ["Minutes spent: '2.5' is not a whole number"]),
        ("contact", "wellbeing_score", True, ["not a whole number"]),
        ("contact", "safe_to_talk", "true", ["Safe to talk: 'true' is not true or false", "use true or false"]),
        ("contact", "safe_to_talk", 1, ["is not true or false"]),
        ("client_identity", "phones", ["7700 900123"], ["Phone numbers:", "international form, e.g. +447700900123"]),
        ("client_identity", "emails", ["ari at example"], ["Email addresses:", "not an email address"]),
        ("client_identity", "aliases", "Ari", ["Other names: must be a list"]),
        ("client_identity", "aliases", ["Ari", "Ari"], ["lists 'Ari' twice"]),
        ("client_identity", "aliases", ["x"] * 51, ["has 51 entries; at most 50"]),
        ("client", "pseudonym_code", "HB-" + "Q" * 20, ["Pseudonym code: is 23 characters long; at most 16"]),
        ("client", "local_area", "Line\nbreak", ["must be on one line"]),
        ("client", "local_area", "   ", ["is empty"]),
        ("client", "local_area", 42, ["must be text, not a number"]),
        ("contact", "note", "a\0b", ["contains a NUL character"]),
        ("contact", "case_id", "case-1", ["Case: 'case-1' is not the id (a UUID) of a case record"]),
        ("risk_assessment", "domains", {"luck": "high"}, ["'luck' is not a risk area", "re-trafficking"]),
        ("risk_assessment", "domains", {"destitution": "severe"}, ["destitution must be low, medium or high"]),
        ("support_plan", "goals", [{"area": "legal", "target_date": "soon"}], ["target_date", "YYYY-MM-DD"]),
    ],
)
def test_bad_values_say_what_is_wrong_and_what_is_allowed(
    entity: str, name: str, written: JsonValue, words: list[str]
) -> None:
    with pytest.raises(ValidationError) as raised:
        validate(entity, {name: written}, partial=True)
    [problem] = raised.value.problems
    assert problem.entity == entity and problem.field == name
    for expected in words:
        assert expected in problem.message


def test_a_long_value_is_quoted_only_in_part() -> None:
    with pytest.raises(InvalidValueError) as raised:
        check_value(field("contact", "outcome"), "x" * 10_000)
    assert len(str(raised.value)) < 400 and "..." in str(raised.value)


@pytest.mark.parametrize(
    ("entity", "name", "cell", "clean"),
    [
        ("contact", "safe_to_talk", "TRUE", True),
        ("contact", "safe_to_talk", "no", False),
        ("contact", "duration_min", " 20 ", 20),
        ("client", "citizenship", "alb; VNM", ["ALB", "VNM"]),
        ("client_identity", "aliases", '["A; B", "C"]', ["A; B", "C"]),
        ("contact", "note", "'=1+2", "=1+2"),
        ("contact", "note", "'plain", "'plain"),
        ("risk_assessment", "domains", '{"destitution": "low"}', {"destitution": "low"}),
    ],
)
def test_spreadsheet_cells_are_converted_from_text(entity: str, name: str, cell: str, clean: JsonValue) -> None:
    assert check_value(field(entity, name), cell, from_text=True) == clean


def test_text_cells_are_not_converted_outside_spreadsheets() -> None:
    with pytest.raises(InvalidValueError):
        check_value(field("contact", "duration_min"), "20")
    with pytest.raises(InvalidValueError, match="not valid JSON"):
        check_value(field("risk_assessment", "domains"), "{oops", from_text=True)
