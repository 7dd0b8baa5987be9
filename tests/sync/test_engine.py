"""The engine's timing on its own thread with a real store: back-off bounds and jitter, a burst of saves making one
round, "Sync now" at once, plain words when sync is not set up. (Rounds against the real server are in
test_server_sync.py.)"""

from __future__ import annotations

import random
import threading
import time

from hbf_desktop.store.store import Store
from hbf_desktop.sync.engine import SyncEngine, SyncState, SyncStatus, backoff_delay


def test_back_off_doubles_to_its_cap_with_jitter_within_half_and_whole() -> None:
    rng = random.Random(3)
    for failures in range(1, 14):
        bound = min(900.0, 5.0 * 2 ** (failures - 1))
        delays = [backoff_delay(failures, 5.0, 900.0, rng) for _ in range(200)]
        assert all(bound / 2 <= delay <= bound for delay in delays)
        assert max(delays) - min(delays) > bound / 4, "delays are spread, so laptops do not retry in step"
    assert backoff_delay(40, 5.0, 900.0, rng) <= 900.0


class _Recorder:
    def __init__(self) -> None:
        self.statuses: list[SyncStatus] = []
        self.changed = threading.Event()

    def __call__(self, status: SyncStatus) -> None:
        self.statuses.append(status)
        self.changed.set()

    def rounds(self) -> int:
        return sum(status.state is SyncState.SYNCING for status in self.statuses)

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.rounds() < count or self.statuses[-1].state is SyncState.SYNCING:
            assert time.monotonic() < deadline, [s.message for s in self.statuses]
            time.sleep(0.01)


def test_a_burst_of_saves_makes_one_round_and_sync_now_runs_at_once(store: Store) -> None:
    recorder = _Recorder()
    engine = SyncEngine(store.open_another, recorder, debounce=0.3, interval=3600)
    engine.start()
    try:
        recorder.wait_for(1)  # the round at start
        for _ in range(10):
            engine.saved()
            time.sleep(0.01)
        time.sleep(0.15)
        assert recorder.rounds() == 1, "still within the debounce"
        recorder.wait_for(2)
        time.sleep(0.5)
        assert recorder.rounds() == 2, "ten saves, one round"
        started = time.monotonic()
        engine.sync_now()
        recorder.wait_for(3)
        assert time.monotonic() - started < 2
    finally:
        engine.stop()
    last = recorder.statuses[-1]
    assert last.state is SyncState.ERROR and "not set up" in last.advice
    assert "enrol" in last.message


def test_stop_ends_the_thread(store: Store) -> None:
    recorder = _Recorder()
    engine = SyncEngine(store.open_another, recorder, debounce=0.05, interval=3600)
    engine.start()
    recorder.wait_for(1)
    engine.stop(timeout=5)
    assert engine._thread is not None and not engine._thread.is_alive()
