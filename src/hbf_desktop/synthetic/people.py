"""Made-up identities that can never be mistaken for, or collide with, a real person's.

Names are built from syllables (no real-name dictionaries); mobiles are only Ofcom's drama range 07700 900000-900999
and landlines only the fictional 01632 960xxx numbers [S32]; e-mail domains are the reserved example.* (RFC 2606);
NHS numbers are in the 999 range that is never issued; document references start "SYN-" so that a canary scan can
find them anywhere. Street names are syllables too; only the local-authority names are real, so that area reports
look like the charity's (DATA-MODEL.md "Identities").
"""

from __future__ import annotations

import random

from hbf_desktop.domain.codes import MINIMUM_CODE_LENGTH, PSEUDONYM_ALPHABET
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.sampling import Weighted, chance, zipf

_SYLLABLES = (
    "ka", "lo", "mi", "ra", "ne", "to", "sa", "vi", "do", "ze", "lu", "an", "ir", "ba", "fe", "yo", "ha", "ri", "mo",
    "ten", "sor", "dal", "ki", "nu", "el", "ov", "ja", "qu", "pi", "tal", "um", "re", "su", "ga", "wen", "ol",
)  # fmt: skip
_STREET_KINDS = ("Road", "Street", "Close", "Lane", "Gardens", "Court", "Way", "Terrace")
_EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
_DRAMA_MOBILE = "+447700900"  # Ofcom 07700 900000-900999, in E.164
_DRAMA_LANDLINE = "+441632960"  # Ofcom 01632 960000-960999, in E.164
_NHS_TEST_PREFIX = "999"  # NHS numbers 999 000 0000-999 999 9999 are never issued to patients

# ASSUMPTION (generator): the charity works mostly in London, so most clients live in London boroughs.
LOCAL_AREAS = Weighted({
    "Newham": 5, "Croydon": 5, "Tower Hamlets": 4, "Hackney": 4, "Southwark": 4, "Lambeth": 4, "Brent": 4,
    "Camden": 3, "Islington": 3, "Ealing": 3, "Haringey": 3, "Lewisham": 3, "Barking and Dagenham": 3, "Enfield": 3,
    "Hillingdon": 3, "Hounslow": 2, "Redbridge": 2, "Waltham Forest": 2, "Greenwich": 2, "Wandsworth": 2,
    "Westminster": 2, "Birmingham": 4, "Manchester": 3, "Leeds": 2, "Liverpool": 2, "Bristol": 2, "Kent": 2,
    "Sheffield": 1.5, "Nottingham": 1.5, "Leicester": 1.5, "Essex": 1.5, "Coventry": 1, "Bradford": 1,
    "Hertfordshire": 1, "Luton": 1, "Slough": 1, "Peterborough": 1, "Southampton": 1, "Portsmouth": 1,
    "Stoke-on-Trent": 1, "Middlesbrough": 1, "Newcastle upon Tyne": 1,
})  # fmt: skip

# First languages (ISO 639-3) by citizenship; where a country has several, one is drawn.
_LANGUAGES = {
    "GBR": ("eng",), "ALB": ("sqi",), "VNM": ("vie",), "ERI": ("tir", "tig", "ara"), "SDN": ("ara",),
    "IND": ("hin", "pan"), "ROU": ("ron",), "AFG": ("prs", "pus"), "IRN": ("fas",), "ETH": ("amh", "orm", "tir"),
    "NGA": ("yor", "ibo", "hau", "eng"), "IRQ": ("ara", "ckb"), "PAK": ("urd", "pan"), "CHN": ("cmn", "yue"),
    "EGY": ("ara",), "POL": ("pol",), "BGD": ("ben",), "SYR": ("ara", "kmr"), "SOM": ("som",), "SSD": ("din", "ara"),
    "LKA": ("sin", "tam"), "PHL": ("tgl",), "GHA": ("twi", "eng"), "CMR": ("fra", "eng"), "TUR": ("tur", "kmr"),
    "KWT": ("ara",), "YEM": ("ara",), "UGA": ("lug", "eng"), "CIV": ("fra",), "GIN": ("fra",), "SLE": ("kri",),
    "GMB": ("eng",), "COD": ("lin", "fra"), "KEN": ("swa",), "ZWE": ("sna",), "MAR": ("ara",), "DZA": ("ara",),
    "TUN": ("ara",), "LBY": ("ara",), "LTU": ("lit",), "LVA": ("lav",), "SVK": ("slk",), "CZE": ("ces",),
    "HUN": ("hun",), "BGR": ("bul",), "UKR": ("ukr", "rus"), "MDA": ("ron",), "GEO": ("kat",), "ARM": ("hye",),
    "AZE": ("aze",), "RUS": ("rus",), "BLR": ("rus",), "KAZ": ("kaz", "rus"), "UZB": ("uzb",), "NPL": ("nep",),
    "MMR": ("mya",), "KHM": ("khm",), "THA": ("tha",), "IDN": ("ind",), "MYS": ("msa",), "BRA": ("por",),
    "COL": ("spa",), "VEN": ("spa",), "JAM": ("eng",), "XKX": ("sqi",),
}  # fmt: skip
_TOP_SHARE = sum(p.TOP_NATIONALITIES.values()) / 100
_TOP = Weighted(p.TOP_NATIONALITIES)
_OTHERS = zipf(p.OTHER_NATIONALITIES, p.NATIONALITY_ZIPF_EXPONENT)


