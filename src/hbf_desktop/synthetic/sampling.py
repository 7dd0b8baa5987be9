"""Random draws the generator needs beyond `random.Random`: weighted picks, Poisson, lognormal waits, record ids.

Everything takes the caller's seeded `random.Random`, never the module-level functions, so that one seed gives one
output. The draws are on the hot path (about 100 per client-month), hence the precomputed cumulative weights.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

_UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MS_PER_DAY = 86_400_000
_POISSON_CHUNK = 30.0  # exp(-mean) stays far from underflow; larger means are drawn as sums of chunks


class Weighted(Generic[T]):
    """A fixed discrete distribution, drawn in O(log n) with one uniform draw."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        if not weights or min(weights.values()) < 0 or sum(weights.values()) <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        self.values: tuple[T, ...] = tuple(weights)
        self._cumulative = tuple(accumulate(weights.values()))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        index = bisect_right(self._cumulative, rng.random() * self._total)
        return self.values[min(index, len(self.values) - 1)]

    def share(self, value: T) -> float:
        """The probability of `value`, for tests and docstrings that compare output with the parameters."""
        index = self.values.index(value)
        low = self._cumulative[index - 1] if index else 0.0
        return (self._cumulative[index] - low) / self._total


def zipf(values: Sequence[T], exponent: float = 1.0) -> Weighted[T]:
    """Weights 1/rank**exponent: a long tail of rarer values, as nationality tables have."""
    return Weighted({value: 1 / rank**exponent for rank, value in enumerate(values, start=1)})


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's product method: the means here are small (a few events a month), where it is exact and fast."""
    count = 0
    while mean > _POISSON_CHUNK:
        count += poisson(rng, _POISSON_CHUNK)
        mean -= _POISSON_CHUNK
    threshold, product = math.exp(-mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def frailty(rng: random.Random, shape: float) -> float:
    """A gamma multiplier with mean 1: Poisson counts with this rate are negative binomial (DATA-MODEL.md)."""
    return rng.gammavariate(shape, 1 / shape)


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


def lognormal_days(rng: random.Random, median: float, sigma: float, maximum: int | None = None) -> int:
    """A whole number of days, at least 1: a wait of 0 days would put a decision on the day of its request."""
    days = max(1, round(lognormal(rng, median, sigma)))
    return days if maximum is None else min(days, maximum)


def subset(rng: random.Random, probabilities: Mapping[str, float]) -> list[str]:
    """Each value independently with its probability, in the mapping's order."""
    return [value for value, probability in probabilities.items() if rng.random() < probability]


def record_id(rng: random.Random, created: date) -> str:
    """A UUIDv7 (RFC 9562) whose time part is the record's synthetic creation day, and whose rest is from `rng`.

    The clock is never read, so the same seed gives the same ids; the time part keeps ids in the order a real
    caseload would have made them, so store indexes see realistic locality. 74 random bits make a repeat among
    millions of records about as likely as a 1 in 10^10 event.
    """
    bits = rng.getrandbits(101)
    day_ms = max(created.toordinal() - _UNIX_EPOCH_ORDINAL, 0) * _MS_PER_DAY
    milliseconds = day_ms + (bits >> 74) % _MS_PER_DAY
    high, low = milliseconds >> 16, milliseconds & 0xFFFF
    rand_a, rand_b, tail = (bits >> 62) & 0xFFF, 0x8000 | (bits >> 48) & 0x3FFF, bits & 0xFFFF_FFFF_FFFF
    return f"{high:08x}-{low:04x}-7{rand_a:03x}-{rand_b:04x}-{tail:012x}"  # version 7, RFC 9562 variant (0b10)
