"""USB bundles: two workers and a supervisor set up and exchanging data with the documented commands only, a
concurrent edit landing in the conflict log, re-imports doubling nothing, and a bundle altered in any byte refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hbf_desktop.store.store import Store
from hbf_desktop.sync.bundle import decode_bundle, export_bundle, import_bundle
from hbf_desktop.sync.errors import BundleError
from hbf_desktop.sync.protocol import (
    CipherSuite,
    Directory,
    DirectoryMember,
    RecipientPublicKey,
    SigningPrivateKey,
    SigningPublicKey,
    sign_directory,
)
from tests.cli.helpers import Cli
from tests.conftest import StoreTemplate
from tests.sync.org import Organisation, make_laptop, record_values


def _organisation_files(base: Path, supervisor_keys: Path) -> tuple[Path, Path]:
    """What the administrator's tools make: a provisioning file and a root-signed directory with the supervisor."""
    root = SigningPrivateKey.generate()
    keys = json.loads(supervisor_keys.read_text())
    member = DirectoryMember(
        keys["user"],
        SigningPublicKey.from_text(keys["signing_key"]),
        tuple(RecipientPublicKey.from_text(CipherSuite(k["suite"]), k["key"]) for k in keys["recipient_keys"]),
    )
    directory = Directory(1, "hbf", "Test org", "http://127.0.0.1:9", (member,), {})
    provisioning = {
        "format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Test org",
        "server_url": "http://127.0.0.1:9", "root_signing_key": root.public_key().to_text(),
        "root_key_id": root.public_key().key_id, "policy": {},
    }  # fmt: skip
    (base / "provisioning.json").write_text(json.dumps(provisioning))
    (base / "directory.json").write_bytes(sign_directory(directory, root))
    return base / "provisioning.json", base / "directory.json"


def _open(cli: Cli, template: StoreTemplate) -> Store:
    return Store.open_with_key(cli.data_dir, bytearray(template.data_key))


def test_two_workers_and_a_supervisor_exchange_by_bundle_with_a_conflict(
    store_template: StoreTemplate, tmp_path: Path
) -> None:
    supervisor, ana, ben = (make_laptop(store_template, tmp_path, name) for name in ("sam", "ana", "ben"))
    supervisor.run("device-keys", "--out", str(tmp_path / "sam.keys"))
    provisioning, directory = _organisation_files(tmp_path, tmp_path / "sam.keys")
    for cli in (supervisor, ana, ben):
        enrolled = cli.run("enrol", "--provisioning", str(provisioning), "--directory", str(directory)).stdout
        assert "Directory version 1" in enrolled
    assert "a supervisor" in supervisor.run("enrol", "--directory", str(directory)).stdout

    with _open(ana, store_template) as store:
        client_a = store.records.save("client", {"pseudonym_code": "HB-ANA1", "gender": "feminine"}).id
    with _open(ben, store_template) as store:
        client_b = store.records.save("client", {"pseudonym_code": "HB-BEN1", "gender": "masculine"}).id
    for name, cli in (("ana", ana), ("ben", ben)):
        # the store's escrow batch (its data key, sealed to the supervisors) and its changes
        assert "Wrote 2 sealed batches" in cli.run("sync", "--export-bundle", str(tmp_path / f"{name}.bundle")).stdout
        assert (tmp_path / f"{name}.bundle").stat().st_mode & 0o777 == 0o600
        out = supervisor.run("sync", "--import-bundle", str(tmp_path / f"{name}.bundle")).stdout
        assert "Imported 2 batches" in out and "1 new records" in out

    with _open(supervisor, store_template) as store:  # a supervisor edits while Ana edits the same field
        store.records.save("client", {"gender": "non_conforming"}, client_a)
    with _open(ana, store_template) as store:
        store.records.save("client", {"gender": "masculine"}, client_a)
    ana.run("sync", "--export-bundle", str(tmp_path / "ana.bundle"))
    out = supervisor.run("sync", "--import-bundle", str(tmp_path / "ana.bundle")).stdout
    assert "2 already held" in out and "1 conflicts to review" in out
    again = supervisor.run("sync", "--import-bundle", str(tmp_path / "ana.bundle")).stdout
    assert "Imported 0 batches (3 already held" in again and "0 conflicts" in again

    with _open(supervisor, store_template) as store:
        (conflict,) = store.connection.execute("SELECT field, kept_value, lost_value FROM conflict").fetchall()
        assert conflict[0] == "gender"
        assert {json.loads(conflict[1]), json.loads(conflict[2])} == {"non_conforming", "masculine"}
        assert store.records.get(client_b) is not None and store.verify() == []
        assert store.connection.execute("SELECT count(*) FROM record").fetchone()[0] == 2, "nothing doubled"
    supervisor.run("verify")

    # Ana forgot her passphrase and lost her recovery key: her supervisor opens her store with the escrowed key.
    (tmp_path / "new-passphrase").write_text("a brand new passphrase for ana\n")
    out = supervisor.run("escrow-recover", "--laptop-data-dir", str(ana.data_dir),
                         "--new-passphrase-file", str(tmp_path / "new-passphrase")).stdout  # fmt: skip
    assert "now opens with the new passphrase" in out
    ana.passphrase_file.write_text("a brand new passphrase for ana\n")
    assert "HB-ANA1" in ana.run("search", "HB-ANA1").stdout
    refused = ben.run("escrow-recover", "--laptop-data-dir", str(ana.data_dir),
                      "--new-passphrase-file", str(tmp_path / "new-passphrase"), check=False)  # fmt: skip
    assert refused.returncode == 1 and "No key escrowed" in refused.stderr


