"""Every entity of DATA-MODEL.md recorded per client, as specs; field names are exactly the interchange names.

Sensitivity tags follow DATA-MODEL.md: I identifiers (in `client_identity`, the vault, or tagged where they appear),
Q quasi-identifiers, S special-category data, N narrative (treated as I+S: never exported without identity).
Names the tables leave open are settled here, and other code depends on them:
- an entity's own `type` travels as `<entity>_type`, the attachment's `kind` as `attachment_kind`;
- the safety plan's `version` is `plan_version` (the store owns `version`);
- a reference to a record is `<what>_id` (`org_id`, `first_responder_org_id`, `counterpart_org_id`);
- "start and end (year and month)" are `start_month` and `end_month` (YYYY-MM); the medico-legal report's three
  parts are `mlr_requested_on`, `mlr_provider`, `mlr_completed_on`; the NRM record's reference numbers are one
  identifier list, `reference_numbers`.
The store's own metadata (created_at, updated_at, created_by, version, deleted_at, sync_state) is not described here.
"""

from __future__ import annotations

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.domain.model import DomainError, EntitySpec, FieldKind, FieldSpec, Sensitivity

_K = FieldKind
_TAGS = {
    "I": Sensitivity.IDENTIFIER,
    "Q": Sensitivity.QUASI_IDENTIFIER,
    "S": Sensitivity.SPECIAL_CATEGORY,
    "N": Sensitivity.NARRATIVE,
}
_TEXT_LENGTH = 200  # one line: a name, a reference
_NARRATIVE_LENGTH = 20_000  # a long note; longer belongs in an attachment


class UnknownEntityError(DomainError):
    """A record kind that is not in DATA-MODEL.md: a typo in an import file's "type", or a programming error."""


