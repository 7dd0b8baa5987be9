"""A record's values never appear in its repr (security review): a traceback, a log line or a crash report that
shows a record must not carry a survivor's name or notes with it."""

from __future__ import annotations

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store.merging import parse_change
from hbf_desktop.store.store import Store

CANARY = "Reprcanary Nightingale"


def test_records_changes_and_interchange_records_keep_values_out_of_their_repr(store: Store) -> None:
    client = store.records.save("client", {"pseudonym_code": "HB-REP1", "gender": "feminine"})
    identity = store.records.save("client_identity", {"client_id": client.id, "legal_name": CANARY})
    assert identity.values["legal_name"] == CANARY
    assert CANARY not in repr(identity) and identity.id in repr(identity)
    imported = records_from_dicts([{"type": "client_identity", "id": identity.id, "client_id": client.id,
                                    "legal_name": CANARY}]).records  # fmt: skip
    assert imported[0].values["legal_name"] == CANARY and CANARY not in repr(imported[0])
    device = store.author.device_id
    change = parse_change(
        {"entity": "client_identity", "id": identity.id, "stamp": f"019000000000.0000.{device}",
         "fields": {"legal_name": CANARY}, "deleted": False}, device,
    )  # fmt: skip
    assert change.fields["legal_name"] == CANARY and CANARY not in repr(change)
