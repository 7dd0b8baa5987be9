"""Organisation administration against real key files: root key, supervisors, directory versions, provisioning."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from hbf_desktop.admin import organisation as org
from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.admin.signing_key_file import read_signing_key
from hbf_desktop.admin.state import ROOT_KEY_FILE, STATE_FILE, load_state
from hbf_desktop.config import parse_provisioning
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.sync.protocol import DirectoryRollbackError, SigningPublicKey, verify_directory
from tests.admin.helpers import ORG_PASSPHRASE, public_keys_file

IDENTITY = ("hbf", "Helen Bamber Foundation", "https://sync.example.org")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "org"
    org.create_organisation(target, IDENTITY, ORG_PASSPHRASE, FLOOR_PARAMETERS)
    return target


def test_root_key_file_is_private_and_opens_only_with_the_passphrase(folder: Path) -> None:
    state = load_state(folder)
    key_path = folder / ROOT_KEY_FILE
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    assert state.root_signing_key not in key_path.read_text()  # the private key is wrapped, never written as is
    key = read_signing_key(key_path, ORG_PASSPHRASE, state.root_key_id)
    assert key.public_key().key_id == state.root_key_id
    with pytest.raises(OrganisationError, match="passphrase does not open"):
        read_signing_key(key_path, ORG_PASSPHRASE + "x", state.root_key_id)


def test_tampered_root_key_file_is_refused(folder: Path) -> None:
    key_path = folder / ROOT_KEY_FILE
    content = json.loads(key_path.read_text())
    wrapped = content["passphrase_slot"]["wrapped"]
    content["passphrase_slot"]["wrapped"] = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]
    key_path.write_text(json.dumps(content))
    with pytest.raises(OrganisationError, match="damaged or altered"):
        read_signing_key(key_path, ORG_PASSPHRASE, None)


def test_a_key_file_from_another_organisation_is_refused(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    org.create_organisation(other, ("other", "Other", "https://other.example.org"), ORG_PASSPHRASE, FLOOR_PARAMETERS)
    (folder / ROOT_KEY_FILE).write_bytes((other / ROOT_KEY_FILE).read_bytes())
    with pytest.raises(OrganisationError, match="not the one this organisation folder names"):
        org.sign_next_directory(folder, ORG_PASSPHRASE)
    assert load_state(folder).directory_version == 0


def test_init_refuses_an_existing_folder_and_bad_identity(folder: Path, tmp_path: Path) -> None:
    before = (folder / ROOT_KEY_FILE).read_bytes()
    with pytest.raises(OrganisationError, match="already holds"):
        org.create_organisation(folder, IDENTITY, ORG_PASSPHRASE, FLOOR_PARAMETERS)
    assert (folder / ROOT_KEY_FILE).read_bytes() == before
    with pytest.raises(OrganisationError, match="https"):
        org.create_organisation(tmp_path / "b", ("hbf", "HBF", "http://sync.example.org"), ORG_PASSPHRASE)
    with pytest.raises(OrganisationError, match="organisation id"):
        org.create_organisation(tmp_path / "c", ("h b f", "HBF", "https://a.example"), ORG_PASSPHRASE)
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_signed_directories_verify_and_versions_only_go_up(folder: Path) -> None:
    org.add_supervisor(folder, public_keys_file("amira"))
    org.add_supervisor(folder, public_keys_file("ben"))
    root = SigningPublicKey.from_text(load_state(folder).root_signing_key)
    first, first_bytes = org.sign_next_directory(folder, ORG_PASSPHRASE)
    org.remove_supervisor(folder, "ben")
    second, second_bytes = org.sign_next_directory(folder, ORG_PASSPHRASE)
    assert (first.version, second.version) == (1, 2)
    held = verify_directory(first_bytes, root, held=None)
    assert [member.user for member in held.supervisors] == ["amira", "ben"]
    newer = verify_directory(second_bytes, root, held=held)
    assert [member.user for member in newer.supervisors] == ["amira"]
    assert newer.server_url == "https://sync.example.org" and newer.organisation_id == "hbf"
    with pytest.raises(DirectoryRollbackError):
        verify_directory(first_bytes, root, held=newer)


def test_policy_reaches_directory_and_provisioning(folder: Path) -> None:
    org.set_policy(folder, {"auto_lock_minutes": 3, "erase_after_failed_unlocks": None})
    directory, _ = org.sign_next_directory(folder, ORG_PASSPHRASE)
    assert directory.policy == {"auto_lock_minutes": 3, "erase_after_failed_unlocks": None}
    provisioning = parse_provisioning(org.provisioning_file(folder))
    assert provisioning.policy == {"auto_lock_minutes": 3, "erase_after_failed_unlocks": None}


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"auto_lock_minute": 3}, "Unknown policy settings"),
        ({"auto_lock_minutes": "3"}, "whole number"),
        ({"auto_lock_minutes": None}, "whole number from 0, not null"),
        ({"retention_years": -1}, "whole number"),
        ({"rounding_base": True}, "whole number"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_policy_is_refused_and_changes_nothing(folder: Path, policy: object, message: str) -> None:
    before = (folder / STATE_FILE).read_bytes()
    with pytest.raises(OrganisationError, match=message):
        org.set_policy(folder, policy)
    assert (folder / STATE_FILE).read_bytes() == before


def test_provisioning_file_is_accepted_by_the_laptops_parser(folder: Path) -> None:
    state = load_state(folder)
    data = org.provisioning_file(folder)
    provisioning = parse_provisioning(data)
    assert provisioning.root_key_id == state.root_key_id
    assert provisioning.server_url == "https://sync.example.org"
    assert provisioning.release_signing_key is None
    assert json.loads(data)["format"] == "hbf-provisioning-v1"
    key_id = org.create_release_key(folder, ORG_PASSPHRASE, FLOOR_PARAMETERS)
    with_release = parse_provisioning(org.provisioning_file(folder))
    assert with_release.release_signing_key is not None
    assert SigningPublicKey.from_text(with_release.release_signing_key).key_id == key_id
    with pytest.raises(OrganisationError, match="release key already"):
        org.create_release_key(folder, ORG_PASSPHRASE, FLOOR_PARAMETERS)


def test_supervisor_changes_are_checked(folder: Path) -> None:
    org.add_supervisor(folder, public_keys_file("amira"))
    with pytest.raises(OrganisationError, match="supervisor already"):
        org.add_supervisor(folder, public_keys_file("amira"))
    with pytest.raises(OrganisationError, match="not a supervisor"):
        org.remove_supervisor(folder, "nobody")
    altered = json.loads(public_keys_file("carla"))
    altered["signing_key_id"] = "0" * 32
    with pytest.raises(OrganisationError, match="keys are not valid"):
        org.add_supervisor(folder, json.dumps(altered).encode())
    with pytest.raises(OrganisationError, match="not a public-key file"):
        org.add_supervisor(folder, b'{"format": "hbf-provisioning-v1"}')
    with pytest.raises(OrganisationError, match="not valid UTF-8 JSON"):
        org.add_supervisor(folder, b"\xff garbage")
    assert [member.user for member in load_state(folder).supervisors] == ["amira"]


def test_damaged_state_file_is_reported(folder: Path) -> None:
    (folder / STATE_FILE).write_text('{"format": "hbf-organisation-v1", "supervisors": 3}')
    with pytest.raises(OrganisationError, match="damaged"):
        load_state(folder)
    with pytest.raises(OrganisationError, match="not an organisation folder"):
        load_state(folder / "missing")
