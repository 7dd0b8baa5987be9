"""Two workers and a supervisor set up only with the documented commands (`hbf-server enrol-code`, `hbf-desktop
device-keys`, `enrol`, `demo-data`, `sync`) exchange data through the real `hbf-server serve`, on SQLite and
PostgreSQL. The directory is made here from the supervisor's public-key file, as the organisation's tools do."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from hbf_desktop.store.store import Store
from hbf_desktop.sync.protocol import (
    CipherSuite,
    Directory,
    DirectoryMember,
    RecipientPublicKey,
    SigningPublicKey,
    sign_directory,
)
from tests.conftest import StoreTemplate
from tests.server.harness import RunningServer, run_cli, write_provisioning
from tests.sync.org import make_laptop, record_values


def _publish_directory(server: RunningServer, keys_file: Path) -> None:
    keys = json.loads(keys_file.read_text())
    member = DirectoryMember(
        keys["user"],
        SigningPublicKey.from_text(keys["signing_key"]),
        tuple(RecipientPublicKey.from_text(CipherSuite(k["suite"]), k["key"]) for k in keys["recipient_keys"]),
    )
    version = time.time_ns() // 1000  # the session's server holds the directories of earlier tests
    directory = Directory(version, "hbf", "Test organisation", server.base_url, (member,), {})
    request = urllib.request.Request(
        server.base_url + "/v1/directory", data=sign_directory(directory, server.root), method="PUT"
    )
    request.add_header("Content-Type", "application/json")
    urllib.request.urlopen(request, timeout=20).close()


def _code(server: RunningServer, user: str, role: str) -> str:
    result = run_cli("enrol-code", "--user", user, "--role", role, *server.where)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().rsplit(" ", 1)[1]


def test_three_laptops_set_up_with_the_commands_sync_through_the_server(
    server: RunningServer, store_template: StoreTemplate, tmp_path: Path
) -> None:
    laptops = {name: make_laptop(store_template, tmp_path, name) for name in ("sam", "ana", "ben")}
    laptops["sam"].run("device-keys", "--out", str(tmp_path / "sam.keys"))
    _publish_directory(server, tmp_path / "sam.keys")
    provisioning = tmp_path / "provisioning.json"
    write_provisioning(provisioning, server.root, server.base_url)
    for name, cli in laptops.items():
        role = "supervisor" if name == "sam" else "worker"
        out = cli.run("enrol", "--provisioning", str(provisioning), "--code", _code(server, name, role)).stdout
        assert f"Enrolled with {server.base_url} as {name} ({role})" in out
        assert ("this laptop is a supervisor" in out) == (name == "sam")
    for seed, name in enumerate(("ana", "ben"), start=1):
        laptops[name].run("demo-data", "--clients", "3", "--seed", str(seed))
        assert "Sealed 1 new batches; uploaded 2." in laptops[name].run("sync").stdout  # and the key escrow
    out = laptops["sam"].run("sync").stdout
    assert "Downloaded 4 batches: 4 applied" in out and "0 refused" in out
    assert "Changes waiting to be sent: 0." in laptops["ana"].run("sync").stdout
    stores = {
        name: Store.open_with_key(cli.data_dir, bytearray(store_template.data_key)) for name, cli in laptops.items()
    }
    try:
        workers = {**record_values(stores["ana"]), **record_values(stores["ben"])}
        assert record_values(stores["sam"]) == workers and len(workers) > 6
    finally:
        for store in stores.values():
            store.close()
    failed = laptops["ana"].run("sync", "--import-bundle", str(tmp_path / "missing.bundle"), check=False)
    assert failed.returncode == 1 and failed.stderr.startswith("hbf-desktop: error: Cannot read")
