"""One realistic, fully filled record of every entity, written by hand (the names and numbers are fictional).

Hand-written rather than built from the specs so that the tests check the specs against what a caseworker would
record; `test_entities` fails when a field is added without an example here.
"""

from __future__ import annotations

from hbf_desktop.domain.model import JsonValue

IDS = {
    "organisation": "0190a6e4-0000-7000-8000-000000000001",
    "client": "0190a6e4-0000-7000-8000-000000000002",
    "client_identity": "0190a6e4-0000-7000-8000-000000000003",
    "case": "0190a6e4-0000-7000-8000-000000000004",
    "exploitation_history": "0190a6e4-0000-7000-8000-000000000005",
    "consent": "0190a6e4-0000-7000-8000-000000000006",
    "nrm_record": "0190a6e4-0000-7000-8000-000000000007",
    "legal_proceeding": "0190a6e4-0000-7000-8000-000000000008",
    "contact": "0190a6e4-0000-7000-8000-000000000009",
    "intervention": "0190a6e4-0000-7000-8000-00000000000a",
    "referral": "0190a6e4-0000-7000-8000-00000000000b",
    "accommodation": "0190a6e4-0000-7000-8000-00000000000c",
    "risk_assessment": "0190a6e4-0000-7000-8000-00000000000d",
    "needs_assessment": "0190a6e4-0000-7000-8000-00000000000e",
    "safety_plan": "0190a6e4-0000-7000-8000-00000000000f",
    "support_plan": "0190a6e4-0000-7000-8000-000000000010",
    "task": "0190a6e4-0000-7000-8000-000000000011",
    "attachment": "0190a6e4-0000-7000-8000-000000000012",
}
ORG, CLIENT, CASE = IDS["organisation"], IDS["client"], IDS["case"]

