"""Profile tables of the clients supported in the period (DATA-MODEL.md "Standard reports" 8).

Each table crosses at most two of gender, age band, nationality and exploitation type (all four are treated as
quasi-identifiers for that limit, which `measures` enforces). A client's nationality is their first citizenship;
nationalities held by fewer clients than the threshold are grouped as `other`, in internal figures too, so that a
rare nationality never names a person. A client's exploitation type is the kind of their exploitation events, or
`multiple` when they differ, so every table partitions the clients and its cells add up to the same total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hbf_desktop.domain import vocabularies as v
from hbf_desktop.reports.activity import supported_clients
from hbf_desktop.reports.measures import NOT_RECORDED, CrossTally, Report, Tally
from hbf_desktop.reports.period import Period
from hbf_desktop.reports.source import Source

OTHER = "other"
MULTIPLE = "multiple"
# DATA-MODEL.md: de-identified outputs show gender in three values (CTDC's Man / Woman / Trans-NonConforming).
COARSE_GENDER = {
    "feminine": "woman",
    "masculine": "man",
    "transgender_feminine": "trans_or_non_conforming",
    "transgender_masculine": "trans_or_non_conforming",
    "non_conforming": "trans_or_non_conforming",
}
COARSE_GENDERS = ("woman", "man", "trans_or_non_conforming")


@dataclass(frozen=True)
class Person:
    gender: str
    age_band: str
    nationality: str
    exploitation: str


def people(source: Source, period: Period, threshold: int, coarse_gender: bool) -> list[Person]:
    """The supported clients' profile values, with rare nationalities already grouped."""
    supported = supported_clients(source, period)
    kinds: dict[str, set[str]] = {}
    for client, kind in source.rows("exploitation_history", ("exploitation_history_type",)):
        if client in supported and kind is not None:
            kinds.setdefault(str(client), set()).add(str(kind))
    raw: list[tuple[str, str, str, str]] = []
    for client, gender, band, nationality in source.rows("client", ("gender", "age_band", "citizenship[0]")):
        if client not in supported:
            continue
        shown = _text(gender)
        if coarse_gender:
            shown = COARSE_GENDER.get(shown or "", NOT_RECORDED)
        found = kinds.get(str(client), set())
        exploitation = next(iter(found)) if len(found) == 1 else (MULTIPLE if found else NOT_RECORDED)
        raw.append(
            (shown or NOT_RECORDED, _text(band) or NOT_RECORDED, _text(nationality) or NOT_RECORDED, exploitation)
        )
    counts = Counter(item[2] for item in raw)
    rare = {code for code, count in counts.items() if count < threshold and code != NOT_RECORDED}
    return [Person(g, a, OTHER if n in rare else n, e) for g, a, n, e in raw]


def profiles(source: Source, period: Period, *, threshold: int, coarse_gender: bool = False) -> Report:
    found = people(source, period, threshold, coarse_gender)
    genders = COARSE_GENDERS if coarse_gender else v.GENDER
    kinds = (*v.EXPLOITATION_TYPE, MULTIPLE)
    nationalities = sorted({person.nationality for person in found} - {OTHER, NOT_RECORDED}) + [OTHER]
    return {
        "by_gender": Tally.of((p.gender for p in found), genders, ("gender",)),
        "by_age_band": Tally.of((p.age_band for p in found), v.AGE_BAND, ("age_band",)),
        "by_nationality": Tally.of((p.nationality for p in found), nationalities, ("nationality",)),
        "by_exploitation_type": Tally.of((p.exploitation for p in found), kinds, ("exploitation_type",)),
        "gender_by_age_band": CrossTally.of(
            ((p.gender, p.age_band) for p in found), genders, v.AGE_BAND, ("gender", "age_band")
        ),
        "exploitation_type_by_gender": CrossTally.of(
            ((p.exploitation, p.gender) for p in found), kinds, genders, ("exploitation_type", "gender")
        ),
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)
