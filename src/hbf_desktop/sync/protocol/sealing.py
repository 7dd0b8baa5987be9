"""Sealing, verifying and opening batches.

Seal: compress and pad the payload, encrypt it once with a fresh AES-256-GCM content key, seal that key to each
recipient with HPKE (base mode, `info` bound to the batch metadata), and sign the framed bytes with the device key.

Why these choices:

- One content key and N sealed copies: the payload is encrypted once however many supervisors read it.
- The AES-GCM nonce is fixed (zero): the content key is fresh from the OS RNG for every batch and encrypts exactly one
  message, so a nonce can never repeat under a key, and a stored nonce would only be 12 more bytes to validate.
- The associated data is the framed header, so moving a ciphertext under another header (another device, sequence or
  recipient set) fails to decrypt even for a reader that skipped the signature.
- HPKE base mode is anonymous: anyone with the supervisors' public keys can seal to them. The Ed25519 signature is what
  says which device made the batch, so readers must call `verify_signature` with the pinned device key before
  trusting a batch; `open_batch` does not (it does not know that key) and says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hbf_desktop.sync.protocol.errors import (
    BadSignatureError,
    DecryptionError,
    MalformedKeyError,
    NotARecipientError,
)
from hbf_desktop.sync.protocol.header import CONTENT_KEY_LENGTH, BatchHeader, BatchMetadata, SealedKey
from hbf_desktop.sync.protocol.keys import (
    CipherSuite,
    RecipientPrivateKey,
    RecipientPublicKey,
    SigningPrivateKey,
    SigningPublicKey,
)
from hbf_desktop.sync.protocol.payload import DEFAULT_MAX_PAYLOAD_SIZE, compress_and_pad, unpad_and_decompress
from hbf_desktop.sync.protocol.wire import SIGNATURE_LABEL, SealedBatch, frame, framed_header

_NONCE = bytes(12)


def seal_batch(
    payload: bytes,
    *,
    organisation_id: str,
    device_id: str,
    batch_id: uuid.UUID,
    sequence: int,
    previous_batch_hash: str,
    created_at: datetime,
    directory_version: int,
    recipients: Sequence[RecipientPublicKey],
    signing_key: SigningPrivateKey,
    suite: CipherSuite = CipherSuite.X25519,
) -> bytes:
    """Seal `payload` for `recipients` (all keys of `suite`; repeats of one key are sealed once) and sign it.

    The result is final: keep it and resend the identical bytes on retry, since its hash is the next batch's link.
    """
    by_key_id = _recipients_by_key_id(recipients, suite)
    padded = compress_and_pad(payload)
    metadata = BatchMetadata(
        suite=suite,
        organisation_id=organisation_id,
        device_id=device_id,
        batch_id=batch_id,
        sequence=sequence,
        previous_batch_hash=previous_batch_hash,
        created_at=created_at,
        directory_version=directory_version,
        padded_size=len(padded),
        recipient_key_ids=tuple(sorted(by_key_id)),
    )
    content_key = AESGCM.generate_key(bit_length=256)
    info = metadata.hpke_info()
    sealed_keys = tuple(_seal_key(content_key, by_key_id[key_id], info) for key_id in metadata.recipient_key_ids)
    associated_data = framed_header(BatchHeader(metadata, sealed_keys).encode())
    ciphertext = AESGCM(content_key).encrypt(_NONCE, padded, associated_data)
    unsigned = frame(associated_data, ciphertext)
    return unsigned + signing_key.sign(SIGNATURE_LABEL + unsigned)


def verify_signature(batch: SealedBatch, device_public_key: SigningPublicKey) -> None:
    """Raise `BadSignatureError` unless the device key signed exactly these bytes. Needs no recipient key."""
    if not device_public_key.verifies(batch.signature, batch.signed_message):
        raise BadSignatureError(
            f"Batch {batch.metadata.batch_id} from device {batch.metadata.device_id} is not signed by that "
            f"device's key {device_public_key.key_id}: it was altered, or it did not come from that device."
        )


def open_batch(
    batch: SealedBatch,
    recipient_private_key: RecipientPrivateKey,
    recipient_key_id: str,
    *,
    max_payload_size: int = DEFAULT_MAX_PAYLOAD_SIZE,
) -> bytes:
    """Decrypt and decompress the payload. Call `verify_signature` first: HPKE alone does not say who sealed it."""
    content_key = _unseal_content_key(batch, recipient_private_key, recipient_key_id)
    try:
        padded = AESGCM(content_key).decrypt(_NONCE, batch.ciphertext, batch.associated_data)
    except InvalidTag:
        raise DecryptionError(
            f"Batch {batch.metadata.batch_id} does not decrypt: its header or ciphertext was altered."
        ) from None
    return unpad_and_decompress(padded, max_payload_size)


def _recipients_by_key_id(
    recipients: Sequence[RecipientPublicKey], suite: CipherSuite
) -> dict[str, RecipientPublicKey]:
    by_key_id: dict[str, RecipientPublicKey] = {}
    for recipient in recipients:
        if recipient.suite is not suite:
            raise MalformedKeyError(
                f"Recipient key {recipient.key_id} is for cipher suite {int(recipient.suite)}, "
                f"but this batch is sealed with suite {int(suite)}."
            )
        by_key_id[recipient.key_id] = recipient
    return by_key_id


def _seal_key(content_key: bytes, recipient: RecipientPublicKey, info: bytes) -> SealedKey:
    try:
        sealed = recipient.suite.hpke_suite.encrypt(content_key, recipient.hpke_key, info=info)
    except ValueError:  # an X25519 point of small order: no shared secret can be computed with it
        raise MalformedKeyError(f"Recipient key {recipient.key_id} is not a usable public key.") from None
    return SealedKey(recipient.key_id, sealed)


def _unseal_content_key(batch: SealedBatch, private_key: RecipientPrivateKey, key_id: str) -> bytes:
    metadata = batch.metadata
    if private_key.key_id != key_id:
        raise NotARecipientError(f"The private key given is not key {key_id} (it is {private_key.key_id}).")
    if private_key.suite is not metadata.suite:
        raise NotARecipientError(
            f"Batch {metadata.batch_id} is sealed with cipher suite {int(metadata.suite)}; "
            f"key {key_id} is a suite {int(private_key.suite)} key."
        )
    sealed_key = batch.header.sealed_key_for(key_id)
    if sealed_key is None:
        raise NotARecipientError(f"Batch {metadata.batch_id} is not addressed to key {key_id}.")
    try:
        content_key = metadata.suite.hpke_suite.decrypt(sealed_key, private_key.hpke_key, info=metadata.hpke_info())
    except (InvalidTag, ValueError):
        raise DecryptionError(
            f"The content key of batch {metadata.batch_id} does not decrypt with key {key_id}: it was altered."
        ) from None
    if len(content_key) != CONTENT_KEY_LENGTH:
        raise DecryptionError(f"The content key of batch {metadata.batch_id} has the wrong length.")
    return content_key
