"""The provisioning file: strict parsing, kept in the data directory, policy taken from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hbf_desktop.config import (
    ProvisioningError,
    load_policy,
    load_provisioning,
    parse_provisioning,
    save_provisioning,
)
from hbf_desktop.sync.protocol.keys import SigningPrivateKey


def _document() -> dict[str, object]:
    root = SigningPrivateKey.generate().public_key()
    return {
        "format": "hbf-provisioning-v1",
        "organisation_id": "hbf",
        "organisation_name": "Test Organisation",
        "server_url": "http://127.0.0.1:8443",
        "root_signing_key": root.to_text(),
        "root_key_id": root.key_id,
        "policy": {"auto_lock_minutes": 3},
    }


def test_a_valid_file_is_kept_and_its_policy_applies(tmp_path: Path) -> None:
    document = _document()
    saved = save_provisioning(tmp_path, json.dumps(document).encode())
    assert saved.root_key_id == document["root_key_id"]
    assert load_provisioning(tmp_path) == saved
    assert load_policy(tmp_path).auto_lock_minutes == 3


def test_no_file_means_no_provisioning(tmp_path: Path) -> None:
    assert load_provisioning(tmp_path) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other"}, "not a provisioning file"),
        ({"root_key_id": "00" * 16}, "does not match"),
        ({"root_signing_key": "not-a-key"}, "not valid"),
        ({"surprise": 1}, "unknown"),
        ({"policy": [1]}, "JSON object"),
        ({"server_url": ""}, "non-empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(change: dict[str, object], message: str, tmp_path: Path) -> None:
    document = {**_document(), **change}
    with pytest.raises(ProvisioningError, match=message):
        save_provisioning(tmp_path, json.dumps(document).encode())
    assert not (tmp_path / "provisioning.json").exists()


def test_garbage_and_huge_files_are_refused() -> None:
    with pytest.raises(ProvisioningError, match="JSON"):
        parse_provisioning(b"\xff\xfe not json")
    with pytest.raises(ProvisioningError, match="too large"):
        parse_provisioning(b" " * 70_000)
