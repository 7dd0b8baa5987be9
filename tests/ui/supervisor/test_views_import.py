"""The Import and Conflicts views driven offscreen over the supervisor's real store and the real server."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.ui.supervisor.tables import cells, short_device
from tests.sync.server_org import ServerOrganisation
from tests.ui.conftest import WAIT_MS, WindowFactory
from tests.ui.supervisor.conftest import client_ids, concurrent_edits, open_supervisor


def test_a_worker_store_gets_no_supervisor_views(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation
) -> None:
    window = make_window(served_org.stores["ana"].paths.data_dir)
    from tests.ui.conftest import unlock

    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.shell.navigation.count() == 3, timeout=WAIT_MS)
    qtbot.wait(300)  # the role answer has come back by now (it is queued before the focus change)
    assert getattr(window, "supervisor_views", None) is None and window.shell.navigation.count() == 3


def test_import_cancelled_then_resumed_with_its_report(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation
) -> None:
    org = served_org
    sam = org.stores["sam"]
    client_ids(org.stores["ana"], "HB-A", 1200)
    client_ids(org.stores["ben"], "HB-B", 5)
    org.round("ana")
    org.round("ben")
    window, views = open_supervisor(qtbot, make_window, sam.paths.data_dir)
    titles = [window.shell.navigation.item(i).text() for i in range(window.shell.navigation.count())]
    assert titles[-4:] == ["Import", "Conflicts", "Team", "Reports"]
    view = views.import_view
    window.shell.show_view(view)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert view.cancel_button.isEnabled() and not view.start_button.isEnabled()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.start_button.isEnabled(), timeout=WAIT_MS)
    assert "cancelled" in view.status.text() and view.report is not None and view.report.cancelled
    assert sam.records.count("client") == 0 and cells(view.records) == []

    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status.text() == "Import finished.", timeout=WAIT_MS)
    assert sam.records.count("client") == 1205
    assert cells(view.records) == [["Client", "1205", "0"]]
    ours = {short_device(store.author.device_id): name for name, store in org.stores.items()}
    devices = {ours[row[1]]: row for row in cells(view.devices) if row[1] in ours}  # not earlier tests' devices
    assert devices["ana"][2:] == ["1200", "0", "0", "no"] and devices["ben"][2:] == ["5", "0", "0", "no"]
    assert cells(view.set_aside) == [] and "1,205 new records" in view.summary.text()


def test_a_conflict_settled_in_the_view_leaves_the_list_and_syncs(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation
) -> None:
    org = served_org
    sam, ana = org.stores["sam"], org.stores["ana"]
    client_id = concurrent_edits(org, "HB-A")
    window, views = open_supervisor(qtbot, make_window, sam.paths.data_dir)
    window.shell.show_view(views.import_view)
    qtbot.mouseClick(views.import_view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: views.import_view.status.text() == "Import finished.", timeout=WAIT_MS)
    assert "1 new conflict" in views.import_view.summary.text()

    view = views.conflicts
    window.shell.show_view(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=WAIT_MS)
    assert cells(view.table)[0][:3] == ["HB-A0000", "Client", "Gender"]
    sides = {view.kept.who.text().split(" ")[0]: view.kept.value.text(),
             view.lost.who.text().split(" ")[0]: view.lost.value.text()}  # fmt: skip
    assert set(sides) == {"sam", "ana"} and view.kept.at.text().endswith("UTC")

    qtbot.keyClicks(view.edited, "not a gender")
    qtbot.mouseClick(view.save_edited, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() != "", timeout=WAIT_MS)
    assert view.table.rowCount() == 1, "a value the rules refuse changes nothing"
    assert sam.connection.execute("SELECT count(*) FROM conflict WHERE resolved_at IS NULL").fetchone()[0] == 1

    lost_value = view.selected().lost.value  # type: ignore[union-attr]
    qtbot.mouseClick(view.lost.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=WAIT_MS)
    assert "sync like any edit" in view.message.text()
    held = sam.records.get(client_id)
    assert held is not None and held.values["gender"] == lost_value
    resolved = sam.connection.execute("SELECT resolved_by FROM conflict").fetchall()
    assert resolved == [("sam",)]
    org.round("sam")
    org.round("ana")
    on_ana = ana.records.get(client_id)
    assert on_ana is not None and on_ana.values["gender"] == lost_value, "the choice travelled as an edit"
    assert json.dumps(lost_value) in {'"masculine"', '"non_conforming"'}
