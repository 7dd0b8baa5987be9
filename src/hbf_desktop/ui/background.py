"""Running store, crypto and file work off the GUI thread.

All everyday store work runs on ONE worker thread that owns the store's connection (SQLite connections belong to the
thread that opened them). Long work (import, export, backup) runs on a second thread with its own connection, so the
caseload stays usable meanwhile. Results and progress come back to the GUI thread only through queued Qt signals, so
no widget is ever touched from a worker, and the GUI thread never waits on disk, the KDF or the network.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from hbf_desktop.ui.signals import emit


class Background(QObject):
    _finished = Signal(object, object, object)  # on_done, on_error, outcome
    _call = Signal(object)  # a zero-argument callable to run on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hbf-store")
        self._long = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hbf-long-work")
        self._finished.connect(self._deliver)
        self._call.connect(lambda function: function())

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        *,
        long: bool = False,
    ) -> Future[Any]:
        future = (self._long if long else self._executor).submit(work)
        future.add_done_callback(lambda done: emit(self._finished, on_done, on_error, done))
        return future

    def in_gui(self, function: Callable[[], None]) -> None:
        """From a worker: run `function` on the GUI thread (progress reports)."""
        emit(self._call, function)

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
        self._long.shutdown(wait=True)
        self._executor.shutdown(wait=True)
