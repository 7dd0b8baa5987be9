"""End to end against the real `hbf-server serve` process on 127.0.0.1, on SQLite and on PostgreSQL.

The server fixtures are the server engineer's (`tests/server/conftest.py`), reused here: one real process per
database for the session. Each test makes its own organisation of real stores (distinct device ids), publishes a
newer directory, enrols every device with a one-time code, and syncs with `run_round` (the code `hbf-desktop sync`
runs).
"""

from __future__ import annotations

import json
import time

import pytest

from hbf_desktop.store import sync_state
from hbf_desktop.store.attachments import add_attachment, read_attachment
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.downsync import reassign
from hbf_desktop.sync.engine import SyncEngine, SyncState, SyncStatus
from hbf_desktop.sync.errors import DeviceRevokedError, ServerAnswerError, ServerUnreachableError
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.sync.rounds import SERVER_KEY, run_round
from hbf_desktop.sync.wipe import DeviceWipedError, make_wipe_order, obey_if_ordered, verified_wipe_order
from tests.server.harness import run_cli
from tests.sync.org import record_values
from tests.sync.server_org import ServerOrganisation

YEAR = 365 * 24 * 3600


def _client(store: Store, code: str) -> str:
    return store.records.save("client", {"pseudonym_code": code, "gender": "feminine"}).id