def test_a_bundle_altered_in_any_byte_is_refused_and_changes_nothing(org: Organisation, tmp_path: Path) -> None:
    worker, supervisor = org.stores["wren"], org.stores["sam"]
    worker.records.save("client", {"pseudonym_code": "HB-7K3Q", "gender": "feminine"})
    bundle = tmp_path / "wren.bundle"
    export_bundle(worker, bundle)
    data = bundle.read_bytes()
    decode_bundle(data)
    refused = 0
    for position in range(len(data)):
        altered = bytearray(data)
        altered[position] ^= 0x01
        with pytest.raises(BundleError):
            decode_bundle(bytes(altered))
        refused += 1
    for cut in (1, 64, 65, len(data) // 2, len(data) - 1):
        with pytest.raises(BundleError):
            decode_bundle(data[:cut])
    assert refused == len(data)
    altered = bytearray(data)
    altered[len(data) // 2] ^= 0xFF
    (tmp_path / "altered.bundle").write_bytes(bytes(altered))
    before = record_values(supervisor)
    with pytest.raises(BundleError, match="nothing was applied|Nothing was applied"):
        import_bundle(supervisor, tmp_path / "altered.bundle")
    assert record_values(supervisor) == before
    assert supervisor.connection.execute("SELECT count(*) FROM sync_in").fetchone()[0] == 0


def test_a_bundle_of_another_device_is_refused_whole(org: Organisation, tmp_path: Path) -> None:
    worker, other = org.stores["wren"], org.add("ash")
    worker.records.save("client", {"pseudonym_code": "HB-7K3Q", "gender": "feminine"})
    other.records.save("client", {"pseudonym_code": "HB-ASH1", "gender": "feminine"})
    export_bundle(worker, tmp_path / "wren.bundle")
    export_bundle(other, tmp_path / "ash.bundle")
    assert decode_bundle((tmp_path / "wren.bundle").read_bytes()).sender.device_id == worker.author.device_id
    assert import_bundle(org.stores["sam"], tmp_path / "ash.bundle").applied == 2  # escrow and changes
    shutil.copy(tmp_path / "ash.bundle", tmp_path / "copy.bundle")
    assert import_bundle(org.stores["sam"], tmp_path / "copy.bundle").duplicates == 2
    with pytest.raises(BundleError, match="not an HBF sync bundle"):
        (tmp_path / "junk").write_bytes(b"PK\x03\x04" + bytes(100))
        import_bundle(org.stores["sam"], tmp_path / "junk")
