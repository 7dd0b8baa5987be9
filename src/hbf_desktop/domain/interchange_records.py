"""What the JSON Lines and CSV readers share: the record, the result, and the checks every record goes through.

One checker for both formats means a record is accepted or refused for the same reasons whichever way it came in.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.model import JsonValue, Problem, RecordValues, ValidationError
from hbf_desktop.domain.validation import validate
from hbf_desktop.domain.values import normal_uuid

MAX_PROBLEMS = 1000  # a file wrong on every line is reported in part: nobody reads a million problems


@dataclass(frozen=True)
class InterchangeRecord:
    """One record of a file; `line` (1-based) and `source` (the CSV file name) say where it was read."""

    entity: str
    id: str
    values: RecordValues = field(repr=False)  # never in a traceback, log line or crash report
    line: int | None = None
    source: str = ""


@dataclass
class ReadResult:
    """Everything a reader found: import `records` only when `problems` is empty (an import is all or nothing)."""

    records: list[InterchangeRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def _parents_first() -> tuple[str, ...]:
    """A stable topological order: DATA-MODEL's order, except that a record's references always come first."""
    needs = {
        name: {spec_field.references for spec_field in spec.fields if spec_field.references} - {name}
        for name, spec in ENTITIES.items()
    }
    order: list[str] = []
    while len(order) < len(needs):
        ready = next(name for name in needs if name not in order and needs[name] <= set(order))
        order.append(ready)
    return tuple(order)


PARENTS_FIRST: tuple[str, ...] = _parents_first()
"""Entities ordered so that every record's references come before it, for imports written in one pass."""


class RecordChecker:
    """Checks records one by one into a ReadResult, remembering ids to find duplicates within the file."""

    def __init__(self, result: ReadResult, *, from_text: bool = False) -> None:
        self.result = result
        self._from_text = from_text
        self._first_seen: dict[str, tuple[int, str | None]] = {}

    def problem(
        self, message: str, line: int | None, file: str | None = None, entity: str = "", name: str = ""
    ) -> None:
        """Record a problem; past MAX_PROBLEMS one last problem says that reading stopped."""
        problems = self.result.problems
        if len(problems) < MAX_PROBLEMS - 1:
            problems.append(Problem(entity, name, message, line, file))
        elif len(problems) == MAX_PROBLEMS - 1:
            problems.append(Problem("", "", f"more than {MAX_PROBLEMS} problems; stopped reading here", line, file))

    def accept(self, item: Mapping[str, object], line: int, file: str | None = None) -> None:
        """Check one record given as a mapping with "type" and "id"; keep it when clean, else report why not."""
        kind, record_id = _kind(item.get("type")), normal_uuid(item.get("id"))
        if kind is None:
            self.problem(_type_message(item.get("type")), line, file, name="type")
            return
        if record_id is None:
            shown = _shown_or_missing(item.get("id"))
            message = f"id is {shown}; it must be a UUID, e.g. 0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"
            self.problem(message, line, file, kind, "id")
            return
        if record_id in self._first_seen:
            first_line, first_file = self._first_seen[record_id]
            where = f"{first_file} line {first_line}" if first_file else f"line {first_line}"
            message = f"id {record_id} appears more than once in the file (first on {where})"
            self.problem(message, line, file, kind, "id")
            return
        self._first_seen[record_id] = (line, file)
        values = {key: value for key, value in item.items() if key not in ("type", "id")}
        try:
            clean = validate(kind, values, from_text=self._from_text)
        except ValidationError as invalid:
            for found in invalid.problems:
                self.problem(found.message, line, file, found.entity, found.field)
            return
        self.result.records.append(InterchangeRecord(kind, record_id, clean, line, file or ""))


def _kind(value: object) -> str | None:
    return value if isinstance(value, str) and value in ENTITIES else None


def _type_message(value: object) -> str:
    known = ", ".join(sorted(ENTITIES))
    if value is None:
        return f"type is missing; it must be one of: {known}"
    guesses = difflib.get_close_matches(str(value), list(ENTITIES), n=1, cutoff=0.75)
    guess = f" (did you mean '{guesses[0]}'?)" if guesses else ""
    return f"type {_shown_or_missing(value)} is not a kind of record{guess}; it must be one of: {known}"


def _shown_or_missing(value: object) -> str:
    if value is None or value == "":
        return "missing"
    text = str(value)
    return f"'{text[:37]}...'" if len(text) > 40 else f"'{text}'"


def exportable_values(entity: str, values: Mapping[str, JsonValue], include_identity: bool) -> RecordValues:
    """The values that may leave: without identity, no identifier (I) and no narrative (N) field.

    Narrative goes too because DATA-MODEL.md says to treat free text as identifying: notes name people and places.
    """
    spec = ENTITIES[entity]
    kept: RecordValues = {}
    for spec_field in spec.fields:
        if spec_field.name not in values:
            continue
        if include_identity or not (spec.identity or spec_field.is_identifier or spec_field.is_narrative):
            kept[spec_field.name] = values[spec_field.name]
    return kept
