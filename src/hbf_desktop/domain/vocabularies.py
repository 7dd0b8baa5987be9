"""Every enumeration of DATA-MODEL.md, in the lower-case snake_case form the interchange format uses.

Values follow HTCDS v2.0 and the CTDC codebook where DATA-MODEL.md names them, so that de-identified exports map onto
those standards; camel-case standard names become snake_case (`TransgenderFeminine` -> `transgender_feminine`).
Values that no standard or DATA-MODEL.md gives (closure reasons, task types, legal statuses, ...) are marked INVENTED:
they are this programme's choices and can be tuned, but other code and stored records use them, so rename with a
migration. The words a person sees come from `label()`: plain and trauma-informed (UX.md): "Client", never "victim";
outcomes described, not judged ("Not safe to talk").
"""

from __future__ import annotations

import re
from functools import cache

GENDER = (
    "feminine", "masculine", "transgender_feminine", "transgender_masculine", "non_conforming",
    "non_specified_unknown",
)  # fmt: skip
# CTDC `ageBroad` bands as snake_case ranges: "0_8" is 0 to 8 years inclusive; "48_plus" is 48 and over. CTDC's NULL
# (unknown) is an absent value, not a band.
AGE_BAND = ("0_8", "9_17", "18_20", "21_23", "24_26", "27_29", "30_38", "39_47", "48_plus")
# HTCDS Guidance 7 (migrant type, international protection, other), then the UK values DATA-MODEL.md adds
# (`leave_granted`, `are_refused`: "appeal rights exhausted"). `uk_national` and `unknown` are INVENTED: a British
# client has no migration status, and an unknown status must be recordable without guessing.
IMMIGRATION_STATUS = (
    "family_migrant", "visitor_tourist_migrant", "labour_migrant", "student_migrant", "irregular_migrant",
    "asylum_seeker", "refugee", "recipient_of_complementary_protection", "stateless_person",
    "environmental_migrant", "vulnerable_migrant", "stranded_migrant", "forced_migrant", "deportee", "ex_combatant",
    "internally_displaced_person", "separated_or_unaccompanied_child", "returnee",
    "leave_granted", "are_refused", "uk_national", "unknown",
)  # fmt: skip
CASE_STATUS = ("referred", "open", "follow_up", "closed", "closed_referred")
WORKFLOW_STAGE = ("new", "assessment", "case_plan", "services", "services_implemented", "closed", "reopened")  # Primero
CLOSURE_REASON = (  # INVENTED
    "support_complete", "moved_away", "lost_contact", "transferred", "client_request", "deceased", "other",
)  # fmt: skip
EXPLOITATION_TYPE = (
    "labour", "sexual", "criminal", "domestic_servitude", "organ_harvesting", "forced_marriage", "other", "unknown",
)  # fmt: skip
# HTCDS `Labour Industry` (ISIC v4 sections A to U, in order) and `TypeOfSexExploitation`, for exploitation sub-types.
EXPLOITATION_SUB_TYPE = (
    "agriculture_forestry_fishing", "mining_quarrying", "manufacturing", "electricity_gas_steam_air_conditioning",
    "water_supply_sewerage_waste", "construction", "wholesale_retail_vehicle_repair", "transportation_storage",
    "accommodation_food_services", "information_communication", "financial_insurance", "real_estate",
    "professional_scientific_technical", "administrative_support_services", "public_administration_defence",
    "education", "human_health_social_work", "arts_entertainment_recreation", "other_service_activities",
    "households_as_employers", "extraterritorial_organisations",
    "prostitution", "pornography", "remote_interactive_services", "private_sexual_services", "other",
)  # fmt: skip
# HTCDS v2.0 `MethodsOfControl`, all 16.
MEANS_OF_CONTROL = (
    "physical_threats", "threats_law_enforcement", "threatens_children_family", "debt_bondage", "false_promises",
    "physical_abuse", "sexual_abuse", "takes_earnings", "restricts_financial_access", "restricts_medical_care",
    "withholds_necessities", "psychological_abuse", "psychoactive_substance", "excessive_working_hours",
    "withholds_documents", "other",
)  # fmt: skip
# HTCDS v2.0 `MethodOfRecruitment`.
RECRUITMENT_METHOD = (
    "place_of_business", "educational_institution", "work", "online_social_networks", "online_tv_newspaper_advert",
    "family", "friends", "other",
)  # fmt: skip
RECRUITER_RELATION = ("intimate_partner", "friend", "family", "other", "unknown")  # CTDC recruiterRelation + unknown
CONSENT_SCOPE = (  # `share_with_org` names its organisation in the consent's `org_id`
    "nrm_referral", "msvcc_support", "data_processing", "share_with_org", "contact_phone", "contact_text",
    "research_nonidentifying",
)  # fmt: skip
CONSENT_METHOD = ("verbal", "written")
# The HTCDS consent checklist: what the client was told before agreeing.
CONSENT_EXPLAINED_ITEM = ("purpose", "uses", "research_use", "right_of_access", "retention_period", "how_to_withdraw")
NRM_ROUTE = ("nrm", "dtn_anonymous", "none")
COMPETENT_AUTHORITY = ("sca", "ieca")
RG_OUTCOME = ("pending", "positive", "negative", "suspended", "withdrawn")
CG_OUTCOME = ("pending", "positive", "negative", "disqualified_public_order", "disqualified_bad_faith")
RECONSIDERATION_OUTCOME = ("pending", "upheld", "overturned")  # INVENTED
MSVCC_PHASE = ("none", "emergency_destitution", "recovery_period", "move_on", "extended_by_rna", "exited")
RNA_OUTCOME = ("pending", "extended", "not_extended")  # INVENTED
LEGAL_PROCEEDING_TYPE = (
    "asylum", "nrm_challenge", "criminal_investigation", "prosecution_witness", "compensation_cica", "civil_claim",
    "immigration_appeal", "other",
)  # fmt: skip
LEGAL_COUNTERPART = ("solicitor", "police", "other")
LEGAL_STATUS = ("pending", "active", "concluded", "withdrawn")  # INVENTED
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
# HTCDS v2.0 `org_Type` (Central/LocalGovernment split in two) plus the MSVCC provider.
ORG_TYPE = (
    "ngo", "law_enforcement", "health_service", "central_government", "local_government", "immigration_service",
    "legal_service", "corporate_business", "school_or_college", "msvcc_provider",
)  # fmt: skip
INTERVENTION_OUTCOME = ("done", "pending", "declined")
# HTCDS referral reasons, then trafficking-specific ones (INVENTED from the programme's work).
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
PRIORITY = ("low", "medium", "high", "urgent")  # INVENTED: needs and follow-ups
# HTCDS support plan `Type`; "Labour/Sexual Exploitation Rehabilitation" is one value.
SUPPORT_PLAN_TYPE = (
    "education", "financial", "health", "exploitation_rehabilitation", "legal", "livelihood",
    "rights_based_training", "social_care",
)  # fmt: skip
GOAL_STATUS = ("not_started", "in_progress", "achieved", "dropped")  # INVENTED
TASK_TYPE = (  # INVENTED; the rule-made ones match DATA-MODEL.md's examples
    "follow_up", "welfare_call_due", "rg_overdue", "rna_due", "consent_review", "risk_review", "other",
)  # fmt: skip
TASK_STATUS = ("open", "done", "cancelled")  # INVENTED
ATTACHMENT_KIND = ("nrm_form", "decision_letter", "mlr", "id_doc", "consent_form", "photo", "other")
RETENTION_CLASS = ("case_record", "return_at_closure", "legal_hold")  # the retention table of DATA-MODEL.md
AUDIT_ACTION = (  # `import` is INVENTED: a bulk import is audited once, not per record
    "view", "create", "update", "delete", "export", "print", "login", "sar_export", "erase", "import",
)  # fmt: skip

