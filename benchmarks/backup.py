"""Backup benchmark: prints one line per figure.

    python benchmarks/backup.py [--clients 300] [--years 2] [--store DIR]

Figures: store size; backup throughput (MB/s, including the final fsync) and the Python heap's peak during it
(tracemalloc: it stays about one copy chunk whatever the store's size); how long the copy alone takes, which is how
long saves would wait if the backup held the write lock; the slowest of the saves made by another thread during the
backup (they must not wait for it); restore throughput (copy and the full check of every page).
--store DIR keeps the filled store for the next run (filling takes about a minute per 1,000 clients).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import tracemalloc
from datetime import date
from pathlib import Path

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store.backup import restore_backup, write_backup
from hbf_desktop.store.casework import create_client
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.store import Store
from hbf_desktop.synthetic import generate

PASSPHRASE = "benchmark passphrase of some length"
BATCH = 20_000


def filled_store(directory: Path, clients: int, years: int) -> Store:
    if directory.exists():
        return Store.unlock(directory, PASSPHRASE)
    store, _ = Store.create(directory, PASSPHRASE, user="benchmark", kdf=FLOOR_PARAMETERS)
    batch: list[dict[str, object]] = []
    for row in generate(clients=clients, seed=1, start_date=date(2019, 1, 1), years=years):
        batch.append(row)
        if len(batch) == BATCH:
            import_records(store, records_from_dicts(batch).records)  # type: ignore[arg-type]
            batch = []
    if batch:
        import_records(store, records_from_dicts(batch).records)  # type: ignore[arg-type]
    store.checkpoint(truncate=True)
    return store


def saves_meanwhile(store: Store, stop: threading.Event, saves: list[tuple[float, float]]) -> None:
    """(when it started, how long it took) for each save another thread makes, one every 20 ms."""
    with store.open_another() as other:
        while not stop.is_set():
            started = time.perf_counter()
            create_client(other, {}, {"known_as": "Meanwhile"})
            saves.append((started, time.perf_counter() - started))
            time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--store", type=Path, help="keep the filled store here and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        store = filled_store(args.store or root / "data", args.clients, args.years)
        try:
            size = store.paths.database.stat().st_size
            print(f"store: {store.records.count('client'):,} clients, {size / 1e6:,.1f} MB")
            copy_seconds: list[float] = []
            copy_started = [0.0]

            def progress(done: int, total: int) -> None:
                if not copy_started[0]:
                    copy_started[0] = time.perf_counter()
                if done == total:
                    copy_seconds.append(time.perf_counter() - copy_started[0])

            stop, saves = threading.Event(), []  # type: ignore[var-annotated]
            saver = threading.Thread(target=saves_meanwhile, args=(store, stop, saves))
            saver.start()
            time.sleep(0.2)
            tracemalloc.start()
            started = time.perf_counter()
            written = write_backup(store, root / "store.hbfbackup", progress=progress)
            ended = time.perf_counter()
            seconds = ended - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            stop.set()
            saver.join()
            print(f"backup: {written / 1e6:,.1f} MB in {seconds:.2f} s = {written / 1e6 / seconds:,.0f} MB/s")
            print(f"backup peak Python heap: {peak / 1e6:.1f} MB (copy chunk 1 MiB)")
            print(f"copy alone (a write lock would be held this long): {copy_seconds[0]:.2f} s")
            during = [took for at, took in saves if started <= at <= ended] or [0.0]
            print(f"saves during the backup: {len(during)}, slowest {max(during) * 1000:.1f} ms (busy timeout 10 s)")
        finally:
            store.close()
        started = time.perf_counter()
        restore_backup(root / "store.hbfbackup", root / "restored", PASSPHRASE, replace=False)
        seconds = time.perf_counter() - started
        print(f"restore (copy and full check): {written / 1e6 / seconds:,.0f} MB/s ({seconds:.2f} s)")


if __name__ == "__main__":
    main()
