"""build.py refuses bad inputs in seconds, before minutes of freezing, and leaves no output behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hbf_desktop.admin import organisation
from hbf_desktop.admin.state import RELEASE_KEY_FILE
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from tests.admin.helpers import ORG_PASSPHRASE
from tests.installers.tools import INSTALLERS


def _build(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(INSTALLERS / "build.py"), "--out", str(tmp_path / "out"), *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def org(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    organisation.create_organisation(folder, ("hbf", "HBF", "https://s.example"), ORG_PASSPHRASE, FLOOR_PARAMETERS)
    return folder


def test_a_damaged_provisioning_file_is_refused(tmp_path: Path, org: Path) -> None:
    provisioning = tmp_path / "provisioning.json"
    altered = organisation.provisioning_file(org).replace(b'"root_key_id": "', b'"root_key_id": "0', 1)
    provisioning.write_bytes(altered)  # the root key id no longer matches the root key
    result = _build(tmp_path, "--provisioning", str(provisioning))
    assert result.returncode == 1 and "provisioning file cannot be used" in result.stderr
    assert not (tmp_path / "out").exists()


def test_signing_needs_a_pinned_release_key_and_its_passphrase(tmp_path: Path, org: Path) -> None:
    provisioning = tmp_path / "provisioning.json"
    provisioning.write_bytes(organisation.provisioning_file(org))
    unpinned = _build(tmp_path, "--provisioning", str(provisioning), "--sign-key", str(org / RELEASE_KEY_FILE))
    assert unpinned.returncode == 1 and "pins no release key" in unpinned.stderr
    organisation.create_release_key(org, ORG_PASSPHRASE, FLOOR_PARAMETERS)
    provisioning.write_bytes(organisation.provisioning_file(org))
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    result = _build(tmp_path, "--provisioning", str(provisioning), "--sign-key", str(org / RELEASE_KEY_FILE),
                    "--passphrase-file", str(wrong))  # fmt: skip
    assert result.returncode == 1 and "passphrase does not open" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
