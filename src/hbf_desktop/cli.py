"""The headless commands. Each is non-interactive given --passphrase-file, prints what it did, and exits 0; on any
problem it prints one line saying what happened and exits non-zero, with nothing changed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from hbf_desktop import cli_keys, cli_org, cli_reports, cli_sync
from hbf_desktop.cli_arguments import build_parser
from hbf_desktop.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    fail,
    open_store,
    read_passphrase,
    read_secret,
    store_dir,
)
from hbf_desktop.cli_progress import TerminalProgress
from hbf_desktop.domain.interchange import ReadResult, read_csv_folder, read_jsonl
from hbf_desktop.domain.model import DomainError
from hbf_desktop.domain.passphrase import check_passphrase
from hbf_desktop.store import backup as backups
from hbf_desktop.store.connection import DatabaseError
from hbf_desktop.store.exporting import export_records
from hbf_desktop.store.importing import ImportRefusedError, import_records
from hbf_desktop.store.store import Store


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.self_test:
        arguments.command = "self-test"
    if arguments.command is None or arguments.command == "gui":
        from hbf_desktop.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(store_dir(arguments))
    handler = _HANDLERS[arguments.command]
    try:
        return handler(arguments)
    except ImportRefusedError as refused:
        for problem in refused.problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        fail(f"{len(refused.problems)} problems found; nothing was imported.")
    except UsageError as error:
        fail(str(error))
        return EXIT_USAGE
    except (DomainError, OSError) as error:
        fail(str(error))
    except DatabaseError as error:
        fail(f"the store could not be read ({error}); it may be damaged. Nothing was changed. Run verify.")
    except KeyboardInterrupt:
        fail("interrupted; nothing was changed.")
    return EXIT_FAILED


def _init(arguments: argparse.Namespace) -> int:
    passphrase = read_passphrase(arguments, confirm=True)
    check_passphrase(passphrase)
    data_dir = store_dir(arguments)
    store, recovery_key = Store.create(data_dir, passphrase, user=arguments.user)
    store.close()
    print(f"Created an encrypted store in {data_dir}.")
    print("Your recovery key (shown only now; write it down and keep it somewhere safe):")
    print(f"  {recovery_key}")
    return EXIT_OK


def _read_interchange(path: Path) -> ReadResult:
    if path.is_dir():
        return read_csv_folder(path)
    if path.suffix.lower() == ".csv":
        return read_csv_folder(path.parent, only=path.stem)
    with open(path, "rb") as stream:
        return read_jsonl(stream)


def _import(arguments: argparse.Namespace) -> int:
    result = _read_interchange(Path(arguments.file))
    if result.problems:
        raise ImportRefusedError(result.problems)
    with open_store(arguments) as store:
        report = import_records(store, result.records)
    details = ", ".join(f"{count} {entity}" for entity, count in sorted(report.counts.items()))
    print(f"Imported {report.total} records ({details}).")
    return EXIT_OK


def _export(arguments: argparse.Namespace) -> int:
    destination = Path(arguments.out)
    with open_store(arguments) as store, TerminalProgress("Exporting", in_bytes=False) as progress:
        count = export_records(
            store,
            destination,
            file_format=arguments.format,
            include_identity=arguments.include_identity,
            progress=progress,
        )
    kind = "including identity and notes" if arguments.include_identity else "without identity"
    print(f"Exported {count} records ({kind}) to {destination}.")
    return EXIT_OK


def _demo_data(arguments: argparse.Namespace) -> int:
    from hbf_desktop.domain.interchange import records_from_dicts
    from hbf_desktop.synthetic import generate

    if arguments.clients < 1:
        raise UsageError("--clients must be at least 1")
    generated = generate(
        clients=arguments.clients,
        seed=arguments.seed,
        start_date=date.fromisoformat(arguments.start),
        years=arguments.years,
    )
    result = records_from_dicts(generated)
    if result.problems:
        raise ImportRefusedError(result.problems)
    with open_store(arguments) as store:
        report = import_records(store, result.records)
    print(f"Added {report.total} synthetic records for {arguments.clients} clients.")
    return EXIT_OK


def _search(arguments: argparse.Namespace) -> int:
    with open_store(arguments) as store:
        hits = store.search(arguments.text, limit=arguments.limit)
        for hit in hits:
            client = store.records.get(hit.client_id)
            code = client.values.get("pseudonym_code", "?") if client else "?"
            print(f"{code}\t{hit.client_id}\tmatched in {hit.matched_in}")
    if not hits:
        print("No clients found.")
    return EXIT_OK


def _stats(arguments: argparse.Namespace) -> int:
    with open_store(arguments) as store:
        stats = store.stats()
    for entity, count in sorted(stats.records_by_entity.items()):
        print(f"{entity}\t{count}")
    print(f"changes waiting to sync\t{stats.pending_changes}")
    print(f"store size (bytes)\t{stats.database_bytes}")
    print(f"schema version\t{stats.schema_version}")
    return EXIT_OK


def _verify(arguments: argparse.Namespace) -> int:
    with open_store(arguments) as store:
        problems = store.verify()
    if problems:
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        raise DomainError(f"the store failed {len(problems)} checks (listed above)")
    print("The store is intact: every page verified, integrity ok, audit chain whole.")
    return EXIT_OK


def _change_passphrase(arguments: argparse.Namespace) -> int:
    current = read_passphrase(arguments)
    new = read_secret(arguments.new_passphrase_file, None, "New passphrase: ", True)
    check_passphrase(new)
    with open_store(arguments) as store:
        store.change_passphrase(current, new)
    print("Passphrase changed.")
    return EXIT_OK


def _recover(arguments: argparse.Namespace) -> int:
    code = read_secret(arguments.recovery_key_file, "HBF_RECOVERY_KEY_FILE", "Recovery key: ", False)
    new = read_secret(arguments.new_passphrase_file, None, "New passphrase: ", True)
    check_passphrase(new)
    Store.recover(store_dir(arguments), code, new).close()
    print("Store opened with the recovery key; the new passphrase is set.")
    return EXIT_OK


def _backup(arguments: argparse.Namespace) -> int:
    destination = Path(arguments.out)
    with open_store(arguments) as store, TerminalProgress("Backing up", in_bytes=True) as progress:
        size = backups.write_backup(store, destination, progress=progress)
    print(f"Wrote an encrypted backup of {size} bytes to {destination}.")
    return EXIT_OK


def _restore(arguments: argparse.Namespace) -> int:
    data_dir = store_dir(arguments)
    passphrase = read_passphrase(arguments)
    with TerminalProgress("Restoring", in_bytes=True) as progress:
        aside = backups.restore_backup(
            Path(arguments.file), data_dir, passphrase, replace=arguments.replace, progress=progress
        )
    print(f"Restored the backup into {data_dir}.")
    if aside is not None:
        print(f"The previous store was kept, still encrypted, in {aside}.")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": _init,
    "import": _import,
    "export": _export,
    "demo-data": _demo_data,
    "search": _search,
    "stats": _stats,
    "verify": _verify,
    "change-passphrase": _change_passphrase,
    "recover": _recover,
    "backup": _backup,
    "restore": _restore,
}
_HANDLERS.update(cli_keys.HANDLERS)
_HANDLERS.update(cli_org.HANDLERS)
_HANDLERS.update(cli_reports.HANDLERS)
_HANDLERS.update(cli_sync.HANDLERS)