def test_two_workers_and_a_supervisor_sync_through_the_server_with_a_conflict(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana, ben = org.stores["sam"], org.stores["ana"], org.stores["ben"]
    client_a, client_b = _client(ana, "HB-ANA1"), _client(ben, "HB-BEN1")
    with ana.records.writing() as writer:
        for index in range(1500):
            writer.save("client", {"pseudonym_code": f"HB-{index:04d}", "gender": "feminine"})
    first = org.round("ana")
    assert first.sealed == 2 and first.uploaded == 3 and first.waiting_changes == 0  # and the key escrow
    assert org.round("ben").uploaded == 2
    report = org.round("sam")
    assert report.received.applied == 5 and report.received.rejected == 0 and report.received.merged.created == 1502
    assert sam.records.get(client_a) is not None and sam.records.get(client_b) is not None
    assert sam.verify() == []

    sam.records.save("client", {"gender": "non_conforming"}, client_a)
    ana.records.save("client", {"gender": "masculine"}, client_a)
    org.round("sam")
    org.round("ana")
    report = org.round("sam")
    assert report.received.applied == 1 and report.received.merged.conflicts == 1
    (conflict,) = sam.connection.execute("SELECT field, kept_value, lost_value FROM conflict").fetchall()
    assert conflict[0] == "gender" and {json.loads(conflict[1]), json.loads(conflict[2])} == {
        "non_conforming",
        "masculine",
    }
    quiet = org.round("sam")
    assert quiet.downloaded == 0 and quiet.uploaded == 0, "an acknowledged cursor lists nothing again"
    workers = {**record_values(ana), **record_values(ben)}
    held = record_values(sam)
    assert set(held) == set(workers), "the supervisor holds exactly the workers' records"


def test_an_upload_the_client_did_not_hear_about_is_sent_again_identically(served_org: ServerOrganisation) -> None:
    org = served_org
    ana, sam = org.stores["ana"], org.stores["sam"]
    _client(ana, "HB-0001")
    seal_pending(ana)
    (batch,) = sync_state.outgoing_batches(ana.connection)
    assert org.client("ana").upload(batch.batch_id, batch.data)["sequence"] == 1  # committed; the answer is "lost"
    report = org.round("ana")
    assert report.uploaded == 2 and sync_state.outgoing_batches(ana.connection) == []  # it, then the key escrow
    assert org.round("sam").received.applied == 2
    assert len(record_values(sam)) == 1


def test_duplicate_and_truncated_uploads(served_org: ServerOrganisation) -> None:
    org = served_org
    ana = org.stores["ana"]
    _client(ana, "HB-0001")
    seal_pending(ana)
    (batch,) = sync_state.outgoing_batches(ana.connection)
    client = org.client("ana")
    with pytest.raises(ServerAnswerError) as truncated:
        client.upload(batch.batch_id, batch.data[: len(batch.data) // 2])
    assert truncated.value.status == 422 and truncated.value.problem == "malformed-batch"
    first = client.upload(batch.batch_id, batch.data)
    assert client.upload(batch.batch_id, batch.data) == first
    altered = bytearray(batch.data)
    altered[-1] ^= 1
    with pytest.raises(ServerAnswerError) as refused:
        client.upload(batch.batch_id, bytes(altered))
    assert refused.value.status == 422
    assert org.round("sam").received.applied == 1


@pytest.mark.parametrize("skew", [YEAR, -YEAR])
def test_a_laptop_a_year_off_still_syncs(served_org: ServerOrganisation, skew: float) -> None:
    org = served_org
    _client(org.stores["ana"], "HB-0001")
    client = org.client("ana", skew=skew)
    report = run_round(org.stores["ana"], client)
    assert report.uploaded == 2 and abs(client.clock_offset + skew) < 120
    assert org.round("sam").received.applied == 2


def test_server_down_is_offline_with_changes_waiting(served_org: ServerOrganisation) -> None:
    org = served_org
    ana = org.stores["ana"]
    _client(ana, "HB-0001")
    with write_transaction(ana.connection):
        write_meta(ana.connection, SERVER_KEY, "http://127.0.0.1:9")  # nothing listens on the discard port
    statuses: list[SyncStatus] = []
    engine = SyncEngine(lambda: ana, statuses.append, backoff_base=0.01)
    status = engine.run_once(ana)
    assert status.state is SyncState.OFFLINE and status.waiting_changes == 1
    assert "1 change waiting" in status.message and status.next_attempt_seconds is not None
    assert [s.state for s in statuses] == [SyncState.SYNCING, SyncState.OFFLINE]
    with pytest.raises(ServerUnreachableError):
        SyncClient("http://127.0.0.1:9", ana.author.device_id, device_keys(ana), timeout=2).health()


def test_the_engine_syncs_on_its_own_thread_with_its_own_connection(served_org: ServerOrganisation) -> None:
    org = served_org
    ana = org.stores["ana"]
    statuses: list[SyncStatus] = []
    engine = SyncEngine(ana.open_another, statuses.append, debounce=0.05, interval=3600)
    engine.start()
    try:
        _client(ana, "HB-0001")
        engine.saved()
        deadline = time.monotonic() + 30
        # until a round that sent the change has finished: stop() cuts a round in progress short (a lock is prompt)
        while time.monotonic() < deadline and not (
            _sent(ana) and statuses[-1:] and statuses[-1].state is SyncState.SYNCED
        ):
            time.sleep(0.05)
            if engine.rounds >= 1 and not _sent(ana):
                engine.saved()
    finally:
        engine.stop()
    assert _sent(ana), [s.message for s in statuses]
    assert statuses[-1].state is SyncState.SYNCED and statuses[-1].message.startswith("Synced at")
    assert org.round("sam").received.applied >= 1


def _sent(store: Store) -> bool:
    return sync_state.waiting_change_count(store.connection) == 0


def test_a_reassigned_client_and_a_note_reach_only_the_assigned_worker(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana, ben = org.stores["sam"], org.stores["ana"], org.stores["ben"]
    client_id = _client(ana, "HB-ANA1")
    case_id = ana.records.save("case", {"client_id": client_id, "status": "open", "opened_on": "2024-01-05"}).id
    _client(ana, "HB-ANA2")  # another of Ana's clients: never for Ben
    org.round("ana")
    org.round("sam")
    task = {"case_id": case_id, "task_type": "follow_up", "due_at": "2026-12-03T10:00:00Z", "status": "open",
            "assignee": "ana", "note": "Please call about the GP letter."}  # fmt: skip
    note_id = sam.records.save("task", task).id
    org.round("sam")
    assert org.round("ana").received.applied == 1
    note = ana.records.get(note_id)
    assert note is not None and note.values["note"] == "Please call about the GP letter."
    assert org.round("ben").received.applied == 0 and ben.records.get(note_id) is None

    assert reassign(sam, client_id, ben.author.device_id) >= 3
    org.round("sam")
    report = org.round("ben")
    assert report.received.applied == 1 and report.received.rejected == 0
    for record_id in (client_id, case_id, note_id):
        held, expected = ben.records.get(record_id), sam.records.get(record_id)
        assert held is not None and expected is not None and held.values == expected.values
        assert held.stamps == expected.stamps, "the snapshot keeps every field's original stamp"
    assert len(record_values(ben)) == 3, "nothing of Ana's other client reached Ben"
    sam.records.save("client", {"gender": "masculine"}, client_id)
    org.round("sam")
    assert org.round("ben").received.applied == 1 and org.round("ana").received.applied == 0
    assert ben.records.get(client_id).values["gender"] == "masculine"  # type: ignore[union-attr]
    assert ana.records.get(client_id).values["gender"] == "feminine"  # type: ignore[union-attr]

    with sam.records.writing() as writer:  # a subject's erasure on the supervisor reaches every laptop holding it
        writer.erase(client_id)
    org.round("sam")
    for laptop in ("ana", "ben"):
        org.round(laptop)
        erased = org.stores[laptop].records.get(client_id, include_deleted=True)
        assert erased is not None and erased.values == {} and erased.deleted_at is not None
        assert org.stores[laptop].search("HB-ANA1") == []


def test_a_revoked_laptop_obeys_a_supervisors_wipe_order_and_ignores_forged_ones(
    served_org: ServerOrganisation,
) -> None:
    org = served_org
    ana, sam = org.stores["ana"], org.stores["sam"]
    _client(ana, "HB-0001")
    org.round("ana")
    paths = ana.paths
    result = run_cli("revoke", ana.author.device_id, "--reason", "lost laptop", *org.running.where)
    assert result.returncode == 0, result.stderr
    with pytest.raises(DeviceRevokedError) as revoked:
        org.round("ana")
    assert paths.key_file.exists() and "wipe_order" not in revoked.value.extra

    organisation = "hbf"
    forged_orders = [
        make_wipe_order(ana.author.device_id, organisation, "mallory", SigningPrivateKey.generate()),
        make_wipe_order(org.stores["ben"].author.device_id, organisation, "sam", device_keys(sam).signing),
        make_wipe_order(ana.author.device_id, "another-org", "sam", device_keys(sam).signing),
    ]
    for forged in forged_orders:
        order = json.loads(forged)
        obey_if_ordered(ana, DeviceRevokedError("revoked", status=403, extra={"wipe_order": order}))
        assert paths.key_file.exists() and ana.records.count("client") == 1
    assert verified_wipe_order(ana, {"not": "an order"}) is None

    genuine = make_wipe_order(ana.author.device_id, organisation, "sam", device_keys(sam).signing)
    path = f"/v1/devices/{ana.author.device_id}/wipe-order"
    org.client("sam")._request("PUT", path, body=genuine, content_type="application/json", limit=1 << 20)
    with pytest.raises(DeviceWipedError, match="erased by order of sam"):
        org.round("ana")
    assert not paths.key_file.exists() and not paths.database.exists()
    org.stores.pop("ana")


class _DiesAfterOneChunk(SyncClient):
    def upload_chunk(self, attachment_id: str, index: int, data: bytes) -> dict[str, object]:
        if index >= 1:
            raise ServerUnreachableError("the network went away")
        return super().upload_chunk(attachment_id, index, data)


def test_attachments_travel_in_sealed_chunks_and_resume(served_org: ServerOrganisation) -> None:
    org = served_org
    ana, sam = org.stores["ana"], org.stores["sam"]
    client_id = _client(ana, "HB-ANA1")
    case_id = ana.records.save("case", {"client_id": client_id, "status": "open", "opened_on": "2024-01-05"}).id
    content = bytes(range(256)) * 2500  # 640,000 bytes: three chunks
    attachment = add_attachment(ana, case_id, content, file_name="letter.pdf", kind="decision_letter")
    dying = _DiesAfterOneChunk(org.server_url, ana.author.device_id, device_keys(ana))
    with pytest.raises(ServerUnreachableError):
        run_round(ana, dying)
    sealed = ana.connection.execute("SELECT data FROM sync_chunk_out ORDER BY chunk").fetchall()
    assert len(sealed) == 3
    org.round("ana")  # the records go up; the attachment resumes from chunk 1 with the same sealed bytes
    assert ana.connection.execute("SELECT count(*) FROM sync_chunk_out").fetchone()[0] == 0
    report = org.round("sam")
    assert report.attachments_received == 1
    assert read_attachment(sam, attachment.id) == content
    assert org.round("sam").attachments_received == 0, "nothing fetched twice"
    assert org.round("ana").attachments_sent == 0, "nothing sent twice"
