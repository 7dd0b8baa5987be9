"""A sync process for the crash tests, killed with SIGKILL at random instants by `test_sync_crash.py`.

`python -m tests.sync.crash_sync export DATA_DIR BUNDLE` saves records forever, sealing small batches and writing
the bundle every few saves, and prints each record id once its save committed. `... import DATA_DIR BUNDLE` imports
the bundle once and prints "done". The data key comes in hex on stdin.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from hbf_desktop.store.store import Store
from hbf_desktop.sync.bundle import export_bundle, import_bundle
from hbf_desktop.sync.outgoing import seal_pending


def main() -> None:
    mode, data_dir, bundle = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    key = bytearray(bytes.fromhex(sys.stdin.readline().strip()))
    store = Store.open_with_key(data_dir, key, check_integrity=False)
    print("ready", flush=True)
    if mode == "import":
        import_bundle(store, bundle)
        print("done", flush=True)
        return
    for index in itertools.count():
        record = store.records.save("client", {"pseudonym_code": f"HB-{index % 10000:04d}", "gender": "feminine"})
        print(record.id, flush=True)
        if index % 4 == 3:
            seal_pending(store, max_changes=3)
            export_bundle(store, bundle)


if __name__ == "__main__":
    main()
