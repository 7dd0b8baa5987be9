"""Errors of the sync engine a person can meet; each message says what happened and what to do.

They are `DomainError`s, so the command line prints them as one line and the GUI shows them in its status bar.
"""

from __future__ import annotations

from hbf_desktop.domain.model import DomainError


class SyncError(DomainError):
    """Base of sync errors."""


class NotSetUpError(SyncError):
    """No provisioning file, no directory or no enrolment yet: sync cannot start."""


class TrustError(SyncError):
    """A key or document does not match what this laptop pinned (the root key, a device key): an alarm."""


class BundleError(SyncError):
    """A USB bundle that cannot be used (damaged, altered, not a bundle); nothing was applied."""


class ServerUnreachableError(SyncError):
    """The server did not answer (no network, server down, timeout): try again later; nothing is lost."""


class SyncCancelledError(SyncError):
    """The round was stopped on purpose (the laptop is locking): nothing to tell anyone; the next round carries on."""


class ServerAnswerError(SyncError):
    """The server answered something unusable: not JSON, the wrong shape, or a refusal (problem details)."""

    def __init__(self, message: str, *, status: int = 0, problem: str = "", extra: dict[str, object] | None = None):
        super().__init__(message)
        self.status = status
        self.problem = problem
        self.extra = extra or {}


class DeviceRevokedError(ServerAnswerError):
    """The server says this device was revoked; a wipe order may come with it."""
