"""The one entry point for a full re-key (CLI and window): the store's re-key, plus what sync must know about it.

The supervisors hold this store's data key in escrow (escrow.py). After a re-key that key opens nothing, so the new
database forgets that its escrow was sealed, inside the re-key's own commit: the next sync round (or bundle) seals
the new key to every supervisor, and a supervisor's laptop keeps it in place of the old one (sync_state.keep_escrow
replaces a device's key). Until that round, escrow cannot recover this store: sync soon after a re-key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hbf_desktop.store.rekey import Progress, rekey_store
from hbf_desktop.store.unlocking import NO_ERASE_POLICY, UnlockPolicy
from hbf_desktop.sync.escrow import forget_sealed


def rekey(
    data_dir: Path,
    passphrase: str,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    policy: UnlockPolicy = NO_ERASE_POLICY,
) -> str:
    """Re-key the closed store in `data_dir`; returns the new recovery key, to show once (store/rekey.py)."""
    return rekey_store(
        data_dir, passphrase, progress=progress, cancelled=cancelled, before_commit=forget_sealed, policy=policy
    )
