"""The supervisor's non-Qt services against the real server: a cancelled and resumed import, its report, settling a
conflict so that the choice syncs, a note and a wipe order."""

from __future__ import annotations

import pytest

from hbf_desktop.store import conflicts
from hbf_desktop.sync.errors import DeviceRevokedError
from hbf_desktop.sync.import_report import mark, run_import
from hbf_desktop.sync.team import is_supervisor_store, revoke_and_wipe, send_note
from hbf_desktop.sync.wipe import DeviceWipedError
from tests.sync.server_org import ServerOrganisation
from tests.ui.supervisor.conftest import concurrent_edits


def _clients(org: ServerOrganisation, name: str, count: int) -> list[str]:
    with org.stores[name].records.writing() as writer:
        return [writer.save("client", {"pseudonym_code": f"HB-{name.upper()}{i:04d}", "gender": "feminine"}).id
                for i in range(count)]  # fmt: skip


def test_a_cancelled_import_applies_no_half_page_and_resumes(served_org: ServerOrganisation) -> None:
    org = served_org
    sam = org.stores["sam"]
    _clients(org, "ana", 2500)  # three batches of changes and the escrow
    _clients(org, "ben", 10)
    org.round("ana")
    org.round("ben")
    start = mark(sam.connection)
    calls: list[int] = []
    report = run_import(sam, org.client("sam"), lambda done, total: calls.append(done), lambda: len(calls) >= 2)
    assert report.cancelled and sam.records.count("client") == 0, "the page being fetched was never merged"
    resumed = run_import(sam, org.client("sam"), lambda done, total: None, lambda: False, since=start)
    assert not resumed.cancelled and sam.records.count("client") == 2510
    assert resumed.new_by_kind == {"client": 2510} and resumed.updated_by_kind == {}
    ours = {store.author.device_id: name for name, store in org.stores.items()}  # not earlier tests' devices
    users = {ours[device.device_id]: device for device in resumed.devices if device.device_id in ours}
    assert users["ana"].changes_received == 2500 and users["ana"].clients == 2500 and users["ben"].clients == 10
    assert users["ana"].gaps == 0 and users["ana"].revoked_at is None and resumed.set_aside == []


def test_settling_a_conflict_saves_the_choice_and_it_reaches_the_worker(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana = org.stores["sam"], org.stores["ana"]
    client_id = concurrent_edits(org, "HB-ANA")
    report = run_import(sam, org.client("sam"), lambda *_: None, lambda: False)
    assert report.new_conflicts == 1 and report.open_conflicts == 1
    (conflict,) = conflicts.open_conflicts(sam.connection)
    assert {conflict.kept.user, conflict.lost.user} == {"sam", "ana"} and conflict.client_code == "HB-ANA0000"
    assert conflict.kept.at.endswith("Z") and conflict.field == "gender"
    assert conflicts.resolve(sam, conflict.seq, "transgender_masculine") is True
    assert conflicts.open_conflicts(sam.connection) == []
    with pytest.raises(conflicts.ConflictGoneError):
        conflicts.resolve(sam, conflict.seq, "feminine")
    org.round("sam")
    org.round("ana")
    held = ana.records.get(client_id)
    assert held is not None and held.values["gender"] == "transgender_masculine", "the choice travelled like an edit"


def test_a_note_reaches_the_worker_and_a_wipe_order_erases_the_lost_laptop(served_org: ServerOrganisation) -> None:
    org = served_org
    sam, ana = org.stores["sam"], org.stores["ana"]
    assert is_supervisor_store(sam) and not is_supervisor_store(ana)
    (client_id,) = _clients(org, "ana", 1)
    ana.records.save("case", {"client_id": client_id, "status": "open", "opened_on": "2024-01-05"})
    org.round("ana")
    org.round("sam")
    note_id = send_note(sam, client_id, "Please call about the GP letter.")
    org.round("sam")
    org.round("ana")
    note = ana.records.get(note_id)
    assert note is not None and note.values["note"] == "Please call about the GP letter."
    assert note.values["assignee"] == "ana"
    revoked_at = revoke_and_wipe(sam, org.client("sam"), ana.author.device_id)
    assert revoked_at
    paths = ana.paths
    with pytest.raises((DeviceWipedError, DeviceRevokedError)):
        org.round("ana")
    assert not paths.key_file.exists() and not paths.database.exists()
    org.stores.pop("ana")
