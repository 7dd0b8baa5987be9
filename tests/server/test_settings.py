"""Where the server's settings come from: the command line, then the environment, then defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from hbf_desktop.server.settings import SettingsError, driver_url, resolve_settings


def test_command_line_wins_over_environment(tmp_path: Path) -> None:
    environment = {"HBF_SERVER_DATA_DIR": str(tmp_path / "env"), "HBF_DATABASE_URL": "postgresql://u@h/env"}
    settings = resolve_settings(str(tmp_path / "cli"), "postgresql://u@h/cli", environment)
    assert settings.data_dir == tmp_path / "cli"
    assert settings.database_url == "postgresql+psycopg://u@h/cli"
    from_environment = resolve_settings(None, None, environment)
    assert from_environment.data_dir == tmp_path / "env"
    assert from_environment.database_url == "postgresql+psycopg://u@h/env"


def test_default_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = resolve_settings(str(tmp_path), None, {})
    assert settings.database_url == f"sqlite:///{tmp_path / 'hbf-server.sqlite3'}"
    assert settings.is_sqlite and settings.max_body_bytes == 16 * 1024 * 1024
    assert (settings.rate_per_minute, settings.rate_burst) == (600, 100)


def test_urls_and_limits_are_checked(tmp_path: Path) -> None:
    assert driver_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(SettingsError, match="sqlite:///"):
        driver_url("mysql://u@h/db")
    with pytest.raises(SettingsError, match="HBF_SERVER_RATE_BURST"):
        resolve_settings(str(tmp_path), None, {"HBF_SERVER_RATE_BURST": "0"})
    limited = resolve_settings(str(tmp_path), None, {"HBF_SERVER_MAX_BODY_BYTES": "1000"})
    assert limited.max_body_bytes == 1000
