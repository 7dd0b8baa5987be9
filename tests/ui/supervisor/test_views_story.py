"""Issue 6's "done when", end to end: a supervisor enrolled with the documented commands imports two workers' data,
settles a conflict, reassigns a client and exports the year's figures as a de-identified PDF with charts.

The laptops are set up only with `hbf-server enrol-code`, `hbf-desktop device-keys`, `enrol`, `demo-data` and `sync`
(the sync engineer's helpers for publishing the directory from the supervisor's key file are reused); the supervisor
then works in the real window, offscreen, against the real server process.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.store.store import Store
from hbf_desktop.ui.supervisor.tables import cells, short_device
from tests.conftest import StoreTemplate
from tests.server.harness import RunningServer, write_provisioning
from tests.sync.org import make_laptop
from tests.sync.test_cli_server import _code, _publish_directory
from tests.ui.conftest import WAIT_MS, WindowFactory
from tests.ui.supervisor.conftest import open_supervisor


def _device_id(data_dir: Path, template: StoreTemplate) -> str:
    with Store.open_with_key(data_dir, bytearray(template.data_key)) as store:
        return store.author.device_id


def _edit_gender(data_dir: Path, template: StoreTemplate, client_id: str, gender: str) -> None:
    with Store.open_with_key(data_dir, bytearray(template.data_key)) as store:
        store.records.save("client", {"gender": gender}, client_id)


def test_a_supervisor_imports_settles_reassigns_and_exports_the_year(
    qtbot: QtBot, make_window: WindowFactory, server: RunningServer, store_template: StoreTemplate, tmp_path: Path
) -> None:
    laptops = {name: make_laptop(store_template, tmp_path, name) for name in ("sam", "ana", "ben")}
    laptops["sam"].run("device-keys", "--out", str(tmp_path / "sam.keys"))
    _publish_directory(server, tmp_path / "sam.keys")
    provisioning = tmp_path / "provisioning.json"
    write_provisioning(provisioning, server.root, server.base_url)
    for name, cli in laptops.items():
        role = "supervisor" if name == "sam" else "worker"
        cli.run("enrol", "--provisioning", str(provisioning), "--code", _code(server, name, role))
    for seed, name in enumerate(("ana", "ben"), start=1):
        laptops[name].run("demo-data", "--clients", "4", "--seed", str(seed), "--start", "2022-01-01", "--years", "4")
        laptops[name].run("sync")

    window, views = open_supervisor(qtbot, make_window, laptops["sam"].data_dir)
    importing = views.import_view
    window.shell.show_view(importing)
    qtbot.mouseClick(importing.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importing.status.text() == "Import finished.", timeout=WAIT_MS)
    assert ["Client", "8", "0"] in cells(importing.records)
    devices = {name: _device_id(laptops[name].data_dir, store_template) for name in ("ana", "ben")}
    shown = {row[1] for row in cells(importing.devices)}  # the session's server also lists earlier tests' devices
    assert {short_device(device) for device in devices.values()} <= shown

    # The same client edited on both laptops before either saw the other's edit.
    team = views.team
    window.shell.show_view(team)
    qtbot.waitUntil(lambda: team.caseload.rowCount() == 8, timeout=WAIT_MS)
    anas = [client for client in team.clients if client.device_id == devices["ana"]]
    _edit_gender(laptops["sam"].data_dir, store_template, anas[0].client_id, "non_conforming")
    _edit_gender(laptops["ana"].data_dir, store_template, anas[0].client_id, "transgender_masculine")
    laptops["ana"].run("sync")
    window.shell.show_view(importing)
    qtbot.mouseClick(importing.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importing.status.text() == "Import finished.", timeout=WAIT_MS)
    assert "1 new conflict" in importing.summary.text()

    conflicts = views.conflicts
    window.shell.show_view(conflicts)
    qtbot.waitUntil(lambda: conflicts.table.rowCount() == 1, timeout=WAIT_MS)
    anas_side = conflicts.kept if conflicts.kept.who.text().startswith("ana") else conflicts.lost
    qtbot.mouseClick(anas_side.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: conflicts.table.rowCount() == 0, timeout=WAIT_MS)

    window.shell.show_view(team)
    qtbot.waitUntil(lambda: team.caseload.rowCount() == 8, timeout=WAIT_MS)
    moved = anas[1].client_id
    team.caseload.selectRow(next(i for i, c in enumerate(team.clients) if c.client_id == moved))
    team.target.setCurrentIndex(team.target.findData(devices["ben"]))
    qtbot.mouseClick(team.reassign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team.message.text().startswith("Assigned"), timeout=WAIT_MS)

    reports = views.reports
    window.shell.show_view(reports)
    reports.apply_preset("last_calendar_year")
    reports.deidentified.setChecked(True)
    qtbot.waitUntil(lambda: reports.tabs.count() == 8, timeout=WAIT_MS)
    reports.choose_path = lambda fmt, suggested: tmp_path / suggested
    qtbot.mouseClick(reports.export_buttons["pdf"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reports.message.text().startswith("Written"), timeout=WAIT_MS)
    (pdf,) = tmp_path.glob("hbf-report-deidentified-*.pdf")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", content)) >= 9, "title + 8 reports"

    window.shell.show_view(importing)  # the supervisor's round sends the choice and the reassignment
    qtbot.mouseClick(importing.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importing.status.text() == "Import finished.", timeout=WAIT_MS)
    laptops["ben"].run("sync")
    laptops["ana"].run("sync")
    with Store.open_with_key(laptops["ben"].data_dir, bytearray(store_template.data_key)) as ben:
        assert ben.records.get(moved) is not None, "the reassigned client reached Ben's laptop"
    with Store.open_with_key(laptops["ana"].data_dir, bytearray(store_template.data_key)) as ana:
        settled = ana.records.get(anas[0].client_id)
        assert settled is not None and settled.values["gender"] == "transgender_masculine"
