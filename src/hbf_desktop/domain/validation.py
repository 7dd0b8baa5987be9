"""Checking and normalising a record's values, with messages a caseworker can act on.

Every problem is collected (not only the first) so that a form or an import file can be fixed in one pass. Each
message names the field by its label, says what is wrong, and what is allowed. Field-by-field checks live in
`values`, rules between fields in `rules`; this module puts them together for one record.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from hbf_desktop.domain.entities import entity as entity_spec
from hbf_desktop.domain.model import EntitySpec, FieldKind, FieldSpec, Problem, RecordValues, ValidationError
from hbf_desktop.domain.rules import cross_field_problems
from hbf_desktop.domain.values import InvalidValueError, allowed_values, check_value

__all__ = ["validate"]


def validate(
    entity: str, values: Mapping[str, object], *, partial: bool = False, from_text: bool = False
) -> RecordValues:
    """Clean, normalised values, or ValidationError listing every problem.

    `partial` checks only the fields given (an edit in progress): a missing required field is then not a problem,
    but clearing one (giving None) is. An explicit None is kept in a partial result so that the caller can clear the
    field, and dropped from a whole record, where absent and empty mean the same. `from_text` is for spreadsheet
    cells, which are all text: an empty cell is absent, and numbers, true/false and lists are converted from text.
    """
    spec = entity_spec(entity)
    clean, problems = _check_fields(spec, values, partial=partial, from_text=from_text)
    if not partial:
        failed = {problem.field for problem in problems}
        problems.extend(_required_problem(spec, field) for field in _missing(spec, clean) if field.name not in failed)
    present = {name: value for name, value in clean.items() if value is not None}
    problems.extend(cross_field_problems(spec, present, partial=partial))
    if problems:
        raise ValidationError(problems)
    return clean


def _check_fields(
    spec: EntitySpec, values: Mapping[str, object], *, partial: bool, from_text: bool
) -> tuple[RecordValues, list[Problem]]:
    clean: RecordValues = {}
    problems: list[Problem] = []
    for name, raw in values.items():
        field = spec.field(name)
        if field is None:
            problems.append(Problem(spec.name, str(name), _unknown_field_message(spec, str(name))))
        elif raw is None or (from_text and isinstance(raw, str) and not raw.strip()):
            if partial and field.required:
                problems.append(_required_problem(spec, field))
            elif partial:
                clean[name] = None
        else:
            try:
                clean[name] = check_value(field, raw, from_text)
            except InvalidValueError as invalid:
                problems.append(Problem(spec.name, name, f"{field.label}: {invalid}"))
    return clean, problems


def _missing(spec: EntitySpec, clean: RecordValues) -> list[FieldSpec]:
    return [field for field in spec.fields if field.required and clean.get(field.name) is None]


def _required_problem(spec: EntitySpec, field: FieldSpec) -> Problem:
    if field.kind is FieldKind.ENUM:
        message = f"{field.label} is required; choose one of: {allowed_values(field)}."
    elif field.kind is FieldKind.REFERENCE:
        message = f"{field.label} is required; give the id of the {field.references} record it belongs to."
    else:
        message = f"{field.label} is required."
    return Problem(spec.name, field.name, message)


def _unknown_field_message(spec: EntitySpec, name: str) -> str:
    """Names the near miss when there is one: most unknown fields in imported files are typos or old column names."""
    guesses = difflib.get_close_matches(name, spec.field_names, n=1, cutoff=0.75)
    guess = f" Did you mean '{guesses[0]}'?" if guesses else ""
    shown_name = name if len(name) <= 40 else name[:37] + "..."
    return (
        f"'{shown_name}' is not a field of {spec.label.lower()} records.{guess} "
        f"The fields are: {', '.join(spec.field_names)}."
    )
