"""Signed documents (the directory, wipe orders) and signed HTTP requests."""

from __future__ import annotations

import hashlib
import json

import pytest

from hbf_desktop.sync.protocol import (
    DIRECTORY_LABEL,
    WIPE_ORDER_LABEL,
    BadSignatureError,
    CipherSuite,
    Directory,
    DirectoryMember,
    DirectoryRollbackError,
    IdentityKeys,
    JsonObject,
    MalformedDocumentError,
    MalformedKeyError,
    ProtocolError,
    ReplayedRequestError,
    RequestAuth,
    RequestRejectedError,
    SigningPrivateKey,
    StaleRequestError,
    sign_directory,
    sign_document,
    sign_request,
    verify_directory,
    verify_document,
    verify_request,
)
from tests.sync.protocol_helpers import supervisors

ROOT = SigningPrivateKey.generate()
DOCUMENT: JsonObject = {
    "version": 7,
    "organisation": "HBF — Londres",
    "policy": {"auto_lock_minutes": 5, "flags": [True, None]},
}


def test_a_document_round_trips_and_is_readable_json() -> None:
    data = sign_document(DOCUMENT, ROOT, DIRECTORY_LABEL)
    assert verify_document(data, ROOT.public_key(), DIRECTORY_LABEL) == DOCUMENT
    assert json.loads(data)["document"] == DOCUMENT and b"Londres" in data


def test_every_byte_flipped_in_a_signed_document_is_refused() -> None:
    data = sign_document(DOCUMENT, ROOT, DIRECTORY_LABEL)
    for position in range(len(data)):
        for mask in (0x01, 0x20):
            mutant = bytearray(data)
            mutant[position] ^= mask
            with pytest.raises(ProtocolError):
                verify_document(bytes(mutant), ROOT.public_key(), DIRECTORY_LABEL)


def test_a_forged_document_is_refused() -> None:
    envelope = json.loads(sign_document(DOCUMENT, ROOT, DIRECTORY_LABEL))
    envelope["document"]["version"] = 8
    forged = json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    with pytest.raises(BadSignatureError, match="altered or forged"):
        verify_document(forged, ROOT.public_key(), DIRECTORY_LABEL)


def test_a_document_signed_by_another_key_is_refused_even_if_it_claims_the_root_key_id() -> None:
    impostor = SigningPrivateKey.generate()
    data = sign_document(DOCUMENT, impostor, DIRECTORY_LABEL)
    with pytest.raises(BadSignatureError, match="not by the expected key"):
        verify_document(data, ROOT.public_key(), DIRECTORY_LABEL)
    envelope = json.loads(data)
    envelope["signer_key_id"] = ROOT.public_key().key_id
    relabelled = json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    with pytest.raises(BadSignatureError, match="does not verify"):
        verify_document(relabelled, ROOT.public_key(), DIRECTORY_LABEL)


def test_a_document_for_one_purpose_cannot_pass_as_another() -> None:
    wipe_order = sign_document({"device_id": "d1"}, ROOT, WIPE_ORDER_LABEL)
    with pytest.raises(MalformedDocumentError, match="not the 'hbf-directory-v1' expected"):
        verify_document(wipe_order, ROOT.public_key(), DIRECTORY_LABEL)
    envelope = json.loads(wipe_order)
    envelope["label"] = DIRECTORY_LABEL
    relabelled = json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()
    with pytest.raises(BadSignatureError):
        verify_document(relabelled, ROOT.public_key(), DIRECTORY_LABEL)


def test_documents_refuse_values_without_one_spelling() -> None:
    with pytest.raises(ValueError, match="float"):
        sign_document({"ratio": 0.5}, ROOT, DIRECTORY_LABEL)  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="label"):
        sign_document(DOCUMENT, ROOT, "Directory v1")
    spaced = json.dumps(json.loads(sign_document(DOCUMENT, ROOT, DIRECTORY_LABEL))).encode()
    with pytest.raises(MalformedDocumentError, match="canonical"):
        verify_document(spaced, ROOT.public_key(), DIRECTORY_LABEL)
    with pytest.raises(MalformedDocumentError, match="limit"):
        verify_document(b"{}" + b" " * 100, ROOT.public_key(), DIRECTORY_LABEL, max_size=64)


def _directory(version: int, readers: tuple[IdentityKeys, ...]) -> Directory:
    hybrid = supervisors(CipherSuite.MLKEM768_X25519)
    members = tuple(
        DirectoryMember(f"supervisor.{index}", reader.signing.public_key(), (reader.recipient.public_key(),))
        for index, reader in enumerate(readers)
    )
    both = DirectoryMember(
        "supervisor.pq",
        hybrid[0].signing.public_key(),
        (readers[0].recipient.public_key(), hybrid[0].recipient.public_key()),
    )
    return Directory(version, "hbf", "HBF", "https://sync.example.org/v1", (*members, both), {"auto_lock_minutes": 5})


def test_the_directory_round_trips_and_lists_recipients_by_suite() -> None:
    readers = supervisors(CipherSuite.X25519)[:2]
    directory = _directory(4, readers)
    verified = verify_directory(sign_directory(directory, ROOT), ROOT.public_key(), held=None)
    assert verified == directory
    assert {key.key_id for key in verified.recipient_keys()} == {reader.recipient.key_id for reader in readers}
    assert len(verified.recipient_keys(CipherSuite.MLKEM768_X25519)) == 1


