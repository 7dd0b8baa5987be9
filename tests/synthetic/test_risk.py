"""Risk assessments: the Markov chain of DATA-MODEL.md "Risk" and the shape of each assessment."""

from __future__ import annotations

import random
import statistics
from datetime import date

from hbf_desktop.domain.vocabularies import RISK_DOMAIN, RISK_LEVEL
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.risk import assessments, latest_on, next_level

N = 40_000


def test_the_level_stays_with_probability_0_7_and_drifts_down_after_a_positive_cg() -> None:
    rng = random.Random(1)
    before = [next_level(rng, "medium", after_positive_cg=False) for _ in range(N)]
    after = [next_level(rng, "medium", after_positive_cg=True) for _ in range(N)]
    assert abs(before.count("medium") / N - p.RISK_STAY) < 0.02
    assert abs(after.count("medium") / N - p.RISK_STAY) < 0.02
    assert abs(before.count("low") - before.count("high")) / N < 0.02
    assert after.count("low") > 3 * after.count("high")


def test_assessments_every_90_days_give_or_take_14_and_overall_is_the_highest_domain() -> None:
    rng = random.Random(2)
    for _ in range(500):
        found = assessments(rng, date(2020, 1, 6), date(2022, 12, 30), positive_cg=None)
        assert found[0].on == date(2020, 1, 6)
        for earlier, later in zip(found, found[1:], strict=False):
            assert 90 - 14 <= (later.on - earlier.on).days <= 90 + 14 + 2  # moved off a weekend
            assert (later.on - earlier.review_due).days in (0, 1, 2)
        for assessment in found:
            assert set(assessment.domains) == set(RISK_DOMAIN)
            assert assessment.overall == max(assessment.domains.values(), key=RISK_LEVEL.index)
        assert latest_on(found, date(2020, 1, 5)) is None and latest_on(found, date(2020, 1, 6)) is found[0]


def test_risk_falls_over_time_after_move_on_support_begins() -> None:
    rng = random.Random(3)

    def final_rank(positive_cg: date | None) -> float:
        found = assessments(rng, date(2020, 1, 6), date(2023, 12, 29), positive_cg)
        return RISK_LEVEL.index(found[-1].overall)

    without = statistics.fmean(final_rank(None) for _ in range(1_500))
    with_support = statistics.fmean(final_rank(date(2020, 1, 6)) for _ in range(1_500))
    assert with_support < without - 0.3
