"""Vocabularies: snake_case values from the standards, plain-word labels, and input folded back to values."""

from __future__ import annotations

import re

import pytest

from hbf_desktop.domain import vocabularies as v

SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")


def test_every_value_is_lower_snake_case_and_listed_once() -> None:
    assert len(v.VOCABULARIES) > 40
    for name, values in v.VOCABULARIES.items():
        assert values, name
        assert len(set(values)) == len(values), f"{name} repeats a value"
        bad = [value for value in values if not SNAKE.match(value)]
        assert bad == [], f"{name}: {bad}"


def test_values_follow_the_standards_named_in_the_data_model() -> None:
    assert v.GENDER == (
        "feminine", "masculine", "transgender_feminine", "transgender_masculine", "non_conforming",
        "non_specified_unknown",
    )  # fmt: skip
    assert len(v.MEANS_OF_CONTROL) == 16
    assert {"debt_bondage", "withholds_documents", "threats_law_enforcement"} <= set(v.MEANS_OF_CONTROL)
    assert v.COMPETENT_AUTHORITY == ("sca", "ieca")
    assert v.LEGAL_PROCEEDING_TYPE == (
        "asylum", "nrm_challenge", "criminal_investigation", "prosecution_witness", "compensation_cica",
        "civil_claim", "immigration_appeal", "other",
    )  # fmt: skip
    assert v.AGE_BAND[0] == "0_8" and v.AGE_BAND[-1] == "48_plus" and len(v.AGE_BAND) == 9
    assert {"leave_granted", "are_refused", "asylum_seeker", "refugee"} <= set(v.IMMIGRATION_STATUS)
    assert "msvcc_provider" in v.ORG_TYPE and "school_or_college" in v.ORG_TYPE
    assert v.RISK_LEVEL == ("low", "medium", "high")
    assert "share_with_org" in v.CONSENT_SCOPE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no_answer", "No answer"),
        ("unsafe_to_talk", "Not safe to talk"),
        ("liaison_msvcc_provider", "Liaison MSVCC provider"),
        ("nrm_reconsideration_request", "NRM reconsideration request"),
        ("18_20", "18-20"),
        ("48_plus", "48 and over"),
        ("sca", "Single Competent Authority"),
        ("street_homeless", "Sleeping rough"),
    ],
)
def test_labels_are_plain_words(value: str, expected: str) -> None:
    assert v.label(value) == expected


def test_no_label_judges_the_client_and_every_label_reads_back_as_its_value() -> None:
    for name, values in v.VOCABULARIES.items():
        for value in values:
            words = v.label(value)
            assert "victim" not in words.lower(), f"{name}.{value}: {words}"
            assert words[:1] == words[:1].upper(), f"{name}.{value}: {words}"
            assert v.normalise(words, values) == value, f"{name}: the label {words!r} is ambiguous"
            assert v.normalise(value.upper(), values) == value


@pytest.mark.parametrize(
    ("written", "vocabulary", "expected"),
    [
        ("TransgenderFeminine", v.GENDER, "transgender_feminine"),
        ("Transgender feminine", v.GENDER, "transgender_feminine"),
        ("ClosedReferred", v.CASE_STATUS, "closed_referred"),
        ("follow-up", v.CASE_STATUS, "follow_up"),
        ("NRM_form", v.ATTACHMENT_KIND, "nrm_form"),
        ("compensation_CICA", v.LEGAL_PROCEEDING_TYPE, "compensation_cica"),
        ("ARE_refused", v.IMMIGRATION_STATUS, "are_refused"),
        ("48+", v.AGE_BAND, "48_plus"),
        ("  Not safe to talk ", v.CONTACT_OUTCOME, "unsafe_to_talk"),
        ("answered", v.CONTACT_OUTCOME, None),
        ("complete", v.CONTACT_OUTCOME, None),
        ("", v.CONTACT_OUTCOME, None),
    ],
)
def test_normalise_accepts_other_spellings_but_never_guesses(
    written: str, vocabulary: tuple[str, ...], expected: str | None
) -> None:
    assert v.normalise(written, vocabulary) == expected