# Whole-value labels where spelling the words out would read badly or judge the client.
_LABELS = {
    "sca": "Single Competent Authority",
    "ieca": "Immigration Enforcement Competent Authority",
    "dtn_anonymous": "Duty to Notify (anonymous)",
    "are_refused": "Appeal rights exhausted (refused)",
    "uk_national": "UK national",
    "recipient_of_complementary_protection": "Complementary (humanitarian) protection",
    "unsafe_to_talk": "Not safe to talk",
    "client_cancelled": "Client cancelled",
    "rg_overdue": "Reasonable grounds decision overdue",
    "la_temporary": "Local authority temporary",
    "id_doc": "ID document",
    "mlr": "Medico-legal report",
    "mlr_referral": "Medico-legal report referral",
    "re_trafficking": "Re-trafficking",
    "self_harm_suicide": "Self-harm or suicide",
    "detention_removal": "Detention or removal",
    "health_gp_referral": "GP referral",
    "street_homeless": "Sleeping rough",
    "sofa_surfing": "Sofa surfing",
    "non_specified_unknown": "Not specified or unknown",
    "non_conforming": "Gender non-conforming",
    "msvcc_exit": "End of MSVCC support",
    "decision_driven": "Because of a decision",
    "exploitation_rehabilitation": "Recovery from exploitation",
    "research_nonidentifying": "Research (not identifying)",
    "online_tv_newspaper_advert": "Advert (online, TV or newspaper)",
    "wholesale_retail_vehicle_repair": "Wholesale, retail and vehicle repair",
    "households_as_employers": "Work in a household",
    "remote_interactive_services": "Remote interactive services (webcam)",
    "psychoactive_substance": "Drugs or alcohol",
    "48_plus": "48 and over",
}
# Words written in capitals (or their usual form) wherever they appear inside a value.
_WORDS = {
    "nrm": "NRM", "msvcc": "MSVCC", "gp": "GP", "rna": "RNA", "cica": "CICA", "ngo": "NGO", "uk": "UK", "sar": "SAR",
    "id": "ID", "rg": "RG", "cg": "CG", "dtn": "DtN", "mlr": "MLR",
}  # fmt: skip


