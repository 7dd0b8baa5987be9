"""The GUI's handle on the store: every call is queued onto the store thread and answered by callback.

Locking bumps a generation number: an answer to a call made before the lock is dropped, so a query that was still
running when the screen locked can never refill a widget with client data afterwards.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hbf_desktop.config import Policy
from hbf_desktop.store.errors import StoreError
from hbf_desktop.store.kdf import KdfParameters, derivation_in_child_process
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import UnlockPolicy
from hbf_desktop.ui.background import Background

T = TypeVar("T")
OnError = Callable[[Exception], None]
Progress = Callable[[int, int], None]


class StoreLockedError(Exception):
    """Work queued just before a lock found the store closed; never shown (its answer is dropped)."""


class StoreSession:
    def __init__(
        self, data_dir: Path, policy: Policy, background: Background, kdf: KdfParameters | None = None
    ) -> None:
        self.data_dir = data_dir
        self.policy = policy
        self._background = background
        self._kdf = kdf  # tests pass the floor parameters; None calibrates on this machine
        self._store: Store | None = None
        self._generation = 0
        self._cancels: list[threading.Event] = []
        self.role: str | None = None  # "worker" or "supervisor" once enrolled (sync_panel fills it in after unlock)

    @property
    def background(self) -> Background:
        return self._background

    def exists(self) -> bool:
        from hbf_desktop.store.paths import StorePaths

        return StorePaths(self.data_dir).exists()

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def create(self, passphrase: str, on_done: Callable[[str], None], on_error: OnError) -> None:
        def work() -> str:
            store, recovery_key = Store.create(self.data_dir, passphrase, kdf=self._kdf)
            self._store = store
            return recovery_key

        self._submit(work, on_done, on_error)

    def unlock(self, passphrase: str, on_done: Callable[[Any], None], on_error: OnError) -> None:
        policy = UnlockPolicy(self.policy.erase_after_failed_unlocks)

        def work() -> None:
            with derivation_in_child_process():  # Argon2id's memory in a child, not in the GUI (store/kdf_child.py)
                self._store = Store.unlock(self.data_dir, passphrase, policy=policy)

        self._submit(work, on_done, on_error)

    def recover(
        self, recovery_code: str, new_passphrase: str, on_done: Callable[[Any], None], on_error: OnError
    ) -> None:
        """Open with the recovery key and set a new passphrase (the forgotten one stops working)."""

        def work() -> None:
            self._store = Store.recover(self.data_dir, recovery_code, new_passphrase)

        self._submit(work, on_done, on_error)

    def call(self, work: Callable[[Store], T], on_done: Callable[[T], None], on_error: OnError) -> None:
        """Run `work(store)` on the store thread; the answer arrives on the GUI thread, unless locked meanwhile."""
        self._submit(lambda: work(self._require()), on_done, on_error)

    def long_work(
        self,
        work: Callable[[Store, Progress, Callable[[], bool]], T],
        on_progress: Progress,
        on_done: Callable[[T], None],
        on_error: OnError,
    ) -> threading.Event:
        """Long work on its own thread and connection; returns the event that cancels it."""
        cancel = threading.Event()
        self._cancels.append(cancel)
        generation = self._generation
        store = self._require()

        def report(done: int, total: int) -> None:
            self._background.in_gui(lambda: on_progress(done, total) if generation == self._generation else None)

        def run() -> T:
            with store.open_another() as opened:  # this thread's own connection, opened on this thread
                return work(opened, report, cancel.is_set)

        self._background.run(run, self._guard(generation, on_done), self._guard(generation, on_error), long=True)
        return cancel

    def while_closed(
        self,
        work: Callable[[Progress, Callable[[], bool]], T],
        passphrase: str,
        on_progress: Progress,
        on_done: Callable[[T], None],
        on_error: OnError,
        *,
        before_close: Callable[[], None] | None = None,
    ) -> threading.Event:
        """Close the store, run `work` on the closed store (a full re-key), then open it again; returns the event
        that cancels `work`. Everything runs as one job on the store thread, so calls made meanwhile wait and then
        find the store open again. After `work` succeeds the store is unlocked with `passphrase` (the key changed);
        after it fails it is opened with the key held now, unchanged. If the window locked meanwhile the store is
        left closed (and the answer dropped, as for every call)."""
        cancel = threading.Event()
        self._cancels.append(cancel)
        generation = self._generation
        store = self._require()
        held_key = bytearray(store.raw_data_key)
        policy = UnlockPolicy(self.policy.erase_after_failed_unlocks)

        def report(done: int, total: int) -> None:
            self._background.in_gui(lambda: on_progress(done, total) if generation == self._generation else None)

        def run() -> T:
            if before_close is not None:
                before_close()
            store.close()
            self._store = None
            try:
                result = work(report, cancel.is_set)
            except BaseException:
                if generation == self._generation:
                    self._reopen_after_failure(held_key, passphrase, policy)
                raise
            for index in range(len(held_key)):
                held_key[index] = 0  # that key opens nothing any more
            if generation == self._generation:
                with derivation_in_child_process():
                    self._store = Store.unlock(self.data_dir, passphrase, policy=policy)
            return result

        self._background.run(run, self._guard(generation, on_done), self._guard(generation, on_error))
        return cancel

    def _reopen_after_failure(self, held_key: bytearray, passphrase: str, policy: UnlockPolicy) -> None:
        """Unchanged: the key held before opens it. Failed after its commit point (the disk filled during the
        swap): opening finishes the swap, and the passphrase opens it. Otherwise it stays closed (shown as such)."""
        try:
            self._store = Store.open_with_key(self.data_dir, held_key, check_integrity=False)
            return
        except StoreError:
            pass
        with contextlib.suppress(StoreError), derivation_in_child_process():
            self._store = Store.unlock(self.data_dir, passphrase, policy=policy)

    def store_opener(self) -> Callable[[], Store]:
        """For a thread of its own (the sync engine): opens a second connection when called, on that thread."""
        return self._require().open_another

    def lock(self, before_close: Callable[[], None] | None = None) -> None:
        """Cancel long work, drop every pending answer, then close the store on its own thread.

        `before_close` runs on the store thread first (stopping the sync engine, which may be mid-round: waiting
        for it there keeps the GUI thread free)."""
        self._generation += 1
        self.role = None
        for cancel in self._cancels:
            cancel.set()
        self._cancels.clear()

        def work() -> None:
            if before_close is not None:
                before_close()
            if self._store is not None:
                self._store.close()
                self._store = None

        self._background.run(work, lambda _: None, lambda _: None)

    def _submit(self, work: Callable[[], T], on_done: Callable[[T], None], on_error: OnError) -> None:
        generation = self._generation
        self._background.run(work, self._guard(generation, on_done), self._guard(generation, on_error))

    def _guard(self, generation: int, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(value: Any) -> None:
            if generation == self._generation:
                callback(value)

        return deliver

    def _require(self) -> Store:
        if self._store is None:
            raise StoreLockedError("the store is locked")
        return self._store
