"""Errors a person can meet when using the store; each message says what happened and what to do."""

from __future__ import annotations

from hbf_desktop.domain.model import DomainError


class StoreError(DomainError):
    """Base class: caught at the edges (CLI, GUI) and shown as its message."""


class StoreNotFoundError(StoreError):
    pass


class StoreExistsError(StoreError):
    pass


class WrongPassphraseError(StoreError):
    pass


class WrongRecoveryKeyError(StoreError):
    pass


class UnlockThrottledError(StoreError):
    def __init__(self, message: str, retry_after_seconds: float) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class KeyFileDamagedError(StoreError):
    pass


class StoreDamagedError(StoreError):
    pass


class NotEncryptedError(StoreError):
    """The SQLite library in use is not SQLCipher: writing would put clear text on disk, so we refuse."""


class StoreInUseError(StoreError):
    """Another connection holds the database open, so work that needs it alone (a full re-key) cannot start."""


class ConcurrentEditError(StoreError):
    pass


class RecordNotFoundError(StoreError):
    pass


class OperationCancelledError(StoreError):
    pass
