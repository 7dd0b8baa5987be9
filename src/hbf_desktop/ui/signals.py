"""Emitting Qt signals from Python without losing a reference to `True`.

PySide6 6.12.0 returns the result of `SignalInstance.emit()` (a bool) without counting the reference it hands
back, so every emit from Python takes one reference from `True`. On Python 3.11, where `True` is an ordinary
object with a few hundred references, an application that emits a signal per store call crashes within minutes
("Fatal Python error: bool_dealloc: deallocating True or False"). Every emit in this package goes through `emit`,
which gives the reference back. Giving one too many, on a PySide that is fixed, is harmless: True and False are
never freed.
"""

from __future__ import annotations

import ctypes
from typing import Any

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *arguments: Any) -> None:
    result = signal.emit(*arguments)
    if isinstance(result, bool):
        _incref(result)
