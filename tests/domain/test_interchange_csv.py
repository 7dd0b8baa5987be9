"""CSV folders: round trips, identity left out, formula guard, and problems that name the file and the line."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.interchange import (
    PARENTS_FIRST,
    InterchangeRecord,
    ReadResult,
    read_csv_folder,
    write_csv_folder,
)
from tests.domain.examples import EXAMPLES, IDS

CLIENT_ID = IDS["client"]
OTHER_ID = "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6c"


def all_examples() -> list[InterchangeRecord]:
    return [InterchangeRecord(name, IDS[name], dict(EXAMPLES[name])) for name in PARENTS_FIRST]


def problems(result: ReadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_csv_round_trip_preserves_every_value_in_parents_first_order(tmp_path: Path) -> None:
    assert write_csv_folder(all_examples(), tmp_path, include_identity=True) == len(ENTITIES)
    assert {path.name for path in tmp_path.iterdir()} == {f"{name}.csv" for name in ENTITIES}
    result = read_csv_folder(tmp_path)
    assert problems(result) == []
    assert [(r.entity, r.id, r.values) for r in result.records] == [(r.entity, r.id, r.values) for r in all_examples()]
    assert all(record.line == 2 and record.source == f"{record.entity}.csv" for record in result.records)


def test_cells_hold_lists_with_semicolons_and_words_for_booleans(tmp_path: Path) -> None:
    write_csv_folder(all_examples(), tmp_path, include_identity=True)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "client.csv").read_text(encoding="utf-8"))))
    assert rows[0]["languages"] == "sqi;eng" and rows[0]["interpreter_needed"] == "true"
    assert list(rows[0]) == ["id", *ENTITIES["client"].field_names]


def test_without_identity_there_is_no_vault_file_and_no_identifier_or_narrative_column(tmp_path: Path) -> None:
    write_csv_folder(all_examples(), tmp_path)  # leaving identity out is the default
    assert not (tmp_path / "client_identity.csv").exists()
    text = "".join(path.read_text(encoding="utf-8") for path in tmp_path.iterdir())
    for secret in ("Arta", "+447700900123", "SCA-123456", "Blue umbrella", "rg-letter.pdf", "Sleeping better"):
        assert secret not in text
    for path in tmp_path.iterdir():
        spec = ENTITIES[path.stem]
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        for name in header[1:]:
            field = spec.field(name)
            assert field is not None and not field.is_identifier and not field.is_narrative, (path.name, name)


def test_files_are_private_to_their_owner(tmp_path: Path) -> None:
    write_csv_folder(all_examples(), tmp_path, include_identity=True)
    for path in tmp_path.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x")', "+1", "-x", "@SUM(1)", "'=quoted", "plain ' text"])
def test_free_text_never_becomes_a_spreadsheet_formula_and_still_round_trips(tmp_path: Path, note: str) -> None:
    contact = dict(EXAMPLES["contact"], note=note)
    write_csv_folder([InterchangeRecord("contact", IDS["contact"], contact)], tmp_path, include_identity=True)
    row = next(csv.DictReader(io.StringIO((tmp_path / "contact.csv").read_text(encoding="utf-8"))))
    assert row["note"][:1] not in ("=", "+", "-", "@")
    assert read_csv_folder(tmp_path).records[0].values["note"] == note


def test_list_entries_holding_a_semicolon_round_trip(tmp_path: Path) -> None:
    identity = dict(EXAMPLES["client_identity"], aliases=["Ari; Arta", "[K]"])
    write_csv_folder([InterchangeRecord("client_identity", IDS["client_identity"], identity)], tmp_path,
                     include_identity=True)  # fmt: skip
    assert read_csv_folder(tmp_path).records[0].values["aliases"] == ["Ari; Arta", "[K]"]


def test_a_spreadsheet_written_by_hand_is_read(tmp_path: Path) -> None:
    write(tmp_path, "client.csv", "\ufeffid,pseudonym_code,gender,citizenship,interpreter_needed,children_count\r\n"
          f"{CLIENT_ID},HB-7K3Q,Feminine,alb; vnm,yes,2\r\n,,,,,\r\n")  # fmt: skip
    result = read_csv_folder(tmp_path)
    assert problems(result) == []
    assert result.records[0].values == {
        "pseudonym_code": "HB-7K3Q", "gender": "feminine", "citizenship": ["ALB", "VNM"],
        "interpreter_needed": True, "children_count": 2,
    }  # fmt: skip


def test_problems_name_the_file_and_the_line_where_the_row_starts(tmp_path: Path) -> None:
    case = IDS["case"]
    write(tmp_path, "contact.csv", "id,case_id,contact_type,occurred_at,outcome,note\n"
          f'{IDS["contact"]},{case},welfare_call,2024-03-01T10:00:00+00:00,completed,"two\nlines"\n'
          f"{OTHER_ID},{case},welfare_call,2024-03-02T10:00:00+00:00,answered,\n")  # fmt: skip
    result = read_csv_folder(tmp_path)
    assert result.records[0].values["note"] == "two\nlines"
    [problem] = result.problems
    assert (problem.file, problem.line, problem.field) == ("contact.csv", 4, "outcome")
    assert str(problem).startswith("contact.csv line 4: contact.outcome: Outcome: 'answered' is not one of the allowed")


CSV_CASES = {
    "unknown column": (
        f"id,pseudonym_code,gendr\n{CLIENT_ID},HB-7K3Q,feminine\n{OTHER_ID},HB-7K3R,masculine\n",
        ["client.csv line 1: 'gendr' is not a field of client records (did you mean 'gender'?)"],
    ),
    "no id column": ("pseudonym_code\nHB-7K3Q\n", ["client.csv line 1: the header has no 'id' column"]),
    "empty file": ("", ["client.csv line 1: the file has no header row"]),
    "repeated column": (
        f"id,pseudonym_code,gender,gender\n{CLIENT_ID},HB-7K3Q,feminine,feminine\n",
        ["client.csv line 1: client.gender: the column 'gender' appears twice"],
    ),
    "wrong cell count": (
        f"id,pseudonym_code\n{CLIENT_ID},HB-7K3Q,extra\n",
        ["client.csv line 2: this row has 3 cells but the header has 2 columns"],
    ),
    "missing required": (f"id,gender\n{CLIENT_ID},feminine\n", ["client.csv line 2: client.pseudonym_code: Pseudonym"]),
    "bad id": ("id,pseudonym_code\nclient-1,HB-7K3Q\n", ["client.csv line 2: client.id: id is 'client-1'"]),
    "duplicate id": (
        f"id,pseudonym_code\n{CLIENT_ID},HB-7K3Q\n{CLIENT_ID},HB-7K3R\n",
        [f"client.csv line 3: client.id: id {CLIENT_ID} appears more than once in the file (first on client.csv line"],
    ),
    "bad quoting": (
        f'id,pseudonym_code\n{CLIENT_ID},"HB-7K3Q"x\n',
        ["client.csv line 2: this is not valid CSV"],
    ),
    "not UTF-8": (
        f"id,pseudonym_code\n{CLIENT_ID},HB-7K3Q\n{OTHER_ID},HB-É\n".encode("latin-1"),
        ["client.csv line 3: the file is not UTF-8 text (byte 41 of the line)"],
    ),
    "UTF-16": (f"id,pseudonym_code\n{CLIENT_ID},HB-7K3Q\n".encode("utf-16"), ["client.csv line 1: the file is UTF-16"]),
    "huge line": (b"id,pseudonym_code\n" + b"x" * (2 * 1024 * 1024) + b"\n", ["client.csv line 2: the line is longer"]),
}


@pytest.mark.parametrize("kind", sorted(CSV_CASES))
def test_a_malformed_csv_file_gives_problems_with_file_and_line_and_no_exception(tmp_path: Path, kind: str) -> None:
    text, expected = CSV_CASES[kind]
    write(tmp_path, "client.csv", text)
    found = problems(read_csv_folder(tmp_path))
    assert len(found) == len(expected), found
    for message, start in zip(found, expected, strict=True):
        assert message.startswith(start), message


def test_an_unknown_file_name_is_reported_with_the_near_miss(tmp_path: Path) -> None:
    write(tmp_path, "clients.csv", "id\n")
    [message] = problems(read_csv_folder(tmp_path))
    assert message.startswith("clients.csv: 'clients' is not a kind of record (did you mean client.csv?)")


def test_an_empty_folder_or_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    assert "no <kind of record>.csv files" in problems(read_csv_folder(tmp_path))[0]
    assert "case.csv cannot be read" in problems(read_csv_folder(tmp_path, only="case"))[0]