def _f(
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
    """A field; `tags` is DATA-MODEL.md's sensitivity letters, e.g. "SQ"."""
    if max_length is None and kind in (_K.TEXT, _K.TEXT_LIST):
        max_length = _TEXT_LENGTH
    if max_length is None and kind is _K.LONG_TEXT:
        max_length = _NARRATIVE_LENGTH
    return FieldSpec(
        name, kind, label, required, vocabulary, frozenset(_TAGS[tag] for tag in tags), references,
        minimum, maximum, max_length, help,
    )  # fmt: skip


def _ref(name: str, entity: str, label: str, *, required: bool = False, tags: str = "") -> FieldSpec:
    return _f(name, _K.REFERENCE, label, tags, required=required, references=entity)


def _note(name: str = "note", label: str = "Note", tags: str = "N") -> FieldSpec:
    """Free text is narrative (N) always: DATA-MODEL.md treats it as identifying and special-category."""
    return _f(name, _K.LONG_TEXT, label, tags)


_SYNTHETIC = _f("synthetic", _K.BOOL, "Made-up test record")  # set by the synthetic generator only
_CLIENT_ID = _ref("client_id", "client", "Client", required=True)
_CASE_ID = _ref("case_id", "case", "Case", required=True)


def _entity(
    name: str,
    label: str,
    *fields: FieldSpec,
    parent: str | None,
    searchable: tuple[str, ...] = (),
    identity: bool = False,
) -> EntitySpec:
    return EntitySpec(name, label, (*fields, _SYNTHETIC), parent, searchable, identity)


_ALL = (
    _entity(
        "organisation",
        "Organisation",
        _f("name", _K.TEXT, "Name", required=True),
        _f("org_type", _K.ENUM, "Kind of organisation", required=True, vocabulary=v.ORG_TYPE),
        _f("is_first_responder", _K.BOOL, "First responder"),
        _f("is_msvcc_subcontractor", _K.BOOL, "MSVCC subcontractor"),
        _f("local_area", _K.TEXT, "Local authority area"),
        _f("country", _K.COUNTRY, "Country"),
        _f("phones", _K.PHONE_LIST, "Phone numbers"),
        parent=None,
    ),
    _entity(
        "client",
        "Client",
        _f("pseudonym_code", _K.TEXT, "Pseudonym code", required=True, max_length=16),
        _f("gender", _K.ENUM, "Gender", "Q", vocabulary=v.GENDER),
        _f("birth_year", _K.INT, "Year of birth", "Q", minimum=1900, maximum=2100),
        _f("birth_month", _K.INT, "Month of birth", "Q", minimum=1, maximum=12),
        _f("age_band", _K.ENUM, "Age band", "Q", vocabulary=v.AGE_BAND),
        _f("citizenship", _K.COUNTRY_LIST, "Citizenship", "Q"),
        _f("languages", _K.LANGUAGE_LIST, "Languages"),
        _f("interpreter_needed", _K.BOOL, "Interpreter needed"),
        _f("immigration_status", _K.ENUM, "Immigration status", "SQ", vocabulary=v.IMMIGRATION_STATUS),
        _f("has_dependants", _K.BOOL, "Has dependants", "Q"),
        _f("children_count", _K.INT, "Number of children", "Q", minimum=0, maximum=30),
        _f("has_disability", _K.BOOL, "Disability", "S"),
        _f("health_needs", _K.BOOL, "Health needs", "S"),
        _f("local_area", _K.TEXT, "Local authority area", "Q"),
        _f("assigned_worker", _K.TEXT, "Assigned worker"),
        parent=None,
        searchable=("pseudonym_code",),
    ),
    _entity(
        "client_identity",
        "Client identity",
        _CLIENT_ID,
        _f("legal_name", _K.TEXT, "Legal name", "I"),
        _f("known_as", _K.TEXT, "Known as", "I"),
        _f("aliases", _K.TEXT_LIST, "Other names", "I"),
        _f("dob", _K.DATE, "Date of birth", "I"),
        _f("phones", _K.PHONE_LIST, "Phone numbers", "I"),
        _f("emails", _K.EMAIL_LIST, "Email addresses", "I"),
        _f("address", _K.TEXT, "Address", "I", max_length=500),
        _f("home_office_ref", _K.TEXT, "Home Office reference", "I"),
        _f("nrm_ref", _K.TEXT, "NRM reference", "I"),
        _f("nhs_number", _K.TEXT, "NHS number", "I"),
        _ref("photo_attachment_id", "attachment", "Photo", tags="I"),
        parent="client_id",
        identity=True,
        searchable=("legal_name", "known_as", "aliases"),
    ),
    _entity(
        "case",
        "Case",
        _CLIENT_ID,
        _f("programme", _K.TEXT, "Programme"),
        _f("status", _K.ENUM, "Case status", required=True, vocabulary=v.CASE_STATUS),
        _f("opened_on", _K.DATE, "Opened on", required=True),
        _f("closed_on", _K.DATE, "Closed on"),
        _f("closure_reason", _K.ENUM, "Closure reason", vocabulary=v.CLOSURE_REASON),
        _note("closure_note", "Closure note"),
        _f("case_owner", _K.TEXT, "Case owner"),
        _f("workflow_stage", _K.ENUM, "Stage", vocabulary=v.WORKFLOW_STAGE),
        _f("legal_hold", _K.BOOL, "Legal hold (blocks deletion)"),
        parent="client_id",
    ),
    _entity(
        "exploitation_history",
        "Exploitation history",
        _CLIENT_ID,
        _f(
            "exploitation_history_type",
            _K.ENUM,
            "Kind of exploitation",
            "S",
            required=True,
            vocabulary=v.EXPLOITATION_TYPE,
        ),
        _f("sub_type", _K.ENUM, "Industry or form", "S", vocabulary=v.EXPLOITATION_SUB_TYPE),
        _f("means_of_control", _K.ENUM_LIST, "Means of control", "S", vocabulary=v.MEANS_OF_CONTROL),
        _f("recruitment_method", _K.ENUM_LIST, "How recruited", vocabulary=v.RECRUITMENT_METHOD),
        _f("recruiter_relation", _K.ENUM, "Relation to recruiter", vocabulary=v.RECRUITER_RELATION),
        _f("country", _K.COUNTRY, "Country", "Q"),
        _f("in_uk", _K.BOOL, "In the UK"),
        _f("start_month", _K.YEAR_MONTH, "Started", "Q"),
        _f("end_month", _K.YEAR_MONTH, "Ended", "Q"),
        _f("age_at_exploitation_band", _K.ENUM, "Age band at the time", "Q", vocabulary=v.AGE_BAND),
        _note("narrative", "Account"),
        parent="client_id",
    ),  # fmt: skip
    _entity(
        "consent",
        "Consent",
        _CLIENT_ID,
        _f("scope", _K.ENUM, "Consent to", required=True, vocabulary=v.CONSENT_SCOPE),
        _ref("org_id", "organisation", "Organisation shared with"),
        _f("given", _K.BOOL, "Consent given", required=True),
        _f("method", _K.ENUM, "How given", vocabulary=v.CONSENT_METHOD),
        _f("interpreter_language", _K.LANGUAGE, "Interpreter language"),
        _f("explained_items", _K.ENUM_LIST, "Explained to the client", vocabulary=v.CONSENT_EXPLAINED_ITEM),
        _f("recorded_by", _K.TEXT, "Recorded by"),
        _f("given_at", _K.DATETIME, "Date given"),
        _f("withdrawn_at", _K.DATETIME, "Date withdrawn"),
        _f("review_due", _K.DATE, "Review due"),
        parent="client_id",
    ),
    _entity(
        "nrm_record",
        "NRM record",
        _CLIENT_ID,
        _f("route", _K.ENUM, "Route", required=True, vocabulary=v.NRM_ROUTE),
        _ref("first_responder_org_id", "organisation", "First responder organisation"),
        _f("competent_authority", _K.ENUM, "Competent authority", vocabulary=v.COMPETENT_AUTHORITY),
        _f("referral_date", _K.DATE, "Referral date"),
        _f("rg_date", _K.DATE, "Reasonable grounds decision date"),
        _f("rg_outcome", _K.ENUM, "Reasonable grounds outcome", vocabulary=v.RG_OUTCOME),
        _f("cg_date", _K.DATE, "Conclusive grounds decision date"),
        _f("cg_outcome", _K.ENUM, "Conclusive grounds outcome", vocabulary=v.CG_OUTCOME),
        _f("reconsideration_requested_on", _K.DATE, "Reconsideration requested on"),
        _f("reconsideration_outcome", _K.ENUM, "Reconsideration outcome", vocabulary=v.RECONSIDERATION_OUTCOME),
        _f("msvcc_phase", _K.ENUM, "MSVCC support phase", vocabulary=v.MSVCC_PHASE),
        _f("rna_submitted_on", _K.DATE, "RNA submitted on"),
        _f("rna_outcome", _K.ENUM, "RNA outcome", vocabulary=v.RNA_OUTCOME),
        _f("extension_end", _K.DATE, "Extension ends"),
        _f("reference_numbers", _K.TEXT_LIST, "Reference numbers", "I"),
        parent="client_id",
    ),
    _entity(
        "legal_proceeding",
        "Legal proceeding",
        _CLIENT_ID,
        _f("legal_proceeding_type", _K.ENUM, "Kind of proceeding", required=True, vocabulary=v.LEGAL_PROCEEDING_TYPE),
        _f("counterpart", _K.ENUM, "Working with", vocabulary=v.LEGAL_COUNTERPART),
        _ref("counterpart_org_id", "organisation", "Organisation"),
        _f("status", _K.ENUM, "Status", vocabulary=v.LEGAL_STATUS),
        _f("started_on", _K.DATE, "Started on"),
        _f("next_date", _K.DATE, "Next key date"),
        _f("concluded_on", _K.DATE, "Concluded on"),
        _f("mlr_requested_on", _K.DATE, "Medico-legal report requested on", "S"),
        _f("mlr_provider", _K.TEXT, "Medico-legal report provider", "S"),
        _f("mlr_completed_on", _K.DATE, "Medico-legal report completed on", "S"),
        parent="client_id",
    ),
    _entity(
        "contact",
        "Contact",
        _CASE_ID,
        _f("contact_type", _K.ENUM, "Kind of contact", required=True, vocabulary=v.CONTACT_TYPE),
        _f("direction", _K.ENUM, "Direction", vocabulary=v.DIRECTION),
        _f("scheduled_at", _K.DATETIME, "Scheduled for"),
        _f("occurred_at", _K.DATETIME, "When", required=True),
        _f("duration_min", _K.INT, "Minutes", minimum=0, maximum=1440),
        _f("outcome", _K.ENUM, "Outcome", required=True, vocabulary=v.CONTACT_OUTCOME),
        _f("safe_to_talk", _K.BOOL, "Safe to talk"),
        _f("interpreter_used", _K.BOOL, "Interpreter used"),
        _f("wellbeing_score", _K.INT, "Wellbeing (0-10)", "S", minimum=0, maximum=10),
        _note(),
        parent="case_id",
        searchable=("note",),
    ),
    _entity(
        "intervention",
        "Intervention",
        _CASE_ID,
        _f("date", _K.DATE, "Date", required=True),
        _f("intervention_type", _K.ENUM, "Kind of intervention", required=True, vocabulary=v.INTERVENTION_TYPE),
        _f("counterpart_org_type", _K.ENUM, "Kind of organisation", vocabulary=v.ORG_TYPE),
        _ref("counterpart_org_id", "organisation", "Organisation"),
        _f("outcome", _K.ENUM, "Outcome", vocabulary=v.INTERVENTION_OUTCOME),
        _f("time_spent_min", _K.INT, "Minutes spent", minimum=0, maximum=1440),
        _note(),
        parent="case_id",
        searchable=("note",),
    ),
    _entity(
        "referral",
        "Referral",
        _CASE_ID,
        _f("direction", _K.ENUM, "Direction", required=True, vocabulary=v.DIRECTION),
        _ref("org_id", "organisation", "Organisation"),
        _f("date", _K.DATE, "Date", required=True),
        _f("reason", _K.ENUM, "Reason", vocabulary=v.REFERRAL_REASON),
        _ref("consent_id", "consent", "Consent"),
        _f("status", _K.ENUM, "Status", required=True, vocabulary=v.REFERRAL_STATUS),
        _f("responded_on", _K.DATE, "Responded on"),
        parent="case_id",
    ),
    _entity(
        "accommodation",
        "Accommodation move",
        _CASE_ID,
        _f("from_type", _K.ENUM, "Moved from", vocabulary=v.ACCOMMODATION_TYPE),
        _f("to_type", _K.ENUM, "Moved to", vocabulary=v.ACCOMMODATION_TYPE),
        _f("move_date", _K.DATE, "Move date", required=True),
        _f("reason", _K.ENUM, "Reason", vocabulary=v.MOVE_REASON),
        _f("planned", _K.BOOL, "Planned"),
        _f("from_area", _K.TEXT, "From (local authority)", "Q"),
        _f("to_area", _K.TEXT, "To (local authority)", "Q"),
        parent="case_id",
    ),
    _entity(
        "risk_assessment",
        "Risk assessment",
        _CASE_ID,
        _f("assessed_on", _K.DATE, "Assessed on", required=True),
        _f("domains", _K.OBJECT, "Risk by area", "S", help="each risk area with a level: low, medium or high"),
        _f("overall_level", _K.ENUM, "Overall risk", "S", required=True, vocabulary=v.RISK_LEVEL),
        _f("review_due", _K.DATE, "Review due"),
        _note("rationale", "Reasons", "NS"),
        parent="case_id",
    ),
    _entity(
        "needs_assessment",
        "Needs assessment",
        _CASE_ID,
        _f("assessed_on", _K.DATE, "Assessed on", required=True),
        _f("need_areas", _K.ENUM_LIST, "Needs", "S", required=True, vocabulary=v.NEED_AREA),
        _f("priority", _K.ENUM, "Priority", vocabulary=v.PRIORITY),
        _f("met", _K.BOOL, "Met"),
        _ref("support_plan_id", "support_plan", "Support plan"),
        _note(),
        parent="case_id",
    ),
    _entity(
        "safety_plan",
        "Safety plan",
        _CASE_ID,
        _f("plan_version", _K.INT, "Plan version", minimum=1, maximum=10_000),
        _f("effective_from", _K.DATE, "In force from", required=True),
        _note("safe_contacts", "Safe contacts", "IN"),
        _note("codewords", "Code words", "IN"),
        _note("warning_signs", "Warning signs"),
        _note("actions", "Actions"),
        parent="case_id",
    ),
    _entity(
        "support_plan",
        "Support plan",
        _CASE_ID,
        _f("support_plan_type", _K.ENUM, "Kind of support", vocabulary=v.SUPPORT_PLAN_TYPE),
        _note("objectives", "Objectives"),
        _note("action_plan", "Action plan"),
        _f("goals", _K.OBJECT, "Goals", help="a list of goals, each with area, target_date and status"),
        _f("planned_end", _K.DATE, "Planned end"),
        _f("actual_end", _K.DATE, "Actual end"),
        parent="case_id",
    ),
    _entity(
        "task",
        "Follow-up",
        _CASE_ID,
        _f("task_type", _K.ENUM, "Kind of follow-up", required=True, vocabulary=v.TASK_TYPE),
        _f("due_at", _K.DATETIME, "Due", required=True),
        _f("assignee", _K.TEXT, "Assigned to"),
        _f("priority", _K.ENUM, "Priority", vocabulary=v.PRIORITY),
        _f("status", _K.ENUM, "Status", required=True, vocabulary=v.TASK_STATUS),
        _f("rule", _K.TEXT, "Created by rule"),
        _note(),
        parent="case_id",
    ),
    _entity(
        "attachment",
        "Attachment",
        _CASE_ID,
        _f("attachment_kind", _K.ENUM, "Kind of document", required=True, vocabulary=v.ATTACHMENT_KIND),
        _f("file_name", _K.TEXT, "File name", "I", required=True, max_length=255),
        _f("media_type", _K.TEXT, "File type", max_length=100),
        _f("size", _K.INT, "Size in bytes", minimum=0),
        _f("sha256", _K.TEXT, "Checksum", max_length=64),
        _f("retention_class", _K.ENUM, "Retention", vocabulary=v.RETENTION_CLASS),
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
