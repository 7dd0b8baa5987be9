"""Exploitation history: at least one event, DATA-MODEL's type mix, x2.5 sexual exploitation for women."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from functools import cache

import pytest

from hbf_desktop.domain.vocabularies import EXPLOITATION_SUB_TYPE, EXPLOITATION_TYPE
from hbf_desktop.synthetic import parameters as p
from hbf_desktop.synthetic.history import Event, events, exploitation_mixes

N = 10_000
DOB, INTAKE = date(1990, 5, 1), date(2021, 3, 1)


@cache
def _histories(woman: bool) -> list[list[Event]]:
    rng = random.Random(1)
    return [events(rng, woman, "ALB", DOB, INTAKE) for _ in range(N)]


def test_type_mix_with_more_sexual_exploitation_for_women() -> None:
    for woman in (False, True):
        mix, _ = exploitation_mixes(woman)
        histories = _histories(woman)
        single = Counter(history[0].kind for history in histories if len(history) == 1)
        assert abs(single["sexual"] / N - mix.share("sexual")) < 0.02
        assert abs(single["labour"] / N - mix.share("labour")) < 0.02
        assert abs(sum(len(history) > 1 for history in histories) / N - mix.share("multiple")) < 0.02
    women, men = exploitation_mixes(True)[0], exploitation_mixes(False)[0]
    odds = (women.share("sexual") / women.share("labour")) / (men.share("sexual") / men.share("labour"))
    assert odds == pytest.approx(p.SEXUAL_FACTOR_WOMEN), "x2.5 on the weight, before the mix is normalised"
    assert exploitation_mixes(False)[0].share("labour") == p.EXPLOITATION_MIX["labour"]


def test_events_are_valid_ordered_and_before_intake() -> None:
    for history in _histories(True)[:4_000]:
        assert 1 <= len(history) <= 3 and len({event.kind for event in history}) == len(history)
        for event in history:
            assert event.kind in EXPLOITATION_TYPE and (
                event.sub_type is None or event.sub_type in EXPLOITATION_SUB_TYPE
            )
            assert DOB < event.start <= event.end < INTAKE
            assert (event.country == "GBR") or event.country in (
                "ALB",
                "FRA",
                "ITA",
                "GRC",
                "LBY",
                "TUR",
                "BEL",
                "DEU",
                "ESP",
            )
        for later, earlier in zip(history, history[1:], strict=False):
            assert earlier.end <= later.start


def test_means_of_control_are_independent_draws_between_0_15_and_0_6() -> None:
    histories = _histories(False)
    counts = Counter(means for history in histories for means in history[0].means_of_control)
    for means, probability in p.MEANS_OF_CONTROL_P.items():
        assert 0.15 <= probability <= 0.6
        assert abs(counts[means] / N - probability) < 0.02, means
