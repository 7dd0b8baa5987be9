"""Accommodation moves: a Poisson process of 0.35 moves per client-year, 60 % unplanned when the risk assessment in
force has any domain high (DATA-MODEL.md "Relocations"). Where people live and move to is ASSUMPTION (generator):
asylum accommodation for people seeking asylum, safehouses and refuges after risk, settled housing when planned.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic import people
from hbf_desktop.synthetic.risk import Assessment, latest_on
from hbf_desktop.synthetic.sampling import Weighted, chance

_START_ASYLUM = Weighted({
    "asylum_hotel": 0.35, "asylum_dispersal": 0.35, "msvcc_safehouse": 0.15, "sofa_surfing": 0.1,
    "street_homeless": 0.05,
})  # fmt: skip
_START_UK = Weighted({
    "social_housing": 0.3, "private_rented": 0.2, "la_temporary": 0.2, "sofa_surfing": 0.15, "refuge": 0.1,
    "street_homeless": 0.05,
})  # fmt: skip
_START_OTHER = Weighted({
    "msvcc_safehouse": 0.25, "private_rented": 0.2, "sofa_surfing": 0.2, "la_temporary": 0.15, "asylum_hotel": 0.1,
    "street_homeless": 0.1,
})  # fmt: skip
_UNPLANNED_TO = {
    "msvcc_safehouse": 0.3,
    "refuge": 0.15,
    "la_temporary": 0.2,
    "sofa_surfing": 0.15,
    "street_homeless": 0.07,
}
_PLANNED_TO = {"private_rented": 0.3, "social_housing": 0.25, "la_temporary": 0.15, "msvcc_safehouse": 0.1}
# Asylum accommodation (and immigration detention) only for people seeking asylum: {planned: destinations}.
_DESTINATIONS = {
    False: {True: Weighted(_PLANNED_TO), False: Weighted(_UNPLANNED_TO)},
    True: {
        True: Weighted({**_PLANNED_TO, "asylum_dispersal": 0.2}),
        False: Weighted({**_UNPLANNED_TO, "asylum_hotel": 0.1, "detention": 0.03}),
    },
}
_UNPLANNED_WHY = Weighted({"risk_from_exploiters": 0.45, "unsuitable_conditions": 0.3, "safeguarding": 0.25})
_PLANNED_WHY = Weighted({"decision_driven": 0.35, "client_choice": 0.35, "unsuitable_conditions": 0.3})
_DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True)
class Move:
    on: date
    from_type: str
    to_type: str
    reason: str
    planned: bool
    from_area: str
    to_area: str


@dataclass
class Housing:
    """Where the client lives now; carried from a closed case into a reopened one."""

    accommodation: str
    area: str
    seeking_asylum: bool


def first_housing(rng: random.Random, immigration_status: str, area: str) -> Housing:
    if immigration_status == "asylum_seeker":
        return Housing(_START_ASYLUM.pick(rng), area, seeking_asylum=True)
    starts = _START_UK if immigration_status == "uk_national" else _START_OTHER
    return Housing(starts.pick(rng), area, seeking_asylum=False)


def moves(rng: random.Random, housing: Housing, first: date, last_day: date, risk: list[Assessment]) -> list[Move]:
    """The moves of one case between `first` and `last_day` inclusive; `housing` is updated as the client moves."""
    found: list[Move] = []
    day = first + timedelta(days=rng.expovariate(p.MOVES_PER_YEAR / _DAYS_PER_YEAR))
    while day <= last_day:
        found.append(_move(rng, housing, day, latest_on(risk, day)))
        day += timedelta(days=rng.expovariate(p.MOVES_PER_YEAR / _DAYS_PER_YEAR))
    return found


def _move(rng: random.Random, housing: Housing, day: date, assessment: Assessment | None) -> Move:
    high = assessment is not None and "high" in assessment.domains.values()
    planned = not chance(rng, p.UNPLANNED_WHEN_HIGH if high else p.UNPLANNED_OTHERWISE)
    destinations = _DESTINATIONS[housing.seeking_asylum][planned]
    to_type = destinations.pick(rng)
    if to_type == housing.accommodation:
        to_type = destinations.pick(rng)  # a second draw; the same kind again is a move between two such places
    if planned and housing.accommodation == "msvcc_safehouse" and chance(rng, 0.5):
        reason = "msvcc_exit"
    else:
        reason = (_PLANNED_WHY if planned else _UNPLANNED_WHY).pick(rng)
    moving_away = chance(rng, 0.2 if planned else 0.6)  # ASSUMPTION (generator): risk moves go further
    to_area = people.LOCAL_AREAS.pick(rng) if moving_away else housing.area
    move = Move(day, housing.accommodation, to_type, reason, planned, housing.area, to_area)
    housing.accommodation, housing.area = to_type, to_area
    return move
