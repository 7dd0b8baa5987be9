"""One-time enrolment codes: about 78 random bits (16 symbols of 30), shown once, stored only as a hash.

Codes are typed by a person from a message or a phone call, so the alphabet leaves out look-alikes (0/O, 1/I/L, U)
and the hash is taken of a normalised form: case, spaces and hyphens do not matter. 78 bits cannot be guessed within
a code's lifetime, so a fast hash suffices; what it buys is that a copy of the database enrols nobody.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # 30 symbols: no 0/O, 1/I/L or U
_LENGTH = 16
_GROUP = 4


def new_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return "-".join(symbols[start : start + _GROUP] for start in range(0, _LENGTH, _GROUP))


def code_hash(code: str) -> str:
    normal = "".join(character for character in code.upper() if character not in " -")
    return hashlib.sha256(b"hbf-enrolment-code-v1\x00" + normal.encode("utf-8")).hexdigest()
