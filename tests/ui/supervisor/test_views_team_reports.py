"""The Team and Reports views driven offscreen over the supervisor's real store and the real server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.store import sync_state
from hbf_desktop.sync.errors import DeviceRevokedError
from hbf_desktop.sync.wipe import DeviceWipedError
from hbf_desktop.ui.supervisor.periods import preset
from hbf_desktop.ui.supervisor.tables import cells, short_device
from tests.sync.server_org import ServerOrganisation
from tests.ui.conftest import WAIT_MS, WindowFactory
from tests.ui.supervisor.conftest import demo_data, open_supervisor


def _import(qtbot: QtBot, window: object, views: object) -> None:
    view = views.import_view  # type: ignore[attr-defined]
    window.shell.show_view(view)  # type: ignore[attr-defined]
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status.text() == "Import finished.", timeout=WAIT_MS)


def test_team_reassigns_sends_a_note_and_revokes_a_lost_laptop(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation
) -> None:
    org = served_org
    sam, ana, ben = org.stores["sam"], org.stores["ana"], org.stores["ben"]
    demo_data(ana, 3, 1)
    demo_data(ben, 2, 2)
    org.round("ana")
    org.round("ben")
    window, views = open_supervisor(qtbot, make_window, sam.paths.data_dir)
    _import(qtbot, window, views)
    team = views.team
    window.shell.show_view(team)
    qtbot.waitUntil(lambda: team.caseload.rowCount() == 5, timeout=WAIT_MS)
    # The session's server also lists earlier tests' devices; this organisation's are told apart by their ids.
    ours = {short_device(store.author.device_id): name for name, store in org.stores.items()}
    devices = {ours[row[1]]: row for row in cells(team.devices) if row[1] in ours}
    assert set(devices) == {"ana", "ben"} and devices["ana"][6] == "3" and devices["ben"][6] == "2"
    assert devices["ana"][7] == "no" and int(devices["ana"][3]) > 3 and devices["ana"][2].startswith("20")
    assert sorted(row[1] for row in cells(team.caseload)) == ["ana", "ana", "ana", "ben", "ben"]

    row = next(i for i, c in enumerate(team.clients) if c.user == "ana")
    client_id = team.clients[row].client_id
    team.caseload.selectRow(row)
    team.target.setCurrentIndex(team.target.findData(ben.author.device_id))
    qtbot.mouseClick(team.reassign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.message.text().startswith("Assigned"), timeout=WAIT_MS)
    assert sync_state.assigned_device(sam.connection, client_id) == ben.author.device_id
    qtbot.waitUntil(lambda: team.caseload.rowCount() == 5, timeout=WAIT_MS)
    team.caseload.selectRow(next(i for i, c in enumerate(team.clients) if c.client_id == client_id))
    qtbot.keyClicks(team.note, "Please call about the GP letter.")
    qtbot.mouseClick(team.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.message.text().startswith("Note saved"), timeout=WAIT_MS)
    org.round("sam")
    org.round("ben")
    assert ben.records.get(client_id) is not None, "the reassigned client reached the new worker"
    notes = [
        r.values for r in ben.records.of_entity("task") if r.values.get("note") == "Please call about the GP letter."
    ]
    assert notes and notes[0]["assignee"] == "ben"

    window.shell.show_view(team)
    qtbot.waitUntil(lambda: team.devices.rowCount() >= 2, timeout=WAIT_MS)
    team.devices.selectRow(next(i for i, d in enumerate(team.workers) if d.device_id == ana.author.device_id))
    qtbot.keyClicks(team.confirm, "an")
    assert not team.revoke_button.isEnabled(), "the name must be typed in full"
    qtbot.keyClicks(team.confirm, "a")
    assert team.revoke_button.isEnabled() and "ana's laptop" in team.revoke_button.text()
    qtbot.mouseClick(team.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.message.text().startswith("Revoked"), timeout=WAIT_MS)
    ana_short = short_device(ana.author.device_id)
    qtbot.waitUntil(lambda: {r[1]: r[7] for r in cells(team.devices)}.get(ana_short, "no") != "no", timeout=WAIT_MS)
    assert team.target.findData(ana.author.device_id) == -1, "a revoked laptop is no longer offered"
    paths = ana.paths
    with pytest.raises((DeviceWipedError, DeviceRevokedError)):
        org.round("ana")
    assert not paths.key_file.exists() and not paths.database.exists()
    org.stores.pop("ana")


def _welfare_calls(records: list[dict[str, object]], start: str, end: str) -> tuple[int, int]:
    """Counted here from the records themselves, not by the reports' query: (attempted, completed)."""
    calls = [
        r for r in records if r.get("contact_type") == "welfare_call" and start <= str(r["occurred_at"])[:10] < end
    ]
    return len(calls), sum(1 for r in calls if r.get("outcome") == "completed")


def test_reports_show_tables_and_charts_and_export_in_the_background(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation, tmp_path: Path
) -> None:
    org = served_org
    sam = org.stores["sam"]
    demo_data(org.stores["ana"], 12, 3)
    org.round("ana")
    org.round("sam")
    window, views = open_supervisor(qtbot, make_window, sam.paths.data_dir)
    view = views.reports
    window.shell.show_view(view)
    view.apply_preset("last_calendar_year")
    start, end = (day.isoformat() for day in preset("last_calendar_year", datetime.now(UTC).date()))
    assert view.period_text() == (start, end)
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tabs.count() == 8, timeout=WAIT_MS)
    assert view.banner.text().startswith("INTERNAL")
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert "Welfare calls" in titles and len(view.pages) == 8
    table = view.tabs.widget(titles.index("Welfare calls")).widget(0)  # type: ignore[union-attr]
    shown = {row[0]: row[3] for row in cells(table)}
    contacts = [json.loads(r[0]) for r in sam.connection.execute("SELECT body FROM record WHERE entity = 'contact'")]
    attempted, completed = _welfare_calls(contacts, start, end)
    assert attempted > 0 and shown["Attempted"] == str(attempted) and shown["Completed"] == str(completed)

    view.deidentified.setChecked(True)
    qtbot.waitUntil(lambda: view.banner.text().startswith("DE-IDENTIFIED"), timeout=WAIT_MS)
    view.export("pdf", tmp_path)
    assert not view.export_buttons["pdf"].isEnabled()
    qtbot.waitUntil(lambda: view.message.text().startswith("Written"), timeout=WAIT_MS)
    (pdf,) = tmp_path.glob("*.pdf")
    assert "deidentified" in pdf.name and pdf.read_bytes().startswith(b"%PDF")
    view.deidentified.setChecked(False)
    qtbot.waitUntil(lambda: view.banner.text().startswith("INTERNAL"), timeout=WAIT_MS)
    for file_format in ("csv", "xlsx"):
        view.export(file_format, tmp_path)
        qtbot.waitUntil(lambda: view.message.text().startswith("Written"), timeout=WAIT_MS)
        qtbot.waitUntil(lambda fmt=file_format: bool(list(tmp_path.glob(f"*internal*.{fmt}"))), timeout=WAIT_MS)
    (csv_file,) = tmp_path.glob("*internal*.csv")
    assert csv_file.read_text().startswith("# INTERNAL")
    window.lock()
    assert view.tabs.count() == 0 and views.team.caseload.rowCount() == 0, "nothing stays on screen behind the lock"
