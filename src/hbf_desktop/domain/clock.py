"""Hybrid logical clock (HLC) stamps for per-field last-writer-wins merging.

A stamp is a string that sorts in causal-then-device order, so the merge rule "last writer wins by (HLC, device id)"
is a plain string comparison everywhere (Python, SQL, other devices):

    <wall milliseconds: 12 hex digits>.<counter: 4 hex digits>.<device id>

The clock never goes backwards, even when the wall clock does (flat batteries, manual clock changes), and it moves
past any stamp it has seen, so an edit made after receiving a change always wins over that change. A device whose
clock runs a year fast pushes others forward by that much; that is the price of never losing a later edit, and the
sync report flags large drifts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from hbf_desktop.domain.model import DomainError

_STAMP = re.compile(r"^([0-9a-f]{12})\.([0-9a-f]{4})\.([0-9A-Za-z-]{1,64})$")
_MAX_COUNTER = 0xFFFF


class BadStampError(DomainError):
    """A stamp from elsewhere that is not in the HLC format."""


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.wall_ms:012x}.{self.counter:04x}.{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        match = _STAMP.match(text)
        if match is None:
            raise BadStampError(f"not a clock stamp: {text[:80]!r}")
        return cls(int(match.group(1), 16), int(match.group(2), 16), match.group(3))


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """One device's clock. Not thread-safe: the store calls it inside its write transaction."""

    def __init__(
        self,
        device: str,
        last: str | None = None,
        now_ms: Callable[[], int] = wall_clock_ms,
    ) -> None:
        self._device = device
        self._now_ms = now_ms
        previous = Stamp.parse(last) if last else None
        self._wall = previous.wall_ms if previous else 0
        self._counter = previous.counter if previous else 0

    def tick(self) -> str:
        """A new stamp for a local change, greater than every stamp this clock has issued or seen."""
        now = self._now_ms()
        if now > self._wall:
            self._wall, self._counter = now, 0
        else:
            self._advance_counter()
        return str(Stamp(self._wall, self._counter, self._device))

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another device, so later local edits win over it."""
        seen = Stamp.parse(stamp)
        if seen.wall_ms > self._wall:
            self._wall, self._counter = seen.wall_ms, seen.counter
        elif seen.wall_ms == self._wall and seen.counter > self._counter:
            self._counter = seen.counter

    @property
    def last(self) -> str:
        """The highest stamp issued or seen; persisted so a restart never reuses a stamp."""
        return str(Stamp(self._wall, self._counter, self._device))

    def _advance_counter(self) -> None:
        if self._counter == _MAX_COUNTER:
            self._wall, self._counter = self._wall + 1, 0
        else:
            self._counter += 1
