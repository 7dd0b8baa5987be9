"""The update notice: checked in the background after unlock and from Settings, against a real TUF repository made by
the org tooling (the update tests' static server, reused), only when a release key is provisioned."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.admin.update_repository import publish_release
from hbf_desktop.config import save_provisioning
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, WindowFactory, unlocked
from tests.updates.test_update_check import _release, _Repository, key, server  # noqa: F401 - fixtures, reused


def _provision(data_dir: Path, server_url: str, release: SigningPrivateKey | None) -> None:
    root = SigningPrivateKey.generate().public_key()
    document = {"format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Test org",
                "server_url": server_url, "root_signing_key": root.to_text(), "root_key_id": root.key_id,
                "policy": {}}  # fmt: skip
    if release is not None:
        document["release_signing_key"] = release.public_key().to_text()
    save_provisioning(data_dir, json.dumps(document).encode())


def test_a_verified_update_is_announced_after_unlock_and_nothing_is_run(
    qtbot: QtBot,
    make_window: WindowFactory,
    seeded_dir: Path,
    tmp_path: Path,
    server: str,  # noqa: F811 - the imported fixture
    key: SigningPrivateKey,  # noqa: F811 - the imported fixture
) -> None:
    publish_release(_Repository.root, key, _release(tmp_path, key, "9.0.0"))
    _provision(seeded_dir, server, key)
    window = make_window(seeded_dir)
    unlocked(qtbot, window)
    qtbot.waitUntil(window.update_label.isVisible, timeout=WAIT_MS)
    notice = window.update_label.text()
    assert "An update to HBF Desktop 9.0.0 is ready (verified)" in notice
    downloaded = seeded_dir / "updates" / "downloads"
    assert str(downloaded) in notice, "it says where the installer is"
    assert sorted(path.name for path in downloaded.iterdir()) == ["hbf-desktop_9.0.0_amd64.deb", "release.json"]
    assert not os.access(downloaded / "hbf-desktop_9.0.0_amd64.deb", os.X_OK), "downloaded, never made runnable"

    window.shell.show_view(window.settings_view)
    qtbot.mouseClick(window.settings_view.update_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "9.0.0 is ready" in window.settings_view.update_result.text(), timeout=WAIT_MS)


def test_without_a_release_key_no_check_is_made_and_settings_says_so(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    _provision(seeded_dir, "http://127.0.0.1:9", None)
    window: MainWindow = make_window(seeded_dir)
    unlocked(qtbot, window)
    window.shell.show_view(window.settings_view)
    qtbot.mouseClick(window.settings_view.update_button, Qt.MouseButton.LeftButton)
    result = window.settings_view.update_result
    qtbot.waitUntil(lambda: "not set up" in result.text(), timeout=WAIT_MS)
    assert result.text() == "Updates are not set up on this laptop (no release key was provisioned)."
    assert not window.update_label.isVisible() and not (seeded_dir / "updates").exists()


def test_an_unreachable_update_server_is_said_plainly(
    qtbot: QtBot,
    make_window: WindowFactory,
    seeded_dir: Path,
    key: SigningPrivateKey,  # noqa: F811
) -> None:
    _provision(seeded_dir, "http://127.0.0.1:9", key)
    window = make_window(seeded_dir)
    unlocked(qtbot, window)
    qtbot.waitUntil(lambda: window.updates.last is not None, timeout=WAIT_MS)
    message, ready = window.updates.last  # type: ignore[misc]
    assert not ready and message.startswith("The update check did not complete; nothing was installed:")
    assert not window.update_label.isVisible()
