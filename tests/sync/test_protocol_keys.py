"""Key pairs, key ids, serialisation; and the padded, compressed payload inside the encryption."""

from __future__ import annotations

import hashlib

import pytest
import zstandard

from hbf_desktop.sync.protocol import (
    CipherSuite,
    IdentityKeys,
    MalformedKeyError,
    RecipientPrivateKey,
    RecipientPublicKey,
    SigningPrivateKey,
    SigningPublicKey,
    key_id_of,
)
from hbf_desktop.sync.protocol.errors import MalformedPayloadError, PayloadTooLargeError
from hbf_desktop.sync.protocol.payload import compress_and_pad, padded_size_for, unpad_and_decompress

SUITES = list(CipherSuite)


def test_a_key_id_is_the_first_16_bytes_of_sha256_of_the_raw_public_key() -> None:
    key = SigningPrivateKey.generate().public_key()
    assert key.key_id == hashlib.sha256(key.raw).digest()[:16].hex() == key_id_of(key.raw)
    assert len(key.key_id) == 32


def test_signing_keys_round_trip_through_their_serialised_forms() -> None:
    private = SigningPrivateKey.generate()
    restored = SigningPrivateKey.from_private_bytes(private.private_bytes())
    assert restored.public_key() == private.public_key()
    assert SigningPublicKey.from_text(private.public_key().to_text()) == private.public_key()
    assert restored.public_key().verifies(private.sign(b"m"), b"m")
    assert not restored.public_key().verifies(private.sign(b"m"), b"n")


@pytest.mark.parametrize("suite", SUITES, ids=lambda suite: suite.name)
def test_recipient_keys_round_trip_and_are_typed_by_suite(suite: CipherSuite) -> None:
    private = RecipientPrivateKey.generate(suite)
    restored = RecipientPrivateKey.from_private_bytes(suite, private.private_bytes())
    assert restored.public_key() == private.public_key() and restored.key_id == private.key_id
    text = private.public_key().to_text()
    assert RecipientPublicKey.from_text(suite, text) == private.public_key()
    other_suite = next(other for other in SUITES if other is not suite)
    with pytest.raises(MalformedKeyError, match=f"suite {int(other_suite)} public key must be"):
        RecipientPublicKey.from_text(other_suite, text)
    assert len(private.public_key().raw) == suite.public_key_length


def test_private_keys_never_show_in_a_repr() -> None:
    keys = IdentityKeys.generate(CipherSuite.MLKEM768_X25519)
    for private_bytes, shown in [
        (keys.signing.private_bytes(), repr(keys.signing)),
        (keys.recipient.private_bytes(), repr(keys.recipient)),
    ]:
        assert private_bytes.hex() not in shown and keys.recipient.key_id in repr(keys.recipient)
    assert repr(keys).startswith("<")  # no dataclass repr of the pair at all


@pytest.mark.parametrize("text", ["", "AAAA=", "A" * 43 + "=", "+" * 43, "A" * 42, "A" * 42 + "b", "A" * 44])
def test_public_key_text_must_be_exact_unpadded_base64url(text: str) -> None:
    with pytest.raises(MalformedKeyError):
        SigningPublicKey.from_text(text)


def test_wrong_lengths_and_invalid_points_are_refused() -> None:
    with pytest.raises(MalformedKeyError):
        SigningPrivateKey.from_private_bytes(bytes(31))
    with pytest.raises(MalformedKeyError):
        RecipientPrivateKey.from_private_bytes(CipherSuite.MLKEM768_X25519, bytes(32))
    with pytest.raises(MalformedKeyError):
        RecipientPublicKey(CipherSuite.MLKEM768_X25519, b"\xff" * 1216)  # ML-KEM coefficients out of range


@pytest.mark.parametrize("size", [0, 1, 4088, 4089, 100_000])
def test_padding_rounds_up_to_4_kib_and_round_trips(size: int) -> None:
    payload = bytes(range(256)) * (size // 256) + bytes(size % 256)
    padded = compress_and_pad(payload)
    assert len(padded) % 4096 == 0 and len(padded) >= 4096
    assert unpad_and_decompress(padded, max_payload_size=size) == payload
    assert padded_size_for(4088) == 4096 and padded_size_for(4089) == 8192


def test_damaged_plaintext_inside_a_valid_encryption_is_still_refused() -> None:
    """Only a hostile or buggy sender can produce these (AES-GCM authenticates them); refuse them all the same."""
    padded = compress_and_pad(b"hello")
    length = int.from_bytes(padded[:8], "big")
    cases = {
        "past its end": (10**6).to_bytes(8, "big") + padded[8:],
        "not all zero": padded[:-1] + b"\x01",
        "not a zstd frame": padded[:8] + b"\x00" * length + padded[8 + length :],
        "shorter than": b"\x00" * 4,
    }
    for reason, damaged in cases.items():
        with pytest.raises(MalformedPayloadError, match=reason):
            unpad_and_decompress(damaged, max_payload_size=1000)


def test_a_frame_that_hides_its_size_is_refused() -> None:
    compressor = zstandard.ZstdCompressor().compressobj()
    frame = compressor.compress(b"x" * 1000) + compressor.flush()
    padded = len(frame).to_bytes(8, "big") + frame
    padded += bytes(-len(padded) % 4096)
    with pytest.raises(MalformedPayloadError, match="does not declare its size"):
        unpad_and_decompress(padded, max_payload_size=10**6)
    with pytest.raises(PayloadTooLargeError):
        unpad_and_decompress(compress_and_pad(b"x" * 1001), max_payload_size=1000)
