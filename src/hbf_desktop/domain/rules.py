"""Rules that span fields, and the shapes of structured fields.

Only facts, never guesses: a rule here refuses a save, so it must be true of every real case (a decision cannot come
before the referral it decides), not merely usual (a decision within 45 days).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime

from hbf_desktop.domain import vocabularies
from hbf_desktop.domain.model import EntitySpec, JsonValue, Problem

# (entity, earlier field, later field): the later may not come before the earlier.
_ORDER = (
    ("case", "opened_on", "closed_on"),
    ("nrm_record", "referral_date", "rg_date"),
    ("nrm_record", "rg_date", "cg_date"),
    ("consent", "given_at", "withdrawn_at"),
    ("legal_proceeding", "started_on", "concluded_on"),
    ("legal_proceeding", "mlr_requested_on", "mlr_completed_on"),
    ("referral", "date", "responded_on"),
    ("exploitation_history", "start_month", "end_month"),
)
_MAX_GOALS = 50
_GOAL_KEYS = ("area", "target_date", "status")


def cross_field_problems(spec: EntitySpec, values: Mapping[str, JsonValue], *, partial: bool = False) -> list[Problem]:
    """Problems between fields of clean values.

    With `partial` (an edit that gives only some fields) only the order of two given dates is checked: a rule that
    needs a field to be present cannot be judged without the rest of the record.
    """
    problems = [_order_problem(spec, values, earlier, later) for name, earlier, later in _ORDER if name == spec.name]
    found = [problem for problem in problems if problem is not None]
    if not partial:
        found.extend(_presence_problems(spec, values))
    return found


def _order_problem(spec: EntitySpec, values: Mapping[str, JsonValue], earlier: str, later: str) -> Problem | None:
    first, second = values.get(earlier), values.get(later)
    if not isinstance(first, str) or not isinstance(second, str) or _moment(second) >= _moment(first):
        return None
    first_label, second_label = _label(spec, earlier), _label(spec, later)
    message = (
        f"{second_label}: {second} is before {first_label.lower()} ({first}); "
        f"it must be the same as or after {first_label.lower()}."
    )
    return Problem(spec.name, later, message)


def _moment(text: str) -> datetime:
    """Dates, months and offset date-times on one time line: compared as text, a consent given at 23:45 in London
    (UTC) and "withdrawn" at 00:30 the next day in Tirana (UTC+1, so 23:30 UTC) would wrongly pass."""
    if len(text) == 7:  # YYYY-MM
        text += "-01"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _presence_problems(spec: EntitySpec, values: Mapping[str, JsonValue]) -> list[Problem]:
    problems: list[Problem] = []
    if spec.name == "referral" and values.get("direction") == "outgoing" and not values.get("consent_id"):
        message = "Consent: an outgoing referral needs the client's recorded consent; link the consent record."
        problems.append(Problem(spec.name, "consent_id", message))
    if spec.name == "consent" and values.get("scope") == "share_with_org" and not values.get("org_id"):
        message = "Organisation shared with: consent to share with an organisation must say which organisation."
        problems.append(Problem(spec.name, "org_id", message))
    return problems


def _label(spec: EntitySpec, name: str) -> str:
    field = spec.field(name)
    return field.label if field else name


def check_object(field_name: str, raw: object) -> JsonValue:
    """Structured fields: risk domains ({area: level}) and support-plan goals ([{area, target_date, status}]).

    Raises ValueError whose text completes "<Label>: ...".
    """
    if field_name == "domains":
        return _risk_domains(raw)
    if field_name == "goals":
        return _goals(raw)
    raise ValueError("has no known shape.")


def _risk_domains(raw: object) -> JsonValue:
    if not isinstance(raw, dict):
        raise ValueError('must give each risk area a level, e.g. {"re_trafficking": "high"}.')
    clean: dict[str, JsonValue] = {}
    for area, level in raw.items():
        area_value = vocabularies.normalise(str(area), vocabularies.RISK_DOMAIN)
        if area_value is None:
            raise ValueError(f"'{str(area)[:40]}' is not a risk area ({_words(vocabularies.RISK_DOMAIN)}).")
        level_value = vocabularies.normalise(level, vocabularies.RISK_LEVEL) if isinstance(level, str) else None
        if level_value is None:
            raise ValueError(f"the level of {vocabularies.label(area_value).lower()} must be low, medium or high.")
        clean[area_value] = level_value
    return clean


def _goals(raw: object) -> JsonValue:
    if not isinstance(raw, list) or len(raw) > _MAX_GOALS:
        raise ValueError(f"must be a list of at most {_MAX_GOALS} goals, each with an area, target_date and status.")
    return [_goal(goal) for goal in raw]


def _goal(goal: object) -> JsonValue:
    if not isinstance(goal, dict) or set(goal) - set(_GOAL_KEYS):
        raise ValueError("each goal has only an area, a target_date and a status.")
    area = goal.get("area")
    area_value = vocabularies.normalise(area, vocabularies.NEED_AREA) if isinstance(area, str) else None
    if area_value is None:
        raise ValueError(f"a goal's area must be one of: {_words(vocabularies.NEED_AREA)}.")
    status = goal.get("status", "not_started")
    status_value = vocabularies.normalise(status, vocabularies.GOAL_STATUS) if isinstance(status, str) else None
    if status_value is None:
        raise ValueError(f"a goal's status must be one of: {_words(vocabularies.GOAL_STATUS)}.")
    clean: dict[str, JsonValue] = {"area": area_value, "status": status_value}
    target = goal.get("target_date")
    if target is not None:
        clean["target_date"] = _goal_date(target)
    return clean


def _goal_date(target: object) -> str:
    text = target.strip() if isinstance(target, str) else ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ValueError("a goal's target_date must be a real date; use YYYY-MM-DD, e.g. 2024-03-01.")


def _words(vocabulary: tuple[str, ...]) -> str:
    return ", ".join(vocabularies.label(value).lower() for value in vocabulary)
