"""The JSON Lines interchange format of DATA-MODEL.md: reading that never raises, writing that leaks nothing.

Reading reports every problem with its line and never raises on bad input, because an import is all or nothing: the
caller imports only when the list of problems is empty. A line is read at most MAX_LINE_BYTES at a time, so a
hostile or broken file (one 2 GB line) costs no more memory than a good one. Writing can leave out identity: the
`client_identity` entity, every identifier (I) field and every narrative (N) field. CSV folders (for people moving
from spreadsheets) are in `interchange_csv`, re-exported here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import BinaryIO, TextIO

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.interchange_csv import read_csv_folder, write_csv_folder
from hbf_desktop.domain.interchange_records import (
    MAX_PROBLEMS,
    PARENTS_FIRST,
    InterchangeRecord,
    ReadResult,
    RecordChecker,
    exportable_values,
)
from hbf_desktop.domain.model import JsonValue, Problem

__all__ = [
    "MAX_LINE_BYTES", "MAX_PROBLEMS", "PARENTS_FIRST", "InterchangeRecord", "ReadResult", "check_references",
    "exportable_values", "read_csv_folder", "read_jsonl", "records_from_dicts", "write_csv_folder", "write_jsonl",
]  # fmt: skip

MAX_LINE_BYTES = 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TOO_LONG = object()  # what _lines yields for a line it did not keep


class _BadJsonError(ValueError):
    """JSON that the standard library accepts but the format does not (NaN, a key given twice)."""


def read_jsonl(stream: BinaryIO) -> ReadResult:
    """Every record of a JSON Lines file, and every problem with its line number; never raises on bad input."""
    result = ReadResult()
    checker = RecordChecker(result)
    for number, raw in enumerate(_lines(stream), start=1):
        if result.full:
            break
        if not isinstance(raw, bytes):
            checker.problem(f"the line is longer than {MAX_LINE_BYTES} bytes (1 MiB); no record may be", number)
            continue
        if number == 1 and raw.startswith(_UTF16_BOMS):
            checker.problem("the file is UTF-16 text, not UTF-8; save it as UTF-8 and import it again", number)
            break
        if number == 1 and raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM) :]  # a byte-order mark some editors add; harmless
        item = _parse_line(raw, number, checker)
        if item is not None:
            checker.accept(item, number)
    return result


def _lines(stream: BinaryIO) -> Iterator[bytes | object]:
    """Lines of at most MAX_LINE_BYTES; a longer line yields _TOO_LONG once, read through but never held."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
            yield _TOO_LONG
            continue
        yield line


def _parse_line(raw: bytes, number: int, checker: RecordChecker) -> dict[str, object] | None:
    """The line's JSON object, or None (blank, or a problem was reported)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        checker.problem(f"the file is not UTF-8 text (byte {error.start + 1} of the line); save it as UTF-8", number)
        return None
    if not text.strip():
        return None
    try:
        item = _DECODER.decode(text)
        if "\\ud" in text.lower():  # only an escape can make a lone surrogate, which no store or file can hold
            json.dumps(item, ensure_ascii=False).encode("utf-8")
    except json.JSONDecodeError as error:
        checker.problem(f"this is not valid JSON ({error.msg} at column {error.colno})", number)
        return None
    except UnicodeEncodeError:
        checker.problem("the line holds a broken character escape (a lone \\ud800-\\udfff surrogate)", number)
        return None
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, _BadJsonError) else "it is nested too deeply or a number is too long"
        checker.problem(f"this JSON cannot be imported: {reason}", number)
        return None
    if not isinstance(item, dict):
        checker.problem("each line must be one JSON object, {...}; this line is not", number)
        return None
    return item


def _object_without_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
    item = dict(pairs)
    if len(item) != len(pairs):
        repeated = next(key for index, (key, _) in enumerate(pairs) if key in dict(pairs[:index]))
        raise _BadJsonError(f"the key '{repeated[:40]}' appears twice in one object")
    return item


def _refuse_constant(name: str) -> object:
    raise _BadJsonError(f"{name} is not a number JSON allows")


_DECODER = json.JSONDecoder(object_pairs_hook=_object_without_repeats, parse_constant=_refuse_constant)


def records_from_dicts(items: Iterable[Mapping[str, object]]) -> ReadResult:
    """Check records made in memory (the synthetic generator) exactly as a file would be checked."""
    result = ReadResult()
    checker = RecordChecker(result)
    for number, item in enumerate(items, start=1):
        if result.full:
            break
        checker.accept(item, number)
    return result


def check_references(records: Sequence[InterchangeRecord], exists: Callable[[str, str], bool]) -> list[Problem]:
    """Every `*_id` must point at a record of the right kind, in the file or (through `exists`) in the store.

    Also refuses a second identity for one client within the file: the vault holds one per client.
    """
    in_file = {record.id: record.entity for record in records}
    problems: list[Problem] = []
    identity_of: dict[str, int | None] = {}
    for record in records:
        problems.extend(_reference_problems(record, in_file, exists))
        client_id = record.values.get("client_id")
        if ENTITIES[record.entity].identity and isinstance(client_id, str):
            if client_id in identity_of:
                first = identity_of[client_id]
                message = f"Client: client {client_id} already has an identity in this file (line {first})"
                problems.append(Problem(record.entity, "client_id", message, record.line, record.source or None))
            identity_of.setdefault(client_id, record.line)
    return problems


def _reference_problems(
    record: InterchangeRecord, in_file: Mapping[str, str], exists: Callable[[str, str], bool]
) -> Iterator[Problem]:
    spec = ENTITIES[record.entity]
    for name, value in record.values.items():
        field = spec.field(name)
        if field is None or field.references is None or not isinstance(value, str):
            continue
        target, found = field.references, in_file.get(value)
        if found == target or (found is None and exists(target, value)):
            continue
        if found is not None:
            message = f"{field.label}: {value} is a {found} record in this file, not a {target}"
        else:
            message = f"{field.label}: there is no {target} with id {value} in the file or in the store"
        yield Problem(record.entity, name, message, record.line, record.source or None)


def write_jsonl(records: Iterable[InterchangeRecord], stream: TextIO, *, include_identity: bool = False) -> int:
    """Write records as JSON Lines; returns how many were written.

    Identity is left out unless asked for, so that forgetting the switch can never leak it.
    """
    count = 0
    for record in records:
        if ENTITIES[record.entity].identity and not include_identity:
            continue
        item: dict[str, JsonValue] = {"type": record.entity, "id": record.id}
        item.update(exportable_values(record.entity, record.values, include_identity))
        stream.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count
