"""SIGKILL a bundle writer and a bundle importer at random instants: 0 changes lost, 0 doubled, nothing half-applied.

HBF_SYNC_KILL_ROUNDS sets the number of kills per test (CI: 20 each; the slow run: 200).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.sync.bundle import decode_bundle, export_bundle, import_bundle
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.protocol import NO_PREVIOUS_BATCH, parse_batch
from tests.conftest import StoreTemplate
from tests.sync.org import Organisation, record_values

ROUNDS = int(os.environ.get("HBF_SYNC_KILL_ROUNDS", "20"))
ROOT = Path(__file__).resolve().parents[2]


def _start(mode: str, data_dir: Path, bundle: Path, key: bytes) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.crash_sync", mode, str(data_dir), str(bundle)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, text=True,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(key.hex() + "\n")
    process.stdin.flush()
    assert process.stdout.readline().strip() == "ready"
    return process


def _kill(process: subprocess.Popen[str], delay: float) -> list[str]:
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    assert process.stdout is not None
    lines = process.stdout.read().split()
    process.wait()
    return lines


def _check_outgoing_chain(store: Store) -> None:
    """Every batched change is in a kept batch; the kept batches are numbered 1..n and chained."""
    batches = sync_state.outgoing_batches(store.connection, only_pending=False)
    assert [batch.sequence for batch in batches] == list(range(1, len(batches) + 1))
    previous = NO_PREVIOUS_BATCH
    for batch in batches:
        assert parse_batch(batch.data, max_size=1 << 26).metadata.previous_batch_hash == previous
        previous = batch.hash
    orphans = store.connection.execute(
        "SELECT count(*) FROM outbox WHERE batch_id IS NOT NULL AND batch_id NOT IN (SELECT batch_id FROM sync_out)"
    ).fetchone()[0]
    assert orphans == 0, "a change is marked batched but its batch was not kept"
    counted = store.connection.execute("SELECT coalesce(sum(change_count), 0) FROM sync_out").fetchone()[0]
    batched = store.connection.execute("SELECT count(*) FROM outbox WHERE batch_id IS NOT NULL").fetchone()[0]
    assert counted == batched


@pytest.mark.slow
def test_a_bundle_writer_killed_at_random_loses_and_doubles_nothing(
    org: Organisation, store_template: StoreTemplate, tmp_path: Path
) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    worker_dir = worker.paths.data_dir
    worker.close()
    bundle = tmp_path / "wren.bundle"
    generator = random.Random(20261201)
    acknowledged: list[str] = []
    for _ in range(ROUNDS):
        acknowledged += _kill(_start("export", worker_dir, bundle, store_template.data_key), generator.uniform(0, 0.3))
        with Store.open_with_key(worker_dir, bytearray(store_template.data_key)) as reopened:
            assert reopened.connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            _check_outgoing_chain(reopened)
            if bundle.exists():
                decode_bundle(bundle.read_bytes())  # written atomically: never torn
    assert len(acknowledged) > ROUNDS
    with Store.open_with_key(worker_dir, bytearray(store_template.data_key)) as reopened:
        seal_pending(reopened)
        export_bundle(reopened, bundle)
        expected = record_values(reopened)
    assert set(acknowledged) <= set(expected), "an acknowledged save was lost"
    import_bundle(supervisor, bundle)
    assert record_values(supervisor) == expected, "the supervisor holds exactly the worker's records"
    assert supervisor.verify() == []
    org.stores.pop("wren")


@pytest.mark.slow
def test_a_bundle_importer_killed_at_random_applies_all_or_nothing(
    org: Organisation, store_template: StoreTemplate, tmp_path: Path
) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    with worker.records.writing() as writer:
        for index in range(3000):
            writer.save("client", {"pseudonym_code": f"HB-{index:04d}", "gender": "feminine"})
    seal_pending(worker, max_changes=100)
    bundle = tmp_path / "wren.bundle"
    assert export_bundle(worker, bundle) == 31  # 30 of changes and the key escrow
    expected = record_values(worker)
    supervisor.close()
    org.stores.pop("sam")
    pristine = tmp_path / "pristine"
    shutil.copytree(supervisor.paths.data_dir, pristine)
    started = time.monotonic()
    _start("import", pristine, bundle, store_template.data_key).wait()
    duration = time.monotonic() - started
    generator = random.Random(7)
    outcomes = {"none": 0, "all": 0}
    for round_index in range(ROUNDS):
        target = tmp_path / f"round-{round_index}"
        shutil.copytree(supervisor.paths.data_dir, target)
        lines = _kill(_start("import", target, bundle, store_template.data_key), generator.uniform(0, duration * 1.1))
        with Store.open_with_key(target, bytearray(store_template.data_key)) as store:
            applied = store.connection.execute("SELECT count(*) FROM sync_in WHERE status = 'applied'").fetchone()[0]
            held = record_values(store)
            assert (applied, len(held)) in {(0, 0), (31, 3000)}, "a bundle was half-applied"
            assert lines != ["done"] or applied == 31
            outcomes["all" if applied else "none"] += 1
            assert store.verify() == []
            import_bundle(store, bundle)
            assert record_values(store) == expected
        shutil.rmtree(target)
    assert outcomes["none"] > 0
