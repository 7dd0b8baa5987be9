"""Exploitation history: at least one event per client (DATA-MODEL.md "Exploitation").

The type mix is labour 0.38, sexual 0.22 (x2.5 for women), criminal 0.15, domestic servitude 0.12, multiple 0.12,
organ harvesting 0.01; "multiple" gives two or three events of different types. Means of control are independent
Bernoulli draws. Sub-types, places and timing are ASSUMPTION (generator): exploitation ended months before intake
and lasted about a year (CTDC traffickMonths bands), in the UK for UK nationals and for most others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.codes import age_band
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.sampling import Weighted, chance, lognormal_days, subset

_SUB_TYPES = {
    "labour": Weighted({
        "agriculture_forestry_fishing": 0.2, "construction": 0.2, "accommodation_food_services": 0.15,
        "manufacturing": 0.12, "wholesale_retail_vehicle_repair": 0.13, "other_service_activities": 0.15,
        "transportation_storage": 0.05,
    }),
    "sexual": Weighted({"prostitution": 0.7, "private_sexual_services": 0.15, "pornography": 0.08,
                        "remote_interactive_services": 0.07}),
    "domestic_servitude": Weighted({"households_as_employers": 1.0}),
}  # fmt: skip
_RECRUITMENT = Weighted({
    "friends": 0.25, "online_social_networks": 0.2, "work": 0.15, "family": 0.12, "online_tv_newspaper_advert": 0.1,
    "place_of_business": 0.08, "educational_institution": 0.02, "other": 0.08,
})  # fmt: skip
_RELATION = Weighted({"other": 0.35, "friend": 0.25, "intimate_partner": 0.12, "family": 0.1, "unknown": 0.18})
_ABROAD = Weighted({"source": 0.6, "transit": 0.4})  # outside the UK: the home country or a country on the way
_TRANSIT = ("FRA", "ITA", "GRC", "LBY", "TUR", "BEL", "DEU", "ESP")
_YOUNGEST_AGE_DAYS = 10 * 365  # no event is placed before the age of ten


@dataclass(frozen=True)
class Event:
    kind: str
    sub_type: str | None
    means_of_control: list[str]
    recruitment_method: list[str]
    recruiter_relation: str
    country: str
    start: date
    end: date
    age_band: str


def exploitation_mixes(woman: bool) -> tuple[Weighted[str], Weighted[str]]:
    """The type mix, and the mix of the single types that make up a "multiple" history."""
    weights = dict(p.EXPLOITATION_MIX)
    if woman:
        weights["sexual"] *= p.SEXUAL_FACTOR_WOMEN
    single = {kind: weight for kind, weight in weights.items() if kind != "multiple"}
    return Weighted(weights), Weighted(single)


_MIXES = {woman: exploitation_mixes(woman) for woman in (False, True)}


def events(rng: random.Random, woman: bool, nationality: str, dob: date, intake: date) -> list[Event]:
    """The client's events, latest first, each ending before the next began (they may overlap only when a young
    client's history is squeezed against the age of ten)."""
    mix, single = _MIXES[woman]
    kinds = [mix.pick(rng)]
    if kinds == ["multiple"]:
        wanted, kinds = (3 if chance(rng, 0.2) else 2), []
        while len(kinds) < wanted:
            drawn = single.pick(rng)
            if drawn not in kinds:
                kinds.append(drawn)
    end = intake - timedelta(days=lognormal_days(rng, 180, 1.0))
    found: list[Event] = []
    for kind in kinds:
        found.append(_event(rng, kind, nationality, dob, end))
        end = found[-1].start - timedelta(days=rng.randint(0, 60))
    return found


def _event(rng: random.Random, kind: str, nationality: str, dob: date, end: date) -> Event:
    youngest = dob + timedelta(days=_YOUNGEST_AGE_DAYS)
    end = max(end, youngest + timedelta(days=31))
    start = max(end - timedelta(days=lognormal_days(rng, 365, 0.9)), youngest)
    in_uk = nationality == "GBR" or chance(rng, 0.6)
    abroad = nationality if _ABROAD.pick(rng) == "source" else rng.choice(_TRANSIT)
    sub_types = _SUB_TYPES.get(kind)
    return Event(
        kind=kind, sub_type=sub_types.pick(rng) if sub_types else None,
        means_of_control=subset(rng, p.MEANS_OF_CONTROL_P),
        recruitment_method=sorted({_RECRUITMENT.pick(rng) for _ in range(rng.randint(1, 2))}),
        recruiter_relation=_RELATION.pick(rng), country="GBR" if in_uk else abroad, start=start, end=end,
        age_band=age_band(dob.year, dob.month, start),
    )  # fmt: skip
