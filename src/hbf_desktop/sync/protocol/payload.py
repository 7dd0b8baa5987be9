"""The plaintext inside the AES-GCM envelope: compressed payload, its true length, and zero padding.

    padded = u64 big-endian length of the zstd frame ‖ zstd frame ‖ zero bytes up to a multiple of 4 KiB

Compression comes before encryption (ciphertext does not compress). Padding to a 4 KiB bucket means the server and the
network see only the bucket, not the exact size, so a batch holding one short note cannot be told from one holding a
slightly longer one. The true length is inside the encrypted part so that padding cannot be stripped or altered
without breaking AES-GCM.

Decompression is bounded: the zstd frame must declare its content size, which is checked against the caller's limit
before any memory is allocated, and the decoder's window is capped. A hostile but enrolled device can therefore not make
a supervisor's laptop allocate gigabytes from a small batch.
"""

from __future__ import annotations

import zstandard

from hbf_desktop.sync.protocol.errors import MalformedPayloadError, PayloadTooLargeError
from hbf_desktop.sync.protocol.header import PADDING_BUCKET

COMPRESSION_LEVEL = 3
DEFAULT_MAX_PAYLOAD_SIZE = 64 * 1024 * 1024
_LENGTH_PREFIX = 8
_MAX_WINDOW_SIZE = 8 * 1024 * 1024  # zstd level 3 never uses more than 2 MiB; level 19 uses 8 MiB


def padded_size_for(compressed_length: int) -> int:
    """The bucket: the next multiple of 4 KiB that holds the length prefix and the compressed bytes."""
    needed = _LENGTH_PREFIX + compressed_length
    return max(PADDING_BUCKET, -(-needed // PADDING_BUCKET) * PADDING_BUCKET)


def compress_and_pad(payload: bytes) -> bytes:
    compressed = zstandard.ZstdCompressor(level=COMPRESSION_LEVEL, write_content_size=True).compress(payload)
    padded_size = padded_size_for(len(compressed))
    prefix = len(compressed).to_bytes(_LENGTH_PREFIX, "big")
    return prefix + compressed + bytes(padded_size - _LENGTH_PREFIX - len(compressed))


def unpad_and_decompress(padded: bytes, max_payload_size: int) -> bytes:
    compressed = _unpad(padded)
    try:
        declared = zstandard.frame_content_size(compressed)
    except zstandard.ZstdError:
        raise MalformedPayloadError("The decrypted payload is not a zstd frame.") from None
    if declared < 0:
        raise MalformedPayloadError("The compressed payload does not declare its size.")
    if declared > max_payload_size:
        raise PayloadTooLargeError(
            f"The payload would expand to {declared:,} bytes, over the limit of {max_payload_size:,} bytes."
        )
    decompressor = zstandard.ZstdDecompressor(max_window_size=_MAX_WINDOW_SIZE)
    try:
        payload = decompressor.decompress(compressed, max_output_size=max_payload_size, allow_extra_data=False)
    except zstandard.ZstdError as cause:
        raise MalformedPayloadError(f"The compressed payload is damaged ({cause}).") from None
    if len(payload) != declared:
        raise MalformedPayloadError("The compressed payload's size does not match what it declares.")
    return payload


def _unpad(padded: bytes) -> bytes:
    if len(padded) < _LENGTH_PREFIX:
        raise MalformedPayloadError("The decrypted payload is shorter than its length prefix.")
    length = int.from_bytes(padded[:_LENGTH_PREFIX], "big")
    end = _LENGTH_PREFIX + length
    if end > len(padded):
        raise MalformedPayloadError("The decrypted payload's length prefix points past its end.")
    if padded[end:].count(0) != len(padded) - end:
        raise MalformedPayloadError("The decrypted payload's padding is not all zero bytes.")
    return padded[_LENGTH_PREFIX:end]
