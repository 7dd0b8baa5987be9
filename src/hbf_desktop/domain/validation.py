"""Checking and normalising a record's values, with messages a caseworker can act on.

Every problem is collected (not only the first) so that a form or an import file can be fixed in one pass. Each
message names the field by its label, says what is wrong, and what is allowed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from hbf_desktop.domain import vocabularies
from hbf_desktop.domain.codes import countries, languages
from hbf_desktop.domain.entities import entity
from hbf_desktop.domain.ids import is_uuid
from hbf_desktop.domain.model import EntitySpec, FieldKind, FieldSpec, JsonValue, Problem, RecordValues
from hbf_desktop.domain.rules import cross_field_problems

K = FieldKind
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MAX_LIST = 50


class _InvalidValueError(Exception):
    """Raised inside a checker; its text completes the sentence "<Label>: ..."."""


def validate(
    entity_name: str, values: Mapping[str, object], *, partial: bool = False, from_text: bool = False
) -> RecordValues:
    """Clean values, or ValidationError listing every problem.

    `partial` checks only the fields given (for an edit in progress); `from_text` accepts text cells (CSV) for
    numbers, booleans and lists.
    """
    from hbf_desktop.domain.model import ValidationError

    spec = entity(entity_name)
    clean, problems = _check_fields(spec, values, from_text)
    if not partial:
        problems.extend(
            Problem(spec.name, field.name, f"{field.label} is required.")
            for field in spec.fields
            if field.required and field.name not in clean and field.name not in _failed(problems)
        )
        problems.extend(cross_field_problems(spec, clean))
    if problems:
        raise ValidationError(problems)
    return clean


def _failed(problems: list[Problem]) -> set[str]:
    return {problem.field for problem in problems}


def _check_fields(
    spec: EntitySpec, values: Mapping[str, object], from_text: bool
) -> tuple[RecordValues, list[Problem]]:
    clean: RecordValues = {}
    problems: list[Problem] = []
    for name, raw in values.items():
        field = spec.field(name)
        if field is None:
            problems.append(Problem(spec.name, name, f"'{name}' is not a field of {spec.label.lower()} records."))
            continue
        if raw is None or (from_text and raw == ""):
            continue
        try:
            clean[name] = check_value(field, raw, from_text)
        except _InvalidValueError as invalid:
            problems.append(Problem(spec.name, name, f"{field.label}: {invalid}"))
    return clean, problems


def check_value(field: FieldSpec, raw: object, from_text: bool = False) -> JsonValue:
    if from_text and isinstance(raw, str) and field.kind in _LIST_KINDS:
        raw = [item.strip() for item in raw.split(";") if item.strip()]
    elif from_text and isinstance(raw, str) and field.kind is K.OBJECT:
        try:
            raw = json.loads(raw)
        except ValueError:
            raise _InvalidValueError("must be written as JSON in a CSV cell.") from None
    return _CHECKERS[field.kind](field, raw, from_text)


def _text(field: FieldSpec, raw: object, _: bool) -> JsonValue:
    if not isinstance(raw, str):
        raise _InvalidValueError("must be text.")
    value = raw.strip()
    if not value:
        raise _InvalidValueError("is empty; leave it out instead.")
    if "\0" in value:
        raise _InvalidValueError("contains a NUL character.")
    if field.kind is K.TEXT and ("\n" in value or "\r" in value):
        raise _InvalidValueError("must be on one line.")
    if field.max_length is not None and len(value) > field.max_length:
        raise _InvalidValueError(f"is {len(value)} characters long; at most {field.max_length} are allowed.")
    return value


def _boolean(_: FieldSpec, raw: object, from_text: bool) -> JsonValue:
    if isinstance(raw, bool):
        return raw
    if from_text and isinstance(raw, str) and raw.strip().lower() in {"true", "false", "yes", "no", "1", "0"}:
        return raw.strip().lower() in {"true", "yes", "1"}
    raise _InvalidValueError("must be true or false.")


def _integer(field: FieldSpec, raw: object, from_text: bool) -> JsonValue:
    value: Any = raw
    if from_text and isinstance(raw, str) and re.fullmatch(r"-?\d{1,9}", raw.strip()):
        value = int(raw.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidValueError("must be a whole number.")
    low, high = field.minimum, field.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise _InvalidValueError(f"{value} is out of range; use a number {allowed}.")
    return int(value)


def _date(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            return date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            raise _InvalidValueError(f"'{raw}' is not a real date.") from None
    raise _InvalidValueError(f"'{_shown(raw)}' is not a date; use YYYY-MM-DD, e.g. 2024-03-01.")


def _datetime(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    hint = "use a date and time with its offset, e.g. 2024-03-01T14:30:00+00:00."
    if not isinstance(raw, str):
        raise _InvalidValueError(hint)
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _InvalidValueError(f"'{_shown(raw)}' is not a date and time; {hint}") from None
    if moment.tzinfo is None:
        raise _InvalidValueError(f"'{_shown(raw)}' has no time-zone offset; {hint}")
    return moment.isoformat()


def _year_month(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    if isinstance(raw, str) and _YEAR_MONTH.match(raw.strip()):
        return raw.strip()
    raise _InvalidValueError(f"'{_shown(raw)}' is not a month; use YYYY-MM, e.g. 2023-07.")


def _enumerated(field: FieldSpec, raw: object, _: bool) -> JsonValue:
    if not isinstance(raw, str):
        raise _InvalidValueError(f"must be one of: {_allowed(field)}.")
    value = re.sub(r"[\s\-]+", "_", raw.strip().lower())
    if value not in field.vocabulary:
        raise _InvalidValueError(f"'{_shown(raw)}' is not one of the allowed values ({_allowed(field)}).")
    return value


def _allowed(field: FieldSpec) -> str:
    names = [vocabularies.label(value).lower() for value in field.vocabulary]
    shown = ", ".join(names[:8])
    return shown + (f", and {len(names) - 8} more" if len(names) > 8 else "")


def _country(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    value = raw.strip().upper() if isinstance(raw, str) else ""
    if value not in countries():
        raise _InvalidValueError(f"'{_shown(raw)}' is not an ISO 3166-1 alpha-3 country code (e.g. ALB, VNM, GBR).")
    return value


def _language(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    value = raw.strip().lower() if isinstance(raw, str) else ""
    if value not in languages():
        raise _InvalidValueError(f"'{_shown(raw)}' is not an ISO 639-3 language code (e.g. sqi, vie, tir).")
    return value


def _phone(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    value = re.sub(r"[\s()\-]", "", raw) if isinstance(raw, str) else ""
    if re.fullmatch(r"0\d{10}", value):  # a UK number written nationally
        value = "+44" + value[1:]
    if not _E164.match(value):
        raise _InvalidValueError(
            f"'{_shown(raw)}' is not a phone number; use the international form, e.g. +447700900123."
        )
    return value


def _email(_: FieldSpec, raw: object, __: bool) -> JsonValue:
    value = raw.strip() if isinstance(raw, str) else ""
    if not _EMAIL.match(value) or len(value) > 254:
        raise _InvalidValueError(f"'{_shown(raw)}' is not an email address.")
    return value


def _reference(field: FieldSpec, raw: object, _: bool) -> JsonValue:
    if not is_uuid(raw):
        raise _InvalidValueError(f"'{_shown(raw)}' is not a record id (a UUID) of a {field.references}.")
    assert isinstance(raw, str)
    return raw.lower()


def _list_of(item: Callable[[FieldSpec, object, bool], JsonValue]) -> Callable[[FieldSpec, object, bool], JsonValue]:
    def check(field: FieldSpec, raw: object, from_text: bool) -> JsonValue:
        if not isinstance(raw, list):
            raise _InvalidValueError("must be a list.")
        if len(raw) > _MAX_LIST:
            raise _InvalidValueError(f"has {len(raw)} entries; at most {_MAX_LIST} are allowed.")
        values = [item(field, entry, from_text) for entry in raw]
        if len(set(map(str, values))) != len(values):
            raise _InvalidValueError("lists the same value twice.")
        return values

    return check


def _object(field: FieldSpec, raw: object, _: bool) -> JsonValue:
    from hbf_desktop.domain.rules import check_object

    try:
        return check_object(field.name, raw)
    except ValueError as error:
        raise _InvalidValueError(str(error)) from None


def _shown(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


_CHECKERS: dict[FieldKind, Callable[[FieldSpec, object, bool], JsonValue]] = {
    K.TEXT: _text,
    K.LONG_TEXT: _text,
    K.BOOL: _boolean,
    K.INT: _integer,
    K.DATE: _date,
    K.DATETIME: _datetime,
    K.YEAR_MONTH: _year_month,
    K.ENUM: _enumerated,
    K.ENUM_LIST: _list_of(_enumerated),
    K.TEXT_LIST: _list_of(_text),
    K.COUNTRY: _country,
    K.COUNTRY_LIST: _list_of(_country),
    K.LANGUAGE: _language,
    K.LANGUAGE_LIST: _list_of(_language),
    K.PHONE_LIST: _list_of(_phone),
    K.EMAIL_LIST: _list_of(_email),
    K.REFERENCE: _reference,
    K.OBJECT: _object,
}
_LIST_KINDS = {K.ENUM_LIST, K.TEXT_LIST, K.COUNTRY_LIST, K.LANGUAGE_LIST, K.PHONE_LIST, K.EMAIL_LIST}
