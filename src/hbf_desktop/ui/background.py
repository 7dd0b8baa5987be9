"""Running store, crypto and file work off the GUI thread.

All store work runs on ONE worker thread that owns the store's connection (SQLite connections belong to the thread
that opened them). Results come back to the GUI thread only through a queued Qt signal, so no widget is ever touched
from the worker, and the GUI thread never waits on disk, the KDF or the network.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    _finished = Signal(object, object, object)  # on_done, on_error, outcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hbf-store")
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> Future[Any]:
        future = self._executor.submit(work)
        future.add_done_callback(lambda done: self._finished.emit(on_done, on_error, done))
        return future

    def _deliver(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        future: Future[Any],
    ) -> None:
        error = future.exception()
        if error is None:
            on_done(future.result())
        elif isinstance(error, Exception):
            on_error(error)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)
