"""A sync process for the attachment fault test, which SIGKILLs itself in the middle of a chunk transfer.

`python -m tests.sync.attachment_kill DATA_DIR CALL WHEN` opens the store (data key in hex on stdin) and runs one
full round (`run_round`, what `hbf-desktop sync` runs) whose client kills the process with SIGKILL at its CALL-th chunk
request (uploads and downloads counted together): WHEN is `before` (the request never leaves) or `after` (the server
answered, the client has not recorded it). A round that ends before that prints "done".
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from hbf_desktop.store.store import Store
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.rounds import run_round, server_url


class _DyingClient(SyncClient):
    def __init__(self, *arguments: Any, call: int, when: str, **options: Any) -> None:
        super().__init__(*arguments, **options)
        self._left, self._when = call, when

    def _tick(self, moment: str) -> None:
        if self._left == 0 and self._when == moment:
            os.kill(os.getpid(), signal.SIGKILL)

    def upload_chunk(self, attachment_id: str, index: int, data: bytes) -> dict[str, Any]:
        self._tick("before")
        answer = super().upload_chunk(attachment_id, index, data)
        self._tick("after")
        self._left -= 1
        return answer

    def download_chunk(self, attachment_id: str, index: int) -> bytes:
        self._tick("before")
        data = super().download_chunk(attachment_id, index)
        self._tick("after")
        self._left -= 1
        return data


def main() -> None:
    data_dir, call, when = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    key = bytearray(bytes.fromhex(sys.stdin.readline().strip()))
    store = Store.open_with_key(data_dir, key, check_integrity=False)
    client = _DyingClient(server_url(store), store.author.device_id, device_keys(store), call=call, when=when)
    run_round(store, client)
    print("done", flush=True)


if __name__ == "__main__":
    main()
