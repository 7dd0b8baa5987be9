"""Keys and batches shared by the protocol tests. Keys are made once per session: generating them is not under test."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from hbf_desktop.sync.protocol import (
    NO_PREVIOUS_BATCH,
    CipherSuite,
    IdentityKeys,
    ProtocolError,
    RecipientPrivateKey,
    SigningPublicKey,
    open_batch,
    parse_batch,
    seal_batch,
    verify_signature,
)
from hbf_desktop.sync.protocol.wire import MAGIC

MAX_SIZE = 64 * 1024 * 1024
DEVICE_ID = "0190f3c2-7a1e-7c3d-9b2a-5e4f6a7b8c9d"
CREATED_AT = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


@functools.cache
def device() -> IdentityKeys:
    return IdentityKeys.generate()


@functools.cache
def supervisors(suite: CipherSuite) -> tuple[IdentityKeys, ...]:
    return tuple(IdentityKeys.generate(suite) for _ in range(4))


def changes_payload(count: int, seed: int = 1) -> bytes:
    """JSON changes shaped like the outbox's: about 1.2 KB each, with the repetition real records have."""
    words = ["housing", "referral", "interpreter", "NRM", "solicitor", "GP", "appointment", "safe", "asylum", "call"]
    changes = [
        {
            "record_id": str(uuid.UUID(int=(seed << 64) + index)),
            "entity": "case_note",
            "field": "text",
            "stamp": f"{0x0190F3C27A1E + index:012x}.0000.{DEVICE_ID}",
            "value": " ".join(words[(index * 7 + step * 3 + seed) % len(words)] for step in range(140))[:1100],
        }
        for index in range(count)
    ]
    return json.dumps(changes, separators=(",", ":")).encode()


def seal(
    payload: bytes = b'{"changes":[]}',
    *,
    suite: CipherSuite = CipherSuite.X25519,
    readers: Sequence[IdentityKeys] | None = None,
    sequence: int = 1,
    previous: str = NO_PREVIOUS_BATCH,
    batch_id: uuid.UUID | None = None,
) -> bytes:
    readers = supervisors(suite)[:1] if readers is None else readers
    return seal_batch(
        payload,
        organisation_id="hbf",
        device_id=DEVICE_ID,
        batch_id=batch_id or uuid.uuid4(),
        sequence=sequence,
        previous_batch_hash=previous,
        created_at=CREATED_AT,
        directory_version=3,
        recipients=[reader.recipient.public_key() for reader in readers],
        signing_key=device().signing,
        suite=suite,
    )


def receive(data: bytes, reader: RecipientPrivateKey, signer: SigningPublicKey | None = None) -> bytes:
    """What the supervisor import does: parse, verify the device's signature, open."""
    batch = parse_batch(data, max_size=MAX_SIZE)
    verify_signature(batch, signer or device().signing.public_key())
    return open_batch(batch, reader, reader.key_id)


@dataclass(frozen=True)
class Refusals:
    """How the mutants of one batch fared: refused at which step, and anything that was not a ProtocolError."""

    refused: int
    accepted: list[int]
    escaped: list[tuple[int, str]]


def try_mutants(mutants: Sequence[tuple[int, bytes]], check: Callable[[bytes], object]) -> Refusals:
    refused, accepted, escaped = 0, [], []
    for position, mutant in mutants:
        try:
            check(mutant)
        except ProtocolError:
            refused += 1
        except Exception as error:  # the property under test: nothing but ProtocolError may escape
            escaped.append((position, f"{type(error).__name__}: {error}"))
        else:
            accepted.append(position)
    return Refusals(refused, accepted, escaped)


def header_span(data: bytes) -> tuple[int, int]:
    """Start and end offsets of the header JSON inside a sealed batch."""
    assert data.startswith(MAGIC)
    start = len(MAGIC) + 1 + 4
    return start, start + int.from_bytes(data[start - 4 : start], "big")


def reframe(data: bytes, header: bytes) -> bytes:
    """The batch with its header replaced and its ciphertext and signature kept (a forger's edit)."""
    start, end = header_span(data)
    return data[: start - 4] + len(header).to_bytes(4, "big") + header + data[end:]
