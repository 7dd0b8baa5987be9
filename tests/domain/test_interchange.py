"""JSON Lines: malformed files give line-numbered problems and never an exception; writing leaks no identity."""

from __future__ import annotations

import io
import json

import pytest

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.interchange import (
    MAX_LINE_BYTES,
    MAX_PROBLEMS,
    PARENTS_FIRST,
    InterchangeRecord,
    ReadResult,
    check_references,
    read_jsonl,
    records_from_dicts,
    write_jsonl,
)
from tests.domain.examples import EXAMPLES, IDS

CLIENT_ID = IDS["client"]
GOOD = {"type": "client", "id": CLIENT_ID, "pseudonym_code": "HB-7K3Q"}


def line(item: object) -> bytes:
    return json.dumps(item).encode() + b"\n"


def read(*lines: bytes) -> ReadResult:
    return read_jsonl(io.BytesIO(b"".join(lines)))


def all_examples() -> list[InterchangeRecord]:
    return [InterchangeRecord(name, IDS[name], dict(EXAMPLES[name])) for name in PARENTS_FIRST]


def only_problem(result: ReadResult) -> str:
    assert len(result.problems) == 1, [str(problem) for problem in result.problems]
    return str(result.problems[0])


def test_a_good_file_reads_every_record_with_its_line() -> None:
    case = {"type": "case", "id": IDS["case"], "client_id": CLIENT_ID, "status": "open", "opened_on": "2024-03-01"}
    result = read(line(GOOD), b"\n", line(case))
    assert result.problems == []
    assert [(record.entity, record.id, record.line) for record in result.records] == [
        ("client", CLIENT_ID, 1), ("case", IDS["case"], 3),
    ]  # fmt: skip


