"""Decrypting every page of a SQLCipher 4 database (and its WAL) with the raw data key, to look at what is really
on disk beneath the encryption: erased content must be gone from the pages, not merely unreachable by queries.

SQLCipher 4's defaults: 4096-byte pages, each AES-256-CBC encrypted except a reserve of 80 bytes at its end (a 16-byte
IV, then a 64-byte HMAC); page 1 begins with the 16-byte salt in clear. A raw key (x'...') is the AES key itself.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(database: Path, key: bytes) -> list[bytes]:
    """Every page of the database file and every frame of its WAL, in clear."""
    pages: list[bytes] = []
    data = database.read_bytes()
    for offset in range(0, len(data) - PAGE + 1, PAGE):
        pages.append(_decrypt_page(key, data[offset : offset + PAGE], offset == 0))
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        frames = wal.read_bytes()
        for offset in range(WAL_HEADER, len(frames) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE):
            number = int.from_bytes(frames[offset : offset + 4], "big")
            page = frames[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
            pages.append(_decrypt_page(key, page, number == 1))
    return pages


def pages_containing(database: Path, key: bytes, needle: str) -> int:
    encoded = needle.encode("utf-8")
    return sum(1 for page in decrypted_pages(database, key) if encoded in page)
