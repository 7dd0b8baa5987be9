"""`hbf-server` as a person uses it: no set-up needed to serve, admin commands, one-line errors."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from hbf_desktop import __version__
from tests.server.harness import Device, RunningServer, run_cli, server_command
from tests.server.problems import problem


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"hbf-server {__version__}"


def test_serve_needs_no_set_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "nothing-here-yet"
    environment = {**os.environ, "HBF_SERVER_DATA_DIR": str(data_dir)}
    environment.pop("HBF_DATABASE_URL", None)
    process = subprocess.Popen(
        [*server_command(), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("hbf-server: listening on http://127.0.0.1:")
        health = httpx.get(line.rsplit(" ", 1)[1] + "/v1/health")
        assert health.status_code == 200 and health.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=15)
        assert process.stdout is not None
        process.stdout.close()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    database = data_dir / "hbf-server.sqlite3"
    assert database.stat().st_mode & 0o777 == 0o600


def test_admin_commands(server: RunningServer, enrolled: Callable[..., Device]) -> None:
    made = run_cli("enrol-code", "--user", "ivy", "--role", "worker", *server.where)
    assert made.returncode == 0, made.stderr
    device = Device(server)
    assert device.enrol(made.stdout.split()[-1]).status_code == 201
    listed = run_cli("devices", *server.where)
    assert listed.returncode == 0 and device.device_id in listed.stdout and "ivy" in listed.stdout
    revoked = run_cli("revoke", device.device_id, "--reason", "lost", *server.where)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    problem(device.request("GET", "/v1/batches"), 403, "device-revoked")
    stats = run_cli("stats", *server.where)
    assert stats.returncode == 0 and "devices:" in stats.stdout and "revoked" in stats.stdout


def test_purge_removes_only_batches_every_recipient_acknowledged(
    server: RunningServer, enrolled: Callable[..., Device]
) -> None:
    supervisor, second, worker = enrolled("supervisor"), enrolled("supervisor"), enrolled("worker")
    both, _ = worker.send(b"{}", [supervisor.recipient, second.recipient])
    only_first, _ = worker.send(b"{}", [supervisor.recipient])
    cursor = supervisor.request("GET", "/v1/batches").json()["next_cursor"]
    assert supervisor.json("POST", "/v1/acks", {"cursor": cursor}).status_code == 200
    time.sleep(1.1)
    assert run_cli("purge", "--older-than-days", "30", *server.where).returncode == 0
    assert supervisor.request("GET", f"/v1/batches/{only_first}").status_code == 200  # too recent
    purged = run_cli("purge", "--older-than-days", "0", *server.where)
    assert purged.returncode == 0 and purged.stdout.startswith("Purged ")
    problem(supervisor.request("GET", f"/v1/batches/{only_first}"), 404, "not-found")
    assert supervisor.request("GET", f"/v1/batches/{both}").status_code == 200  # the second has not acknowledged


def test_errors_are_one_line(server: RunningServer, tmp_path: Path) -> None:
    unknown = run_cli("revoke", "no-such-device", *server.where)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("hbf-server: error: ") and len(unknown.stderr.strip().splitlines()) == 1
    usage = run_cli("enrol-code", "--user", "x", "--role", "boss", *server.where)
    assert usage.returncode == 2
    bad_url = run_cli("stats", "--data-dir", str(tmp_path), "--database-url", "mysql://x")
    assert bad_url.returncode == 1 and bad_url.stderr.startswith("hbf-server: error: ")
    missing = run_cli("init", "--provisioning", str(tmp_path / "absent.json"), "--data-dir", str(tmp_path / "d"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    (tmp_path / "bad.json").write_text('{"format": "something else"}')
    wrong = run_cli("init", "--provisioning", str(tmp_path / "bad.json"), "--data-dir", str(tmp_path / "d"))
    assert wrong.returncode == 1 and "provisioning" in wrong.stderr
    unreachable = run_cli(
        "stats", "--database-url", "postgresql://postgres@127.0.0.1:1/none", "--data-dir", str(tmp_path)
    )
    assert unreachable.returncode == 1 and unreachable.stderr.startswith("hbf-server: error: ")
    assert len(unreachable.stderr.strip().splitlines()) == 1