def test_the_directory_cannot_be_rolled_back_or_swapped_under_the_same_version() -> None:
    readers = supervisors(CipherSuite.X25519)
    held = _directory(5, readers[:2])
    with pytest.raises(DirectoryRollbackError, match="older than version 5"):
        verify_directory(sign_directory(_directory(4, readers[:3]), ROOT), ROOT.public_key(), held=held)
    with pytest.raises(DirectoryRollbackError, match="same version 5"):
        verify_directory(sign_directory(_directory(5, readers[:3]), ROOT), ROOT.public_key(), held=held)
    assert verify_directory(sign_directory(held, ROOT), ROOT.public_key(), held=held) == held
    assert verify_directory(sign_directory(_directory(6, readers[:1]), ROOT), ROOT.public_key(), held=held).version == 6


def test_a_directory_whose_key_ids_do_not_match_its_keys_is_refused() -> None:
    document = _directory(1, supervisors(CipherSuite.X25519)[:1]).to_document()
    member = document["supervisors"][0]  # type: ignore[index]
    member["recipient_keys"][0]["key_id"] = "0" * 32  # type: ignore[index, call-overload]
    with pytest.raises(MalformedKeyError, match="written as"):
        verify_directory(sign_document(document, ROOT, DIRECTORY_LABEL), ROOT.public_key(), held=None)


def test_a_directory_pointing_at_plain_http_is_refused() -> None:
    with pytest.raises(MalformedDocumentError, match="https"):
        _directory(1, supervisors(CipherSuite.X25519)[:1]).__class__(1, "hbf", "HBF", "http://evil.example", ())


DEVICE = IdentityKeys.generate()
DEVICE_ID = "0190f3c2-7a1e-7c3d-9b2a-5e4f6a7b8c9d"
BODY = hashlib.sha256(b'{"ack": 12}').hexdigest()
NOW = 1_760_000_000


class NonceStore:
    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}

    def __call__(self, device_id: str, nonce: str, expires_at: int) -> bool:
        if (device_id, nonce) in self.seen:
            return False
        self.seen[(device_id, nonce)] = expires_at
        return True


def _signed(method: str = "PUT", path: str = "/v1/batches/b1", timestamp: int = NOW) -> RequestAuth:
    return sign_request(method, path, timestamp, BODY, DEVICE_ID, DEVICE.signing)


def _verify(auth: RequestAuth, store: NonceStore | None = None, **overrides: object) -> None:
    arguments: dict[str, object] = {"method": "PUT", "path": "/v1/batches/b1", "body_sha256": BODY, "now": NOW}
    arguments.update(overrides)
    verify_request(
        auth,
        public_key=DEVICE.signing.public_key(),
        remember_nonce=store or NonceStore(),
        **arguments,  # type: ignore[arg-type]
    )


def test_a_signed_request_travels_in_one_header_and_verifies_once() -> None:
    auth = RequestAuth.parse(_signed().header_value())
    assert auth.device_id == DEVICE_ID and auth.timestamp == NOW
    store = NonceStore()
    _verify(auth, store=store)
    with pytest.raises(ReplayedRequestError, match="already received"):
        _verify(auth, store=store)
    assert list(store.seen.values()) == [NOW + 300]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("DELETE", "/v1/batches/b1", BODY),
        ("PUT", "/v1/batches/b2", BODY),
        ("PUT", "/v1/batches/b1?x=1", BODY),
        ("PUT", "/v1/batches/b1", "0" * 64),
    ],
)
def test_an_altered_request_is_refused(method: str, path: str, body: str) -> None:
    with pytest.raises(RequestRejectedError, match="does not verify"):
        _verify(_signed(), method=method, path=path, body_sha256=body)


def test_a_request_signed_by_another_device_is_refused_and_burns_no_nonce() -> None:
    other = IdentityKeys.generate()
    auth = sign_request("PUT", "/v1/batches/b1", NOW, BODY, DEVICE_ID, other.signing)
    store = NonceStore()
    with pytest.raises(RequestRejectedError, match="does not verify"):
        _verify(auth, store=store)
    assert store.seen == {}


@pytest.mark.parametrize("skew", [-301, 301, -86_400 * 365, 86_400 * 365])
def test_a_request_outside_the_replay_window_is_stale(skew: int) -> None:
    with pytest.raises(StaleRequestError, match="Check the laptop's clock"):
        _verify(_signed(timestamp=NOW + skew))


def test_the_window_edges_are_accepted_and_configurable() -> None:
    _verify(_signed(timestamp=NOW - 300))
    _verify(_signed(timestamp=NOW + 300))
    with pytest.raises(StaleRequestError):
        _verify(_signed(timestamp=NOW - 61), replay_window_seconds=60)


def _with_char(header: str, index: int) -> str:
    replacement = "B" if header[index] != "B" else "C"
    return header[:index] + replacement + header[index:][1:]


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer abc",
        _signed().header_value().replace("timestamp=", "timestamp=0"),
        _signed().header_value() + ",extra=1",
        _signed().header_value().replace(",", ", "),
        _with_char(_signed().header_value(), -10),  # the signature altered
        _with_char(_signed().header_value(), -1),  # the signature's last character with non-zero spare bits
        _signed().header_value().replace("signature=", "signature=A"),
    ],
)
def test_malformed_authorization_headers_are_refused(header: str) -> None:
    with pytest.raises(RequestRejectedError):
        auth = RequestAuth.parse(header)
        _verify(auth)
