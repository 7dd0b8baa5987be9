"""A re-keyed laptop re-seals its escrow: after its next round a supervisor can recover it with the new key."""

from __future__ import annotations

import pytest

from hbf_desktop.store import sync_state
from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.errors import WrongPassphraseError
from hbf_desktop.store.store import Store
from hbf_desktop.sync.escrow import recover_with_escrow, seal_escrow
from hbf_desktop.sync.rekeying import rekey
from tests.conftest import PASSPHRASE
from tests.sync.org import Organisation

NEW_PASSPHRASE = "a passphrase set from escrow 7"


def test_after_a_rekey_and_a_round_the_supervisor_recovers_the_store_with_escrow(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    client = worker.records.save("client", {"pseudonym_code": "HB-REKEY", "gender": "feminine"}).id
    assert seal_escrow(worker)
    assert org.deliver("wren", "sam").applied >= 1
    old_key = worker.raw_data_key
    assert sync_state.escrowed_keys(supervisor.connection) == [(worker.author.device_id, old_key.hex())]
    data_dir, device_id = worker.paths.data_dir, worker.author.device_id
    worker.close()

    rekey(data_dir, PASSPHRASE)

    with pytest.raises(WrongPassphraseError):
        open_connection(worker.paths.database, old_key, check_integrity=False)
    reopened = Store.unlock(data_dir, PASSPHRASE)
    org.stores["wren"] = reopened
    assert seal_escrow(reopened), "the re-key forgot the old escrow: the next round seals the new key"
    report = org.deliver("wren", "sam")
    assert report.applied >= 1 and report.rejected == 0 and report.forks == 0, "the chain goes on after a re-key"
    held = dict(sync_state.escrowed_keys(supervisor.connection))
    assert held == {device_id: reopened.raw_data_key.hex()} and held[device_id] != old_key.hex()
    reopened.close()
    del org.stores["wren"]

    assert recover_with_escrow(supervisor, data_dir, NEW_PASSPHRASE) == device_id
    with Store.unlock(data_dir, NEW_PASSPHRASE) as recovered:
        assert recovered.records.get(client) is not None
