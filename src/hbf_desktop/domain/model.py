"""The shape of every entity, described as data.

Entities are described by specs rather than one class each, because the same description drives validation, the JSON
Lines interchange format, the store's search index, exports (which fields may leave, by sensitivity) and de-identified
reports. A record's values are plain JSON types (dates as ISO 8601 strings) so that they cross the store, sync and
interchange boundaries without conversion.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
RecordValues = dict[str, JsonValue]


class Sensitivity(enum.Enum):
    """DATA-MODEL.md's tags. They decide what an export or a report may ever contain."""

    IDENTIFIER = "I"
    QUASI_IDENTIFIER = "Q"
    SPECIAL_CATEGORY = "S"
    NARRATIVE = "N"


class FieldKind(enum.Enum):
    TEXT = "text"  # a short single-line string
    LONG_TEXT = "long_text"  # narrative: notes, rationale
    BOOL = "bool"
    INT = "int"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601 with offset
    YEAR_MONTH = "year_month"  # YYYY-MM
    ENUM = "enum"  # one value of the field's vocabulary
    ENUM_LIST = "enum_list"  # several values of the vocabulary, no repeats
    TEXT_LIST = "text_list"
    COUNTRY = "country"  # ISO 3166-1 alpha-3
    COUNTRY_LIST = "country_list"
    LANGUAGE = "language"  # ISO 639-3
    LANGUAGE_LIST = "language_list"
    PHONE_LIST = "phone_list"  # E.164
    EMAIL_LIST = "email_list"
    REFERENCE = "reference"  # the id (UUID) of another record, of entity `references`
    OBJECT = "object"  # a small structured value (e.g. risk domains -> level); checked by a per-field rule


@dataclass(frozen=True)
class FieldSpec:
    """One field: its interchange name, its kind, the words a caseworker sees, and its rules."""

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    vocabulary: tuple[str, ...] = ()
    sensitivity: frozenset[Sensitivity] = frozenset()
    references: str | None = None  # entity name, for REFERENCE fields
    minimum: int | None = None  # INT bounds
    maximum: int | None = None
    max_length: int | None = None  # TEXT/LONG_TEXT length in characters
    help: str = ""  # what is allowed, in plain words, when it is not obvious from the kind

    @property
    def is_identifier(self) -> bool:
        return Sensitivity.IDENTIFIER in self.sensitivity

    @property
    def is_narrative(self) -> bool:
        return Sensitivity.NARRATIVE in self.sensitivity


@dataclass(frozen=True)
class EntitySpec:
    """One entity of DATA-MODEL.md.

    `parent` is the reference field that ties the record to its client or case (used to find a client's records);
    `searchable` lists the fields the store's full-text index covers; `identity` marks the vault entity, whose every
    field is an identifier and which never leaves in an export without --include-identity.
    """

    name: str
    label: str
    fields: tuple[FieldSpec, ...]
    parent: str | None = None
    searchable: tuple[str, ...] = ()
    identity: bool = False
    _by_name: Mapping[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {spec.name: spec for spec in self.fields})

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, said so that a caseworker can fix it.

    `message` names the field in plain words, says what is wrong and what is allowed, e.g.
    "Outcome: 'answered' is not one of the allowed values (completed, no answer, client cancelled, ...)".
    `line` is set by the interchange reader (1-based) and is None elsewhere; `file` names the CSV file of a folder
    import (JSON Lines problems leave it None: there is one file, which the person chose).
    """

    entity: str
    field: str
    message: str
    line: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        places = [self.file or "", f"line {self.line}" if self.line is not None else ""]
        where = " ".join(place for place in places if place)
        where = f"{where}: " if where else ""
        if not self.field:
            return where + self.message
        name = f"{self.entity}.{self.field}" if self.entity else self.field
        return f"{where}{name}: {self.message}"


class DomainError(Exception):
    """Base of errors a person can meet; `str(error)` is the message to show them."""


class ValidationError(DomainError):
    """Values that break the entity's rules; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(problem) for problem in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(shown + more)
