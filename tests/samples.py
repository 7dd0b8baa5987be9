"""Valid values for any entity, built from its spec, with a recognisable canary in every free-text field.

Built from the specs rather than written by hand so that a field added to the domain is covered by the canary test
without anyone remembering to add it.
"""

from __future__ import annotations

import itertools

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.model import FieldKind, FieldSpec, JsonValue, RecordValues

CANARY_PREFIX = "ZQXCANARY"
_counter = itertools.count(1)

_FIXED: dict[FieldKind, JsonValue] = {
    FieldKind.BOOL: True,
    FieldKind.DATE: "2024-03-01",
    FieldKind.DATETIME: "2024-03-01T10:30:00+00:00",
    FieldKind.YEAR_MONTH: "2024-03",
    FieldKind.COUNTRY: "ALB",
    FieldKind.COUNTRY_LIST: ["ALB", "VNM"],
    FieldKind.LANGUAGE: "sqi",
    FieldKind.LANGUAGE_LIST: ["sqi", "eng"],
    FieldKind.PHONE_LIST: ["+447700900123"],
}


def canary(tag: str) -> str:
    return f"{CANARY_PREFIX}{next(_counter):05d}{tag.replace('_', '')[:12].upper()}"


def sample_value(field: FieldSpec, references: dict[str, str], canaries: list[str]) -> JsonValue:
    kind = field.kind
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        value = canary(field.name)
        canaries.append(value)
        return value[: field.max_length] if field.max_length else value
    if kind is FieldKind.TEXT_LIST:
        value = canary(field.name)
        canaries.append(value)
        return [value]
    if kind is FieldKind.EMAIL_LIST:
        value = canary(field.name).lower()
        canaries.append(value)
        return [f"{value}@example.org"]
    if kind is FieldKind.INT:
        return max(field.minimum or 0, min(field.maximum if field.maximum is not None else 3, 3))
    if kind is FieldKind.ENUM:
        return field.vocabulary[0]
    if kind is FieldKind.ENUM_LIST:
        return list(field.vocabulary[:2])
    if kind is FieldKind.REFERENCE:
        assert field.references is not None
        return references.get(field.references)
    raise AssertionError(f"no sample for {kind} ({field.name}): extend tests/samples.py")


def sample_record(
    entity: str, references: dict[str, str], canaries: list[str] | None = None, *, minimal: bool = False
) -> RecordValues:
    """Every field filled (or only the required ones when `minimal`); references point at `references`."""
    canaries = canaries if canaries is not None else []
    values: RecordValues = {}
    for field in ENTITIES[entity].fields:
        if minimal and not field.required:
            continue
        if field.kind is FieldKind.OBJECT:
            continue  # shaped per field: covered by the domain's own tests
        value = sample_value(field, references, canaries)
        if value is not None:
            values[field.name] = value
    return values
