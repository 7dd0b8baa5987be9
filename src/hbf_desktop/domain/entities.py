"""Every entity of DATA-MODEL.md, as specs: field names are exactly the JSON Lines interchange names.

Sensitivity tags follow DATA-MODEL.md: I identifiers (only in `client_identity`, the vault, or tagged where they
appear), Q quasi-identifiers, S special-category data, N narrative (treated as I+S: never exported without identity).
A field the design names `version` or `type` is renamed (`plan_version`, `<entity>_type`) so that it never clashes
with the store's own metadata or the entity name.
"""

from __future__ import annotations

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.domain.model import DomainError, EntitySpec, FieldKind, FieldSpec, Sensitivity

K = FieldKind
_TAGS = {"I": Sensitivity.IDENTIFIER, "Q": Sensitivity.QUASI_IDENTIFIER, "S": Sensitivity.SPECIAL_CATEGORY}
_TAGS["N"] = Sensitivity.NARRATIVE


class UnknownEntityError(DomainError):
    pass


def f(
    name: str,
    kind: FieldKind,
    label: str,
    tags: str = "",
    *,
    required: bool = False,
    vocabulary: tuple[str, ...] = (),
    references: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    max_length: int | None = None,
    help: str = "",
) -> FieldSpec:
    if max_length is None and kind is K.TEXT:
        max_length = 200
    if max_length is None and kind is K.LONG_TEXT:
        max_length = 20_000
    return FieldSpec(
        name, kind, label, required, vocabulary, frozenset(_TAGS[tag] for tag in tags), references,
        minimum, maximum, max_length, help,
    )  # fmt: skip


def _ref(name: str, entity: str, label: str, *, required: bool = False, tags: str = "") -> FieldSpec:
    return f(name, K.REFERENCE, label, tags, required=required, references=entity)


def _note(name: str = "note", label: str = "Note", tags: str = "N") -> FieldSpec:
    return f(name, K.LONG_TEXT, label, tags)


SYNTHETIC = f("synthetic", K.BOOL, "Synthetic (generated test data)")
CLIENT_ID = _ref("client_id", "client", "Client", required=True)
CASE_ID = _ref("case_id", "case", "Case", required=True)


def _entity(name: str, label: str, *fields: FieldSpec, parent: str | None, **options: object) -> EntitySpec:
    return EntitySpec(name, label, (*fields, SYNTHETIC), parent, **options)  # type: ignore[arg-type]


