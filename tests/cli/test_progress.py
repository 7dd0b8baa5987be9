"""Progress on stderr for backup, restore and export when stderr is a terminal; stdout and exit codes unchanged;
Ctrl+C in the middle of a backup leaves no file."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hbf_desktop.domain.ids import new_id
from hbf_desktop.store.casework import create_client
from hbf_desktop.store.store import Store
from tests.cli.helpers import Cli, make_cli
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    made = make_cli(tmp_path_factory.mktemp("cli"))
    made.run("init", "--user", "cli.worker")
    source = made.temp_dir / "clients.jsonl"
    lines = [json.dumps({"type": "client", "id": new_id(), "pseudonym_code": f"HB-P{i:04d}"}) for i in range(1200)]
    source.write_text("\n".join(lines) + "\n")
    made.run("import", str(source))
    source.unlink()
    return made


def _environment(cli: Cli) -> dict[str, str]:
    environment = dict(os.environ, TMPDIR=str(cli.temp_dir), HBF_PASSPHRASE_FILE=str(cli.passphrase_file))
    environment["HBF_DATA_DIR"] = str(cli.data_dir)
    return environment


def _start_on_a_terminal(cli: Cli, *arguments: str) -> tuple[subprocess.Popen[str], int]:
    """The command with stderr on a pseudo-terminal (as in a shell) and stdout on a pipe (as in a script)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "hbf_desktop", *arguments],
        stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL, text=True, env=_environment(cli),
    )  # fmt: skip
    os.close(terminal)
    return process, controller


def _read_all(controller: int) -> str:
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks).decode()


def _run_on_a_terminal(cli: Cli, *arguments: str) -> tuple[str, str, int]:
    process, controller = _start_on_a_terminal(cli, *arguments)
    terminal_output = _read_all(controller)
    stdout, _ = process.communicate(timeout=120)
    return stdout, terminal_output, process.returncode


def test_backup_and_restore_draw_progress_on_a_terminal_only(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "store.hbfbackup"
    stdout, terminal, code = _run_on_a_terminal(cli, "backup", "--out", str(backup))
    size = backup.stat().st_size
    assert code == 0 and stdout == f"Wrote an encrypted backup of {size} bytes to {backup}.\n"
    assert "Backing up: " in terminal and "(100%)" in terminal and (" KB (" in terminal or " MB (" in terminal)
    assert terminal.endswith("\n"), "the line is ended"
    piped = cli.run("backup", "--out", str(tmp_path / "piped.hbfbackup"))
    assert piped.stderr == "" and piped.stdout.startswith("Wrote an encrypted backup of ")
    stdout, terminal, code = _run_on_a_terminal(cli, "restore", str(backup), "--data-dir", str(tmp_path / "restored"))
    assert code == 0 and stdout.startswith("Restored the backup into ")
    assert "Restoring: " in terminal and "(100%)" in terminal


def test_export_draws_records_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    stdout, terminal, code = _run_on_a_terminal(cli, "export", "--format", "jsonl", "--out", str(out))
    assert code == 0 and stdout == f"Exported 1200 records (without identity) to {out}.\n"
    assert "Exporting: 1,200 of 1,200 records (100%)" in terminal


def test_ctrl_c_during_a_backup_leaves_no_file(cli: Cli, tmp_path: Path) -> None:
    """A reader on the WAL holds the backup at its opening checkpoint; Ctrl+C lands there, then the reader lets go."""
    folder = tmp_path / "backups"
    folder.mkdir()
    reader = Store.unlock(cli.data_dir, PASSPHRASE)
    create_client(reader, {}, {"known_as": "Reader"})
    wal = reader.paths.sidecars()[0]
    reader.connection.execute("BEGIN")
    reader.connection.execute("SELECT count(*) FROM record").fetchone()
    held = wal.stat().st_size
    try:
        process, controller = _start_on_a_terminal(cli, "backup", "--out", str(folder / "store.hbfbackup"))
        deadline = time.monotonic() + 60
        while wal.stat().st_size == held and time.monotonic() < deadline:  # the command unlocked (its audit entry)
            time.sleep(0.05)
        time.sleep(0.5)  # and went on to the backup's checkpoint, which waits for the reader
        assert process.poll() is None, "the backup is waiting for the reader"
        process.send_signal(signal.SIGINT)
        time.sleep(0.2)
    finally:
        reader.connection.execute("ROLLBACK")
        reader.close()
    terminal = _read_all(controller)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 1 and stdout == ""
    assert "interrupted; nothing was changed" in terminal
    assert list(folder.iterdir()) == [], "no backup, no hidden partial file"
