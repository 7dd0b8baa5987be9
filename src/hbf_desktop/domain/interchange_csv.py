"""CSV folders: one `<entity>.csv` per entity, the same column names as JSON Lines, for people moving from spreadsheets.

A cell holding a list separates its entries with ";" (or is a JSON array when an entry itself holds a ";"); a
structured value is JSON; true and false are words. Free text that a spreadsheet would run as a formula (starting
with =, +, -, @) is written with a leading "'", which reading removes again: an export opened in a spreadsheet must
never run code planted in a client's note. Like JSON Lines reading, CSV reading never raises on bad input.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.interchange_records import (
    PARENTS_FIRST,
    InterchangeRecord,
    ReadResult,
    RecordChecker,
    exportable_values,
)
from hbf_desktop.domain.model import EntitySpec, FieldKind, JsonValue
from hbf_desktop.domain.values import FORMULA_TRIGGERS, FREE_TEXT_KINDS

MAX_CSV_LINE_BYTES = 1024 * 1024
_PRIVATE_FILE_MODE = 0o600  # exports hold identity: readable by their owner only, from the first byte


class _FileUnreadableError(Exception):
    """Stops reading one CSV file; its text and line are the problem to report."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def read_csv_folder(folder: Path, only: str | None = None) -> ReadResult:
    """Every record of the `<entity>.csv` files in `folder` (or of `<only>.csv`), parents first, with every problem."""
    result = ReadResult()
    checker = RecordChecker(result, from_text=True)
    for entity, path in _csv_files(folder, only, checker):
        if result.full:
            break
        try:
            with open(path, "rb") as stream:
                _read_file(stream, ENTITIES[entity], path.name, checker)
        except OSError as error:
            checker.problem(f"{path.name} cannot be read ({error.strerror})", None, path.name)
    return result


def _csv_files(folder: Path, only: str | None, checker: RecordChecker) -> list[tuple[str, Path]]:
    if only is not None:
        names = [only]
    else:
        names = sorted(path.stem for path in folder.glob("*.csv")) if folder.is_dir() else []
    if not names:
        checker.problem(f"no <kind of record>.csv files were found in {folder}", None)
    for name in names:
        if name not in ENTITIES:
            guesses = difflib.get_close_matches(name, list(ENTITIES), n=1, cutoff=0.75)
            guess = f" (did you mean {guesses[0]}.csv?)" if guesses else ""
            known = ", ".join(f"{entity}.csv" for entity in PARENTS_FIRST)
            checker.problem(f"'{name}' is not a kind of record{guess}; the files can be: {known}", None, f"{name}.csv")
    return [(entity, folder / f"{entity}.csv") for entity in PARENTS_FIRST if entity in names]


def _read_file(stream: Iterable[bytes], spec: EntitySpec, file: str, checker: RecordChecker) -> None:
    reader = csv.reader(_text_lines(stream), strict=True)
    try:
        columns = _header(next(reader, None), spec, file, checker)
        if columns is None:
            return
        last_line = reader.line_num
        for row in reader:
            _accept_row(row, columns, spec, last_line + 1, file, checker)
            last_line = reader.line_num
    except _FileUnreadableError as error:
        checker.problem(f"{error}; the rest of the file was not read", error.line, file)
    except csv.Error as error:
        checker.problem(f"this is not valid CSV ({error}); the rest of the file was not read", reader.line_num, file)


def _text_lines(stream: Iterable[bytes]) -> Iterator[str]:
    """Decoded lines, refusing (with the line number) one that is not UTF-8 or longer than MAX_CSV_LINE_BYTES.

    Splitting bytes on newlines before decoding is safe in UTF-8, and it gives exact line numbers for a bad byte.
    """
    iterator = _bounded_lines(stream)
    for number, raw in enumerate(iterator, start=1):
        if raw is None:
            raise _FileUnreadableError(f"the line is longer than {MAX_CSV_LINE_BYTES} bytes (1 MiB)", number)
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _FileUnreadableError("the file is UTF-16 text, not UTF-8; save it as UTF-8 (CSV UTF-8)", number)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"the file is not UTF-8 text (byte {error.start + 1} of the line); save it as CSV UTF-8"
            raise _FileUnreadableError(message, number) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _bounded_lines(stream: Iterable[bytes]) -> Iterator[bytes | None]:
    readline = getattr(stream, "readline", None)
    if readline is None:
        yield from stream
        return
    while line := readline(MAX_CSV_LINE_BYTES + 1):
        if len(line) > MAX_CSV_LINE_BYTES and not line.endswith(b"\n"):
            yield None
            return
        yield line