_ALL = (
    _entity(
        "organisation",
        "Organisation",
        f("name", K.TEXT, "Name", required=True),
        f("org_type", K.ENUM, "Kind of organisation", required=True, vocabulary=v.ORG_TYPE),
        f("is_first_responder", K.BOOL, "First responder"),
        f("is_msvcc_subcontractor", K.BOOL, "MSVCC subcontractor"),
        f("local_area", K.TEXT, "Local authority area"),
        parent=None,
    ),
    _entity(
        "client",
        "Client",
        f("pseudonym_code", K.TEXT, "Pseudonym code", required=True, max_length=16),
        f("gender", K.ENUM, "Gender", "Q", vocabulary=v.GENDER),
        f("birth_year", K.INT, "Year of birth", "Q", minimum=1900, maximum=2100),
        f("birth_month", K.INT, "Month of birth", "Q", minimum=1, maximum=12),
        f("age_band", K.ENUM, "Age band", "Q", vocabulary=v.AGE_BAND),
        f("citizenship", K.COUNTRY_LIST, "Citizenship", "Q"),
        f("languages", K.LANGUAGE_LIST, "Languages"),
        f("interpreter_needed", K.BOOL, "Interpreter needed"),
        f("immigration_status", K.ENUM, "Immigration status", "SQ", vocabulary=v.IMMIGRATION_STATUS),
        f("has_dependants", K.BOOL, "Has dependants", "Q"),
        f("children_count", K.INT, "Number of children", "Q", minimum=0, maximum=30),
        f("has_disability", K.BOOL, "Disability", "S"),
        f("health_needs", K.BOOL, "Health needs", "S"),
        f("local_area", K.TEXT, "Local authority area", "Q"),
        f("assigned_worker", K.TEXT, "Assigned worker"),
        parent=None,
        searchable=("pseudonym_code",),
    ),
    _entity(
        "client_identity",
        "Client identity",
        CLIENT_ID,
        f("legal_name", K.TEXT, "Legal name", "I"),
        f("known_as", K.TEXT, "Known as", "I"),
        f("aliases", K.TEXT_LIST, "Other names", "I"),
        f("dob", K.DATE, "Date of birth", "I"),
        f("phones", K.PHONE_LIST, "Phone numbers", "I"),
        f("emails", K.EMAIL_LIST, "Email addresses", "I"),
        f("address", K.TEXT, "Address", "I", max_length=500),
        f("home_office_ref", K.TEXT, "Home Office reference", "I"),
        f("nrm_ref", K.TEXT, "NRM reference", "I"),
        f("nhs_number", K.TEXT, "NHS number", "I"),
        parent="client_id",
        identity=True,
        searchable=("legal_name", "known_as", "aliases"),
    ),
    _entity(
        "case",
        "Case",
        CLIENT_ID,
        f("programme", K.TEXT, "Programme"),
        f("status", K.ENUM, "Case status", required=True, vocabulary=v.CASE_STATUS),
        f("opened_on", K.DATE, "Opened on", required=True),
        f("closed_on", K.DATE, "Closed on"),
        f("closure_reason", K.ENUM, "Closure reason", vocabulary=v.CLOSURE_REASON),
        _note("closure_note", "Closure note"),
        f("case_owner", K.TEXT, "Case owner"),
        f("workflow_stage", K.ENUM, "Stage", vocabulary=v.WORKFLOW_STAGE),
        f("legal_hold", K.BOOL, "Legal hold (blocks deletion)"),
        parent="client_id",
    ),
    _entity(
        "exploitation_history",
        "Exploitation history",
        CLIENT_ID,
        f(
            "exploitation_history_type",
            K.ENUM,
            "Kind of exploitation",
            "S",
            required=True,
            vocabulary=v.EXPLOITATION_TYPE,
        ),
        f("sub_type", K.TEXT, "Industry or sub-type", "S"),
        f("means_of_control", K.ENUM_LIST, "Means of control", "S", vocabulary=v.MEANS_OF_CONTROL),
        f("recruitment_method", K.ENUM_LIST, "Recruitment", vocabulary=v.RECRUITMENT_METHOD),
        f("recruiter_relation", K.ENUM, "Relation to recruiter", vocabulary=v.RECRUITER_RELATION),
        f("country", K.COUNTRY, "Country", "Q"),
        f("in_uk", K.BOOL, "In the UK"),
        f("start_month", K.YEAR_MONTH, "Started", "Q"),
        f("end_month", K.YEAR_MONTH, "Ended", "Q"),
        f("age_at_exploitation_band", K.ENUM, "Age band at the time", "Q", vocabulary=v.AGE_BAND),
        _note("narrative", "Account"),
        parent="client_id",
    ),  # fmt: skip
    _entity(
        "consent",
        "Consent",
        CLIENT_ID,
        f("scope", K.ENUM, "Consent to", required=True, vocabulary=v.CONSENT_SCOPE),
        _ref("org_id", "organisation", "Organisation shared with"),
        f("given", K.BOOL, "Given", required=True),
        f("method", K.ENUM, "How given", vocabulary=v.CONSENT_METHOD),
        f("interpreter_language", K.LANGUAGE, "Interpreter language"),
        f("explained_items", K.ENUM_LIST, "Explained", vocabulary=v.CONSENT_EXPLAINED_ITEM),
        f("recorded_by", K.TEXT, "Recorded by"),
        f("given_at", K.DATETIME, "Given at"),
        f("withdrawn_at", K.DATETIME, "Withdrawn at"),
        f("review_due", K.DATE, "Review due"),
        parent="client_id",
    ),
    _entity(
        "nrm_record",
        "NRM record",
        CLIENT_ID,
        f("route", K.ENUM, "Route", required=True, vocabulary=v.NRM_ROUTE),
        _ref("first_responder_org_id", "organisation", "First responder organisation"),
        f("competent_authority", K.ENUM, "Competent authority", vocabulary=v.COMPETENT_AUTHORITY),
        f("referral_date", K.DATE, "Referral date"),
        f("rg_date", K.DATE, "Reasonable grounds decision date"),
        f("rg_outcome", K.ENUM, "Reasonable grounds outcome", vocabulary=v.RG_OUTCOME),
        f("cg_date", K.DATE, "Conclusive grounds decision date"),
        f("cg_outcome", K.ENUM, "Conclusive grounds outcome", vocabulary=v.CG_OUTCOME),
        f("reconsideration_requested_on", K.DATE, "Reconsideration requested on"),
        f("reconsideration_outcome", K.ENUM, "Reconsideration outcome", vocabulary=v.RECONSIDERATION_OUTCOME),
        f("msvcc_phase", K.ENUM, "MSVCC support phase", vocabulary=v.MSVCC_PHASE),
        f("rna_submitted_on", K.DATE, "RNA submitted on"),
        f("rna_outcome", K.ENUM, "RNA outcome", vocabulary=v.RNA_OUTCOME),
        f("extension_end", K.DATE, "Extension ends"),
        f("reference_numbers", K.TEXT_LIST, "Reference numbers", "I"),
        parent="client_id",
    ),
    _entity(
        "legal_proceeding",
        "Legal proceeding",
        CLIENT_ID,
        f("legal_proceeding_type", K.ENUM, "Kind of proceeding", required=True, vocabulary=v.LEGAL_PROCEEDING_TYPE),
        f("counterpart", K.ENUM, "Working with", vocabulary=v.LEGAL_COUNTERPART),
        _ref("counterpart_org_id", "organisation", "Organisation"),
        f("status", K.ENUM, "Status", vocabulary=v.LEGAL_STATUS),
        f("started_on", K.DATE, "Started on"),
        f("next_date", K.DATE, "Next key date"),
        f("concluded_on", K.DATE, "Concluded on"),
        f("mlr_requested_on", K.DATE, "Medico-legal report requested on", "S"),
        f("mlr_provider", K.TEXT, "Medico-legal report provider", "S"),
        f("mlr_completed_on", K.DATE, "Medico-legal report completed on", "S"),
        parent="client_id",
    ),
    _entity(
        "contact",
        "Contact",
        CASE_ID,
        f("contact_type", K.ENUM, "Kind of contact", required=True, vocabulary=v.CONTACT_TYPE),
        f("direction", K.ENUM, "Direction", vocabulary=v.DIRECTION),
        f("scheduled_at", K.DATETIME, "Scheduled for"),
        f("occurred_at", K.DATETIME, "When", required=True),
        f("duration_min", K.INT, "Minutes", minimum=0, maximum=1440),
        f("outcome", K.ENUM, "Outcome", required=True, vocabulary=v.CONTACT_OUTCOME),
        f("safe_to_talk", K.BOOL, "Safe to talk"),
        f("interpreter_used", K.BOOL, "Interpreter used"),
        f("wellbeing_score", K.INT, "Wellbeing (0-10)", "S", minimum=0, maximum=10),
        _note(),
        parent="case_id",
        searchable=("note",),
    ),
    _entity(
        "intervention",
        "Intervention",
        CASE_ID,
        f("date", K.DATE, "Date", required=True),
        f("intervention_type", K.ENUM, "Kind of intervention", required=True, vocabulary=v.INTERVENTION_TYPE),
        f("counterpart_org_type", K.ENUM, "Kind of organisation", vocabulary=v.ORG_TYPE),
        _ref("counterpart_org_id", "organisation", "Organisation"),
        f("outcome", K.ENUM, "Outcome", vocabulary=v.INTERVENTION_OUTCOME),
        f("time_spent_min", K.INT, "Minutes spent", minimum=0, maximum=1440),
        _note(),
        parent="case_id",
        searchable=("note",),
    ),
    _entity(
        "referral",
        "Referral",
        CASE_ID,
        f("direction", K.ENUM, "Direction", required=True, vocabulary=v.DIRECTION),
        _ref("org_id", "organisation", "Organisation"),
        f("date", K.DATE, "Date", required=True),
        f("reason", K.ENUM, "Reason", vocabulary=v.REFERRAL_REASON),
        _ref("consent_id", "consent", "Consent"),
        f("status", K.ENUM, "Status", required=True, vocabulary=v.REFERRAL_STATUS),
        f("responded_on", K.DATE, "Responded on"),
        parent="case_id",
    ),
    _entity(
        "accommodation",
        "Accommodation move",
        CASE_ID,
        f("from_type", K.ENUM, "Moved from", vocabulary=v.ACCOMMODATION_TYPE),
        f("to_type", K.ENUM, "Moved to", vocabulary=v.ACCOMMODATION_TYPE),
        f("move_date", K.DATE, "Move date", required=True),
        f("reason", K.ENUM, "Reason", vocabulary=v.MOVE_REASON),
        f("planned", K.BOOL, "Planned"),
        f("from_area", K.TEXT, "From (local authority)", "Q"),
        f("to_area", K.TEXT, "To (local authority)", "Q"),
        parent="case_id",
    ),
    _entity(
        "risk_assessment",
        "Risk assessment",
        CASE_ID,
        f("assessed_on", K.DATE, "Assessed on", required=True),
        f("domains", K.OBJECT, "Risk by area", "S", help="each risk area with a level: low, medium or high"),
        f("overall_level", K.ENUM, "Overall risk", "S", required=True, vocabulary=v.RISK_LEVEL),
        f("review_due", K.DATE, "Review due"),
        _note("rationale", "Reasons", "NS"),
        parent="case_id",
    ),
    _entity(
        "needs_assessment",
        "Needs assessment",
        CASE_ID,
        f("assessed_on", K.DATE, "Assessed on", required=True),
        f("need_areas", K.ENUM_LIST, "Needs", "S", required=True, vocabulary=v.NEED_AREA),
        f("priority", K.ENUM, "Priority", vocabulary=v.PRIORITY),
        f("met", K.BOOL, "Met"),
        _ref("support_plan_id", "support_plan", "Support plan"),
        _note(),
        parent="case_id",
    ),
    _entity(
        "safety_plan",
        "Safety plan",
        CASE_ID,
        f("plan_version", K.INT, "Plan version", minimum=1, maximum=10_000),
        f("effective_from", K.DATE, "In force from", required=True),
        _note("safe_contacts", "Safe contacts", "IN"),
        _note("codewords", "Code words", "IN"),
        _note("warning_signs", "Warning signs"),
        _note("actions", "Actions"),
        parent="case_id",
    ),
    _entity(
        "support_plan",
        "Support plan",
        CASE_ID,
        f("support_plan_type", K.ENUM, "Kind of support", vocabulary=v.SUPPORT_PLAN_TYPE),
        _note("objectives", "Objectives"),
        f("goals", K.OBJECT, "Goals", help="a list of goals, each with area, target_date and status"),
        f("planned_end", K.DATE, "Planned end"),
        f("actual_end", K.DATE, "Actual end"),
        parent="case_id",
    ),
    _entity(
        "task",
        "Follow-up",
        CASE_ID,
        f("task_type", K.ENUM, "Kind of follow-up", required=True, vocabulary=v.TASK_TYPE),
        f("due_on", K.DATE, "Due on", required=True),
        f("assignee", K.TEXT, "Assigned to"),
        f("priority", K.ENUM, "Priority", vocabulary=v.PRIORITY),
        f("status", K.ENUM, "Status", required=True, vocabulary=v.TASK_STATUS),
        f("rule", K.TEXT, "Created by rule"),
        _note(),
        parent="case_id",
    ),
    _entity(
        "attachment",
        "Attachment",
        CASE_ID,
        f("attachment_kind", K.ENUM, "Kind of document", required=True, vocabulary=v.ATTACHMENT_KIND),
        f("file_name", K.TEXT, "File name", "I", required=True, max_length=255),
        f("media_type", K.TEXT, "File type", max_length=100),
        f("size", K.INT, "Size in bytes", minimum=0),
        f("sha256", K.TEXT, "Checksum", max_length=64),
        f("retention_class", K.ENUM, "Retention", vocabulary=v.RETENTION_CLASS),
        parent="case_id",
    ),
)

ENTITIES: dict[str, EntitySpec] = {spec.name: spec for spec in _ALL}


def entity(name: str) -> EntitySpec:
    try:
        return ENTITIES[name]
    except KeyError:
        known = ", ".join(sorted(ENTITIES))
        raise UnknownEntityError(f"'{name}' is not a kind of record; the kinds are: {known}") from None
