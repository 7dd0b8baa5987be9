"""The end-to-end canary proof of SYNC-AND-KEYS.md: no survivor data in clear anywhere but where a person asked for it.

An organisation is set up only with the documented commands (`hbf-server serve`/`init`/`enrol-code`, `hbf-desktop
org init`/`add-supervisor`/`sign-directory`/`publish`/`provisioning`, `init`, `device-keys`, `enrol`), and two
workers and a supervisor import clients whose every identity and narrative text field holds a canary string, sync
them through the real server, report, export, back up and erase. Then every byte under the test's folder is scanned
(server data dir, its log, the organisation folder, every store's folder, the processes' `$TMPDIR`, reports, exports,
backups, bundles), except the input files and the subject access export, which hold the canaries by design (and are
checked to hold them, so a canary that never arrived cannot pass for one that was protected). Pages are not
decrypted: the scan is for clear text. For the erased client, the decrypted store is also searched, table by table.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.domain.ids import new_id
from hbf_desktop.domain.model import FieldKind
from hbf_desktop.store.store import Store
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.synthetic.generator import generate
from tests.cli.helpers import Cli
from tests.conftest import PASSPHRASE
from tests.server.harness import RunningServer, run_cli

ORG_PASSPHRASE = "a long organisation passphrase"


def _laptop(base: Path, name: str, temp_dir: Path) -> Cli:
    """One caseworker's laptop as the command line sees it: a store folder, a passphrase file, the shared $TMPDIR."""
    return Cli(base / name / "data", base / "secrets" / "passphrase", temp_dir)


def _org(laptop: Cli, command: str, *arguments: str) -> None:
    """An `hbf-desktop org` command run by the administrator (here on the supervisor's laptop)."""
    laptop.run("org", command, "--passphrase-file", str(laptop.passphrase_file), *arguments)


def _canary_value(kind: FieldKind, canary: str, phone: str) -> object:
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        return canary
    if kind == FieldKind.TEXT_LIST:
        return [canary, f"{canary}-second"]
    if kind == FieldKind.EMAIL_LIST:
        return [f"{canary.lower()}@example.org"]
    if kind == FieldKind.PHONE_LIST:
        return [phone]
    return None  # dates, references, flags: not free text, nothing to find by a scan


def canary_file(path: Path, owner: str, seed: int) -> tuple[list[str], dict[str, list[str]]]:
    """Write a JSON Lines file of two synthetic clients whose identity and narrative text fields hold canaries.

    Returns the client ids and, for each client, every canary string of its records (each unique to its owner,
    record and field; phones, which can hold only digits, are unique digit strings).
    """
    records = list(generate(2, seed, date(2025, 1, 1), 1))
    cases = [record for record in records if record["type"] == "case"]
    for case in cases:
        records.append({"type": "safety_plan", "id": new_id(), "case_id": case["id"], "effective_from": "2025-06-01"})
        records.append({"type": "support_plan", "id": new_id(), "case_id": case["id"]})
    client_of_case = {str(case["id"]): str(case["client_id"]) for case in cases}
    by_client: dict[str, list[str]] = {}
    for record in records:
        spec = ENTITIES[str(record["type"])]
        client = record.get("client_id") or client_of_case.get(str(record.get("case_id")), str(record["id"]))
        owned = by_client.setdefault(str(client), [])
        for spec_field in spec.fields:
            if not (spec_field.is_identifier or spec_field.is_narrative):
                continue
            canary = f"CANARY{owner.upper()}{secrets.token_hex(6).upper()}"
            phone = f"+4479{secrets.randbelow(10**8):08d}"
            value = _canary_value(spec_field.kind, canary, phone)
            if value is not None:
                record[spec_field.name] = value
                owned.append(phone if spec_field.kind == FieldKind.PHONE_LIST else canary)
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    clients = [str(r["id"]) for r in records if r["type"] == "client"]
    return clients, {client: by_client.get(client, []) for client in clients}


def _forms(canary: str) -> list[bytes]:
    return [canary.encode(), canary.encode("utf-16-le"), canary.lower().encode(), canary.upper().encode()]


def _files(root: Path, excluded: list[Path]) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(path.is_relative_to(folder) for folder in excluded):
            yield path, path.read_bytes()


def _found(canaries: list[str], files: list[tuple[Path, bytes]]) -> list[str]:
    return [f"{c} in {path}" for c in canaries for path, data in files if any(form in data for form in _forms(c))]


def _decrypted_tables(store: Store) -> dict[str, str]:
    """Every value of every table of the open store, as upper-case text by table: all the store could give back.

    Upper case because e-mail addresses are kept in lower case.
    """
    connection = store.connection
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = {}
    for table in tables:
        values = []
        for row in connection.execute(f'SELECT * FROM "{table}"'):  # names from sqlite_master, not from input
            values.extend(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in row)
        found[table] = "\n".join(values).upper()
    return found


def _code(server: RunningServer, user: str, role: str) -> str:
    result = run_cli("enrol-code", "--user", user, "--role", role, *server.where)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().rsplit(" ", 1)[1]


