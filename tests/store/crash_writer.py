"""A writer process for the crash test: saves records forever and prints each id once its commit returned.

Run as `python -m tests.store.crash_writer DATA_DIR` with the data key in hex on stdin. A line on stdout is an
acknowledgement: the caller may kill us at any instant and must then find every acknowledged record.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hbf_desktop.store.store import Store
from tests.samples import sample_record


def main() -> None:
    data_dir = Path(sys.argv[1])
    key = bytearray(bytes.fromhex(sys.stdin.readline().strip()))
    store = Store.open_with_key(data_dir, key, check_integrity=False)
    print("ready", flush=True)
    while True:
        client = store.records.save("client", sample_record("client", {}, minimal=True))
        print(client.id, flush=True)
        case = store.records.save("case", sample_record("case", {"client": client.id}, minimal=True))
        print(case.id, flush=True)
        edited = store.records.save("case", {"opened_on": "2024-04-02"}, case.id)
        print(f"{edited.id}@{edited.version}", flush=True)


if __name__ == "__main__":
    main()
