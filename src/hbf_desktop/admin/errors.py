"""Errors an organisation administrator can meet; each message says what happened and what to do."""

from __future__ import annotations

from hbf_desktop.domain.model import DomainError


class OrganisationError(DomainError):
    """A problem with the organisation folder, a key file or an input file. Nothing was changed."""


class PublishError(DomainError):
    """The server did not accept the directory, or could not be reached."""


class ReleaseVerificationError(DomainError):
    """A release folder that does not match its signed SHA256SUMS: do not install it."""
