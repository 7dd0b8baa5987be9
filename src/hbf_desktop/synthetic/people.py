"""Made-up people: names from syllables (no real-name lists), Ofcom drama-range phone numbers, fictional addresses."""

from __future__ import annotations

import random

_SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "to", "sa", "vi", "do", "ze", "lu", "an", "ir", "ba", "fe", "yo", "ha")
NATIONALITY_WEIGHTS = {"GBR": 23.0, "ALB": 13.0, "VNM": 11.0, "ERI": 9.0, "SDN": 6.0}
_OTHER_NATIONALITIES = (
    "NGA", "IND", "PAK", "ROU", "POL", "CHN", "AFG", "IRN", "IRQ", "SYR", "ETH", "SOM", "EGY", "BGD", "LKA", "PHL",
    "THA", "UKR", "LTU", "LVA", "SVK", "CZE", "HUN", "BGR", "GHA", "CMR", "COD", "UGA", "KEN", "ZWE", "MAR", "DZA",
    "TUN", "LBY", "YEM", "KWT", "TUR", "GEO", "ARM", "AZE", "MDA", "BLR", "RUS", "KAZ", "UZB", "NPL", "MMR", "KHM",
    "IDN", "MYS", "BRA", "COL", "VEN", "PER", "MEX", "JAM", "TTO", "SLE", "GIN", "GMB",
)  # fmt: skip
LOCAL_AREAS = (
    "Camden", "Hackney", "Newham", "Tower Hamlets", "Southwark", "Lambeth", "Croydon", "Birmingham", "Manchester",
    "Leeds", "Liverpool", "Bristol", "Sheffield", "Nottingham", "Leicester", "Coventry", "Bradford", "Kent",
)  # fmt: skip
_LANGUAGES = {"GBR": "eng", "ALB": "sqi", "VNM": "vie", "ERI": "tir", "SDN": "ara"}


def nationality(rng: random.Random) -> str:
    """UK 23, Albania 13, Vietnam 11, Eritrea 9, Sudan 6 (%); the other 38 % Zipf over 60 codes [S14]."""
    if rng.random() < sum(NATIONALITY_WEIGHTS.values()) / 100:
        return rng.choices(list(NATIONALITY_WEIGHTS), weights=list(NATIONALITY_WEIGHTS.values()))[0]
    weights = [1 / rank for rank in range(1, len(_OTHER_NATIONALITIES) + 1)]
    return rng.choices(_OTHER_NATIONALITIES, weights=weights)[0]


def language_of(country: str) -> str:
    return _LANGUAGES.get(country, "eng")


def name(rng: random.Random, parts: int = 2) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts)
    )


def mobile(rng: random.Random) -> str:
    """Ofcom's drama range 07700 900000-900999, in E.164 [S32]."""
    return f"+447700900{rng.randint(0, 999):03d}"


def landline(rng: random.Random) -> str:
    """Ofcom's fictional 01632 drama area [S32]."""
    return f"+441632960{rng.randint(0, 999):03d}"


def address(rng: random.Random) -> str:
    return f"{rng.randint(1, 200)} {name(rng, 1)} Road, {rng.choice(LOCAL_AREAS)}"
