"""The sealed batch's framing, and strict parsing of it.

    offset      size  field
    0           4     magic "HBFB"
    4           1     envelope version (1)
    5           4     header length H, unsigned big-endian
    9           H     header: canonical JSON (see header.py)
    9+H         4     ciphertext length C, unsigned big-endian (must equal padded_size + 16)
    13+H        C     AES-256-GCM ciphertext with its 16-byte tag at the end
    13+H+C      64    Ed25519 signature by the device over "hbf-batch-v1 signature\\0" ‖ bytes 0 .. 13+H+C

One self-delimiting byte string, so a batch is the same bytes in an HTTP body, a database blob or a file on a USB
stick, and its SHA-256 (the chain link) is well defined. Parsing needs no key: the server checks framing, size and the
device's signature and reads the metadata without ever being able to open the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbf_desktop.sync.protocol.errors import BatchTooLargeError, MalformedBatchError, UnsupportedVersionError
from hbf_desktop.sync.protocol.header import BatchHeader, BatchMetadata

MAGIC = b"HBFB"
ENVELOPE_VERSION = 1
SIGNATURE_LENGTH = 64
MAX_HEADER_SIZE = 128 * 1024  # 64 hybrid-suite recipients take about 104 KiB
SIGNATURE_LABEL = b"hbf-batch-v1 signature\x00"
_PREFIX_LENGTH = len(MAGIC) + 1 + 4
_MINIMUM_LENGTH = _PREFIX_LENGTH + 4 + SIGNATURE_LENGTH


@dataclass(frozen=True)
class SealedBatch:
    """A parsed batch: well-formed, but neither verified nor opened. Keep `data` as the bytes to store and forward."""

    data: bytes
    header: BatchHeader
    header_end: int  # offset just after the header: the AES-GCM associated data is data[:header_end]

    @property
    def metadata(self) -> BatchMetadata:
        return self.header.metadata

    @property
    def associated_data(self) -> bytes:
        return self.data[: self.header_end]

    @property
    def ciphertext(self) -> bytes:
        return self.data[self.header_end + 4 : -SIGNATURE_LENGTH]

    @property
    def signed_message(self) -> bytes:
        return SIGNATURE_LABEL + self.data[:-SIGNATURE_LENGTH]

    @property
    def signature(self) -> bytes:
        return self.data[-SIGNATURE_LENGTH:]


def framed_header(header_bytes: bytes) -> bytes:
    """Magic, version, header length and header: the AES-GCM associated data."""
    return MAGIC + bytes([ENVELOPE_VERSION]) + len(header_bytes).to_bytes(4, "big") + header_bytes


def frame(framed: bytes, ciphertext: bytes) -> bytes:
    """Everything but the signature, which covers exactly these bytes."""
    return framed + len(ciphertext).to_bytes(4, "big") + ciphertext


def parse_batch(data: bytes, *, max_size: int) -> SealedBatch:
    """Parse strictly; any deviation from what `seal_batch` produces raises a `ProtocolError` subclass.

    `max_size` is mandatory because only the caller knows its limit (the server's upload limit, the importer's), and
    it is checked before anything else so an oversized input costs nothing.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"a batch is bytes, not {type(data).__name__}")  # bytes(5) would be five zero bytes
    data = bytes(data)
    if len(data) > max_size:
        raise BatchTooLargeError(f"The batch is {len(data):,} bytes, over the limit of {max_size:,} bytes.")
    if len(data) < _MINIMUM_LENGTH:
        raise MalformedBatchError(f"The batch is truncated: {len(data)} bytes is shorter than any batch.")
    if data[: len(MAGIC)] != MAGIC:
        raise MalformedBatchError("This is not an HBF batch (its first bytes are wrong).")
    if data[len(MAGIC)] != ENVELOPE_VERSION:
        raise UnsupportedVersionError(f"Batch envelope version {data[len(MAGIC)]} is not supported here.")
    header_end = _PREFIX_LENGTH + _read_length(data, _PREFIX_LENGTH - 4, MAX_HEADER_SIZE, "header")
    if header_end + 4 + SIGNATURE_LENGTH > len(data):
        raise MalformedBatchError("The batch is truncated inside its header.")
    ciphertext_length = _read_length(data, header_end, len(data), "ciphertext")
    expected_total = header_end + 4 + ciphertext_length + SIGNATURE_LENGTH
    if expected_total > len(data):
        raise MalformedBatchError("The batch is truncated: its ciphertext or signature is incomplete.")
    if expected_total < len(data):
        raise MalformedBatchError(f"The batch has {len(data) - expected_total} unexpected bytes after its signature.")
    header = BatchHeader.decode(data[_PREFIX_LENGTH:header_end])
    if ciphertext_length != header.metadata.ciphertext_length:
        raise MalformedBatchError("The ciphertext length does not match the padded size in the header.")
    return SealedBatch(data, header, header_end)


def _read_length(data: bytes, offset: int, limit: int, what: str) -> int:
    length = int.from_bytes(data[offset : offset + 4], "big")
    if length > limit:
        raise MalformedBatchError(f"The batch's {what} length ({length:,} bytes) is impossible.")
    return length
