"""The GUI's handle on the store: every call is queued onto the store thread and answered by callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hbf_desktop.config import Policy
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import UnlockPolicy
from hbf_desktop.ui.background import Background


@dataclass(frozen=True)
class ClientRow:
    client_id: str
    pseudonym_code: str
    known_as: str


class StoreSession:
    def __init__(self, data_dir: Path, policy: Policy, background: Background) -> None:
        self.data_dir = data_dir
        self._policy = policy
        self._background = background
        self._store: Store | None = None

    def exists(self) -> bool:
        from hbf_desktop.store.paths import StorePaths

        return StorePaths(self.data_dir).exists()

    def create(self, passphrase: str, on_done: Callable[[str], None], on_error: Callable[[Exception], None]) -> None:
        def work() -> str:
            store, recovery_key = Store.create(self.data_dir, passphrase)
            self._store = store
            return recovery_key

        self._background.run(work, on_done, on_error)

    def unlock(self, passphrase: str, on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        policy = UnlockPolicy(self._policy.erase_after_failed_unlocks)

        def work() -> None:
            self._store = Store.unlock(self.data_dir, passphrase, policy=policy)

        self._background.run(work, on_done, on_error)

    def list_clients(
        self,
        text: str,
        on_done: Callable[[list[ClientRow]], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self._background.run(lambda: self._client_rows(text), on_done, on_error)

    def lock(self) -> None:
        def work() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._background.run(work, lambda _: None, lambda _: None)

    def _client_rows(self, text: str, limit: int = 500) -> list[ClientRow]:
        store = self._require()
        if text.strip():
            ids = [hit.client_id for hit in store.search(text, limit=limit)]
        else:
            ids = store.records.latest_ids("client", limit)
        result = []
        for client_id in ids:
            client = store.records.get(client_id)
            identity = store.records.of_client(client_id, "client_identity")
            known_as = identity[0].values.get("known_as") if identity else None
            code = client.values.get("pseudonym_code") if client else None
            result.append(ClientRow(client_id, str(code or ""), str(known_as or "")))
        return result

    def _require(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is locked")
        return self._store
