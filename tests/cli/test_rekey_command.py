"""`hbf-desktop rekey` and `new-recovery-key` as a person runs them: the new recovery key printed once, Ctrl+C and
a wrong passphrase changing nothing, a store in use refused, an interrupted re-key's unseen key replaced."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import PAUSE_ENVIRONMENT, STAGING
from hbf_desktop.store.store import Store
from tests.cli.helpers import Cli, make_cli
from tests.conftest import StoreTemplate


@pytest.fixture
def cli(tmp_path: Path, store_template: StoreTemplate) -> Cli:
    made = make_cli(tmp_path)
    shutil.copytree(store_template.directory, made.data_dir)  # floor KDF parameters: fast
    return made


def _files(cli: Cli) -> dict[str, bytes]:
    paths = StorePaths(cli.data_dir)
    return {path.name: path.read_bytes() for path in (paths.database, paths.key_file)}


def _start(cli: Cli, *arguments: str, pause: str | None = None) -> subprocess.Popen[str]:
    environment = dict(os.environ, TMPDIR=str(cli.temp_dir), HBF_PASSPHRASE_FILE=str(cli.passphrase_file))
    environment["HBF_DATA_DIR"] = str(cli.data_dir)
    environment.pop(PAUSE_ENVIRONMENT, None)
    if pause:
        environment[PAUSE_ENVIRONMENT] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "hbf_desktop", *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment, text=True,
    )  # fmt: skip


def _recovery_key(stdout: str) -> str:
    lines = stdout.splitlines()
    return next(lines[i + 1].strip() for i, line in enumerate(lines) if "recovery key (shown only now" in line)


def test_rekey_prints_a_new_recovery_key_and_old_backups_still_open(
    cli: Cli, tmp_path: Path, store_template: StoreTemplate
) -> None:
    cli.run("import", str(_clients(tmp_path)))
    backup = tmp_path / "before.hbfbackup"
    cli.run("backup", "--out", str(backup))
    stats_before = cli.run("stats").stdout.splitlines()[:2]

    result = cli.run("rekey")

    assert "old recovery key no longer opens this store" in result.stdout
    assert "(100%)" not in result.stderr, "progress is drawn only on a terminal; a pipe gets none"
    new_key = _recovery_key(result.stdout)
    assert new_key != store_template.recovery_key
    assert cli.run("stats").stdout.splitlines()[:2] == stats_before
    assert cli.run("verify").returncode == 0
    secrets = tmp_path / "secrets"
    (secrets / "old").write_text(store_template.recovery_key + "\n")
    (secrets / "new").write_text(new_key + "\n")
    (secrets / "passphrase2").write_text("another long passphrase 9\n")
    recover = ("recover", "--new-passphrase-file", str(secrets / "passphrase2"), "--recovery-key-file")
    refused = cli.run(*recover, str(secrets / "old"), check=False)
    assert refused.returncode == 1 and "does not open this store" in refused.stderr
    cli.run(*recover, str(secrets / "new"))
    # The backup made before the re-key carries its own key file: the passphrase of its time opens it.
    restored = tmp_path / "restored"
    cli.run("restore", str(backup), "--data-dir", str(restored))
    assert cli.run("stats", "--data-dir", str(restored)).stdout.splitlines()[:2] == stats_before


def _clients(tmp_path: Path) -> Path:
    source = tmp_path / "clients.jsonl"
    source.write_text('{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": "HB-RK01"}\n')
    return source


def test_a_wrong_passphrase_exits_1_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    before = _files(cli)
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    result = cli.run("rekey", "--passphrase-file", str(wrong), check=False)
    assert result.returncode == 1 and "not correct" in result.stderr
    assert _files(cli) == before and not (cli.data_dir / STAGING).exists()


def test_ctrl_c_cancels_and_changes_nothing(cli: Cli) -> None:
    before = _files(cli)
    child = _start(cli, "rekey")
    assert child.stderr is not None
    assert "Re-keying the store" in child.stderr.readline()  # now deriving the key, before the copy starts
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 1 and "cancelled" in err and "recovery key" not in out
    assert _files(cli) == before and not (cli.data_dir / STAGING).exists()


def test_a_store_open_elsewhere_is_refused(cli: Cli, store_template: StoreTemplate) -> None:
    with Store.open_with_key(cli.data_dir, bytearray(store_template.data_key)):
        result = cli.run("rekey", check=False)
    assert result.returncode == 1 and "in use by another program" in result.stderr


def test_a_rekey_killed_after_its_commit_point_asks_for_a_new_recovery_key(cli: Cli) -> None:
    child = _start(cli, "rekey", pause="committed")
    assert child.stderr is not None
    while "rekey paused at committed" not in child.stderr.readline():
        pass
    child.send_signal(signal.SIGKILL)
    child.communicate()
    warned = cli.run("stats")
    assert "new-recovery-key" in warned.stderr, "the re-key's recovery key was never shown"
    made = cli.run("new-recovery-key")
    assert len(_recovery_key(made.stdout).split("-")) == 9
    assert "new-recovery-key" not in cli.run("stats").stderr
