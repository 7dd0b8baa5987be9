"""A clock that was fast when passphrases were mistyped cannot lock a caseworker out (security review).

The throttle waits `last failure + delay - now`. Laptops' clocks are wrong by up to a year (SYNC-AND-KEYS.md tests
±1 year of skew); a failure recorded while the clock ran a year fast, then a corrected clock, made the wait a year,
though the delay is capped at five minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hbf_desktop.store.errors import UnlockThrottledError, WrongPassphraseError
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import MAX_DELAY_SECONDS
from tests.conftest import PASSPHRASE

YEAR = 365 * 24 * 3600.0


def test_failures_recorded_by_a_fast_clock_never_make_the_wait_longer_than_the_cap(store_dir: Path) -> None:
    now = 1_800_000_000.0
    for _ in range(6):
        with pytest.raises((WrongPassphraseError, UnlockThrottledError)):
            Store.unlock(store_dir, "not the passphrase", now=lambda: now + YEAR)  # the clock a year fast
    attempts = json.loads(StorePaths(store_dir).unlock_attempts.read_text())
    assert attempts["failures"] >= 3 and attempts["last_failure_at"] > now + YEAR - 60
    try:  # the clock corrected: the right passphrase opens the store, at most after the capped delay
        Store.unlock(store_dir, PASSPHRASE, now=lambda: now).close()
    except UnlockThrottledError as throttled:
        assert throttled.retry_after_seconds <= MAX_DELAY_SECONDS, "locked out far longer than the cap"
        Store.unlock(store_dir, PASSPHRASE, now=lambda: now + MAX_DELAY_SECONDS + 1).close()
