"""The sync engine for the GUI: plain Python (no Qt), one worker thread with its own store connection.

The GUI creates a `SyncEngine` with a function that opens the store for the worker thread (`store.open_another`)
and a status callback, and calls `saved()` after each save, `sync_now()` for the button and `network_changed()` when
the operating system says the network came back. The callback runs on the engine's thread; the GUI turns it into a
queued Qt signal and never touches the store itself.

When a round runs:

* after a save, once saves have paused for `debounce` seconds (a burst of edits makes one round, not fifty);
* every `interval` seconds;
* at once on "Sync now" or when the network returns (which also forgets the back-off);
* while the server is unreachable, after a back-off that doubles from `backoff_base` to `backoff_max`, each delay
  drawn between half and all of its bound ("equal jitter"), so laptops coming back together do not stampede.

Stopping (the laptop locking) does not wait for a round to finish: `stop()` aborts the round's client, which cuts
the request in flight, and the round ends at its next step with nothing half-applied (what was merged is committed
with its cursor; a batch whose upload was cut is sent again next round, and the server de-duplicates by batch id).

Statuses are in plain words for the status bar: offline with N changes waiting, syncing with progress, synced and
when, or what went wrong and what to do.
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hbf_desktop.domain.model import DomainError
from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import (
    DeviceRevokedError,
    NotSetUpError,
    ServerAnswerError,
    ServerUnreachableError,
    SyncCancelledError,
    TrustError,
)
from hbf_desktop.sync.rounds import RoundReport, client_for, run_round
from hbf_desktop.sync.wipe import DeviceWipedError


class SyncState(enum.Enum):
    OFFLINE = "offline"
    SYNCING = "syncing"
    SYNCED = "synced"
    ERROR = "error"


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    waiting_changes: int
    message: str  # one sentence for the status bar
    advice: str = ""  # what the person can do, when something went wrong
    progress: tuple[int, int] | None = None  # done, total (0: unknown)
    synced_at: str | None = None
    next_attempt_seconds: float | None = None
    wiped: bool = False  # a verified wipe order erased the store: the GUI must close, nothing more can be done


def backoff_delay(failures: int, base: float, maximum: float, rng: random.Random) -> float:
    """Equal jitter: between half and all of min(maximum, base × 2^(failures−1))."""
    bound = min(maximum, base * 2.0 ** max(failures - 1, 0))
    return bound / 2 + rng.uniform(0, bound / 2)


class SyncEngine:
    def __init__(
        self,
        open_store: Callable[[], Store],
        on_status: Callable[[SyncStatus], None],
        *,
        make_client: Callable[[Store], SyncClient] = client_for,
        interval: float = 300.0,
        debounce: float = 5.0,
        backoff_base: float = 5.0,
        backoff_max: float = 900.0,
        rng: random.Random | None = None,
    ) -> None:
        self._open_store = open_store
        self._on_status = on_status
        self._make_client = make_client
        self._interval, self._debounce = interval, debounce
        self._backoff_base, self._backoff_max = backoff_base, backoff_max
        self._rng = rng or random.Random()
        self._wake = threading.Condition()
        self._due: float | None = None  # monotonic time of the next round
        self._stopping = False
        self._failures = 0
        self._thread: threading.Thread | None = None
        self._client: SyncClient | None = None  # the round's client, while a round runs (`stop` aborts it)
        self.rounds = 0
        self.last_status: SyncStatus | None = None

    # --- what the GUI calls (any thread) --------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hbf-sync", daemon=True)
        self._schedule(0.0)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the thread to finish, cutting a round in progress short, and wait for it (a moment, not a timeout)."""
        with self._wake:
            self._stopping = True
            client = self._client
            self._wake.notify_all()
        if client is not None:
            client.abort()
        if self._thread is not None:
            self._thread.join(timeout)

    def saved(self) -> None:
        """A save committed: sync once saves pause for `debounce` seconds (unless a round is due sooner)."""
        if self._failures:
            return  # offline: the back-off decides; the status already counts the change as waiting
        self._schedule(self._debounce, replace=True)

    def sync_now(self) -> None:
        self._failures = 0
        self._schedule(0.0)

    def network_changed(self) -> None:
        self.sync_now()

    # --- the worker thread ----------------------------------------------------------------------------------------

    def _schedule(self, delay: float, *, replace: bool = False) -> None:
        with self._wake:
            due = time.monotonic() + delay
            if self._due is None or due < self._due or replace:
                self._due = due
            self._wake.notify_all()

    def _run(self) -> None:
        store: Store | None = None
        try:
            store = self._open_store()
            while self._wait_until_due():
                self.run_once(store)
        except Exception as error:  # the thread must report, never die silently
            advice = f"Restart HBF Desktop; if it happens again, tell IT: {type(error).__name__}."
            self._emit(SyncStatus(SyncState.ERROR, 0, "Sync stopped because of an unexpected problem.", advice))
        finally:
            if store is not None:
                store.close()

    def _round_client(self, store: Store) -> SyncClient:
        """A new client for this round, kept where `stop` can abort it (a stop just before this aborts it too)."""
        client = self._make_client(store)
        with self._wake:
            self._client = client
            stopping = self._stopping
        if stopping:
            client.abort()
        return client

    def _wait_until_due(self) -> bool:
        with self._wake:
            while not self._stopping:
                now = time.monotonic()
                if self._due is not None and now >= self._due:
                    self._due = None
                    return True
                self._wake.wait(None if self._due is None else self._due - now)
            return False

    def run_once(self, store: Store) -> SyncStatus:
        """One round on `store` (the engine thread's own connection), reporting statuses as it goes."""
        waiting = sync_state.waiting_change_count(store.connection)
        self._emit(SyncStatus(SyncState.SYNCING, waiting, "Syncing…", progress=(0, 0)))

        def progress(phase: str, done: int, total: int) -> None:
            verb = "Sending" if phase == "upload" else "Receiving"
            self._emit(SyncStatus(SyncState.SYNCING, waiting, f"Syncing: {verb.lower()} changes…",
                                  progress=(done, total)))  # fmt: skip

        try:
            report = run_round(store, self._round_client(store), progress=progress)
        except SyncCancelledError:
            return self._emit(SyncStatus(SyncState.OFFLINE, waiting, "Sync stopped."))  # dropped by a locked GUI
        except ServerUnreachableError:
            return self._offline(store)
        except DeviceWipedError as error:
            with self._wake:
                self._stopping = True  # the store is gone: nothing more to do
            return self._emit(_error_status(error, 0))
        except DomainError as error:
            if self._stopping:  # the lock cut the round (a rollback, a closed socket): not a problem to show
                return self._emit(SyncStatus(SyncState.OFFLINE, waiting, "Sync stopped."))
            self._failures = 0
            self._schedule(self._interval)
            return self._emit(_error_status(error, sync_state.waiting_change_count(store.connection)))
        self._failures = 0
        self.rounds += 1
        self._schedule(self._interval)
        return self._emit(_synced_status(report))

    def _offline(self, store: Store) -> SyncStatus:
        self._failures += 1
        delay = backoff_delay(self._failures, self._backoff_base, self._backoff_max, self._rng)
        self._schedule(delay, replace=True)
        waiting = sync_state.waiting_change_count(store.connection)
        noun = "change" if waiting == 1 else "changes"
        return self._emit(SyncStatus(
            SyncState.OFFLINE, waiting, f"Offline: {waiting} {noun} waiting to be sent.",
            f"They are safe on this laptop and will be sent when the connection returns (next try in {delay:.0f} s).",
            next_attempt_seconds=delay,
        ))  # fmt: skip

    def _emit(self, status: SyncStatus) -> SyncStatus:
        self.last_status = status
        self._on_status(status)
        return status


