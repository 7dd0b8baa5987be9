"""Sealing and opening batches: round trips, who can open, padding, limits, and what the server sees."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from hbf_desktop.sync.protocol import (
    NO_PREVIOUS_BATCH,
    BadSignatureError,
    BatchTooLargeError,
    CipherSuite,
    DecryptionError,
    IdentityKeys,
    MalformedHeaderError,
    MalformedKeyError,
    NotARecipientError,
    PayloadTooLargeError,
    RecipientPublicKey,
    batch_hash,
    open_batch,
    parse_batch,
    seal_batch,
    verify_signature,
)
from tests.sync.protocol_helpers import (
    CREATED_AT,
    DEVICE_ID,
    MAX_SIZE,
    changes_payload,
    device,
    header_span,
    receive,
    reframe,
    seal,
    supervisors,
)

SUITES = list(CipherSuite)


@pytest.mark.parametrize("suite", SUITES, ids=lambda suite: suite.name)
@pytest.mark.parametrize("reader_count", [1, 3])
def test_every_recipient_opens_the_payload(suite: CipherSuite, reader_count: int) -> None:
    payload = changes_payload(200)
    readers = supervisors(suite)[:reader_count]
    data = seal(payload, suite=suite, readers=readers)
    for reader in readers:
        assert receive(data, reader.recipient) == payload


@pytest.mark.parametrize("suite", SUITES, ids=lambda suite: suite.name)
def test_the_server_reads_metadata_and_checks_the_signature_without_any_recipient_key(suite: CipherSuite) -> None:
    batch_id = uuid.uuid4()
    readers = supervisors(suite)[:3]
    data = seal(changes_payload(10), suite=suite, readers=readers, batch_id=batch_id)
    batch = parse_batch(data, max_size=MAX_SIZE)
    verify_signature(batch, device().signing.public_key())
    metadata = batch.metadata
    assert (metadata.device_id, metadata.batch_id, metadata.sequence) == (DEVICE_ID, batch_id, 1)
    assert metadata.previous_batch_hash == NO_PREVIOUS_BATCH and metadata.created_at == CREATED_AT
    assert metadata.organisation_id == "hbf" and metadata.directory_version == 3 and metadata.suite is suite
    assert set(metadata.recipient_key_ids) == {reader.recipient.key_id for reader in readers}
    assert batch_hash(data) == batch_hash(bytes(data)) and len(batch_hash(data)) == 64


def test_the_payload_never_appears_in_clear() -> None:
    canary = b"CANARY-Zlatan-Ibrahimovic-1981"
    data = seal(canary * 50 + os.urandom(64))
    assert canary not in data and b"Zlatan" not in data


def test_a_key_that_is_not_a_recipient_cannot_open() -> None:
    readers = supervisors(CipherSuite.X25519)
    data = seal(b"secret", readers=readers[:3])
    outsider = readers[3].recipient
    batch = parse_batch(data, max_size=MAX_SIZE)
    with pytest.raises(NotARecipientError, match="not addressed to key"):
        open_batch(batch, outsider, outsider.key_id)
    # Claiming a recipient's key id with another private key does not help either.
    with pytest.raises(NotARecipientError, match="not key"):
        open_batch(batch, outsider, readers[0].recipient.key_id)


def test_a_key_of_the_other_suite_is_refused_plainly() -> None:
    hybrid_reader = supervisors(CipherSuite.MLKEM768_X25519)[0]
    data = seal(b"x", suite=CipherSuite.X25519)
    batch = parse_batch(data, max_size=MAX_SIZE)
    with pytest.raises(NotARecipientError, match="suite"):
        open_batch(batch, hybrid_reader.recipient, hybrid_reader.recipient.key_id)
    with pytest.raises(MalformedKeyError, match="suite 2"):
        seal(b"x", suite=CipherSuite.X25519, readers=[hybrid_reader])


def test_another_devices_key_does_not_verify() -> None:
    batch = parse_batch(seal(b"x"), max_size=MAX_SIZE)
    with pytest.raises(BadSignatureError, match="not signed by that device's key"):
        verify_signature(batch, IdentityKeys.generate().signing.public_key())


def test_hybrid_suite_costs_about_1_1_kb_more_per_recipient() -> None:
    readers_classic, readers_hybrid = supervisors(CipherSuite.X25519)[:3], supervisors(CipherSuite.MLKEM768_X25519)[:3]
    classic = seal(b"x", readers=readers_classic)
    hybrid = seal(b"x", suite=CipherSuite.MLKEM768_X25519, readers=readers_hybrid)
    per_recipient = (len(hybrid) - len(classic)) / 3
    assert 1_088 * 4 / 3 <= per_recipient <= 1_200 * 4 / 3  # 1,088 more bytes, base64url in the header


def test_padding_hides_sizes_within_a_bucket() -> None:
    random_short, random_long = os.urandom(100), os.urandom(3_000)  # incompressible: sizes stay apart inside
    assert len(seal(random_short)) == len(seal(random_long))
    assert len(seal(os.urandom(5_000))) == len(seal(random_short)) + 4096
    assert parse_batch(seal(random_long), max_size=MAX_SIZE).metadata.padded_size == 4096


def test_repeated_recipients_are_sealed_once_and_sorted() -> None:
    readers = supervisors(CipherSuite.X25519)[:3]
    data = seal(b"x", readers=[readers[2], readers[0], readers[2], readers[1]])
    key_ids = parse_batch(data, max_size=MAX_SIZE).metadata.recipient_key_ids
    assert key_ids == tuple(sorted(reader.recipient.key_id for reader in readers))


def test_sealing_refuses_fields_the_parser_would_refuse() -> None:
    with pytest.raises(MalformedHeaderError, match="sequence"):
        seal(b"x", sequence=0)
    with pytest.raises(MalformedHeaderError, match="first batch"):
        seal(b"x", sequence=2)
    with pytest.raises(MalformedHeaderError, match="first batch"):
        seal(b"x", sequence=1, previous="ab" * 32)
    with pytest.raises(MalformedHeaderError, match="1 to 64 recipients"):
        seal(b"x", readers=[])


def test_a_decompression_bomb_is_refused_before_it_expands() -> None:
    data = seal(bytes(20 * 1024 * 1024))  # 20 MiB of zeros: a few KiB sealed
    assert len(data) < 8 * 1024
    reader = supervisors(CipherSuite.X25519)[0].recipient
    batch = parse_batch(data, max_size=MAX_SIZE)
    with pytest.raises(PayloadTooLargeError, match="20,971,520 bytes"):
        open_batch(batch, reader, reader.key_id, max_payload_size=4 * 1024 * 1024)
    assert len(open_batch(batch, reader, reader.key_id)) == 20 * 1024 * 1024


def test_the_size_limit_is_checked_first() -> None:
    data = seal(changes_payload(50))
    with pytest.raises(BatchTooLargeError, match="over the limit"):
        parse_batch(data, max_size=len(data) - 1)
    assert parse_batch(data, max_size=len(data)).data == data


def test_a_sealed_key_moved_to_another_batch_does_not_open() -> None:
    """HPKE `info` binds each sealed key to its batch's metadata, even for a reader that skipped the signature."""
    reader = supervisors(CipherSuite.X25519)[0]
    donor, target = seal(b"from the donor", readers=[reader]), seal(b"target", readers=[reader])
    donor_key = json.loads(donor[slice(*header_span(donor))])["recipients"][0]["sealed_key"]
    target_header = json.loads(target[slice(*header_span(target))])
    target_header["recipients"][0]["sealed_key"] = donor_key
    forged = reframe(target, json.dumps(target_header, sort_keys=True, separators=(",", ":")).encode())
    batch = parse_batch(forged, max_size=MAX_SIZE)
    with pytest.raises(DecryptionError, match="content key"):
        open_batch(batch, reader.recipient, reader.recipient.key_id)


