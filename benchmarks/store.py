"""Store benchmark (issue 2): prints one line per figure.

    python benchmarks/store.py [--clients 100000] [--years 6] [--seed 1]

Figures: import rate through the store's import path, and the same rows through the same code over plain sqlite3
(no encryption) in the same run; single-save latency p50/p99 (record + outbox + audit + FTS, synchronous=FULL);
search latency p50/p95 for name and pseudonym queries of 3+ characters; unlock time with the default Argon2id
parameters; store size per client. Targets: save p50 <= 1.5 ms, p99 <= 5 ms; search p95 <= 50 ms; import >= 40 % of
plain sqlite3; unlock 0.3-1.0 s.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from hbf_desktop.domain.interchange import InterchangeRecord, records_from_dicts
from hbf_desktop.store import migrations
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.kdf import DEFAULT_PARAMETERS
from hbf_desktop.store.records import Author, Records
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.synthetic import generate

CHUNK = 20_000
PASSPHRASE = "benchmark passphrase of some length"


def chunks(clients: int, seed: int, years: int) -> Iterator[list[InterchangeRecord]]:
    stream = generate(clients=clients, seed=seed, start_date=date(2019, 1, 1), years=years)
    while batch := list(itertools.islice(stream, CHUNK)):
        result = records_from_dicts(batch)
        assert not result.problems, result.problems[:3]
        yield result.records


def plain_records(path: Path) -> tuple[sqlite3.Connection, Records]:
    """The same schema and the same writer code over the standard library's unencrypted sqlite3."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "temp_store = MEMORY", "wal_autocheckpoint = 0",
                   "cache_size = -262144"):  # fmt: skip
        connection.execute(f"PRAGMA {pragma}")
    migrations.migrate(connection)
    with write_transaction(connection):
        write_meta(connection, "device_id", "plain-device")
        write_meta(connection, "user", "benchmark")
    return connection, Records(connection, Author("plain-device", "benchmark"))


def measure_import(store: Store, plain: Records, plain_connection: sqlite3.Connection, args: argparse.Namespace) -> int:
    encrypted_seconds = plain_seconds = 0.0
    total = 0
    for batch in chunks(args.clients, args.seed, args.years):
        started = time.perf_counter()
        import_records(store, batch)
        encrypted_seconds += time.perf_counter() - started
        started = time.perf_counter()
        with plain.writing() as writer:
            for record in batch:
                writer.save(record.entity, record.values, record.id, audited=False, validated_new=True)
        plain_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        plain_seconds += time.perf_counter() - started
        total += len(batch)
    print(f"records imported: {total} ({args.clients} clients over {args.years} years)")
    print(f"import rate encrypted: {total / encrypted_seconds:,.0f} records/s")
    print(f"import rate plain sqlite3 (same rows, same code): {total / plain_seconds:,.0f} records/s")
    print(f"import ratio encrypted/plain: {plain_seconds / encrypted_seconds:.0%} (target >= 40%)")
    return total


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure_saves(store: Store, count: int = 2000) -> None:
    store.checkpoint(truncate=True)
    case_id = store.records.latest_ids("case", 1)[0]
    latencies = []
    for index in range(count):
        values = {"case_id": case_id, "contact_type": "welfare_call", "outcome": "completed",
                  "occurred_at": "2024-03-01T10:00:00+00:00", "note": f"benchmark call {index}"}  # fmt: skip
        started = time.perf_counter()
        store.records.save("contact", values)
        latencies.append((time.perf_counter() - started) * 1000)
        if index % 500 == 499:
            store.checkpoint()  # as the app's maintenance timer does, off the save path
    print(f"save latency p50: {statistics.median(latencies):.2f} ms (target <= 1.5)")
    print(f"save latency p99: {percentile(latencies, 0.99):.2f} ms (target <= 5)")


def measure_search(store: Store, count: int = 400) -> None:
    rng = random.Random(3)
    queries = []
    for record in itertools.islice(store.records.of_entity("client_identity"), 0, None, 97):
        known_as = str(record.values.get("known_as", ""))
        queries.append(known_as[: rng.randint(3, max(3, len(known_as)))])
    for record in itertools.islice(store.records.of_entity("client"), 0, None, 97):
        queries.append(str(record.values["pseudonym_code"])[: rng.randint(5, 7)])
    rng.shuffle(queries)
    latencies = []
    for query in queries[:count]:
        started = time.perf_counter()
        store.search(query, limit=50)
        latencies.append((time.perf_counter() - started) * 1000)
    print(f"search latency p50: {statistics.median(latencies):.1f} ms over {len(latencies)} queries")
    print(f"search latency p95: {percentile(latencies, 0.95):.1f} ms (target <= 50)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hbf-bench-") as folder:
        root = Path(folder)
        store, _ = Store.create(root / "encrypted", PASSPHRASE, user="benchmark", kdf=DEFAULT_PARAMETERS)
        plain_connection, plain = plain_records(root / "plain.db")
        measure_import(store, plain, plain_connection, args)
        plain_connection.close()
        measure_saves(store)
        measure_search(store)
        store.close()
        size = sum(p.stat().st_size for p in (root / "encrypted").iterdir() if p.name.startswith("hbf-store.db"))
        print(f"store size per client: {size / args.clients / 1024:.1f} KiB ({size / 2**20:.0f} MiB in all)")
        started = time.perf_counter()
        Store.unlock(root / "encrypted", PASSPHRASE).close()
        print(f"unlock time (Argon2id m=256 MiB t=2 p=4, integrity check of every page): "
              f"{time.perf_counter() - started:.2f} s (target 0.3-1.0)")  # fmt: skip


if __name__ == "__main__":
    main()
