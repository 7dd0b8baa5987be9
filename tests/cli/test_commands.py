"""The headless commands end to end: exit codes, one-line reasons, all-or-nothing import, backup and restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hbf_desktop.domain.ids import new_id
from tests.cli.helpers import Cli, make_cli


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    made = make_cli(tmp_path_factory.mktemp("cli"))
    result = made.run("init", "--user", "cli.worker")
    assert "recovery key" in result.stdout
    made.recovery_key = result.stdout.strip().splitlines()[-1].strip()  # type: ignore[attr-defined]
    return made


def _client_lines(count: int = 2) -> list[str]:
    lines = []
    for index in range(count):
        client_id = new_id()
        lines.append(json.dumps({"type": "client", "id": client_id, "pseudonym_code": f"HB-AB{index:02d}"}))
        identity = {"type": "client_identity", "id": new_id(), "client_id": client_id, "known_as": f"Zorana {index}"}
        lines.append(json.dumps(identity))
    return lines


def _stats(cli: Cli, *options: str) -> str:
    """Record counts and pending changes; not the size, which each unlock's audit entry changes."""
    return "".join(line for line in cli.run("stats", *options).stdout.splitlines(True) if "bytes" not in line)


def test_import_then_search_then_export(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join(_client_lines()) + "\n")
    assert "Imported 4 records" in cli.run("import", str(source)).stdout
    assert "HB-AB01" in cli.run("search", "zorana").stdout
    again = cli.run("import", str(source), check=False)
    assert again.returncode == 1 and "already in the store" in again.stderr, "a second import doubles nothing"
    out = tmp_path / "export.jsonl"
    cli.run("export", "--format", "jsonl", "--out", str(out))
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert {item["type"] for item in exported} == {"client"}
    with_identity = tmp_path / "with-identity.jsonl"
    cli.run("export", "--format", "jsonl", "--out", str(with_identity), "--include-identity")
    assert "Zorana 0" in with_identity.read_text()
    assert oct(with_identity.stat().st_mode & 0o777) == "0o600"


MALFORMED = {
    "bad_json": b'{"type": "client", "id": \n',
    "not_an_object": b"[1, 2, 3]\n",
    "unknown_type": b'{"type": "spaceship", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"}\n',
    "bad_enum": b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": "HB-X", '
    b'"gender": "robot"}\n',
    "missing_required": b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b"}\n',
    "bad_date": b'{"type": "case", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "client_id": '
    b'"0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6c", "status": "open", "opened_on": "01/03/2024"}\n',
    "unknown_foreign_key": b'{"type": "client_identity", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", '
    b'"client_id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a60"}\n',
    "duplicate_id": b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": "HB-1"}\n'
    b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": "HB-2"}\n',
    "huge_line": b'{"type": "client", "note": "' + b"x" * (2 * 1024 * 1024) + b'"}\n',
    "wrong_encoding": b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": '
    b'"HB-\xc9"}\n',
    "bad_id": b'{"type": "client", "id": "42", "pseudonym_code": "HB-1"}\n',
    "unknown_field": b'{"type": "client", "id": "0190a6e4-4c1b-7a4e-9b1e-1c2d3e4f5a6b", "pseudonym_code": "HB-1", '
    b'"favourite_colour": "blue"}\n',
}
EXPECTED_WORDS = {
    "bad_json": "not valid JSON",
    "not_an_object": "JSON object",
    "unknown_type": "must be one of",
    "bad_enum": "not one of the allowed values",
    "missing_required": "Pseudonym code is required",
    "bad_date": "YYYY-MM-DD",
    "unknown_foreign_key": "no client with id",
    "duplicate_id": "more than once",
    "huge_line": "longer than",
    "wrong_encoding": "not UTF-8",
    "bad_id": "must be a UUID",
    "unknown_field": "not a field",
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_malformed_imports_are_refused_with_line_numbers_and_change_nothing(
    cli: Cli, tmp_path: Path, kind: str
) -> None:
    good = "\n".join(_client_lines(1)).encode() + b"\n"
    source = tmp_path / "bad.jsonl"
    source.write_bytes(good + MALFORMED[kind])
    before = _stats(cli)
    result = cli.run("import", str(source), check=False)
    assert result.returncode == 1
    assert EXPECTED_WORDS[kind] in result.stderr
    assert "line 3" in result.stderr or "line 4" in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert _stats(cli) == before


def test_a_wrong_passphrase_gives_one_line_and_exit_1(cli: Cli, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("definitely not it\n")
    result = cli.run("stats", "--passphrase-file", str(wrong), check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not correct" in result.stderr


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli.run("export", check=False).returncode == 2
    assert cli.run("no-such-command", check=False).returncode == 2


def test_backup_restore_and_recover(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "store.hbfbackup"
    cli.run("backup", "--out", str(backup))
    elsewhere = tmp_path / "restored"
    restored = cli.run("restore", str(backup), "--data-dir", str(elsewhere))
    assert "Restored" in restored.stdout
    assert _stats(cli, "--data-dir", str(elsewhere)) == _stats(cli)
    assert "client\t" in _stats(cli), "the backup carried records"
    refused = cli.run("restore", str(backup), "--data-dir", str(elsewhere), check=False)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    replaced = cli.run("restore", str(backup), "--data-dir", str(elsewhere), "--replace")
    assert "kept" in replaced.stdout and any(elsewhere.glob("replaced-*/hbf-store.db"))
    damaged = tmp_path / "damaged.hbfbackup"
    raw = bytearray(backup.read_bytes())
    raw[-5000] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    result = cli.run("restore", str(damaged), "--data-dir", str(tmp_path / "other"), check=False)
    assert result.returncode == 1 and "damaged" in result.stderr
    key_file = tmp_path / "recovery"
    key_file.write_text(cli.recovery_key + "\n")  # type: ignore[attr-defined]
    new_passphrase = tmp_path / "new"
    new_passphrase.write_text("a different long passphrase\n")
    cli.run(
        "recover", "--data-dir", str(elsewhere), "--recovery-key-file", str(key_file),
        "--new-passphrase-file", str(new_passphrase),
    )  # fmt: skip
    assert cli.run("verify", "--data-dir", str(elsewhere), "--passphrase-file", str(new_passphrase)).returncode == 0


def test_weak_passphrases_are_refused_at_init(tmp_path: Path) -> None:
    cli = make_cli(tmp_path)
    cli.passphrase_file.write_text("short\n")
    result = cli.run("init", check=False)
    assert result.returncode == 1 and "at least 12 characters" in result.stderr
    assert not cli.data_dir.exists() or not any(cli.data_dir.iterdir())


def test_demo_data_adds_synthetic_clients_deterministically(tmp_path: Path) -> None:
    first, second = make_cli(tmp_path / "first"), make_cli(tmp_path / "second")
    for cli in (first, second):
        cli.run("init")
        assert "for 5 clients" in cli.run("demo-data", "--clients", "5", "--seed", "9").stdout
    assert "client\t5\n" in _stats(first)
    assert _stats(first) == _stats(second), "the same seed gives the same data"
    assert cli.run("demo-data", "--clients", "0", check=False).returncode == 2
