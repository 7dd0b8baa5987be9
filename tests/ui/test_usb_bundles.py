"""Working by USB bundle from the window: bundle-only enrolment with the signed directory in the enrolment dialog,
and writing and taking in bundles from Settings, against real stores (the supervisor's is a second real store)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hbf_desktop.config import save_provisioning
from hbf_desktop.store.store import Store
from hbf_desktop.sync.bundle import export_bundle, import_bundle
from hbf_desktop.sync.identity import accept_directory, held_directory, pin_root
from hbf_desktop.sync.protocol import Directory, SigningPrivateKey, sign_directory
from hbf_desktop.ui.main_window import MainWindow
from tests.conftest import StoreTemplate
from tests.sync.org import Organisation
from tests.ui.conftest import WAIT_MS, WindowFactory, add_client, unlocked


@pytest.fixture
def org(store_template: StoreTemplate, tmp_path: Path) -> Organisation:
    organisation = Organisation(store_template, tmp_path / "org")
    organisation.add("sam", supervisor=True)
    yield organisation  # type: ignore[misc]
    organisation.close()


def _provisioned(data_dir: Path, org: Organisation) -> None:
    save_provisioning(data_dir, json.dumps(org.provisioning.to_json()).encode())


def _record_count(data_dir: Path, template: StoreTemplate) -> int:
    with Store.open_with_key(data_dir, bytearray(template.data_key)) as store:
        return int(store.connection.execute("SELECT count(*) FROM record").fetchone()[0])


def test_a_bundle_only_laptop_takes_the_signed_directory_and_refuses_a_forged_or_foreign_one(
    qtbot: QtBot,
    make_window: WindowFactory,
    seeded_dir: Path,
    store_template: StoreTemplate,
    org: Organisation,
    tmp_path: Path,
) -> None:
    _provisioned(seeded_dir, org)
    good, forged, foreign = tmp_path / "directory.json", tmp_path / "forged.json", tmp_path / "foreign.json"
    good.write_bytes(org.directory_bytes())
    forged.write_bytes(sign_directory(Directory(99, "hbf", "Test org", org.server_url, (), {}),
                                      SigningPrivateKey.generate()))  # fmt: skip
    foreign.write_bytes(sign_directory(Directory(99, "elsewhere", "Other org", org.server_url, (), {}), org.root))
    window = make_window(seeded_dir)
    unlocked(qtbot, window)
    bundles = window.settings_view.bundles
    qtbot.wait(200)  # the store has answered "no directory"
    assert not bundles.write_button.isEnabled() and not bundles.take_button.isEnabled()

    dialog = window.settings_view.open_enrolment()
    qtbot.waitUntil(lambda: dialog.root_key.text() == org.provisioning.root_key_id, timeout=WAIT_MS)
    assert dialog.directory_button.isVisible() and dialog.directory_button.accessibleName()
    dialog.take_directory(forged)
    qtbot.waitUntil(lambda: "Not enrolled: The directory was refused" in dialog.outcome.text(), timeout=WAIT_MS)
    assert "Nothing was changed" in dialog.outcome.text() and dialog.directory_button.isEnabled()
    dialog.take_directory(foreign)
    qtbot.waitUntil(lambda: "for organisation 'elsewhere'" in dialog.outcome.text(), timeout=WAIT_MS)
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store:
        assert held_directory(store) is None, "a refused directory is not kept"
    assert not bundles.write_button.isEnabled()

    dialog.take_directory(tmp_path / "missing.json")
    qtbot.waitUntil(lambda: "Cannot read" in dialog.outcome.text(), timeout=WAIT_MS)

    dialog.take_directory(good)
    qtbot.waitUntil(lambda: "works by USB bundle as a caseworker" in dialog.outcome.text(), timeout=WAIT_MS)
    assert f"root key {org.provisioning.root_key_id}" in dialog.outcome.text()
    assert window.settings_view.role.text() == "Works by USB bundle (no server) as a caseworker"
    assert bundles.write_button.isEnabled() and bundles.take_button.isEnabled()
    assert not window.sync.running, "no engine: there is no server to talk to"
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store:
        held = held_directory(store)
        assert held is not None and held.organisation_id == "hbf"


def test_bundles_are_written_and_taken_in_from_settings_and_a_damaged_one_changes_nothing(
    qtbot: QtBot,
    make_window: WindowFactory,
    seeded_dir: Path,
    store_template: StoreTemplate,
    org: Organisation,
    tmp_path: Path,
) -> None:
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store:
        pin_root(store, org.provisioning)
        accept_directory(store, org.directory_bytes())  # as `enrol --directory` left it
    window: MainWindow = make_window(seeded_dir)
    unlocked(qtbot, window)
    bundles = window.settings_view.bundles
    qtbot.waitUntil(bundles.write_button.isEnabled, timeout=WAIT_MS)
    assert window.settings_view.role.text() == "Works by USB bundle (no server)"

    window.shell.show_view(window.settings_view)
    window.settings_view.enrol_button.setFocus()
    qtbot.keyClick(window.settings_view.enrol_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is bundles.write_button, "the new buttons follow Enrol in the tab order"
    qtbot.keyClick(bundles.write_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is bundles.take_button
    assert bundles.write_button.accessibleName() == "Write bundle for USB"
    assert bundles.take_button.accessibleName() == "Take in a bundle"

    window.sync_status.set_waiting(999)  # the real count comes back once the bundle is written
    bundle = tmp_path / "usb" / "to-sam.hbfbundle"
    bundle.parent.mkdir()
    bundles.write_bundle(bundle)
    qtbot.waitUntil(lambda: bundles.result.text().startswith("Wrote "), timeout=WAIT_MS)
    assert bundles.result.text().endswith("Carry the file to your supervisor; it is encrypted.")
    assert f"to {bundle}." in bundles.result.text() and bundles.write_button.isEnabled()
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600 and b"Alia" not in bundle.read_bytes()
    qtbot.waitUntil(lambda: window.sync_status.waiting_count != 999, timeout=WAIT_MS)
    sam = org.stores["sam"]
    assert import_bundle(sam, bundle).applied >= 1 and sam.search("Alia"), "the supervisor can use it"

    before = _record_count(seeded_dir, store_template)
    damaged = tmp_path / "damaged.hbfbundle"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    bundles.take_in(damaged)
    qtbot.waitUntil(lambda: bundles.result.text().startswith("Bundle not taken in: "), timeout=WAIT_MS)
    assert "Nothing was applied." in bundles.result.text()
    bundles.take_in(tmp_path / "nowhere.hbfbundle")
    qtbot.waitUntil(lambda: "Cannot read" in bundles.result.text(), timeout=WAIT_MS)
    assert _record_count(seeded_dir, store_template) == before

    add_client(sam, "Zofia")
    from_sam = tmp_path / "from-sam.hbfbundle"
    export_bundle(sam, from_sam)
    bundles.take_in(from_sam)
    qtbot.waitUntil(lambda: bundles.result.text().startswith("Took in "), timeout=WAIT_MS)
    assert "conflicts to review" in bundles.result.text() and bundles.take_button.isEnabled()

    window.lock()
    assert not bundles.write_button.isEnabled() and bundles.result.text() == "", "nothing of it stays locked"
