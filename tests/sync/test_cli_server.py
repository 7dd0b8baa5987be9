"""Two workers and a supervisor set up only with the documented commands (`hbf-server enrol-code`, `hbf-desktop
device-keys`, `enrol`, `demo-data`, `sync`) exchange data through the real `hbf-server serve`, on SQLite and
PostgreSQL. The directory is made here from the supervisor's public-key file, as the organisation's tools do."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.sync.identity import device_keys, require_directory
from hbf_desktop.sync.protocol import (
    CipherSuite,
    Directory,
    DirectoryMember,
    RecipientPublicKey,
    SigningPublicKey,
    parse_batch,
    sign_directory,
)
from tests.cli.helpers import Cli
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


def _three_laptops(
    server: RunningServer, store_template: StoreTemplate, tmp_path: Path, suffix: str = ""
) -> dict[str, Cli]:
    """A supervisor (sam) and two caseworkers (ana, ben), set up and enrolled with the documented commands only;
    their user names end in `suffix` (the session's server holds the devices of earlier tests)."""
    laptops = {name: make_laptop(store_template, tmp_path, name + suffix) for name in ("sam", "ana", "ben")}
    laptops["sam"].run("device-keys", "--out", str(tmp_path / f"sam{suffix}.keys"))
    _publish_directory(server, tmp_path / f"sam{suffix}.keys")
    provisioning = tmp_path / "provisioning.json"
    write_provisioning(provisioning, server.root, server.base_url)
    for name, cli in laptops.items():
        role = "supervisor" if name == "sam" else "worker"
        user = name + suffix
        if name == "ben":  # the code from a file, as the README advises; the others on the command line
            code_file = tmp_path / f"{user}.code"
            code_file.write_text(_code(server, user, role) + "\n")
            code_option = ["--code-file", str(code_file)]
        else:
            code_option = ["--code", _code(server, user, role)]
        out = cli.run("enrol", "--provisioning", str(provisioning), *code_option).stdout
        assert f"Enrolled with {server.base_url} as {user} ({role})" in out
        assert ("this laptop is a supervisor" in out) == (name == "sam")
    return laptops


def test_three_laptops_set_up_with_the_commands_sync_through_the_server(
    server: RunningServer, store_template: StoreTemplate, tmp_path: Path
) -> None:
    laptops = _three_laptops(server, store_template, tmp_path)
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


def _open(cli: Cli, template: StoreTemplate) -> Store:
    return Store.open_with_key(cli.data_dir, bytearray(template.data_key))


def _notes(store: Store) -> list[dict[str, object]]:
    rows = store.connection.execute("SELECT body FROM record WHERE entity = 'task'").fetchall()
    return [json.loads(row[0]) for row in rows]


def test_a_supervisor_assigns_a_client_with_a_note_from_the_command_line(
    server: RunningServer, store_template: StoreTemplate, tmp_path: Path
) -> None:
    suffix = f"-{time.time_ns()}"
    laptops = _three_laptops(server, store_template, tmp_path, suffix)
    sam, ana, ben = laptops["sam"], laptops["ana"], laptops["ben"]
    ana.run("demo-data", "--clients", "2", "--seed", "3")
    ana.run("sync")
    ben.run("sync")
    sam.run("sync")
    with _open(ana, store_template) as store:
        row = store.connection.execute("SELECT client_id FROM record WHERE entity = 'case' LIMIT 1").fetchone()
        client_id = str(row[0])
    refusals = {
        "no such client": (sam, "assign", "nobody", "--worker", "ben" + suffix),
        "not a supervisor": (ana, "assign", client_id, "--worker", "ben" + suffix),
        "no such worker": (sam, "assign", client_id, "--worker", "zed"),
    }
    for why, (cli, *command) in refusals.items():
        failed = cli.run(*command, check=False)
        assert failed.returncode == 1 and failed.stderr.startswith("hbf-desktop: error: "), why
        assert len(failed.stderr.strip().splitlines()) == 1, why
    assert sam.run("assign", client_id, check=False).returncode == 2, "--worker is required"
    assert "Sealed 0 new batches" in sam.run("sync").stdout, "the refusals queued nothing"
    note = "Please ring her before Friday about the GP letter."
    out = sam.run("assign", client_id, "--worker", "ben" + suffix, "--note", note).stdout
    assert f"assigned to ben{suffix}'s laptop" in out and f"Note queued for ben{suffix}" in out
    out = sam.run("sync").stdout
    assert "Sealed 1 new batches; uploaded 1." in out
    assert "1 applied" in ben.run("sync").stdout
    assert "Downloaded 0 batches" in ana.run("sync").stdout, "nothing of it is addressed to Ana's laptop"
    with _open(sam, store_template) as supervisor, _open(ben, store_template) as worker:
        (task,) = [t for t in _notes(worker) if t.get("note") == note]
        assert task["assignee"] == "ben" + suffix and task["case_id"]
        held, expected = worker.records.get(client_id), supervisor.records.get(client_id)
        assert held is not None and expected is not None and held.values == expected.values
        last = sync_state.outgoing_batches(supervisor.connection, only_pending=False)[-1]
        supervisors = require_directory(supervisor).recipient_keys()
        keys = {device_keys(worker).recipient.key_id, *(key.key_id for key in supervisors)}
        assert set(parse_batch(last.data, max_size=1 << 26).metadata.recipient_key_ids) == keys, "sealed to Ben's key"
    with _open(ana, store_template) as other:
        assert not [t for t in _notes(other) if t.get("note") == note]