OTHER_ID = "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6c"
DUPLICATE = f"line 2: client.id: id {CLIENT_ID} appears more than once in the file (first on line 1)"
LATIN_1 = '{"type": "client", "id": "x", "pseudonym_code": "HB-\u00c9"}\n'.encode("latin-1")
CANNOT = "line 2: this JSON cannot be imported"
MALFORMED: dict[str, tuple[bytes, str]] = {
    "bad JSON": (b'{"type": "client", "id": \n', "line 2: this is not valid JSON"),
    "not an object": (b"[1, 2]\n", "line 2: each line must be one JSON object"),
    "a bare string": (b'"client"\n', "line 2: each line must be one JSON object"),
    "null": (b"null\n", "line 2: each line must be one JSON object"),
    "unknown type": (line({"type": "patient", "id": OTHER_ID}), "line 2: type: type 'patient' is not a kind of record"),
    "missing type": (line({"id": OTHER_ID}), "line 2: type: type is missing; it must be one of: accommodation"),
    "missing id": (line({"type": "client", "pseudonym_code": "HB-7K3R"}), "line 2: client.id: id is missing"),
    "non-UUID id": (line({"type": "client", "id": "42"}), "line 2: client.id: id is '42'; it must be a UUID"),
    "bad enum": (
        line({**GOOD, "id": OTHER_ID, "gender": "robot"}),
        "line 2: client.gender: Gender: 'robot' is not one of the allowed values (feminine, masculine,",
    ),
    "missing required field": (line({"type": "client", "id": OTHER_ID}), "line 2: client.pseudonym_code: Pseudonym"),
    "bad date": (
        line({"type": "case", "id": OTHER_ID, "client_id": CLIENT_ID, "status": "open", "opened_on": "1/3/2024"}),
        "line 2: case.opened_on: Opened on: '1/3/2024' is not a date; use YYYY-MM-DD, e.g. 2024-03-01.",
    ),
    "duplicate id": (line(GOOD), DUPLICATE),
    "wrong encoding": (LATIN_1, "line 2: the file is not UTF-8 text"),
    "repeated key": (b'{"type": "client", "type": "case"}\n', f"{CANNOT}: the key 'type' appears twice"),
    "NaN": (b'{"type": "contact", "wellbeing_score": NaN}\n', f"{CANNOT}: NaN is not a number"),
    "too deep": (b"[" * 100_000 + b"]" * 100_000 + b"\n", CANNOT),
    "huge number": (b'{"n": ' + b"9" * 5000 + b"}\n", CANNOT),
    "lone surrogate": (b'{"type": "client", "\\ud800": 1}\n', "line 2: the line holds a broken character escape"),
    "unknown field": (line({**GOOD, "id": OTHER_ID, "colour": "blue"}), "line 2: client.colour: 'colour' is not a"),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_line_gives_one_line_numbered_problem_and_no_exception(kind: str) -> None:
    bad, expected = MALFORMED[kind]
    after = {"type": "organisation", "id": IDS["organisation"], "name": "Riverside", "org_type": "ngo"}
    result = read(line(GOOD), bad, line(after))
    assert only_problem(result).startswith(expected)
    assert [record.line for record in result.records] == [1, 3], "the lines around it are still read"


def test_a_huge_line_is_reported_without_being_held_and_counting_goes_on() -> None:
    huge = b'{"type": "client", "note": "' + b"x" * (2 * MAX_LINE_BYTES) + b'"}\n'
    result = read(line(GOOD), huge, line({**GOOD, "id": OTHER_ID}))
    message = only_problem(result)
    assert message.startswith("line 2: the line is longer than 1048576 bytes")
    assert len(message) < 200
    assert [record.line for record in result.records] == [1, 3]


def test_a_line_of_exactly_the_limit_is_read_and_one_byte_more_is_not() -> None:
    text = json.dumps(GOOD).encode()
    exact = text[:-1] + b" " * (MAX_LINE_BYTES - len(text)) + b"}"  # JSON allows the padding
    assert len(exact) == MAX_LINE_BYTES
    result = read(exact + b"\n", b" " + exact.replace(CLIENT_ID.encode(), OTHER_ID.encode()) + b"\n")
    assert [record.line for record in result.records] == [1]
    assert only_problem(result).startswith("line 2: the line is longer than")


def test_a_utf8_byte_order_mark_is_accepted_and_utf16_is_named() -> None:
    assert read(b"\xef\xbb\xbf" + line(GOOD)).problems == []
    utf16 = json.dumps(GOOD).encode("utf-16")
    assert only_problem(read(utf16 + b"\n")).startswith("line 1: the file is UTF-16 text, not UTF-8")


def test_an_upper_case_id_is_normalised_so_duplicates_are_found() -> None:
    result = read(line({**GOOD, "id": CLIENT_ID.upper()}), line(GOOD))
    assert result.records[0].id == CLIENT_ID
    assert "appears more than once" in only_problem(result)


def test_a_file_wrong_on_every_line_is_reported_in_part() -> None:
    result = read(*[b"oops\n"] * (MAX_PROBLEMS + 500))
    assert len(result.problems) == MAX_PROBLEMS
    assert "stopped reading" in str(result.problems[-1])


def test_records_made_in_memory_are_checked_like_a_file() -> None:
    result = records_from_dicts([GOOD, {"type": "client", "id": OTHER_ID, "gender": "robot"}])
    assert [record.id for record in result.records] == [CLIENT_ID]
    assert {problem.field for problem in result.problems} == {"gender", "pseudonym_code"}
    assert all(problem.line == 2 for problem in result.problems)


def test_jsonl_round_trip_preserves_every_value() -> None:
    stream = io.StringIO()
    assert write_jsonl(all_examples(), stream, include_identity=True) == len(ENTITIES)
    result = read_jsonl(io.BytesIO(stream.getvalue().encode()))
    assert result.problems == []
    assert {(r.entity, r.id): r.values for r in result.records} == {(r.entity, r.id): r.values for r in all_examples()}
    assert check_references(result.records, exists=lambda entity, record_id: False) == []


def test_without_identity_no_identifier_or_narrative_leaves() -> None:
    stream = io.StringIO()
    written = write_jsonl(all_examples(), stream)  # leaving identity out is the default
    items = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert written == len(items) == len(ENTITIES) - 1
    assert "client_identity" not in {item["type"] for item in items}
    for item in items:
        spec = ENTITIES[item["type"]]
        for name in item:
            field = spec.field(name)
            assert name in ("type", "id") or (field is not None and not field.is_identifier and not field.is_narrative)
    text = stream.getvalue()
    for secret in ("Arta", "+447700900123", "SCA-123456", "Blue umbrella", "rg-letter.pdf", "Sleeping better"):
        assert secret not in text
    assert "Riverside Law Centre" in text and "debt_bondage" in text, "non-identifying values still travel"


def test_references_must_point_at_a_record_of_the_right_kind() -> None:
    case = InterchangeRecord("case", IDS["case"], {"client_id": CLIENT_ID, "status": "open"}, line=2)
    contact = InterchangeRecord("contact", IDS["contact"], {"case_id": IDS["client"]}, line=3)
    asked: list[tuple[str, str]] = []

    def exists(entity: str, record_id: str) -> bool:
        asked.append((entity, record_id))
        return False

    problems = check_references([case, contact], exists)
    messages = {(problem.line, problem.field): problem.message for problem in problems}
    assert messages == {
        (2, "client_id"): f"Client: there is no client with id {CLIENT_ID} in the file or in the store",
        (3, "case_id"): f"Case: there is no case with id {CLIENT_ID} in the file or in the store",
    }
    assert asked == [("client", CLIENT_ID), ("case", CLIENT_ID)]
    assert check_references([case], lambda entity, record_id: entity == "client") == []


def test_a_reference_to_a_record_of_another_kind_in_the_file_is_named() -> None:
    client = InterchangeRecord("client", CLIENT_ID, {"pseudonym_code": "HB-7K3Q"}, line=1)
    contact = InterchangeRecord("contact", IDS["contact"], {"case_id": CLIENT_ID}, line=2)
    [problem] = check_references([client, contact], lambda entity, record_id: True)
    assert problem.line == 2 and problem.message == f"Case: {CLIENT_ID} is a client record in this file, not a case"


def test_a_client_has_one_identity() -> None:
    first = InterchangeRecord("client_identity", IDS["client_identity"], {"client_id": CLIENT_ID}, line=4)
    second = InterchangeRecord("client_identity", OTHER_ID, {"client_id": CLIENT_ID}, line=9)
    [problem] = check_references([first, second], lambda entity, record_id: True)
    assert problem.line == 9 and "already has an identity in this file (line 4)" in problem.message


def test_parents_come_before_the_records_that_refer_to_them() -> None:
    position = {name: index for index, name in enumerate(PARENTS_FIRST)}
    assert set(PARENTS_FIRST) == set(ENTITIES)
    for spec in ENTITIES.values():
        for field in spec.fields:
            if field.references and field.references != spec.name:
                assert position[field.references] < position[spec.name], (spec.name, field.name)


def test_a_problem_names_the_line_and_the_field_by_its_label() -> None:
    result = read(line(GOOD), line({**GOOD, "id": OTHER_ID, "children_count": "two"}))
    [problem] = result.problems
    assert (problem.line, problem.file, problem.entity, problem.field) == (2, None, "client", "children_count")
    assert problem.message.startswith("Number of children: 'two' is not a whole number; use a whole number from 0")