def test_sealing_twice_gives_different_bytes_and_hashes() -> None:
    """A retry must resend the stored bytes: re-sealing would make a different chain link."""
    batch_id = uuid.uuid4()
    first, second = seal(b"x", batch_id=batch_id), seal(b"x", batch_id=batch_id)
    assert first != second and batch_hash(first) != batch_hash(second)


def test_the_largest_allowed_header_fits_64_hybrid_recipients() -> None:
    readers = [IdentityKeys.generate(CipherSuite.MLKEM768_X25519) for _ in range(64)]
    data = seal(b"x", suite=CipherSuite.MLKEM768_X25519, readers=readers)
    assert receive(data, readers[63].recipient) == b"x"
    too_many = [*readers, IdentityKeys.generate(CipherSuite.MLKEM768_X25519)]
    with pytest.raises(MalformedHeaderError, match="1 to 64 recipients"):
        seal(b"x", suite=CipherSuite.MLKEM768_X25519, readers=too_many)


def test_an_unusable_recipient_key_is_refused_when_sealing() -> None:
    small_order_point = RecipientPublicKey(CipherSuite.X25519, bytes(32))
    with pytest.raises(MalformedKeyError, match="not a usable public key"):
        seal_batch(
            b"x",
            organisation_id="hbf",
            device_id=DEVICE_ID,
            batch_id=uuid.uuid4(),
            sequence=1,
            previous_batch_hash=NO_PREVIOUS_BATCH,
            created_at=CREATED_AT,
            directory_version=1,
            recipients=[small_order_point],
            signing_key=device().signing,
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("batch_id", "0190f3c2-7a1e-7c3d-9b2a-5e4f6a7b8c9d", "must be a UUID"),
        ("created_at", datetime(2025, 1, 1, 12, 0), "UTC"),
        ("created_at", datetime(2025, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=1))), "UTC"),
        ("device_id", "laptop 7", "device id"),
        ("organisation_id", "", "organisation id"),
        ("directory_version", 0, "directory version"),
    ],
)
def test_sealing_explains_a_callers_slip(field: str, value: object, message: str) -> None:
    arguments: dict[str, object] = {
        "organisation_id": "hbf",
        "device_id": DEVICE_ID,
        "batch_id": uuid.uuid4(),
        "sequence": 1,
        "previous_batch_hash": NO_PREVIOUS_BATCH,
        "created_at": CREATED_AT,
        "directory_version": 1,
        "recipients": [supervisors(CipherSuite.X25519)[0].recipient.public_key()],
        "signing_key": device().signing,
    }
    arguments[field] = value
    with pytest.raises(MalformedHeaderError, match=message):
        seal_batch(b"x", **arguments)  # type: ignore[arg-type]
