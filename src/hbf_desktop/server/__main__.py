"""`hbf-server`: run the sync server and administer it from the command line.

Errors a person can meet print one line, `hbf-server: error: …`, and exit 1; usage errors exit 2 (argparse).
Heavy imports (FastAPI, uvicorn, SQLAlchemy) happen inside the handlers so `--help` and `--version` start at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hbf_desktop import __version__

if TYPE_CHECKING:
    from hbf_desktop.server.sql_storage import SqlStorage

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8443
log = logging.getLogger("hbf_server")


def build_parser() -> argparse.ArgumentParser:
    from hbf_desktop.server.settings import DEFAULT_ENROLMENT_HOURS, DEFAULT_RETENTION_DAYS

    parser = argparse.ArgumentParser(prog="hbf-server", description="The HBF Desktop sync server.")
    parser.add_argument("--version", action="version", version=f"hbf-server {__version__}")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--data-dir", help="where the server keeps its files (default: the per-user data directory)")
    where.add_argument("--database-url", help="sqlite:///FILE (default, in the data directory) or postgresql://…")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", parents=[where], help="run the server (migrates the database first)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)")
    serve.add_argument("--updates-dir", help="serve this TUF repository (from org release-update) at /v1/updates/")
    init = commands.add_parser("init", parents=[where], help="create the database; pin the organisation")
    init.add_argument("--provisioning", type=Path, help="the organisation's provisioning file (root key, id)")
    code = commands.add_parser("enrol-code", parents=[where], help="make a one-time enrolment code")
    code.add_argument("--user", required=True, help="the person the device will belong to")
    code.add_argument("--role", required=True, choices=["worker", "supervisor"])
    code.add_argument("--expires-hours", type=float, default=DEFAULT_ENROLMENT_HOURS, help="default %(default)s")
    commands.add_parser("devices", parents=[where], help="list enrolled devices")
    revoke = commands.add_parser("revoke", parents=[where], help="revoke a device: it can no longer sync")
    revoke.add_argument("device", metavar="DEVICE")
    revoke.add_argument("--reason", default="", help="why (shown to supervisors)")
    purge = commands.add_parser("purge", parents=[where], help="delete batches every recipient has acknowledged")
    purge.add_argument("--older-than-days", type=float, default=DEFAULT_RETENTION_DAYS, help="default %(default)s")
    commands.add_parser("stats", parents=[where], help="show what the server holds")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file the server makes (database, WAL, logs) is for its own user only
    arguments = build_parser().parse_args(argv)
    try:
        return _HANDLERS[arguments.command](arguments)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the edge: a person sees one line, never a traceback
        message = _person_message(error)
        if message is None:
            raise
        print(f"hbf-server: error: {message}", file=sys.stderr)
        return 1


def _person_message(error: Exception) -> str | None:
    from sqlalchemy.exc import OperationalError

    from hbf_desktop.server.admin import AdminError
    from hbf_desktop.server.settings import SettingsError

    if isinstance(error, (AdminError, SettingsError)):
        return str(error)
    if isinstance(error, OperationalError):
        return f"cannot use the database: {str(error.orig).strip().splitlines()[0] if error.orig else error}"
    if isinstance(error, OSError):
        return f"{error.strerror or error} ({error.filename or 'network'})"
    return None


def _open(arguments: argparse.Namespace) -> SqlStorage:
    from hbf_desktop.server.settings import prepare_data_dir, resolve_settings
    from hbf_desktop.server.sql_storage import SqlStorage

    settings = resolve_settings(arguments.data_dir, arguments.database_url)
    prepare_data_dir(settings)
    return SqlStorage.open(settings.database_url)


def _serve(arguments: argparse.Namespace) -> int:
    import socket

    import uvicorn

    from hbf_desktop.server.app import create_app
    from hbf_desktop.server.settings import prepare_data_dir, resolve_settings
    from hbf_desktop.server.sql_storage import SqlStorage

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    settings = resolve_settings(arguments.data_dir, arguments.database_url, updates_dir=arguments.updates_dir)
    prepare_data_dir(settings)
    storage = SqlStorage.open(settings.database_url)
    app = create_app(settings, storage)
    family = socket.AF_INET6 if ":" in arguments.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((arguments.host, arguments.port))
    listener.listen(128)
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"hbf-server: listening on http://{shown}:{port}", flush=True)
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off", server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        storage.close()
    return 0


def _admin(command: Callable[[SqlStorage, argparse.Namespace, int], list[str]]) -> Callable[[argparse.Namespace], int]:
    def handler(arguments: argparse.Namespace) -> int:
        storage = _open(arguments)
        try:
            for line in command(storage, arguments, int(time.time())):
                print(line)
        finally:
            storage.close()
        return 0

    return handler


def _commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    from hbf_desktop.server import admin

    return {
        "init": _admin(lambda storage, a, _now: admin.init(storage, a.provisioning)),
        "enrol-code": _admin(lambda storage, a, now: admin.enrol_code(storage, a.user, a.role, a.expires_hours, now)),
        "devices": _admin(lambda storage, _a, _now: admin.list_devices(storage)),
        "revoke": _admin(lambda storage, a, now: admin.revoke(storage, a.device, a.reason, now)),
        "purge": _admin(lambda storage, a, now: admin.purge(storage, a.older_than_days, now)),
        "stats": _admin(lambda storage, _a, _now: admin.stats(storage)),
    }


class _Handlers(dict[str, Callable[[argparse.Namespace], int]]):
    """Built on first use, so `--help` does not import SQLAlchemy."""

    def __missing__(self, command: str) -> Callable[[argparse.Namespace], int]:
        self.update(_commands(), serve=_serve)
        return self[command]


_HANDLERS = _Handlers()


if __name__ == "__main__":
    sys.exit(main())
