"""The update check in the background: after unlock and from Settings, only when a release key is provisioned.

`updates.check_for_update` blocks on the network and on TUF's verification, so it runs on the long-work thread;
the answer comes back as one sentence for the person. A verified installer is only downloaded into the data folder
and named: nothing is ever run from here, and IT's instructions say how to install it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit


class UpdatesNotSetUpError(Exception):
    """No release key in the provisioning file: this laptop does not check for updates."""


def check_now(data_dir: Path) -> tuple[str, bool]:
    """(the sentence for the person, whether a verified update is ready); on the long-work thread."""
    from hbf_desktop import __version__
    from hbf_desktop.config import load_provisioning
    from hbf_desktop.sync.protocol.keys import SigningPublicKey
    from hbf_desktop.updates.client import check_for_update

    provisioning = load_provisioning(data_dir)
    if provisioning is None or provisioning.release_signing_key is None:
        raise UpdatesNotSetUpError
    key = SigningPublicKey.from_text(provisioning.release_signing_key)
    status = check_for_update(data_dir, provisioning.server_url, key, __version__)
    return status.message, status.ready is not None


class UpdateNotice(QObject):
    answered = Signal(str, bool)  # the sentence, whether an update is ready

    def __init__(self, session: StoreSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.checking = False
        self.last: tuple[str, bool] | None = None

    def check(self) -> None:
        """Start a check unless one is running; the answer arrives as `answered`."""
        if self.checking:
            return
        self.checking = True
        data_dir = self._session.data_dir
        self._session.background.run(lambda: check_now(data_dir), self._done, self._failed, long=True)

    def _done(self, answer: tuple[str, bool]) -> None:
        self._answer(*answer)

    def _failed(self, error: Exception) -> None:
        from hbf_desktop.domain.model import DomainError

        if isinstance(error, UpdatesNotSetUpError):
            self._answer(self.tr("Updates are not set up on this laptop (no release key was provisioned)."), False)
        elif isinstance(error, DomainError | ValueError | OSError):
            text = self.tr("The update check did not complete; nothing was installed: {error}")
            self._answer(text.format(error=error), False)
        else:
            self._answer(self.tr("The update check failed unexpectedly ({kind}); nothing was installed.").format(
                kind=type(error).__name__), False)  # fmt: skip

    def _answer(self, message: str, ready: bool) -> None:
        self.checking = False
        self.last = (message, ready)
        emit(self.answered, message, ready)
