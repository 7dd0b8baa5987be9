"""Screenshots of the supervisor views for docs/screenshots (run on purpose, under Xvfb; skipped otherwise):

    HBF_SCREENSHOTS=docs/screenshots QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python -m pytest tests/ui/supervisor/test_views_screenshots.py -q
    pngquant --quality 70-95 --ext .png --force docs/screenshots/supervisor-*.png
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.sync.server_org import ServerOrganisation
from tests.ui.conftest import WAIT_MS, WindowFactory
from tests.ui.supervisor.conftest import demo_data, open_supervisor

OUT = os.environ.get("HBF_SCREENSHOTS")


@pytest.mark.skipif(not OUT, reason="set HBF_SCREENSHOTS=DIR to write the supervisor views' screenshots")
def test_screenshots_of_the_supervisor_views(
    qtbot: QtBot, make_window: WindowFactory, served_org: ServerOrganisation
) -> None:
    out = Path(str(OUT))
    org = served_org
    sam, ana = org.stores["sam"], org.stores["ana"]
    demo_data(ana, 6, 1)
    demo_data(org.stores["ben"], 4, 2)
    org.round("ana")
    org.round("ben")
    window, views = open_supervisor(qtbot, make_window, sam.paths.data_dir)
    window.resize(1100, 700)

    def shoot(name: str) -> None:
        qtbot.wait(300)
        assert window.grab().save(str(out / f"supervisor-{name}.png"))

    def run_import() -> None:
        window.shell.show_view(views.import_view)
        qtbot.mouseClick(views.import_view.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: views.import_view.status.text() == "Import finished.", timeout=WAIT_MS)

    run_import()
    shoot("import")
    client_id = next(record.id for record in ana.records.of_entity("client"))
    sam.records.save("client", {"gender": "non_conforming"}, client_id)
    ana.records.save("client", {"gender": "transgender_masculine"}, client_id)
    org.round("ana")
    run_import()
    window.shell.show_view(views.conflicts)
    qtbot.waitUntil(lambda: views.conflicts.table.rowCount() == 1, timeout=WAIT_MS)
    shoot("conflicts")
    window.shell.show_view(views.team)
    qtbot.waitUntil(lambda: views.team.caseload.rowCount() == 10, timeout=WAIT_MS)
    views.team.devices.selectRow(0)
    shoot("team")
    window.shell.show_view(views.reports)
    views.reports.apply_preset("last_calendar_year")
    qtbot.mouseClick(views.reports.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: views.reports.tabs.count() == 8, timeout=WAIT_MS)
    shoot("reports")
    views.reports.tabs.setCurrentIndex(1)
    shoot("reports-interventions")
