"""The hybrid logical clock never goes back (moved here from test_validation; the clock is not validation)."""

from __future__ import annotations

from hbf_desktop.domain.clock import HybridLogicalClock, Stamp


def test_the_clock_never_goes_back_and_moves_past_what_it_sees() -> None:
    now = [1_000]
    clock = HybridLogicalClock("device-a", now_ms=lambda: now[0])
    first = clock.tick()
    now[0] = 500  # the wall clock jumps back
    second = clock.tick()
    assert second > first
    clock.observe(str(Stamp(5_000, 3, "device-b")))
    assert clock.tick() > str(Stamp(5_000, 3, "device-b"))
    assert HybridLogicalClock("device-a", last=clock.last).tick() > clock.last