def _header(row: list[str] | None, spec: EntitySpec, file: str, checker: RecordChecker) -> list[str | None] | None:
    """Column names, with None for columns to ignore (already reported); None when the file cannot be read."""
    if row is None or not any(cell.strip() for cell in row):
        checker.problem("the file has no header row naming its columns (id, then field names)", 1, file)
        return None
    names = [cell.strip() for cell in row]
    if "id" not in names:
        checker.problem("the header has no 'id' column; every record needs its id (a UUID)", 1, file)
        return None
    columns: list[str | None] = []
    for index, name in enumerate(names):
        if name in names[:index]:
            checker.problem(f"the column '{name[:40]}' appears twice in the header", 1, file, spec.name, name)
            columns.append(None)
        elif name != "id" and spec.field(name) is None:
            guesses = difflib.get_close_matches(name, spec.field_names, n=1, cutoff=0.75)
            guess = f" (did you mean '{guesses[0]}'?)" if guesses else ""
            message = f"'{name[:40]}' is not a field of {spec.label.lower()} records{guess}"
            checker.problem(f"{message}; the columns can be: id, {', '.join(spec.field_names)}", 1, file)
            columns.append(None)
        else:
            columns.append(name)
    return columns


def _accept_row(
    row: list[str], columns: Sequence[str | None], spec: EntitySpec, line: int, file: str, checker: RecordChecker
) -> None:
    if not any(cell.strip() for cell in row):
        return  # spreadsheets leave blank rows at the end
    if len(row) != len(columns):
        message = f"this row has {len(row)} cells but the header has {len(columns)} columns"
        checker.problem(message, line, file, spec.name)
        return
    item: dict[str, object] = {name: cell for name, cell in zip(columns, row, strict=True) if name is not None}
    item["type"] = spec.name
    checker.accept(item, line, file)


def write_csv_folder(records: Iterable[InterchangeRecord], folder: Path, *, include_identity: bool = False) -> int:
    """Write one `<entity>.csv` per entity present into `folder` (which must exist); returns the number of records.

    Identity is left out unless asked for: no client_identity.csv, no identifier (I) or narrative (N) column.
    """
    outputs: dict[str, tuple[TextIO, csv.DictWriter[str]]] = {}
    count = 0
    try:
        for record in records:
            spec = ENTITIES[record.entity]
            if spec.identity and not include_identity:
                continue
            if record.entity not in outputs:
                outputs[record.entity] = _open_output(folder, spec, include_identity)
            values = exportable_values(record.entity, record.values, include_identity)
            row = {name: _cell(spec, name, value) for name, value in values.items()}
            outputs[record.entity][1].writerow({"id": record.id, **row})
            count += 1
    finally:
        for stream, _ in outputs.values():
            stream.close()
    return count


def _open_output(folder: Path, spec: EntitySpec, include_identity: bool) -> tuple[TextIO, csv.DictWriter[str]]:
    all_fields: dict[str, JsonValue] = dict.fromkeys(spec.field_names)
    columns = ["id", *exportable_values(spec.name, all_fields, include_identity)]
    descriptor = os.open(folder / f"{spec.name}.csv", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _PRIVATE_FILE_MODE)
    stream = open(descriptor, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by write_csv_folder)
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    return stream, writer


def _cell(spec: EntitySpec, name: str, value: JsonValue) -> str:
    field = spec.field(name)
    kind = field.kind if field is not None else FieldKind.TEXT
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = [str(item) for item in value]
        joined = ";".join(items)
        plain = items and not any(";" in item for item in items) and not joined.lstrip().startswith("[")
        text = joined if plain else json.dumps(items, ensure_ascii=False)
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    if kind in FREE_TEXT_KINDS and text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        text = "'" + text
    return text
