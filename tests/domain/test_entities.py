"""Entity specs: names exactly as the interchange format, sensitivity exactly as DATA-MODEL.md."""

from __future__ import annotations

import re

import pytest

from hbf_desktop.domain.entities import ENTITIES, UnknownEntityError, entity
from hbf_desktop.domain.model import DomainError, FieldKind, Sensitivity
from tests.domain.examples import EXAMPLES

IDENTIFIER, Q, S, N = (
    Sensitivity.IDENTIFIER,
    Sensitivity.QUASI_IDENTIFIER,
    Sensitivity.SPECIAL_CATEGORY,
    Sensitivity.NARRATIVE,
)
INTERCHANGE_TYPES = {
    "client", "client_identity", "case", "contact", "intervention", "referral", "nrm_record", "consent",
    "risk_assessment", "needs_assessment", "safety_plan", "task", "accommodation", "legal_proceeding",
    "exploitation_history", "organisation",
}  # fmt: skip
CLIENT_LEVEL = {"client_identity", "case", "exploitation_history", "consent", "nrm_record", "legal_proceeding"}
# Every identifier field outside the vault, listed so that tagging a new one is a deliberate, reviewed change.
IDENTIFIERS_OUTSIDE_THE_VAULT = {
    ("nrm_record", "reference_numbers"), ("safety_plan", "safe_contacts"), ("safety_plan", "codewords"),
    ("attachment", "file_name"),
}  # fmt: skip


def test_every_entity_of_the_data_model_is_described() -> None:
    assert INTERCHANGE_TYPES | {"support_plan", "attachment"} == set(ENTITIES)


def test_field_names_are_interchange_names() -> None:
    for spec in ENTITIES.values():
        assert spec.label and "victim" not in spec.label.lower()
        for field in spec.fields:
            where = f"{spec.name}.{field.name}"
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field.name), where
            assert field.name not in ("type", "id", "version", "created_at", "updated_at", "deleted_at"), where
            assert field.label and "victim" not in field.label.lower(), where
            assert (field.kind is FieldKind.REFERENCE) == field.name.endswith("_id"), where
            assert (field.kind in (FieldKind.ENUM, FieldKind.ENUM_LIST)) == bool(field.vocabulary), where
            if field.references is not None:
                assert field.references in ENTITIES, where


@pytest.mark.parametrize(
    ("name", "type_field"),
    [
        ("contact", "contact_type"),
        ("intervention", "intervention_type"),
        ("legal_proceeding", "legal_proceeding_type"),
        ("task", "task_type"),
        ("exploitation_history", "exploitation_history_type"),
    ],
)
def test_an_entitys_own_type_travels_as_entity_type(name: str, type_field: str) -> None:
    field = ENTITIES[name].field(type_field)
    assert field is not None and field.kind is FieldKind.ENUM and field.required


def test_every_entity_can_mark_synthetic_records() -> None:
    for spec in ENTITIES.values():
        synthetic = spec.field("synthetic")
        assert synthetic is not None and synthetic.kind is FieldKind.BOOL and not synthetic.required, spec.name


def test_parents_tie_records_to_their_client_or_case() -> None:
    for spec in ENTITIES.values():
        if spec.name in ("client", "organisation"):
            assert spec.parent is None
            continue
        expected = "client_id" if spec.name in CLIENT_LEVEL else "case_id"
        assert spec.parent == expected, spec.name
        parent = spec.field(expected)
        assert parent is not None and parent.required and parent.references == expected.removesuffix("_id")


def test_searchable_fields() -> None:
    assert ENTITIES["client_identity"].searchable == ("legal_name", "known_as", "aliases")
    assert ENTITIES["client"].searchable == ("pseudonym_code",)
    assert ENTITIES["contact"].searchable == ("note",)
    assert ENTITIES["intervention"].searchable == ("note",)
    for spec in ENTITIES.values():
        assert all(spec.field(name) is not None for name in spec.searchable), spec.name


def test_the_vault_holds_identity_and_only_identity() -> None:
    vault = ENTITIES["client_identity"]
    assert vault.identity and [spec.name for spec in ENTITIES.values() if spec.identity] == ["client_identity"]
    for field in vault.fields:
        if field.name not in ("client_id", "synthetic"):
            assert field.is_identifier, field.name
    assert {"home_office_ref", "nrm_ref", "nhs_number", "dob", "phones", "emails", "address"} <= set(vault.field_names)
    client = ENTITIES["client"]
    assert not any(field.is_identifier for field in client.fields)
    assert "dob" not in client.field_names and {"birth_year", "birth_month"} <= set(client.field_names)


def test_identifiers_outside_the_vault_are_exactly_the_reviewed_ones() -> None:
    tagged = {
        (spec.name, field.name)
        for spec in ENTITIES.values()
        if not spec.identity
        for field in spec.fields
        if field.is_identifier
    }
    assert tagged == IDENTIFIERS_OUTSIDE_THE_VAULT


def test_every_narrative_field_is_tagged_narrative() -> None:
    for spec in ENTITIES.values():
        for field in spec.fields:
            assert (field.kind is FieldKind.LONG_TEXT) == field.is_narrative, f"{spec.name}.{field.name}"


@pytest.mark.parametrize(
    ("name", "field_name", "tags"),
    [
        ("client", "gender", {Q}),
        ("client", "birth_year", {Q}),
        ("client", "citizenship", {Q}),
        ("client", "immigration_status", {S, Q}),
        ("client", "has_disability", {S}),
        ("client", "local_area", {Q}),
        ("exploitation_history", "exploitation_history_type", {S}),
        ("exploitation_history", "means_of_control", {S}),
        ("exploitation_history", "country", {Q}),
        ("contact", "wellbeing_score", {S}),
        ("contact", "note", {N}),
        ("risk_assessment", "rationale", {N, S}),
        ("legal_proceeding", "mlr_provider", {S}),
        ("nrm_record", "reference_numbers", {IDENTIFIER}),
        ("safety_plan", "codewords", {IDENTIFIER, N}),
        ("accommodation", "to_area", {Q}),
    ],
)
def test_sensitivity_as_the_data_model_says(name: str, field_name: str, tags: set[Sensitivity]) -> None:
    field = ENTITIES[name].field(field_name)
    assert field is not None and field.sensitivity == tags


def test_the_examples_fill_every_field_of_every_entity() -> None:
    for name, spec in ENTITIES.items():
        assert set(EXAMPLES[name]) == set(spec.field_names), name


def test_an_unknown_entity_is_a_person_readable_domain_error() -> None:
    with pytest.raises(UnknownEntityError) as raised:
        entity("clients")
    assert isinstance(raised.value, DomainError)
    assert "'clients' is not a kind of record" in str(raised.value)
    assert "client, client_identity" in str(raised.value)
    assert entity("contact") is ENTITIES["contact"]
