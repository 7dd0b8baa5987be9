"""The per-device hash chain: each batch names the hash of the one before, so loss, reordering and rollback show."""

from __future__ import annotations

import hashlib

import pytest

from hbf_desktop.sync.protocol import (
    ChainPosition,
    ChainStatus,
    ChainVerifier,
    SealedBatch,
    batch_hash,
    classify,
    parse_batch,
)
from tests.sync.protocol_helpers import MAX_SIZE, seal


def _chain(length: int) -> list[bytes]:
    batches: list[bytes] = []
    for sequence in range(1, length + 1):
        previous = batch_hash(batches[-1]) if batches else "0" * 64
        batches.append(seal(f"batch {sequence}".encode(), sequence=sequence, previous=previous))
    return batches


def _parsed(data: bytes) -> SealedBatch:
    return parse_batch(data, max_size=MAX_SIZE)


CHAIN = _chain(4)


def _status(last: ChainPosition | None, data: bytes) -> ChainStatus:
    return classify(last, _parsed(data).metadata, batch_hash(data))


def _at(index: int) -> ChainPosition:
    return ChainPosition(index + 1, batch_hash(CHAIN[index]))


def test_batch_hash_is_sha256_hex_of_the_whole_batch() -> None:
    assert batch_hash(CHAIN[0]) == hashlib.sha256(CHAIN[0]).hexdigest()


@pytest.mark.parametrize(
    ("last", "index", "expected"),
    [
        (None, 0, ChainStatus.OK),
        (None, 1, ChainStatus.GAP),
        (0, 1, ChainStatus.OK),
        (2, 3, ChainStatus.OK),
        (1, 1, ChainStatus.DUPLICATE),
        (0, 2, ChainStatus.GAP),
        (0, 3, ChainStatus.GAP),
        (3, 1, ChainStatus.STALE),
    ],
)
def test_classification_along_one_honest_chain(last: int | None, index: int, expected: ChainStatus) -> None:
    assert _status(None if last is None else _at(last), CHAIN[index]) is expected


def test_same_sequence_with_other_bytes_is_a_fork() -> None:
    """A laptop restored from an old copy re-uses sequence numbers with new content."""
    rival = seal(b"another history", sequence=2, previous=batch_hash(CHAIN[0]))
    assert _status(_at(1), rival) is ChainStatus.FORK


def test_next_sequence_that_does_not_link_is_a_fork() -> None:
    """The server dropped or replaced batch 2 and a batch 3 arrives that names a different batch 2."""
    unlinked = seal(b"3 after another 2", sequence=3, previous="ab" * 32)
    assert _status(_at(1), unlinked) is ChainStatus.FORK


def test_the_verifier_accepts_in_order_and_holds_gaps_apart() -> None:
    verifier = ChainVerifier()
    assert verifier.check(_parsed(CHAIN[1])) is ChainStatus.GAP
    with pytest.raises(ValueError, match="gap"):
        verifier.accept(_parsed(CHAIN[1]))
    for data in CHAIN[:2]:
        assert verifier.check(_parsed(data)) is ChainStatus.OK
        verifier.accept(_parsed(data))
    assert verifier.check(_parsed(CHAIN[1])) is ChainStatus.DUPLICATE
    verifier.accept(_parsed(CHAIN[1]))  # idempotent
    assert verifier.check(_parsed(CHAIN[3])) is ChainStatus.GAP
    assert verifier.position(_parsed(CHAIN[0]).metadata.device_id) == _at(1)


def test_a_verifier_can_resume_from_stored_positions() -> None:
    device_id = _parsed(CHAIN[0]).metadata.device_id
    verifier = ChainVerifier({device_id: _at(2)})
    assert verifier.check(_parsed(CHAIN[3])) is ChainStatus.OK
    assert verifier.check(_parsed(CHAIN[0])) is ChainStatus.STALE
