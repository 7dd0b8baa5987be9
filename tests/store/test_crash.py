"""SIGKILL a writer at random moments: no acknowledged save lost, no record without its outbox rows, store intact.

HBF_KILL_ROUNDS sets the number of kills (100 by default, as CI runs; 1,000 for a long run).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hbf_desktop.store.store import Store
from tests.conftest import StoreTemplate

ROUNDS = int(os.environ.get("HBF_KILL_ROUNDS", "100"))
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(store_dir: Path, data_key: bytes, delay: float) -> list[str]:
    """Start a writer, kill it `delay` seconds after it is ready; return what it acknowledged."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(store_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write(data_key.hex() + "\n")
    writer.stdin.flush()
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    remaining = writer.stdout.read()
    writer.wait()
    return remaining.split()


def _check_after_crash(store_dir: Path, data_key: bytes, acknowledged: list[str]) -> None:
    with Store.open_with_key(store_dir, bytearray(data_key)) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for token in acknowledged:
            record_id, _, version = token.partition("@")
            record = store.records.get(record_id)
            assert record is not None, f"acknowledged save {record_id} was lost"
            if version:
                assert record.version >= int(version), f"acknowledged edit of {record_id} was lost"
        orphans = store.connection.execute(
            "SELECT count(*) FROM record WHERE id NOT IN (SELECT record_id FROM outbox)"
        ).fetchone()[0]
        assert orphans == 0, "a committed record has no outbox row"
        changes = store.connection.execute("SELECT count(*) FROM outbox").fetchone()[0]
        versions = store.connection.execute("SELECT coalesce(sum(version), 0) FROM record").fetchone()[0]
        assert changes == versions, "every version of every record has exactly one outbox change"


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_save(store_dir: Path, store_template: StoreTemplate) -> None:
    generator = random.Random(20261122)
    total_acknowledged = 0
    for _ in range(ROUNDS):
        acknowledged = _run_and_kill(store_dir, store_template.data_key, generator.uniform(0.0, 0.08))
        total_acknowledged += len(acknowledged)
        _check_after_crash(store_dir, store_template.data_key, acknowledged)
    assert total_acknowledged > ROUNDS, "the writer should have acknowledged saves in most rounds"
    with Store.open_with_key(store_dir, bytearray(store_template.data_key)) as store:
        assert store.verify() == []
