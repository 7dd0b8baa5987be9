"""Recovery keys: 160 random bits written as a code a person can copy onto paper without mistakes.

Crockford base32 (no I, L, O, U; case and dashes ignored when typed back) in groups of four, plus one check group, so a
typo is reported as a typo rather than as "wrong key".
"""

from __future__ import annotations

import hashlib
import secrets

from hbf_desktop.store.errors import WrongRecoveryKeyError

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
RECOVERY_KEY_BYTES = 20
_BODY_CHARS = 32  # 160 bits / 5
_CHECK_CHARS = 4


def new_recovery_key() -> bytes:
    return secrets.token_bytes(RECOVERY_KEY_BYTES)


def format_recovery_key(key: bytes) -> str:
    body = _encode(key)
    text = body + _check_group(body)
    return "-".join(text[index : index + 4] for index in range(0, len(text), 4))


def parse_recovery_key(typed: str) -> bytes:
    cleaned = "".join(typed.split()).replace("-", "").upper().translate(_TYPED_ALIASES)
    if len(cleaned) != _BODY_CHARS + _CHECK_CHARS or any(c not in _ALPHABET for c in cleaned):
        raise WrongRecoveryKeyError(
            "That is not a recovery key: it should be 9 groups of 4 letters and digits, "
            "as shown when the store was set up."
        )
    body, check = cleaned[:_BODY_CHARS], cleaned[_BODY_CHARS:]
    if _check_group(body) != check:
        raise WrongRecoveryKeyError("That recovery key has a typo: check each group against the written copy.")
    return _decode(body)


def _encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    return "".join(_ALPHABET[(number >> shift) & 31] for shift in range(155, -1, -5))


def _decode(text: str) -> bytes:
    number = 0
    for character in text:
        number = (number << 5) | _ALPHABET.index(character)
    return number.to_bytes(RECOVERY_KEY_BYTES, "big")


def _check_group(body: str) -> str:
    digest = int.from_bytes(hashlib.sha256(body.encode("ascii")).digest()[:3], "big")
    return "".join(_ALPHABET[(digest >> shift) & 31] for shift in (15, 10, 5, 0))
