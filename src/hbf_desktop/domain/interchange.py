"""The JSON Lines (and CSV) interchange format of DATA-MODEL.md: reading that never raises, writing that leaks nothing.

Reading reports every problem with its line (and file, for CSV) and never raises on bad input, because an import is
all or nothing: the caller imports only when the list of problems is empty. Writing can leave out identity: the
`client_identity` entity, every identifier (I) field and every narrative (N) field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.ids import is_uuid
from hbf_desktop.domain.model import FieldKind, JsonValue, Problem, RecordValues, ValidationError
from hbf_desktop.domain.validation import validate

MAX_LINE_BYTES = 1024 * 1024
MAX_PROBLEMS = 1000
_LIST_KINDS = {
    FieldKind.ENUM_LIST, FieldKind.TEXT_LIST, FieldKind.COUNTRY_LIST, FieldKind.LANGUAGE_LIST,
    FieldKind.PHONE_LIST, FieldKind.EMAIL_LIST,
}  # fmt: skip


@dataclass(frozen=True)
class InterchangeRecord:
    entity: str
    id: str
    values: RecordValues
    line: int | None = None
    source: str = ""


@dataclass
class ReadResult:
    records: list[InterchangeRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_jsonl(stream: BinaryIO) -> ReadResult:
    result = ReadResult()
    seen: set[str] = set()
    for number, raw in enumerate(_lines(stream), start=1):
        if len(result.problems) >= MAX_PROBLEMS:
            result.problems.append(Problem("", "", f"more than {MAX_PROBLEMS} problems; stopped reading", number))
            break
        if raw is None:
            result.problems.append(Problem("", "", f"the line is longer than {MAX_LINE_BYTES} bytes", number))
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark some editors add
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            result.problems.append(Problem("", "", "the file is not UTF-8 text here; save it as UTF-8", number))
            continue
        try:
            item = json.loads(text)
        except json.JSONDecodeError as error:
            result.problems.append(Problem("", "", f"not valid JSON ({error.msg}, column {error.colno})", number))
        except RecursionError:
            result.problems.append(Problem("", "", "the JSON is nested too deeply", number))
            continue
        if not isinstance(item, dict):
            result.problems.append(Problem("", "", "each line must be one JSON object {...}", number))
            continue
        _accept(item, number, "", seen, result, from_text=False)
    return result


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of at most MAX_LINE_BYTES; a longer line yields None once, without holding it in memory."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield line


def records_from_dicts(items: Iterable[Mapping[str, object]]) -> ReadResult:
    """Check records made in memory (the synthetic generator) exactly as a file would be checked."""
    result = ReadResult()
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        _accept(item, number, "", seen, result, from_text=False)
    return result


def _accept(
    item: Mapping[str, object], line: int, source: str, seen: set[str], result: ReadResult, *, from_text: bool
) -> None:
    kind, record_id = item.get("type"), item.get("id")
    if not isinstance(kind, str) or kind not in ENTITIES:
        known = ", ".join(sorted(ENTITIES))
        shown = "missing" if kind is None else f"'{str(kind)[:40]}'"
        result.problems.append(Problem("", "type", f"type is {shown}; it must be one of: {known}", line))
        return
    if not is_uuid(record_id):
        result.problems.append(Problem(kind, "id", "id must be a UUID such as 0190a6e4-...", line))
        return
    assert isinstance(record_id, str)
    if record_id in seen:
        result.problems.append(Problem(kind, "id", f"id {record_id} appears more than once in the file", line))
        return
    seen.add(record_id)
    values = {key: value for key, value in item.items() if key not in ("type", "id")}
    try:
        clean = validate(kind, values, from_text=from_text)
    except ValidationError as invalid:
        result.problems.extend(
            Problem(problem.entity, problem.field, problem.message, line) for problem in invalid.problems
        )
        return
    result.records.append(InterchangeRecord(kind, record_id, clean, line, source))


def read_csv_folder(folder: Path, only: str | None = None) -> ReadResult:
    """One `<entity>.csv` per entity, parents first; lists in a cell separated by ';'."""
    result = ReadResult()
    seen: set[str] = set()
    names = [only] if only else [name for name in ENTITIES if (folder / f"{name}.csv").exists()]
    if not names:
        result.problems.append(Problem("", "", f"no <entity>.csv files found in {folder}"))
    for name in names:
        path = folder / f"{name}.csv"
        if name not in ENTITIES:
            result.problems.append(Problem("", "", f"{path.name}: '{name}' is not a kind of record"))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            result.problems.append(Problem(name, "", f"{path.name} is not UTF-8 text; save it as UTF-8"))
            continue
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            if None in row:
                result.problems.append(Problem(name, "", f"{path.name}: more cells than column names", number))
                continue
            cells = {key: value for key, value in row.items() if value != ""}
            _accept({"type": name, **cells}, number, path.name, seen, result, from_text=True)
    return result


def check_references(records: Sequence[InterchangeRecord], exists: Callable[[str, str], bool]) -> list[Problem]:
    """Every reference must point at a record of the right kind, in the file or already in the store."""
    in_file = {record.id: record.entity for record in records}
    problems: list[Problem] = []
    for record in records:
        spec = ENTITIES[record.entity]
        for name, value in record.values.items():
            field_spec = spec.field(name)
            if field_spec is None or field_spec.references is None or not isinstance(value, str):
                continue
            target = field_spec.references
            if in_file.get(value) == target or (value not in in_file and exists(target, value)):
                continue
            message = f"{field_spec.label}: no {target} with id {value} in the file or the store"
            problems.append(Problem(record.entity, name, message, record.line))
    return problems


def exportable_values(entity: str, values: RecordValues, include_identity: bool) -> RecordValues:
    if include_identity:
        return dict(values)
    spec = ENTITIES[entity]
    return {
        name: value
        for name, value in values.items()
        if (field_spec := spec.field(name)) is not None and not (field_spec.is_identifier or field_spec.is_narrative)
    }


def write_jsonl(records: Iterable[InterchangeRecord], stream: TextIO, *, include_identity: bool) -> int:
    count = 0
    for record in records:
        if ENTITIES[record.entity].identity and not include_identity:
            continue
        item: dict[str, JsonValue] = {"type": record.entity, "id": record.id}
        item.update(exportable_values(record.entity, record.values, include_identity))
        stream.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def write_csv_folder(records: Iterable[InterchangeRecord], folder: Path, *, include_identity: bool) -> int:
    writers: dict[str, tuple[TextIO, csv.DictWriter[str]]] = {}
    count = 0
    try:
        for record in records:
            spec = ENTITIES[record.entity]
            if spec.identity and not include_identity:
                continue
            if record.entity not in writers:
                columns = ["id", *exportable_values(record.entity, dict.fromkeys(spec.field_names), include_identity)]
                stream: TextIO = open(folder / f"{record.entity}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
                writer = csv.DictWriter(stream, fieldnames=columns)
                writer.writeheader()
                writers[record.entity] = (stream, writer)
            values = exportable_values(record.entity, record.values, include_identity)
            writers[record.entity][1].writerow({"id": record.id, **{k: _cell(v) for k, v in values.items()}})
            count += 1
    finally:
        for stream, _ in writers.values():
            stream.close()
    return count


def _cell(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(str(item) for item in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)
