"""Sync commands: `enrol`, `sync` (a round with the server, or a USB bundle out or in), `device-keys`,
`escrow-recover` and `assign` (a supervisor's reassignment, with a note for the caseworker).

Heavy imports (cryptography, the sync engine) happen inside the handlers, so other commands start fast.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from hbf_desktop.cli_common import EXIT_OK, UsageError, open_store, read_secret, store_dir


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], store_options: argparse.ArgumentParser
) -> None:
    enrol = commands.add_parser(
        "enrol", parents=[store_options], help="register this laptop with the organisation and its sync server"
    )
    enrol.add_argument("--provisioning", metavar="FILE", help="the organisation's provisioning file (kept for later)")
    enrol.add_argument("--server", metavar="URL", help="the sync server (default: the provisioning file's)")
    enrol.add_argument("--code", metavar="CODE", help="the one-time enrolment code from an administrator")
    enrol.add_argument(
        "--code-file",
        metavar="FILE",
        help="read the enrolment code from FILE (default: HBF_ENROL_CODE_FILE); keeps it out of process lists",
    )
    enrol.add_argument("--directory", metavar="FILE", help="a signed directory file, to work by USB bundle only")
    enrol.add_argument("--label", default="", help="a name for this laptop (not client data)")

    sync = commands.add_parser("sync", parents=[store_options], help="send and receive changes once")
    way = sync.add_mutually_exclusive_group()
    way.add_argument("--export-bundle", metavar="FILE", help="write the pending sealed batches to FILE (for USB)")
    way.add_argument("--import-bundle", metavar="FILE", help="take in a bundle written on another laptop")

    keys = commands.add_parser("device-keys", parents=[store_options], help="write this laptop's public keys")
    keys.add_argument("--out", required=True, metavar="FILE")

    escrow = commands.add_parser(
        "escrow-recover", parents=[store_options],
        help="(supervisor) set a new passphrase on a caseworker's store with its escrowed key",
    )  # fmt: skip
    escrow.add_argument("--laptop-data-dir", required=True, metavar="D", help="the caseworker's store folder")
    escrow.add_argument("--new-passphrase-file", metavar="FILE", help="the caseworker's new passphrase")

    assign = commands.add_parser(
        "assign", parents=[store_options], help="(supervisor) assign a client to a caseworker's laptop, with a note"
    )
    assign.add_argument("client_id", metavar="CLIENT_ID")
    assign.add_argument("--worker", required=True, metavar="USER_OR_DEVICE", help="the caseworker or device id")
    assign.add_argument("--note", metavar="TEXT", help="a note for the caseworker (a follow-up task on the case)")


def _enrolment_code(arguments: argparse.Namespace) -> str | None:
    """The code from --code-file (or HBF_ENROL_CODE_FILE) when given: a code on the command line shows in process
    lists and shell history, and stays valid until it expires if the enrolment fails."""
    if arguments.code_file or os.environ.get("HBF_ENROL_CODE_FILE"):
        return read_secret(arguments.code_file, "HBF_ENROL_CODE_FILE", "Enrolment code: ", False).strip()
    return str(arguments.code) if arguments.code else None


def _enrol(arguments: argparse.Namespace) -> int:
    from hbf_desktop.config import ProvisioningError, load_provisioning, save_provisioning
    from hbf_desktop.sync.enrolment import enrol_with_server, take_directory
    from hbf_desktop.sync.errors import NotSetUpError
    from hbf_desktop.sync.identity import device_keys, held_directory, is_supervisor, pin_root

    code = _enrolment_code(arguments)
    if not (code or arguments.directory):
        raise UsageError(
            "give --code-file FILE or --code CODE (to enrol with the server) or --directory FILE (bundles)"
        )
    data_dir = store_dir(arguments)
    with open_store(arguments) as store:
        try:
            provisioning = (
                save_provisioning(data_dir, _read(arguments.provisioning))
                if arguments.provisioning
                else load_provisioning(data_dir)
            )
        except ProvisioningError as error:
            raise NotSetUpError(str(error)) from None
        if provisioning is None:
            raise NotSetUpError("No provisioning file: give --provisioning FILE (from the organisation's IT).")
        root = pin_root(store, provisioning)
        print(f"Organisation {provisioning.organisation_name}: root key {root.key_id} (compare with what IT read out).")
        keys = device_keys(store)
        if arguments.directory:
            take_directory(store, provisioning, _read(arguments.directory))
        if code:
            result = enrol_with_server(store, provisioning, code, server_url=arguments.server,
                                       label=arguments.label)  # fmt: skip
            print(f"Enrolled with {result.server_url} as {result.user} ({result.role}).")
        directory = held_directory(store)
        print(f"This laptop: device {store.author.device_id}, signing key {keys.signing.public_key().key_id}.")
        if directory is None:
            print("No organisation directory yet: sync starts once the administrator publishes one.")
        else:
            role = "a supervisor" if is_supervisor(directory, keys) else "a caseworker"
            count = len(directory.supervisors)
            print(f"Directory version {directory.version}: {count} supervisors; this laptop is {role}.")
    return EXIT_OK


def _sync(arguments: argparse.Namespace) -> int:
    from hbf_desktop.sync.bundle import export_bundle, import_bundle
    from hbf_desktop.sync.rounds import client_for, run_round

    with open_store(arguments) as store:
        if arguments.export_bundle:
            count = export_bundle(store, Path(arguments.export_bundle))
            print(f"Wrote {count} sealed batches to {arguments.export_bundle}.")
            return EXIT_OK
        if arguments.import_bundle:
            received = import_bundle(store, Path(arguments.import_bundle))
            merged = received.merged
            print(
                f"Imported {received.applied} batches ({received.duplicates} already held, {received.waiting} "
                f"waiting, {received.forks} forked, {received.rejected} refused): {merged.created} new records, "
                f"{merged.updated} updated, {merged.deleted} deleted, {merged.conflicts} conflicts to review."
            )
            for reason in received.reasons:
                print(f"  set aside: {reason}")
            return EXIT_OK
        report = run_round(store, client_for(store))
        for line in report.lines():
            print(line)
    return EXIT_OK


def _device_keys(arguments: argparse.Namespace) -> int:
    from hbf_desktop.store.files import write_private_file_atomically
    from hbf_desktop.sync.identity import public_key_file

    with open_store(arguments) as store:
        write_private_file_atomically(Path(arguments.out), public_key_file(store))
    print(f"Wrote this laptop's public keys to {arguments.out}; give the file to the organisation's administrator.")
    return EXIT_OK


def _escrow_recover(arguments: argparse.Namespace) -> int:
    from hbf_desktop.cli_common import read_secret
    from hbf_desktop.sync.escrow import recover_with_escrow

    new = read_secret(arguments.new_passphrase_file, None, "New passphrase for the caseworker: ", True)
    with open_store(arguments) as store:
        device_id = recover_with_escrow(store, Path(arguments.laptop_data_dir), new)
    print(f"The store of device {device_id} in {arguments.laptop_data_dir} now opens with the new passphrase.")
    return EXIT_OK


def _assign(arguments: argparse.Namespace) -> int:
    from hbf_desktop.sync.downsync import assign_client

    with open_store(arguments) as store:
        done = assign_client(store, arguments.client_id, arguments.worker, arguments.note)
    print(f"Client {arguments.client_id} is assigned to {done.user}'s laptop (device {done.device_id}); "
          f"{done.queued} changes queued for it.")  # fmt: skip
    if done.note_id is not None:
        print(f"Note queued for {done.user} as follow-up task {done.note_id}.")
    print("Run 'hbf-desktop sync' (or export a bundle) to send them; only that laptop can open them.")
    return EXIT_OK


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "enrol": _enrol,
    "sync": _sync,
    "device-keys": _device_keys,
    "escrow-recover": _escrow_recover,
    "assign": _assign,
}
