"""Attachments against the real server process: a supervisor's file reaches only the assigned worker's laptop, and
chunk transfers killed (SIGKILL of the client process) at random points still deliver the file whole, once.

HBF_SYNC_ATTACHMENT_KILLS sets the number of kills per transfer (CI: 6).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from hbf_desktop.store.attachments import CHUNK_BYTES, add_attachment, read_attachment
from hbf_desktop.store.store import Store
from hbf_desktop.sync.errors import ServerAnswerError
from tests.sync.server_org import ServerOrganisation

KILLS = int(os.environ.get("HBF_SYNC_ATTACHMENT_KILLS", "6"))
ROOT = Path(__file__).resolve().parents[2]


def _case_of_new_client(store: Store, code: str) -> str:
    client_id = store.records.save("client", {"pseudonym_code": code, "gender": "feminine"}).id
    return store.records.save("case", {"client_id": client_id, "status": "open", "opened_on": "2024-01-05"}).id


def _chunk_rows(store: Store, attachment_id: str) -> int:
    row = store.connection.execute("SELECT count(*) FROM attachment_chunk WHERE record_id = ?", (attachment_id,))
    return int(row.fetchone()[0])


def test_a_supervisors_attachment_reaches_only_the_assigned_worker(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana, ben = org.stores["sam"], org.stores["ana"], org.stores["ben"]
    case_id = _case_of_new_client(ana, "HB-ANA1")
    org.round("ana")
    org.round("sam")  # ana's client is now assigned to ana's laptop on sam's
    content = random.Random(5).randbytes(CHUNK_BYTES * 2 + 1000)
    attachment = add_attachment(sam, case_id, content, file_name="gp-letter.pdf", kind="decision_letter")
    assert org.round("sam").attachments_sent == 1
    report = org.round("ana")
    assert report.attachments_received == 1
    assert read_attachment(ana, attachment.id) == content
    assert org.round("ana").attachments_received == 0, "nothing fetched twice"
    assert org.round("ben").attachments_received == 0 and ben.records.get(attachment.id) is None
    with pytest.raises(ServerAnswerError) as refused:
        org.client("ben").download_chunk(attachment.id, 0)
    assert refused.value.status == 404, "the server gives the chunks only to their recipients"


def _run_dying(store: Store, key: bytes, call: int, when: str) -> bool:
    """One round in a child process that SIGKILLs itself at its `call`-th chunk request; True if it finished."""
    finished = subprocess.run(
        [sys.executable, "-m", "tests.sync.attachment_kill", str(store.paths.data_dir), str(call), when],
        input=key.hex() + "\n", capture_output=True, cwd=ROOT, text=True, timeout=120, check=False,
    )  # fmt: skip
    if finished.returncode == 0:
        assert finished.stdout.strip() == "done"
        return True
    assert finished.returncode == -9, finished.stderr  # killed as planned, never a crash of its own
    return False


def _transfer_with_kills(org: ServerOrganisation, name: str, chunks: int, rng: random.Random) -> None:
    """Kill `name`'s sync process at random chunk requests until one round gets through."""
    store, kills = org.stores[name], 0
    for _ in range(KILLS):
        call, when = rng.randrange(chunks), rng.choice(("before", "after"))
        if _run_dying(store, org.template.data_key, call, when):
            break
        kills += 1
    else:
        assert _run_dying(store, org.template.data_key, 10**6, "before"), "a round without faults completes"
    assert kills >= 1, "the first round always dies inside the transfer"


def test_chunk_transfers_killed_at_random_points_deliver_the_file_whole_once(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana = org.stores["sam"], org.stores["ana"]
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    chunks = 6
    up = rng.randbytes(CHUNK_BYTES * (chunks - 1) + 777)
    case_id = _case_of_new_client(ana, "HB-ANA2")
    from_ana = add_attachment(ana, case_id, up, file_name="statement.pdf", kind="decision_letter")
    _transfer_with_kills(org, "ana", chunks, rng)  # up: worker → server
    _transfer_with_kills(org, "sam", chunks, rng)  # down: server → supervisor
    down = rng.randbytes(CHUNK_BYTES * (chunks - 1) + 4242)
    from_sam = add_attachment(sam, case_id, down, file_name="reply.pdf", kind="decision_letter")
    _transfer_with_kills(org, "sam", chunks, rng)  # up: supervisor → server, sealed for ana too
    _transfer_with_kills(org, "ana", chunks, rng)  # down: server → the assigned worker
    for store, attachment_id, content in ((sam, from_ana.id, up), (ana, from_sam.id, down)):
        held = read_attachment(store, attachment_id)  # checks the recorded SHA-256 itself
        assert hashlib.sha256(held).digest() == hashlib.sha256(content).digest(), f"seed {seed}"
        assert _chunk_rows(store, attachment_id) == chunks, f"each chunk held once (seed {seed})"
        assert org.client("ana").attachment_status(attachment_id)["chunks_held"] == chunks
    assert org.round("sam").attachments_received == 0 and org.round("ana").attachments_received == 0
    assert org.round("ana").attachments_sent == 0 and org.round("sam").attachments_sent == 0
