"""Pseudonym codes and CTDC age bands: the two values derived for a client rather than typed.

A pseudonym code (e.g. HB-7K3Q) is what a caseworker says on the phone and writes on paper instead of a name, so its
alphabet leaves out characters that look or sound alike. It is random, never derived from the person, so that it
reveals nothing; uniqueness is the store's to check, through `taken`.
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Callable
from datetime import date

# No 0/O, 1/I/L, 2/Z, 5/S look-alikes: codes are read aloud on phones and copied by hand.
PSEUDONYM_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
MINIMUM_CODE_LENGTH = 4
_PREFIX = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")
_MAX_ATTEMPTS = 1000

# CTDC ageBroad: (oldest age in the band, band value).
_AGE_BANDS = (
    (8, "0_8"), (17, "9_17"), (20, "18_20"), (23, "21_23"), (26, "24_26"), (29, "27_29"), (38, "30_38"),
    (47, "39_47"),
)  # fmt: skip
_OLDEST_BAND = "48_plus"


def new_pseudonym_code(
    prefix: str = "HB",
    length: int = MINIMUM_CODE_LENGTH,
    rng: random.Random | None = None,
    taken: Callable[[str], bool] | None = None,
) -> str:
    """A random code such as HB-7K3Q.

    `rng` makes codes deterministic for the synthetic data generator; without it they come from `secrets`, because a
    guessable code would let someone enumerate clients. `taken` lets the caller refuse codes already in use: with
    4 characters there are 531,441 codes, so among a few thousand clients a repeat is likely, not rare.
    """
    if not _PREFIX.match(prefix):
        raise ValueError(f"the code prefix {prefix!r} must be 1 to 8 capital letters or digits, starting with a letter")
    if length < MINIMUM_CODE_LENGTH:
        raise ValueError(f"a pseudonym code needs at least {MINIMUM_CODE_LENGTH} characters after the prefix")
    choose = rng.choice if rng is not None else secrets.choice
    for _ in range(_MAX_ATTEMPTS):
        code = f"{prefix}-" + "".join(choose(PSEUDONYM_ALPHABET) for _ in range(length))
        if taken is None or not taken(code):
            return code
    raise ValueError(f"no free pseudonym code of {length} characters was found; use longer codes")


def is_pseudonym_code(text: str, prefix: str | None = None) -> bool:
    """Whether `text` has the shape new_pseudonym_code makes (optionally with this prefix)."""
    head, separator, tail = text.rpartition("-")
    return (
        bool(separator)
        and bool(_PREFIX.match(head))
        and (prefix is None or head == prefix)
        and len(tail) >= MINIMUM_CODE_LENGTH
        and all(character in PSEUDONYM_ALPHABET for character in tail)
    )


def age_band(birth_year: int, birth_month: int | None, on_date: date) -> str:
    """The CTDC age band on `on_date` ("0_8" ... "48_plus") for a client known only by year and month of birth.

    Without the day (and sometimes the month) the age can be one of two values; the younger is used, because
    safeguarding practice treats a person who may be a child as a child, so a band never ages someone early.
    """
    if birth_month is not None and not 1 <= birth_month <= 12:
        raise ValueError(f"birth month {birth_month} is not a month (1 to 12)")
    if (birth_year, birth_month or 1) > (on_date.year, on_date.month):
        raise ValueError(f"born {birth_year}-{birth_month or 1:02d} is after {on_date.isoformat()}")
    birthday_may_be_ahead = birth_month is None or on_date.month <= birth_month
    age = on_date.year - birth_year - (1 if birthday_may_be_ahead else 0)
    age = max(age, 0)
    for oldest, band in _AGE_BANDS:
        if age <= oldest:
            return band
    return _OLDEST_BAND
