"""Store-side sync between real SQCipher stores: seal once, verify, chain, merge, de-duplicate, keep aside."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.escrow import seal_escrow
from hbf_desktop.sync.identity import device_keys, held_directory, is_supervisor
from hbf_desktop.sync.incoming import Incoming, Receiver
from hbf_desktop.sync.outgoing import build_payload, seal_pending
from hbf_desktop.sync.protocol import IdentityKeys, parse_batch, seal_batch
from tests.conftest import StoreTemplate
from tests.sync.org import Organisation, record_values


def _client(store: Store, code: str = "HB-7K3Q") -> str:
    return store.records.save("client", {"pseudonym_code": code, "gender": "feminine"}).id


def _versions(store: Store) -> int:
    return int(store.connection.execute("SELECT coalesce(sum(version), 0) FROM record").fetchone()[0])


def test_device_keys_are_made_once_and_kept_only_inside_the_store(
    org: Organisation, store_template: StoreTemplate
) -> None:
    store = org.stores["wren"]
    keys = device_keys(store)
    reopened = Store.open_with_key(store.paths.data_dir, bytearray(store_template.data_key))
    again = device_keys(reopened)
    assert again.signing.private_bytes() == keys.signing.private_bytes()
    reopened.close()
    store.checkpoint(truncate=True)
    secrets_ = [keys.signing.private_bytes(), keys.recipient.private_bytes()]
    for path in store.paths.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in secrets_:
                assert secret not in content and secret.hex().encode() not in content, path


def test_the_outbox_is_cut_into_chained_batches_sealed_once(org: Organisation) -> None:
    worker = org.stores["wren"]
    with worker.records.writing() as writer:
        for index in range(2500):
            writer.save("client", {"pseudonym_code": f"HB-{index:04d}", "gender": "feminine"})
    assert seal_pending(worker) == 3
    batches = sync_state.outgoing_batches(worker.connection)
    assert [b.sequence for b in batches] == [1, 2, 3] and [b.change_count for b in batches] == [1000, 1000, 500]
    assert seal_pending(worker) == 0, "nothing is sealed twice"
    assert [b.data for b in sync_state.outgoing_batches(worker.connection)] == [b.data for b in batches]
    assert sync_state.waiting_change_count(worker.connection) == 2500


def test_a_size_bound_cuts_a_batch_before_the_count_bound(org: Organisation) -> None:
    worker = org.stores["wren"]
    for index in range(10):
        _client(worker, f"HB-{index:04d}")
    assert seal_pending(worker, max_bytes=400) >= 4


def test_worker_data_reaches_the_supervisor_once_and_is_not_echoed(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    client_id = _client(worker)
    worker.records.save("case", {"client_id": client_id, "status": "open", "opened_on": "2024-01-05"})
    worker.records.save("client", {"gender": "masculine"}, client_id)
    report = org.deliver("wren", "sam")
    assert report.applied == 1 and report.rejected == 0 and report.merged.created == 2
    assert record_values(supervisor) == record_values(worker)
    assert supervisor.connection.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0, "no echo"
    assert supervisor.verify() == []
    assert supervisor.search("HB-7K3Q")[0].client_id == client_id
    versions = _versions(supervisor)
    again = org.deliver("wren", "sam")
    assert again.duplicates == 1 and again.applied == 0 and _versions(supervisor) == versions


def test_roles_come_from_the_directory(org: Organisation) -> None:
    directory = held_directory(org.stores["wren"])
    assert directory is not None
    assert is_supervisor(directory, device_keys(org.stores["sam"]))
    assert not is_supervisor(directory, device_keys(org.stores["wren"]))


def test_a_gap_waits_and_fills_in_when_the_missing_batch_arrives(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    first = _client(worker, "HB-0001")
    seal_pending(worker)
    second = _client(worker, "HB-0002")
    batches = org.sealed("wren")
    receiver = Receiver(supervisor, offered=org.offered())
    report = receiver.receive([Incoming(batches[1])])
    assert report.waiting == 1 and report.applied == 0 and supervisor.records.get(second) is None
    report = receiver.receive([Incoming(batches[0])])
    assert report.applied == 2 and report.waiting == 0
    assert supervisor.records.get(first) is not None and supervisor.records.get(second) is not None


def test_an_altered_batch_is_kept_aside_and_does_not_block_the_others(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    other = org.add("ash")
    _client(worker)
    bad = bytearray(org.sealed("wren")[0])
    bad[len(bad) // 2] ^= 0x01
    good_id = _client(other, "HB-ASH1")
    report = Receiver(supervisor, offered=org.offered()).receive(
        [Incoming(bytes(bad)), *map(Incoming, org.sealed("ash"))]
    )
    assert report.rejected == 1 and report.applied == 1 and supervisor.records.get(good_id) is not None
    (aside,) = sync_state.set_aside(supervisor.connection)
    assert aside.status == "rejected" and "not signed" in (aside.reason or "")
    assert org.deliver("wren", "sam").applied == 1, "the genuine batch still applies afterwards"


def test_an_unknown_device_waits_until_its_key_is_offered(org: Organisation) -> None:
    _client(org.stores["wren"])
    report = Receiver(org.stores["sam"]).receive([Incoming(d) for d in org.sealed("wren")])
    assert report.waiting == 1 and report.applied == 0 and org.stores["sam"].records.count("client") == 0
    later = Receiver(org.stores["sam"], offered=org.offered()).receive([])
    assert later.applied == 1 and later.waiting == 0


def test_a_changed_device_key_is_an_alarm(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    _client(worker)
    org.deliver("wren", "sam")
    offered = org.offered()
    impostor = IdentityKeys.generate()
    device = worker.author.device_id
    offered[device] = type(offered[device])(device, "wren", "worker", impostor.signing.public_key(), ())
    forged = _seal_raw(org, impostor, device, 2, [_change(device, "client", str(uuid.uuid4()))])
    report = Receiver(supervisor, offered=offered).receive([Incoming(forged)])
    assert report.rejected == 1 and "pinned" in report.reasons[0]


def test_a_revoked_device_is_refused_after_its_revocation(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    _client(worker)
    org.deliver("wren", "sam")
    with write_transaction(supervisor.connection):
        sync_state.mark_revoked(supervisor.connection, worker.author.device_id, "2000-01-01T00:00:00.000Z")
    _client(worker, "HB-0002")
    report = org.deliver("wren", "sam")
    assert report.rejected == 1 and "revoked" in report.reasons[0]


def test_a_malformed_change_rolls_back_only_its_batch(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    keys = device_keys(worker)
    device = worker.author.device_id
    good = _change(device, "client", str(uuid.uuid4()))
    forged_stamp = _change("someone-else", "client", str(uuid.uuid4()))
    data = _seal_raw(org, keys, device, 1, [good, forged_stamp])
    report = Receiver(supervisor, offered=org.offered()).receive([Incoming(data)])
    assert report.rejected == 1 and "stamped by device" in report.reasons[0]
    assert supervisor.records.get(str(good["id"])) is None, "nothing of the refused batch was applied"


def test_a_concurrent_edit_keeps_the_loser_in_the_conflict_log_and_both_supervisors_converge(
    org: Organisation,
) -> None:
    worker, first, second = org.stores["wren"], org.stores["sam"], org.add("kit", supervisor=True)
    client_id = _client(worker)
    org.deliver("wren", "sam")
    org.deliver("wren", "kit")
    second.records.save("client", {"gender": "masculine"}, client_id)
    worker.records.save("client", {"gender": "non_conforming"}, client_id)
    org.deliver("kit", "sam")
    org.deliver("wren", "sam")
    org.deliver("wren", "kit")
    org.deliver("sam", "kit")
    assert record_values(first) == record_values(second)
    for store in (first, second):
        rows = store.connection.execute("SELECT field, kept_value, lost_value FROM conflict").fetchall()
        assert len(rows) == 1 and rows[0][0] == "gender"
        assert {json.loads(rows[0][1]), json.loads(rows[0][2])} == {"masculine", "non_conforming"}


def test_a_sequential_edit_is_no_conflict(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    client_id = _client(worker)
    org.deliver("wren", "sam")
    worker.records.save("client", {"gender": "masculine"}, client_id)
    org.deliver("wren", "sam")
    assert supervisor.connection.execute("SELECT count(*) FROM conflict").fetchone()[0] == 0
    record = supervisor.records.get(client_id)
    assert record is not None and record.values["gender"] == "masculine"


def test_a_later_local_edit_wins_over_a_merged_change(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    client_id = _client(worker)
    with write_transaction(worker.connection):  # the worker's clock runs a year fast
        write_meta(worker.connection, "hlc", "0199ffffffff.0000." + worker.author.device_id)
    worker.records.save("client", {"gender": "masculine"}, client_id)
    org.deliver("wren", "sam")
    edited = supervisor.records.save("client", {"gender": "feminine"}, client_id)
    assert edited.stamps["gender"] > supervisor.records.get(client_id).stamps["pseudonym_code"]  # type: ignore[union-attr]
    assert edited.stamps["gender"] > "0199ffffffff"


def test_a_deletion_wins_and_an_erasure_empties_everything(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    deleted_id, erased_id = _client(worker, "HB-DEL1"), _client(worker, "HB-ERA1")
    org.deliver("wren", "sam")
    worker.records.delete(deleted_id)
    device = worker.author.device_id
    erase = _change(device, "client", erased_id, erased=True, stamp="019a00000000.0000." + device)
    with write_transaction(worker.connection):
        worker.connection.execute(
            "INSERT INTO outbox (record_id, entity, change, created_at) VALUES (?, 'client', ?, 'now')",
            (erased_id, json.dumps(erase)),
        )
    org.deliver("wren", "sam")
    assert supervisor.records.get(deleted_id) is None and supervisor.records.get(deleted_id, include_deleted=True)
    erased = supervisor.records.get(erased_id, include_deleted=True)
    assert erased is not None and erased.values == {} and erased.deleted_at is not None
    assert supervisor.search("HB-ERA1") == [] and supervisor.search("HB-DEL1") == []


def _change(
    device: str, entity: str, record_id: str, *, erased: bool = False, stamp: str | None = None
) -> dict[str, object]:
    change: dict[str, object] = {
        "entity": entity,
        "id": record_id,
        "stamp": stamp or f"019000000000.0000.{device}",
        "fields": {} if erased else {"pseudonym_code": "HB-RAW1", "gender": "feminine"},
        "deleted": erased,
    }
    if erased:
        change["erased"] = True
    return change


def _seal_raw(
    org: Organisation, keys: IdentityKeys, device: str, sequence: int, changes: list[dict[str, object]]
) -> bytes:
    directory = held_directory(org.stores["sam"])
    assert directory is not None
    previous = "0" * 64
    if sequence > 1:
        previous = sync_state.outgoing_batches(org.stores["wren"].connection, only_pending=False)[-1].hash
    return seal_batch(
        build_payload([json.dumps(change) for change in changes]),
        organisation_id=directory.organisation_id,
        device_id=device,
        batch_id=uuid.uuid4(),
        sequence=sequence,
        previous_batch_hash=previous,
        created_at=datetime.now(UTC),
        directory_version=directory.version,
        recipients=directory.recipient_keys(),
        signing_key=keys.signing,
    )


def test_the_key_escrow_is_sealed_once_to_the_supervisors_only(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    assert seal_escrow(worker) and not seal_escrow(worker), "sealed once"
    (batch,) = sync_state.outgoing_batches(worker.connection)
    header = parse_batch(batch.data, max_size=1 << 20).metadata
    assert header.recipient_key_ids == (device_keys(supervisor).recipient.key_id,)
    assert worker.raw_data_key not in batch.data and worker.raw_data_key.hex().encode() not in batch.data
    report = org.deliver("wren", "sam")
    assert report.applied == 1 and report.merged.created == 0
    assert sync_state.escrowed_keys(supervisor.connection) == [(worker.author.device_id, worker.raw_data_key.hex())]
