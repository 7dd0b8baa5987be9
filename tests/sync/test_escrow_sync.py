"""Escrow and the directory, against the real server process: a supervisor added to the directory later receives a
caseworker's escrowed data key in the caseworker's next round, starts that caseworker's chain there (instead of
waiting forever for batches it was never sent), and gets every later batch but no older one."""

from __future__ import annotations

from hbf_desktop.store import sync_state
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.protocol import parse_batch
from tests.sync.server_org import ServerOrganisation


def test_a_supervisor_added_later_gets_the_escrow_in_the_next_round_but_no_older_batch(
    served_org: ServerOrganisation,
) -> None:
    org = served_org
    ana, sam = org.stores["ana"], org.stores["sam"]
    early = ana.records.save("client", {"pseudonym_code": "HB-EARLY", "gender": "feminine"}).id
    assert org.round("ana").uploaded == 2  # the escrow and the change batch, for sam
    org.round("sam")
    sue = org.add("sue", supervisor=True)  # a new directory version naming sue too
    org.put_directory()
    org.enrol("sue")
    before = len(sync_state.outgoing_batches(ana.connection, only_pending=False))
    report = org.round("ana")
    assert report.uploaded == 1 and report.sealed == 0  # (org.add handed every laptop the new directory)
    escrow = sync_state.outgoing_batches(ana.connection, only_pending=False)[before]
    header = parse_batch(escrow.data, max_size=1 << 20).metadata
    everyone = {device_keys(store).recipient.key_id for store in (sam, sue)}
    assert set(header.recipient_key_ids) == everyone, "sealed to every supervisor: no one's chain has a hole"
    assert org.round("ana").uploaded == 0, "once per supervisor"
    received = org.round("sue").received
    assert received.rejected == 0 and received.waiting == 0 and received.applied == 1, "the chain starts there"
    assert sync_state.escrowed_keys(sue.connection) == [(ana.author.device_id, ana.raw_data_key.hex())]
    assert sue.records.get(early) is None, "batches sealed before sue joined stay unreadable to her"
    late = ana.records.save("client", {"pseudonym_code": "HB-LATE", "gender": "feminine"}).id
    org.round("ana")
    org.round("sue")
    assert sue.records.get(late) is not None
    received = org.round("sam").received
    assert received.applied == 3 and received.waiting == 0 and received.forks == 0  # ana: escrow, change; sue: escrow
    held = dict(sync_state.escrowed_keys(sam.connection))
    assert held[ana.author.device_id] == ana.raw_data_key.hex() and sue.author.device_id in held
