"""The command line's shape: every command, option and help text, in one place for the README to mirror."""

from __future__ import annotations

import argparse

from hbf_desktop import __version__, cli_keys, cli_org, cli_reports, cli_sync


def _store_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="D",
        help="the store's folder (default: HBF_DATA_DIR, else the per-user data folder)",
    )
    parent.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase from FILE (default: HBF_PASSPHRASE_FILE, else ask)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hbf-desktop",
        description="HBF Desktop: encrypted, offline-first case management. "
        "With no command, opens the application window.",
    )
    parser.add_argument("--version", action="version", version=f"hbf-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="D", dest="top_data_dir", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true", help="check encryption and sealing work here, then exit")
    store = _store_options()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", parents=[store], help="create the encrypted store")
    init.add_argument("--user", help="the caseworker's name for the audit log (default: login)")

    gui = commands.add_parser("gui", parents=[store], help="open the application window")
    gui.set_defaults(command="gui")

    importing = commands.add_parser("import", parents=[store], help="import JSON Lines or CSV (all or nothing)")
    importing.add_argument("file", metavar="FILE", help="a .jsonl file, or a folder of .csv files")

    export = commands.add_parser("export", parents=[store], help="export records")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--out", required=True, metavar="PATH")
    export.add_argument(
        "--include-identity",
        action="store_true",
        help="also export names, contact details, documents and notes",
    )

    demo = commands.add_parser("demo-data", parents=[store], help="add synthetic clients")
    demo.add_argument("--clients", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--start", default="2019-01-01", metavar="YYYY-MM-DD")
    demo.add_argument("--years", type=int, default=6)

    search = commands.add_parser("search", parents=[store], help="find clients")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=int, default=20)

    commands.add_parser("stats", parents=[store], help="counts and sizes")
    commands.add_parser("verify", parents=[store], help="integrity check and audit chain")

    change = commands.add_parser("change-passphrase", parents=[store], help="choose a new passphrase")
    change.add_argument("--new-passphrase-file", metavar="FILE")

    recover = commands.add_parser(
        "recover", parents=[store], help="open with the recovery key and set a new passphrase"
    )
    recover.add_argument("--recovery-key-file", metavar="FILE")
    recover.add_argument("--new-passphrase-file", metavar="FILE")

    backup = commands.add_parser("backup", parents=[store], help="write an encrypted backup")
    backup.add_argument("--out", required=True, metavar="FILE")

    restore = commands.add_parser("restore", parents=[store], help="restore an encrypted backup")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--replace", action="store_true", help="replace an existing store (kept aside, not deleted)")
    cli_keys.add_commands(commands, store)
    cli_org.add_commands(commands, store)
    cli_reports.add_commands(commands, store)
    cli_sync.add_commands(commands, store)
    return parser
