"""Signed documents: the organisation directory today, wipe orders later.

A signed document is one canonical JSON object:

    {"document": {...}, "label": "hbf-directory-v1", "signature": "<base64url>", "signer_key_id": "<hex>"}

The signature is Ed25519 over `"hbf-signed-document-v1\\0" ‖ label ‖ "\\0" ‖ canonical(document)`. The label is the
document's purpose and is both inside the signed bytes and checked against what the caller expects, so a signature
made for one purpose (a wipe order) can never be presented as another (a directory), nor a batch signature as either.
Everything is canonical JSON so that the exact bytes that were signed are the bytes that are checked, with no
re-serialisation ambiguity, and a person can still read the document.
"""

from __future__ import annotations

import re

from hbf_desktop.sync.protocol.encoding import JsonObject, b64url_decode, b64url_encode, decode_canonical_object
from hbf_desktop.sync.protocol.encoding import encode_canonical as _encode
from hbf_desktop.sync.protocol.errors import BadSignatureError, MalformedDocumentError
from hbf_desktop.sync.protocol.keys import SigningPrivateKey, SigningPublicKey

DIRECTORY_LABEL = "hbf-directory-v1"
WIPE_ORDER_LABEL = "hbf-wipe-order-v1"
DEFAULT_MAX_DOCUMENT_SIZE = 1024 * 1024
_DOMAIN = b"hbf-signed-document-v1\x00"
_LABEL = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
_ENVELOPE_KEYS = frozenset({"document", "label", "signature", "signer_key_id"})


def sign_document(document: JsonObject, signing_key: SigningPrivateKey, label: str) -> bytes:
    """The signed, canonical bytes of `document`. ValueError if it holds a non-JSON value (a float, a date object)."""
    _check_label(label)
    signature = signing_key.sign(_signed_message(label, _encode(document)))
    envelope: JsonObject = {
        "document": document,
        "label": label,
        "signature": b64url_encode(signature),
        "signer_key_id": signing_key.public_key().key_id,
    }
    return _encode(envelope)


def verify_document(
    data: bytes, public_key: SigningPublicKey, label: str, *, max_size: int = DEFAULT_MAX_DOCUMENT_SIZE
) -> JsonObject:
    """The document, if `data` is a canonical document for `label` signed by `public_key`; else a ProtocolError."""
    _check_label(label)
    if len(data) > max_size:
        raise MalformedDocumentError(f"The signed document is {len(data):,} bytes, over the limit of {max_size:,}.")
    envelope = decode_canonical_object(bytes(data), MalformedDocumentError, "The signed document")
    if set(envelope) != _ENVELOPE_KEYS:
        raise MalformedDocumentError("The signed document does not have exactly its four fields.")
    document, found_label = envelope["document"], envelope["label"]
    signature_text, signer = envelope["signature"], envelope["signer_key_id"]
    if not isinstance(document, dict) or not isinstance(signature_text, str) or not isinstance(signer, str):
        raise MalformedDocumentError("The signed document's fields have the wrong types.")
    if found_label != label:
        raise MalformedDocumentError(f"This document is a {str(found_label)[:64]!r}, not the {label!r} expected.")
    if signer != public_key.key_id:
        raise BadSignatureError(
            f"The {label} document is signed by key {signer[:32]}, not by the expected key {public_key.key_id}."
        )
    try:
        signature = b64url_decode(signature_text)
    except ValueError:
        raise MalformedDocumentError("The document's signature is not base64url text.") from None
    if not public_key.verifies(signature, _signed_message(label, _encode(document))):
        raise BadSignatureError(f"The {label} document's signature does not verify: it was altered or forged.")
    return document


def _signed_message(label: str, canonical_document: bytes) -> bytes:
    return _DOMAIN + label.encode("ascii") + b"\x00" + canonical_document


def _check_label(label: str) -> None:
    if not _LABEL.fullmatch(label):
        raise ValueError(f"a document label is 1-64 of a-z 0-9 . - (got {label[:70]!r})")