EXAMPLES: dict[str, dict[str, JsonValue]] = {
    "organisation": {
        "name": "Riverside Law Centre", "org_type": "legal_service", "is_first_responder": False,
        "is_msvcc_subcontractor": False, "local_area": "Camden", "country": "GBR", "phones": ["+442079460000"],
        "synthetic": True,
    },
    "client": {
        "pseudonym_code": "HB-7K3Q", "gender": "feminine", "birth_year": 1994, "birth_month": 6, "age_band": "27_29",
        "citizenship": ["ALB"], "languages": ["sqi", "eng"], "interpreter_needed": True,
        "immigration_status": "asylum_seeker", "has_dependants": True, "children_count": 1, "has_disability": False,
        "health_needs": True, "local_area": "Croydon", "assigned_worker": "worker3", "synthetic": True,
    },
    "client_identity": {
        "client_id": CLIENT, "legal_name": "Arta Kolemi", "known_as": "Ari", "aliases": ["A. Kole", "Arta K"],
        "dob": "1994-06-12", "phones": ["+447700900123"], "emails": ["ari@example.org"],
        "address": "Flat 2, 1 Fictional Road, London", "home_office_ref": "K1234567", "nrm_ref": "NRM-2024-0001",
        "nhs_number": "943 476 5919", "photo_attachment_id": IDS["attachment"], "synthetic": True,
    },
    "case": {
        "client_id": CLIENT, "programme": "counter_trafficking", "status": "closed", "opened_on": "2023-01-10",
        "closed_on": "2024-02-01", "closure_reason": "support_complete", "closure_note": "Moved on well.",
        "case_owner": "worker3", "workflow_stage": "closed", "legal_hold": False, "synthetic": True,
    },
    "exploitation_history": {
        "client_id": CLIENT, "exploitation_history_type": "labour", "sub_type": "agriculture_forestry_fishing",
        "means_of_control": ["debt_bondage", "withholds_documents"], "recruitment_method": ["online_social_networks"],
        "recruiter_relation": "friend", "country": "GBR", "in_uk": True, "start_month": "2021-03",
        "end_month": "2022-11", "age_at_exploitation_band": "24_26", "narrative": "Worked on a farm.",
        "synthetic": True,
    },
    "consent": {
        "client_id": CLIENT, "scope": "share_with_org", "org_id": ORG, "given": True, "method": "verbal",
        "interpreter_language": "sqi", "explained_items": ["purpose", "how_to_withdraw"], "recorded_by": "worker3",
        "given_at": "2023-01-10T10:00:00+00:00", "withdrawn_at": "2023-06-01T09:00:00+01:00",
        "review_due": "2024-01-10", "synthetic": True,
    },
    "nrm_record": {
        "client_id": CLIENT, "route": "nrm", "first_responder_org_id": ORG, "competent_authority": "sca",
        "referral_date": "2023-01-12", "rg_date": "2023-01-18", "rg_outcome": "positive", "cg_date": "2024-05-20",
        "cg_outcome": "negative", "reconsideration_requested_on": "2024-06-01", "reconsideration_outcome": "pending",
        "msvcc_phase": "recovery_period", "rna_submitted_on": "2024-06-10", "rna_outcome": "extended",
        "extension_end": "2024-12-10", "reference_numbers": ["SCA-123456"], "synthetic": True,
    },
    "legal_proceeding": {
        "client_id": CLIENT, "legal_proceeding_type": "compensation_cica", "counterpart": "solicitor",
        "counterpart_org_id": ORG, "status": "active", "started_on": "2023-03-01", "next_date": "2024-09-01",
        "concluded_on": "2024-10-01", "mlr_requested_on": "2023-04-01", "mlr_provider": "Fictional Clinic",
        "mlr_completed_on": "2023-08-01", "synthetic": True,
    },
    "contact": {
        "case_id": CASE, "contact_type": "welfare_call", "direction": "outgoing",
        "scheduled_at": "2023-02-01T10:00:00+00:00", "occurred_at": "2023-02-01T10:05:00+00:00", "duration_min": 20,
        "outcome": "completed", "safe_to_talk": True, "interpreter_used": True, "wellbeing_score": 6,
        "note": "Sleeping better.", "synthetic": True,
    },
    "intervention": {
        "case_id": CASE, "date": "2023-02-03", "intervention_type": "liaison_solicitor",
        "counterpart_org_type": "legal_service", "counterpart_org_id": ORG, "outcome": "done", "time_spent_min": 45,
        "note": "Booked an appointment.", "synthetic": True,
    },
    "referral": {
        "case_id": CASE, "direction": "outgoing", "org_id": ORG, "date": "2023-02-05", "reason": "legal_advice",
        "consent_id": IDS["consent"], "status": "accepted", "responded_on": "2023-02-09", "synthetic": True,
    },
    "accommodation": {
        "case_id": CASE, "from_type": "asylum_hotel", "to_type": "asylum_dispersal", "move_date": "2023-05-01",
        "reason": "decision_driven", "planned": True, "from_area": "Hillingdon", "to_area": "Leeds", "synthetic": True,
    },
    "risk_assessment": {
        "case_id": CASE, "assessed_on": "2023-01-10", "domains": {"re_trafficking": "high", "destitution": "medium"},
        "overall_level": "high", "review_due": "2023-04-10", "rationale": "Exploiters have her number.",
        "synthetic": True,
    },
    "needs_assessment": {
        "case_id": CASE, "assessed_on": "2023-01-11", "need_areas": ["housing", "legal"], "priority": "high",
        "met": False, "support_plan_id": IDS["support_plan"], "note": "Needs a solicitor.", "synthetic": True,
    },
    "safety_plan": {
        "case_id": CASE, "plan_version": 2, "effective_from": "2023-01-12", "safe_contacts": "Her sister.",
        "codewords": "Blue umbrella", "warning_signs": "Calls from unknown numbers.", "actions": "Call 999.",
        "synthetic": True,
    },
    "support_plan": {
        "case_id": CASE, "support_plan_type": "legal", "objectives": "Settle status.", "action_plan": "See solicitor.",
        "goals": [{"area": "legal", "target_date": "2023-06-01", "status": "in_progress"}],
        "planned_end": "2024-01-01", "actual_end": "2024-02-01", "synthetic": True,
    },
    "task": {
        "case_id": CASE, "task_type": "rg_overdue", "due_at": "2023-01-26T17:00:00+00:00", "assignee": "worker3",
        "priority": "high", "status": "open", "rule": "rg_pending_10_working_days", "note": "Chase the SCA.",
        "synthetic": True,
    },
    "attachment": {
        "case_id": CASE, "attachment_kind": "decision_letter", "file_name": "rg-letter.pdf",
        "media_type": "application/pdf", "size": 48213, "sha256": "ab" * 32, "retention_class": "case_record",
        "synthetic": True,
    },
}  # fmt: skip


def example(entity: str, **changes: JsonValue) -> dict[str, JsonValue]:
    """A copy of the entity's example with some values changed (None removes the field)."""
    values = dict(EXAMPLES[entity])
    for name, value in changes.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
    return values
