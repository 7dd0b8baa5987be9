"""USB bundles: the pending sealed batches of one device in one signed file, for when there is no network.

    offset  size  field
    0       4     magic "HBFU"
    4       1     version 1
    5       4     header length H (big-endian)
    9       H     header: canonical JSON {format, organisation_id, device_id, user, signing_key, recipient_keys,
                  directory (the signed directory document as text, or ""), batch_count, created_at}
    …             batch_count × (4-byte big-endian length ‖ sealed batch bytes)
    end-64  64    Ed25519 signature by the device over "hbf-bundle-v1 signature\\0" ‖ every byte before it

The batches inside are the very bytes kept in `sync_out` (sealed once; a retry or a second bundle carries the same
bytes), each signed on its own. The bundle's signature covers the sender's keys and the directory too, so a bundle
altered in any byte is refused as a whole before anything is applied. Trust is not taken from the bundle: the
importer checks the sender's key against the key it pinned (or the signed directory, for a supervisor), and pins a
worker's key on first sight exactly as it would from the server's registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hbf_desktop.store import sync_state
from hbf_desktop.store.files import write_private_file_atomically
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_transaction
from hbf_desktop.sync.errors import BundleError, TrustError
from hbf_desktop.sync.escrow import seal_escrow
from hbf_desktop.sync.identity import (
    PeerKeys,
    accept_directory,
    device_keys,
    directory_document,
    held_directory,
    parse_public_keys,
    require_directory,
    root_key,
)
from hbf_desktop.sync.incoming import MAX_BATCH_BYTES, Incoming, Receiver, ReceiveReport
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.protocol import JsonObject, JsonValue, ProtocolError, parse_batch, verify_signature
from hbf_desktop.sync.protocol.encoding import decode_canonical_object, encode_canonical
from hbf_desktop.sync.protocol.errors import MalformedDocumentError
from hbf_desktop.sync.recut import recut_erased

MAGIC = b"HBFU"
VERSION = 1
FORMAT = "hbf-bundle-v1"
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024
_SIGNATURE_LABEL = b"hbf-bundle-v1 signature\x00"
_SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class Bundle:
    sender: PeerKeys
    organisation_id: str
    directory: bytes | None
    batches: tuple[bytes, ...]


def export_bundle(store: Store, destination: Path) -> int:
    """Seal what is unbatched and write every batch the server has not acknowledged; returns the batch count."""
    recut_erased(store)  # unsent batches carrying an erased record's old values are cut again without them
    seal_escrow(store)
    seal_pending(store)
    pending = sync_state.outgoing_batches(store.connection)
    batches = [batch.data for batch in pending]
    if pending:
        with write_transaction(store.connection):
            sync_state.mark_leaving(store.connection, pending[-1].sequence)
    write_private_file_atomically(destination, encode_bundle(store, batches))
    return len(batches)


def encode_bundle(store: Store, batches: list[bytes]) -> bytes:
    keys = device_keys(store)
    recipient = keys.recipient.public_key()
    directory = directory_document(store)
    recipient_keys: list[JsonValue] = [
        {"suite": int(recipient.suite), "key": recipient.to_text(), "key_id": recipient.key_id}
    ]
    header: JsonObject = {
        "format": FORMAT,
        "organisation_id": require_directory(store).organisation_id,
        "device_id": store.author.device_id,
        "user": store.author.user,
        "signing_key": keys.signing.public_key().to_text(),
        "recipient_keys": recipient_keys,
        "directory": "" if directory is None else directory.decode(),
        "batch_count": len(batches),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    encoded = encode_canonical(header)
    parts = [MAGIC, bytes([VERSION]), len(encoded).to_bytes(4, "big"), encoded]
    for data in batches:
        parts += [len(data).to_bytes(4, "big"), data]
    unsigned = b"".join(parts)
    return unsigned + keys.signing.sign(_SIGNATURE_LABEL + unsigned)


def decode_bundle(data: bytes) -> Bundle:
    """Check the framing and the bundle's own signature; raise `BundleError` for anything else."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("The file is too large to be a bundle.")
    if len(data) < 9 + _SIGNATURE_LENGTH or data[:4] != MAGIC:
        raise BundleError("This file is not an HBF sync bundle.")
    if data[4] != VERSION:
        raise BundleError(f"This bundle is version {data[4]}; this program reads version {VERSION}.")
    header_end = 9 + int.from_bytes(data[5:9], "big")
    body_end = len(data) - _SIGNATURE_LENGTH
    if header_end > body_end:
        raise BundleError("The bundle is truncated.")
    try:
        header = decode_canonical_object(data[9:header_end], MalformedDocumentError, "The bundle header")
        if header.get("format") != FORMAT or not isinstance(header.get("batch_count"), int):
            raise BundleError("The bundle's header is not an hbf-bundle-v1 header.")
        sender = parse_public_keys(header)
    except (ProtocolError, TrustError) as error:
        raise BundleError(f"The bundle's header is damaged: {error}") from None
    if not sender.signing_key.verifies(data[body_end:], _SIGNATURE_LABEL + data[:body_end]):
        raise BundleError("The bundle's signature does not verify: it was altered or damaged. Nothing was applied.")
    batches = _split_batches(data, header_end, body_end, int(str(header["batch_count"])))
    directory = str(header.get("directory") or "").encode() or None
    return Bundle(sender, str(header.get("organisation_id")), directory, batches)


def _split_batches(data: bytes, offset: int, end: int, count: int) -> tuple[bytes, ...]:
    batches: list[bytes] = []
    for _ in range(count):
        if offset + 4 > end:
            raise BundleError("The bundle is truncated.")
        length = int.from_bytes(data[offset : offset + 4], "big")
        if offset + 4 + length > end:
            raise BundleError("The bundle is truncated.")
        batches.append(data[offset + 4 : offset + 4 + length])
        offset += 4 + length
    if offset != end:
        raise BundleError("The bundle has unexpected bytes after its batches.")
    return tuple(batches)


def import_bundle(store: Store, source: Path) -> ReceiveReport:
    """Check the whole bundle, then apply all of its batches in one transaction; a refused bundle changes nothing."""
    try:
        if source.stat().st_size > MAX_BUNDLE_BYTES:  # before reading: a huge file would fill memory first
            raise BundleError("The file is too large to be a bundle; nothing was applied.")
        data = source.read_bytes()
    except OSError as error:
        raise BundleError(f"Cannot read {source}: {error.strerror or error}.") from None
    bundle = decode_bundle(data)
    for batch_data in bundle.batches:
        try:
            batch = parse_batch(batch_data, max_size=MAX_BATCH_BYTES)
            verify_signature(batch, bundle.sender.signing_key)
        except ProtocolError as error:
            raise BundleError(f"A batch in the bundle is damaged ({error}); nothing was applied.") from None
        if batch.metadata.device_id != bundle.sender.device_id:
            raise BundleError("The bundle holds a batch of another device; nothing was applied.")
    if bundle.directory is not None and root_key(store) is not None:
        try:
            accept_directory(store, bundle.directory)
        except TrustError:
            if held_directory(store) is None:  # an older or foreign directory: keep using the one held
                raise
    receiver = Receiver(store, offered={bundle.sender.device_id: bundle.sender}, source="bundle")
    return receiver.receive([Incoming(batch) for batch in bundle.batches])
