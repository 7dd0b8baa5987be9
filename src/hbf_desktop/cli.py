"""The headless commands. Each is non-interactive given --passphrase-file, prints what it did, and exits 0; on any
problem it prints one line saying what happened and exits non-zero, with nothing changed."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from hbf_desktop.cli_arguments import build_parser
from hbf_desktop.config import load_policy, resolve_data_dir
from hbf_desktop.domain.interchange import ReadResult, read_csv_folder, read_jsonl
from hbf_desktop.domain.model import DomainError
from hbf_desktop.domain.passphrase import check_passphrase
from hbf_desktop.store import backup as backups
from hbf_desktop.store.connection import DatabaseError
from hbf_desktop.store.exporting import export_records
from hbf_desktop.store.importing import ImportRefusedError, import_records
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import UnlockPolicy

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(DomainError):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.command is None or arguments.command == "gui":
        from hbf_desktop.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(_data_dir(arguments))
    handler = _HANDLERS[arguments.command]
    try:
        return handler(arguments)
    except ImportRefusedError as refused:
        for problem in refused.problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        _fail(f"{len(refused.problems)} problems found; nothing was imported.")
    except UsageError as error:
        _fail(str(error))
        return EXIT_USAGE
    except (DomainError, OSError) as error:
        _fail(str(error))
    except DatabaseError as error:
        _fail(f"the store could not be read ({error}); it may be damaged. Nothing was changed. Run verify.")
    except KeyboardInterrupt:
        _fail("interrupted; nothing was changed.")
    return EXIT_FAILED


def _fail(message: str) -> None:
    print("hbf-desktop: error: " + " ".join(message.split()), file=sys.stderr)


def _data_dir(arguments: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(arguments, "data_dir", None) or arguments.top_data_dir)


def _secret(file_option: str | None, environment: str | None, prompt: str, confirm: bool) -> str:
    """A secret from a file (first line), an environment-named file, or the terminal; never from argv."""
    path = file_option or (os.environ.get(environment) if environment else None)
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read {path}: {error}") from None
        secret = text.splitlines()[0] if text.splitlines() else ""
        if not secret:
            raise UsageError(f"{path} is empty")
        return secret
    if not sys.stdin.isatty():
        raise UsageError("no passphrase given: use --passphrase-file FILE or HBF_PASSPHRASE_FILE")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != secret:
        raise UsageError("the two passphrases differ; nothing was changed")
    return secret


def _passphrase(arguments: argparse.Namespace, *, confirm: bool = False) -> str:
    return _secret(arguments.passphrase_file, "HBF_PASSPHRASE_FILE", "Passphrase: ", confirm)


def _open(arguments: argparse.Namespace) -> Store:
    data_dir = _data_dir(arguments)
    policy = load_policy(data_dir)
    return Store.unlock(
        data_dir,
        _passphrase(arguments),
        policy=UnlockPolicy(policy.erase_after_failed_unlocks),
    )


def _init(arguments: argparse.Namespace) -> int:
    passphrase = _passphrase(arguments, confirm=True)
    check_passphrase(passphrase)
    data_dir = _data_dir(arguments)
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
    with _open(arguments) as store:
        report = import_records(store, result.records)
    details = ", ".join(f"{count} {entity}" for entity, count in sorted(report.counts.items()))
    print(f"Imported {report.total} records ({details}).")
    return EXIT_OK


def _export(arguments: argparse.Namespace) -> int:
    destination = Path(arguments.out)
    with _open(arguments) as store:
        count = export_records(
            store,
            destination,
            file_format=arguments.format,
            include_identity=arguments.include_identity,
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
    with _open(arguments) as store:
        report = import_records(store, result.records)
    print(f"Added {report.total} synthetic records for {arguments.clients} clients.")
    return EXIT_OK


def _search(arguments: argparse.Namespace) -> int:
    with _open(arguments) as store:
        hits = store.search(arguments.text, limit=arguments.limit)
        for hit in hits:
            client = store.records.get(hit.client_id)
            code = client.values.get("pseudonym_code", "?") if client else "?"
            print(f"{code}\t{hit.client_id}\tmatched in {hit.matched_in}")
    if not hits:
        print("No clients found.")
    return EXIT_OK


def _stats(arguments: argparse.Namespace) -> int:
    with _open(arguments) as store:
        stats = store.stats()
    for entity, count in sorted(stats.records_by_entity.items()):
        print(f"{entity}\t{count}")
    print(f"changes waiting to sync\t{stats.pending_changes}")
    print(f"store size (bytes)\t{stats.database_bytes}")
    print(f"schema version\t{stats.schema_version}")
    return EXIT_OK


def _verify(arguments: argparse.Namespace) -> int:
    with _open(arguments) as store:
        problems = store.verify()
    if problems:
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        raise DomainError(f"the store failed {len(problems)} checks (listed above)")
    print("The store is intact: every page verified, integrity ok, audit chain whole.")
    return EXIT_OK


def _change_passphrase(arguments: argparse.Namespace) -> int:
    current = _passphrase(arguments)
    new = _secret(arguments.new_passphrase_file, None, "New passphrase: ", True)
    check_passphrase(new)
    with _open(arguments) as store:
        store.change_passphrase(current, new)
    print("Passphrase changed.")
    return EXIT_OK


def _recover(arguments: argparse.Namespace) -> int:
    code = _secret(arguments.recovery_key_file, "HBF_RECOVERY_KEY_FILE", "Recovery key: ", False)
    new = _secret(arguments.new_passphrase_file, None, "New passphrase: ", True)
    check_passphrase(new)
    Store.recover(_data_dir(arguments), code, new).close()
    print("Store opened with the recovery key; the new passphrase is set.")
    return EXIT_OK


def _backup(arguments: argparse.Namespace) -> int:
    destination = Path(arguments.out)
    with _open(arguments) as store:
        size = backups.write_backup(store, destination)
    print(f"Wrote an encrypted backup of {size} bytes to {destination}.")
    return EXIT_OK


def _restore(arguments: argparse.Namespace) -> int:
    data_dir = _data_dir(arguments)
    aside = backups.restore_backup(Path(arguments.file), data_dir, _passphrase(arguments), replace=arguments.replace)
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
