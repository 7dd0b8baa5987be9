"""Conflict noise: a value that loses only because it arrived out of order is succession, not a conflict; every
real concurrent edit is still logged, whichever side wins. Real stores (a supervisor and a worker); the batches are
handed over in a chosen order (a worker takes supervisors' batches in any order, as downloads and bundles may)."""

from __future__ import annotations

import json
import time

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.sync.incoming import Incoming, Receiver
from hbf_desktop.sync.outgoing import seal_pending
from tests.sync.org import Organisation


def _set_up(org: Organisation) -> tuple[Store, Store, str]:
    """wren's client, assigned to wren's laptop on sam's (so sam's edits are sealed to wren too)."""
    sam, wren = org.stores["sam"], org.stores["wren"]
    client_id = wren.records.save("client", {"pseudonym_code": "HB-0001", "gender": "feminine"}).id
    org.deliver("wren", "sam")
    return sam, wren, client_id


def _edit(store: Store, client_id: str, gender: str) -> bytes:
    """Save an edit and seal it alone; returns its batch."""
    store.records.save("client", {"gender": gender}, client_id)
    time.sleep(0.002)  # distinct wall-clock milliseconds, so the stamps' order is the edits' order
    seal_pending(store)
    return sync_state.outgoing_batches(store.connection)[-1].data


def _hand(org: Organisation, to: str, *batches: bytes) -> int:
    report = Receiver(org.stores[to], offered=org.offered(), source="test").receive([Incoming(b) for b in batches])
    assert report.rejected == 0 and report.applied == len(batches)
    return report.merged.conflicts


def _conflicts(store: Store) -> list[tuple[str, str, str]]:
    rows = store.connection.execute("SELECT field, kept_value, lost_value FROM conflict").fetchall()
    return [(str(row[0]), json.loads(row[1]), json.loads(row[2])) for row in rows]


def _gender(store: Store, client_id: str) -> object:
    record = store.records.get(client_id)
    assert record is not None
    return record.values["gender"]


def test_two_edits_by_one_device_arriving_in_reverse_order_are_no_conflict(org: Organisation) -> None:
    sam, wren, client_id = _set_up(org)
    first, second = _edit(sam, client_id, "masculine"), _edit(sam, client_id, "non_conforming")
    _hand(org, "wren", second, first)
    assert _gender(wren, client_id) == "non_conforming"
    assert _conflicts(wren) == [], "the first showed that sam's second replaced wren's value knowingly"
    third = _edit(sam, client_id, "masculine")
    fourth = _edit(sam, client_id, "transgender_masculine")
    assert _hand(org, "wren", fourth, third) == 0, "a late value of the same device is never logged"
    assert _conflicts(wren) == []


def test_a_late_value_our_own_edit_already_replaced_by_way_of_its_successor_is_no_conflict(org: Organisation) -> None:
    sam, wren, client_id = _set_up(org)
    first, second = _edit(sam, client_id, "masculine"), _edit(sam, client_id, "non_conforming")
    _hand(org, "wren", second)
    wren.records.save("client", {"gender": "transgender_feminine"}, client_id)  # base: sam's second edit
    assert _hand(org, "wren", first) == 0, "sam wrote the second after the first: wren's edit saw both"
    assert _gender(wren, client_id) == "transgender_feminine" and _conflicts(wren) == []


def test_a_concurrent_edit_that_loses_here_is_still_logged(org: Organisation) -> None:
    sam, wren, client_id = _set_up(org)
    theirs = _edit(sam, client_id, "masculine")
    wren.records.save("client", {"gender": "non_conforming"}, client_id)  # later, without having seen sam's
    assert _hand(org, "wren", theirs) == 1
    assert _gender(wren, client_id) == "non_conforming"
    assert _conflicts(wren) == [("gender", "non_conforming", "masculine")]


def test_a_concurrent_edit_that_wins_here_is_still_logged(org: Organisation) -> None:
    sam, wren, client_id = _set_up(org)
    wren.records.save("client", {"gender": "non_conforming"}, client_id)
    time.sleep(0.002)
    theirs = _edit(sam, client_id, "masculine")  # later, without having seen wren's
    assert _hand(org, "wren", theirs) == 1
    assert _gender(wren, client_id) == "masculine"
    assert _conflicts(wren) == [("gender", "masculine", "non_conforming")]
