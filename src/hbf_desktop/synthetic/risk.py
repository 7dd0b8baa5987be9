"""Risk assessments: at intake, then every 90 +/- 14 days (moved to a working day), the level a Markov chain
(DATA-MODEL.md "Risk").

The overall level stays with probability 0.7; otherwise it steps one level, down or up with equal chance, or down
with chance 0.8 once a positive conclusive grounds decision has brought move-on support ("drifting down after a
positive CG"). A step past low or high keeps the level. Each assessment rates all eight domains: one lead domain
(re-trafficking half the time) carries the overall level and the others are at most that level, so that the
overall level is always the highest domain level, as in Primero's risk_level.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hbf_desktop.domain.vocabularies import RISK_DOMAIN, RISK_LEVEL
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.dates import next_working_day
from hbf_desktop.synthetic.sampling import Weighted, chance

_AT_INTAKE = Weighted(p.RISK_AT_INTAKE)
_OTHER_DOMAIN = Weighted(p.RISK_OTHER_DOMAIN)
_RANK = {level: rank for rank, level in enumerate(RISK_LEVEL)}  # low < medium < high


@dataclass(frozen=True)
class Assessment:
    on: date
    overall: str
    domains: dict[str, str]
    review_due: date  # the next assessment is made then (or the next working day) if the case is still open


def assessments(rng: random.Random, opened: date, last_day: date, positive_cg: date | None) -> list[Assessment]:
    """Assessments of one case from its opening to `last_day` (inclusive)."""
    found: list[Assessment] = []
    day, level = opened, _AT_INTAKE.pick(rng)
    while day <= last_day:
        due = day + timedelta(days=p.RISK_INTERVAL_DAYS + rng.randint(-p.RISK_JITTER_DAYS, p.RISK_JITTER_DAYS))
        found.append(Assessment(day, level, _domains(rng, level), due))
        level = next_level(rng, level, after_positive_cg=positive_cg is not None and positive_cg <= due)
        day = next_working_day(due)
    return found


def next_level(rng: random.Random, level: str, *, after_positive_cg: bool) -> str:
    if chance(rng, p.RISK_STAY):
        return level
    down = chance(rng, p.RISK_DOWN_AFTER_CG if after_positive_cg else p.RISK_DOWN)
    rank = min(max(_RANK[level] + (-1 if down else 1), 0), len(RISK_LEVEL) - 1)
    return RISK_LEVEL[rank]


def _domains(rng: random.Random, overall: str) -> dict[str, str]:
    lead = "re_trafficking" if chance(rng, 0.5) else rng.choice(RISK_DOMAIN)
    cap = _RANK[overall]
    return {
        domain: overall if domain == lead else RISK_LEVEL[min(_RANK[_OTHER_DOMAIN.pick(rng)], cap)]
        for domain in RISK_DOMAIN
    }


def latest_on(found: list[Assessment], day: date) -> Assessment | None:
    """The assessment in force on `day`: the last one made on or before it."""
    current = None
    for assessment in found:
        if assessment.on > day:
            break
        current = assessment
    return current
