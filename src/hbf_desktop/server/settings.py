"""Where the server keeps its data and how it is limited: from the command line, the environment, or defaults.

The default is an SQLite file in the per-user data directory ("HBF Server"), so `hbf-server serve` needs no set-up.
The data directory is made 0700 and the database file 0600 before anything is written: the server holds only sealed
bytes, but who enrolled when is still nobody else's business on a shared machine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_VARIABLE = "HBF_SERVER_DATA_DIR"
DATABASE_URL_VARIABLE = "HBF_DATABASE_URL"
UPDATES_DIR_VARIABLE = "HBF_SERVER_UPDATES_DIR"
DATABASE_FILE = "hbf-server.sqlite3"
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
DEFAULT_RATE_PER_MINUTE = 600
DEFAULT_RATE_BURST = 100
DEFAULT_RETENTION_DAYS = 30
DEFAULT_ENROLMENT_HOURS = 72

# Limits can be tuned by the environment only (they are operational, not per-command, choices); tests use them to
# reach a limit quickly.
_LIMIT_VARIABLES = {
    "max_body_bytes": "HBF_SERVER_MAX_BODY_BYTES",
    "rate_per_minute": "HBF_SERVER_RATE_PER_MINUTE",
    "rate_burst": "HBF_SERVER_RATE_BURST",
}


class SettingsError(Exception):
    """A setting a person gave cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ServerSettings:
    data_dir: Path
    database_url: str
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE
    rate_burst: int = DEFAULT_RATE_BURST
    updates_dir: Path | None = None  # the TUF repository served read-only at /v1/updates/ (none: not served)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def resolve_settings(
    data_dir: str | None,
    database_url: str | None,
    environ: Mapping[str, str] | None = None,
    updates_dir: str | None = None,
) -> ServerSettings:
    """Command-line values first, then the environment, then the defaults."""
    environ = os.environ if environ is None else environ
    directory_text = data_dir or environ.get(DATA_DIR_VARIABLE) or platformdirs.user_data_dir("HBF Server", False)
    directory = Path(directory_text).expanduser().resolve()
    url = database_url or environ.get(DATABASE_URL_VARIABLE) or f"sqlite:///{directory / DATABASE_FILE}"
    limits = {name: _positive(environ, variable) for name, variable in _LIMIT_VARIABLES.items() if variable in environ}
    updates_text = updates_dir or environ.get(UPDATES_DIR_VARIABLE)
    updates = _updates_folder(updates_text) if updates_text else None
    return ServerSettings(data_dir=directory, database_url=driver_url(url), updates_dir=updates, **limits)


def _updates_folder(text: str) -> Path:
    """Refuse at start-up a folder that is not there, rather than answering 404 to every laptop for months."""
    folder = Path(text).expanduser().resolve()
    if not folder.is_dir():
        raise SettingsError(f"The updates folder {folder} does not exist; give the folder org release-update writes.")
    return folder


def driver_url(url: str) -> str:
    """Name the driver: `postgresql://` and `postgres://` mean psycopg 3; SQLite uses the standard library's."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    raise SettingsError("The database URL must start with sqlite:/// or postgresql:// (psycopg 3 is the driver).")


def prepare_data_dir(settings: ServerSettings) -> None:
    """Make the data directory (0700) and, for SQLite, the empty database file (0600) before any data exists."""
    try:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(settings.data_dir, 0o700)
        if settings.is_sqlite:
            path = Path(settings.database_url.removeprefix("sqlite:///"))
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            os.chmod(path, 0o600)
    except OSError as error:
        raise SettingsError(f"Cannot prepare the data directory {settings.data_dir}: {error.strerror}.") from None


def _positive(environ: Mapping[str, str], variable: str) -> int:
    text = environ[variable]
    if not text.isdigit() or int(text) < 1:
        raise SettingsError(f"${variable} must be a whole number from 1 (it is {text[:20]!r}).")
    return int(text)