def nationality(rng: random.Random) -> str:
    """UK 23, Albania 13, Vietnam 11, Eritrea 9, Sudan 6 percent [S14]; the other 38 % Zipf over 60 codes."""
    return _TOP.pick(rng) if rng.random() < _TOP_SHARE else _OTHERS.pick(rng)


def first_language(rng: random.Random, country: str) -> str:
    return rng.choice(_LANGUAGES.get(country, ("eng",)))


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def person_name(rng: random.Random) -> tuple[str, str]:
    """(given name, full legal name); a third of people have a middle name."""
    given, family = word(rng, rng.randint(2, 3)), word(rng, rng.randint(2, 3))
    middle = f" {word(rng, 2)}" if chance(rng, 0.3) else ""
    return given, f"{given}{middle} {family}"


def mobiles(rng: random.Random) -> list[str]:
    """None, one or two different drama-range mobiles (most clients have one phone; some keep a second)."""
    count = 0 if chance(rng, 0.08) else 2 if chance(rng, 0.18) else 1
    return [_DRAMA_MOBILE + f"{number:03d}" for number in rng.sample(range(1000), count)]


def landline(rng: random.Random) -> str:
    return _DRAMA_LANDLINE + f"{rng.randrange(1000):03d}"


def email(rng: random.Random, given: str, legal_name: str) -> str:
    family = legal_name.rsplit(" ", 1)[-1]
    number = str(rng.randint(1, 99)) if chance(rng, 0.5) else ""
    return f"{given.lower()}.{family.lower()}{number}@{rng.choice(_EMAIL_DOMAINS)}"


def address(rng: random.Random, area: str) -> str:
    flat = f"Flat {rng.randint(1, 40)}, " if chance(rng, 0.5) else ""
    return f"{flat}{rng.randint(1, 250)} {word(rng, 2)} {rng.choice(_STREET_KINDS)}, {area}"


def nhs_number(rng: random.Random) -> str:
    """A number in the never-issued 999 range with a valid modulus-11 check digit, written 3-3-4."""
    while True:
        digits = _NHS_TEST_PREFIX + f"{rng.randrange(1_000_000):06d}"
        check = 11 - sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check != 10:  # 10 has no check digit: such numbers are never issued, so draw again
            digits += str(check % 11)
            return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def home_office_reference(rng: random.Random) -> str:
    return f"SYN-HO-{rng.randrange(10_000_000):07d}"


def nrm_reference(rng: random.Random, year: int) -> str:
    return f"SYN-NRM-{year}-{rng.randrange(1_000_000):06d}"


def staff_code(rng: random.Random) -> str:
    """Caseworkers appear as staff codes, not names, as GBVIMS intake forms do [S7]."""
    return f"CW-{rng.randint(1, p.CASEWORKERS):02d}"


class PseudonymCodes:
    """Pseudonym codes (HB-7K3Q) that never repeat within one run, without remembering the codes already given.

    The domain draws codes at random and asks the store whether one is taken; the generator has no store and must
    stay flat in memory at 100,000 clients, so it maps the client's index through a bijection of the code space
    instead (affine steps around a digit reversal, keyed from the seed), which looks random and cannot repeat.
    """

    def __init__(self, rng: random.Random, clients: int, prefix: str = "HB") -> None:
        base = len(PSEUDONYM_ALPHABET)
        self._length = MINIMUM_CODE_LENGTH
        while base**self._length < clients:
            self._length += 1
        self._size = base**self._length
        self._prefix = prefix
        self._keys = [(rng.randrange(1, self._size // 3) * 3 + 1, rng.randrange(self._size)) for _ in range(2)]

    def code(self, index: int) -> str:
        number = index % self._size
        for step, (multiplier, offset) in enumerate(self._keys):
            number = (number * multiplier + offset) % self._size
            if step == 0:
                number = self._reversed(number)
        return f"{self._prefix}-" + "".join(reversed(self._digits(number)))

    def _digits(self, number: int) -> list[str]:
        base, digits = len(PSEUDONYM_ALPHABET), []
        for _ in range(self._length):
            number, digit = divmod(number, base)
            digits.append(PSEUDONYM_ALPHABET[digit])
        return digits

    def _reversed(self, number: int) -> int:
        base, result = len(PSEUDONYM_ALPHABET), 0
        for _ in range(self._length):
            number, digit = divmod(number, base)
            result = result * base + digit
        return result
