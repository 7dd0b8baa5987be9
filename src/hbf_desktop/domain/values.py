"""Checking and normalising one field's value, by its kind.

Normalising here (rather than in forms or importers) means every way in (a form, a JSON Lines file, a spreadsheet,
sync) stores the same spelling of the same fact, so searches, reports and merges compare like with like. A checker
either returns the clean value or raises InvalidValueError whose text completes the sentence "<Label>: ...".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime

from hbf_desktop.domain import vocabularies
from hbf_desktop.domain.iso_codes import country_code, language_code
from hbf_desktop.domain.model import FieldKind, FieldSpec, JsonValue
from hbf_desktop.domain.rules import check_object

_K = FieldKind
LIST_KINDS = frozenset({_K.ENUM_LIST, _K.TEXT_LIST, _K.COUNTRY_LIST, _K.LANGUAGE_LIST, _K.PHONE_LIST, _K.EMAIL_LIST})
FREE_TEXT_KINDS = frozenset({_K.TEXT, _K.LONG_TEXT, _K.TEXT_LIST, _K.EMAIL_LIST})
# A spreadsheet runs a cell starting with one of these as a formula; CSV writing prefixes such cells with "'".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_LIST_ENTRIES = 50
DATE_HINT = "use YYYY-MM-DD, e.g. 2024-03-01"
DATETIME_HINT = "use a date and time with its offset from UTC, e.g. 2024-03-01T14:30:00+00:00"
_SHOWN_ALLOWED = 10
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

Checker = Callable[[FieldSpec, object], JsonValue]


class InvalidValueError(Exception):
    """A value a field cannot take; the text completes "<Label>: ..." for the person who wrote it."""


def check_value(field: FieldSpec, raw: object, from_text: bool = False) -> JsonValue:
    """The clean value of `raw` for `field`, or InvalidValueError.

    `from_text` is for spreadsheet cells, where everything is text: numbers, true/false, lists separated by ";"
    (or written as a JSON array) and structured values written as JSON are converted first.
    """
    if from_text and isinstance(raw, str):
        raw = _from_cell(field, raw)
    return _CHECKERS[field.kind](field, raw)


def _from_cell(field: FieldSpec, cell: str) -> object:
    if field.kind in FREE_TEXT_KINDS and cell.startswith("'") and cell.lstrip("'")[:1] in FORMULA_TRIGGERS:
        cell = cell[1:]  # undo the formula guard that CSV writing added
    if field.kind is _K.OBJECT or (field.kind in LIST_KINDS and cell.lstrip().startswith("[")):
        try:
            return json.loads(cell)
        except ValueError:
            raise InvalidValueError('is not valid JSON; write it as JSON in the cell, e.g. ["a", "b"].') from None
    if field.kind in LIST_KINDS:
        return [item.strip() for item in cell.split(";") if item.strip()]
    if field.kind is _K.BOOL:
        return _BOOL_WORDS.get(cell.strip().lower(), cell)
    if field.kind is _K.INT and re.fullmatch(r"\s*-?\d{1,12}\s*", cell):
        return int(cell)
    return cell


_BOOL_WORDS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def _text(field: FieldSpec, raw: object) -> JsonValue:
    if not isinstance(raw, str):
        raise InvalidValueError(f"must be text, not {_json_kind(raw)}.")
    value = raw.replace("\r\n", "\n").strip()
    if not value:
        raise InvalidValueError("is empty; leave it out instead.")
    if "\0" in value:
        raise InvalidValueError("contains a NUL character; remove it.")
    if not value.isprintable() and not _encodable(value):
        raise InvalidValueError("contains a broken character (a lone surrogate); retype it.")
    if field.kind is not _K.LONG_TEXT and ("\n" in value or "\r" in value):
        raise InvalidValueError("must be on one line.")
    if field.max_length is not None and len(value) > field.max_length:
        raise InvalidValueError(f"is {len(value)} characters long; at most {field.max_length} are allowed.")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _boolean(_: FieldSpec, raw: object) -> JsonValue:
    if isinstance(raw, bool):
        return raw
    raise InvalidValueError(f"'{shown(raw)}' is not true or false; use true or false.")


def _integer(field: FieldSpec, raw: object) -> JsonValue:
    low, high = field.minimum, field.maximum
    allowed = _range_words(low, high)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InvalidValueError(f"'{shown(raw)}' is not a whole number; use {allowed}.")
    if (low is not None and raw < low) or (high is not None and raw > high):
        raise InvalidValueError(f"{raw} is out of range; use {allowed}.")
    return raw


def _range_words(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"a whole number from {low} to {high}"
    if low is not None:
        return f"a whole number of {low} or more"
    if high is not None:
        return f"a whole number of {high} or less"
    return "a whole number, e.g. 3"


def _date(_: FieldSpec, raw: object) -> JsonValue:
    if isinstance(raw, str) and _DATE.match(raw.strip()):
        try:
            return date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            raise InvalidValueError(f"'{shown(raw)}' is not a real date; {DATE_HINT}.") from None
    raise InvalidValueError(f"'{shown(raw)}' is not a date; {DATE_HINT}.")


def _datetime(_: FieldSpec, raw: object) -> JsonValue:
    text = raw.strip() if isinstance(raw, str) else ""
    if _DATE.match(text):
        raise InvalidValueError(f"'{shown(raw)}' has no time; {DATETIME_HINT}.")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(f"'{shown(raw)}' is not a date and time; {DATETIME_HINT}.") from None
    if moment.tzinfo is None:
        raise InvalidValueError(f"'{shown(raw)}' has no offset from UTC; {DATETIME_HINT}.")
    return moment.isoformat()


def _year_month(_: FieldSpec, raw: object) -> JsonValue:
    if isinstance(raw, str) and _YEAR_MONTH.match(raw.strip()):
        return raw.strip()
    raise InvalidValueError(f"'{shown(raw)}' is not a month; use YYYY-MM, e.g. 2023-07.")


def _enumerated(field: FieldSpec, raw: object) -> JsonValue:
    value = vocabularies.normalise(raw, field.vocabulary) if isinstance(raw, str) else None
    if value is None:
        raise InvalidValueError(f"'{shown(raw)}' is not one of the allowed values ({allowed_values(field)}).")
    return value


def allowed_values(field: FieldSpec) -> str:
    """The vocabulary in plain words, cut short for long lists so that a message stays readable."""
    names = [vocabularies.label(value).lower() for value in field.vocabulary]
    shown_names = ", ".join(names[:_SHOWN_ALLOWED])
    return shown_names + (f", and {len(names) - _SHOWN_ALLOWED} more" if len(names) > _SHOWN_ALLOWED else "")


def _country(_: FieldSpec, raw: object) -> JsonValue:
    code = country_code(raw) if isinstance(raw, str) else None
    if code is None:
        raise InvalidValueError(f"'{shown(raw)}' is not a country code; use ISO 3166-1 alpha-3, e.g. ALB, VNM, GBR.")
    return code


def _language(_: FieldSpec, raw: object) -> JsonValue:
    code = language_code(raw) if isinstance(raw, str) else None
    if code is None:
        raise InvalidValueError(f"'{shown(raw)}' is not a language code; use ISO 639-3, e.g. sqi, vie, tir.")
    return code


def _phone(_: FieldSpec, raw: object) -> JsonValue:
    """E.164. Rewritten only where the meaning is certain: a UK national number, 00 for +, a kept (0) after +44."""
    value = raw.strip() if isinstance(raw, str) else ""
    value = re.sub(r"^(\+44)\s*\(0\)", r"\1", value)
    value = re.sub(r"[\s().\-]", "", value)
    if value.startswith("00"):
        value = "+" + value[2:]
    elif re.fullmatch(r"0[1-9]\d{8,9}", value):
        value = "+44" + value[1:]
    if value.startswith("+440"):
        value = "+44" + value[4:]
    if not _E164.match(value):
        hint = "use the international form, e.g. +447700900123"
        raise InvalidValueError(f"'{shown(raw)}' is not a phone number; {hint}.")
    return value


def _email(_: FieldSpec, raw: object) -> JsonValue:
    value = raw.strip() if isinstance(raw, str) else ""
    if not _EMAIL.match(value) or len(value) > 254:
        raise InvalidValueError(f"'{shown(raw)}' is not an email address, e.g. name@example.org.")
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"  # the domain part is case-insensitive; the local part may not be


def normal_uuid(raw: object) -> str | None:
    """A UUID in its canonical lower-case form, or None; ids are compared as text everywhere, so case must agree."""
    text = raw.strip().lower() if isinstance(raw, str) else ""
    return text if _UUID.match(text) else None


def _reference(field: FieldSpec, raw: object) -> JsonValue:
    record_id = normal_uuid(raw)
    if record_id is None:
        raise InvalidValueError(f"'{shown(raw)}' is not the id (a UUID) of a {field.references} record.")
    return record_id


def _list_of(item: Checker) -> Checker:
    def check(field: FieldSpec, raw: object) -> JsonValue:
        if not isinstance(raw, list):
            raise InvalidValueError(f'must be a list, e.g. ["..."], not {_json_kind(raw)}.')
        if len(raw) > MAX_LIST_ENTRIES:
            raise InvalidValueError(f"has {len(raw)} entries; at most {MAX_LIST_ENTRIES} are allowed.")
        values = [item(field, entry) for entry in raw]
        repeated = [value for index, value in enumerate(values) if value in values[:index]]
        if repeated:
            raise InvalidValueError(f"lists '{shown(repeated[0])}' twice; give each value once.")
        return values

    return check


def _object(field: FieldSpec, raw: object) -> JsonValue:
    try:
        return check_object(field.name, raw)
    except ValueError as error:
        raise InvalidValueError(str(error)) from None


def shown(raw: object) -> str:
    """A value quoted back in a message, cut short: a message must never carry a whole pasted note."""
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


def _json_kind(raw: object) -> str:
    if isinstance(raw, bool):
        return "true or false"
    if isinstance(raw, int | float):
        return "a number"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "an object"
    return "text" if isinstance(raw, str) else "empty"


_CHECKERS: dict[FieldKind, Checker] = {
    _K.TEXT: _text,
    _K.LONG_TEXT: _text,
    _K.BOOL: _boolean,
    _K.INT: _integer,
    _K.DATE: _date,
    _K.DATETIME: _datetime,
    _K.YEAR_MONTH: _year_month,
    _K.ENUM: _enumerated,
    _K.ENUM_LIST: _list_of(_enumerated),
    _K.TEXT_LIST: _list_of(_text),
    _K.COUNTRY: _country,
    _K.COUNTRY_LIST: _list_of(_country),
    _K.LANGUAGE: _language,
    _K.LANGUAGE_LIST: _list_of(_language),
    _K.PHONE_LIST: _list_of(_phone),
    _K.EMAIL_LIST: _list_of(_email),
    _K.REFERENCE: _reference,
    _K.OBJECT: _object,
}
