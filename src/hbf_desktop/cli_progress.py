"""Progress on stderr for the long commands (backup, restore, export), and only when stderr is a terminal.

stdout and the exit codes are the commands' public interface and stay exactly as they were; a pipe, a log or a cron
mail gets nothing extra. One line is redrawn in place (at most ten times a second) and ended before anything else is
printed, so an error after Ctrl+C starts on a line of its own.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

_REDRAW_SECONDS = 0.1


def byte_figures(done: int, total: int) -> str:
    """Both figures in the unit that suits the total, decimal as file managers show sizes: "12 of 340 MB"."""
    unit, name = next(((size, name) for size, name in ((10**9, "GB"), (10**6, "MB")) if total >= size), (10**3, "KB"))
    decimals = 1 if total / unit < 10 else 0
    return f"{done / unit:,.{decimals}f} of {total / unit:,.{decimals}f} {name}"


def record_figures(done: int, total: int) -> str:
    return f"{done:,} of {total:,} records"


class TerminalProgress:
    """A progress callback, `progress(done, total)`, that draws on stderr when it is a terminal."""

    def __init__(self, label: str, *, in_bytes: bool, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._label = label
        self._figures = byte_figures if in_bytes else record_figures
        self._enabled = self._stream.isatty()
        self._drawn = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < _REDRAW_SECONDS:
            return
        self._last = now
        percent = 100 * done // total if total else 100
        self._stream.write(f"\r{self._label}: {self._figures(done, total)} ({percent}%)\x1b[K")
        self._stream.flush()
        self._drawn = True

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False
