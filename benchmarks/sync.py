"""Sync benchmark (issue 5): one worker to one supervisor through a local `hbf-server serve`, by stage.

    python benchmarks/sync.py [--changes 100000] [--database-url postgresql://postgres@127.0.0.1:5432/DB]

Stages: seal (outbox → sealed batches), upload (PUT each batch; the server verifies and commits each one, so this is
also server ingest), download (list + GET), verify + merge (the supervisor's receive: signature, chain, open,
merge, bookkeeping), end to end (their sum), and bytes on the wire per change against the zstd-compressed payload.
Targets (issue 5): end to end ≥ 2,000 changes/s; wire bytes ≤ 1.3 × the compressed payload. The changes are
synthetic records (the generator of `hbf-desktop demo-data`), one change each. Without --database-url the server
uses SQLite in a temporary folder; a PostgreSQL URL must name an empty database you made for this run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import zstandard

from hbf_desktop.config import Provisioning
from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store import sync_state
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.store import Store
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.identity import PeerKeys, accept_directory, device_keys, pin_root
from hbf_desktop.sync.incoming import Incoming, Receiver
from hbf_desktop.sync.outgoing import build_payload, seal_pending
from hbf_desktop.sync.protocol import Directory, DirectoryMember, SigningPrivateKey, sign_directory
from hbf_desktop.synthetic import generate


def _server(folder: Path, database_url: str | None, root: SigningPrivateKey) -> tuple[subprocess.Popen[str], str]:
    command = [str(Path(sys.executable).with_name("hbf-server"))]
    where = ["--data-dir", str(folder / "server"), *(["--database-url", database_url] if database_url else [])]
    provisioning = {
        "format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Benchmark",
        "server_url": "http://127.0.0.1:9", "root_signing_key": root.public_key().to_text(),
        "root_key_id": root.public_key().key_id, "policy": {},
    }  # fmt: skip
    (folder / "provisioning.json").write_text(json.dumps(provisioning))
    subprocess.run([*command, "init", "--provisioning", str(folder / "provisioning.json"), *where], check=True,
                   capture_output=True)  # fmt: skip
    environment = {"HBF_SERVER_RATE_PER_MINUTE": "10000000", "HBF_SERVER_RATE_BURST": "1000000"}
    process = subprocess.Popen([*command, "serve", "--port", "0", *where], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env={**os.environ, **environment})  # fmt: skip
    assert process.stdout is not None
    return process, process.stdout.readline().strip().rsplit(" ", 1)[1]


def _code(folder: Path, database_url: str | None, user: str, role: str) -> str:
    where = ["--data-dir", str(folder / "server"), *(["--database-url", database_url] if database_url else [])]
    command = [str(Path(sys.executable).with_name("hbf-server")), "enrol-code", "--user", user, "--role", role, *where]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().rsplit(" ", 1)[1]


def _store(folder: Path, name: str) -> Store:
    return Store.create(folder / name, "benchmark passphrase of some length", user=name, kdf=FLOOR_PARAMETERS)[0]


def _fill(store: Store, changes: int) -> None:
    stream = generate(clients=max(changes // 20, 10), seed=1, start_date=date(2019, 1, 1), years=6)
    while changes > 0:
        batch = list(itertools.islice(stream, min(changes, 20_000)))
        if not batch:
            raise SystemExit("the generator ran out of records; ask for fewer changes")
        result = records_from_dicts(batch)
        import_records(store, result.records)
        changes -= len(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--database-url", help="a PostgreSQL URL for the server (default: SQLite)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        root = SigningPrivateKey.generate()
        server, url = _server(folder, arguments.database_url, root)
        try:
            run(folder, url, root, arguments)
        finally:
            server.terminate()
            server.wait()


def run(folder: Path, url: str, root: SigningPrivateKey, arguments: argparse.Namespace) -> None:
    worker, supervisor = _store(folder, "worker"), _store(folder, "supervisor")
    keys = device_keys(supervisor)
    directory = Directory(1, "hbf", "Benchmark", url, (DirectoryMember("supervisor", keys.signing.public_key(),
                          (keys.recipient.public_key(),)),), {})  # fmt: skip
    signed = sign_directory(directory, root)
    request = urllib.request.Request(url + "/v1/directory", data=signed, method="PUT")
    urllib.request.urlopen(request, timeout=30).close()
    provisioning = Provisioning("hbf", "Benchmark", url, root.public_key().to_text(), root.public_key().key_id,
                                None, {})  # fmt: skip
    clients = {}
    for name, store in (("worker", worker), ("supervisor", supervisor)):
        pin_root(store, provisioning)
        accept_directory(store, signed)
        clients[name] = SyncClient(url, store.author.device_id, device_keys(store), timeout=60)
        clients[name].enrol(_code(folder, arguments.database_url, name, name), name)
    _fill(worker, arguments.changes)
    changes = [row[0] for row in worker.connection.execute("SELECT change FROM outbox ORDER BY seq")]
    compressor = zstandard.ZstdCompressor(level=3)
    compressed = sum(
        len(compressor.compress(build_payload(changes[i : i + 1000]))) for i in range(0, len(changes), 1000)
    )

    figures: dict[str, float] = {}
    started = time.perf_counter()
    seal_pending(worker)
    figures["seal"] = time.perf_counter() - started
    batches = sync_state.outgoing_batches(worker.connection)
    started = time.perf_counter()
    for batch in batches:
        clients["worker"].upload(batch.batch_id, batch.data)
    figures["upload + server ingest"] = time.perf_counter() - started
    started = time.perf_counter()
    incoming, cursor = [], 0
    while True:
        page = clients["supervisor"].list_batches(cursor, 1000)
        incoming += [Incoming(clients["supervisor"].download(e["batch_id"]), e["received_at"]) for e in page["batches"]]
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    figures["download"] = time.perf_counter() - started
    started = time.perf_counter()
    worker_keys = device_keys(worker)
    receiver = Receiver(supervisor, offered={worker.author.device_id: PeerKeys(
        worker.author.device_id, "worker", "worker", worker_keys.signing.public_key(),
        (worker_keys.recipient.public_key(),))})  # fmt: skip
    report = receiver.receive(incoming)
    figures["verify + merge"] = time.perf_counter() - started
    assert report.applied == len(batches) and report.merged.created == len(changes), report
    total = sum(figures.values())
    count = len(changes)
    wire = sum(len(batch.data) for batch in batches)
    print(
        f"changes: {count:,} in {len(batches)} batches (server: {'PostgreSQL' if arguments.database_url else 'SQLite'})"
    )
    for stage, seconds in figures.items():
        print(f"{stage}: {seconds:.2f} s, {count / seconds:,.0f} changes/s")
    print(f"end to end: {total:.2f} s, {count / total:,.0f} changes/s (target >= 2,000)")
    print(f"wire bytes per change: {wire / count:.0f}; compressed payload per change: {compressed / count:.0f};"
          f" ratio {wire / compressed:.2f} (target <= 1.3)")  # fmt: skip
    worker.close()
    supervisor.close()


if __name__ == "__main__":
    main()
