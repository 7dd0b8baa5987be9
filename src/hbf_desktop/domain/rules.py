"""Rules that span fields, and the shapes of structured fields.

Only facts, never guesses: a rule here refuses a save.
"""

from __future__ import annotations

from datetime import date

from hbf_desktop.domain import vocabularies
from hbf_desktop.domain.model import EntitySpec, JsonValue, Problem, RecordValues

# (entity, earlier field, later field): the later may not come before the earlier.
_ORDER = (
    ("case", "opened_on", "closed_on"),
    ("nrm_record", "referral_date", "rg_date"),
    ("nrm_record", "rg_date", "cg_date"),
    ("consent", "given_at", "withdrawn_at"),
    ("legal_proceeding", "started_on", "concluded_on"),
)


def cross_field_problems(spec: EntitySpec, values: RecordValues) -> list[Problem]:
    problems: list[Problem] = []
    for entity_name, earlier, later in _ORDER:
        if entity_name != spec.name:
            continue
        first, second = values.get(earlier), values.get(later)
        if isinstance(first, str) and isinstance(second, str) and second[:10] < first[:10]:
            first_label = _label(spec, earlier)
            later_label = _label(spec, later)
            message = f"{later_label} ({second[:10]}) is before {first_label.lower()} ({first[:10]})."
            problems.append(Problem(spec.name, later, message))
    if spec.name == "referral" and values.get("direction") == "outgoing" and not values.get("consent_id"):
        problems.append(
            Problem(spec.name, "consent_id", "Consent: an outgoing referral needs the client's recorded consent.")
        )
    if spec.name == "consent" and values.get("scope") == "share_with_org" and not values.get("org_id"):
        problems.append(Problem(spec.name, "org_id", "Organisation shared with: say which organisation."))
    return problems


def _label(spec: EntitySpec, name: str) -> str:
    field = spec.field(name)
    return field.label if field else name


def check_object(field_name: str, raw: object) -> JsonValue:
    """Structured fields: risk domains ({area: level}) and support-plan goals ([{area, target_date, status}])."""
    if field_name == "domains":
        return _risk_domains(raw)
    if field_name == "goals":
        return _goals(raw)
    raise ValueError("has no known shape.")


def _risk_domains(raw: object) -> JsonValue:
    if not isinstance(raw, dict):
        raise ValueError('must map each risk area to a level, e.g. {"re_trafficking": "high"}.')
    clean: dict[str, JsonValue] = {}
    for area, level in raw.items():
        if area not in vocabularies.RISK_DOMAIN:
            raise ValueError(f"'{area}' is not a risk area ({', '.join(vocabularies.RISK_DOMAIN)}).")
        if level not in vocabularies.RISK_LEVEL:
            raise ValueError(f"the level of {area} must be low, medium or high.")
        clean[area] = level
    return clean


def _goals(raw: object) -> JsonValue:
    if not isinstance(raw, list) or len(raw) > 50:
        raise ValueError("must be a list of at most 50 goals.")
    clean: list[JsonValue] = []
    for goal in raw:
        if not isinstance(goal, dict) or set(goal) - {"area", "target_date", "status"}:
            raise ValueError("each goal has an area, a target_date and a status.")
        if goal.get("area") not in vocabularies.NEED_AREA:
            raise ValueError(f"a goal's area must be one of: {', '.join(vocabularies.NEED_AREA)}.")
        if goal.get("status", "not_started") not in vocabularies.GOAL_STATUS:
            raise ValueError(f"a goal's status must be one of: {', '.join(vocabularies.GOAL_STATUS)}.")
        target = goal.get("target_date")
        if target is not None:
            try:
                date.fromisoformat(str(target))
            except ValueError:
                raise ValueError("a goal's target_date must be YYYY-MM-DD.") from None
        clean.append(dict(goal))
    return clean
