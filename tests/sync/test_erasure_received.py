"""An erasure received by sync leaves nothing readable on the laptop that wrote the record (security review).

The erasing device empties its own outbox changes and merges its search index (`Writer.erase`, `erase_client`); the
laptop that receives the erasure must do the same, or the caseworker's laptop, the one most likely to be lost, keeps
the erased person's name and notes in its outbox and in the full-text index's old segments."""

from __future__ import annotations

from hbf_desktop.store.erasure import erase_client
from hbf_desktop.store.store import Store
from tests.sync.org import Organisation


def _tables_holding(store: Store, text: str) -> list[str]:
    connection = store.connection
    tables = [str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    holding = []
    for table in tables:
        for row in connection.execute(f'SELECT * FROM "{table}"'):  # names from sqlite_master
            if any(text.encode() in (v if isinstance(v, bytes) else str(v).encode()) for v in row):
                holding.append(table)
                break
    return holding


def test_a_received_erasure_empties_the_outbox_and_the_search_index(org: Organisation) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    canary, kept = "Zanzibarcanary Quillfeather", "Keptcanary Ottoline"
    with worker.records.writing() as writer:
        client = writer.save("client", {"pseudonym_code": "HB-ERA2", "gender": "feminine"})
        writer.save("client_identity", {"client_id": client.id, "legal_name": canary, "known_as": canary})
        other = writer.save("client", {"pseudonym_code": "HB-KEP2", "gender": "feminine"})
        writer.save("client_identity", {"client_id": other.id, "legal_name": kept})
    org.deliver("wren", "sam")
    assert "outbox" in _tables_holding(worker, canary) and "search_data" in _tables_holding(worker, "zanzibarcanary")
    erase_client(supervisor, client.id)
    report = org.deliver("sam", "wren")
    assert report.merged.erased >= 2, report
    assert worker.search("Zanzibarcanary") == [] and worker.search("Keptcanary") != []
    assert _tables_holding(worker, canary) == [] and _tables_holding(worker, "zanzibarcanary") == []
    assert "outbox" in _tables_holding(worker, kept), "the other client's changes are untouched"