def label(value: str) -> str:
    """A value as a person reads it: "no_answer" -> "No answer", "liaison_msvcc_provider" -> "Liaison MSVCC provider".

    Labels are for display only; they are also accepted back as input (validation folds them to the value), so a
    caseworker can type what they read.
    """
    if value in _LABELS:
        return _LABELS[value]
    if value[:1].isdigit():
        return value.replace("_", "-")  # an age band: "18_20" -> "18-20"
    words = [_WORDS.get(word, word) for word in value.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


VOCABULARIES: dict[str, tuple[str, ...]] = {
    name.lower(): values
    for name, values in globals().items()
    if name.isupper() and isinstance(values, tuple) and all(isinstance(value, str) for value in values)
}
"""Every vocabulary by its lower-case name (e.g. "contact_outcome"), for forms, tests and documentation."""


def normalise(written: str, vocabulary: tuple[str, ...]) -> str | None:
    """The vocabulary value a person or another system meant, or None.

    Accepts the value itself in any case, its label ("Not safe to talk"), spaces or hyphens for underscores, and the
    CamelCase of HTCDS exports ("TransgenderFeminine", "ClosedReferred"), so that spreadsheets and other systems import
    without hand-editing. Nothing is guessed beyond that: a near miss is refused with the allowed values.
    """
    if written in vocabulary:  # the common case, from forms and exports: skip the folding
        return written
    return _folded(vocabulary).get(_fold(written))


def _fold(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text.strip()).replace("+", "_plus")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@cache
def _folded(vocabulary: tuple[str, ...]) -> dict[str, str]:
    table = {_fold(label(value)): value for value in vocabulary}
    table.update({_fold(value): value for value in vocabulary})  # a value wins over another value's label
    return table
