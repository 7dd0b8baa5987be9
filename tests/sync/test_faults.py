"""Faults in every phase of a round, against the real server on SQLite and PostgreSQL: 0 lost, 0 doubled, and every
supervisor holds exactly the workers' data within 3 rounds after the faults stop.

HBF_SYNC_FAULT_ROUNDS sets the kill points per database (CI: 100, so 200 over both databases);
HBF_SYNC_SERVER_KILLS the server kills per database (CI: 6).
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import ServerUnreachableError
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.rounds import SERVER_KEY, run_round
from tests.conftest import StoreTemplate
from tests.server.harness import RunningServer, create_postgres_database, drop_postgres_database, make_server
from tests.server.harness import postgres_available as postgres_problem
from tests.sync.faults import POINTS, Crash, FaultyClient
from tests.sync.org import record_values
from tests.sync.server_org import ServerOrganisation

FAULT_ROUNDS = int(os.environ.get("HBF_SYNC_FAULT_ROUNDS", "100"))
SERVER_KILLS = int(os.environ.get("HBF_SYNC_SERVER_KILLS", "6"))
WORKERS = ("ana", "ben")


def restart(org: ServerOrganisation, name: str) -> None:
    """The laptop died: drop the handle without closing it tidily, then open the store again."""
    store = org.stores[name]
    store.connection.close()
    org.stores[name] = Store.open_with_key(store.paths.data_dir, bytearray(org.template.data_key))


def random_edit(org: ServerOrganisation, name: str, rng: random.Random) -> None:
    store = org.stores[name]
    mine = store.records.latest_ids("client", 20)
    action = rng.random()
    if not mine or action < 0.5:
        store.records.save("client", {"pseudonym_code": f"HB-{rng.randrange(10000):04d}", "gender": "feminine"})
    elif action < 0.85:
        store.records.save("client", {"gender": rng.choice(["masculine", "feminine", "non_conforming"])}, mine[0])
    else:
        store.records.delete(rng.choice(mine))


def converged(org: ServerOrganisation) -> bool:
    workers: dict[str, object] = {}
    for name in WORKERS:
        workers.update(record_values(org.stores[name]))
    return all(record_values(org.stores[name]) == workers for name in org.supervisors)


def quiesce(org: ServerOrganisation) -> int:
    """Sync everyone until the supervisors hold exactly the workers' data; returns the rounds it took."""
    for rounds in range(1, 4):
        for name in (*WORKERS, *org.supervisors):
            org.round(name)
        if converged(org):
            return rounds
    raise AssertionError("not converged after 3 rounds")


def assert_nothing_doubled(org: ServerOrganisation) -> None:
    sent = sum(org.stores[name].connection.execute("SELECT count(*) FROM outbox").fetchone()[0] for name in WORKERS)
    for name in org.supervisors:
        store = org.stores[name]
        applied = store.connection.execute(
            "SELECT coalesce(sum(change_count), 0) FROM sync_in WHERE status = 'applied'"
        ).fetchone()[0]
        assert applied == sent, f"{name} applied {applied} changes of the {sent} the workers made"
        assert store.verify() == []


@pytest.mark.slow
def test_crashes_in_every_phase_lose_and_double_nothing(served_org: ServerOrganisation) -> None:
    org = served_org
    rng = random.Random(5)
    crashes = {point: 0 for point in POINTS}
    for index in range(FAULT_ROUNDS):
        worker = rng.choice(WORKERS)
        random_edit(org, worker, rng)
        point = POINTS[index % len(POINTS)]
        name = worker if "upload" in point or point == "mid_body" else "sam"
        if name == "sam":
            org.round(worker)  # something for the supervisor to download
        store = org.stores[name]
        client = FaultyClient(org.server_url, store.author.device_id, device_keys(store), point=point)
        try:
            run_round(store, client)
        except Crash:
            restart(org, name)
        crashes[point] += client.calls > client.after_calls
    assert sum(crashes.values()) >= FAULT_ROUNDS * 9 // 10, crashes
    assert all(crashes[point] for point in POINTS), crashes
    assert quiesce(org) <= 3
    assert_nothing_doubled(org)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def own_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningServer]:
    """A server of this test's own (it gets killed), on a database of its own."""
    url = None
    if request.param == "postgresql":
        problem = postgres_problem()
        if problem is not None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(problem)
            pytest.skip(problem)
        url = create_postgres_database()
    (tmp_path / "server").mkdir()
    running = make_server(tmp_path / "server", url)
    running.start()
    try:
        yield running
    finally:
        running.stop()
        if url is not None:
            drop_postgres_database(url)


@pytest.mark.slow
def test_the_server_killed_mid_round_loses_and_doubles_nothing(
    own_server: RunningServer, store_template: StoreTemplate, tmp_path: Path
) -> None:
    (tmp_path / "org").mkdir()
    org = ServerOrganisation(store_template, tmp_path / "org", server_url=own_server.base_url, root=own_server.root)
    org.running = own_server
    for name, supervisor in (("sam", True), ("ana", False), ("ben", False)):
        org.add(name, supervisor=supervisor)
    org.put_directory()
    for name in org.stores:
        org.enrol(name)
    rng = random.Random(11)
    try:
        for _ in range(SERVER_KILLS):
            for _ in range(rng.randrange(1, 30)):
                random_edit(org, rng.choice(WORKERS), rng)
            name = rng.choice((*WORKERS, "sam"))
            outcome: list[BaseException] = []
            runner = threading.Thread(target=_round_catching, args=(org, name, outcome))
            runner.start()
            time.sleep(rng.uniform(0, 0.15))
            assert own_server.process is not None
            own_server.process.kill()
            own_server.process.wait()
            runner.join(60)
            assert not runner.is_alive() and all(isinstance(e, ServerUnreachableError) for e in outcome), outcome
            own_server.stop()
            own_server.start()
            _move_to(org, own_server.base_url)
        assert quiesce(org) <= 3
        assert_nothing_doubled(org)
    finally:
        org.close()


def _round_catching(org: ServerOrganisation, name: str, outcome: list[BaseException]) -> None:
    """A round on the store's own connection, opened in this thread (SQLite handles are per thread)."""
    store = org.stores[name].open_another()
    try:
        run_round(store, SyncClient(org.server_url, store.author.device_id, device_keys(store), timeout=20))
    except BaseException as error:  # reported to the test thread
        outcome.append(error)
    finally:
        store.close()


def _move_to(org: ServerOrganisation, url: str) -> None:
    org.server_url = url
    for store in org.stores.values():
        with write_transaction(store.connection):
            write_meta(store.connection, SERVER_KEY, url)
