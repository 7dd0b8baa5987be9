"""Canonical JSON, base64url and hex: the only text encodings on the wire, each with exactly one valid spelling.

Why canonical JSON rather than a binary header: the server, the supervisor import and a person debugging with `jq` all
read the header without a schema compiler, new optional fields cost nothing, and Python ships a fast, well-tested JSON
parser. JSON's weakness is that one value has many spellings (spaces, key order, escapes, `1.0` vs `1`, duplicate
keys), and a signature or hash over such bytes invites confusion attacks. So the rule is: **bytes are accepted only if
they are exactly what `encode_canonical` would produce for the value they decode to** (sorted keys, `,`/`:` without
spaces, UTF-8 without needless escapes, integers only, no duplicate keys). Decoding re-encodes and compares, which
rejects every alternative spelling without having to enumerate them.

Floats are banned (their text form is not portable); integers are kept within ±(2**53 - 1) so JavaScript and SQL
readers see the same number. Keys sort by code point, which equals RFC 8785's UTF-16 order for the ASCII keys we use.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import NoReturn

from hbf_desktop.sync.protocol.errors import ProtocolError

JsonValue = str | int | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
JsonObject = dict[str, JsonValue]

MAX_SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 16
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_LOWER_HEX = re.compile(r"[0-9a-f]*")


def encode_canonical(value: JsonValue) -> bytes:
    """The one byte string for `value`. Raises ValueError for values that have none (floats, huge ints, deep nests)."""
    _check_value(value, depth=0)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate in some string
        raise ValueError("a string is not valid Unicode (lone surrogate)") from error


def decode_canonical_object(data: bytes, error: type[ProtocolError], what: str) -> JsonObject:
    """Decode `data` as a canonical JSON object or raise `error` naming `what` (for example "the batch header")."""
    try:
        value = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_object_without_duplicates,
            parse_float=_refuse_float,
            parse_constant=_refuse_float,
            parse_int=_bounded_int,
        )
    except (ValueError, RecursionError) as cause:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise error(f"{what} is not valid JSON ({_short(cause)}).") from None
    if not isinstance(value, dict):
        raise error(f"{what} is not a JSON object.")
    try:
        canonical = encode_canonical(value)
    except ValueError as cause:
        raise error(f"{what} holds a value the protocol does not allow ({cause}).") from None
    if canonical != data:
        raise error(f"{what} is not in canonical form (spacing, key order, escapes or number spelling differ).")
    return value


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding; ValueError on any other spelling (padding, other alphabet, stray bits)."""
    if not _BASE64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not unpadded base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as cause:
        raise ValueError("not unpadded base64url") from cause
    if b64url_encode(data) != text:  # non-zero unused bits in the last character
        raise ValueError("not canonical base64url")
    return data


def is_lower_hex(text: object, length: int) -> bool:
    return isinstance(text, str) and len(text) == length and _LOWER_HEX.fullmatch(text) is not None


def _check_value(value: object, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError("integer outside ±(2**53 - 1)")
        return
    if isinstance(value, list):
        for item in value:
            _check_value(item, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError("object key that is not a string")
            _check_value(item, depth + 1)
        return
    raise ValueError(f"{type(value).__name__} is not allowed (no floats; JSON types only)")


def _object_without_duplicates(pairs: list[tuple[str, JsonValue]]) -> JsonObject:
    result: JsonObject = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def _refuse_float(text: str) -> NoReturn:
    raise ValueError(f"number {text[:20]!r} is not an integer")


def _bounded_int(text: str) -> int:
    if len(text) > 17:  # checked before int() so a million-digit number costs nothing
        raise ValueError("integer too long")
    return int(text)


def _short(cause: BaseException) -> str:
    return str(cause)[:120] or type(cause).__name__