def _set_up_organisation(tmp_path: Path, laptops: dict[str, Cli], server: RunningServer) -> Path:
    """Org folder, supervisor in the directory, provisioning file, server initialised, every laptop enrolled."""
    sam = laptops["sam"]
    org = tmp_path / "org"
    _org(sam, "init", "--id", "hbf", "--name", "Test organisation", "--server", server.base_url, "--out", str(org))
    for name, laptop in laptops.items():
        out = laptop.run("init", "--user", name).stdout
        assert "recovery" in out.lower()
    sam.run("device-keys", "--out", str(tmp_path / "sam.keys"))
    _org(sam, "add-supervisor", "--org", str(org), "--public-keys", str(tmp_path / "sam.keys"))
    _org(sam, "sign-directory", "--org", str(org), "--out", str(tmp_path / "directory.json"))
    provisioning = tmp_path / "provisioning.json"
    _org(sam, "provisioning", "--org", str(org), "--out", str(provisioning))
    initialised = run_cli("init", "--provisioning", str(provisioning), *server.where)
    assert initialised.returncode == 0, initialised.stderr
    sam.run("org", "publish", "--server", server.base_url, str(tmp_path / "directory.json"))
    for name, laptop in laptops.items():
        role = "supervisor" if name == "sam" else "worker"
        out = laptop.run("enrol", "--provisioning", str(provisioning), "--code", _code(server, name, role)).stdout
        assert f"as {name} ({role})" in out
    return provisioning


def _write_every_output(tmp_path: Path, laptops: dict[str, Cli]) -> None:
    """De-identified reports in every format, exports without identity, backups and a USB bundle."""
    sam = laptops["sam"]
    reports = tmp_path / "reports"
    reports.mkdir()
    for fmt in ("json", "csv", "xlsx", "pdf"):
        sam.run("report", "--from", "2025-01-01", "--to", "2026-01-01", "--deidentified", "--format", fmt,
                "--out", str(reports / f"report.{fmt}"))  # fmt: skip
    sam.run("deidentified-cases", "--from", "2025-01-01", "--to", "2026-01-01", "--out", str(reports / "cases"))
    sam.run("export", "--format", "jsonl", "--out", str(reports / "export.jsonl"))
    sam.run("export", "--format", "csv", "--out", str(reports / "export-csv"))
    for name, laptop in laptops.items():
        laptop.run("backup", "--out", str(tmp_path / f"{name}.backup"))
    laptops["ben"].run("sync", "--export-bundle", str(tmp_path / "ben.bundle"))
    assert (reports / "export.jsonl").stat().st_size > 1000


def test_canaries_never_reach_disk_in_clear(tmp_path: Path) -> None:
    temp_dir, inputs, access = tmp_path / "tmp", tmp_path / "inputs", tmp_path / "subject-access"
    for folder in (temp_dir, inputs, access, tmp_path / "secrets"):
        folder.mkdir()
    (tmp_path / "secrets" / "passphrase").write_text(PASSPHRASE + "\n")
    server_data = tmp_path / "server" / "data"
    server = RunningServer(
        server_data, f"sqlite:///{server_data / 'hbf-server.sqlite3'}", SigningPrivateKey.generate(),
        tmp_path / "server.log",
    )  # fmt: skip
    server.start({"TMPDIR": str(temp_dir)})
    try:
        laptops = {name: _laptop(tmp_path, name, temp_dir) for name in ("sam", "ana", "ben")}
        _set_up_organisation(tmp_path, laptops, server)
        clients: dict[str, list[str]] = {}
        canaries: dict[str, dict[str, list[str]]] = {}
        for seed, name in enumerate(laptops, start=1):
            clients[name], canaries[name] = canary_file(inputs / f"{name}.jsonl", name, seed)
            laptops[name].run("import", str(inputs / f"{name}.jsonl"))
        everyone = [canary for owned in canaries.values() for one in owned.values() for canary in one]
        assert len(everyone) > 60

        for name in ("ana", "ben", "sam"):
            laptops[name].run("sync")
        sam = laptops["sam"]
        erased_client, kept_client = clients["ana"]
        found = sam.run("search", canaries["ana"][kept_client][0]).stdout  # the supervisor can read what came up
        assert found.strip() and "no client" not in found.lower(), found
        sam.run("subject-access", erased_client, "--out", str(access))
        held = _found(canaries["ana"][erased_client], list(_files(access, [])))
        assert held, "the subject access export holds no canary: the canaries never arrived"

        _write_every_output(tmp_path, laptops)
        sam.run("erase-client", erased_client, "--yes")
        for name in ("sam", "ana", "ben"):
            laptops[name].run("sync")
    finally:
        server.stop()

    assert server.log_path.read_bytes().count(b"/v1/batches") > 5  # the log was written
    held = sum(path.stat().st_size for path in server_data.iterdir())  # the database and its WAL
    assert held > 50_000, "the sealed batches are not in the server's data dir"
    scanned = list(_files(tmp_path, [inputs, access, tmp_path / "secrets"]))
    assert len(scanned) > 20
    assert _found(everyone, scanned) == []
    _assert_erased_everywhere(laptops, canaries["ana"][erased_client], canaries["ana"][kept_client])


def _assert_erased_everywhere(laptops: dict[str, Cli], erased: list[str], kept: list[str]) -> None:
    """No table of any decrypted store holds the erased client's canaries; the other client's are still there."""
    for name, laptop in laptops.items():
        store = Store.unlock(laptop.data_dir, PASSPHRASE)
        try:
            tables = _decrypted_tables(store)
        finally:
            store.close()
        values = "\n".join(tables.values())
        if name in ("ana", "sam"):  # the positive control: the other client is still readable where it was
            assert all(canary in values for canary in kept), name
        holding = sorted({table for table, text in tables.items() for canary in erased if canary in text})
        assert holding == [], f"{name} still holds the erased client in {holding}"
