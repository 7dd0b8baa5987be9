"""The root key pinned at enrolment: replaceable while nothing signed by it was trusted, fixed afterwards."""

from __future__ import annotations

import pytest

from hbf_desktop.config import Provisioning
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.errors import TrustError
from hbf_desktop.sync.identity import pin_root, root_key
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.sync.rounds import SERVER_KEY


def _provisioning() -> Provisioning:
    root = SigningPrivateKey.generate().public_key()
    return Provisioning("hbf", "Test", "http://127.0.0.1:8443", root.to_text(), root.key_id, None, {})


def test_a_wrong_file_can_be_corrected_before_anything_was_trusted(store: Store) -> None:
    wrong, right = _provisioning(), _provisioning()
    pin_root(store, wrong)
    assert pin_root(store, right).key_id == right.root_key_id
    pinned = root_key(store)
    assert pinned is not None and pinned.key_id == right.root_key_id


def test_once_enrolled_another_root_is_refused_and_nothing_changes(store: Store) -> None:
    first, other = _provisioning(), _provisioning()
    pin_root(store, first)
    with write_transaction(store.connection):
        write_meta(store.connection, SERVER_KEY, "http://127.0.0.1:8443")
    with pytest.raises(TrustError, match="this laptop trusts"):
        pin_root(store, other)
    pinned = root_key(store)
    assert pinned is not None and pinned.key_id == first.root_key_id
    assert pin_root(store, first).key_id == first.root_key_id