def _synced_status(report: RoundReport) -> SyncStatus:
    at = utc_now()
    merged = report.received.merged
    message = f"Synced at {at[11:16]} UTC."
    if report.waiting_changes:
        message += f" {report.waiting_changes} changes still waiting."
    advice = ""
    if merged.conflicts:
        advice = f"{merged.conflicts} edits clashed with others; review them in Conflicts."
    if report.received.rejected or report.received.forks:
        advice += " Some received batches were set aside; a supervisor should look at the sync report."
    return SyncStatus(SyncState.SYNCED, report.waiting_changes, message, advice.strip(), synced_at=at)


def _error_status(error: DomainError, waiting: int) -> SyncStatus:
    if isinstance(error, DeviceWipedError):
        advice = "Nothing more can be done on this laptop. Return it to IT; your supervisors hold what was synced."
    elif isinstance(error, DeviceRevokedError):
        advice = "This laptop was removed from sync. Contact your supervisor; do not enter new work on it."
    elif isinstance(error, NotSetUpError):
        advice = "Sync is not set up on this laptop yet: ask your administrator for an enrolment code."
    elif isinstance(error, TrustError):
        advice = "A security check failed, so nothing was exchanged. Tell your administrator what this says."
    elif isinstance(error, ServerAnswerError):
        advice = "Your changes are kept on this laptop. Try again later; if this persists, tell IT."
    else:
        advice = "Your changes are kept on this laptop. If this persists, tell IT what this says."
    return SyncStatus(SyncState.ERROR, waiting, str(error), advice, wiped=isinstance(error, DeviceWipedError))
