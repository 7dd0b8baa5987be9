"""ISO code lists (countries ISO 3166-1 alpha-3, languages ISO 639-3) and pseudonym codes."""

from __future__ import annotations

import random
import secrets
from functools import cache
from importlib.resources import files

# No 0/O, 1/I/L, 5/S, 2/Z look-alikes: codes are read aloud on phones and copied by hand.
PSEUDONYM_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"


@cache
def _codes(resource: str) -> dict[str, str]:
    text = files("hbf_desktop.domain").joinpath("data", resource).read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line)


def countries() -> dict[str, str]:
    return _codes("countries.tsv")


def languages() -> dict[str, str]:
    return _codes("languages.tsv")


def new_pseudonym_code(prefix: str = "HB", length: int = 4, rng: random.Random | None = None) -> str:
    """A random code such as HB-7K3Q; `rng` makes it deterministic for the synthetic data generator."""
    choose = rng.choice if rng is not None else secrets.choice
    return f"{prefix}-" + "".join(choose(PSEUDONYM_ALPHABET) for _ in range(length))
