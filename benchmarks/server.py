"""Sync server benchmark (issue 4): prints one line per figure.

    python benchmarks/server.py [--changes 100000] [--clients 4] [--databases sqlite,postgresql]

N changes (about 1.2 KB of JSON each) are sealed, before timing, into batches of 1,000 by several worker devices, then
uploaded concurrently (one thread per device, each in chain order) to a real `hbf-server serve` process, then
downloaded by a supervisor (the same number of threads). In the same run the same bytes are POSTed, with the same
concurrency, to a bare Starlette endpoint on uvicorn that only reads the body: the ceiling of HTTP in Python on this
machine. Figures: changes/s and MB/s for upload and download per database, and upload as a ratio of the bare POST.
Target: SQLite ingest >= 50 % of the bare POST. PostgreSQL is skipped (with a line saying so) if it does not answer.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the test harness runs the real server process

from tests.server.harness import (  # noqa: E402
    Device,
    RunningServer,
    create_postgres_database,
    drop_postgres_database,
    make_server,
    postgres_available,
)

BATCH_CHANGES = 1000
_VOCABULARY = [
    f"{stem}{suffix}"
    for stem in (
        "house",
        "refer",
        "interp",
        "nrm",
        "solic",
        "gp",
        "appoint",
        "safe",
        "asyl",
        "call",
        "visit",
        "court",
        "doctor",
        "school",
        "money",
        "family",
        "phone",
        "letter",
        "police",
        "food",
    )
    for suffix in ("", "s", "ed", "ing", "al", "ment", "er", "ly", "ion", "ity")
]


def payload(count: int, seed: int) -> bytes:
    """Changes of about 1.2 KB shaped like the outbox's; free text from a 200-word vocabulary compresses about 4x."""
    chooser = random.Random(seed)
    changes = [
        {
            "record_id": str(uuid.UUID(int=chooser.getrandbits(128))),
            "entity": "case_note",
            "field": "text",
            "stamp": f"{0x0190F3C27A1E + index:012x}.0000.{seed}",
            "value": " ".join(chooser.choice(_VOCABULARY) for _ in range(150))[:1100],
        }
        for index in range(count)
    ]
    return json.dumps(changes, separators=(",", ":")).encode()


def seal_all(workers: Sequence[Device], supervisor: Device, changes: int) -> list[list[tuple[uuid.UUID, bytes]]]:
    """Each worker's chain of sealed batches; the chain position advances as if each had been sent."""
    from hbf_desktop.sync.protocol import batch_hash

    chains: list[list[tuple[uuid.UUID, bytes]]] = [[] for _ in workers]
    for number in range(max(1, changes // BATCH_CHANGES)):
        worker = workers[number % len(workers)]
        batch_id, data = worker.seal(payload(BATCH_CHANGES, number), [supervisor.recipient])
        worker.sequence, worker.last_hash = worker.sequence + 1, batch_hash(data)
        chains[number % len(workers)].append((batch_id, data))
    for worker in workers:
        worker.sequence, worker.last_hash = 0, "0" * 64  # the server has seen nothing yet
    return chains


def timed(threads: int, jobs: Sequence[Callable[[], None]]) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()
    return time.perf_counter() - started


def upload_chain(worker: Device, chain: list[tuple[uuid.UUID, bytes]]) -> Callable[[], None]:
    def run() -> None:
        for batch_id, data in chain:
            response = worker.upload(batch_id, data)
            if response.status_code != 201:
                raise RuntimeError(f"upload refused: {response.status_code} {response.text[:200]}")

    return run


def download_all(supervisor: Device, threads: int) -> tuple[float, int]:
    ids: list[str] = []
    after, more = 0, True
    while more:
        page = supervisor.request("GET", f"/v1/batches?after={after}&limit=1000").json()
        ids += [entry["batch_id"] for entry in page["batches"]]
        after, more = page["next_cursor"], page["more"]
    received = [0] * threads

    def fetch(part: int) -> Callable[[], None]:
        def run() -> None:
            for batch_id in ids[part::threads]:
                response = supervisor.request("GET", f"/v1/batches/{batch_id}")
                assert response.status_code == 200, response.text[:200]
                received[part] += len(response.content)

        return run

    return timed(threads, [fetch(part) for part in range(threads)]), sum(received)


def bare_post_seconds(chains: list[list[tuple[uuid.UUID, bytes]]]) -> float:
    process = subprocess.Popen([sys.executable, __file__, "--serve-bare"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()

        def post(chain: list[tuple[uuid.UUID, bytes]]) -> Callable[[], None]:
            def run() -> None:
                with httpx.Client() as client:
                    for _, data in chain:
                        client.post(url, content=data, headers={"Content-Type": "application/octet-stream"})

            return run

        return timed(len(chains), [post(chain) for chain in chains])
    finally:
        process.terminate()
        process.wait(timeout=15)


def serve_bare() -> None:
    """A minimal Starlette endpoint that reads the whole body and answers 201: nothing else."""
    import socket

    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def ingest(request: Request) -> Response:
        await request.body()
        return Response(b'{"ok":true}', status_code=201, media_type="application/json")

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print(f"http://127.0.0.1:{listener.getsockname()[1]}/ingest", flush=True)
    app = Starlette(routes=[Route("/ingest", ingest, methods=["POST"])])
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[listener])


def run_database(name: str, url: str | None, args: argparse.Namespace, directory: Path) -> None:
    server = make_server(directory / name, url)
    server.start()
    try:
        supervisor = _enrol(server, "supervisor")
        workers = [_enrol(server, "worker") for _ in range(args.clients)]
        chains = seal_all(workers, supervisor, args.changes)
        total_bytes = sum(len(data) for chain in chains for _, data in chain)
        total_changes = sum(len(chain) for chain in chains) * BATCH_CHANGES
        bare = bare_post_seconds(chains)
        upload = timed(args.clients, [upload_chain(w, c) for w, c in zip(workers, chains, strict=True)])
        download, received = download_all(supervisor, args.clients)
    finally:
        server.stop()
    assert received == total_bytes
    mb = total_bytes / 1e6
    print(f"bare POST ({name} run): {total_changes / bare:,.0f} changes/s, {mb / bare:.1f} MB/s")
    ratio = bare / upload
    print(f"{name} upload: {total_changes / upload:,.0f} changes/s, {mb / upload:.1f} MB/s, {ratio:.0%} of bare POST")
    print(f"{name} download: {total_changes / download:,.0f} changes/s, {mb / download:.1f} MB/s")


def _enrol(server: RunningServer, role: str) -> Device:
    device = Device(server)
    response = device.enrol(server.enrolment_code("bench", role))
    assert response.status_code == 201, response.text
    return device


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--serve-bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare()
        return
    print(f"{args.changes:,} changes in batches of {BATCH_CHANGES:,} from {args.clients} concurrent clients")
    with tempfile.TemporaryDirectory() as temporary:
        for name in args.databases.split(","):
            if name == "sqlite":
                run_database(name, None, args, Path(temporary))
                continue
            reason = postgres_available()
            if reason is not None:
                print(f"{name}: skipped ({reason})")
                continue
            url = create_postgres_database()
            try:
                run_database(name, url, args, Path(temporary))
            finally:
                drop_postgres_database(url)


if __name__ == "__main__":
    main()
