"""Random draws: weighted picks, Poisson and gamma-frailty counts, ids shaped as UUIDv7 but drawn from the seed."""

from __future__ import annotations

import random
import statistics
import uuid
from datetime import UTC, date, datetime

import pytest

from hbf_desktop.synthetic.sampling import Weighted, frailty, lognormal_days, poisson, record_id, zipf

N = 40_000


def test_weighted_picks_follow_the_weights() -> None:
    weights = Weighted({"a": 0.6, "b": 0.3, "c": 0.1})
    rng = random.Random(1)
    picks = [weights.pick(rng) for _ in range(N)]
    for value in "abc":
        assert abs(picks.count(value) / N - weights.share(value)) < 0.01
    assert weights.share("c") == pytest.approx(0.1)


def test_weighted_refuses_weights_that_are_not_a_distribution() -> None:
    with pytest.raises(ValueError):
        Weighted({"a": 0.0})
    with pytest.raises(ValueError):
        Weighted({"a": 1.0, "b": -0.5})


def test_zipf_falls_with_rank() -> None:
    weights = zipf(["first", "second", "third"], exponent=1.0)
    assert weights.share("first") == pytest.approx(2 * weights.share("second"))


@pytest.mark.parametrize("mean", [0.4, 2.4, 45.0])
def test_poisson_has_its_mean_and_variance(mean: float) -> None:
    rng = random.Random(2)
    counts = [poisson(rng, mean) for _ in range(N)]
    assert statistics.fmean(counts) == pytest.approx(mean, rel=0.03)
    assert statistics.pvariance(counts) == pytest.approx(mean, rel=0.06)


def test_gamma_frailty_makes_counts_negative_binomial() -> None:
    """Frailty of shape 2 has mean 1, so the count keeps its mean and gains variance mean^2 / 2 (DATA-MODEL.md)."""
    rng = random.Random(3)
    counts = [poisson(rng, 2.4 * frailty(rng, 2.0)) for _ in range(N)]
    assert statistics.fmean(counts) == pytest.approx(2.4, rel=0.03)
    assert statistics.pvariance(counts) == pytest.approx(2.4 + 2.4**2 / 2, rel=0.08)


def test_lognormal_days_have_the_median_and_respect_the_cap() -> None:
    rng = random.Random(4)
    days = [lognormal_days(rng, 20, 0.8, maximum=365) for _ in range(N)]
    assert statistics.median(days) == pytest.approx(20, abs=1)
    assert min(days) >= 1 and max(days) <= 365


def test_record_ids_are_uuid7_dated_by_the_record_and_repeatable() -> None:
    created = date(2021, 6, 15)
    first = [record_id(random.Random(5), created) for _ in range(2)]
    assert first[0] == first[1]
    rng = random.Random(6)
    ids = [record_id(rng, created) for _ in range(N)]
    assert len(set(ids)) == N
    for text in ids[:100]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 7 and parsed.variant == uuid.RFC_4122
        moment = datetime.fromtimestamp((parsed.int >> 80) / 1000, tz=UTC)
        assert moment.date() == created
