"""Errors of the sealed-batch protocol.

Everything the protocol refuses raises a subclass of `ProtocolError`, and nothing else escapes from parsing, verifying
or opening, whatever the input bytes: the server and the supervisor import catch this one type, keep the batch aside
with `str(error)` as the reason a person reads, and carry on with the others. The classes say *which* defence tripped,
so callers can count and report them (a bad signature is an alarm; a gap in a sequence is a question to ask).
"""

from __future__ import annotations


class ProtocolError(Exception):
    """Base of every refusal; `str(error)` is a sentence a caseworker or an administrator can read."""


class MalformedBatchError(ProtocolError):
    """The framing is wrong: magic bytes, lengths, truncation, trailing bytes."""


class UnsupportedVersionError(MalformedBatchError):
    """A format version or cipher suite this program does not know (perhaps made by a newer one)."""


class BatchTooLargeError(MalformedBatchError):
    """Bigger than the caller's limit: refused before any work is spent on it."""


class MalformedHeaderError(ProtocolError):
    """The header is not canonical JSON, or a field has the wrong type, range or form."""


class BadSignatureError(ProtocolError):
    """The signature does not verify with the key given: altered in transit or at rest, or not from that device."""


class NotARecipientError(ProtocolError):
    """The batch was not sealed to this key, or the key given does not match its key id."""


class DecryptionError(ProtocolError):
    """The sealed content key or the ciphertext does not decrypt: altered, or sealed for another key."""


class PayloadTooLargeError(ProtocolError):
    """The payload would decompress beyond the caller's limit (a decompression bomb, or a limit set too low)."""


class MalformedPayloadError(ProtocolError):
    """The decrypted padding or compressed payload is inconsistent; only a bug or a hostile sender makes this."""


class MalformedKeyError(ProtocolError):
    """A key's bytes or text are not a valid key of the expected kind."""


class MalformedDocumentError(ProtocolError):
    """A signed document is not in its canonical form, or is for another purpose (label)."""


class RequestRejectedError(ProtocolError):
    """An HTTP request's authentication is malformed, stale, replayed or wrongly signed."""


class ReplayedRequestError(RequestRejectedError):
    """The request's nonce was already used within the replay window."""


class StaleRequestError(RequestRejectedError):
    """The request's timestamp is outside the replay window (an old capture, or a clock far off)."""


class DirectoryRollbackError(ProtocolError):
    """A directory older than the one held, or a different directory under the same version number."""
