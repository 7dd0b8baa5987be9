"""Every enumeration of DATA-MODEL.md, in the lower-case snake_case form the interchange format uses.

Values align with HTCDS v2.0 and the CTDC codebook so that de-identified exports map onto them. Labels for people come
from `label()`, in plain, trauma-informed words (UX.md): outcomes described, not judged.
"""

from __future__ import annotations

GENDER = (
    "feminine", "masculine", "transgender_feminine", "transgender_masculine", "non_conforming",
    "non_specified_unknown",
)  # fmt: skip
# CTDC ageBroad bands, written as snake_case ranges.
AGE_BAND = ("0_8", "9_17", "18_20", "21_23", "24_26", "27_29", "30_38", "39_47", "48_plus")
IMMIGRATION_STATUS = (
    "asylum_seeker", "refugee", "humanitarian_protection", "leave_granted", "are_refused", "irregular_migrant",
    "regular_migrant", "stateless", "citizen", "eu_settled_status", "unknown",
)  # fmt: skip
CASE_STATUS = ("referred", "open", "follow_up", "closed", "closed_referred")
WORKFLOW_STAGE = ("new", "assessment", "case_plan", "services", "services_implemented", "closed", "reopened")
CLOSURE_REASON = (
    "support_complete",
    "moved_away",
    "lost_contact",
    "transferred",
    "client_request",
    "deceased",
    "other",
)
EXPLOITATION_TYPE = (
    "labour", "sexual", "criminal", "domestic_servitude", "organ_harvesting", "forced_marriage", "other", "unknown",
)  # fmt: skip
MEANS_OF_CONTROL = (
    "physical_threats", "threats_law_enforcement", "threatens_children_family", "debt_bondage", "false_promises",
    "physical_abuse", "sexual_abuse", "takes_earnings", "restricts_financial_access", "restricts_medical_care",
    "withholds_necessities", "psychological_abuse", "psychoactive_substance", "excessive_working_hours",
    "withholds_documents", "other",
)  # fmt: skip
RECRUITMENT_METHOD = (
    "place_of_business", "educational_institution", "work", "online_social_networks", "advert", "family", "friends",
    "other",
)  # fmt: skip
RECRUITER_RELATION = ("intimate_partner", "friend", "family", "other", "unknown")
CONSENT_SCOPE = (
    "nrm_referral", "msvcc_support", "data_processing", "share_with_org", "contact_phone", "contact_text",
    "research_nonidentifying",
)  # fmt: skip
CONSENT_METHOD = ("verbal", "written")
CONSENT_EXPLAINED_ITEM = ("purpose", "uses", "research_use", "right_of_access", "retention_period", "how_to_withdraw")
NRM_ROUTE = ("nrm", "dtn_anonymous", "none")
COMPETENT_AUTHORITY = ("sca", "ieca")
RG_OUTCOME = ("pending", "positive", "negative", "suspended", "withdrawn")
CG_OUTCOME = ("pending", "positive", "negative", "disqualified_public_order", "disqualified_bad_faith")
RECONSIDERATION_OUTCOME = ("pending", "upheld", "overturned")
MSVCC_PHASE = ("none", "emergency_destitution", "recovery_period", "move_on", "extended_by_rna", "exited")
RNA_OUTCOME = ("pending", "extended", "not_extended")
LEGAL_PROCEEDING_TYPE = (
    "asylum", "nrm_challenge", "criminal_investigation", "prosecution_witness", "compensation_cica", "civil_claim",
    "immigration_appeal", "other",
)  # fmt: skip
LEGAL_COUNTERPART = ("solicitor", "police", "other")
LEGAL_STATUS = ("pending", "active", "concluded", "withdrawn")
CONTACT_TYPE = ("welfare_call", "home_visit", "office_appointment", "accompaniment", "video_call", "message")
DIRECTION = ("outgoing", "incoming")
CONTACT_OUTCOME = ("completed", "no_answer", "client_cancelled", "unsafe_to_talk", "rescheduled")
INTERVENTION_TYPE = (
    "liaison_msvcc_provider", "liaison_solicitor", "liaison_police", "liaison_home_office", "housing_advocacy",
    "relocation_support", "health_gp_referral", "sexual_health_access", "mental_health_referral",
    "child_support_services", "education_college", "employment_support", "benefits_finance",
    "social_isolation_activity", "mlr_referral", "nrm_reconsideration_request", "compensation_support",
    "safeguarding_referral", "other",
)  # fmt: skip
ORG_TYPE = (
    "ngo", "law_enforcement", "health_service", "central_government", "local_government", "immigration_service",
    "legal_service", "corporate_business", "school_or_college", "msvcc_provider",
)  # fmt: skip
INTERVENTION_OUTCOME = ("done", "pending", "declined")
REFERRAL_REASON = (
    "additional_services_required", "migration_or_change_of_location", "nrm_support", "safe_accommodation",
    "legal_advice", "health_care", "mental_health", "other",
)  # fmt: skip
REFERRAL_STATUS = ("sent", "accepted", "declined", "withdrawn", "no_response")
ACCOMMODATION_TYPE = (
    "msvcc_safehouse", "asylum_hotel", "asylum_dispersal", "la_temporary", "refuge", "private_rented",
    "social_housing", "sofa_surfing", "street_homeless", "detention",
)  # fmt: skip
MOVE_REASON = (
    "risk_from_exploiters", "unsuitable_conditions", "safeguarding", "msvcc_exit", "decision_driven", "client_choice",
)  # fmt: skip
RISK_DOMAIN = (
    "re_trafficking", "contact_by_exploiters", "self_harm_suicide", "destitution", "unsafe_accommodation",
    "detention_removal", "domestic_abuse", "substance_use",
)  # fmt: skip
RISK_LEVEL = ("low", "medium", "high")
NEED_AREA = (
    "housing", "health_physical", "mental_health", "sexual_health", "legal", "finance", "education", "employment",
    "social_connection", "children", "immigration",
)  # fmt: skip
PRIORITY = ("low", "medium", "high", "urgent")
SUPPORT_PLAN_TYPE = (
    "education", "financial", "health", "exploitation_rehabilitation", "legal", "livelihood",
    "rights_based_training", "social_care",
)  # fmt: skip
GOAL_STATUS = ("not_started", "in_progress", "achieved", "dropped")
TASK_TYPE = ("follow_up", "welfare_call_due", "rg_overdue", "rna_due", "consent_review", "risk_review", "other")
TASK_STATUS = ("open", "done", "cancelled")
ATTACHMENT_KIND = ("nrm_form", "decision_letter", "mlr", "id_doc", "consent_form", "other")
RETENTION_CLASS = ("case_record", "return_at_closure", "legal_hold")
AUDIT_ACTION = (
    "view", "create", "update", "delete", "export", "print", "login", "sar_export", "erase", "import",
)  # fmt: skip

_LABELS = {
    "sca": "Single Competent Authority",
    "ieca": "Immigration Enforcement Competent Authority",
    "msvcc_provider": "MSVCC provider",
    "nrm": "NRM",
    "dtn_anonymous": "Duty to Notify (anonymous)",
    "are_refused": "ARE refused",
    "cica": "CICA",
    "mlr": "Medico-legal report",
    "rna_due": "RNA due",
    "rg_overdue": "Reasonable grounds decision overdue",
    "la_temporary": "Local authority temporary",
    "ngo": "NGO",
    "id_doc": "ID document",
    "48_plus": "48 and over",
}


def label(value: str) -> str:
    """A value as a person reads it: "no_answer" -> "No answer", "0_8" -> "0-8"."""
    if value in _LABELS:
        return _LABELS[value]
    if value[:1].isdigit():
        return value.replace("_", "-")
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]
