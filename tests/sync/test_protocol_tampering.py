"""Tampering and malformed input: every altered byte refused, and nothing but ProtocolError ever escapes.

The pipeline under test is what the supervisor import runs (parse, verify the device signature, open). Two stronger
properties are checked as well: the server's checks alone (parse and verify, no recipient key) refuse every mutant,
and a reader that forgot the signature check still refuses every mutant outside the signature (AES-GCM and HPKE
`info` bind the header).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hbf_desktop.sync.protocol import (
    CipherSuite,
    MalformedBatchError,
    MalformedHeaderError,
    ProtocolError,
    UnsupportedVersionError,
    open_batch,
    parse_batch,
    verify_signature,
)
from hbf_desktop.sync.protocol.wire import SIGNATURE_LENGTH
from tests.sync.protocol_helpers import (
    MAX_SIZE,
    changes_payload,
    device,
    header_span,
    receive,
    reframe,
    seal,
    supervisors,
    try_mutants,
)

READER = supervisors(CipherSuite.X25519)[0]


def _flips(data: bytes, positions: list[int], mask: int) -> list[tuple[int, bytes]]:
    mutants = []
    for position in positions:
        mutant = bytearray(data)
        mutant[position] ^= mask
        mutants.append((position, bytes(mutant)))
    return mutants


def _server_check(data: bytes) -> None:
    verify_signature(parse_batch(data, max_size=MAX_SIZE), device().signing.public_key())


def _open_without_verifying(reader_index: int, suite: CipherSuite) -> Callable[[bytes], bytes]:
    reader = supervisors(suite)[reader_index].recipient

    def check(data: bytes) -> bytes:
        return open_batch(parse_batch(data, max_size=MAX_SIZE), reader, reader.key_id)

    return check


FLIP_CASES = [(CipherSuite.X25519, 0x01), (CipherSuite.X25519, 0xFF), (CipherSuite.MLKEM768_X25519, 0x01)]


@pytest.mark.parametrize(("suite", "mask"), FLIP_CASES, ids=lambda case: getattr(case, "name", hex(case)))
def test_every_byte_flipped_in_a_small_batch_is_refused(suite: CipherSuite, mask: int) -> None:
    """All positions: framing, header, sealed keys, ciphertext, signature. (The import's parse-verify-open pipeline
    refuses whatever the server's parse-verify refuses, so checking the server's half covers the whole pipeline.)"""
    readers = supervisors(suite)[: 3 if suite is CipherSuite.X25519 else 2]  # hybrid keys are large: keep it fast
    data = seal(changes_payload(2), suite=suite, readers=readers)
    receive(data, readers[1].recipient)  # the unaltered batch opens
    mutants = _flips(data, list(range(len(data))), mask)
    server = try_mutants(mutants, _server_check)
    assert server.escaped == [] and server.accepted == [] and server.refused == len(data)
    before_signature = [mutant for mutant in mutants if mutant[0] < len(data) - SIGNATURE_LENGTH]
    unverified = try_mutants(before_signature, _open_without_verifying(1, suite))
    assert unverified.escaped == [] and unverified.accepted == []
    assert unverified.refused == len(data) - SIGNATURE_LENGTH


def test_sampled_bytes_flipped_in_a_large_batch_are_refused() -> None:
    data = seal(changes_payload(1_000), readers=supervisors(CipherSuite.X25519)[:2])
    start, end = header_span(data)
    sample = random.Random(7).sample(range(end, len(data)), 1_500)
    positions = list(range(0, end)) + sample + list(range(len(data) - SIGNATURE_LENGTH, len(data)))
    mutants = _flips(data, sorted(set(positions)), 0x04)
    result = try_mutants(mutants, lambda mutant: receive(mutant, READER.recipient))
    assert result.escaped == [] and result.accepted == [] and result.refused == len(mutants)
    assert start > 0


@pytest.mark.parametrize("suite", list(CipherSuite), ids=lambda suite: suite.name)
def test_truncation_at_every_length_is_refused(suite: CipherSuite) -> None:
    data = seal(b"short", suite=suite, readers=supervisors(suite)[:2])
    result = try_mutants([(length, data[:length]) for length in range(len(data))], _server_check)
    assert result.escaped == [] and result.accepted == [] and result.refused == len(data)


@pytest.mark.parametrize("garbage", [b"\x00", b"HBFB", bytes(64), b"\n"])
def test_trailing_bytes_are_refused(garbage: bytes) -> None:
    data = seal(b"x")
    with pytest.raises(MalformedBatchError, match="unexpected bytes after its signature"):
        parse_batch(data + garbage, max_size=MAX_SIZE)


def test_two_batches_concatenated_are_refused() -> None:
    with pytest.raises(MalformedBatchError):
        parse_batch(seal(b"a") + seal(b"b"), max_size=MAX_SIZE)


def test_wrong_magic_and_unknown_versions_are_named() -> None:
    data = seal(b"x")
    with pytest.raises(MalformedBatchError, match="not an HBF batch"):
        parse_batch(b"PK\x03\x04" + data[4:], max_size=MAX_SIZE)
    with pytest.raises(UnsupportedVersionError, match="envelope version 2"):
        parse_batch(data[:4] + b"\x02" + data[5:], max_size=MAX_SIZE)
    header = _header(data)
    for field, value, message in [("format", 2, "format 2"), ("suite", 3, "suite 3"), ("suite", "1", "suite 1")]:
        with pytest.raises(UnsupportedVersionError, match=message):
            parse_batch(reframe(data, _canonical({**header, field: value})), max_size=MAX_SIZE)


def _header(data: bytes) -> dict[str, object]:
    return dict(json.loads(data[slice(*header_span(data))]))


def _canonical(header: dict[str, object]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _nest(header: dict[str, object], depth: int) -> bytes:
    return _canonical({**header, "x": 0}).replace(b'"x":0', b'"x":' + b"[" * depth + b"]" * depth)


NON_CANONICAL = {
    "spaces": lambda header: json.dumps(header, sort_keys=True).encode(),
    "unsorted keys": lambda header: json.dumps(dict(reversed(list(header.items()))), separators=(",", ":")).encode(),
    "needless escape": lambda header: _canonical(header).replace(b'"hbf"', b'"\\u0068bf"'),
    "float": lambda header: _canonical(header).replace(b'"directory_version":3', b'"directory_version":3.0'),
    "exponent": lambda header: _canonical(header).replace(b'"directory_version":3', b'"directory_version":3e0'),
    "minus zero": lambda header: _canonical({**header, "directory_version": 0}).replace(b":0,", b":-0,"),
    "duplicate key": lambda header: _canonical(header).replace(b'{"batch_id"', b'{"sequence":1,"batch_id"'),
    "trailing newline": lambda header: _canonical(header) + b"\n",
    "byte order mark": lambda header: b"\xef\xbb\xbf" + _canonical(header),
    "not utf-8": lambda header: _canonical(header).replace(b'"hbf"', b'"hb\xff"'),
    "lone surrogate": lambda header: _canonical(header).replace(b'"hbf"', b'"\\ud800"'),
    "nested past the recursion limit": lambda header: _nest(header, 5_000),
    "nested past the depth limit": lambda header: _nest(header, 100),
    "huge integer": lambda header: _canonical(header).replace(
        b'"directory_version":3', b'"directory_version":' + b"9" * 5000
    ),
    "array": lambda header: b"[" + _canonical(header) + b"]",
    "nan": lambda header: _canonical(header).replace(b'"directory_version":3', b'"directory_version":NaN'),
}


@pytest.mark.parametrize("variant", sorted(NON_CANONICAL))
def test_a_header_in_any_other_spelling_is_refused(variant: str) -> None:
    data = seal(b"x")
    altered = NON_CANONICAL[variant](_header(data))
    assert altered != data[slice(*header_span(data))]
    with pytest.raises((MalformedHeaderError, UnsupportedVersionError)):
        parse_batch(reframe(data, altered), max_size=MAX_SIZE)


BAD_FIELDS: list[tuple[str, object]] = [
    ("sequence", True),
    ("sequence", -1),
    ("sequence", "1"),
    ("sequence", 2**53),
    ("padded_size", 4097),
    ("padded_size", 0),
    ("directory_version", None),
    ("batch_id", "0190F3C2-7A1E-7C3D-9B2A-5E4F6A7B8C9D"),
    ("batch_id", "not-a-uuid"),
    ("created_at", "2025-03-14T09:26:53Z"),
    ("created_at", "2025-02-30T09:26:53.000000Z"),
    ("created_at", "2025-03-14T09:26:53.000000+00:00"),
    ("device_id", ""),
    ("device_id", "device with spaces"),
    ("organisation_id", "x" * 65),
    ("previous_batch_hash", "AB" * 32),
    ("recipients", []),
    ("recipients", {}),
    ("extra", 1),
]


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=lambda item: str(item)[:30])
def test_bad_field_values_are_refused_with_a_readable_reason(field: str, value: object) -> None:
    data = seal(b"x")
    header = {**_header(data), field: value}
    with pytest.raises(ProtocolError) as caught:
        parse_batch(reframe(data, _canonical(header)), max_size=MAX_SIZE)
    assert isinstance(caught.value, (MalformedHeaderError, MalformedBatchError))
    assert str(caught.value)[0].isupper() and len(str(caught.value)) > 20


def test_missing_fields_are_named() -> None:
    data = seal(b"x")
    header = _header(data)
    del header["created_at"]
    with pytest.raises(MalformedHeaderError, match="missing \\['created_at'\\]"):
        parse_batch(reframe(data, _canonical(header)), max_size=MAX_SIZE)


def test_duplicate_and_unsorted_recipients_are_refused() -> None:
    data = seal(b"x", readers=supervisors(CipherSuite.X25519)[:2])
    header = _header(data)
    recipients = header["recipients"]
    assert isinstance(recipients, list)
    for altered in ([recipients[0], recipients[0]], list(reversed(recipients))):
        with pytest.raises(MalformedHeaderError, match="duplicated or not sorted"):
            parse_batch(reframe(data, _canonical({**header, "recipients": altered})), max_size=MAX_SIZE)


def test_a_sealed_key_of_the_wrong_length_is_refused() -> None:
    data = seal(b"x")
    header = _header(data)
    recipients = header["recipients"]
    assert isinstance(recipients, list)
    short = {**recipients[0], "sealed_key": recipients[0]["sealed_key"][:-3]}
    with pytest.raises(MalformedHeaderError, match="sealed key is not 80 bytes"):
        parse_batch(reframe(data, _canonical({**header, "recipients": [short]})), max_size=MAX_SIZE)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2_000))
def test_parsing_arbitrary_bytes_raises_only_protocol_errors(data: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_batch(data, max_size=MAX_SIZE)


@settings(max_examples=300, deadline=None)
@given(header=st.binary(max_size=600), ciphertext_length=st.integers(0, 2**32 - 1), tail=st.binary(max_size=300))
def test_parsing_well_framed_garbage_raises_only_protocol_errors(
    header: bytes, ciphertext_length: int, tail: bytes
) -> None:
    data = b"HBFB\x01" + len(header).to_bytes(4, "big") + header + ciphertext_length.to_bytes(4, "big") + tail
    with pytest.raises(ProtocolError):
        parse_batch(data, max_size=MAX_SIZE)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
_SEALED = seal(b"fuzzed", readers=supervisors(CipherSuite.X25519)[:2])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(_header(_SEALED)) + ["extra"]), value=_JSON_VALUES)
def test_any_field_replaced_by_any_json_value_is_refused_by_the_server_checks(field: str, value: object) -> None:
    header = {**_header(_SEALED), field: value}
    forged = reframe(_SEALED, json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    if forged == _SEALED:
        return
    with pytest.raises(ProtocolError):
        _server_check(forged)
    with pytest.raises(ProtocolError):
        receive(forged, READER.recipient)
