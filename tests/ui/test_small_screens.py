"""Small screens: every main view and dialog fits 900 x 500 logical pixels (a 1366 x 768 laptop at 150 % is about
910 x 512), long forms scroll instead of raising the window's minimum, and the window opens inside the screen.

The sizes checked are Qt's own minimums (`minimumSizeHint` / `minimumSize`), which do not depend on the test
machine's screen; one check runs the real app in a child process on an offscreen 1366 x 768 screen at
QT_SCALE_FACTOR=1.5, where the available geometry really is that small.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hbf_desktop.ui.attachments_section import AttachmentViewer
from hbf_desktop.ui.long_work import LongWorkDialog
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.recovery_dialog import RecoveryDialog
from hbf_desktop.ui.setup_wizard import SetupWizard
from hbf_desktop.ui.small_screens import SMALLEST_SCREEN
from hbf_desktop.ui.supervisor import SupervisorViews
from tests.ui.conftest import WAIT_MS, unlocked

WIDTH, HEIGHT = SMALLEST_SCREEN


def _needs(widget: QWidget) -> tuple[int, int]:
    """The least size a layout will give `widget` (its minimum size where set, else its minimum size hint)."""
    hint, minimum = widget.minimumSizeHint(), widget.minimumSize()
    return max(hint.width(), minimum.width()), max(hint.height(), minimum.height())


def _fits(widget: QWidget) -> bool:
    width, height = _needs(widget)
    return width <= WIDTH and height <= HEIGHT


def test_every_main_view_and_dialog_fits_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    assert _fits(window), f"locked window needs {_needs(window)}"
    unlocked(qtbot, window)
    too_big: dict[str, tuple[int, int]] = {}

    def check(name: str, widget: QWidget) -> None:
        if not _fits(widget):
            too_big[name] = _needs(widget)

    for name in ("today_view", "caseload_view", "settings_view"):
        window.shell.show_view(getattr(window, name))
        check(name, getattr(window, name))
        check(f"window on {name}", window)
    window.caseload_view.table.selectRow(0)
    window.open_client(window.caseload_view.selected().client_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(window.client_view.header.name.text()), timeout=WAIT_MS)
    for index in range(window.client_view.tabs.count()):
        window.client_view.tabs.setCurrentIndex(index)
        check(f"client tab {window.client_view.tabs.tabText(index)}", window.client_view)
    check("window on a client", window)
    for entity, section in window.client_view.sections.items():
        if entity == "attachment":
            continue  # adding one starts with a file chooser; the viewer is checked below
        dialog = section.open_dialog(None)
        check(f"{entity} dialog", dialog)
        dialog.reject()

    for name, open_dialog in (("new client", window.new_client), ("welfare call", lambda: window.log("call")),
                              ("intervention", lambda: window.log("intervention")),
                              ("enrolment", window.settings_view.open_enrolment)):  # fmt: skip
        dialog = open_dialog()
        assert dialog is not None
        check(name, dialog)
        dialog.reject()
    session = window.session
    for name, made in (("long work", LongWorkDialog("Exporting", window)),
                       ("recovery", RecoveryDialog(session, lambda: None, window)),
                       ("set-up wizard", SetupWizard(session, window)),
                       ("attachment viewer", AttachmentViewer(b"plain text", "text/plain", window))):  # fmt: skip
        check(name, made)
        made.deleteLater()
    views = SupervisorViews(window)  # what a supervisor's unlock adds to the navigation
    for name, view in (("import", views.import_view), ("conflicts", views.conflicts), ("team", views.team),
                       ("reports", views.reports)):  # fmt: skip
        window.shell.show_view(view)
        check(f"supervisor {name}", view)
        check(f"window on supervisor {name}", window)
    assert not too_big, f"larger than {WIDTH} x {HEIGHT}: {too_big}"


_SMALL_LAPTOP = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from hbf_desktop.config import Policy
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.attachments_section import AttachmentViewer
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.session import StoreSession

app = QApplication([])
background = Background()
window = MainWindow(StoreSession(Path(sys.argv[1]), Policy(), background, kdf=FLOOR_PARAMETERS))
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
frame = window.frameGeometry()
hint = window.minimumSizeHint()
viewer = AttachmentViewer(b"x", "text/plain", window)  # a dialog that would like 640 x 480
print(screen.width(), screen.height(), frame.width(), frame.height(), hint.width(), hint.height(),
      int(screen.contains(frame)), viewer.width(), viewer.height())
window.grab().save(sys.argv[2]) if len(sys.argv) > 2 else None
background.shutdown()
"""


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1.5"), (1920, 1080, "2")])
def test_the_window_opens_inside_a_small_laptop_screen_at_150_and_200_percent(
    seeded_dir: Path, tmp_path: Path, width: int, height: int, scale: str
) -> None:
    """1366 x 768 at 150 % (910 x 512) and 1920 x 1080 at 200 % (960 x 540): the smallest screens of the brief."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    result = subprocess.run([sys.executable, "-c", _SMALL_LAPTOP, str(seeded_dir)], env=environment,
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    screen_w, screen_h, frame_w, frame_h, hint_w, hint_h, inside, dialog_w, dialog_h = map(int, result.stdout.split())
    assert screen_h < 550, "the child ran on the small screen"
    assert inside == 1, f"window {frame_w} x {frame_h} does not fit the screen {screen_w} x {screen_h}"
    assert hint_w <= screen_w and hint_h <= screen_h
    assert dialog_w <= screen_w and dialog_h <= screen_h
